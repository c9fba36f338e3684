"""East–west pairing (东西部扶贫协作): endpoints, curved links, filters, Sankey data, pair notes.

Plain, typed logic (no Streamlit). The pairing table (:func:`geo.data.pairings`) names each
side by an administrative code; both ends are placed on the county polygons of
:func:`geo.boundaries.counties`, so nothing here carries a coordinate of its own:

- a **helper** (帮扶方) is drawn from its *seat*: for a province its capital, which GB/T 2260
  codes as the province's first prefecture (``XX01``); for a prefecture-level city its
  first-coded county-level unit (the code list puts the central urban districts first); for a
  county the county itself. The point is inside that county's polygon.
- a **recipient** (受援方) is the set of counties its code covers (province ``XX0000`` →
  every ``XX….``; prefecture ``XXYY00`` → every ``XXYY..``; county → itself), highlighted on
  the map; its link ends inside their union.

Links are quadratic Bézier curves computed in Web-Mercator space (so they look perpendicular
on the map), always bulging to the right of the direction of travel: links between nearby
ends bend the same way instead of crossing, and links with the same ends are spread apart.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import folium
import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely
from branca.element import MacroElement, Template
from shapely.geometry.base import BaseGeometry

from geo.charts import LAYOUT
from geo.choropleth import NO_CLASS, ChoroplethStyle, CountyAttributes, encode_selection
from geo.maps import BOUNDARY_NOTE, LegendItem, LegendSpec, county_map
from geo.offline import localize

LonLat = tuple[float, float]
UnitLevel = Literal["province", "prefecture", "county"]
SankeyBy = Literal["unit", "province"]

PERIODS: tuple[int, ...] = (2016, 2021)
PERIOD_LABELS: dict[int, str] = {2016: "2016年调整（东西部扶贫协作）", 2021: "2021年调整（东西部协作）"}
UNIT_LEVELS: tuple[UnitLevel, ...] = ("province", "prefecture", "county")
UNIT_LABELS: dict[str, str] = {"province": "省级", "prefecture": "地市级", "county": "县级"}
#: The table's own ``level`` (how the source describes the pair).
PAIR_LEVEL_LABELS: dict[str, str] = {
    "province": "省级结对",
    "prefecture": "地市级结对",
    "county": "县级结对（携手奔小康）",
    "county-to-prefecture": "县对地市",
}
HELPER_FILL = "#c7e9c0"  # counties of the helper units (light green)
HELPER_NODE = "#41ab5d"  # helper nodes of the Sankey
#: Recipient fill (light → dark orange: a province's counties, a prefecture's, a county) and
#: link colour/width (blues, so links stay visible over the orange) by recipient level.
RECIPIENT_FILL: dict[str, str] = {"province": "#fdd49e", "prefecture": "#fc8d59", "county": "#d7301f"}
LINK_COLOR: dict[str, str] = {"province": "#08306b", "prefecture": "#2171b5", "county": "#4292c6"}
LINK_SHADE: dict[str, str] = {"province": "深蓝", "prefecture": "中蓝", "county": "浅蓝"}
LINK_WEIGHT: dict[str, float] = {"province": 3.5, "prefecture": 2.5, "county": 1.6}
LINK_CLASS = "pairing-link"
ARROW_CLASS = "pairing-arrow"
BEND = 0.18  # control-point offset as a share of the chord length
SEGMENTS = 24  # straight pieces per curve
NO_DATA = "暂无数据"

_PAIR_ID = re.compile(r"(?<!\d)(20\d\d-\d{2})(?!\d)")


# ---------------------------------------------------------------------------- codes → counties


def unit_level(adcode: str) -> UnitLevel:
    """Level of an administrative code: ``XX0000`` province, ``XXYY00`` prefecture, else county."""
    if not re.fullmatch(r"\d{6}", adcode):
        raise ValueError(f"not an administrative code: {adcode!r}")
    if adcode.endswith("0000"):
        return "province"
    if adcode.endswith("00"):
        return "prefecture"
    return "county"


def unit_counties(adcode: str, county_codes: Iterable[str]) -> tuple[str, ...]:
    """The county codes a unit covers (by code prefix), sorted; empty when none is drawn."""
    level = unit_level(adcode)
    if level == "county":
        return (adcode,) if adcode in set(county_codes) else ()
    prefix = adcode[:2] if level == "province" else adcode[:4]
    return tuple(sorted(c for c in county_codes if c.startswith(prefix)))


def seat_county(adcode: str, county_codes: Iterable[str]) -> str | None:
    """The county a helper's link starts from (see the module docstring), or None."""
    codes = list(county_codes)
    level = unit_level(adcode)
    if level == "province":
        capital = unit_counties(adcode[:2] + "0100", codes)
        counties = capital or unit_counties(adcode, codes)
    else:
        counties = unit_counties(adcode, codes)
    return counties[0] if counties else None


