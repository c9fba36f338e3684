"""Streamlit parts of the east–west pairing page: caches, the page's own controls, the map
component (reporting link clicks) and the pair notes."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import data
from geo.filters import FilterState
from geo.i18n import t
from geo.pairing.endpoints import resolve
from geo.pairing.notes import NOTABLE_PAIRS, notable_name, notes_for
from geo.pairing.pairs import (
    PERIODS,
    level_label,
    pair_from_tooltip,
    pair_label,
    period_label,
    province_label,
    side_name,
)
from geo.ui import cache

MAP_KEY = "pairing_map"
PERIOD_KEY = "pairing_period"
HELPERS_KEY = "pairing_helpers"
PAIR_KEY = "pairing_pair"
SANKEY_KEY = "pairing_sankey_by"
_LAST_CLICK = "pairing_last_click"
NO_PAIR = ""
# A click on a link reports its tooltip text, which carries the pair id.
RETURNED = ["last_object_clicked_tooltip"]
#: Sankey grouping → catalogue key of its label.
SANKEY_KEYS = {"unit": "pairing.sankey_by_unit", "province": "pairing.sankey_by_province"}


def pairing_links() -> pd.DataFrame:
    """Every pairing row with its endpoints (resolved once per process; names stay data, shown via
    :func:`geo.pairing.pairs.side_name`)."""
    with st.spinner(t("pairing.computing_links")):
        return _pairing_links()


@st.cache_resource(show_spinner=False)
def _pairing_links() -> pd.DataFrame:
    return resolve(data.pairings(), cache.county_polygons("national"))


def sankey_label(by: str) -> str:
    return t(SANKEY_KEYS[by])


def period_and_helpers(helper_provinces: dict[str, str]) -> tuple[int, tuple[str, ...]]:
    """The page's own controls: period switch and helper-province filter (code → Chinese name)."""
    left, right = st.columns([2, 3])
    with left:
        period = st.radio(
            t("pairing.period_control"),
            list(PERIODS),
            format_func=period_label,
            key=PERIOD_KEY,
            horizontal=True,
        )
    with right:
        helpers = st.multiselect(
            t("pairing.helper_provinces"),
            list(helper_provinces),
            format_func=lambda code: province_label(helper_provinces[code]),
            key=HELPERS_KEY,
            placeholder=t("pairing.helper_provinces_all"),
        )
    return int(period), tuple(helpers)


def unused_filters_notice(state: FilterState) -> str | None:
    """Which shared filters do not apply to pairing links (only the province does)."""
    unused = [
        t(key)
        for key, active in (
            ("filter.area", bool(state.areas)),
            ("filter.programme", bool(state.programmes)),
            ("filter.exit_year", bool(state.exit_years)),
            ("filter.still_poor", state.still_poor_at_end_of is not None),
            ("filter.sanqu_sanzhou", state.sanqu_sanzhou is not None),
        )
        if active
    ]
    if not unused:
        return None
    return t("pairing.unused_filters", filters=t("common.list_separator").join(unused))


def show_pairing_map(m: folium.Map, height: int = 600) -> None:
    """Draw the map; a click on a link lands in ``st.session_state[MAP_KEY]`` before the next rerun."""
    st_folium(m, key=MAP_KEY, height=height, use_container_width=True, returned_objects=RETURNED)


def select_pair_from_click(known: set[str]) -> None:
    """Make a new click on a link the selected pair (an unchanged click state is ignored)."""
    state = st.session_state.get(MAP_KEY) or {}
    text = state.get("last_object_clicked_tooltip") if isinstance(state, dict) else None
    if text == st.session_state.get(_LAST_CLICK):
        return
    st.session_state[_LAST_CLICK] = text
    pair_id = pair_from_tooltip(text, known)
    if pair_id:
        st.session_state[PAIR_KEY] = pair_id


def pair_picker(links: pd.DataFrame) -> pd.Series | None:
    """Select box of the shown pairs (notable ones marked); returns the chosen link."""
    labels = {NO_PAIR: t("pairing.no_pair_chosen")}
    for link in links.sort_values("pair_id").to_dict("records"):
        mark = notable_name(link["helper_adcode"], link["recipient_adcode"])
        labels[link["pair_id"]] = pair_label(link) + (f" · {mark}" if mark else "")
    if st.session_state.get(PAIR_KEY) not in labels:
        st.session_state[PAIR_KEY] = NO_PAIR
    chosen = st.selectbox(t("pairing.pair_picker"), list(labels), format_func=labels.get, key=PAIR_KEY)
    if not chosen:
        return None
    return links.loc[links["pair_id"] == chosen].iloc[0]


def show_pair(link: pd.Series | None, links: pd.DataFrame) -> None:
    """The chosen pair's facts and, for 闽宁/沪滇/苏陕/青岛–安顺, the seed notes."""
    if link is None:
        present = {
            n.name for h, r in zip(links["helper_adcode"], links["recipient_adcode"], strict=True)
            for n in notes_for(h, r)
        }  # fmt: skip
        names = [n.name for n in NOTABLE_PAIRS if n.name in present]
        if names:
            st.caption(t("pairing.notable_in_selection", names=t("common.list_separator").join(names)))
        return
    st.markdown(
        t(
            "pairing.pair_heading",
            helper=side_name(link, "helper", full=True),
            recipient=side_name(link, "recipient", full=True),
            level=level_label(link["level"]),
            period=link["period"],
            pair_id=link["pair_id"],
        )
    )
    if link["note"]:
        st.caption(t("pairing.pair_note", note=link["note"]))
    notes = notes_for(link["helper_adcode"], link["recipient_adcode"])
    for note in notes:
        with st.container(border=True):
            st.markdown(f"**{note.name}**")
            st.write(note.text)
            st.caption(t("pairing.note_citation", citation=note.citation_text))
    if not notes:
        st.caption(t("pairing.no_note"))
