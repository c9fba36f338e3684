"""The relocation page in a real browser: counties and site markers draw offline, popups, province filter."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from geo.relocation.base_map import map_title
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


def _own_failures(page_log) -> list[str]:
    # Streamlit's front end probes <page path>/_stcore/health and host-config on a deep
    # link (404, then it uses the root ones): not this page's requests.
    return [r for r in page_log.failed_requests if "/_stcore/" not in r]


def test_counties_and_sites_draw_with_no_external_request(
    app_server, page, page_log, map_frame, wait_for_polygons, helpers
):
    page.goto(app_server(URL) + "/relocation")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    expect(frame.locator(".atlas-legend")).to_contain_text(map_title())
    expect(frame.locator(".atlas-legend")).to_contain_text("近似")
    helpers.eventually(lambda: _site_count(frame) == ALL_SITES)
    # the national view is dense: some sites are clustered, others drawn as circles
    expect(frame.locator(".marker-cluster").first).to_be_visible()
    expect(frame.locator(SITE).first).to_be_attached()
    expect(page.get_by_role("heading", name=f"具名安置点（{ALL_SITES}）")).to_be_visible()
    assert page_log.external_requests == []
    assert _own_failures(page_log) == []
    assert page_log.page_errors == []


def test_province_filter_changes_markers_and_a_popup_names_the_site(
    app_server, page, page_log, map_frame, wait_for_polygons, helpers
):
    page.goto(app_server(URL) + "/relocation")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    helpers.eventually(lambda: _site_count(frame) == ALL_SITES)
    helpers.choose_province(page, "青海", "青海省")
    expect(page.get_by_role("heading", name="具名安置点（1）")).to_be_visible(timeout=20_000)
    expect(page).to_have_url(re.compile(r"province=63"))
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    helpers.eventually(lambda: _site_count(frame) == 1)
    marker = frame.locator(SITE)
    expect(marker).to_have_count(1)
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("安多民俗文化村")
    expect(popup).to_contain_text("兴海县")
    expect(popup).to_contain_text("位置为县域代表点（近似）")
    assert page_log.external_requests == []
    assert page_log.page_errors == []