def inner_point(geometry: BaseGeometry) -> LonLat:
    """The centroid when it lies inside ``geometry``, else a point guaranteed inside."""
    point = geometry.centroid
    if not geometry.contains(point):
        point = geometry.representative_point()
    return (round(point.x, 4), round(point.y, 4))


def _names(*parts: str) -> str:
    """Join non-empty name parts, dropping a repeat (北京市 + 北京市 + 朝阳区 → 北京市朝阳区)."""
    out: list[str] = []
    for part in parts:
        if part and (not out or out[-1] != part):
            out.append(part)
    return "".join(out)


def resolve(pairs: pd.DataFrame, counties: gpd.GeoDataFrame) -> pd.DataFrame:
    """The pairing table plus everything needed to draw it.

    Adds ``helper_label``/``recipient_label`` (the most specific unit's name),
    ``helper_full``/``recipient_full`` (with province and prefecture), ``helper_prov``/
    ``recipient_prov`` (two-digit province codes), ``recipient_level``, ``helper_seat``,
    ``helper_counties``/``recipient_counties`` (tuples of county codes),
    ``helper_point``/``recipient_point`` (lon, lat) and ``recipient_bounds``
    (min lon, min lat, max lon, max lat). Raises ``ValueError`` for an end that no county
    polygon covers.
    """
    geometry = dict(zip(counties["adcode"], counties.geometry, strict=True))
    codes = sorted(geometry)
    out = pairs.copy()
    helper_counties, recipient_counties, seats, helper_points, recipient_points, bounds = [], [], [], [], [], []
    area_cache: dict[str, tuple[LonLat, tuple[float, float, float, float]]] = {}
    for row in pairs.itertuples(index=False):
        seat = seat_county(row.helper_adcode, codes)
        covered = unit_counties(row.recipient_adcode, codes)
        if seat is None or not covered:
            raise ValueError(f"pair {row.pair_id}: no county polygon for {row.helper_adcode} or {row.recipient_adcode}")
        if row.recipient_adcode not in area_cache:
            union = shapely.union_all([geometry[c] for c in covered])
            area_cache[row.recipient_adcode] = (inner_point(union), tuple(round(v, 4) for v in union.bounds))
        point, box = area_cache[row.recipient_adcode]
        seats.append(seat)
        helper_counties.append(unit_counties(row.helper_adcode, codes))
        recipient_counties.append(covered)
        helper_points.append(inner_point(geometry[seat]))
        recipient_points.append(point)
        bounds.append(box)
    out["helper_label"] = [
        _names(city, county) if county else (city or prov)
        for prov, city, county in zip(out["helper_province"], out["helper_city"], out["helper_county"], strict=True)
    ]
    out["recipient_label"] = [
        county or pref or prov
        for prov, pref, county in zip(
            out["recipient_province"], out["recipient_prefecture"], out["recipient_county"], strict=True
        )
    ]
    out["helper_full"] = [
        _names(*parts) for parts in zip(out["helper_province"], out["helper_city"], out["helper_county"], strict=True)
    ]
    out["recipient_full"] = [
        _names(*parts)
        for parts in zip(out["recipient_province"], out["recipient_prefecture"], out["recipient_county"], strict=True)
    ]
    out["helper_prov"] = out["helper_adcode"].str[:2]
    out["recipient_prov"] = out["recipient_adcode"].str[:2]
    out["recipient_level"] = [unit_level(c) for c in out["recipient_adcode"]]
    out["helper_seat"] = seats
    out["helper_counties"] = helper_counties
    out["recipient_counties"] = recipient_counties
    out["helper_point"] = helper_points
    out["recipient_point"] = recipient_points
    out["recipient_bounds"] = bounds
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------- filters


