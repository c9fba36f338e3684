"""Make folium maps load nothing from the internet.

Every folium element declares its JavaScript/CSS as CDN URLs in ``default_js`` /
``default_css``; streamlit-folium injects those URLs as ``<script>``/``<link>`` tags
inside its component iframe, so one unreachable CDN leaves the map blank. ``localize``
rewrites them, per element instance, to the copies vendored under ``static/vendor/``
(served by Streamlit at ``/app/static/...``, see ``static/vendor/README.md``).
``external_urls`` lists whatever would still go out; the map builder and the tests
assert it is empty.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import branca.colormap
import branca.element
import folium
import folium.map
import folium.plugins
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.paths import STATIC_DIR

# Absolute on purpose: streamlit-folium loads the assets from inside its component
# iframe (served under /component/...), where a relative "app/static/..." does not resolve.
STATIC_URL_PREFIX = "/app/static/"
_VENDOR = STATIC_URL_PREFIX + "vendor/"

#: folium asset name (first item of a ``default_js``/``default_css`` pair) -> local URL.
VENDORED: dict[str, str] = {
    # folium.Map
    "leaflet": _VENDOR + "leaflet/leaflet.js",
    "leaflet_css": _VENDOR + "leaflet/leaflet.css",
    "jquery": _VENDOR + "jquery/jquery.min.js",  # kept only when something uses it, see _needs_jquery
    # folium.plugins.MarkerCluster
    "markerclusterjs": _VENDOR + "leaflet.markercluster/leaflet.markercluster.js",
    "markerclustercss": _VENDOR + "leaflet.markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": _VENDOR + "leaflet.markercluster/MarkerCluster.Default.css",
    # folium.plugins.Fullscreen
    "Control.Fullscreen.js": _VENDOR + "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": _VENDOR + "leaflet.fullscreen/Control.FullScreen.css",
    # folium.plugins.AntPath
    "antpath": _VENDOR + "leaflet-ant-path/leaflet-ant-path.js",
    # geo.maps.CountyLayer: topojson-client and our own layer code (static/atlas/)
    "topojson_client": _VENDOR + "topojson-client/topojson-client.min.js",
    "atlas_map": STATIC_URL_PREFIX + "atlas/atlas_map.js",
    "atlas_map_css": STATIC_URL_PREFIX + "atlas/atlas_map.css",
}

#: Folder of Leaflet's default marker images (set explicitly, see _DefaultIconPath).
LEAFLET_IMAGES = _VENDOR + "leaflet/images/"

#: Assets folium.Map declares that nothing we draw needs (they style folium.Icon markers
#: and Bootstrap widgets). Dropped rather than vendored; folium.Icon is refused instead.
DROPPED: frozenset[str] = frozenset(
    {
        "bootstrap",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_markers_font_css",
        "awesome_rotate_css",
    }
)

# Elements whose own templates call jQuery (`$(...)`) in folium 0.20: Popup (any
# `popup=` on Marker/CircleMarker/PolyLine), Map(keep_in_front=...) and GeoJson(embed=False).
# tests/geo/test_offline.py re-greps folium's sources so an upgrade adding one fails.
_JQUERY = "jquery"
_ICON_PATH_CHILD = "offline_default_icon_path"


@cache
def _colormap_d3_urls() -> tuple[str, ...]:
    """The d3 URLs streamlit-folium prepends for any branca ColorMap in the tree.

    They are hard-coded in its source (so they cannot be redirected through default_js);
    read them from there rather than copying CDN addresses into this project.
    """
    import streamlit_folium

    source = inspect.getsource(streamlit_folium)
    return tuple(dict.fromkeys(re.findall(r"""["'](https?://[^"']*d3[^"']*\.js)["']""", source)))


# Attributes of raster layers that hold a URL the browser fetches (TileLayer.tiles,
# WmsTileLayer/ImageOverlay/VideoOverlay.url).
_URL_ATTRIBUTES = ("tiles", "url")

