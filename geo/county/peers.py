"""Peer statistics: a county's series against the medians of comparable counties.

Stats are the long table of :func:`geo.data.county_stats` (``adcode, year, indicator,
value, unit, source``). Peer groups are plain tuples of county codes; medians count only
the counties with a value (``n`` says how many), and include the county itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.i18n import place, t

MIN_PEERS = 3  # fewer values than this make no median worth drawing


@dataclass(frozen=True)
class PeerGroup:
    key: str  # province | area | all832
    label: str  # e.g. 河北省国家贫困县 (in the language the groups were made in)
    codes: tuple[str, ...]


def peer_groups(adcode: str, poverty: pd.DataFrame, polygons: pd.DataFrame) -> tuple[PeerGroup, ...]:
    """Groups to compare a county with: its province's peers, its contiguous area, the 832.

    The province group is the province's poverty counties for a poverty county (or for any
    county of a province that has some), else every county of the province.
    """
    listed = poverty[poverty["adcode"] != ""]
    where = polygons.loc[polygons["adcode"] == adcode]
    if where.empty:
        return ()
    province = where.iloc[0]["province"]
    groups = []
    in_province = listed[listed["province"] == province]
    if not in_province.empty:
        label = t("county.peer_province_poverty", province=place(province))
        groups.append(PeerGroup("province", label, tuple(in_province["adcode"])))
    else:
        codes = polygons.loc[polygons["province"] == province, "adcode"]
        groups.append(PeerGroup("province", t("county.peer_province_all", province=place(province)), tuple(codes)))
    own = listed[listed["polygon_adcode"] == adcode]
    area = own["contiguous_area"].iloc[0] if not own.empty else ""
    if area:
        members = listed[listed["contiguous_area"] == area]
        groups.append(PeerGroup("area", t("county.peer_area", area=place(area)), tuple(members["adcode"])))
    groups.append(PeerGroup("all832", t("filter.scope_poverty_counties"), tuple(listed["adcode"])))
    return tuple(groups)


def county_series(stats: pd.DataFrame, adcode: str, indicator: str) -> pd.Series:
    """Values of one county and indicator by year (sorted; empty when there are none)."""
    rows = stats[(stats["adcode"] == adcode) & (stats["indicator"] == indicator)]
    return rows.set_index("year")["value"].sort_index().astype(float).rename(indicator)


def median_series(
    stats: pd.DataFrame, codes: Iterable[str], indicator: str, min_peers: int = MIN_PEERS
) -> pd.DataFrame:
    """Per year: the median over ``codes`` and how many counties had a value (``year, median, n``).

    Years with fewer than ``min_peers`` values are dropped.
    """
    rows = stats[(stats["indicator"] == indicator) & stats["adcode"].isin(set(codes))]
    rows = rows.dropna(subset=["value"])
    out = rows.groupby("year")["value"].agg(median="median", n="size").reset_index()
    out = out[out["n"] >= min_peers]
    return out.astype({"year": "int64", "median": "float64", "n": "int64"}).reset_index(drop=True)


def median_values(
    stats: pd.DataFrame,
    codes: Iterable[str],
    indicators: Sequence[str],
    year: int,
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """Per indicator, in one year: median over ``codes`` and count (``indicator, median, n``)."""
    rows = stats[(stats["year"] == year) & stats["indicator"].isin(indicators) & stats["adcode"].isin(set(codes))]
    out = rows.dropna(subset=["value"]).groupby("indicator")["value"].agg(median="median", n="size")
    out = out.reindex(list(indicators))
    out.loc[out["n"].fillna(0) < min_peers, "median"] = float("nan")
    return out.fillna({"n": 0}).astype({"n": "int64"}).rename_axis("indicator").reset_index()


def county_values(stats: pd.DataFrame, adcode: str, indicators: Sequence[str], year: int) -> pd.Series:
    """One county's values of ``indicators`` in ``year`` (NaN where missing), in that order."""
    rows = stats[(stats["adcode"] == adcode) & (stats["year"] == year)]
    return rows.set_index("indicator")["value"].reindex(list(indicators)).astype(float)


def shares(parts: pd.DataFrame, total: pd.Series) -> pd.DataFrame:
    """Each column of ``parts`` as a percentage of ``total`` (aligned on the index).

    Rows where the total is missing or not positive are dropped.
    """
    valid = total[total > 0]
    aligned = parts.reindex(valid.index)
    return aligned.div(valid, axis=0).mul(100).dropna(how="all")