def select(
    links: pd.DataFrame,
    period: int,
    helper_provinces: Collection[str] = (),
    recipient_provinces: Collection[str] = (),
) -> pd.DataFrame:
    """Links of one period, optionally restricted to helper and/or recipient provinces.

    Provinces are two-digit codes (as in :class:`geo.filters.FilterState.provinces`, which
    means the *recipient* province on this page); an empty collection means all.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {PERIODS}")
    keep = links["period"].astype(int) == period
    if helper_provinces:
        keep &= links["helper_prov"].isin(list(helper_provinces))
    if recipient_provinces:
        keep &= links["recipient_prov"].isin(list(recipient_provinces))
    return links[keep].reset_index(drop=True)


def province_names(links: pd.DataFrame, side: Literal["helper", "recipient"]) -> dict[str, str]:
    """Two-digit code → province name of one side of the links, sorted by code."""
    pairs = links[[f"{side}_prov", f"{side}_province"]].drop_duplicates()
    return dict(sorted(zip(pairs[f"{side}_prov"], pairs[f"{side}_province"], strict=True)))


def pair_label(link: pd.Series | dict) -> str:
    """``2016-18 福建省 → 宁夏回族自治区（省级结对）`` (plain text, for select boxes)."""
    level = PAIR_LEVEL_LABELS.get(link["level"], link["level"])
    return f"{link['pair_id']} {link['helper_label']} → {link['recipient_label']}（{level}）"


def pair_from_tooltip(text: object, known: Collection[str]) -> str | None:
    """The pair id in a clicked link's tooltip text, when it is one of ``known``."""
    if not isinstance(text, str):
        return None
    found = _PAIR_ID.search(text)
    return found.group(1) if found and found.group(1) in known else None


# ---------------------------------------------------------------------------- curves


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def bezier(start: LonLat, end: LonLat, bend: float = BEND, segments: int = SEGMENTS) -> list[LonLat]:
    """Quadratic Bézier from ``start`` to ``end`` as ``segments + 1`` (lon, lat) points.

    The control point sits ``bend`` × the chord length from the chord's midpoint,
    perpendicular to it and to the *right* of the direction of travel (so a westward link
    bulges north); computed in Web-Mercator space. The first and last points are exactly
    ``start`` and ``end``.
    """
    if segments < 1:
        raise ValueError("a curve needs at least one segment")
    x0, y0 = start[0], _mercator_y(start[1])
    x2, y2 = end[0], _mercator_y(end[1])
    dx, dy = x2 - x0, y2 - y0
    cx, cy = (x0 + x2) / 2 + bend * dy, (y0 + y2) / 2 - bend * dx  # (dy, -dx): right-hand normal
    points: list[LonLat] = [start]
    for i in range(1, segments):
        t = i / segments
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        points.append((round(a * x0 + b * cx + c * x2, 5), round(_latitude(a * y0 + b * cy + c * y2), 5)))
    points.append(end)
    return points


