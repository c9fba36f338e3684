"""Helper → recipient flows as a plotly Sankey: one unit per pair, or summed by province."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from geo.charts import LAYOUT
from geo.i18n import t
from geo.pairing.pairs import province_label, side_name
from geo.pairing.palette import HELPER_NODE, LINK_COLOR, RECIPIENT_FILL

SankeyBy = Literal["unit", "province"]


@dataclass(frozen=True)
class SankeyData:
    """Plotly-ready Sankey lists: nodes (labels, colours) and links (indices into the nodes)."""

    labels: tuple[str, ...]
    node_colors: tuple[str, ...]
    sources: tuple[int, ...]
    targets: tuple[int, ...]
    values: tuple[int, ...]
    link_colors: tuple[str, ...]
    link_labels: tuple[str, ...]


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def sankey_data(links: pd.DataFrame, by: SankeyBy = "unit") -> SankeyData:
    """Helper → recipient flows, one unit per pair (``by="unit"``) or summed by province.

    Nodes are keyed by side and code, so a name can appear on both sides without merging.
    """
    if by not in ("unit", "province"):
        raise ValueError(f"unknown Sankey grouping {by!r}")
    nodes: dict[tuple[str, str], int] = {}
    labels: list[str] = []
    colors: list[str] = []

    def node(side: str, key: str, label: str, color: str) -> int:
        if (side, key) not in nodes:
            nodes[(side, key)] = len(labels)
            labels.append(label)
            colors.append(color)
        return nodes[(side, key)]

    flows: dict[tuple[int, int], list] = {}
    for link in links.to_dict("records"):
        if by == "unit":
            source = node("helper", link["helper_adcode"], side_name(link, "helper"), HELPER_NODE)
            level = link["recipient_level"]
            target = node("recipient", link["recipient_adcode"], side_name(link, "recipient"), RECIPIENT_FILL[level])
            color = LINK_COLOR[level]
        else:
            source = node("helper", link["helper_prov"], province_label(link["helper_province"]), HELPER_NODE)
            recipient = province_label(link["recipient_province"])
            target = node("recipient", link["recipient_prov"], recipient, RECIPIENT_FILL["province"])
            color = "#6b6b6b"
        flow = flows.setdefault((source, target), [0, color, []])
        flow[0] += 1
        flow[2].append(link["pair_id"])
    return SankeyData(
        labels=tuple(labels),
        node_colors=tuple(colors),
        sources=tuple(s for s, _ in flows),
        targets=tuple(t for _, t in flows),
        values=tuple(f[0] for f in flows.values()),
        link_colors=tuple(_rgba(f[1], 0.45) for f in flows.values()),
        link_labels=tuple(t("common.list_separator").join(f[2]) for f in flows.values()),
    )


def sankey_figure(data: SankeyData, title: str) -> go.Figure:
    """A plotly Sankey (the atlas's CJK font: place names stay Chinese); taller for more nodes."""
    count = max(len(set(data.sources)), len(set(data.targets)), 1)
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            textfont={"color": "#222222", "shadow": "none", "size": 12},
            node={
                "label": list(data.labels),
                "color": list(data.node_colors),
                "pad": 8,
                "thickness": 14,
                "line": {"color": "#777777", "width": 0.4},
                "hovertemplate": t("pairing.sankey_node_hover", label="%{label}", count="%{value}") + "<extra></extra>",
            },
            link={
                "source": list(data.sources),
                "target": list(data.targets),
                "value": list(data.values),
                "color": list(data.link_colors),
                "customdata": list(data.link_labels),
                "hovertemplate": t(
                    "pairing.sankey_link_hover",
                    helper="%{source.label}",
                    recipient="%{target.label}",
                    count="%{value}",
                    pair_ids="%{customdata}",
                )
                + "<extra></extra>",
            },
        )
    )
    fig.update_layout(**LAYOUT, title={"text": title, "font": {"size": 14}}, height=max(320, 22 * count + 80))
    return fig
