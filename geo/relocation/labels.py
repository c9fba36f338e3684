"""Texts of the relocation page: missing values, what a people figure is, placement, notes, sources.

People figures can be lower bounds, capacities, plans or cumulative counts
(:data:`QUALIFIER_LABELS`), and no source gives a site's coordinates, so every placement
but ``exact`` is labelled approximate (:data:`PLACEMENT_LABELS`). :func:`source_label`
drops the URLs from a source and :func:`escape` makes text safe in folium popups and tooltips.
"""

from __future__ import annotations

import html
import math
import re
from urllib.parse import urlsplit

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
