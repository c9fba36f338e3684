"""The county profile in a real browser: a shared link, its charts, the locator map, offline."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from geo import boundaries

APP = "app.py"
ALL_COUNTIES = 2891


def _path_index(adcode: str) -> int:
    """Position of a county's SVG path: the county layer is drawn first, in code order."""
    return boundaries.counties("national")["adcode"].tolist().index(adcode)


def _screen_point(frame, adcode: str) -> tuple[float, float]:
    """Page coordinates of a point inside the county (its representative point) on the map."""
    point = boundaries.counties("national").set_index("adcode").geometry[adcode].representative_point()
    container = frame.locator(".leaflet-container").first
    container.scroll_into_view_if_needed()
    x, y = container.evaluate(
        "(el, [lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [point.y, point.x],
    )
    box = container.bounding_box()
    return box["x"] + x, box["y"] + y


def test_a_link_opens_the_profile_and_the_locator_moves_it(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP) + "/county?county=130624")
    expect(page.get_by_role("heading", name="阜平县")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("燕山-太行山区（归属依据").first).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts.first).to_be_visible()
    expect(charts).to_have_count(5)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("居民人均可支配收入")

    frame = map_frame(page)
    paths = wait_for_polygons(frame, ALL_COUNTIES)
    # the locator is zoomed to the prefecture and stays there once the map has settled
    page.wait_for_timeout(2000)
    assert frame.locator("body").evaluate("() => window.map.getZoom()") >= 7
    expect(frame.locator(".atlas-legend")).to_contain_text("县域位置")
    tangxian = paths.nth(_path_index("130627"))  # 唐县, a neighbour in 保定市
    expect(tangxian).to_have_attribute("fill", "#7fcdbb")  # shaded as its prefecture
    x, y = _screen_point(frame, "130627")
    page.mouse.move(x, y)  # real pointer events at a point inside the county
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("唐县")
    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name="唐县")).to_be_visible(timeout=20_000)
    expect(page).to_have_url(re.compile(r"county=130627"))
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    assert page_log.external_requests == []
    assert page_log.page_errors == []


def test_search_opens_a_county(app_server, page, page_log):
    page.goto(app_server(APP) + "/county")
    search = page.get_by_label("搜索县（市、区）")
    search.fill("fp")
    search.press("Enter")
    page.get_by_role("button", name=re.compile(r"^阜平县")).click()
    expect(page.get_by_role("heading", name="阜平县")).to_be_visible(timeout=20_000)
    expect(page).to_have_url(re.compile(r"county=130624"))
    assert page_log.external_requests == []


def test_a_chart_downloads_as_png(app_server, page, page_log):
    page.goto(app_server(APP) + "/county?county=130624")
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:  # rendered on the server by kaleido on demand
        page.get_by_role("button", name="下载 PNG").first.click()
    download = info.value
    assert download.suggested_filename == "县域档案_阜平县_130624_居民人均可支配收入.png"
    with open(download.path(), "rb") as png_file:
        assert png_file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert page_log.external_requests == []


def test_the_profile_in_english(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP) + "/county?county=520402&lang=en")
    expect(page.get_by_role("heading", name="西秀区 (Xixiu Qu)")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="County profile")).to_be_visible()
    expect(page.get_by_text("Poverty-county status")).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(5)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Per-capita disposable income")
    titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
    assert [title.split("Source:")[0].strip() for title in titles] == [
        "Per-capita disposable income",
        "Registered population",
        "GDP",
        "Economic structure (three sectors)",
        "2020 census profile compared with peer counties",
    ]
    expect(page.locator(".js-plotly-plot .legendtext").first).to_contain_text("西秀区 (Xixiu Qu)")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    expect(frame.locator(".atlas-legend")).to_contain_text("Location of the county")
    expect(page).to_have_url(re.compile(r"lang=en"))
    assert page_log.external_requests == []
    assert page_log.page_errors == []