def arrowhead(curve: Sequence[LonLat], size: float | None = None) -> list[LonLat]:
    """A triangle (three lon/lat points) whose tip is the curve's end, along its last tangent.

    ``size`` is the arrow's length in degrees (default: 7 % of the chord, 0.25°–0.6°).
    """
    if len(curve) < 2:
        raise ValueError("a curve needs two points")
    (x0, y0), (x1, y1) = curve[0], curve[-1]
    if size is None:
        size = min(0.6, max(0.25, 0.07 * math.hypot(x1 - x0, y1 - y0)))
    px, py = curve[-2][0], _mercator_y(curve[-2][1])
    tx, ty = x1, _mercator_y(y1)
    length = math.hypot(tx - px, ty - py) or 1.0
    ux, uy = (tx - px) / length, (ty - py) / length
    bx, by = tx - size * ux, ty - size * uy
    half = size * 0.45
    left = (round(bx - half * uy, 5), round(_latitude(by + half * ux), 5))
    right = (round(bx + half * uy, 5), round(_latitude(by - half * ux), 5))
    return [left, (x1, y1), right]


def curves(links: pd.DataFrame, bend: float = BEND) -> dict[str, list[LonLat]]:
    """pair_id → curve; links sharing both ends get growing bends so they do not overlap."""
    seen: dict[tuple[LonLat, LonLat], int] = {}
    out: dict[str, list[LonLat]] = {}
    for pair_id, start, end in zip(links["pair_id"], links["helper_point"], links["recipient_point"], strict=True):
        key = (tuple(round(v, 2) for v in start), tuple(round(v, 2) for v in end))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        out[pair_id] = bezier(start, end, bend * (1 + 0.6 * nth))
    return out


# ---------------------------------------------------------------------------- map


def escape_tooltip(text: str) -> str:
    """HTML-escape a tooltip value (quotes included); backticks too, for good measure."""
    return html.escape(text).replace("`", "&#96;")


def link_tooltip(link: pd.Series | dict) -> str:
    """Tooltip HTML of a link: both ends, the level, period and pair id (every value escaped)."""
    rows = [
        ("帮扶方", link["helper_full"]),
        ("受援方", link["recipient_full"]),
        ("结对层级", PAIR_LEVEL_LABELS.get(link["level"], link["level"])),
        ("时期", f"{link['period']}年"),
        ("编号", link["pair_id"]),
    ]
    body = "".join(f"<tr><th>{escape_tooltip(k)}</th><td>{escape_tooltip(str(v))}</td></tr>" for k, v in rows)
    return f'<table class="atlas-tip pairing-tip">{body}</table>'


def county_classes(links: pd.DataFrame, order: Sequence[str]) -> tuple[str, tuple[str, ...], set[str]]:
    """Per-county class string (0 helper, 1–3 recipient province/prefecture/county; the most
    specific wins), tooltip values, and the set of counties involved."""
    rank: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for link in links.itertuples(index=False):
        level_cls = 1 + UNIT_LEVELS.index(link.recipient_level)
        text = f"受援（{UNIT_LABELS[link.recipient_level]}）：{link.helper_label} → {link.recipient_label}"
        for code in link.recipient_counties:
            rank[code] = max(rank.get(code, 0), level_cls)
            notes.setdefault(code, []).append(text)
        for code in link.helper_counties:
            rank.setdefault(code, 0)
            notes.setdefault(code, []).append(f"帮扶方：{link.helper_label} → {link.recipient_label}")
    classes = "".join(str(rank[c]) if c in rank else NO_CLASS for c in order)
    values = tuple("；".join(dict.fromkeys(notes.get(c, []))) for c in order)
    return classes, values, set(rank)


def _fit(links: pd.DataFrame) -> list[list[float]]:
    lons = [p[0] for p in links["helper_point"]]
    lats = [p[1] for p in links["helper_point"]]
    for box in links["recipient_bounds"]:
        lons += [box[0], box[2]]
        lats += [box[1], box[3]]
    pad = 0.8
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]


