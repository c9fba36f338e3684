"""易地扶贫搬迁 (poverty-relief relocation) as pure functions of the filter state.

Inputs are the curated tables ``relocation_sites.csv`` and ``relocation_totals.csv``
(see ``data/SOURCES.md``). No source gives a site's coordinates: every site sits at its
county's (one at its prefecture's) representative point, so markers are drawn as
approximate. People figures can be lower bounds, capacities, plans or cumulative
counts; every label says which. Province totals keep plan, interim and completed
figures apart (:data:`INDICATOR_KINDS`), and national figures come from the data file
with their sources.

No Streamlit here: :mod:`geo.ui.relocation_view` caches :func:`build_view`.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import folium
import folium.plugins
import pandas as pd
import plotly.graph_objects as go

from geo import filters, maps
from geo.charts import LAYOUT
from geo.choropleth import ChoroplethStyle, CountyAttributes, encode_selection
from geo.filters import FilterState
from geo.offline import localize
from geo.overview import AtlasData, selection

# ---------------------------------------------------------------------------- labels

NO_PEOPLE = "人数暂无"
NO_HOUSEHOLDS = "户数暂无"
NO_YEAR = "年份暂无"
NO_DATA = "暂无数据"
#: ``people_qualifier`` → what the figure is (shown after the number).
QUALIFIER_LABELS: dict[str, str] = {
    "": "",
    "lower_bound": "下限：原文为“超过/多”",
    "approx": "约数",
    "capacity": "设计容量，非实际入住",
    "planned": "计划数",
    "interim": "阶段性数字",
    "cumulative": "多年累计",
}
#: ``location_precision`` → placement label. Anything but ``exact`` is approximate.
PLACEMENT_LABELS: dict[str, str] = {
    "exact": "位置为安置点坐标",
    "county": "位置为县域代表点（近似）",
    "prefecture": "位置为地市代表点（近似，县未注明）",
}
SITE_NOTE = (
    "没有任何来源给出安置点坐标：每个安置点画在所在县的代表点上（铜仁高新区一处画在铜仁市各县代表点的平均位置），"
    "虚线圈表示位置为近似。人数按原文：可能是下限、设计容量、计划数或多年累计，弹窗和表格注明口径。"
)
SCOPE_NOTE = (
    "“范围”筛选不隐藏安置点：安置点常建在县城或邻县（如闽宁镇在非国家贫困县永宁县），"
    "表中“所在县为国家贫困县”一列注明。片区、摘帽年份、三区三州等筛选按安置点所在县判断。"
)
COUNTY_SUM_NOTE = "仅为本图具名安置点的人数之和，不是全县搬迁总数；口径不一（下限、容量、累计等）时仅供参考。"
IMPORT_HINT = (
    "补充安置点或省级数字：把有来源的记录加入参考资料后运行 `python data/build/build_data.py`"
    "（字段与来源规则见 data/SOURCES.md 的 relocation 部分）。"
)

# ---------------------------------------------------------------------------- map styling

R_MIN = 4.0  # px: the smallest site with a figure
R_MAX = 22.0  # px: the largest site with a figure (area ∝ people)
R_UNKNOWN = 3.5  # px: sites without a people figure
COLOR_KNOWN = "#b30000"
COLOR_UNKNOWN = "#636363"
DASH_COUNTY = "4 3"
DASH_PREFECTURE = "1 4"
SITE_CLASS = "atlas-site"
CLUSTER_RADIUS = 35  # px: markers closer than this on screen are clustered
SITE_COUNTY_COLOR = "#fdd49e"
POOR_COUNTY_COLOR = "#fff4e0"
OTHER_COUNTY_COLOR = "#ffffff"
COUNTY_CLASSES = (
    (SITE_COUNTY_COLOR, "有具名安置点的县"),
    (POOR_COUNTY_COLOR, "国家贫困县（无具名安置点）"),
    (OTHER_COUNTY_COLOR, "其他县（无具名安置点）"),
)
MAP_TITLE = "易地扶贫搬迁安置点"

# ---------------------------------------------------------------------------- totals

Kind = Literal["completed", "progress", "plan", "other"]
KIND_LABELS: dict[str, str] = {
    "completed": "已完成（十三五）",
    "progress": "阶段性进展（未见完成数）",
    "plan": "规划/任务",
    "other": "其他口径（不入图）",
}
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
BASIS_POOR = "建档立卡贫困人口"
BASIS_ALL = "含同步搬迁人口"
BASIS_UNSTATED = "未注明"
PEOPLE_UNITS = {"万人": 1.0, "人": 1e-4}  # → 万人
CHART_COLORS = {"completed": "#b30000", "progress": "#fc8d59", "plan": "#252525"}
NATIONAL_PLAN = "十三五 plan: 建档立卡"
NATIONAL_ACHIEVED = "十三五 achieved: 建档立卡"


def is_approximate(precision: str) -> bool:
    """True unless the site has its own coordinates (``exact``)."""
    return precision != "exact"


def placement_label(precision: str) -> str:
    return PLACEMENT_LABELS.get(precision, PLACEMENT_LABELS["county"])


def format_people(people: float | None) -> str:
    """29000 → 2.9万人, 35585 → 35,585人, None → 人数暂无."""
    if people is None or (isinstance(people, float) and math.isnan(people)):
        return NO_PEOPLE
    value = int(people)
    if value >= 10_000 and value % 100 == 0:
        return f"{value / 10_000:g}万人"
    return f"{value:,}人"


def people_label(people: float | None, qualifier: str = "") -> str:
    """The figure with what it is: ``2.9万人（约数）``; ``人数暂无`` when there is none."""
    text = format_people(people)
    if text == NO_PEOPLE:
        return text
    label = QUALIFIER_LABELS.get(qualifier, qualifier)
    return f"{text}（{label}）" if label else text


def households_label(households: float | None) -> str:
    if households is None or (isinstance(households, float) and math.isnan(households)):
        return NO_HOUSEHOLDS
    return f"{int(households):,}户"


def radius(people: float | None, max_people: float) -> float:
    """Marker radius in px: area proportional to people (sqrt scale), fixed when unknown."""
    if people is None or math.isnan(people) or people <= 0 or max_people <= 0:
        return R_UNKNOWN
    share = min(people / max_people, 1.0)
    return round(R_MIN + (R_MAX - R_MIN) * math.sqrt(share), 2)


_SOURCE_URL = re.compile(r"(https?://\S+?)(?=[\s;]|$)(?:\s*\(((?:[^()]|\([^()]*\))*)\))?")


def source_label(source: str) -> str:
    """A source without its URLs: ``科技日报 2023-10-26（stdaily.com）`` per link.

    Popups must not carry URLs (offline, they are dead links, and ``external_urls`` treats
    them as requests); the full source stays in the table.
    """
    parts = []
    for match in _SOURCE_URL.finditer(source):
        host = urlsplit(match.group(1)).hostname or ""
        note = (match.group(2) or "").strip()
        parts.append(f"{note}（{host}）" if note else host)
    if not parts:
        parts = [source.strip()]
    return re.sub(r"(?i)(https?:)?//", "", "；".join(p for p in parts if p))


def escape(text: object) -> str:
    """HTML-escape, also safe inside the JS template literals folium puts popups and tooltips in."""
    return html.escape(str(text)).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


# ---------------------------------------------------------------------------- sites


def prepare_sites(sites: pd.DataFrame, poverty: pd.DataFrame) -> pd.DataFrame:
    """Typed copy of ``relocation_sites``: numbers as floats, labels and flags added."""
    df = sites.copy()
    for column in ("people", "households", "lon", "lat"):
        df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    df["province_code"] = df["adcode"].str[:2]
    df["county_label"] = [
        county or f"{prefecture}（地市，县未注明）"
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


def popup_html(site: Mapping[str, object]) -> str:
    """The popup of one site (every value HTML-escaped)."""
    year = site.get("year")
    year_text = NO_YEAR if year is None or pd.isna(year) else f"{int(year)}年"
    place = " ".join(str(site[k]) for k in ("province", "prefecture", "county") if site.get(k))
    stated = str(site.get("figures_as_stated") or "")
    if len(stated) > 160:
        stated = stated[:160] + "…"
    rows = [
        ("所在地", place),
        ("搬迁人数", site["people_text"]),
        ("户数", site["households_text"]),
        ("年份", year_text),
        ("原文", stated or "—"),
        ("来源", source_label(str(site.get("source") or "")) or "—"),
    ]
    body = "".join(
        f'<tr><th style="text-align:left;vertical-align:top;padding-right:6px;white-space:nowrap">{escape(k)}</th>'
        f"<td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    flag = ""
    if site.get("approximate"):
        flag = f'<div class="atlas-site-approx" style="color:#8c510a;margin:2px 0">⚠ {escape(site["placement"])}</div>'
    return (
        '<div class="atlas-site-popup" style="font:13px/1.45 sans-serif;max-width:340px">'
        f'<div style="font-weight:bold;margin-bottom:2px">{escape(site["site_name"])}</div>'
        f'{flag}<table style="border-collapse:collapse">{body}</table></div>'
    )


def tooltip_html(site: Mapping[str, object]) -> str:
    approx = "（位置近似）" if site.get("approximate") else ""
    return f"{escape(site['site_name'])}<br>{escape(site['county_label'])} · {escape(site['people_text'])}{approx}"


@dataclass(frozen=True)
class SiteMarker:
    """One site as the map draws it (plain data: safe to cache)."""

    site_id: str
    lat: float
    lon: float
    radius: float
    color: str
    fill_opacity: float
    dash_array: str | None
    tooltip: str
    popup: str


def site_markers(sites: pd.DataFrame, max_people: float) -> tuple[SiteMarker, ...]:
    """Markers sized by people (sqrt scale against ``max_people``); approximate ones dashed."""
    markers = []
    for site in sites.to_dict("records"):
        if pd.isna(site["lat"]) or pd.isna(site["lon"]):
            continue
        known = not pd.isna(site["people"])
        dash = None
        if site["approximate"]:
            dash = DASH_PREFECTURE if site["location_precision"] == "prefecture" else DASH_COUNTY
        markers.append(
            SiteMarker(
                site_id=str(site["site_id"]),
                lat=float(site["lat"]),
                lon=float(site["lon"]),
                radius=radius(site["people"] if known else None, max_people),
                color=COLOR_KNOWN if known else COLOR_UNKNOWN,
                fill_opacity=0.25 if site["approximate"] else 0.65,
                dash_array=dash,
                tooltip=tooltip_html(site),
                popup=popup_html(site),
            )
        )
    return tuple(markers)


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
    rows = []
    for adcode, group in df.groupby("adcode", sort=True):
        counted = group[(group["parent"] == "") & group["people"].notna()]
        nested = group[(group["parent"] != "") & group["people"].notna()]
        qualifiers = sorted({QUALIFIER_LABELS.get(q, q) or "按原文" for q in counted["people_qualifier"]})
        rows.append(
            {
                "adcode": adcode,
                "province": group["province"].iloc[0],
                "prefecture": group["prefecture"].iloc[0],
                "county": group["county_label"].iloc[0],
                "sites": len(group),
                "sites_with_people": int(group["people"].notna().sum()),
                "people": float(counted["people"].sum()) if len(counted) else math.nan,
                "qualifiers": "、".join(qualifiers),
                "excluded": "、".join(
                    f"{n}（含于{p}）" for n, p in zip(nested["site_name"], nested["parent"], strict=True)
                ),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def county_value_labels(sums: pd.DataFrame) -> dict[str, str]:
    """Tooltip text of the base map per county with sites."""
    labels = {}
    for row in sums.itertuples(index=False):
        people = "人数暂无" if pd.isna(row.people) else f"合计{format_people(row.people)}"
        labels[row.adcode] = f"{row.sites}个具名安置点，{people}（仅具名安置点，非全县总数）"
    return labels


# ---------------------------------------------------------------------------- totals


def indicator_kind(indicator: str) -> Kind:
    return INDICATOR_KINDS.get(indicator, "other")


#: Rows whose ``note`` states the split although the indicator text does not (region, indicator).
BASIS_FROM_NOTE: dict[tuple[str, str], str] = {
    ("山西省", "十三五 plan"): "含同步搬迁人口",  # "45万 建档立卡 + 11万 同步搬迁"
    ("河南省", "十三五 plan"): "含同步搬迁人口",  # "建档立卡 26.04万 + 同步 5.2万"
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


def _hover_source(source: object) -> str:
    text = source_label(str(source or ""))
    return text if len(text) <= 90 else text[:90] + "…"


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
            customdata=list(
                zip(
                    rows["relocated_indicator"],
                    rows["relocated_year"].astype("Int64").astype(str),
                    rows["relocated_basis"],
                    rows["relocated_source"].map(_hover_source),
                    strict=True,
                )
            ),
            hovertemplate="%{y}：%{x:,.4~g}万人<br>原文指标：%{customdata[0]}（%{customdata[1]}年）"
            "<br>口径：%{customdata[2]}<br>来源：%{customdata[3]}<extra>" + KIND_LABELS[kind] + "</extra>",
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
            customdata=list(
                zip(
                    plans["plan_indicator"],
                    plans["plan_year"].astype("Int64").astype(str),
                    plans["plan_basis"],
                    plans["plan_source"].map(_hover_source),
                    strict=True,
                )
            ),
            hovertemplate="%{y}：%{x:,.4~g}万人<br>原文指标：%{customdata[0]}（%{customdata[1]}年）"
            "<br>口径：%{customdata[2]}<br>来源：%{customdata[3]}<extra>规划/任务</extra>",
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


# ---------------------------------------------------------------------------- tables

SITE_COLUMNS = {
    "site_name": "安置点",
    "province": "省份",
    "prefecture": "地市",
    "county_label": "县（市、区）",
    "adcode": "区划代码",
    "people": "搬迁人数",
    "people_text": "人数（口径）",
    "households": "户数",
    "year": "年份",
    "placement": "位置",
    "in_832": "所在县为国家贫困县",
    "figures_as_stated": "原文",
    "source": "来源",
    "note": "备注",
}
COUNTY_COLUMNS = {
    "adcode": "区划代码",
    "province": "省份",
    "prefecture": "地市",
    "county": "县（市、区）",
    "sites": "具名安置点",
    "sites_with_people": "其中有人数",
    "people": "具名安置点人数合计（非全县总数）",
    "qualifiers": "所含口径",
    "excluded": "未重复计入",
}
TOTAL_COLUMNS = {
    "region": "地区",
    "kind_label": "类别",
    "indicator": "指标（原文）",
    "value": "数值",
    "unit": "单位",
    "year": "年份",
    "basis": "人数口径",
    "in_chart": "用于图表",
    "source": "来源",
    "note": "备注",
}


def site_table(sites: pd.DataFrame) -> pd.DataFrame:
    table = sites[list(SITE_COLUMNS)].copy()
    table["people"] = table["people"].round().astype("Int64")
    table["households"] = table["households"].round().astype("Int64")
    table["in_832"] = table["in_832"].map({True: "是", False: "否"})
    return table.rename(columns=SITE_COLUMNS).reset_index(drop=True)


def county_table(sums: pd.DataFrame) -> pd.DataFrame:
    table = sums.copy()
    table["people"] = table["people"].round().astype("Int64")
    return table.rename(columns=COUNTY_COLUMNS).reset_index(drop=True)


def totals_table(rows: pd.DataFrame, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every people figure as reported, with its kind and whether the chart uses it."""
    used: set[tuple[str, str, int]] = set()
    if chosen is not None and not chosen.empty:
        for prefix in ("relocated", "plan"):
            for row in chosen[chosen[f"{prefix}_indicator"].notna()].itertuples(index=False):
                used.add((row.province, getattr(row, f"{prefix}_indicator"), int(getattr(row, f"{prefix}_year"))))
    table = rows.copy()
    table["kind_label"] = table["kind"].map(KIND_LABELS)
    table["in_chart"] = [
        "是" if (r, i, y) in used else "否"
        for r, i, y in zip(table["region"], table["indicator"], table["year"], strict=True)
    ]
    return table[list(TOTAL_COLUMNS)].rename(columns=TOTAL_COLUMNS).reset_index(drop=True)


