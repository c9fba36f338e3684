"""The shared filter state of every page and its application to the 832-county table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from geo.i18n import t
from geo.taxonomy import BY_ID, programme_name

DEFAULT_INDICATOR = "exit_year"
EXIT_YEARS = (2016, 2017, 2018, 2019, 2020)
STILL_POOR_YEARS = range(2015, 2021)


def _canonical(values: tuple) -> tuple:
    return tuple(sorted(set(values)))


@dataclass(frozen=True)
class FilterState:
    """What the user selected; list fields are stored sorted and de-duplicated."""

    provinces: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    exit_years: tuple[int, ...] = ()
    still_poor_at_end_of: int | None = None
    sanqu_sanzhou: bool | None = None
    poverty_only: bool = True
    indicator: str = DEFAULT_INDICATOR
    year: int | None = None
    county: str | None = None

    def __post_init__(self) -> None:
        for name in ("provinces", "areas", "programmes", "exit_years"):
            object.__setattr__(self, name, _canonical(tuple(getattr(self, name))))


@dataclass(frozen=True)
class FilterResult:
    """The selected counties and notices (current language) about filters that could not be applied."""

    counties: pd.DataFrame
    notices: list[str] = field(default_factory=list)


def province_codes(counties: pd.DataFrame) -> pd.Series:
    """Two-digit province code per row (from ``polygon_adcode``: 冷湖行委 has no adcode)."""
    return counties["polygon_adcode"].str[:2]


def apply(
    state: FilterState,
    counties: pd.DataFrame,
    programme_counties: Mapping[str, set[str]],
) -> FilterResult:
    """Filter the 832-county table by ``state``; dimensions are ANDed, values within one are ORed.

    ``poverty_only`` and the map fields (indicator, year, county) do not narrow the table.
    """
    mask = pd.Series(True, index=counties.index)
    if state.provinces:
        mask &= province_codes(counties).isin(state.provinces)
    if state.areas:
        mask &= counties["contiguous_area"].isin(state.areas)
    if state.exit_years:
        mask &= counties["exit_year"].isin(state.exit_years).fillna(False).astype(bool)
    if state.still_poor_at_end_of is not None:
        mask &= (counties["exit_year"] > state.still_poor_at_end_of).fillna(False).astype(bool)
    if state.sanqu_sanzhou is not None:
        mask &= counties["sanqu_sanzhou"] == state.sanqu_sanzhou

    notices: list[str] = []
    tied: set[str] = set()
    with_data = [p for p in state.programmes if p in programme_counties]
    for programme in state.programmes:
        if programme not in programme_counties:
            name = programme_name(BY_ID[programme]) if programme in BY_ID else programme
            notices.append(t("filter.programme_no_data", name=name))
    for programme in with_data:
        tied |= programme_counties[programme]
    if with_data:
        mask &= counties["adcode"].isin(tied)
    return FilterResult(counties.loc[mask], notices)


def kpis(filtered: pd.DataFrame) -> dict:
    """Headline figures for the selection: counties, exits per year, 三区三州 and contiguous-area counts."""
    exits = filtered["exit_year"].value_counts()
    return {
        "counties": len(filtered),
        "exits_by_year": {year: int(exits.get(year, 0)) for year in EXIT_YEARS},
        "sanqu_sanzhou": int(filtered["sanqu_sanzhou"].sum()),
        "contiguous_area": int((filtered["contiguous_area"] != "").sum()),
    }
