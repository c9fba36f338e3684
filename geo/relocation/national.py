"""National relocation figures (plan, completed, sites, homes) from the data file, with their sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.relocation.labels import source_label

NATIONAL_PLAN = "十三五 plan: 建档立卡"
NATIONAL_ACHIEVED = "十三五 achieved: 建档立卡"


@dataclass(frozen=True)
class NationalFigure:
    label: str
    text: str  # e.g. 约981万人, 960多万人
    value: float
    unit: str
    year: int
    source: str
    note: str


def _qualified(value: float, unit: str, note: str) -> str:
    number = f"{value:g}"
    if "多" in note:
        return f"{number}多{unit}"
    if "余" in note:
        return f"{number}余{unit}"
    if "约" in note:
        return f"约{number}{unit}"
    return f"{number}{unit}"


def national_figures(totals: pd.DataFrame) -> dict[str, NationalFigure]:
    """The national plan (981万) and completed (960万+) relocation of 建档立卡 poor people, and
    the number of concentrated sites and homes built, each with its source (keys: plan,
    completed, sites, homes; missing rows are left out)."""
    national = totals[totals["level"] == "national"]
    wanted = {
        "plan": ("十三五规划搬迁建档立卡贫困人口", lambda i: i.startswith(NATIONAL_PLAN)),
        "completed": ("十三五实际搬迁建档立卡贫困人口", lambda i: i.startswith(NATIONAL_ACHIEVED)),
        "sites": ("建成集中安置区", lambda i: i == "集中安置区 built"),
        "homes": ("建成安置住房", lambda i: i == "安置住房 built"),
    }
    figures = {}
    for key, (label, match) in wanted.items():
        rows = national[national["indicator"].map(match)]
        if rows.empty:
            continue
        row = rows.iloc[0]
        value = float(row["value"])
        figures[key] = NationalFigure(
            label=label,
            text=_qualified(value, row["unit"], row["note"]),
            value=value,
            unit=row["unit"],
            year=int(row["year"]),
            source=row["source"],
            note=row["note"],
        )
    return figures


def national_caption(figures: Mapping[str, NationalFigure]) -> str:
    """One line naming the first source of each national figure (URLs removed; all in the tooltips)."""
    parts = {}
    for figure in figures.values():
        first = source_label(figure.source).split("；")[0]
        parts.setdefault(first, []).append(f"{figure.label}{figure.text}（{figure.year}年）")
    return "全国数字来源：" + "；".join(f"{'、'.join(labels)}：{source}" for source, labels in parts.items())