# ---------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class RelocationView:
    """Everything the relocation page shows for one filter state."""

    state: FilterState
    style: ChoroplethStyle
    legend: maps.LegendSpec
    markers: tuple[SiteMarker, ...]
    sites: pd.DataFrame  # the table shown (renamed columns)
    counties: pd.DataFrame  # per-county sums of named sites (renamed columns)
    provinces: pd.DataFrame  # province_totals()
    province_rows: pd.DataFrame  # every province people figure (renamed columns)
    local_rows: pd.DataFrame  # prefecture and county figures (renamed columns)
    national: dict[str, NationalFigure]
    notices: tuple[str, ...]
    site_count: int
    sites_with_people: int


def base_style(
    attrs: CountyAttributes,
    codes: set[str],
    site_counties: set[str],
    values: Mapping[str, str],
    fit: list[list[float]] | None,
) -> tuple[ChoroplethStyle, maps.LegendSpec]:
    """Counties with named sites shaded, the 832 lightly, others white; outside the selection grey."""
    classes = []
    for code, exit_code in zip(attrs.order, attrs.exit, strict=True):
        if code in site_counties:
            classes.append("0")
        elif exit_code != "-":
            classes.append("1")
        else:
            classes.append("2")
    shown = codes | site_counties
    style = ChoroplethStyle(
        indicator=MAP_TITLE,
        classes="".join(classes),
        colors=tuple(color for color, _ in COUNTY_CLASSES),
        values=tuple(values.get(code, "") for code in attrs.order),
        selection=encode_selection(attrs.order, shown),
        fit=fit,
    )
    present = {c for c, code in zip(style.classes, attrs.order, strict=True) if code in shown}
    items = [
        maps.LegendItem(COLOR_KNOWN, "安置点（圆面积∝搬迁人数）"),
        maps.LegendItem(COLOR_UNKNOWN, f"安置点（{NO_PEOPLE}）"),
    ]
    items += [maps.LegendItem(color, label) for i, (color, label) in enumerate(COUNTY_CLASSES) if str(i) in present]
    items += maps.outside_legend(style.selection)
    note = f"虚线圈：{PLACEMENT_LABELS['county']}；{maps.BOUNDARY_NOTE}"
    return style, maps.LegendSpec(MAP_TITLE, tuple(items), note=note)


