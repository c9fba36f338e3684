"""National relocation figures (plan, completed, sites, homes) from the data file, with their sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.i18n import current_language, number, t
from geo.relocation.labels import source_parts

NATIONAL_PLAN = "十三五 plan: 建档立卡"  # i18n: data (indicator prefixes in relocation_totals.csv)
NATIONAL_ACHIEVED = "十三五 achieved: 建档立卡"  # i18n: data
#: A word in a row's ``note`` that qualifies its figure → catalogue key of the qualified figure.
NOTE_QUALIFIERS = {"多": "relocation.figure_more", "余": "relocation.figure_over", "约": "relocation.figure_about"}
#: Figure → (catalogue key of its label, how its indicator is recognised).
WANTED = {
    "plan": ("relocation.national_plan", lambda i: i.startswith(NATIONAL_PLAN)),
    "completed": ("relocation.national_completed", lambda i: i.startswith(NATIONAL_ACHIEVED)),
    "sites": ("relocation.national_sites", lambda i: i == "集中安置区 built"),
    "homes": ("relocation.national_homes", lambda i: i == "安置住房 built"),
}


#: Marks of a qualified figure in the compact English form (KPI cards): about, more than, over.
COMPACT_MARKS = {"relocation.figure_about": "≈", "relocation.figure_more": ">", "relocation.figure_over": ">"}


@dataclass(frozen=True)
class NationalFigure:
    label: str  # in the language the figures were read in
    text: str  # e.g. 约981万人, 960多万人 (about 9.81 million people)
    value: float
    unit: str
    year: int
    source: str
    note: str
    short: str = ""  # for a KPI card: the text in Chinese, compact in English (≈9.81M)

    @property
    def card(self) -> str:
        return self.short or self.text


def _qualifier(note: str) -> str | None:
    """The catalogue key of the qualified figure a row's ``note`` asks for (about, more than …), or None."""
    return next((key for word, key in NOTE_QUALIFIERS.items() if word in note), None)


def _compact(value: float, unit_name: str, note: str) -> str:
    """A short figure for a KPI card: ``约981万人`` as is in Chinese, ``≈9.81M`` in English."""
    if current_language() == "zh":
        return _qualified(value, unit_name, note)
    scale = 1e8 if unit_name.startswith("亿") else 1e4 if unit_name.startswith("万") else 1.0
    amount = value * scale
    text = f"{amount / 1e6:,.4g}M" if amount >= 1e6 else f"{amount:,.0f}"
    return COMPACT_MARKS.get(_qualifier(note) or "", "") + text


def _qualified(value: float, unit_name: str, note: str) -> str:
    """``约981万人`` / ``960多万人``; in English ``about 9.81 million people``."""
    if current_language() == "zh":
        number_text, unit_text = f"{value:g}", unit_name
    else:
        number_text, unit_text = number(value, unit_name), ""
    key = _qualifier(note)
    return t(key, number=number_text, unit=unit_text) if key else number_text + unit_text


def national_figures(totals: pd.DataFrame) -> dict[str, NationalFigure]:
    """The national plan (981万) and completed (960万+) relocation of 建档立卡 poor people, and
    the number of concentrated sites and homes built, each with its source (keys: plan,
    completed, sites, homes; missing rows are left out). Labels and texts are in the current language."""
    national = totals[totals["level"] == "national"]
    figures = {}
    for key, (label_key, match) in WANTED.items():
        rows = national[national["indicator"].map(match)]
        if rows.empty:
            continue
        row = rows.iloc[0]
        value = float(row["value"])
        figures[key] = NationalFigure(
            label=t(label_key),
            text=_qualified(value, row["unit"], row["note"]),
            value=value,
            unit=row["unit"],
            year=int(row["year"]),
            source=row["source"],
            note=row["note"],
            short=_compact(value, row["unit"], row["note"]),
        )
    return figures


def figure_text(figure: NationalFigure) -> str:
    """``十三五规划搬迁建档立卡贫困人口约981万人（2016年）``."""
    return t("relocation.national_figure", label=figure.label, text=figure.text, year=figure.year)


def national_caption(figures: Mapping[str, NationalFigure]) -> str:
    """One line naming the first source of each national figure (URLs removed; all in the tooltips)."""
    parts: dict[str, list[str]] = {}
    for figure in figures.values():
        first = (source_parts(figure.source) or [""])[0]
        parts.setdefault(first, []).append(figure_text(figure))
    list_separator, clause_separator = t("common.list_separator"), t("common.clause_separator")
    sources = clause_separator.join(
        t("relocation.national_source", figures=list_separator.join(labels), source=source)
        for source, labels in parts.items()
    )
    return t("relocation.national_sources", sources=sources)
