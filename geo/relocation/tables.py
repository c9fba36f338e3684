"""The relocation page's tables, headers in the current language: sites, per-county sums, reported figures.

Names get their pinyin in English (:func:`geo.i18n.place`); the sources, notes, site names and
figures as stated are shown as the data gives them.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.i18n import place, t, unit
from geo.pairing.endpoints import place_names
from geo.relocation.totals import basis_label, kind_label

# A prefecture or county region as relocation_totals.csv writes it: province, prefecture, county run together.
_REGION_RE = re.compile(r"^(.+?(?:省|自治区))(.+?(?:自治州|地区|盟|市))(.*)$")

#: Column → catalogue key of its header.
SITE_COLUMNS = {
    "site_name": "relocation.site",
    "province": "table.province",
    "prefecture": "table.prefecture",
    "county_label": "table.county",
    "adcode": "table.adcode",
    "people": "relocation.people",
    "people_text": "relocation.people_text",
    "households": "relocation.households",
    "year": "table.year",
    "placement": "relocation.placement",
    "in_832": "relocation.in_832",
    "figures_as_stated": "relocation.as_stated",
    "source": "table.source",
    "note": "table.note",
}
COUNTY_COLUMNS = {
    "adcode": "table.adcode",
    "province": "table.province",
    "prefecture": "table.prefecture",
    "county": "table.county",
    "sites": "relocation.county_sites",
    "sites_with_people": "relocation.county_sites_with_people",
    "people": "relocation.county_people",
    "qualifiers": "relocation.county_qualifiers",
    "excluded": "relocation.county_excluded",
}
TOTAL_COLUMNS = {
    "region": "relocation.region",
    "kind_label": "relocation.kind",
    "indicator": "relocation.indicator_as_stated",
    "value": "table.value",
    "unit": "table.unit",
    "year": "table.year",
    "basis": "relocation.basis",
    "in_chart": "relocation.in_chart",
    "source": "table.source",
    "note": "table.note",
}


def _headers(columns: dict[str, str]) -> dict[str, str]:
    return {column: t(key) for column, key in columns.items()}


def _yes_no(flag: bool) -> str:
    return t("common.yes") if flag else t("common.no")


def _places(values: pd.Series) -> pd.Series:
    return values.map(lambda name: place(name) if isinstance(name, str) else name)


def region_label(region: str) -> str:
    """A region of ``relocation_totals.csv`` as shown: ``贵州省铜仁市`` in Chinese, each part with its
    pinyin in English (``贵州省 (Guizhou Sheng) 铜仁市 (Tongren Shi)``)."""
    match = _REGION_RE.match(region)
    return place_names(*match.groups()) if match else place(region)


def site_table(sites: pd.DataFrame) -> pd.DataFrame:
    table = sites[list(SITE_COLUMNS)].copy()
    table["people"] = table["people"].round().astype("Int64")
    table["households"] = table["households"].round().astype("Int64")
    table["in_832"] = table["in_832"].map(_yes_no)
    table["province"] = _places(table["province"])
    table["prefecture"] = _places(table["prefecture"])
    return table.rename(columns=_headers(SITE_COLUMNS)).reset_index(drop=True)


def county_table(sums: pd.DataFrame) -> pd.DataFrame:
    table = sums.copy()
    table["people"] = table["people"].round().astype("Int64")
    table["province"] = _places(table["province"])
    table["prefecture"] = _places(table["prefecture"])
    return table.rename(columns=_headers(COUNTY_COLUMNS)).reset_index(drop=True)


def totals_table(rows: pd.DataFrame, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every people figure as reported, with its kind and whether the chart uses it."""
    used: set[tuple[str, str, int]] = set()
    if chosen is not None and not chosen.empty:
        for prefix in ("relocated", "plan"):
            for row in chosen[chosen[f"{prefix}_indicator"].notna()].itertuples(index=False):
                used.add((row.province, getattr(row, f"{prefix}_indicator"), int(getattr(row, f"{prefix}_year"))))
    table = rows.copy()
    table["kind_label"] = table["kind"].map(kind_label)
    table["in_chart"] = [
        _yes_no((r, i, y) in used) for r, i, y in zip(table["region"], table["indicator"], table["year"], strict=True)
    ]
    table["region"] = table["region"].map(region_label)
    table["unit"] = table["unit"].map(unit)
    table["basis"] = table["basis"].map(basis_label)
    return table[list(TOTAL_COLUMNS)].rename(columns=_headers(TOTAL_COLUMNS)).reset_index(drop=True)
