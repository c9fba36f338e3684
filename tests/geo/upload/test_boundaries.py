from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.upload.boundaries import read_boundaries
from geo.upload.errors import UploadError

XSS = "<img src=x onerror=alert(1)>"


def _frame(crs: str | int | None = 4490) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"adcode": ["520402", "520423"], "name": ["西秀区", XSS]},
        geometry=[shapely.box(105.9, 26.2, 106.2, 26.5), shapely.box(105.6, 25.9, 105.9, 26.2)],
        crs=crs,
    )


def _shapefile_zip(
    tmp_path: Path, gdf: gpd.GeoDataFrame, *, encoding: str = "UTF-8", drop: tuple[str, ...] = ()
) -> bytes:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    gdf.to_file(src / "县界.shp", encoding=encoding)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(src.iterdir()):
            if f.suffix.lower() not in drop:
                zf.write(f, f"县界/{f.name}")
    return buf.getvalue()


def test_shapefile_gbk_without_cpg(tmp_path):
    result = read_boundaries(_shapefile_zip(tmp_path, _frame(), encoding="GBK", drop=(".cpg",)), "县界.zip")
    assert result.format == "shapefile" and result.encoding == "GB18030"
    assert result.frame.crs.to_epsg() == 4490
    assert list(result.frame["name"]) == ["西秀区", XSS]  # decoded correctly and unchanged
    assert result.repaired == 0


def test_shapefile_utf8_without_cpg(tmp_path):
    result = read_boundaries(_shapefile_zip(tmp_path, _frame(), drop=(".cpg",)), "县界.zip")
    assert result.encoding == "UTF-8" and list(result.frame["name"]) == ["西秀区", XSS]


@pytest.mark.parametrize(("suffix", "fragment"), [(".shx", "索引文件 .shx"), (".dbf", "属性表 .dbf")])
def test_missing_shx_or_dbf(tmp_path, assert_chinese, suffix, fragment):
    with pytest.raises(UploadError) as err:
        read_boundaries(_shapefile_zip(tmp_path, _frame(), drop=(suffix,)), "县界.zip")
    assert_chinese(err, fragment, "县界.shp", kind="missing_part")


def test_zip_without_shp(assert_chinese, make_zip):
    with pytest.raises(UploadError) as err:
        read_boundaries(make_zip({"readme.txt": b"x"}), "a.zip")
    assert_chinese(err, "没有 .shp", kind="missing_part")


@pytest.mark.parametrize("mangle", ["garbage", "truncate"])
def test_corrupt_dbf(tmp_path, assert_chinese, make_zip, mangle):
    data = _shapefile_zip(tmp_path, _frame())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {Path(n).name: zf.read(n) for n in zf.namelist()}
    dbf = members["县界.dbf"]
    members["县界.dbf"] = b"this is not a dbf file" if mangle == "garbage" else dbf[: len(dbf) - 40]
    with pytest.raises(UploadError) as err:
        read_boundaries(make_zip(members), "县界.zip")
    assert_chinese(err, "县界.dbf", "已损坏", kind="corrupt_dbf")


def test_projected_without_prj_asks_then_reprojects(tmp_path, assert_chinese):
    projected = _frame().to_crs(4545)  # CGCS2000 3-degree GK zone 35 (105°E)
    data = _shapefile_zip(tmp_path, projected, drop=(".prj",))
    with pytest.raises(UploadError) as err:
        read_boundaries(data, "县界.zip")
    assert_chinese(err, ".prj", "投影坐标", "EPSG", kind="crs_missing_projected")
    result = read_boundaries(data, "县界.zip", assume_crs="EPSG:4545")
    assert result.crs_assumed and result.frame.crs.to_epsg() == 4490
    minx, _, _, maxy = result.frame.total_bounds
    assert minx == pytest.approx(105.6, abs=1e-6) and maxy == pytest.approx(26.5, abs=1e-6)
    assert any("EPSG:4545" in n for n in result.notes)


