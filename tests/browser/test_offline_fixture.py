"""End to end: the vendored assets load from /app/static and nothing leaves the machine."""

from __future__ import annotations

from playwright.sync_api import expect

FIXTURE_APP = "tests/fixtures/offline_map_app.py"
SQUARE_COUNT = 4


def _assert_offline(page_log) -> None:
    assert page_log.external_requests == []
    assert page_log.failed_requests == []
    assert page_log.page_errors == []
    assert page_log.console_errors == []


def test_squares_draw_offline_and_a_click_reaches_python(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(FIXTURE_APP))
    frame = map_frame(page)
    paths = wait_for_polygons(frame, SQUARE_COUNT)
    expect(paths).to_have_count(SQUARE_COUNT)
    expect(page.get_by_text("selected: none")).to_be_visible()

    vendored = [url for url in page_log.requests if "/app/static/vendor/" in url]
    assert any(url.endswith("/leaflet/leaflet.js") for url in vendored), page_log.requests
    assert not any("jquery" in url for url in vendored), "no popup on this map: jQuery must not load"

    paths.nth(1).hover()  # second feature = A2
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("甲二")
    paths.nth(1).click()
    expect(page.get_by_text("selected: A2")).to_be_visible()

    paths.nth(2).click()  # B1
    expect(page.get_by_text("selected: B1")).to_be_visible()
    _assert_offline(page_log)


def test_every_vendored_plugin_loads_and_runs(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(FIXTURE_APP) + "/?plugins=all")
    frame = map_frame(page)
    wait_for_polygons(frame, SQUARE_COUNT)

    expect(frame.locator(".leaflet-control-zoom-fullscreen")).to_be_visible()  # leaflet.fullscreen
    expect(frame.locator(".leaflet-control-layers")).to_be_visible()  # Leaflet layer control
    expect(frame.locator(".leaflet-ant-path").first).to_be_attached()  # leaflet-ant-path
    clusters = frame.locator(".marker-cluster, .leaflet-marker-icon")  # leaflet.markercluster
    expect(clusters.first).to_be_visible()

    loaded = {url.split("/app/static/vendor/", 1)[1] for url in page_log.requests if "/app/static/vendor/" in url}
    assert {
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "jquery/jquery.min.js",
        "leaflet.markercluster/leaflet.markercluster.js",
        "leaflet.fullscreen/Control.FullScreen.js",
        "leaflet-ant-path/leaflet-ant-path.js",
    } <= loaded, loaded
    _assert_offline(page_log)


def test_recorder_sees_requests_made_inside_the_map_iframe(app_server, page, page_log, map_frame):
    """Guards the guard: an empty external_requests must mean 'none made', not 'none seen'."""
    probe = "https://probe.example.invalid/tile.png"
    page.route("https://probe.example.invalid/**", lambda route: route.fulfill(status=204))  # nothing leaves
    page.goto(app_server(FIXTURE_APP))
    expect(map_frame(page).locator(".leaflet-container")).to_be_visible()
    frame = page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle().content_frame()
    frame.evaluate(
        "url => new Promise(done => { const i = new Image(); i.onload = i.onerror = done; i.src = url; })",
        probe,
    )
    assert page_log.external_requests == [probe]