def map_style(
    links: pd.DataFrame, order: Sequence[str], period: int, fit: bool = False
) -> tuple[ChoroplethStyle, LegendSpec]:
    """County styling (recipients by level, helpers light green) and the legend."""
    classes, values, involved = county_classes(links, order)
    style = ChoroplethStyle(
        indicator=f"东西部协作（{period}年）",
        classes=classes,
        colors=(HELPER_FILL, *(RECIPIENT_FILL[lv] for lv in UNIT_LEVELS)),
        values=values,
        selection=encode_selection(order, involved),
        fit=_fit(links) if fit and len(links) else None,
    )
    if links.empty:
        return style, LegendSpec(f"东西部协作结对（{period}年）", (), note=f"{NO_DATA}；{BOUNDARY_NOTE}")
    shown = set(links["recipient_level"])
    items = [
        LegendItem(RECIPIENT_FILL[lv], f"受援方·{UNIT_LABELS[lv]}（{LINK_SHADE[lv]}连线）")
        for lv in UNIT_LEVELS
        if lv in shown
    ]
    items.append(LegendItem(HELPER_FILL, "帮扶方所在区划"))
    note = f"{len(links)}对；箭头指向受援方。{BOUNDARY_NOTE}"
    return style, LegendSpec(f"东西部协作结对（{period}年）", tuple(items), note=note)


class LinkLayer(MacroElement):
    """The curved links and their arrowheads, drawn by a few lines of inline Leaflet code.

    One element with the links as JSON (not one folium element per line and arrow: that
    made rendering ~10× slower). Tooltip HTML is escaped in Python; Leaflet's ``className``
    marks the paths (``pairing-link pairing-link-<level>``, ``pairing-arrow``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, links) {
            links.forEach(function (k) {
                var line = L.polyline(k.path, {color: k.color, weight: k.weight, opacity: 0.9, className: k.cls});
                var head = L.polygon(k.head, {
                    color: k.color, weight: 1, fillColor: k.color, fillOpacity: 0.95, className: k.headCls
                });
                [line, head].forEach(function (layer) {
                    layer.bindTooltip(k.tip, {sticky: true});
                    layer.on("mouseover", function () { line.setStyle({weight: k.weight + 2.5}); });
                    layer.on("mouseout", function () { line.setStyle({weight: k.weight}); });
                    layer.addTo(map);
                });
            });
        })({{ this._parent.get_name() }}, {{ this.links_json }});
        {% endmacro %}
        """
    )

    def __init__(self, links: list[dict]) -> None:
        super().__init__()
        self._name = "PairingLinks"
        self.links_json = json.dumps(links, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def link_features(links: pd.DataFrame) -> list[dict]:
    """What :class:`LinkLayer` draws per link: (lat, lon) paths, style, class, tooltip.

    Province links first, so the finer links are drawn on top of them.
    """
    paths = curves(links)
    ordered = links.assign(_rank=[UNIT_LEVELS.index(lv) for lv in links["recipient_level"]]).sort_values(
        ["_rank", "pair_id"], kind="stable"
    )
    features = []
    for link in ordered.to_dict("records"):
        level = link["recipient_level"]
        curve = paths[link["pair_id"]]
        features.append(
            {
                "id": link["pair_id"],
                "path": [[lat, lon] for lon, lat in curve],
                "head": [[lat, lon] for lon, lat in arrowhead(curve)],
                "color": LINK_COLOR[level],
                "weight": LINK_WEIGHT[level],
                "cls": f"{LINK_CLASS} {LINK_CLASS}-{level}",
                "headCls": ARROW_CLASS,
                "tip": link_tooltip(link),
            }
        )
    return features


def add_links(m: folium.Map, links: pd.DataFrame) -> folium.Map:
    """Draw each link as a curved line with an arrowhead on ``m`` (after the county layer)."""
    if not links.empty:
        LinkLayer(link_features(links)).add_to(m)
    return localize(m)


def pairing_map(
    attrs: CountyAttributes,
    links: pd.DataFrame,
    urls: dict[str, str],
    period: int,
    fit: bool = False,
    tile_url: str | None = None,
) -> folium.Map:
    """The county map with recipients highlighted by level and the curved, directed links."""
    style, legend = map_style(links, attrs.order, period, fit=fit)
    return add_links(county_map(attrs, style, urls, legend, tile_url=tile_url), links)


# ---------------------------------------------------------------------------- Sankey


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
    for link in links.itertuples(index=False):
        if by == "unit":
            source = node("helper", link.helper_adcode, link.helper_label, HELPER_NODE)
            level = link.recipient_level
            target = node("recipient", link.recipient_adcode, link.recipient_label, RECIPIENT_FILL[level])
            color = LINK_COLOR[level]
        else:
            source = node("helper", link.helper_prov, link.helper_province, HELPER_NODE)
            target = node("recipient", link.recipient_prov, link.recipient_province, RECIPIENT_FILL["province"])
            color = "#6b6b6b"
        flow = flows.setdefault((source, target), [0, color, []])
        flow[0] += 1
        flow[2].append(link.pair_id)
    return SankeyData(
        labels=tuple(labels),
        node_colors=tuple(colors),
        sources=tuple(s for s, _ in flows),
        targets=tuple(t for _, t in flows),
        values=tuple(f[0] for f in flows.values()),
        link_colors=tuple(_rgba(f[1], 0.45) for f in flows.values()),
        link_labels=tuple("、".join(f[2]) for f in flows.values()),
    )


def sankey_figure(data: SankeyData, title: str) -> go.Figure:
    """A plotly Sankey (Chinese labels, the atlas's CJK font); taller for more nodes."""
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
                "hovertemplate": "%{label}：%{value}对<extra></extra>",
            },
            link={
                "source": list(data.sources),
                "target": list(data.targets),
                "value": list(data.values),
                "color": list(data.link_colors),
                "customdata": list(data.link_labels),
                "hovertemplate": "%{source.label} → %{target.label}：%{value}对<br>编号 %{customdata}<extra></extra>",
            },
        )
    )
    fig.update_layout(**LAYOUT, title={"text": title, "font": {"size": 14}}, height=max(320, 22 * count + 80))
    return fig


