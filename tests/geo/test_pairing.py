"""East–west pairing logic: endpoints, curves, filters, Sankey data, notes and the map."""

from __future__ import annotations

import json
import math
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import choropleth, data, pairing
from geo.offline import external_urls

URLS = {
    "counties-national": "/app/static/generated/x/counties.topo.json",
    "border_lines": "/app/static/generated/x/b.json",
}

# seeds_facts.md §2.7 (a): the 31 pairs of the 2016 指导意见 (seed 004:L2541), as
# (helper, recipient) by name; pair 30 has two helpers (中山市 + 东莞市 → 昭通市).
SEED_PAIRS_2016 = [
    ("北京市", "内蒙古自治区"), ("北京市", "张家口市"), ("北京市", "保定市"), ("天津市", "甘肃省"),
    ("天津市", "承德市"), ("大连市", "六盘水市"), ("上海市", "云南省"), ("上海市", "遵义市"),
    ("江苏省", "陕西省"), ("江苏省", "西宁市"), ("江苏省", "海东市"), ("苏州市", "铜仁市"),
    ("浙江省", "四川省"), ("杭州市", "恩施土家族苗族自治州"), ("杭州市", "黔东南苗族侗族自治州"),
    ("宁波市", "延边朝鲜族自治州"), ("宁波市", "黔西南布依族苗族自治州"), ("福建省", "宁夏回族自治区"),
    ("福州市", "定西市"), ("厦门市", "临夏回族自治州"), ("山东省", "重庆市"), ("济南市", "湘西土家族苗族自治州"),
    ("青岛市", "安顺市"), ("青岛市", "陇南市"), ("广东省", "广西壮族自治区"), ("广东省", "甘孜藏族自治州"),
    ("广州市", "黔南布依族苗族自治州"), ("广州市", "毕节市"), ("佛山市", "凉山彝族自治州"),
    (("中山市", "东莞市"), "昭通市"), ("珠海市", "怒江傈僳族自治州"),
]  # fmt: skip


@pytest.fixture(scope="module")
def links(national_counties: gpd.GeoDataFrame) -> pd.DataFrame:
    return pairing.resolve(data.pairings(), national_counties)


@pytest.fixture(scope="module")
def attrs(national_counties: gpd.GeoDataFrame) -> choropleth.CountyAttributes:
    return choropleth.county_attributes(national_counties, data.poverty_counties())


def _cross(a: pairing.LonLat, b: pairing.LonLat, p: pairing.LonLat) -> float:
    """> 0 when p is left of the direction a → b, < 0 when right."""
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])


# ---------------------------------------------------------------------------- codes and endpoints


def test_unit_levels_and_counties() -> None:
    codes = ["330102", "330105", "330212", "331002", "442000", "441900"]
    assert pairing.unit_level("330000") == "province"
    assert pairing.unit_level("442000") == "prefecture"  # 中山市: a prefecture-level city without counties
    assert pairing.unit_level("330212") == "county"
    assert pairing.unit_counties("330000", codes) == ("330102", "330105", "330212", "331002")
    assert pairing.unit_counties("330100", codes) == ("330102", "330105")
    assert pairing.unit_counties("442000", codes) == ("442000",)
    assert pairing.unit_counties("330999", codes) == ()
    assert pairing.seat_county("330000", codes) == "330102"  # the capital (XX01)'s first-coded district
    assert pairing.seat_county("330200", codes) == "330212"
    with pytest.raises(ValueError, match="administrative code"):
        pairing.unit_level("33")


def test_counts_per_period(links: pd.DataFrame) -> None:
    assert len(pairing.select(links, 2016)) == 53
    assert len(pairing.select(links, 2021)) == 41
    with pytest.raises(ValueError, match="period"):
        pairing.select(links, 2019)


