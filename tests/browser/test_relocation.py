"""The relocation page in a real browser: counties and site markers draw offline, popups, province filter."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from geo.relocation.base_map import MAP_TITLE
from geo.relocation.view import SITE_CLASS

URL = "app.py"
ALL_COUNTIES = 2891
ALL_SITES = 45
SITE = f"path.{SITE_CLASS}"

# Markers in the MarkerCluster group (clustered or not): the layer the page adds.
_SITES_ON_MAP = """() => {
    let n = -1;
    map.eachLayer(layer => { if (layer instanceof L.MarkerClusterGroup) n = layer.getLayers().length; });
    return n;
}"""


def _site_count(frame) -> int:
    return frame.locator("body").evaluate(_SITES_ON_MAP)


def _eventually(condition, timeout_s: float = 15) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)


def _own_failures(page_log) -> list[str]:
    # Streamlit's front end probes <page path>/_stcore/health and host-config on a deep
    # link (404, then it uses the root ones): not this page's requests.
    return [r for r in page_log.failed_requests if "/_stcore/" not in r]


def test_counties_and_sites_draw_with_no_external_request(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(URL) + "/relocation")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    expect(frame.locator(".atlas-legend")).to_contain_text(MAP_TITLE)
    expect(frame.locator(".atlas-legend")).to_contain_text("近似")
    _eventually(lambda: _site_count(frame) == ALL_SITES)
    # the national view is dense: some sites are clustered, others drawn as circles
    expect(frame.locator(".marker-cluster").first).to_be_visible()
    expect(frame.locator(SITE).first).to_be_attached()
    expect(page.get_by_role("heading", name=f"具名安置点（{ALL_SITES}）")).to_be_visible()
    assert page_log.external_requests == []
    assert _own_failures(page_log) == []
    assert page_log.page_errors == []


def test_province_filter_changes_markers_and_a_popup_names_the_site(
    app_server, page, page_log, map_frame, wait_for_polygons
):
    page.goto(app_server(URL) + "/relocation")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    _eventually(lambda: _site_count(frame) == ALL_SITES)
    provinces = page.get_by_test_id("stMultiSelect").filter(has_text="省份")
    provinces.locator("input").click()
    provinces.locator("input").press_sequentially("青海")  # the option list is virtualised: filter first
    page.get_by_role("option", name="青海省").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="具名安置点（1）")).to_be_visible(timeout=20_000)
    expect(page).to_have_url(re.compile(r"province=63"))
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    _eventually(lambda: _site_count(frame) == 1)
    marker = frame.locator(SITE)
    expect(marker).to_have_count(1)
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("安多民俗文化村")
    expect(popup).to_contain_text("兴海县")
    expect(popup).to_contain_text("位置为县域代表点（近似）")
    assert page_log.external_requests == []
    assert page_log.page_errors == []