# ---------------------------------------------------------------------------- notable pairs


@dataclass(frozen=True)
class PairNote:
    """A long-running pair described in the seed texts (paraphrased, with line citations)."""

    name: str
    helper_prefix: str  # code prefix of the helper side (province "35", city "3702")
    recipient_prefix: str
    text: str
    citation: str


NOTABLE_PAIRS: tuple[PairNote, ...] = (
    PairNote(
        "闽宁（福建 → 宁夏）",
        "35",
        "64",
        "1996年中央确定福建对口帮扶宁夏；同年10月成立以习近平为组长的福建省对口帮扶宁夏领导小组，"
        "福建沿海8个县（市、区）结对宁夏8个贫困县，并建设闽宁村。后来福建6个市的9个县（市）对口宁夏8个贫困县"
        "和红寺堡区，64个乡镇、34个村及80多个部门和单位结对；4万多福建人在宁夏创业，4万多宁夏贫困人口在福建稳定就业；"
        "联席会议每年召开，形成“联席推进、结对帮扶、产业带动、互学互助、社会参与”的机制。"
        "闽宁镇（永宁县，西海固移民开发区）人口由初期8000多人增至6万多人，人均纯收入由500元增至2015年底的10300元以上。",
        "004:L1248–1252；003:L1223–1236",
    ),
    PairNote(
        "沪滇（上海 → 云南）",
        "31",
        "53",
        "1996年起上海对口帮扶云南，重点援助文山、红河、普洱、迪庆4个州市，上海14个区结对云南26个重点县。"
        "到2016年累计投入援助资金38.1亿元、实施帮扶项目近8000项，九成资金投向县以下；派出1300多名教师支教，"
        "培训当地教师10万多人次；上海28家三甲医院与云南28家州市、县级医院共建；沪滇经济合作项目近2000个、"
        "到位资金646亿元；在沪设立“云品中心”，对接采购商近500家、云南企业和合作社近千家。",
        "004:L1271–1278",
    ),
    PairNote(
        "苏陕（江苏 → 陕西）",
        "32",
        "61",
        "1996年中央确定江苏与陕西开展对口扶贫协作；经多次调整，江苏10个设区市的51个县（市、区）与陕西9个设区市的"
        "56个县（区）结对。资金由省、市、县三级统筹：省财政每年1000万元，市、县每年分别100万元和30万元；"
        "截至2015年底无偿援助资金64415万元、社会捐赠7756.4万元、捐赠物资折价34402.35万元，项目3082个。"
        "无锡帮助延安万花山乡尚和年村发展大棚、援建子长县蚕桑基地；苏州、无锡、南通开展教育帮扶；1997年起连年参加“西洽会”。",
        "004:L1258–1267",
    ),
    PairNote(
        "青岛–安顺（青岛 → 安顺）",
        "3702",
        "5204",
        "1996年中央确定青岛对口帮扶贵州安顺市和铜仁地区，2013年新一轮对口帮扶改为青岛一对一帮扶安顺，"
        "青岛各区市结对安顺区县。2013年以来安排帮扶资金1.2亿元、募集社会资金物资4500余万元，"
        "结对16个贫困村（贫困人口6566人、受益3.03万人）；在平坝、关岭、西秀等地引进农业项目，援建学校和职业教育；"
        "青岛出资5亿元共建产业园（7万余平方米，7家企业入驻、签约3.55亿元）；互派干部81名，派出支教教师300名。",
        "004:L1883–1895",
    ),
)


