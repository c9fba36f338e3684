"""Site markers: sized by people, coloured by whether a figure is known, dashed where approximate.

Every site sits at its county's (one at its prefecture's) representative point, so the
marker's outline says how approximate the placement is; marker area is proportional to
people (sqrt scale). :class:`SiteMarker` is plain data with its popup and tooltip HTML,
safe to cache.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.i18n import place, t
from geo.relocation.labels import escape, source_label

R_MIN = 4.0  # px: the smallest site with a figure
R_MAX = 22.0  # px: the largest site with a figure (area ∝ people)
R_UNKNOWN = 3.5  # px: sites without a people figure
COLOR_KNOWN = "#b30000"
COLOR_UNKNOWN = "#636363"
DASH_COUNTY = "4 3"
DASH_PREFECTURE = "1 4"


def radius(people: float | None, max_people: float) -> float:
    """Marker radius in px: area proportional to people (sqrt scale), fixed when unknown."""
    if people is None or math.isnan(people) or people <= 0 or max_people <= 0:
        return R_UNKNOWN
    share = min(people / max_people, 1.0)
    return round(R_MIN + (R_MAX - R_MIN) * math.sqrt(share), 2)


def popup_html(site: Mapping[str, object]) -> str:
    """The popup of one site (every value HTML-escaped; place names with pinyin in English)."""
    year = site.get("year")
    year_text = t("relocation.no_year") if year is None or pd.isna(year) else t("common.year", year=int(year))
    where = " ".join(place(str(site[k])) for k in ("province", "prefecture", "county") if site.get(k))
    stated = str(site.get("figures_as_stated") or "")
    if len(stated) > 160:
        stated = stated[:160] + "…"
    rows = [
        (t("relocation.popup_place"), where),
        (t("relocation.people"), site["people_text"]),
        (t("relocation.households"), site["households_text"]),
        (t("table.year"), year_text),
        (t("relocation.as_stated"), stated or "—"),
        (t("table.source"), source_label(str(site.get("source") or "")) or "—"),
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
    approx = t("relocation.approximate_tip") if site.get("approximate") else ""
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
