"""Pairing endpoints: code levels, covered counties, seats, every end inside its polygons, labels."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import data
from geo.pairing.endpoints import resolve, seat_county, unit_counties, unit_level


def test_unit_levels_and_counties() -> None:
    codes = ["330102", "330105", "330212", "331002", "442000", "441900"]
    assert unit_level("330000") == "province"
    assert unit_level("442000") == "prefecture"  # 中山市: a prefecture-level city without counties
    assert unit_level("330212") == "county"
    assert unit_counties("330000", codes) == ("330102", "330105", "330212", "331002")
    assert unit_counties("330100", codes) == ("330102", "330105")
    assert unit_counties("442000", codes) == ("442000",)
    assert unit_counties("330999", codes) == ()
    assert seat_county("330000", codes) == "330102"  # the capital (XX01)'s first-coded district
    assert seat_county("330200", codes) == "330212"
    with pytest.raises(ValueError, match="administrative code"):
        unit_level("33")


def test_every_endpoint_resolves(links: pd.DataFrame, national_counties: gpd.GeoDataFrame) -> None:
    geometry = dict(zip(national_counties["adcode"], national_counties.geometry, strict=True))
    for link in links.itertuples(index=False):
        assert link.helper_seat in link.helper_counties
        assert geometry[link.helper_seat].contains(shapely.Point(link.helper_point)), link.pair_id
        covered = link.recipient_counties
        assert covered and all(c in geometry for c in covered)
        prefix = {"province": 2, "prefecture": 4, "county": 6}[link.recipient_level]
        assert all(c.startswith(link.recipient_adcode[:prefix]) for c in covered)
        union = shapely.union_all([geometry[c] for c in covered])
        assert union.contains(shapely.Point(link.recipient_point)), link.pair_id
        west, south, east, north = link.recipient_bounds
        assert west <= link.recipient_point[0] <= east and south <= link.recipient_point[1] <= north
    # the seat of a whole-province helper is inside its capital
    fujian = links.loc[links["pair_id"] == "2016-18"].iloc[0]
    assert fujian["helper_seat"].startswith("3501")
    assert len(fujian["recipient_counties"]) == (national_counties["adcode"].str[:2] == "64").sum()


def test_resolve_refuses_an_end_without_polygons(national_counties: gpd.GeoDataFrame) -> None:
    bad = data.pairings().head(1).assign(recipient_adcode="719900")
    with pytest.raises(ValueError, match="no county polygon"):
        resolve(bad, national_counties)


def test_labels(links: pd.DataFrame) -> None:
    row = links.set_index("pair_id")
    assert row.loc["2016-33", "helper_label"] == "北京市朝阳区"
    assert row.loc["2016-33", "helper_full"] == "北京市朝阳区"
    assert row.loc["2016-36", "recipient_full"] == "吉林省延边朝鲜族自治州安图县"
    assert row.loc["2016-50", "helper_label"] == "浙江省"
    assert row.loc["2016-47", "recipient_level"] == "prefecture"  # county-to-prefecture
