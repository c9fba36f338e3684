"""The relocation view and map: sites, shading, zoom, offline clustered markers."""

from __future__ import annotations

import folium.plugins
import pandas as pd

from geo import data, offline
from geo.filters import FilterState
from geo.overview import AtlasData
from geo.relocation.base_map import map_title
from geo.relocation.view import SITE_CLASS, RelocationView, build_view, site_map

SITES = 45


def _view(atlas: AtlasData, totals: pd.DataFrame, **state) -> RelocationView:
    return build_view(FilterState(**state), atlas, data.relocation_sites(), totals)


def test_default_view_shows_every_site_and_shades_their_counties(atlas, totals) -> None:
    view = _view(atlas, totals)
    assert view.site_count == len(view.sites) == len(view.markers) == SITES
    assert view.sites_with_people == 22
    site_counties = set(data.relocation_sites()["adcode"]) & set(atlas.attrs.order)
    shaded = {code for code, c in zip(atlas.attrs.order, view.style.classes, strict=True) if c == "0"}
    assert shaded == site_counties
    selected = {code for code, s in zip(atlas.attrs.order, view.style.selection, strict=True) if s == "1"}
    assert site_counties <= selected
    assert view.style.fit is None
    assert view.legend.title == map_title()
    assert "近似" in view.legend.note


def test_province_view_narrows_sites_and_zooms(atlas, totals) -> None:
    view = _view(atlas, totals, provinces=("52",))
    assert len(view.sites) == 11 and set(view.sites["省份"]) == {"贵州省"}
    (south, west), (north, east) = view.style.fit
    assert 24 < south < north < 30 and 103 < west < east < 110
    assert set(view.province_rows["地区"]) == {"贵州省"}
    empty = _view(atlas, totals, provinces=("15",))
    assert empty.site_count == 0 and empty.markers == () and not empty.provinces.empty  # 内蒙古: plans only


def test_site_map_is_offline_and_clusters_the_markers(atlas, totals) -> None:
    view = _view(atlas, totals)
    m = site_map(view, atlas.attrs, {"counties-national": "/t.json", "border_lines": "/b.json"})
    clusters = [e for e in offline.walk(m) if isinstance(e, folium.plugins.MarkerCluster)]
    assert len(clusters) == 1
    circles = [e for e in offline.walk(m) if isinstance(e, folium.CircleMarker)]
    assert len(circles) == SITES
    assert all(c.options["className"] == SITE_CLASS for c in circles)
    assert offline.external_urls(m) == []
    assert "preventScroll: true" in m.get_root().render()  # a marker click must not scroll the page
