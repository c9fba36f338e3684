import pandas as pd

from geo import choropleth, data


def test_county_attributes_align_with_the_polygons(national_counties) -> None:
    attrs = choropleth.county_attributes(national_counties, data.poverty_counties())
    assert attrs.order == tuple(national_counties["adcode"])
    assert len(attrs.exit) == len(attrs.area) == len(attrs.order)
    assert len(attrs.exit) - attrs.exit.count("-") == 831  # 832 listed, 冷湖 shares 茫崖市's polygon
    i = attrs.order.index("130624")
    assert attrs.exit[i] == "4"  # 2019
    assert attrs.area_names[attrs.area[i]] == "燕山-太行山区"
    assert len(attrs.area_names) == 14
    assert {label["name"] for label in attrs.area_labels} == set(attrs.area_names)


def test_encode_classes_and_selection() -> None:
    order = ("a", "b", "c", "d")
    classes = pd.Series({"a": 0, "b": 11, "c": -1})
    assert choropleth.encode_classes(order, classes) == "0b--"
    assert choropleth.encode_selection(order, {"b", "d"}) == "0101"


def test_format_value() -> None:
    assert choropleth.format_value(12345.6, "元") == "12,346 元"
    assert choropleth.format_value(4.5, "%") == "4.5 %"
    assert choropleth.format_value(float("nan"), "元") == ""
