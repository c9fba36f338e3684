"""English-mode page checks: the Chinese an English page may show is data, listed from the data.

``untranslated_on(at)`` is :func:`geo.i18n.check.untranslated` over everything an AppTest run
shows, allowing only :func:`data_texts`: place names as the data writes them (table cells,
the map's lookup of prefecture and province pinyin) — no UI string is listed by hand.
"""

from __future__ import annotations

import functools

from streamlit.testing.v1 import AppTest

from geo import boundaries, data
from geo.i18n.check import apptest_texts, untranslated


@functools.cache
def data_texts() -> frozenset[str]:
    """County, prefecture, province and contiguous-area names from the boundaries and the 832 list."""
    polygons = boundaries.county_table("national")
    poverty = data.poverty_counties()
    names: set[str] = set()
    for column in ("name", "prefecture", "province"):
        names |= set(polygons[column])
    for column in ("name", "name_then", "prefecture", "province", "contiguous_area"):
        names |= set(poverty[column].dropna())
    names |= set(data.contiguous_areas()["area"])
    return frozenset(n for n in names if n)


def untranslated_on(at: AppTest, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Chinese on the page that is neither a place name with its pinyin, nor data, nor ``allowed``."""
    return untranslated("\n".join(apptest_texts(at)), allowed=data_texts() | allowed)
