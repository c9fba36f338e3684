"""Hanyu Pinyin for Chinese place names, as the English mode shows them: ``阜平县 (Fuping Xian)``.

The place name itself stays in Chinese; the pinyin beside it follows the usual rules for
romanising Chinese place names (GB/T 16159, 中国地名汉语拼音字母拼写规则):

* the specific name (专名) is one word, the generic term (通名: 省, 市, 县, 区, 旗, 盟,
  自治州, 自治县, 地区, 行委 …) another, each capitalised: 阜平县 → ``Fuping Xian``,
  宁夏回族自治区 → ``Ningxia Huizu Zizhiqu``;
* a one-syllable specific name is joined to its generic term: 蔚县 → ``Yuxian``;
* before an autonomous generic term, each named nationality is a word of its own:
  酉阳土家族苗族自治县 → ``Youyang Tujiazu Miaozu Zizhixian``;
* a syllable starting with a, o or e inside a word takes an apostrophe: 六安 → ``Lu'an``;
  ü is written ü: 吕梁 → ``Lüliang``.

The generic term is kept as pinyin, not translated ("County", "Banner" …): the Chinese form
stands beside it, 县/县级市/区/旗 have no one-to-one English equivalents, and pinyin keeps
every name in one consistent form.

pypinyin reads most names right, but place names have their own readings of polyphonic
characters (长治 Changzhi, 蚌埠 Bengbu, 都匀 Duyun, 洪洞 Hongtong …). :data:`READINGS`
fixes the known ones (checked against every county, prefecture and province name in the
data); :data:`NAMES` gives whole names that the rules above would split wrongly (the 14
contiguous areas, 新区/矿区/林区 units).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Phrase (or character) → its syllables in place names; the longest match wins.
READINGS: dict[str, str] = {
    # characters whose place-name reading differs from pypinyin's default
    "都": "du",  # 成都, 都匀, 于都, 三都 (never dou in a place name)
    "长": "chang",  # 长治, 长阳, 长沙 (but 长子, below)
    "藏": "zang",  # 四省藏区, 藏族
    "勒": "le",  # 阿勒泰, 锡林郭勒, 库尔勒
    "什": "shi",  # 喀什, 阿图什, 什邡
    "佛": "fo",  # 佛坪, 佛冈, 佛山
    "朝": "chao",  # 朝阳, 朝鲜族
    "蚌": "beng",  # 蚌埠, 蚌山
    "柏": "bai",  # 万柏林, 桐柏
    "卡": "ka",  # 浪卡子
    # phrases
    "陕西": "shaan xi",  # the official spelling that keeps 陕西 apart from 山西 Shanxi
    "长子": "zhang zi",
    "六安": "lu an",
    "六合": "lu he",
    "蚌埠": "beng bu",
    "厦门": "xia men",
    "长沙": "chang sha",
    "重庆": "chong qing",
    "漯河": "luo he",
    "洪洞": "hong tong",
    "涡阳": "guo yang",
    "浚县": "xun xian",
    "繁峙": "fan shi",
    "筠连": "jun lian",
    "荥经": "ying jing",
    "荥阳": "xing yang",
    "崆峒": "kong tong",
    "珲春": "hun chun",
    "召陵": "shao ling",
    "龙圩": "long xu",
    "称多": "chen duo",
    "宕昌": "tan chang",
    "穆棱": "mu ling",
    "闵行": "min hang",
    "曾都": "zeng du",
    "泊头": "bo tou",
    "乐陵": "lao ling",
    "乐亭": "lao ting",
    "南乐": "nan le",
    "民乐": "min le",
    "马尾": "ma wei",
    "单县": "shan xian",
    "中牟": "zhong mou",
    "红寺堡": "hong si bu",
    "伽师": "jia shi",
    "铅山": "yan shan",
    "番禺": "pan yu",
    "东阿": "dong e",
    "蔚县": "yu xian",
    "尉犁": "yu li",
    "枞阳": "zong yang",
    "泌阳": "bi yang",
    "犍为": "qian wei",
    "黄陂": "huang pi",
    "莎车": "sha che",
    "亳州": "bo zhou",
    "盱眙": "xu yi",
    "大埔": "da bu",
    "吴堡": "wu bu",
    "宝坻": "bao di",
}
_LONGEST_READING = max(map(len, READINGS))

# Whole names the rules would split wrongly → their romanisation.
NAMES: dict[str, str] = {
    # the 14 contiguous poor areas (山区 is one generic term here, not 山 + 区)
    "六盘山区": "Liupan Shanqu",
    "秦巴山区": "Qinba Shanqu",
    "武陵山区": "Wuling Shanqu",
    "乌蒙山区": "Wumeng Shanqu",
    "滇桂黔石漠化区": "Dian-Gui-Qian Shimohuaqu",
    "滇西边境山区": "Dianxi Bianjing Shanqu",
    "大兴安岭南麓山区": "Daxing'anling Nanlu Shanqu",
    "燕山-太行山区": "Yanshan-Taihang Shanqu",
    "吕梁山区": "Lüliang Shanqu",
    "大别山区": "Dabie Shanqu",
    "罗霄山区": "Luoxiao Shanqu",
    "西藏区": "Xizang Qu",
    "四省藏区": "Sisheng Zangqu",
    "新疆南疆三地州": "Xinjiang Nanjiang Sandizhou",
    # 新区, 林区, 矿区 as generic terms (elsewhere 林 or 新 ends the specific name: 万柏林区, 清新区)
    "滨海新区": "Binhai Xinqu",
    "浦东新区": "Pudong Xinqu",
    "沈北新区": "Shenbei Xinqu",
    "神农架林区": "Shennongjia Linqu",
    "井陉矿区": "Jingxing Kuangqu",
    "峰峰矿区": "Fengfeng Kuangqu",
    "鹰手营子矿区": "Yingshouyingzi Kuangqu",
    "白云鄂博矿区": "Baiyun'ebo Kuangqu",
}

# Generic terms, longest first (checked at the end of a name).
GENERIC_TERMS = (
    "特别行政区",
    "行政委员会",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "特区",
    "行委",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
)
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")

# The 55 officially recognised nationalities besides the Han.
_NATIONALITIES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬",
    "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)  # fmt: skip
# Named before 自治X with 族 (苗族) or, for some longer names, without (蒙古, 哈萨克); 各族 = "all nationalities".
NATIONALITY_WORDS = tuple(
    sorted(
        {f"{n}族" for n in _NATIONALITIES} | {n for n in _NATIONALITIES if len(n) >= 2} | {"各族"},
        key=len,
        reverse=True,
    )
)

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_VOWEL_START = ("a", "o", "e")


def _pinyin(text: str) -> list[str]:
    from pypinyin import lazy_pinyin  # imported on first use: it loads ~0.1 s of dictionaries

    return lazy_pinyin(text, v_to_u=True)


def syllables(name: str) -> list[str]:
    """One pinyin syllable per character of a run of Chinese characters (place-name readings)."""
    out: list[str] = []
    pending = ""
    i = 0
    while i < len(name):
        for size in range(min(_LONGEST_READING, len(name) - i), 0, -1):
            reading = READINGS.get(name[i : i + size])
            if reading is not None:
                break
        else:
            pending += name[i]
            i += 1
            continue
        if pending:
            out += _pinyin(pending)
            pending = ""
        out += reading.split()
        i += size
    if pending:
        out += _pinyin(pending)
    return out


def _word(sylls: list[str]) -> str:
    """Syllables as one capitalised word, with an apostrophe before a, o, e inside it."""
    text = sylls[0] + "".join("'" + s if s.startswith(_VOWEL_START) else s for s in sylls[1:])
    return text[:1].upper() + text[1:]


def _split_generic(run: str) -> tuple[str, list[str], str]:
    """(specific name, nationality words, generic term) of one run of Chinese characters."""
    generic = next((g for g in GENERIC_TERMS if run.endswith(g) and len(run) > len(g)), "")
    stem = run[: len(run) - len(generic)]
    peoples: list[str] = []
    if generic in _AUTONOMOUS:
        while word := next((w for w in NATIONALITY_WORDS if stem.endswith(w)), ""):
            peoples.insert(0, word)
            stem = stem[: -len(word)]
    return stem, peoples, generic


def _romanize_run(run: str) -> str:
    if run in NAMES:
        return NAMES[run]
    sylls = syllables(run)
    if len(sylls) != len(run):  # a character pypinyin does not know comes back whole
        sylls = [_pinyin(char)[0] for char in run]
    stem, peoples, generic = _split_generic(run)
    parts = [stem, *peoples, generic]
    words: list[list[str]] = []
    start = 0
    for part in parts:
        if part:
            words.append(sylls[start : start + len(part)])
        start += len(part)
    if stem and not peoples and generic and len(stem) == 1:  # 蔚县 → Yuxian
        words = [words[0] + words[1]]
    return " ".join(_word(w) for w in words)


@functools.lru_cache(maxsize=8192)
def romanize(name: str) -> str:
    """The pinyin of a Chinese place name: ``阜平县`` → ``Fuping Xian`` (non-Chinese text kept)."""
    if name in NAMES:
        return NAMES[name]
    out = []
    last = 0
    for match in _HAN_RUN.finditer(name):
        out.append(unicodedata.normalize("NFKC", name[last : match.start()]))
        out.append(_romanize_run(match.group()))
        last = match.end()
    out.append(unicodedata.normalize("NFKC", name[last:]))
    return "".join(out)
