"""The standalone HTML map opened from disk (file://) in Chromium: drawn, with no request at all."""

from __future__ import annotations

from pathlib import Path

from geo import boundaries, maps
from geo.filters import FilterState
from geo.overview import AtlasData, build_view
from geo.standalone import standalone_html

MIN_COUNTIES = 2_800
TITLE = "832个国家贫困县摘帽年份"


def test_standalone_file_draws_every_county_offline(
    tmp_path: Path, atlas: AtlasData, page, page_log, wait_for_polygons
) -> None:
    view = build_view(FilterState(), atlas)
    m = maps.county_map(atlas.attrs, view.style, boundaries.publish_web_layers(), view.legend, tile_url="")
    path = tmp_path / "脱贫攻坚地图.html"
    path.write_text(standalone_html(m, title=TITLE), encoding="utf-8")
    url = path.as_uri()

    page.goto(url)
    paths = wait_for_polygons(page, MIN_COUNTIES + 1)
    assert paths.count() > MIN_COUNTIES
    assert page.title() == TITLE
    assert page.locator(".atlas-legend").inner_text().startswith("国家贫困县摘帽年份")
    # the document itself is the only request: no script, stylesheet, XHR or image left the page
    assert [r for r in page_log.requests if r != url and not r.startswith("data:")] == []
    assert page_log.failed_requests == []
    assert page_log.page_errors == []
    assert page_log.console_errors == []
