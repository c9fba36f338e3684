"""The overview page in a real browser: the counties draw offline and a click shows facts."""

from __future__ import annotations

from playwright.sync_api import expect

from geo import boundaries

APP = "app.py"


def _path_index(adcode: str) -> int:
    """Position of a county's SVG path: the county layer is drawn first, in code order."""
    codes = boundaries.counties("national")["adcode"].tolist()
    return codes.index(adcode)


def test_counties_draw_with_no_external_request(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP))
    frame = map_frame(page)
    wait_for_polygons(frame, 2891)
    expect(frame.locator(".atlas-legend")).to_contain_text("国家贫困县摘帽年份")
    # the 832 are coloured: at least five distinct fills besides the grey of other counties
    fills = set(frame.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))"))
    assert {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494", "#e8e8e8"} <= fills
    assert page_log.external_requests == []
    assert page_log.failed_requests == []
    assert page_log.page_errors == []


def test_hover_and_click_a_county_show_its_facts(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP))
    frame = map_frame(page)
    paths = wait_for_polygons(frame, 2891)
    fuping = paths.nth(_path_index("130624"))
    fuping.dispatch_event("mouseover")
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("阜平县")
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("2019年")
    fuping.dispatch_event("click")
    expect(page.get_by_role("heading", name="阜平县")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("燕山-太行山区").first).to_be_visible()
    assert page_log.external_requests == []
