"""Place names: Chinese kept, pinyin added in English, with place-name readings of polyphones."""

import pandas as pd
import pytest

from geo.i18n import place, use_language
from geo.i18n.check import has_cjk
from geo.i18n.places import romanize
from geo.paths import DATA_DIR


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        # the brief's polyphones, and others pypinyin reads wrongly without the override table
        ("六安市", "Lu'an Shi"),
        ("蚌埠市", "Bengbu Shi"),
        ("厦门市", "Xiamen Shi"),
        ("长沙市", "Changsha Shi"),
        ("长治市", "Changzhi Shi"),
        ("长子县", "Zhangzi Xian"),
        ("重庆市", "Chongqing Shi"),
        ("都匀市", "Duyun Shi"),
        ("洪洞县", "Hongtong Xian"),
        ("漯河市", "Luohe Shi"),
        ("阿勒泰地区", "Aletai Diqu"),
        ("喀什地区", "Kashi Diqu"),
        ("朝阳市", "Chaoyang Shi"),
        ("宕昌县", "Tanchang Xian"),
        ("乐亭县", "Laoting Xian"),
        ("陕西省", "Shaanxi Sheng"),
        ("山西省", "Shanxi Sheng"),
        # structure: specific name + generic term, one-syllable names joined, nationalities
        ("阜平县", "Fuping Xian"),
        ("蔚县", "Yuxian"),
        ("单县", "Shanxian"),
        ("西安市", "Xi'an Shi"),
        ("吕梁市", "Lüliang Shi"),
        ("宁夏回族自治区", "Ningxia Huizu Zizhiqu"),
        ("酉阳土家族苗族自治县", "Youyang Tujiazu Miaozu Zizhixian"),
        ("黔西南布依族苗族自治州", "Qianxinan Buyizu Miaozu Zizhizhou"),
        ("博尔塔拉蒙古自治州", "Bo'ertala Menggu Zizhizhou"),
        ("隆林各族自治县", "Longlin Gezu Zizhixian"),
        ("鄂温克族自治旗", "Ewenkezu Zizhiqi"),
        ("锡林郭勒盟", "Xilinguole Meng"),
        ("冷湖行委", "Lenghu Xingwei"),
        ("贵州", "Guizhou"),
        # whole-name overrides: contiguous areas, 新区/林区
        ("乌蒙山区", "Wumeng Shanqu"),
        ("燕山-太行山区", "Yanshan-Taihang Shanqu"),
        ("四省藏区", "Sisheng Zangqu"),
        ("神农架林区", "Shennongjia Linqu"),
        ("万柏林区", "Wanbailin Qu"),
    ],
)
def test_romanize(name: str, pinyin: str) -> None:
    assert romanize(name) == pinyin


def test_place_keeps_chinese_and_adds_pinyin_in_english() -> None:
    assert place("阜平县") == "阜平县"
    with use_language("en"):
        assert place("阜平县") == "阜平县 (Fuping Xian)"
        assert place("") == ""
        assert place("Hong Kong") == "Hong Kong"


def test_every_place_in_the_data_romanizes_to_ascii_words() -> None:
    counties = pd.read_csv(DATA_DIR / "counties.csv", dtype=str)
    areas = pd.read_csv(DATA_DIR / "contiguous_areas.csv", dtype=str)
    names = set(counties["name"]) | set(counties["province"]) | set(counties["prefecture"].dropna())
    names |= set(areas["area"])
    for name in names:
        roman = romanize(name)
        assert not has_cjk(roman), name
        assert all(word[0].isupper() for word in roman.replace("-", " ").split()), (name, roman)