def test_the_31_seed_pairs_of_2016_are_present(links: pd.DataFrame) -> None:
    national = pairing.select(links, 2016)
    national = national[national["level"].isin(["province", "prefecture"])]
    assert len(national) == 32  # 31 pairs, 中山 and 东莞 as two rows
    shown = set(zip(national["helper_label"], national["recipient_label"], strict=True))
    expected = set()
    for helpers, recipient in SEED_PAIRS_2016:
        for helper in helpers if isinstance(helpers, tuple) else (helpers,):
            expected.add((helper, recipient))
    assert len(SEED_PAIRS_2016) == 31
    assert shown == expected


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
        pairing.resolve(bad, national_counties)


def test_labels(links: pd.DataFrame) -> None:
    row = links.set_index("pair_id")
    assert row.loc["2016-33", "helper_label"] == "北京市朝阳区"
    assert row.loc["2016-33", "helper_full"] == "北京市朝阳区"
    assert row.loc["2016-36", "recipient_full"] == "吉林省延边朝鲜族自治州安图县"
    assert row.loc["2016-50", "helper_label"] == "浙江省"
    assert row.loc["2016-47", "recipient_level"] == "prefecture"  # county-to-prefecture


# ---------------------------------------------------------------------------- curves


def test_bezier_starts_and_ends_at_the_ends() -> None:
    start, end = (121.47, 31.22), (101.49, 24.98)
    curve = pairing.bezier(start, end)
    assert curve[0] == start and curve[-1] == end
    assert len(curve) == pairing.SEGMENTS + 1
    assert len(pairing.bezier(start, end, segments=4)) == 5


def test_bezier_bulges_to_the_right_of_travel() -> None:
    shanghai, kunming = (121.47, 31.22), (102.71, 25.05)
    out = pairing.bezier(shanghai, kunming)
    back = pairing.bezier(kunming, shanghai)
    assert all(_cross(shanghai, kunming, p) < 0 for p in out[1:-1])  # right of the way west
    assert all(_cross(kunming, shanghai, p) < 0 for p in back[1:-1])  # and right of the way back
    # a westward link bulges north
    west = pairing.bezier((120.0, 30.0), (100.0, 30.0))
    assert all(p[1] > 30.0 for p in west[1:-1])
    # the bulge grows with bend; bend 0 is the straight chord
    middle = pairing.SEGMENTS // 2
    assert pairing.bezier((120.0, 30.0), (100.0, 30.0), bend=0.3)[middle][1] > west[middle][1]
    assert pairing.bezier((120.0, 30.0), (100.0, 30.0), bend=0.0)[middle][1] == pytest.approx(30.0)


def test_parallel_links_do_not_overlap() -> None:
    frame = pd.DataFrame(
        {
            "pair_id": ["a", "b", "c"],
            "helper_point": [(120.0, 30.0), (120.0, 30.0), (121.0, 31.0)],
            "recipient_point": [(100.0, 30.0), (100.0, 30.0), (101.0, 31.0)],
        }
    )
    paths = pairing.curves(frame)
    mid = pairing.SEGMENTS // 2
    assert paths["a"][mid] != paths["b"][mid]  # same ends: spread apart
    assert paths["b"][mid][1] > paths["a"][mid][1]  # on the same side, further out
    # nearby parallel links bend the same way (both north), so they do not cross
    assert paths["c"][mid][1] - 31.0 == pytest.approx(paths["a"][mid][1] - 30.0, abs=0.3)


def test_arrowhead_points_at_the_end() -> None:
    curve = pairing.bezier((120.0, 30.0), (100.0, 30.0))
    left, tip, right = pairing.arrowhead(curve, size=0.5)
    assert tip == curve[-1]
    assert left[0] > tip[0] and right[0] > tip[0]  # the base is behind the tip (east of it)
    assert math.hypot(left[0] - right[0], left[1] - right[1]) > 0.2


# ---------------------------------------------------------------------------- filters


