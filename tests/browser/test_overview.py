"""The overview page in a real browser: counties draw offline, filters and links drive the view."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from geo import boundaries, maps

APP = "app.py"
ALL_COUNTIES = 2891
OUTSIDE = maps.OUTSIDE_COLOR


def _path_index(adcode: str) -> int:
    """Position of a county's SVG path: the county layer is drawn first, in code order."""
    return boundaries.counties("national")["adcode"].tolist().index(adcode)


def _fills(frame) -> list[str]:
    return frame.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")


def _selected_count(frame) -> int:
    return sum(1 for fill in _fills(frame)[:ALL_COUNTIES] if fill != OUTSIDE)


def test_counties_draw_with_no_external_request(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP))
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    expect(frame.locator(".atlas-legend")).to_contain_text("国家贫困县摘帽年份")
    fills = set(_fills(frame))
    assert {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"} <= fills  # the five exit years
    expect(frame.locator(".leaflet-control-layers")).to_contain_text("集中连片特困地区")
    # the default view shows the South China Sea islands (south of 4°N), as maps of China must
    assert frame.locator("body").evaluate("() => window.map.getBounds().getSouth()") < 4
    expect(frame.get_by_text("大陆主体")).to_be_visible()
    assert page_log.external_requests == []
    assert page_log.failed_requests == []
    assert page_log.page_errors == []


def test_hover_and_click_a_county_show_its_facts(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP))
    frame = map_frame(page)
    paths = wait_for_polygons(frame, ALL_COUNTIES)
    fuping = paths.nth(_path_index("130624"))
    fuping.hover()  # real pointer events: hover, then click the county
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("阜平县")
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("2019年")
    fuping.click()
    expect(page.get_by_role("heading", name="阜平县")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("燕山-太行山区").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"county=130624"))
    page.get_by_role("link", name="查看阜平县县域档案").click()  # drill down to the profile
    expect(page.get_by_role("heading", name=re.compile("阜平县"))).to_be_visible(timeout=20_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(5, timeout=30_000)
    expect(page).to_have_url(re.compile(r"/county\?.*county=130624"))
    assert page_log.external_requests == []


def test_a_filter_changes_map_table_and_url(app_server, page, page_log, map_frame, wait_for_polygons, helpers):
    page.goto(app_server(APP))
    wait_for_polygons(map_frame(page), ALL_COUNTIES)
    expect(page.get_by_role("heading", name="所选县（832）")).to_be_visible()
    helpers.choose_province(page, "贵州", "贵州省")
    expect(page.get_by_role("heading", name="所选县（66）")).to_be_visible(timeout=20_000)
    expect(page).to_have_url(re.compile(r"province=52"))
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    helpers.eventually(lambda: _selected_count(frame) == 66)
    assert page_log.external_requests == []


def test_a_shared_link_opens_the_same_view(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP) + "/?province=52&indicator=rural_disposable_income&year=2019")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    expect(frame.locator(".atlas-legend")).to_contain_text("农村居民人均可支配收入（2019年）")
    expect(page.get_by_role("heading", name="所选县（66）")).to_be_visible()
    assert _selected_count(frame) == 66
    page.reload()
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    expect(frame.locator(".atlas-legend")).to_contain_text("农村居民人均可支配收入（2019年）")
    expect(page).to_have_url(re.compile(r"indicator=rural_disposable_income"))
    assert page_log.external_requests == []


def test_english_tooltip_legend_and_controls(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP) + "/?lang=en")
    frame = map_frame(page)
    paths = wait_for_polygons(frame, ALL_COUNTIES)
    expect(page.get_by_role("heading", name="Poverty Alleviation Atlas · National overview")).to_be_visible()
    expect(frame.locator(".atlas-legend")).to_contain_text("Exit year of the national poverty counties")
    expect(frame.locator(".atlas-legend")).to_contain_text("Exited 2019")
    expect(frame.locator(".leaflet-control-layers")).to_contain_text("Contiguous poor areas")
    expect(frame.get_by_text("Mainland", exact=True)).to_be_visible()
    paths.nth(_path_index("130624")).hover()
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("阜平县 (Fuping Xian)")
    expect(tooltip).to_contain_text("保定市 (Baoding Shi)")
    expect(tooltip).to_contain_text("河北省 (Hebei Sheng)")
    expect(tooltip).to_contain_text("燕山-太行山区 (Yanshan-Taihang Shanqu)")
    for label in ("County", "Prefecture", "Province", "Exit year", "Contiguous poor area"):
        expect(tooltip).to_contain_text(label)
    assert "年" not in tooltip.inner_text() and "2019" in tooltip.inner_text()
    expect(page).to_have_url(re.compile(r"lang=en"))
    # the switch back to Chinese keeps the view, and the URL loses lang
    page.get_by_test_id("stSidebar").get_by_text("中文", exact=True).click()
    expect(page.get_by_role("heading", name="脱贫攻坚地图 · 全国总览")).to_be_visible(timeout=20_000)
    expect(page).not_to_have_url(re.compile(r"lang="))
    assert page_log.external_requests == []
    assert page_log.page_errors == []