def test_geographic_without_prj_asks(tmp_path, assert_chinese):
    data = _shapefile_zip(tmp_path, _frame(), drop=(".prj",))
    with pytest.raises(UploadError) as err:
        read_boundaries(data, "县界.zip")
    assert_chinese(err, "经纬度", "EPSG:4490", kind="crs_missing_geographic")
    assert read_boundaries(data, "县界.zip", assume_crs=4490).frame.crs.to_epsg() == 4490


def test_geographic_crs_assumed_for_projected_coordinates_rejected(tmp_path, assert_chinese):
    data = _shapefile_zip(tmp_path, _frame().to_crs(4545), drop=(".prj",))
    with pytest.raises(UploadError) as err:
        read_boundaries(data, "县界.zip", assume_crs=4326)
    assert_chinese(err, "EPSG:4326", "投影坐标系", kind="crs_mismatch")


def test_self_intersecting_polygon_repaired_and_counted():
    bowtie = shapely.Polygon([(105, 26), (106, 27), (106, 26), (105, 27)])
    gdf = _frame()
    gdf.loc[0, "geometry"] = bowtie
    result = read_boundaries(gdf.to_json().encode(), "x.geojson")
    assert result.format == "geojson"
    assert result.repaired == 1
    assert result.frame.geometry.is_valid.all()
    assert set(result.frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert result.frame.geometry.iloc[0].area == pytest.approx(0.5)
    assert any("修复 1 个" in n for n in result.notes)


def test_geojson_projected_coordinates_rejected(assert_chinese):
    # GeoJSON has no .prj; GDAL assumes WGS84, so metre coordinates must be caught by their range.
    data = _frame().to_crs(4545).set_crs(None, allow_override=True).to_json().encode()
    with pytest.raises(UploadError) as err:
        read_boundaries(data, "x.geojson")
    assert_chinese(err, "投影坐标", kind="crs_mismatch")
    assert read_boundaries(data, "x.geojson", assume_crs=4545).frame.crs.to_epsg() == 4490


def test_geopackage_reprojected_from_4326(tmp_path):
    path = tmp_path / "a.gpkg"
    _frame(4326).to_file(path, layer="县界")
    result = read_boundaries(path.read_bytes(), "a.gpkg")
    assert result.format == "gpkg" and result.source_crs == "EPSG:4326"
    assert result.frame.crs.to_epsg() == 4490 and list(result.frame["name"]) == ["西秀区", XSS]


def test_empty_layer(assert_chinese):
    data = _frame().iloc[:0].to_json().encode()
    with pytest.raises(UploadError) as err:
        read_boundaries(data, "x.geojson")
    assert_chinese(err, "没有任何要素", kind="empty")


def test_non_polygon_geometry(assert_chinese):
    gdf = _frame()
    gdf.loc[1, "geometry"] = shapely.Point(105, 26)
    with pytest.raises(UploadError) as err:
        read_boundaries(gdf.to_json().encode(), "x.geojson")
    assert_chinese(err, "非面状要素", "Point 1 个", kind="not_polygon")


@pytest.mark.parametrize(
    ("data", "kind"), [(b"", "empty"), (b"hello", "unsupported_format"), (b'{"type": "FeatureCollection",', "bad_file")]
)
def test_empty_unknown_or_truncated(assert_chinese, data, kind):
    with pytest.raises(UploadError) as err:
        read_boundaries(data, "x")
    assert_chinese(err, kind=kind)


def test_over_upload_limit(tmp_path, assert_chinese):
    with pytest.raises(UploadError) as err:
        read_boundaries(_shapefile_zip(tmp_path, _frame()), "县界.zip", max_bytes=100)
    assert_chinese(err, "超过上限", kind="too_large")


def test_zip_slip_in_shapefile_upload(assert_chinese, make_zip):
    with pytest.raises(UploadError) as err:
        read_boundaries(make_zip({"../../县界.shp": b"x"}), "县界.zip")
    assert_chinese(err, "../", kind="unsafe_path")
