"""One-page A4 PDF briefs of a county and of a contiguous area: Chinese text, facts, sources."""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings

import plotly.graph_objects as go
import pypdf
import pytest
from matplotlib.figure import Figure

from geo import brief
from geo.overview import AtlasData

GENERATED = dt.date(2026, 1, 2)
A4_POINTS = (595, 842)


def _read(pdf: bytes) -> tuple[pypdf.PdfReader, str]:
    assert pdf.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, "".join(page.extract_text() for page in reader.pages)


def _is_a4(page: pypdf.PageObject) -> bool:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return (round(width), round(height)) == A4_POINTS


@pytest.fixture(scope="module")
def county_pdf(atlas: AtlasData) -> bytes:
    return brief.county_brief_pdf("130624", atlas, generated=GENERATED)


def test_county_brief_is_one_a4_page_with_chinese_text(county_pdf: bytes) -> None:
    reader, text = _read(county_pdf)
    assert len(reader.pages) == 1
    assert _is_a4(reader.pages[0])
    for expected in (
        "阜平县",
        "县域简报",
        "来源",
        "2019年",
        "燕山-太行山区",
        "居民人均可支配收入",
        "生成日期：2026-01-02",
    ):
        assert expected in text, expected
    assert "data/SOURCES.md" in text
    assert reader.metadata.title == "县域简报 · 阜平县"


def test_county_content_facts_map_and_sources(atlas: AtlasData) -> None:
    content = brief.county_content("130624", atlas)
    facts = dict(content.facts)
    assert facts["摘帽年份"] == "2019年"
    assert content.subtitle == "河北省 · 保定市 · 区划代码 130624"
    assert content.map_style.selected == "130624"
    # the locator shows the whole province (except islands): Hebei spans ~113.4–119.9°E, 36–42.6°N
    (south, west), (north, east) = content.map_style.fit
    assert west < 114 and east > 119 and south < 37 and north > 42
    assert [c.title for c in content.charts] == ["居民人均可支配收入", "户籍人口", "地区生产总值"]
    assert content.sources[0] == brief.source("SOURCE_LIST832")
    assert any("Clebeech" in s for s in content.sources)
    assert content.sources[-1] == brief.source("SOURCE_NOTE")


def test_area_brief_is_one_page_with_the_area_and_its_sources(atlas: AtlasData) -> None:
    reader, text = _read(brief.area_brief_pdf("乌蒙山区", atlas, generated=GENERATED))
    assert len(reader.pages) == 1
    assert _is_a4(reader.pages[0])
    for expected in ("片区简报", "乌蒙山区", "来源", "贵州省", "各省片区县数", "生成日期：2026-01-02"):
        assert expected in text, expected


def test_area_map_outlines_the_members_coloured_by_exit_year(atlas: AtlasData) -> None:
    content = brief.area_content("乌蒙山区", atlas)
    members = set(content.area_outline)
    assert len(members) == 38
    order = atlas.attrs.order
    member_classes = {content.map_style.classes[order.index(code)] for code in members}
    assert member_classes <= set("01234")
    assert content.map_style.classes[order.index("110101")] == "6"  # Beijing: another province


def test_county_without_data_still_fits_one_page(atlas: AtlasData) -> None:
    reader, text = _read(brief.county_brief_pdf("460322", atlas, generated=GENERATED))  # 南沙区
    assert len(reader.pages) == 1
    assert "南沙区" in text and "暂无数据" in text and "来源" in text


def test_unknown_county_or_area_is_a_key_error(atlas: AtlasData) -> None:
    with pytest.raises(KeyError):
        brief.county_brief_pdf("999999", atlas)
    with pytest.raises(KeyError):
        brief.area_brief_pdf("不存在山区", atlas)


def test_no_missing_glyphs_or_font_fallback(atlas: AtlasData, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = brief.render_pdf(brief.county_content("520402", atlas))
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]
    fonts = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert names and all("NotoSansCJK" in name for name in names), names  # no DejaVu fallback


def test_wrap_breaks_cjk_text_and_keeps_punctuation_off_line_starts() -> None:
    assert brief.wrap("一二三四五六", 3) == ["一二三", "四五六"]
    assert brief.wrap("一二三）四", 3) == ["一二三）", "四"]
    assert brief.wrap("来源 data/SOURCES.md 整理", 9) == ["来源", "data/SOURCES.md", "整理"]
    assert brief.wrap("一二三四五六七", 3, max_lines=2) == ["一二三", "四五…"]


def test_plotly_traces_are_redrawn_and_unknown_ones_refused() -> None:
    fig = go.Figure()
    fig.add_scatter(x=[2018, 2019, 2020], y=[1, 2, 3], name="县", mode="lines+markers", line={"dash": "dash"})
    fig.add_bar(x=["甲", "乙"], y=[1, 2], name="柱")
    fig.add_vline(x=2019, line_dash="dot", annotation_text="2019年摘帽")
    ax = Figure().add_subplot()
    handles = brief.draw_plotly(ax, fig)
    assert [h.get_label() for h in handles] == ["县", "柱"]
    assert any(t.get_text() == "2019年摘帽" for t in ax.texts)
    with pytest.raises(ValueError, match="pie"):
        brief.draw_plotly(Figure().add_subplot(), go.Figure(go.Pie(values=[1, 2])))
