"""Province, prefecture and county people figures of ``relocation_totals.csv``, classified and chosen.

Each indicator is read as completed, interim progress, plan or other
(:data:`INDICATOR_KINDS`) and with the people it counts (建档立卡 only or incl. 同步搬迁);
:func:`province_totals` keeps each province's relocated and plan figures apart and never
sets a plan on another basis against a result.
"""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd

from geo.i18n import label_of

Kind = Literal["completed", "progress", "plan", "other"]
#: Kind → catalogue key of its label.
KIND_KEYS: dict[str, str] = {
    "completed": "relocation.kind_completed",
    "progress": "relocation.kind_progress",
    "plan": "relocation.kind_plan",
    "other": "relocation.kind_other",
}


def kind_label(kind: str) -> str:
    """``已完成（十三五）`` … in the current language (the value itself when unknown)."""
    return label_of(KIND_KEYS, kind)


#: How each province/prefecture/county people figure in ``relocation_totals.csv`` is read.
#: Chosen row by row from the indicator text, ``note`` and source (see data/SOURCES.md);
#: an indicator missing here is ``other`` and stays out of the chart (a test lists them).
INDICATOR_KINDS: dict[str, Kind] = {
    # completed 十三五 relocation (final figures)
    "十三五 relocation completed": "completed",
    "十三五 relocated": "completed",
    "十三五 建档立卡 relocated": "completed",
    "十三五 relocated (建设任务全面完成)": "completed",
    "十三五 relocated: 建档立卡": "completed",
    "十三五 relocated incl. 同步搬迁": "completed",
    "十三五 total relocation incl. 同步搬迁": "completed",
    # progress: a count at a date before completion
    "relocated by 2020-03-25": "progress",
    "moved in by end-April 2019": "progress",
    "moved in by end-2019": "progress",
    "relocated by end-2018": "progress",
    # plans and task sizes
    "plan: total relocation": "plan",
    "plan: 建档立卡 relocation": "plan",
    "十三五 plan": "plan",
    "十三五 plan incl. 同步搬迁": "plan",
    "十三五 plan: 建档立卡 relocation": "plan",
    "十三五 plan: 建档立卡 relocation (2017 statement)": "plan",
    "plan 2016–2020": "plan",
    "十三五 relocation (建房 task)": "plan",  # 云南: the housing task; 86.64万 moved in by end-2019
    "十三五 易地扶贫搬迁": "plan",  # 陕西: programme size, 实际入住率 91.91% (2020-01)
    # not comparable: superseded, unexplained headline, one year only, historical
    "relocated (headline figure)": "other",
    "early 十三五 target (2015 statement)": "other",
    "2016 annual plan: 建档立卡 relocation": "other",
    "historical 移民 (6 rounds since 1980s)": "other",
}
#: Whose relocation a figure counts: registered poor people (建档立卡) only, or including
#: people relocated alongside them (同步搬迁), or not stated.
BASIS_POOR = "poor"
BASIS_ALL = "all"
BASIS_UNSTATED = "unstated"
BASIS_KEYS: dict[str, str] = {
    BASIS_POOR: "relocation.basis_poor",
    BASIS_ALL: "relocation.basis_all",
    BASIS_UNSTATED: "relocation.basis_unstated",
}


def basis_label(basis_id: object) -> str:
    """``建档立卡贫困人口`` / ``含同步搬迁人口`` / ``未注明`` in the current language ('' for none)."""
    if not isinstance(basis_id, str) or not basis_id:
        return ""
    return label_of(BASIS_KEYS, basis_id)


PEOPLE_UNITS = {"万人": 1.0, "人": 1e-4}  # → 万人


def indicator_kind(indicator: str) -> Kind:
    return INDICATOR_KINDS.get(indicator, "other")


#: Rows whose ``note`` states the split although the indicator text does not (region, indicator).
BASIS_FROM_NOTE: dict[tuple[str, str], str] = {
    ("山西省", "十三五 plan"): BASIS_ALL,  # i18n: data — "45万 建档立卡 + 11万 同步搬迁"
    ("河南省", "十三五 plan"): BASIS_ALL,  # i18n: data — "建档立卡 26.04万 + 同步 5.2万"
}


