import json
import re

import pytest

from geo import maps
from geo.choropleth import ChoroplethStyle, CountyAttributes
from geo.offline import external_urls, local_path, localize

URLS = {
    "counties-national": "/app/static/generated/x/counties.topo.json",
    "border_lines": "/app/static/generated/x/b.json",
}


@pytest.fixture
def attrs() -> CountyAttributes:
    return CountyAttributes(
        order=("130624", "433124", "110101"),
        exit="44-",
        area=(0, 1, -1),
        area_names=("燕山-太行山区", "武陵山区"),
        area_labels=({"name": "武陵山区", "lat": 28.5, "lon": 109.5},),
    )


def _options(m) -> dict:
    script = m.get_root().render()
    found = re.search(r"window\.atlasCountyMap\([^,]+, (\{.*\})\);", script)
    assert found, "the county layer call must be in the page"
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_exit_year_style_colours_the_832(attrs: CountyAttributes) -> None:
    style, legend = maps.exit_year_style(attrs)
    assert style.classes == "33-"  # 2019 -> class 3 of 2016..2020
    assert style.values == ("2019年", "2019年", "")
    assert style.selection == "111"
    assert style.colors[3] == maps.EXIT_YEAR_COLORS[2019]
    assert legend.title == "国家贫困县摘帽年份"


def test_county_map_is_offline_and_carries_the_styling(attrs: CountyAttributes) -> None:
    style, legend = maps.exit_year_style(attrs, selection={"130624"})
    m = maps.county_map(attrs, style, URLS, legend)
    assert external_urls(m) == []
    for element in (e for e in m._children.values() if isinstance(e, maps.CountyLayer)):
        assert all(local_path(url).exists() for _, url in element.default_js + element.default_css)
    options = _options(m)
    assert options["cls"] == "33-"
    assert options["sel"] == "100"
    assert options["topology"] == URLS["counties-national"]
    assert options["areaNames"] == ["燕山-太行山区", "武陵山区"]


def test_county_map_refuses_misaligned_styling(attrs: CountyAttributes) -> None:
    style = ChoroplethStyle(indicator=None, classes="0", colors=("#fff",), values=("",), selection="1")
    with pytest.raises(ValueError, match="align"):
        maps.county_map(attrs, style, URLS, maps.LegendSpec("t", ()))


def test_script_breakout_in_labels_is_neutralised(attrs: CountyAttributes) -> None:
    hostile = CountyAttributes(attrs.order, attrs.exit, attrs.area, ("</script><img src=x onerror=alert(1)>", "b"), ())
    style, legend = maps.exit_year_style(hostile)
    rendered = maps.county_map(hostile, style, URLS, legend).get_root().render()
    assert "</script><img" not in rendered
    assert _options(maps.county_map(hostile, style, URLS, legend))["areaNames"][0].startswith("</script>")


def test_tiles_only_when_configured(monkeypatch) -> None:
    monkeypatch.delenv(maps.TILE_URL_ENV, raising=False)
    assert external_urls(localize(maps.base_map())) == []
    monkeypatch.setenv(maps.TILE_URL_ENV, "https://tiles.example.org/{z}/{x}/{y}.png")
    assert any("tiles.example.org" in url for url in external_urls(localize(maps.base_map())))


def test_legend_escapes_labels() -> None:
    html = maps.legend_html("<b>x</b>", [maps.LegendItem("#fff", "<script>")], note="a&b")
    assert "<script>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "a&amp;b" in html
