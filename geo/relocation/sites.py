"""Named relocation sites: the typed table, the filter state applied to it, and per-county sums.

Sites follow the province filter by their own province and the 832-list filters by their
county (see :func:`filter_sites`); per-county sums add named sites only and never count a
site that lies in another one twice.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import pandas as pd

from geo import filters
from geo.filters import FilterState
from geo.i18n import place, t
from geo.relocation.labels import (
    format_people,
    households_label,
    is_approximate,
    people_label,
    placement_label,
    qualifier_label,
)


def prepare_sites(sites: pd.DataFrame, poverty: pd.DataFrame) -> pd.DataFrame:
    """Typed copy of ``relocation_sites``: numbers as floats, labels (current language) and flags added."""
    df = sites.copy()
    for column in ("people", "households", "lon", "lat"):
        df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    df["province_code"] = df["adcode"].str[:2]
    df["county_label"] = [
        place(county) if county else t("relocation.prefecture_only", prefecture=place(prefecture))
        for county, prefecture in zip(df["county"], df["prefecture"], strict=True)
    ]
    df["approximate"] = df["location_precision"].map(is_approximate)
    df["placement"] = df["location_precision"].map(placement_label)
    df["people_text"] = [people_label(p, q) for p, q in zip(df["people"], df["people_qualifier"], strict=True)]
    df["households_text"] = df["households"].map(households_label)
    df["in_832"] = df["adcode"].isin(set(poverty["adcode"]) - {""})
    return df


def filter_sites(
    sites: pd.DataFrame,
    state: FilterState,
    poverty: pd.DataFrame,
    programme_counties: Mapping[str, set[str]],
) -> tuple[pd.DataFrame, list[str]]:
    """Sites in the selection, and notices about filters that could not be applied.

    The province filter applies to the site's province. Filters on the 832 list (area,
    programme, exit year, still poor, 三区三州) keep the sites whose county passes them;
    choosing 易地扶贫搬迁 as programme keeps every site. ``poverty_only`` does not hide
    sites (see :data:`SCOPE_NOTE`).
    """
    mask = pd.Series(True, index=sites.index)
    if state.provinces:
        mask &= sites["adcode"].str[:2].isin(state.provinces)
    notices = filters.apply(state, poverty, programme_counties).notices
    programmes = () if "relocation" in state.programmes else state.programmes
    county_state = dataclasses.replace(state, provinces=(), programmes=programmes)
    county_filters = (
        county_state.areas,
        county_state.programmes,
        county_state.exit_years,
        county_state.still_poor_at_end_of,
        county_state.sanqu_sanzhou,
    )
    if any(f not in ((), None) for f in county_filters):
        passing = filters.apply(county_state, poverty, programme_counties).counties
        mask &= sites["adcode"].isin(set(passing["adcode"]) | set(passing["polygon_adcode"]))
    return sites.loc[mask], list(notices)


def _nested_in(sites: pd.DataFrame) -> pd.Series:
    """For each site, the name of another site of the same county it lies in ('' if none).

    A site whose name mentions another site of its county (原隆村(闽宁镇) → 闽宁镇) is part of
    it; summing both would count its people twice.
    """
    parents = []
    for row in sites.itertuples():
        others = sites[(sites["adcode"] == row.adcode) & (sites["site_name"] != row.site_name)]
        parent = next((name for name in others["site_name"] if name and name in row.site_name), "")
        parents.append(parent)
    return pd.Series(parents, index=sites.index, dtype="str")


def county_sums(sites: pd.DataFrame) -> pd.DataFrame:
    """Relocated people per county where a named site gives a figure (named sites only).

    Columns: adcode, province, prefecture, county, sites, sites_with_people, people,
    qualifiers (the kinds of figure summed), excluded (sites not added: part of another).
    """
    columns = [
        "adcode",
        "province",
        "prefecture",
        "county",
        "sites",
        "sites_with_people",
        "people",
        "qualifiers",
        "excluded",
    ]
    if sites.empty:
        return pd.DataFrame(columns=columns)
    df = sites.assign(parent=_nested_in(sites))
    separator = t("common.list_separator")
    rows = []
    for adcode, group in df.groupby("adcode", sort=True):
        counted = group[(group["parent"] == "") & group["people"].notna()]
        nested = group[(group["parent"] != "") & group["people"].notna()]
        qualifiers = sorted(
            {qualifier_label(q) or t("relocation.qualifier_as_stated") for q in counted["people_qualifier"]}
        )
        rows.append(
            {
                "adcode": adcode,
                "province": group["province"].iloc[0],
                "prefecture": group["prefecture"].iloc[0],
                "county": group["county_label"].iloc[0],
                "sites": len(group),
                "sites_with_people": int(group["people"].notna().sum()),
                "people": float(counted["people"].sum()) if len(counted) else math.nan,
                "qualifiers": separator.join(qualifiers),
                "excluded": separator.join(
                    t("relocation.nested_in", site=n, parent=p)
                    for n, p in zip(nested["site_name"], nested["parent"], strict=True)
                ),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def county_value_labels(sums: pd.DataFrame) -> dict[str, str]:
    """Tooltip text of the base map per county with sites."""
    labels = {}
    for row in sums.itertuples(index=False):
        people = (
            t("relocation.no_people") if pd.isna(row.people) else t("relocation.sum", people=format_people(row.people))
        )
        labels[row.adcode] = t("relocation.county_tip", sites=row.sites, people=people)
    return labels