def _fit(state: FilterState, codes: set[str], data: AtlasData) -> list[list[float]] | None:
    """Zoom to the selection when it is narrowed by place; the national view otherwise."""
    if not (state.provinces or state.areas) or not codes:
        return None
    chosen = data.polygons[data.polygons["adcode"].isin(codes)]
    if chosen.empty:
        return None
    return [
        [round(float(chosen["miny"].min()), 3), round(float(chosen["minx"].min()), 3)],
        [round(float(chosen["maxy"].max()), 3), round(float(chosen["maxx"].max()), 3)],
    ]


def build_view(state: FilterState, data: AtlasData, sites: pd.DataFrame, totals: pd.DataFrame) -> RelocationView:
    """The relocation page for ``state``: base map styling, markers, tables, totals."""
    prepared = prepare_sites(sites, data.poverty)
    max_people = float(prepared["people"].max()) if prepared["people"].notna().any() else 0.0
    chosen, notices = filter_sites(prepared, state, data.poverty, data.programme_counties)
    sums = county_sums(chosen)
    codes, _, _ = selection(state, data)
    site_counties = set(chosen["adcode"]) & set(data.attrs.order)
    fit = _fit(state, codes | site_counties, data)
    style, legend = base_style(data.attrs, codes, site_counties, county_value_labels(sums), fit)
    provinces = province_totals(totals, state.provinces)
    province_rows = people_totals(totals, "province")
    local = local_totals(totals, state.provinces)
    if state.provinces:
        province_rows = province_rows[province_rows["province_code"].isin(state.provinces)]
    return RelocationView(
        state=state,
        style=style,
        legend=legend,
        markers=site_markers(chosen, max_people),
        sites=site_table(chosen),
        counties=county_table(sums),
        provinces=provinces,
        province_rows=totals_table(province_rows, provinces),
        local_rows=totals_table(local),
        national=national_figures(totals),
        notices=tuple(notices),
        site_count=len(chosen),
        sites_with_people=int(chosen["people"].notna().sum()),
    )


def site_map(view: RelocationView, attrs: CountyAttributes, urls: dict[str, str]) -> folium.Map:
    """The county base map with the site markers (clustered where they crowd), offline."""
    m = maps.county_map(attrs, view.style, urls, view.legend)
    cluster = folium.plugins.MarkerCluster(
        name="易地扶贫搬迁安置点",
        options={
            "maxClusterRadius": CLUSTER_RADIUS,
            "showCoverageOnHover": False,
            "spiderfyOnMaxZoom": True,
        },
    )
    for marker in view.markers:
        folium.CircleMarker(
            location=[marker.lat, marker.lon],
            radius=marker.radius,
            color=marker.color,
            weight=2,
            fill=True,
            fill_color=marker.color,
            fill_opacity=marker.fill_opacity,
            dash_array=marker.dash_array,
            class_name=SITE_CLASS,
            popup=folium.Popup(marker.popup, max_width=360),
            tooltip=folium.Tooltip(marker.tooltip, sticky=False),
        ).add_to(cluster)
    cluster.add_to(m)
    return localize(m)
