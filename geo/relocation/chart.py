"""The province chart: relocated people per province against the plan, national figures as context.

Completed and interim figures are separate bar traces and the plan is a marker trace, each
with its indicator, year, basis and source on hover; :func:`chart_caption` lists the sources.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from geo.charts import LAYOUT
from geo.relocation.labels import source_label
from geo.relocation.national import NationalFigure
from geo.relocation.totals import KIND_LABELS

CHART_COLORS = {"completed": "#b30000", "progress": "#fc8d59", "plan": "#252525"}


def _hover_source(source: object) -> str:
    text = source_label(str(source or ""))
    return text if len(text) <= 90 else text[:90] + "…"


def _hover(rows: pd.DataFrame, prefix: str, label: str) -> dict:
    """Hover text of one trace: the original indicator, its year, basis and source."""
    customdata = list(
        zip(
            rows[f"{prefix}_indicator"],
            rows[f"{prefix}_year"].astype("Int64").astype(str),
            rows[f"{prefix}_basis"],
            rows[f"{prefix}_source"].map(_hover_source),
            strict=True,
        )
    )
    template = (
        "%{y}：%{x:,.4~g}万人<br>原文指标：%{customdata[0]}（%{customdata[1]}年）"
        "<br>口径：%{customdata[2]}<br>来源：%{customdata[3]}<extra>" + label + "</extra>"
    )
    return {"customdata": customdata, "hovertemplate": template}


def province_chart(table: pd.DataFrame, national: Mapping[str, NationalFigure]) -> go.Figure:
    """Horizontal bars of relocated people per province (万人), plan as a marker, national context.

    Completed and interim figures are separate traces; the plan figure is its own trace,
    so a reader always sees which is which. The national plan and completed figures are
    an annotation (a bar at 960万 would flatten the provinces).
    """
    fig = go.Figure()
    shown = table.iloc[::-1]  # largest at the top
    for kind in ("completed", "progress"):
        rows = shown[shown["relocated_kind"] == kind]
        if rows.empty:
            continue
        fig.add_bar(
            y=rows["province"],
            x=rows["relocated_wan"],
            orientation="h",
            name=KIND_LABELS[kind],
            marker={"color": CHART_COLORS[kind], "pattern": {"shape": "/" if kind == "progress" else ""}},
            **_hover(rows, "relocated", KIND_LABELS[kind]),
        )
    plans = shown[shown["plan_wan"].notna()]
    if not plans.empty:
        fig.add_scatter(
            y=plans["province"],
            x=plans["plan_wan"],
            mode="markers",
            name=KIND_LABELS["plan"],
            marker={
                "symbol": "line-ns-open",
                "size": 22,
                "color": CHART_COLORS["plan"],
                "line": {"width": 3, "color": CHART_COLORS["plan"]},
            },
            **_hover(plans, "plan", "规划/任务"),
        )
    context = "；".join(
        f"{national[k].label}：{national[k].text}（{national[k].year}年）"
        for k in ("plan", "completed")
        if k in national
    )
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "t": 70}},
        title={"text": "各省易地扶贫搬迁人数（万人）", "font": {"size": 14}, "y": 0.98, "yanchor": "top"},
        height=150 + 28 * len(table),
        barmode="overlay",
        bargap=0.35,
        xaxis={"title": "万人", "rangemode": "tozero"},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": list(shown["province"])},
        legend={"orientation": "h", "y": -0.15},
        annotations=[
            {
                "text": f"全国 · {context}" if context else "全国数字：暂无数据",
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
                kind = KIND_LABELS[getattr(row, f"{prefix}_kind")]
                parts.append(f"{row.province}{kind}：{source_label(source)}")
    return "来源：" + "；".join(parts) if parts else ""