def notes_for(helper_adcode: str, recipient_adcode: str) -> tuple[PairNote, ...]:
    """The notable-pair notes that apply to a helper/recipient pair (by code prefix)."""
    return tuple(
        n
        for n in NOTABLE_PAIRS
        if helper_adcode.startswith(n.helper_prefix) and recipient_adcode.startswith(n.recipient_prefix)
    )


def notable_name(helper_adcode: str, recipient_adcode: str) -> str:
    """Short name(s) of the notable pairs a pair belongs to, '' when none."""
    return "、".join(n.name.split("（")[0] for n in notes_for(helper_adcode, recipient_adcode))


def notes_table() -> pd.DataFrame:
    """The notable pairs as a small table (名称, 说明, 出处)."""
    return pd.DataFrame(
        {
            "名称": [n.name for n in NOTABLE_PAIRS],
            "说明": [n.text for n in NOTABLE_PAIRS],
            "出处（种子文献）": [n.citation for n in NOTABLE_PAIRS],
        }
    )


# ---------------------------------------------------------------------------- table

TABLE_COLUMNS = {
    "pair_id": "编号",
    "period": "时期",
    "level": "结对层级",
    "helper_province": "帮扶方省份",
    "helper_label": "帮扶方",
    "helper_adcode": "帮扶方代码",
    "recipient_province": "受援方省份",
    "recipient_full": "受援方",
    "recipient_adcode": "受援方代码",
    "notable": "重点结对",
    "source": "来源",
    "note": "备注",
}


def pairs_table(links: pd.DataFrame) -> pd.DataFrame:
    """The shown pairs with their sources, Chinese column names, sorted by pair id."""
    table = links.assign(
        level=links["level"].map(lambda lv: PAIR_LEVEL_LABELS.get(lv, lv)),
        notable=[notable_name(h, r) for h, r in zip(links["helper_adcode"], links["recipient_adcode"], strict=True)],
    )
    return table[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).sort_values("编号").reset_index(drop=True)
