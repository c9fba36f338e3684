"""GCJ-02: the public formula, its inverse, and spotting a shifted layer against the real polygons."""

from __future__ import annotations

import math
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import boundaries
from geo.upload.gcj02 import (
    EARTH_RADIUS_M,
    correct_gcj02,
    detect_gcj02_shift,
    gcj02_to_wgs84,
    to_gcj02,
    wgs84_to_gcj02,
)

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def full_counties() -> gpd.GeoDataFrame:
    return boundaries.counties("full")


def _max_error_m(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> float:
    ca = shapely.get_coordinates(a.geometry.values)
    cb = shapely.get_coordinates(b.geometry.values)
    assert ca.shape == cb.shape
    k = math.pi / 180 * EARTH_RADIUS_M
    east = (ca[:, 0] - cb[:, 0]) * np.cos(np.radians(ca[:, 1])) * k
    north = (ca[:, 1] - cb[:, 1]) * k
    return float(np.hypot(east, north).max())


def _east(frame: gpd.GeoDataFrame, metres: float) -> gpd.GeoDataFrame:
    lat = shapely.get_y(shapely.centroid(frame.geometry.values))
    dx = metres / (EARTH_RADIUS_M * np.cos(np.radians(lat)) * math.pi / 180)
    moved = [shapely.affinity.translate(g, xoff=d) for g, d in zip(frame.geometry.values, dx, strict=True)]
    return frame.set_geometry(gpd.GeoSeries(moved, index=frame.index, crs=frame.crs))


def test_forward_matches_the_published_reference_value():
    # The value every implementation of the public formula (coordtransform, eviltransform…) gives.
    lng, lat = wgs84_to_gcj02(116.404, 39.915)
    assert lng == pytest.approx(116.41024449916938, abs=1e-9)
    assert lat == pytest.approx(39.91640428150164, abs=1e-9)


def test_outside_china_is_unchanged_and_arrays_keep_their_shape():
    lng, lat = wgs84_to_gcj02(np.array([[-74.006, 2.35]]), np.array([[40.7128, 48.85]]))
    assert lng.shape == (1, 2)
    assert lng.tolist() == [[-74.006, 2.35]] and lat.tolist() == [[40.7128, 48.85]]


def test_inverse_is_exact_to_well_under_a_millimetre():
    rng = np.random.default_rng(6)
    lng, lat = rng.uniform(74, 134, 5000), rng.uniform(18, 53, 5000)
    back_lng, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lng, lat))
    assert np.abs(back_lng - lng).max() < 1e-8 and np.abs(back_lat - lat).max() < 1e-8  # < 1 mm
    fwd_lng, fwd_lat = wgs84_to_gcj02(*gcj02_to_wgs84(lng, lat))
    assert np.abs(fwd_lng - lng).max() < 1e-9 and np.abs(fwd_lat - lat).max() < 1e-9


def test_shifted_default_polygons_are_flagged_and_corrected(national_counties, full_counties):
    before = shapely.get_coordinates(national_counties.geometry.values)
    shifted = to_gcj02(national_counties)
    check = detect_gcj02_shift(shifted, full_counties)
    assert check.status == "gcj02" and check.looks_gcj02 and check.needs_attention
    assert 100 <= check.offset_m <= 700
    assert check.compared == len(national_counties)
    assert len(_CJK.findall(check.message)) >= 10 and "GCJ-02" in check.message and "请" in check.message

    corrected = correct_gcj02(shifted)
    assert list(corrected.columns) == list(national_counties.columns)
    assert corrected.crs == national_counties.crs
    assert corrected["name"].tolist() == national_counties["name"].tolist()
    assert _max_error_m(corrected, national_counties) < 0.01  # millimetres, far within "a few metres"
    assert (shapely.get_coordinates(national_counties.geometry.values) == before).all()  # input untouched
    after = detect_gcj02_shift(corrected, full_counties)
    assert after.status == "aligned" and not after.looks_gcj02 and after.offset_m < 50


def test_unshifted_layer_is_not_flagged(national_counties, full_counties):
    check = detect_gcj02_shift(national_counties, full_counties)
    assert check.status == "aligned" and not check.looks_gcj02 and not check.needs_attention
    assert check.offset_m < 50
    assert "无需纠偏" in check.message


def test_a_constant_offset_is_a_different_misalignment(national_counties, full_counties):
    moved = _east(national_counties, 5000)
    check = detect_gcj02_shift(moved, full_counties)
    assert check.status == "offset" and not check.looks_gcj02
    assert check.east_m == pytest.approx(5000, abs=100) and abs(check.north_m) < 100
    assert "不符合 GCJ-02" in check.message and "向东 5.0 公里" in check.message and "请" in check.message


def test_one_province_uploaded_in_detail_or_simplified(national_counties, full_counties):
    guizhou_full = full_counties[full_counties["adcode"].str.startswith("52")]
    guizhou_coarse = national_counties[national_counties["adcode"].str.startswith("52")]
    for layer in (guizhou_full, guizhou_coarse):
        assert detect_gcj02_shift(to_gcj02(layer), full_counties).looks_gcj02
        assert detect_gcj02_shift(layer, full_counties).status == "aligned"
        assert detect_gcj02_shift(_east(layer, 5000), full_counties).status == "offset"


def test_unmatched_features_are_ignored_and_too_few_is_said(national_counties, full_counties):
    few = to_gcj02(national_counties.head(2))
    noise = _east(national_counties.iloc[2:6], 50_000).assign(adcode="")
    check = detect_gcj02_shift(gpd.GeoDataFrame(pd.concat([few, noise])), full_counties)
    assert check.status == "too_few" and check.compared == 2 and not check.looks_gcj02
    assert "至少 3 个" in check.message


def test_correction_needs_longitude_latitude(national_counties):
    with pytest.raises(ValueError, match="longitude/latitude"):
        correct_gcj02(national_counties.head(3).to_crs(3857))


def test_a_county_split_into_several_features_counts_once(national_counties):
    parts = national_counties.explode(index_parts=False)
    assert parts["adcode"].duplicated().any()
    check = detect_gcj02_shift(to_gcj02(parts), national_counties)
    assert check.looks_gcj02 and check.compared == len(national_counties)
