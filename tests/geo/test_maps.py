import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo import maps
from geo.offline import external_urls, localize


@pytest.fixture
def polygons() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "adcode": ["632803", "130624", "110101"],
            "name": ["茫崖市", "阜平县", "东城区"],
            "prefecture": ["海西蒙古族藏族自治州", "保定市", ""],
            "province": ["青海省", "河北省", "北京市"],
        },
        geometry=[box(90, 38, 91, 39), box(114, 38, 115, 39), box(116, 39.5, 116.5, 40)],
        crs="EPSG:4490",
    )


@pytest.fixture
def poverty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "adcode": ["632803", "", "130624"],
            "polygon_adcode": ["632803", "632803", "130624"],
            "name": ["茫崖市", "冷湖行委", "阜平县"],
            "name_then": ["茫崖行委", "", ""],
            "exit_year": pd.array([2019, 2019, 2019], dtype="Int64"),
            "contiguous_area": ["四省藏区", "四省藏区", "燕山-太行山区"],
        }
    )


def test_exit_year_layer_colours_and_merged_units(polygons, poverty) -> None:
    layer = maps.exit_year_layer(polygons, poverty).set_index("adcode")
    assert layer.loc["130624", "fill"] == maps.EXIT_YEAR_COLORS[2019]
    assert layer.loc["110101", "fill"] == maps.NO_DATA_COLOR
    assert layer.loc["110101", "exit_label"] == "非国家贫困县"
    assert layer.loc["632803", "listed_as"] == "茫崖行委、冷湖行委"
    assert layer.loc["130624", "listed_as"] == "—"  # same as today's name: not repeated
    assert len(layer) == len(polygons)


def test_exit_year_map_is_offline_and_escapes_names(polygons, poverty) -> None:
    hostile = polygons.assign(name=["<img src=x onerror=alert(1)>", "阜平县", "东城区"])
    layer = maps.exit_year_layer(hostile, poverty)
    provinces = hostile.dissolve("province", as_index=False)[["province", "geometry"]]
    lines = gpd.GeoDataFrame({"kind": ["境界线"]}, geometry=[box(110, 5, 111, 6).boundary], crs="EPSG:4490")
    m = maps.exit_year_map(layer, provinces, lines)
    assert external_urls(m) == []
    rendered = m.get_root().render()
    assert "<img src=x" not in rendered
    # escaped before folium JSON-encodes it (folium writes & as \u0026)
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in rendered
    assert "国家贫困县摘帽年份" in rendered  # the legend


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
