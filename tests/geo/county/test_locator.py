"""The locator map: neighbours from the coverage, classes, extent."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import choropleth, data
from geo.county.locator import CLASS_KEYS, Neighbours, locator_style, same_prefecture
from geo.i18n import t


@pytest.fixture(scope="module")
def neighbours(national_counties) -> Neighbours:
    return Neighbours.build(national_counties)


@pytest.fixture(scope="module")
def places(national_counties) -> pd.DataFrame:
    table = pd.DataFrame(national_counties.drop(columns="geometry"))
    return table.join(national_counties.geometry.bounds)


def test_neighbours_are_symmetric_and_local(neighbours: Neighbours) -> None:
    fuping = neighbours("130624")
    assert {"130627", "130630", "130634"} <= set(fuping)  # 唐县, 涞源, 曲阳
    assert "140922" in fuping  # 五台县 across the Shanxi border
    assert "130624" not in fuping
    assert all("130624" in neighbours(code) for code in fuping)
    assert neighbours("nope") == ()


def test_locator_style(national_counties, places: pd.DataFrame, neighbours: Neighbours) -> None:
    attrs = choropleth.county_attributes(national_counties, data.poverty_counties())
    style, legend = locator_style("130624", attrs, places, neighbours("130624"))
    order = list(attrs.order)
    cls = dict(zip(order, style.classes, strict=True))
    assert cls["130624"] == "0" and cls["130634"] == "1" and cls["140922"] == "2"
    assert cls["130102"] == "3" and cls["110101"] == "4"
    assert style.selected == "130624" and set(style.selection) == {"1"}
    (south, west), (north, east) = style.fit
    assert south < 38.8 < north and west < 114.2 < east and north - south < 4
    assert [i.label for i in legend.items] == [t(key) for _, key in CLASS_KEYS]
    assert len(same_prefecture("130624", places)) == 24  # 保定市
