"""A folium map as one self-contained HTML file that opens offline, straight from disk.

Maps built by :mod:`geo.maps` load their JS/CSS from ``/app/static/...`` (the copies
:mod:`geo.offline` points them at) and the county layer fetches its TopoJSON and boundary
lines from ``/app/static/generated/...`` with a synchronous XHR
(``static/atlas/atlas_map.js``). None of that resolves from a file on disk, so
:func:`standalone_html` renders the map and

- inlines every ``<script src>`` and stylesheet ``<link>`` under ``/app/static/``
  (images a stylesheet refers to become ``data:`` URIs);
- turns every other ``/app/static/...`` file the page refers to (the boundary files in the
  county layer's options) into a base64 ``data:`` URL: Chromium and Firefox serve an XHR
  for a ``data:`` URL locally, from any origin including ``file://``, so ``atlas_map.js``
  loads them unchanged;
- gives Leaflet's default marker icons ``data:`` URLs.

It refuses (:class:`StandaloneError`) to write a file that would still reference a
local static path or load a script or stylesheet from another host. A basemap configured
with ``ATLAS_TILE_URL`` stays a network reference by design (it is the deployment's opt-in).
"""

from __future__ import annotations

import base64
import html
import json
import mimetypes
import re
from functools import cache
from pathlib import Path

import folium

from geo.offline import LEAFLET_IMAGES, STATIC_URL_PREFIX, local_path

_SCRIPT_RE = re.compile(r"""<script\s+src=["'](?P<url>/app/static/[^"']+)["']\s*>\s*</script>""", re.IGNORECASE)
_STYLESHEET_RE = re.compile(
    r"""<link\s+rel=["']stylesheet["']\s+href=["'](?P<url>/app/static/[^"']+)["']\s*/?>""", re.IGNORECASE
)
_ICON_PATH_RE = re.compile(
    r"""L\.Icon\.Default\.imagePath\s*=\s*(?P<quote>["'])(?P<url>/app/static/[^"']*)(?P=quote);?"""
)
_QUOTED_STATIC_RE = re.compile(r"""(?P<quote>["'])(?P<url>/app/static/[^"'\s]+)(?P=quote)""")
_CSS_URL_RE = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<ref>[^)"']+)(?P=quote)\s*\)""")
_EXTERNAL_ASSET_RE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)

_MIME_TYPES = {
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
#: Leaflet's default marker images, as L.Icon.Default option name -> file name.
_DEFAULT_ICONS = {"iconUrl": "marker-icon.png", "iconRetinaUrl": "marker-icon-2x.png", "shadowUrl": "marker-shadow.png"}


class StandaloneError(ValueError):
    """The map cannot be made into a self-contained file."""


def _mime(path: Path) -> str:
    return _MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _static_file(url: str) -> Path:
    path = local_path(url.split("?", 1)[0].split("#", 1)[0])
    if not path.is_file():
        raise StandaloneError(f"{url} refers to {path}, which does not exist")
    return path


@cache
def _data_url_of(path: Path, stamp: tuple[int, int]) -> str:  # noqa: ARG001 - stamp: re-read a changed file
    return f"data:{_mime(path)};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def data_url(path: Path) -> str:
    """``path`` as a base64 ``data:`` URL (cached per file version)."""
    stat = path.stat()
    return _data_url_of(path, (stat.st_mtime_ns, stat.st_size))


def _inline_script(match: re.Match[str]) -> str:
    code = _static_file(match["url"]).read_text(encoding="utf-8")
    # "</script" inside the code would end the element early; "<\/" means the same in JS strings and regexes.
    return "<script>\n" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "\n</script>"


def _inline_css(css: str, base: Path) -> str:
    """Relative ``url(...)`` references of a stylesheet as data: URIs (fragments and data: kept)."""

    def replace(match: re.Match[str]) -> str:
        ref = match["ref"].strip()
        if ref.startswith(("#", "data:")):
            return match[0]
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", ref, re.IGNORECASE):
            raise StandaloneError(f"stylesheet {base} refers to {ref}, which would be fetched from the network")
        target = (base.parent / ref.split("?", 1)[0].split("#", 1)[0]).resolve()
        if not target.is_file():
            raise StandaloneError(f"stylesheet {base} refers to {ref}, which does not exist")
        return f'url("{data_url(target)}")'

    return _CSS_URL_RE.sub(replace, css)


def _inline_stylesheet(match: re.Match[str]) -> str:
    path = _static_file(match["url"])
    css = _inline_css(path.read_text(encoding="utf-8"), path)
    return "<style>\n" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "\n</style>"


def _default_icons(match: re.Match[str]) -> str:
    """Leaflet builds icon URLs as imagePath + file name: give it complete data: URLs instead."""
    folder = match["url"]
    if folder != LEAFLET_IMAGES:
        raise StandaloneError(f"unexpected Leaflet image folder {folder}")
    icons = {name: data_url(_static_file(folder + file)) for name, file in _DEFAULT_ICONS.items()}
    return f'L.Icon.Default.imagePath = "";\n    L.Icon.Default.mergeOptions({json.dumps(icons)});'


def _embed_file(match: re.Match[str]) -> str:
    return f"{match['quote']}{data_url(_static_file(match['url']))}{match['quote']}"


def _with_title(page: str, title: str | None) -> str:
    if not title:
        return page
    tag = f"<title>{html.escape(title)}</title>"
    head = re.search(r"<head[^>]*>", page, re.IGNORECASE)
    return page[: head.end()] + "\n    " + tag + page[head.end() :] if head else tag + page


def inline_page(page: str, title: str | None = None) -> str:
    """A rendered page with every ``/app/static/...`` reference inlined (see the module docstring)."""
    page = _SCRIPT_RE.sub(_inline_script, page)
    page = _STYLESHEET_RE.sub(_inline_stylesheet, page)
    page = _ICON_PATH_RE.sub(_default_icons, page)
    page = _QUOTED_STATIC_RE.sub(_embed_file, page)
    if STATIC_URL_PREFIX in page:
        at = page.index(STATIC_URL_PREFIX)
        raise StandaloneError(f"a local static reference is left in the page: …{page[max(0, at - 60) : at + 80]}…")
    external = _EXTERNAL_ASSET_RE.search(page)
    if external:
        raise StandaloneError(f"the page would load an asset from the network: {external[0]}")
    return _with_title(page, title)


def standalone_html(folium_map: folium.Map, title: str | None = None) -> str:
    """One self-contained HTML document of ``folium_map`` that works offline from disk.

    Build the map as usual (e.g. :func:`geo.maps.county_map`, which localizes its assets);
    ``title`` becomes the page's ``<title>``. The national county map comes to ~1.6 MB.
    """
    return inline_page(folium_map.get_root().render(), title)
