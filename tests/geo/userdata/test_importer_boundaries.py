"""Boundary import: zipped Shapefile bytes → read → plan → join → GCJ-02 check → Dataset with features."""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import boundaries
from geo.upload.boundaries import read_boundaries
from geo.upload.errors import UploadError
from geo.upload.gcj02 import EARTH_RADIUS_M, to_gcj02
from geo.userdata.importer import (
    SKIP,
    ImportPlan,
    ValueChoice,
    apply_overrides,
    build_dataset,
    check_alignment,
    match_boundaries,
    suggest_plan,
)
from geo.userdata.model import FEATURE_COLUMNS, VALUE_COLUMNS

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def full_counties() -> gpd.GeoDataFrame:
    return boundaries.counties("full")


@pytest.fixture(scope="module")
def guizhou(national_counties) -> gpd.GeoDataFrame:
    """Guizhou's counties as an uploader's layer: numeric codes, GBK names, a population field,
    plus one feature that is no county (no code, a hostile name)."""
    counties = national_counties[national_counties["adcode"].str.startswith("52")].reset_index(drop=True)
    layer = gpd.GeoDataFrame(
        {
            "PAC": counties["adcode"].astype(int),
            "NAME": counties["name"],
            "POP": np.arange(len(counties), dtype="float64") * 1000,
        },
        geometry=counties.geometry.values,
        crs=counties.crs,
    )
    extra = gpd.GeoDataFrame(
        {"PAC": [0], "NAME": [XSS], "POP": [np.nan]}, geometry=[shapely.box(106.0, 26.0, 106.1, 26.1)], crs=layer.crs
    )
    return pd.concat([layer, extra], ignore_index=True)


def _zip(tmp_path: Path, layer: gpd.GeoDataFrame) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    layer.to_file(folder / "县界.shp", encoding="GBK")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.iterdir()):
            if f.suffix != ".cpg":  # as many Chinese GIS exports: GBK without a .cpg
                zf.write(f, f.name)
    return buf.getvalue()


def _distance_m(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> np.ndarray:
    """Hausdorff distance per feature, in metres (degrees × length of a degree: an upper bound)."""
    return shapely.hausdorff_distance(a.geometry.values, b.geometry.values) * math.pi / 180 * EARTH_RADIUS_M


PLAN = ImportPlan(code="PAC", name="NAME", values=(ValueChoice("POP", "人"),), year=2020)


def test_zipped_shapefile_round_trip(tmp_path, gazetteer, guizhou, full_counties):
    read = read_boundaries(_zip(tmp_path, guizhou), "县界.zip")
    assert read.encoding == "GB18030"
    suggested = suggest_plan(read.frame)
    assert (suggested.code, suggested.name, suggested.values) == ("PAC", "NAME", ())  # values: the user's choice

    match = match_boundaries(read, PLAN, gazetteer)
    n = len(guizhou)
    assert match.summary() == {"matched": n - 1, "unmatched": 1, "ambiguous": 0, "manual": 0}
    review = match.review_rows()
    assert review["row"].tolist() == [n] and review["input_name"].tolist() == [XSS]

    check = check_alignment(match, full_counties)
    assert check.status == "aligned" and not check.looks_gcj02

    dataset = build_dataset(match, name="贵州县界", source="省测绘院", filename="县界.zip")
    assert dataset.meta.kind == "boundaries" and dataset.meta.rows == n - 1
    features = dataset.features
    assert features is not None and list(features.columns) == [*FEATURE_COLUMNS, "geometry"]
    assert features.crs.to_epsg() == 4490 and len(features) == n
    assert features["adcode"].tolist() == [*guizhou["PAC"].astype(str)[:-1], ""]  # unmatched: ""
    assert features["name"].tolist()[-1] == XSS and features["name"].tolist()[0] == guizhou["NAME"][0]
    assert _distance_m(features, guizhou).max() < 0.001  # same shapes (ring order may differ)

    values = dataset.values
    assert tuple(values.columns) == VALUE_COLUMNS
    assert len(values) == n - 1 and set(values["year"]) == {2020} and set(values["column"]) == {"c1"}
    first = values.iloc[0]
    assert (first["adcode"], first["value"]) == (str(guizhou["PAC"][0]), 0.0)
    assert dataset.meta.columns[0].label == "POP" and dataset.meta.columns[0].unit == "人"


def test_gcj02_layer_is_flagged_and_corrected_on_build(tmp_path, gazetteer, guizhou, full_counties):
    read = read_boundaries(_zip(tmp_path, to_gcj02(guizhou)), "县界.zip")
    match = match_boundaries(read, ImportPlan(code="PAC", name="NAME"), gazetteer)
    check = check_alignment(match, full_counties)
    assert check.looks_gcj02 and 100 < check.offset_m < 700 and "GCJ-02" in check.message

    corrected = build_dataset(match, name="a", source="b", correct_gcj02=True).features
    kept = build_dataset(match, name="a", source="b").features
    assert corrected is not None and kept is not None
    assert _distance_m(corrected, guizhou).max() < 1  # back on the default polygons
    assert _distance_m(kept, guizhou).min() > 100  # and not without the correction


def test_layer_without_values_and_manual_mapping(tmp_path, gazetteer, guizhou):
    read = read_boundaries(_zip(tmp_path, guizhou), "县界.zip")
    match = match_boundaries(read, ImportPlan(name="NAME"), gazetteer)
    assert match.summary()["unmatched"] == 1
    fixed = apply_overrides(match, {len(guizhou): "520402"}, gazetteer)  # the box lies in 西秀区
    dataset = build_dataset(fixed, name="a", source="b")
    assert dataset.values.empty and tuple(dataset.values.columns) == VALUE_COLUMNS
    assert dataset.features is not None and dataset.features["adcode"].iloc[-1] == "520402"
    assert dataset.meta.columns == () and dataset.meta.join_summary["manual"] == 1


def test_two_features_with_values_for_one_county_are_duplicates(tmp_path, gazetteer, guizhou):
    layer = guizhou.copy()
    layer.loc[len(layer) - 1, ["PAC", "NAME", "POP"]] = [layer["PAC"][0], layer["NAME"][0], 5.0]  # a second 520102
    match = match_boundaries(read_boundaries(_zip(tmp_path, layer), "县界.zip"), PLAN, gazetteer)
    with pytest.raises(UploadError) as err:
        build_dataset(match, name="a", source="b")
    assert err.value.kind == "duplicate_keys" and f"第 1、{len(layer)} 行" in str(err.value)
    assert (
        build_dataset(apply_overrides(match, {len(layer): SKIP}, gazetteer), name="a", source="b").meta.rows
        == len(layer) - 1
    )


def test_text_attribute_as_values_is_refused(tmp_path, gazetteer, guizhou):
    layer = guizhou.assign(NOTE=["很多"] * len(guizhou))
    read = read_boundaries(_zip(tmp_path, layer), "县界.zip")
    with pytest.raises(UploadError) as err:
        match_boundaries(read, ImportPlan(code="PAC", values=(ValueChoice("NOTE"),)), gazetteer)
    assert err.value.kind == "non_numeric" and "第 1 行“很多”" in str(err.value)


def test_no_feature_matched_is_refused(tmp_path, gazetteer, guizhou):
    read = read_boundaries(_zip(tmp_path, guizhou.assign(PAC=0, NAME="无名")), "县界.zip")
    match = match_boundaries(read, ImportPlan(code="PAC", name="NAME"), gazetteer)
    with pytest.raises(UploadError) as err:
        build_dataset(match, name="a", source="b")
    assert err.value.kind == "no_match" and "没有任何要素匹配到县" in str(err.value)
