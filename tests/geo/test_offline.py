"""geo.offline: folium maps must request nothing from the internet."""

from __future__ import annotations

import inspect
import re
from typing import ClassVar

import branca.colormap
import folium
import folium.plugins
import pytest
from folium.elements import JSCSSMixin

from geo import offline
from geo.maps import CountyLayer
from geo.offline import (
    DROPPED,
    VENDORED,
    OfflineMapError,
    UnvendoredAssetError,
    external_urls,
    local_path,
    localize,
    walk,
)
from geo.paths import STATIC_DIR


def _squares() -> dict:
    def square(code: str, lon: float, lat: float) -> dict:
        ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
        return {
            "type": "Feature",
            "properties": {"id": code, "name": f"县 {code}"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    return {"type": "FeatureCollection", "features": [square("a", 100, 30), square("b", 102, 30)]}


def atlas_like_map() -> folium.Map:
    """Every kind of element the atlas draws (choropleth, drill-down, flows, markers)."""
    m = folium.Map(location=[30.5, 101.5], zoom_start=6, tiles=None, maxZoom=12)
    counties = folium.FeatureGroup(name="县").add_to(m)
    folium.GeoJson(
        _squares(),
        style_function=lambda _: {"fillColor": "#b3261e", "weight": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"]),
        popup=folium.GeoJsonPopup(fields=["id", "name"]),
    ).add_to(counties)
    sites = folium.plugins.MarkerCluster(name="安置点").add_to(m)
    folium.Marker([30.2, 100.2], tooltip="安置点 1", popup="安置点 1").add_to(sites)
    folium.CircleMarker([30.7, 102.5], radius=4, popup=folium.Popup("<b>x</b>")).add_to(m)
    folium.PolyLine([[30, 100], [31, 103]], tooltip="协作").add_to(m)
    folium.plugins.AntPath([[30, 100], [31, 103]]).add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    folium.LayerControl().add_to(m)
    return m


def _assets(m: folium.Map) -> list[tuple[str, str]]:
    return [pair for e in walk(m) if isinstance(e, JSCSSMixin) for pair in [*e.default_js, *e.default_css]]


def test_atlas_map_localizes_to_zero_external_urls():
    m = atlas_like_map()
    assert any("cdn.jsdelivr.net" in url for url in external_urls(m)), "precondition: CDN links"

    assert localize(m) is m
    assert external_urls(m) == []


def test_every_localized_url_is_a_vendored_file():
    m = localize(atlas_like_map())
    urls = {url for _, url in _assets(m)}
    assert urls, "nothing localized"
    for url in urls | set(VENDORED.values()):
        assert url.startswith(("/app/static/vendor/", "/app/static/atlas/")), url
        path = local_path(url)
        assert path.is_file(), f"{url} -> missing {path}"
        assert path.stat().st_size > 0, f"{url} -> empty {path}"


def test_registry_covers_exactly_what_our_folium_elements_declare():
    declared = {
        name
        for cls in (
            folium.Map,
            folium.plugins.MarkerCluster,
            folium.plugins.Fullscreen,
            folium.plugins.AntPath,
            CountyLayer,
        )
        for name, _ in [*cls.default_js, *cls.default_css]
    }
    assert set(VENDORED) | DROPPED == declared
    assert not set(VENDORED) & DROPPED


def test_dropped_assets_never_reach_the_page():
    m = localize(atlas_like_map())
    names = {name for name, _ in _assets(m)}
    assert not names & DROPPED
    html = m.get_root().render()
    for word in ("bootstrap", "awesome", "fontawesome", "glyphicons"):
        assert word not in html.lower()


def test_jquery_only_when_something_uses_it():
    plain = folium.Map(tiles=None)
    folium.GeoJson(_squares(), tooltip=folium.GeoJsonTooltip(["name"])).add_to(plain)
    assert "jquery" not in {name for name, _ in _assets(localize(plain))}

    # folium.Popup renders its HTML through $(...), so a popup= keeps jQuery.
    folium.Marker([30, 100], popup="弹窗").add_to(plain)
    assert ("jquery", VENDORED["jquery"]) in localize(plain).default_js  # re-added after a drop

    kept = localize(folium.Map(tiles=None))
    kept.keep_in_front(folium.FeatureGroup().add_to(kept))
    assert "jquery" in {name for name, _ in localize(kept).default_js}


def test_known_jquery_users_in_folium_are_exactly_the_handled_ones():
    """Fails when a folium upgrade adds a template that calls jQuery ($) somewhere new."""
    modules = [folium.folium, folium.map, folium.features, folium.vector_layers, folium.raster_layers]
    modules += [m for _, m in inspect.getmembers(folium.plugins, inspect.ismodule) if m.__name__.startswith("folium.")]
    users = set()
    for module in modules:
        for name, cls in inspect.getmembers(module, inspect.isclass):
            own = cls.__module__ == module.__name__ and hasattr(cls, "_template")
            if own and re.search(r"\$\(|\$\.\w", inspect.getsource(cls)):
                users.add(name)
    # Map: keep_in_front; Popup: always; GeoJson: embed=False. The two plugins declare
    # unvendored assets, so localize() refuses them anyway.
    assert users == {"Map", "Popup", "GeoJson", "TimeSliderChoropleth", "HeatMapWithTime"}


def test_localize_leaves_folium_class_attributes_alone():
    classes = list(_all_subclasses(JSCSSMixin))
    before = {c: (list(c.default_js), list(c.default_css)) for c in classes}
    localize(atlas_like_map())
    after = {c: (list(c.default_js), list(c.default_css)) for c in classes}
    assert after == before
    assert folium.Map.default_js[0][1].startswith("https://")


def test_localize_is_idempotent_and_survives_an_earlier_render():
    m = atlas_like_map()
    m.get_root().render()  # header now holds CDN <script>/<link> tags
    localize(m)
    first = _assets(m)
    localize(m)
    assert _assets(m) == first
    assert external_urls(m) == []


def test_default_marker_images_path_is_pinned_before_any_marker():
    """streamlit-folium runs the map script before leaflet.css is applied, so Leaflet's
    own detection falls back to ".../vendor/leaflet" + "marker-icon.png" (a 404)."""
    m = localize(localize(atlas_like_map()))
    first = next(iter(m._children.values()))
    script = first._template.module.script(first, {})
    assert script == f'L.Icon.Default.imagePath = "{offline.LEAFLET_IMAGES}";'
    assert sum(type(e) is type(first) for e in walk(m)) == 1
    for image in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"):
        assert local_path(offline.LEAFLET_IMAGES + image).is_file()
    html = m.get_root().render()
    assert html.index("L.Icon.Default.imagePath") < html.index("L.marker(")


def test_unknown_plugin_asset_raises_naming_asset_and_url():
    m = folium.Map(tiles=None)
    folium.plugins.MiniMap().add_to(m)
    with pytest.raises(UnvendoredAssetError, match=r"Control_MiniMap_js.*https://cdnjs") as info:
        localize(m)
    assert isinstance(info.value, ValueError)


def test_custom_element_with_cdn_asset_raises():
    class Sparkle(JSCSSMixin):
        default_js: ClassVar = [("sparkle", "https://unpkg.com/sparkle@1/sparkle.js")]

    m = folium.Map(tiles=None)
    m.add_child(Sparkle())
    with pytest.raises(UnvendoredAssetError, match=r"'sparkle'.*https://unpkg\.com/sparkle"):
        localize(m)


@pytest.mark.parametrize(
    "colormap",
    [
        branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1),
        branca.colormap.StepColormap(["white", "red"], vmin=0, vmax=1),
    ],
)
def test_branca_colormap_is_refused_and_reported(colormap):
    m = folium.Map(tiles=None)
    colormap.add_to(m)
    assert "https://d3js.org/d3.v4.min.js" in external_urls(m, scan_html=False)
    with pytest.raises(UnvendoredAssetError, match=r"d3js\.org"):
        localize(m)


def test_awesome_marker_icon_is_refused():
    m = folium.Map(tiles=None)
    folium.Marker([30, 100], icon=folium.Icon(color="red")).add_to(m)
    with pytest.raises(UnvendoredAssetError, match="awesome"):
        localize(m)


def test_marker_cluster_without_tiles_needs_max_zoom():
    m = folium.Map(tiles=None, max_zoom=12)  # snake_case only reaches a TileLayer
    folium.plugins.MarkerCluster().add_to(m)
    with pytest.raises(OfflineMapError, match="maxZoom"):
        localize(m)
    m.options["maxZoom"] = 12
    assert localize(m) is m


def test_no_tile_layer_unless_configured():
    m = localize(folium.Map(tiles=None))
    assert not [e for e in walk(m) if isinstance(e, folium.TileLayer)]
    assert external_urls(m) == []


@pytest.mark.parametrize("scan_html", [True, False])
def test_configured_tile_layer_url_is_reported(scan_html):
    m = localize(folium.Map(tiles="OpenStreetMap"))
    urls = external_urls(m, scan_html=scan_html)
    assert any(url.startswith("https://tile.openstreetmap.org/{z}/{x}/{y}.png") for url in urls), urls


def test_local_tile_server_is_not_external():
    m = folium.Map(tiles=None)
    folium.TileLayer("/tiles/{z}/{x}/{y}.png", attr="本地").add_to(m)
    assert external_urls(localize(m)) == []


def test_html_scan_catches_links_outside_default_js_but_ignores_xml_namespaces():
    m = localize(folium.Map(tiles=None))
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>'
    folium.Marker([30, 100], icon=folium.DivIcon(html=svg)).add_to(m)
    assert external_urls(m) == []

    m.get_root().header.add_child(folium.Element('<script src="//unpkg.com/x.js"></script>'))
    m.get_root().header.add_child(folium.Element('<link rel="stylesheet" href="http://example.org/a.css">'))
    assert external_urls(m) == ["http://example.org/a.css", "//unpkg.com/x.js"]
    assert external_urls(m, scan_html=False) == []


def test_vendored_css_pulls_nothing_from_outside():
    for css in (STATIC_DIR / "vendor").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert "@import" not in text, css
        for ref in re.findall(r"url\(\s*['\"]?([^'\")#]+)", text):
            if not ref.startswith("data:"):
                assert (css.parent / ref).is_file(), f"{css.name} refers to missing {ref}"


def test_local_path_rejects_non_static_urls():
    with pytest.raises(ValueError, match="not a static URL"):
        local_path("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
    assert offline.STATIC_URL_PREFIX == "/app/static/"


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found