_URL_RE = re.compile(r"""https?://[^\s"'<>()\\`]+""", re.IGNORECASE)
# Protocol-relative references ("//host/path") right after a quote, "(" or "=".
_PROTOCOL_RELATIVE_RE = re.compile(r"""(?<=["'(=])//[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^\s"'<>()\\`]*""", re.I)
# XML namespace identifiers (e.g. xmlns="http://www.w3.org/2000/svg" in an inline SVG
# icon) are names, not resources: browsers never fetch them.
_NOT_FETCHED_PREFIXES = ("http://www.w3.org/", "https://www.w3.org/")


class OfflineMapError(ValueError):
    """The map cannot work offline as built."""


class UnvendoredAssetError(OfflineMapError):
    """A map element needs a JS/CSS asset that is not vendored under static/vendor/."""


class _DefaultIconPath(branca.element.MacroElement):
    """Sets ``L.Icon.Default.imagePath`` before any marker is created.

    streamlit-folium appends the CSS links without waiting for them and runs the map
    script at once, so Leaflet cannot read the image folder from leaflet.css yet and
    falls back to a path without "images/" (404 on marker-icon.png).
    """

    _template = Template(
        "{% macro script(this, kwargs) %}L.Icon.Default.imagePath = {{ this.path|tojson }};{% endmacro %}"
    )

    def __init__(self, path: str) -> None:
        super().__init__()
        self._name = "DefaultIconPath"
        self.path = path


def walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    """Yield ``element`` and all its descendants (through ``_children``), depth first."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def local_path(url: str) -> Path:
    """File under ``static/`` that Streamlit serves for a ``/app/static/...`` URL."""
    if not url.startswith(STATIC_URL_PREFIX):
        raise ValueError(f"{url!r} is not a static URL (expected prefix {STATIC_URL_PREFIX!r})")
    return STATIC_DIR / url.removeprefix(STATIC_URL_PREFIX)


def localize(m: folium.Map) -> folium.Map:
    """Point every element's JS/CSS at the vendored copies; return ``m``.

    Sets *instance* ``default_js``/``default_css`` (folium's class attributes are left
    alone), drops :data:`DROPPED` assets, keeps jQuery only if something uses it, and
    pins Leaflet's default marker image folder. Call it last, once the map is built;
    idempotent. Raises :class:`UnvendoredAssetError` for an asset that is neither
    vendored nor dropped, for ``folium.Icon`` (needs the dropped awesome-markers) and
    for a branca ``ColorMap`` (streamlit-folium then loads d3 from the internet);
    :class:`OfflineMapError` for a MarkerCluster on a map without tiles nor ``maxZoom``.
    """
    elements = list(walk(m))
    for element in elements:
        _refuse_unsupported(element)
    _check_max_zoom(m, elements)
    keep_jquery = _needs_jquery(elements)
    for element in elements:
        if isinstance(element, JSCSSMixin):
            element.default_js = _localized(element, element.default_js, keep_jquery)
            element.default_css = _localized(element, element.default_css, keep_jquery)
    if keep_jquery and not any(name == _JQUERY for e in elements for name, _ in _js_of(e)):
        # An earlier localize() of this map dropped it; put it back right after Leaflet.
        at = next((i + 1 for i, (name, _) in enumerate(m.default_js) if name == "leaflet"), 0)
        m.default_js = [*m.default_js[:at], (_JQUERY, VENDORED[_JQUERY]), *m.default_js[at:]]
    _forget_rendered_links(m)
    m.add_child(_DefaultIconPath(LEAFLET_IMAGES), name=_ICON_PATH_CHILD)
    m._children.move_to_end(_ICON_PATH_CHILD, last=False)  # before any marker's script
    return m


def external_urls(m: folium.Map, *, scan_html: bool = True) -> list[str]:
    """Every http(s) URL the map would still request, in first-seen order.

    Looks at the elements' ``default_js``/``default_css`` (what streamlit-folium
    injects), the d3 links streamlit-folium adds for a branca ColorMap, raster layer
    URLs (``TileLayer`` tiles: how a deployment opts in to a basemap) and, with
    ``scan_html``, the fully rendered HTML (which renders the map: costly for big maps).
    Conservative: plain hyperlinks in popups or attributions are reported too, since
    they are dead links offline.
    """
    found: dict[str, None] = {}
    # Render first: some elements add children while rendering, and st_folium walks
    # the tree after rendering too.
    html = m.get_root().render() if scan_html else ""
    for element in walk(m):
        if isinstance(element, branca.colormap.ColorMap):
            found.update(dict.fromkeys(_colormap_d3_urls()))
        if isinstance(element, JSCSSMixin):
            for _, url in [*element.default_js, *element.default_css]:
                if _is_external(url):
                    found[url] = None
        for attribute in _URL_ATTRIBUTES:
            value = getattr(element, attribute, None)
            if isinstance(value, str) and _is_external(value):
                found[value] = None
    for match in [*_URL_RE.findall(html), *_PROTOCOL_RELATIVE_RE.findall(html)]:
        url = match.rstrip(".,;")
        if _is_external(url):
            found[url] = None
    return list(found)


def _is_external(url: str) -> bool:
    lowered = url.lower()
    if lowered.startswith(_NOT_FETCHED_PREFIXES):
        return False
    return lowered.startswith(("http://", "https://", "//"))


def _refuse_unsupported(element: branca.element.Element) -> None:
    if isinstance(element, branca.colormap.ColorMap):
        raise UnvendoredAssetError(
            f"branca {type(element).__name__} found in the map: streamlit-folium then loads d3 from "
            f"{' and '.join(_colormap_d3_urls())} (hard-coded, cannot be vendored) and offline the map stays blank. "
            "Draw the legend outside the map (Streamlit/HTML) instead."
        )
    if isinstance(element, folium.map.Icon):
        raise UnvendoredAssetError(
            "folium.Icon needs the awesome_markers/bootstrap/fontawesome assets "
            f"({dict(folium.Map.default_js).get('awesome_markers')}), which are deliberately not vendored. "
            "Use the default marker, folium.DivIcon or folium.CircleMarker."
        )


def _check_max_zoom(m: folium.Map, elements: list[branca.element.Element]) -> None:
    """Leaflet takes maxZoom from tile layers; without any, MarkerCluster throws in the browser."""
    clusters = any(isinstance(e, folium.plugins.MarkerCluster) for e in elements)
    tiles = any(isinstance(e, folium.TileLayer) for e in elements)
    if clusters and not tiles and not ({"maxZoom", "max_zoom"} & set(m.options)):
        raise OfflineMapError(
            "MarkerCluster on a map without tile layer needs an explicit maximum zoom, else the "
            "browser throws 'Map has no maxZoom specified' and nothing is drawn. Build the map with "
            "folium.Map(tiles=None, maxZoom=12) (camelCase: max_zoom= only reaches a TileLayer)."
        )


def _needs_jquery(elements: list[branca.element.Element]) -> bool:
    for element in elements:
        if isinstance(element, folium.map.Popup):
            return True
        if isinstance(element, folium.Map):
            if element.objects_to_stay_in_front:
                return True
        elif isinstance(element, JSCSSMixin) and any(name == _JQUERY for name, _ in element.default_js):
            return True  # a plugin that declares jQuery itself
        if isinstance(element, folium.GeoJson) and not element.embed:
            return True
    return False


def _js_of(element: branca.element.Element) -> list[tuple[str, str]]:
    return element.default_js if isinstance(element, JSCSSMixin) else []


def _localized(element: JSCSSMixin, assets: list[tuple[str, str]], keep_jquery: bool) -> list[tuple[str, str]]:
    localized: list[tuple[str, str]] = []
    for name, url in assets:
        if name in DROPPED or (name == _JQUERY and not keep_jquery):
            continue
        if name not in VENDORED:
            raise UnvendoredAssetError(
                f"{type(element).__name__} needs asset {name!r} from {url}, which is not vendored. "
                "Add the file under static/vendor/ (see static/vendor/README.md) and map the name in "
                "geo.offline.VENDORED, or list it in geo.offline.DROPPED if nothing drawn needs it."
            )
        localized.append((name, VENDORED[name]))
    return localized


def _forget_rendered_links(m: folium.Map) -> None:
    """Drop header links of managed assets left by an earlier render (re-added on render)."""
    root = m.get_root()
    header = getattr(root, "header", None)
    if header is None:
        return
    for name in [*VENDORED, *DROPPED]:
        header._children.pop(name, None)