def test_filters(links: pd.DataFrame) -> None:
    fujian = pairing.select(links, 2016, helper_provinces={"35"})
    assert list(fujian["pair_id"]) == ["2016-18", "2016-19", "2016-20"]
    guizhou = pairing.select(links, 2016, recipient_provinces=("52",))
    assert len(guizhou) == 8 and set(guizhou["recipient_prov"]) == {"52"}
    both = pairing.select(links, 2021, helper_provinces=["44"], recipient_provinces=["52"])
    assert set(both["pair_id"]) == {"2021-11", "2021-12", "2021-13", "2021-14", "2021-15", "2021-16", "2021-17"}
    assert pairing.select(links, 2016, recipient_provinces=["14"]).empty  # 山西: no recipient
    assert pairing.province_names(links, "helper")["35"] == "福建省"
    assert "64" in pairing.province_names(links, "recipient")


def test_pair_from_tooltip() -> None:
    known = {"2016-23", "2016-18"}
    assert pairing.pair_from_tooltip("帮扶方山东省青岛市受援方贵州省安顺市编号2016-23", known) == "2016-23"
    assert pairing.pair_from_tooltip("编号 2021-07", known) is None
    assert pairing.pair_from_tooltip("西秀区", known) is None
    assert pairing.pair_from_tooltip(None, known) is None


# ---------------------------------------------------------------------------- Sankey


@pytest.mark.parametrize("by", ["unit", "province"])
def test_sankey_nodes_and_links_are_consistent(links: pd.DataFrame, by: str) -> None:
    shown = pairing.select(links, 2016)
    sankey = pairing.sankey_data(shown, by)
    n = len(sankey.labels)
    assert len(sankey.node_colors) == n
    assert len(sankey.sources) == len(sankey.targets) == len(sankey.values) == len(sankey.link_colors)
    assert all(0 <= i < n for i in (*sankey.sources, *sankey.targets))
    assert not set(sankey.sources) & set(sankey.targets)  # helpers on one side, recipients on the other
    assert sum(sankey.values) == len(shown)
    assert sorted("、".join(sankey.link_labels).split("、")) == sorted(shown["pair_id"])
    helpers = {sankey.labels[i] for i in sankey.sources}
    if by == "province":
        assert helpers == set(shown["helper_province"])
        assert len(set(zip(sankey.sources, sankey.targets, strict=True))) == len(sankey.sources)
    else:
        assert helpers == set(shown["helper_label"])
    figure = pairing.sankey_figure(sankey, "标题")
    assert figure.data[0].type == "sankey"
    assert list(figure.data[0].node.label) == list(sankey.labels)
    assert "Noto Sans CJK SC" in figure.layout.font.family


def test_sankey_of_nothing_is_empty(links: pd.DataFrame) -> None:
    sankey = pairing.sankey_data(links.iloc[0:0])
    assert sankey.labels == () and sankey.values == ()
    with pytest.raises(ValueError, match="grouping"):
        pairing.sankey_data(links, "county")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- notes


def test_notes_for_the_long_running_pairs(links: pd.DataFrame) -> None:
    assert [n.name for n in pairing.notes_for("350000", "640000")] == ["闽宁（福建 → 宁夏）"]
    assert [n.name for n in pairing.notes_for("310107", "530113")] == ["沪滇（上海 → 云南）"]
    assert [n.name for n in pairing.notes_for("320585", "610124")] == ["苏陕（江苏 → 陕西）"]
    assert [n.name for n in pairing.notes_for("370200", "520400")] == ["青岛–安顺（青岛 → 安顺）"]
    assert pairing.notes_for("440100", "520400") == ()  # 广州 → 安顺 (2021) is not 青岛–安顺
    assert pairing.notes_for("310000", "520300") == ()  # 上海 → 遵义 is not 沪滇
    for note in pairing.NOTABLE_PAIRS:
        assert re.fullmatch(r"00\d:L\d+(–\d+)?(；00\d:L\d+(–\d+)?)*", note.citation), note.citation
    assert pairing.notes_table().shape == (4, 3)
    table = pairing.pairs_table(pairing.select(links, 2016))
    assert table.loc[table["编号"] == "2016-23", "重点结对"].item() == "青岛–安顺"
    assert table.loc[table["编号"] == "2016-01", "重点结对"].item() == ""
    assert {"来源", "备注", "受援方", "帮扶方"} <= set(table.columns)
    assert table["来源"].str.len().gt(0).all()


