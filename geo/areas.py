"""The 14 contiguous poor areas (集中连片特困地区): summaries for the areas page.

Plain pandas. Membership evidence comes from ``counties.csv`` (``area_evidence``): only
``explicit`` rows are named as members by a source; the page must say so for the rest.
Texts are in the current language (:mod:`geo.i18n`); area and province names go through
:func:`geo.i18n.place`, the member table keeps county names as the data writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.facts import evidence_label, evidence_labels
from geo.filters import EXIT_YEARS
from geo.i18n import place, t

INCOME_INDICATOR = "rural_disposable_income"
POPULATION_INDICATOR = "census_population"
PROGRAMME_END = 2020
SPECIAL_POLICY = "特殊政策区"  # i18n: data (contiguous_areas.csv ``type``)
# The special-policy areas → catalogue key of their short name.
SPECIAL_KEYS = {
    "西藏区": "areas.special_tibet",
    "四省藏区": "areas.special_four_provinces",
    "新疆南疆三地州": "areas.special_south_xinjiang",
}
TOTAL = "合计"  # i18n: data (the total column of counties_by_province, read by geo.brief)
# Areas table column → catalogue key of its header.
AREAS_TABLE_KEYS = {
    "area": "areas.col_area",
    "type": "areas.col_type",
    "provinces": "areas.col_provinces",
    "official_county_count": "areas.col_official_count",
    "counties_in_data": "areas.col_counties_in_data",
    "explicit": "areas.col_explicit",
    "derived": "areas.col_derived",
    "unverified": "areas.col_unverified",
}
MEMBER_TABLE_KEYS = {
    "adcode": "table.adcode",
    "name": "table.county",
    "prefecture": "table.prefecture",
    "province": "table.province",
    "exit_year": "table.exit_year",
    "area_evidence": "table.area_evidence",
}


def area_type(area: str, catalogue: pd.DataFrame) -> str:
    """11 山区 or the special-policy area it is (西藏 / 四省藏区 / 南疆), in the current language."""
    row = catalogue.set_index("area").loc[area]
    if row["type"] != SPECIAL_POLICY:
        return t("areas.type_mountain")
    return t("areas.type_special", name=t(SPECIAL_KEYS[area]) if area in SPECIAL_KEYS else place(area))


def province_list(provinces: str) -> str:
    """``;``-separated province names as shown: 四川省、贵州省 (English: with pinyin, comma-separated)."""
    return t("common.list_separator").join(place(p) for p in provinces.split(";") if p)


def areas_table(catalogue: pd.DataFrame) -> pd.DataFrame:
    """One row per area for the overview table: type, provinces, counts and evidence."""
    table = catalogue.assign(
        area=[place(a) for a in catalogue["area"]],
        type=[area_type(a, catalogue) for a in catalogue["area"]],
        provinces=[province_list(p) for p in catalogue["provinces"]],
        official_county_count=catalogue["official_county_count"].replace("", t("areas.no_source")),
    )
    columns = {column: t(key) for column, key in AREAS_TABLE_KEYS.items()}
    return table[list(columns)].rename(columns=columns)


@dataclass(frozen=True)
class AreaSummary:
    """Headline facts of one area."""

    area: str
    type: str
    provinces: str
    official_count: str
    counties: int
    evidence: dict[str, int]  # label (current language) → counties
    population: float | None
    population_missing: int
    evidence_by_code: dict[str, int] = field(default_factory=dict)  # explicit / derived / unverified → counties


def members(area: str, poverty: pd.DataFrame) -> pd.DataFrame:
    """The listed poverty counties of one area."""
    return poverty[poverty["contiguous_area"] == area]


def summary(area: str, poverty: pd.DataFrame, catalogue: pd.DataFrame, stats: pd.DataFrame) -> AreaSummary:
    """Type, provinces, county counts by evidence, and 2020 census population of an area."""
    rows = members(area, poverty)
    row = catalogue.set_index("area").loc[area]
    population = _latest(stats, POPULATION_INDICATOR).reindex(rows["adcode"])
    by_code = {str(k): int(v) for k, v in rows["area_evidence"].value_counts().items()}
    return AreaSummary(
        area=area,
        type=area_type(area, catalogue),
        provinces=province_list(row["provinces"]),
        official_count=row["official_county_count"] or t("areas.no_source"),
        counties=len(rows),
        evidence={evidence_label(k, k): v for k, v in by_code.items()},
        population=float(population.sum()) if population.notna().any() else None,
        population_missing=int(population.isna().sum()),
        evidence_by_code=by_code,
    )


def counties_by_province(area: str, poverty: pd.DataFrame) -> pd.DataFrame:
    """Member counties per province, split by exit year (rows: province; columns: years)."""
    rows = members(area, poverty)
    table = pd.crosstab(rows["province"], rows["exit_year"]).reindex(columns=list(EXIT_YEARS), fill_value=0)
    table[TOTAL] = table.sum(axis=1)
    return table.sort_values(TOTAL, ascending=False)


def member_table(area: str, poverty: pd.DataFrame) -> pd.DataFrame:
    """The member counties with how their membership is sourced (for the table and download)."""
    rows = members(area, poverty)
    table = rows[list(MEMBER_TABLE_KEYS)].assign(area_evidence=rows["area_evidence"].map(evidence_labels()))
    table = table.sort_values("adcode").reset_index(drop=True)
    return table.rename(columns={column: t(key) for column, key in MEMBER_TABLE_KEYS.items()})


def income_comparison(area: str, poverty: pd.DataFrame, stats: pd.DataFrame) -> tuple[int | None, pd.DataFrame]:
    """Rural disposable income of the area's counties and of all 832 in one year.

    The year is the latest (up to 2020, the programme's end, when possible) with at least
    half the area's best yearly coverage: the series are patchy.

    Returns ``(year, frame)`` with columns ``group`` (the area's name / "832 national poverty
    counties" in the current language) and ``value``; ``(None, empty)`` when the area has no income data.
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
            pd.DataFrame({"group": t("filter.scope_poverty_counties"), "value": listed["value"]}),
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
