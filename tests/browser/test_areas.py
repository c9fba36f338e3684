"""The contiguous-areas page in a real browser: a click on a county selects its area."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from geo import boundaries

ALL_COUNTIES = 2891


def test_clicking_a_county_opens_its_area(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server("app.py") + "/areas")
    frame = map_frame(page)
    paths = wait_for_polygons(frame, ALL_COUNTIES)
    expect(page.get_by_role("heading", name="14个集中连片特困地区")).to_be_visible()
    expect(frame.locator(".atlas-area-label").first).to_be_visible()  # area names on the map
    huayuan = paths.nth(boundaries.counties("national")["adcode"].tolist().index("433124"))
    huayuan.dispatch_event("mouseover")
    expect(frame.locator(".leaflet-tooltip:not(.atlas-area-label)")).to_contain_text("武陵山区（归属由来源推得）")
    huayuan.dispatch_event("click")
    expect(page.get_by_role("heading", name="武陵山区 · 山区集中连片特困地区")).to_be_visible(timeout=20_000)
    expect(page).to_have_url(re.compile(r"area=%E6%AD%A6%E9%99%B5"))
    expect(page.get_by_role("link", name="查看花垣县县域档案")).to_be_visible()
    assert page_log.external_requests == []
    assert page_log.page_errors == []


def test_the_language_and_filters_follow_the_navigation(app_server, page, page_log):
    page.goto(app_server("app.py") + "/?lang=en&province=52")
    expect(page.get_by_role("heading", name="Selected counties (66)")).to_be_visible(timeout=30_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Contiguous poor areas").click()
    expect(page.get_by_role("heading", name="The 14 contiguous poor areas")).to_be_visible(timeout=30_000)
    # both the language and the filters are back in the URL after the page switch
    expect(page).to_have_url(re.compile(r"/areas\?(?=.*lang=en)(?=.*province=52)"))
    expect(page.get_by_test_id("stSidebar").get_by_text("贵州省 (Guizhou Sheng)")).to_be_visible()
    assert page_log.external_requests == []
    assert page_log.page_errors == []
