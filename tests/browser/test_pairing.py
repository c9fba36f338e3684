"""The pairing page in a real browser: counties and curved links draw offline, hover names
both ends, a click on a link selects its pair, the period switch changes the links."""

from __future__ import annotations

from playwright.sync_api import expect

from geo import boundaries, data
from geo.pairing.endpoints import resolve
from geo.pairing.links_layer import ARROW_CLASS, LINK_CLASS, link_features
from geo.pairing.pairs import period_label, select
from geo.pairing.palette import HELPER_FILL, RECIPIENT_FILL

APP = "app.py"
ALL_COUNTIES = 2891
LINKS = f"path.{LINK_CLASS}"


def _link_order(period: int) -> list[str]:
    """Pair ids in drawing order (the order of the link paths in the SVG)."""
    links = resolve(data.pairings(), boundaries.counties("national"))
    return [f["id"] for f in link_features(select(links, period))]


def _failures(page_log) -> list[str]:
    """Failed requests, except Streamlit's own probes of the page path for its base URL
    (opened at ``/pairing``, the front end first tries ``/pairing/_stcore/health``)."""
    return [r for r in page_log.failed_requests if "/pairing/_stcore/" not in r]


def _open(page, app_server, map_frame, wait_for_polygons):
    page.goto(app_server(APP) + "/pairing")
    frame = map_frame(page)
    wait_for_polygons(frame, ALL_COUNTIES)
    return frame


def test_map_draws_counties_and_links_offline(app_server, page, page_log, map_frame, wait_for_polygons):
    frame = _open(page, app_server, map_frame, wait_for_polygons)
    expect(frame.locator(LINKS)).to_have_count(53)
    expect(frame.locator(f"path.{ARROW_CLASS}")).to_have_count(53)
    expect(frame.locator(".atlas-legend")).to_contain_text("东西部协作结对（2016年）")
    fills = set(frame.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))"))
    assert set(RECIPIENT_FILL.values()) | {HELPER_FILL} <= fills
    expect(page.get_by_role("heading", name="结对关系（53）")).to_be_visible()
    assert page_log.external_requests == []
    assert _failures(page_log) == []
    assert page_log.page_errors == []


def test_hover_names_both_ends_and_click_selects_the_pair(app_server, page, page_log, map_frame, wait_for_polygons):
    frame = _open(page, app_server, map_frame, wait_for_polygons)
    link = frame.locator(LINKS).nth(_link_order(2016).index("2016-23"))
    link.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("山东省青岛市")
    expect(tooltip).to_contain_text("贵州省安顺市")
    expect(tooltip).to_contain_text("地市级结对")
    link.dispatch_event("click")
    expect(page.get_by_text("青岛–安顺（青岛 → 安顺）")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("004:L1883–1895", exact=False)).to_be_visible()
    assert page_log.external_requests == []


def test_period_switch_changes_the_links(app_server, page, page_log, map_frame, wait_for_polygons):
    frame = _open(page, app_server, map_frame, wait_for_polygons)
    expect(frame.locator(LINKS)).to_have_count(53)
    page.get_by_test_id("stRadio").filter(has_text="结对时期").get_by_text(period_label(2021)).click()
    expect(page.get_by_role("heading", name="结对关系（41）")).to_be_visible(timeout=20_000)
    frame = map_frame(page)
    expect(frame.locator(LINKS)).to_have_count(41, timeout=20_000)
    expect(frame.locator(".atlas-legend")).to_contain_text("东西部协作结对（2021年）")
    assert page_log.external_requests == []
    assert page_log.page_errors == []
