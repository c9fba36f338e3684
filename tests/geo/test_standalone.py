"""The standalone HTML export: one file, every asset and the county topology inline."""

from __future__ import annotations

import base64
import json
import re

import folium
import pytest

from geo import boundaries, data, maps, offline
from geo.filters import FilterState
from geo.overview import AtlasData, build_view
from geo.pairing.endpoints import resolve
from geo.pairing.view import pairing_map
from geo.relocation.view import build_view as relocation_view
from geo.relocation.view import site_map
from geo.standalone import StandaloneError, inline_page, standalone_html

EXTERNAL_ASSET = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def county_map(atlas: AtlasData) -> folium.Map:
    view = build_view(FilterState(), atlas)
    return maps.county_map(atlas.attrs, view.style, boundaries.publish_web_layers(), view.legend, tile_url="")


@pytest.fixture(scope="module")
def page(county_map: folium.Map) -> str:
    return standalone_html(county_map, title="832个国家贫困县摘帽年份")


def _markup(page: str) -> str:
    """The page without the bodies of its inline scripts and stylesheets."""
    return re.sub(r"(<(script|style)[^>]*>).*?(</\2>)", r"\1\3", page, flags=re.DOTALL | re.IGNORECASE)


def test_no_local_or_external_references_remain(page: str) -> None:
    assert offline.STATIC_URL_PREFIX not in page
    markup = _markup(page)
    assert "<script>" in markup and "<style>" in markup
    assert not EXTERNAL_ASSET.search(markup)
    assert not re.search(r"https?://", markup)
    # Inside the inlined vendor code, http(s) addresses are only licence comments, SVG namespaces and
    # Leaflet's attribution link (never shown: the map has no attribution control); the browser test
    # (tests/browser/test_standalone_file.py) asserts that opening the file makes no request at all.
    fetchable = re.findall(r"""(?:src|href)\s*=\s*\\?["']?(https?://[^"'\\ >]+)""", page)
    assert set(fetchable) <= {"https://leafletjs.com"}, fetchable
    assert not re.search(r"<script[^>]+src=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]+stylesheet", page, re.IGNORECASE)
    assert "<title>832个国家贫困县摘帽年份</title>" in page


def test_the_county_topology_travels_inside_the_page(page: str) -> None:
    urls = boundaries.publish_web_layers()
    match = re.search(r'"topology":"data:application/json;base64,([A-Za-z0-9+/=]+)"', page)
    assert match
    topology = json.loads(base64.b64decode(match[1]))
    assert topology["type"] == "Topology"
    expected = offline.local_path(urls["counties-national"]).read_bytes()
    assert base64.b64decode(match[1]) == expected
    assert '"borders":"data:application/geo+json;base64,' in page
    assert "window.atlasCountyMap(" in page
    assert len(page.encode()) < 2_500_000  # ~1.5 MB: topology + Leaflet, well under a mail attachment


def test_vendored_code_and_images_are_inlined(page: str) -> None:
    leaflet = (offline.STATIC_DIR / "vendor/leaflet/leaflet.js").read_text(encoding="utf-8")
    assert leaflet[:200] in page
    assert "window.atlasCountyMap = function" in page  # static/atlas/atlas_map.js
    assert 'url("data:image/png;base64,' in page  # leaflet.css layer-control icons
    assert 'L.Icon.Default.imagePath = "";' in page
    assert '"iconUrl": "data:image/png;base64,' in page


def test_script_ends_are_escaped_when_inlined(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    (tmp_path / "x.js").write_text('var s = "</script><b>";', encoding="utf-8")
    monkeypatch.setattr(offline, "STATIC_DIR", tmp_path)
    out = inline_page('<html><head><script src="/app/static/x.js"></script></head></html>')
    assert out.count("</script>") == 1
    assert 'var s = "<\\/script><b>";' in out


def test_a_missing_static_file_is_refused() -> None:
    with pytest.raises(StandaloneError, match="does not exist"):
        inline_page('<script src="/app/static/vendor/no-such-file.js"></script>')


def test_an_external_asset_is_refused() -> None:
    with pytest.raises(StandaloneError, match="network"):
        inline_page('<html><script src="https://cdn.example.org/leaflet.js"></script></html>')


def test_pairing_and_relocation_maps_export_offline(atlas: AtlasData, national_counties) -> None:
    """The pages whose maps carry links and markers offer the HTML file too: it must stand alone."""
    urls = boundaries.publish_web_layers()
    links = resolve(data.pairings(), national_counties)
    sites = relocation_view(FilterState(), atlas, data.relocation_sites(), data.read_table("relocation_totals"))
    pages = [
        standalone_html(pairing_map(atlas.attrs, links[links["period"] == 2016], urls, 2016), title="pairing"),
        standalone_html(site_map(sites, atlas.attrs, urls), title="relocation"),
    ]
    for html in pages:
        assert offline.STATIC_URL_PREFIX not in html
        assert not re.search(r"<script[^>]+src=", html, re.IGNORECASE)
        assert not re.search(r"<link[^>]+stylesheet", html, re.IGNORECASE)
        fetchable = re.findall(r"""(?:src|href)\s*=\s*\\?["']?(https?://[^"'\\ >]+)""", html)
        assert set(fetchable) <= {"https://leafletjs.com"}, fetchable
