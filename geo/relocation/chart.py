"""The province chart: relocated people per province against the plan, national figures as context.

Completed and interim figures are separate bar traces and the plan is a marker trace, each
with its indicator, year, basis and source on hover; :func:`chart_caption` lists the sources.
The figures are stored in 万人; the Chinese chart shows 万人, the English one million people.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from geo.charts import LAYOUT
from geo.i18n import current_language, place, t, unit
from geo.relocation.labels import WAN_PEOPLE, source_label
from geo.relocation.national import NationalFigure
from geo.relocation.totals import basis_label, kind_label

CHART_COLORS = {"completed": "#b30000", "progress": "#fc8d59", "plan": "#252525"}
#: The national figures above the chart → catalogue keys of their (short) labels.
CONTEXT_KEYS = {"plan": "relocation.context_plan", "completed": "relocation.context_completed"}


def _scale() -> tuple[float, str]:
    """Factor from 万人 to the chart's unit, and that unit's name, in the current language."""
    if current_language() == "zh":
        return 1.0, unit(WAN_PEOPLE)
    return 0.01, t("relocation.unit_million_people")


def _hover_source(source: object) -> str:
    text = source_label(str(source or ""))
    return text if len(text) <= 90 else text[:90] + "…"


def _hover(rows: pd.DataFrame, prefix: str, label: str) -> dict:
    """Hover text of one trace: the original indicator, its year, basis and source."""
    customdata = list(
        zip(
            rows[f"{prefix}_indicator"],
            rows[f"{prefix}_year"].astype("Int64").astype(str),
            rows[f"{prefix}_basis"].map(basis_label),
            rows[f"{prefix}_source"].map(_hover_source),
            strict=True,
        )
    )
    template = t(
        "relocation.chart_hover",
        province="%{y}",
        value="%{x:,.4~g}",
        unit=_scale()[1],
        indicator="%{customdata[0]}",
        year="%{customdata[1]}",
        basis="%{customdata[2]}",
        source="%{customdata[3]}",
    )
    return {"customdata": customdata, "hovertemplate": f"{template}<extra>{label}</extra>"}


def province_chart(table: pd.DataFrame, national: Mapping[str, NationalFigure]) -> go.Figure:
    """Horizontal bars of relocated people per province (万人), plan as a marker, national context.

    Completed and interim figures are separate traces; the plan figure is its own trace,
    so a reader always sees which is which. The national plan and completed figures are
    an annotation (a bar at 960万 would flatten the provinces).
    """
    factor, unit_name = _scale()
    fig = go.Figure()
    shown = table.iloc[::-1]  # largest at the top
    names = {province: place(province) for province in shown["province"]}
    for kind in ("completed", "progress"):
        rows = shown[shown["relocated_kind"] == kind]
        if rows.empty:
            continue
        fig.add_bar(
            y=rows["province"].map(names),
            x=rows["relocated_wan"] * factor,
            orientation="h",
            name=kind_label(kind),
            marker={"color": CHART_COLORS[kind], "pattern": {"shape": "/" if kind == "progress" else ""}},
            **_hover(rows, "relocated", kind_label(kind)),
        )
    plans = shown[shown["plan_wan"].notna()]
    if not plans.empty:
        fig.add_scatter(
            y=plans["province"].map(names),
            x=plans["plan_wan"] * factor,
            mode="markers",
            name=kind_label("plan"),
            marker={
                "symbol": "line-ns-open",
                "size": 22,
                "color": CHART_COLORS["plan"],
                "line": {"width": 3, "color": CHART_COLORS["plan"]},
            },
            **_hover(plans, "plan", kind_label("plan")),
        )
    context = t("common.clause_separator").join(
        t("relocation.national_context_part", label=t(key), text=national[k].text, year=national[k].year)
        for k, key in CONTEXT_KEYS.items()
        if k in national
    )
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "t": 70}},
        title={"text": t("relocation.chart_title", unit=unit_name), "font": {"size": 14}, "y": 0.98, "yanchor": "top"},
        height=150 + 28 * len(table),
        barmode="overlay",
        bargap=0.35,
        xaxis={"title": unit_name, "rangemode": "tozero"},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": [names[p] for p in shown["province"]]},
        legend={"orientation": "h", "y": -0.15},
        annotations=[
            {
                "text": t("relocation.national_context", context=context)
                if context
                else t("relocation.national_none", no_data=t("common.no_data")),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12, "color": "#444"},
            }
        ],
    )
    return fig


def chart_caption(table: pd.DataFrame) -> str:
    """Sources of the figures in the chart, one per province and kind."""
    parts = []
    for row in table.itertuples(index=False):
        for prefix in ("relocated", "plan"):
            source = getattr(row, f"{prefix}_source")
            if isinstance(source, str) and source:
                kind = kind_label(getattr(row, f"{prefix}_kind"))
                parts.append(
                    t("relocation.caption_part", province=place(row.province), kind=kind, source=source_label(source))
                )
    return t("relocation.caption_sources", sources=t("common.clause_separator").join(parts)) if parts else ""