# ---------------------------------------------------------------------------- map


def _link_features(m) -> list[dict]:
    layer = next(e for e in m._children.values() if isinstance(e, pairing.LinkLayer))
    return json.loads(layer.links_json.replace("<\\/", "</"))


def test_map_highlights_recipients_by_level_and_draws_links(links: pd.DataFrame, attrs) -> None:
    shown = pairing.select(links, 2016)
    m = pairing.pairing_map(attrs, shown, URLS, 2016)
    assert external_urls(m) == []
    features = _link_features(m)
    assert len(features) == 53
    assert sorted(f["id"] for f in features) == sorted(shown["pair_id"])
    assert all(f["cls"].startswith(pairing.LINK_CLASS) for f in features)
    first = next(f for f in features if f["id"] == "2016-23")
    assert first["path"][0] == [shown.set_index("pair_id").loc["2016-23", "helper_point"][1], 120.3817]
    assert first["head"][1] == first["path"][-1]
    style, legend = pairing.map_style(shown, attrs.order, 2016)
    cls = dict(zip(attrs.order, style.classes, strict=True))
    sel = dict(zip(attrs.order, style.selection, strict=True))
    assert cls["622921"] == "2"  # 临夏县: in a recipient prefecture (临夏州)
    assert cls["511133"] == "3"  # 马边: a recipient county, inside 四川 (a recipient province)
    assert cls["510104"] == "1"  # 成都锦江区: only in the recipient province 四川
    assert cls["350102"] == "0"  # 福州鼓楼区: a helper
    assert cls["140105"] == "-" and sel["140105"] == "0"  # 太原: not involved
    values = dict(zip(attrs.order, style.values, strict=True))
    assert "福州市 → 定西市" in values["621102"]
    assert legend.title == "东西部协作结对（2016年）"
    assert "受援方·县级（浅蓝连线）" in [item.label for item in legend.items]


def test_map_of_nothing_says_no_data(links: pd.DataFrame, attrs) -> None:
    shown = pairing.select(links, 2016, recipient_provinces=["14"])
    m = pairing.pairing_map(attrs, shown, URLS, 2016, fit=True)
    assert not any(isinstance(e, pairing.LinkLayer) for e in m._children.values())
    style, legend = pairing.map_style(shown, attrs.order, 2016)
    assert set(style.selection) == {"0"} and style.fit is None
    assert pairing.NO_DATA in legend.note


def test_filtered_map_fits_the_links(links: pd.DataFrame, attrs) -> None:
    shown = pairing.select(links, 2016, helper_provinces=["35"])
    style, _ = pairing.map_style(shown, attrs.order, 2016, fit=True)
    (south, west), (north, east) = style.fit
    assert west < 103.3 < 119.3 < east and south < 24.5 < 37.3 < north


def test_tooltips_are_escaped(links: pd.DataFrame) -> None:
    row = links.iloc[0].to_dict() | {"helper_full": "<script>alert(`x`)</script>", "recipient_full": '"><img src=x>'}
    tip = pairing.link_tooltip(row)
    assert "<script>" not in tip and "<img" not in tip and "`" not in tip
    assert "&lt;script&gt;" in tip and "&quot;&gt;&lt;img" in tip
    m_links = pd.DataFrame([row])
    features = pairing.link_features(m_links.assign(pair_id="2016-01"))
    layer = pairing.LinkLayer(features)
    assert "</script>" not in layer.links_json
