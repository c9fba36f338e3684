"""Uploaded text must never be evaluated as a jinja template when a map is rendered (SSTI).

branca compiles every element's rendered output as a new template; the atlas's own
elements and the layer for uploaded features render through ``PrerenderedMacro`` instead.
"""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import box

from geo import maps
from geo.choropleth import ChoroplethStyle
from geo.maps import LegendItem, LegendSpec

PAYLOAD = "{{ 7*7 }}{% if true %}IF{% endif %}XYZ"


def _rendered(m) -> str:
    return m.get_root().render()


def test_plain_folium_would_evaluate_the_payload() -> None:
    """The hazard this guards against (if folium/branca change, revisit PrerenderedMacro)."""
    import folium

    m = folium.Map()
    folium.GeoJson(gpd.GeoDataFrame({"name": [PAYLOAD]}, geometry=[box(100, 30, 101, 31)], crs=4326)).add_to(m)
    assert "49IFXYZ" in _rendered(m)


def test_uploaded_features_stay_text() -> None:
    m = maps.base_map()
    frame = gpd.GeoDataFrame({"name": [PAYLOAD]}, geometry=[box(100, 30, 101, 31)], crs=4326)
    maps.UserGeoJson(frame).add_to(m)
    html = _rendered(m)
    assert "49IFXYZ" not in html and "{{ 7*7 }}" in html


def test_user_labels_in_legend_and_county_layer_stay_text(atlas) -> None:
    order = atlas.attrs.order
    style = ChoroplethStyle(
        indicator=PAYLOAD,
        classes="0" * len(order),
        colors=("#ffffcc",),
        values=tuple(PAYLOAD for _ in order),
        selection="1" * len(order),
    )
    legend = LegendSpec(PAYLOAD, (LegendItem("#ffffcc", PAYLOAD),), note=PAYLOAD)
    layers = {"counties-national": "/x.json", "border_lines": "/y.json"}
    html = _rendered(maps.county_map(atlas.attrs, style, layers, legend))
    assert "49IFXYZ" not in html
    assert "{{ 7*7 }}" in html
