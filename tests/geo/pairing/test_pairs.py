"""Choosing pairs: counts per period, the 31 seed pairs of 2016, the filters, ids from tooltips."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.pairing.pairs import pair_from_tooltip, province_names, select

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


def test_counts_per_period(links: pd.DataFrame) -> None:
    assert len(select(links, 2016)) == 53
    assert len(select(links, 2021)) == 41
    with pytest.raises(ValueError, match="period"):
        select(links, 2019)


def test_the_31_seed_pairs_of_2016_are_present(links: pd.DataFrame) -> None:
    national = select(links, 2016)
    national = national[national["level"].isin(["province", "prefecture"])]
    assert len(national) == 32  # 31 pairs, 中山 and 东莞 as two rows
    shown = set(zip(national["helper_label"], national["recipient_label"], strict=True))
    expected = set()
    for helpers, recipient in SEED_PAIRS_2016:
        for helper in helpers if isinstance(helpers, tuple) else (helpers,):
            expected.add((helper, recipient))
    assert len(SEED_PAIRS_2016) == 31
    assert shown == expected


def test_filters(links: pd.DataFrame) -> None:
    fujian = select(links, 2016, helper_provinces={"35"})
    assert list(fujian["pair_id"]) == ["2016-18", "2016-19", "2016-20"]
    guizhou = select(links, 2016, recipient_provinces=("52",))
    assert len(guizhou) == 8 and set(guizhou["recipient_prov"]) == {"52"}
    both = select(links, 2021, helper_provinces=["44"], recipient_provinces=["52"])
    assert set(both["pair_id"]) == {"2021-11", "2021-12", "2021-13", "2021-14", "2021-15", "2021-16", "2021-17"}
    assert select(links, 2016, recipient_provinces=["14"]).empty  # 山西: no recipient
    assert province_names(links, "helper")["35"] == "福建省"
    assert "64" in province_names(links, "recipient")


def test_pair_from_tooltip() -> None:
    known = {"2016-23", "2016-18"}
    assert pair_from_tooltip("帮扶方山东省青岛市受援方贵州省安顺市编号2016-23", known) == "2016-23"
    assert pair_from_tooltip("编号 2021-07", known) is None
    assert pair_from_tooltip("西秀区", known) is None
    assert pair_from_tooltip(None, known) is None
