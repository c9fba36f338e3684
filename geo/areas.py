"""The 14 contiguous poor areas (集中连片特困地区): summaries for the areas page.

Plain pandas. Membership evidence comes from ``counties.csv`` (``area_evidence``): only
``explicit`` rows are named as members by a source; the page must say so for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.facts import EVIDENCE_LABELS
from geo.filters import EXIT_YEARS

INCOME_INDICATOR = "rural_disposable_income"
POPULATION_INDICATOR = "census_population"
PROGRAMME_END = 2020
SPECIAL_TYPES = {"西藏区": "西藏", "四省藏区": "四省藏区", "新疆南疆三地州": "南疆"}


def area_type(area: str, catalogue: pd.DataFrame) -> str:
    """11 山区 or the special-policy area it is (西藏 / 四省藏区 / 南疆)."""
    row = catalogue.set_index("area").loc[area]
    return f"特殊政策区（{SPECIAL_TYPES.get(area, area)}）" if row["type"] == "特殊政策区" else "山区集中连片特困地区"


def areas_table(catalogue: pd.DataFrame) -> pd.DataFrame:
    """One row per area for the overview table: type, provinces, counts and evidence."""
    table = catalogue.assign(
        type=[area_type(a, catalogue) for a in catalogue["area"]],
        provinces=catalogue["provinces"].str.replace(";", "、"),
        official_county_count=catalogue["official_county_count"].replace("", "暂无来源"),
    )
    columns = {
        "area": "片区",
        "type": "类型",
        "provinces": "涉及省份",
        "official_county_count": "官方县数",
        "counties_in_data": "本数据县数",
        "explicit": "来源明确列出",
        "derived": "由来源推得",
        "unverified": "暂无来源核实",
    }
    return table[list(columns)].rename(columns=columns)


@dataclass(frozen=True)
class AreaSummary:
    """Headline facts of one area."""

    area: str
    type: str
    provinces: str
    official_count: str
    counties: int
    evidence: dict[str, int]
    population: float | None
    population_missing: int


def members(area: str, poverty: pd.DataFrame) -> pd.DataFrame:
    """The listed poverty counties of one area."""
    return poverty[poverty["contiguous_area"] == area]


def summary(area: str, poverty: pd.DataFrame, catalogue: pd.DataFrame, stats: pd.DataFrame) -> AreaSummary:
    """Type, provinces, county counts by evidence, and 2020 census population of an area."""
    rows = members(area, poverty)
    row = catalogue.set_index("area").loc[area]
    population = _latest(stats, POPULATION_INDICATOR).reindex(rows["adcode"])
    return AreaSummary(
        area=area,
        type=area_type(area, catalogue),
        provinces=row["provinces"].replace(";", "、"),
        official_count=row["official_county_count"] or "暂无来源",
        counties=len(rows),
        evidence={EVIDENCE_LABELS[k]: int(v) for k, v in rows["area_evidence"].value_counts().items()},
        population=float(population.sum()) if population.notna().any() else None,
        population_missing=int(population.isna().sum()),
    )


def counties_by_province(area: str, poverty: pd.DataFrame) -> pd.DataFrame:
    """Member counties per province, split by exit year (rows: province; columns: years)."""
    rows = members(area, poverty)
    table = pd.crosstab(rows["province"], rows["exit_year"]).reindex(columns=list(EXIT_YEARS), fill_value=0)
    table["合计"] = table.sum(axis=1)
    return table.sort_values("合计", ascending=False)


def member_table(area: str, poverty: pd.DataFrame) -> pd.DataFrame:
    """The member counties with how their membership is sourced (for the table and download)."""
    rows = members(area, poverty)
    table = rows[["adcode", "name", "prefecture", "province", "exit_year", "area_evidence"]].assign(
        area_evidence=rows["area_evidence"].map(EVIDENCE_LABELS)
    )
    names = {
        "adcode": "区划代码",
        "name": "县（市、区）",
        "prefecture": "地市",
        "province": "省份",
        "exit_year": "摘帽年份",
        "area_evidence": "片区归属依据",
    }
    return table.rename(columns=names).sort_values("区划代码").reset_index(drop=True)


def income_comparison(area: str, poverty: pd.DataFrame, stats: pd.DataFrame) -> tuple[int | None, pd.DataFrame]:
    """Rural disposable income of the area's counties and of all 832 in one year.

    The year is the latest (up to 2020, the programme's end, when possible) with at least
    half the area's best yearly coverage: the series are patchy.

    Returns ``(year, frame)`` with columns ``group`` (片区 / 832个国家贫困县) and ``value``;
    ``(None, empty)`` when the area has no income data.
    """
    income = stats[stats["indicator"] == INCOME_INDICATOR]
    area_codes = set(members(area, poverty)["adcode"])
    in_area = income[income["adcode"].isin(area_codes)]
    if in_area.empty:
        return None, pd.DataFrame(columns=["group", "value"])
    coverage = in_area.groupby("year").size()
    in_period = coverage[coverage.index <= PROGRAMME_END]  # prefer a year of the programme itself
    coverage = in_period if not in_period.empty else coverage
    year = int(coverage[coverage >= coverage.max() / 2].index.max())
    listed = income[(income["year"] == year) & income["adcode"].isin(set(poverty["adcode"]))]
    frame = pd.concat(
        [
            pd.DataFrame({"group": area, "value": in_area.loc[in_area["year"] == year, "value"]}),
            pd.DataFrame({"group": "832个国家贫困县", "value": listed["value"]}),
        ],
        ignore_index=True,
    )
    return year, frame


def area_of_county(adcode: str, poverty: pd.DataFrame) -> str | None:
    """The contiguous area of a county (by its polygon code), if any."""
    rows = poverty[(poverty["polygon_adcode"] == adcode) & (poverty["contiguous_area"] != "")]
    return rows["contiguous_area"].iloc[0] if len(rows) else None


def _latest(stats: pd.DataFrame, indicator: str) -> pd.Series:
    rows = stats[stats["indicator"] == indicator]
    latest = rows[rows["year"] == rows["year"].max()]
    return latest.set_index("adcode")["value"]
