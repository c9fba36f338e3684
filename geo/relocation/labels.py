"""Texts of the relocation page: missing values, what a people figure is, placement, sources.

People figures can be lower bounds, capacities, plans or cumulative counts
(:data:`QUALIFIER_KEYS`), and no source gives a site's coordinates, so every placement
but ``exact`` is labelled approximate (:data:`PLACEMENT_KEYS`). :func:`source_label`
drops the URLs from a source and :func:`escape` makes text safe in folium popups and tooltips.
Every text is in the current language (:func:`geo.i18n.t`); the page's longer notes are
catalogue entries (``relocation.site_note`` …).
"""

from __future__ import annotations

import html
import math
import re
from urllib.parse import urlsplit

from geo.i18n import current_language, label_of, number, t, unit

# Units as the data write them (shown through geo.i18n.unit / number).
PEOPLE = "人"  # i18n: data
WAN_PEOPLE = "万人"  # i18n: data
HOUSEHOLDS = "户"  # i18n: data

#: ``people_qualifier`` → catalogue key of what the figure is (shown after the number); "" has none.
QUALIFIER_KEYS: dict[str, str] = {
    "lower_bound": "relocation.qualifier_lower_bound",
    "approx": "relocation.qualifier_approx",
    "capacity": "relocation.qualifier_capacity",
    "planned": "relocation.qualifier_planned",
    "interim": "relocation.qualifier_interim",
    "cumulative": "relocation.qualifier_cumulative",
}
#: ``location_precision`` → catalogue key of the placement label. Anything but ``exact`` is approximate.
PLACEMENT_KEYS: dict[str, str] = {
    "exact": "relocation.placement_exact",
    "county": "relocation.placement_county",
    "prefecture": "relocation.placement_prefecture",
}


def qualifier_label(qualifier: str) -> str:
    """What a figure is (``约数`` / ``approximate``); '' for none, the value itself when unknown."""
    if not qualifier:
        return ""
    return label_of(QUALIFIER_KEYS, qualifier)


def is_approximate(precision: str) -> bool:
    """True unless the site has its own coordinates (``exact``)."""
    return precision != "exact"


def placement_label(precision: str) -> str:
    return t(PLACEMENT_KEYS.get(precision, PLACEMENT_KEYS["county"]))


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_people(people: float | None) -> str:
    """29000 → 2.9万人, 35585 → 35,585人, None → 人数暂无 (English: 29,000 people)."""
    if _missing(people):
        return t("relocation.no_people")
    value = int(people)
    if current_language() != "zh":
        return number(value, PEOPLE)
    if value >= 10_000 and value % 100 == 0:
        return f"{value / 10_000:g}{unit(WAN_PEOPLE)}"
    return f"{value:,}{unit(PEOPLE)}"


def people_label(people: float | None, qualifier: str = "") -> str:
    """The figure with what it is: ``2.9万人（约数）``; ``人数暂无`` when there is none."""
    if _missing(people):
        return t("relocation.no_people")
    label = qualifier_label(qualifier)
    text = format_people(people)
    return t("relocation.people_qualified", people=text, qualifier=label) if label else text


def households_label(households: float | None) -> str:
    if _missing(households):
        return t("relocation.no_households")
    value = int(households)
    return f"{value:,}{unit(HOUSEHOLDS)}" if current_language() == "zh" else number(value, HOUSEHOLDS)


_SOURCE_URL = re.compile(r"(https?://\S+?)(?=[\s;]|$)(?:\s*\(((?:[^()]|\([^()]*\))*)\))?")


def source_parts(source: str) -> list[str]:
    """A source's citations without their URLs: ``科技日报 2023-10-26（stdaily.com）`` per link."""
    parts = []
    for match in _SOURCE_URL.finditer(source):
        host = urlsplit(match.group(1)).hostname or ""
        note = (match.group(2) or "").strip()
        parts.append(t("relocation.source_with_host", source=note, host=host) if note else host)
    if not parts:
        parts = [source.strip()]
    return [re.sub(r"(?i)(https?:)?//", "", p) for p in parts if p]


def source_label(source: str) -> str:
    """A source without its URLs: ``科技日报 2023-10-26（stdaily.com）`` per link.

    Popups must not carry URLs (offline, they are dead links, and ``external_urls`` treats
    them as requests); the full source stays in the table.
    """
    return t("common.clause_separator").join(source_parts(source))


def escape(text: object) -> str:
    """HTML-escape, also safe inside the JS template literals folium puts popups and tooltips in."""
    return html.escape(str(text)).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")