def basis(indicator: str, region: str = "") -> str:
    """Whose relocation a figure counts, as far as its indicator text (or a curated note) says."""
    if (region, indicator) in BASIS_FROM_NOTE:
        return BASIS_FROM_NOTE[(region, indicator)]
    if "建档立卡" in indicator:
        return BASIS_POOR
    if "同步" in indicator or "total" in indicator:
        return BASIS_ALL
    return BASIS_UNSTATED


def people_totals(totals: pd.DataFrame, level: str | tuple[str, ...]) -> pd.DataFrame:
    """Rows of ``relocation_totals`` counting people at ``level``, with value in 万人, kind and basis."""
    levels = (level,) if isinstance(level, str) else level
    rows = totals[totals["level"].isin(levels) & totals["unit"].isin(PEOPLE_UNITS)].copy()
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    rows["wan"] = rows["value"] * rows["unit"].map(PEOPLE_UNITS)
    rows["kind"] = rows["indicator"].map(indicator_kind)
    rows["basis"] = [basis(i, r) for i, r in zip(rows["indicator"], rows["region"], strict=True)]
    rows["province_code"] = rows["adcode"].str[:2]
    rows["order"] = range(len(rows))
    return rows


def _first(rows: pd.DataFrame, *preferred: pd.Series) -> pd.Series | None:
    """The first row by the ``preferred`` boolean masks (True first), then latest year, then source order."""
    if rows.empty:
        return None
    keys = {f"_p{i}": (~mask.reindex(rows.index, fill_value=False)).astype(int) for i, mask in enumerate(preferred)}
    ranked = rows.assign(**keys, _year=-rows["year"].fillna(0).astype(int))
    return ranked.sort_values([*keys, "_year", "order"]).iloc[0]


def choose_figures(group: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """The relocated and the plan figure of one province (see :func:`province_totals`)."""
    plans = group[group["kind"] == "plan"]
    known_plan_bases = set(plans["basis"]) - {BASIS_UNSTATED}
    relocated = None
    for kind in ("completed", "progress"):
        rows = group[group["kind"] == kind]
        relocated = _first(rows, rows["basis"].isin(known_plan_bases), rows["basis"] == BASIS_POOR)
        if relocated is not None:
            break
    if relocated is None or relocated["basis"] == BASIS_UNSTATED:
        return relocated, _first(plans)
    same = plans["basis"] == relocated["basis"]
    if same.any():
        return relocated, _first(plans[same])
    # a plan on another (known) basis would look like a shortfall: leave it to the table
    return relocated, _first(plans[plans["basis"] == BASIS_UNSTATED])


def province_totals(totals: pd.DataFrame, provinces: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per province with a people figure: the relocated and the plan figure, never mixed.

    ``relocated`` is a completed 十三五 figure (``kind`` completed) or, where no source gives
    one, the latest interim count (``kind`` progress, labelled so). ``plan`` is a plan or
    task figure on the same basis (建档立卡 only / incl. 同步搬迁) when the bases are known;
    a plan on a different known basis is left out of the chart (it stays in the table).
    Ties: a relocated figure whose basis a plan shares, then 建档立卡, then the latest year,
    then source order. Each keeps its indicator text, year, basis and source.
    """
    rows = people_totals(totals, "province")
    if provinces:
        rows = rows[rows["province_code"].isin(provinces)]
    out = []
    for code, group in rows.groupby("province_code", sort=True):
        done, plan = choose_figures(group)
        if done is None and plan is None:
            continue
        record: dict[str, object] = {"province_code": code, "province": group["region"].iloc[0]}
        for prefix, row in (("relocated", done), ("plan", plan)):
            record[f"{prefix}_wan"] = math.nan if row is None else float(row["wan"])
            for field in ("kind", "indicator", "year", "basis", "source", "note"):
                record[f"{prefix}_{field}"] = None if row is None else row[field]
        out.append(record)
    table = pd.DataFrame(out)
    if table.empty:
        return table
    return table.sort_values(["relocated_wan", "plan_wan"], ascending=False, na_position="last").reset_index(drop=True)


def local_totals(totals: pd.DataFrame, provinces: tuple[str, ...] = ()) -> pd.DataFrame:
    """Prefecture and county people figures (as reported: not comparable with each other)."""
    rows = people_totals(totals, ("prefecture", "county"))
    if provinces:
        rows = rows[rows["province_code"].isin(provinces)]
    return rows.reset_index(drop=True)
