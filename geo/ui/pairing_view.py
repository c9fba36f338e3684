"""Streamlit parts of the east–west pairing page: caches, the page's own controls, the map
component (reporting link clicks) and the pair notes."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import data
from geo.filters import FilterState
from geo.pairing.endpoints import resolve
from geo.pairing.notes import NOTABLE_PAIRS, notable_name, notes_for
from geo.pairing.pairs import PAIR_LEVEL_LABELS, PERIOD_LABELS, PERIODS, pair_from_tooltip, pair_label
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
SANKEY_LABELS = {"unit": "按结对单位", "province": "按省份汇总"}


@st.cache_resource(show_spinner="正在计算结对连线…")
def pairing_links() -> pd.DataFrame:
    """Every pairing row with its endpoints (resolved once per process)."""
    return resolve(data.pairings(), cache.county_polygons("national"))


def period_and_helpers(helper_provinces: dict[str, str]) -> tuple[int, tuple[str, ...]]:
    """The page's own controls: period switch and helper-province filter."""
    left, right = st.columns([2, 3])
    with left:
        period = st.radio(
            "结对时期",
            list(PERIODS),
            format_func=PERIOD_LABELS.get,
            key=PERIOD_KEY,
            horizontal=True,
        )
    with right:
        helpers = st.multiselect(
            "帮扶方省份",
            list(helper_provinces),
            format_func=helper_provinces.get,
            key=HELPERS_KEY,
            placeholder="全部帮扶省份",
        )
    return int(period), tuple(helpers)


def unused_filters_notice(state: FilterState) -> str | None:
    """Which shared filters do not apply to pairing links (only the province does)."""
    unused = [
        label
        for label, active in (
            ("集中连片特困地区", bool(state.areas)),
            ("帮扶类型", bool(state.programmes)),
            ("摘帽年份", bool(state.exit_years)),
            ("截至年底仍未摘帽", state.still_poor_at_end_of is not None),
            ("三区三州", state.sanqu_sanzhou is not None),
        )
        if active
    ]
    if not unused:
        return None
    return f"本页按“省份”筛选受援省份；{('、'.join(unused))}筛选不作用于结对关系。"


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
    labels = {NO_PAIR: "—（未选择，可点击地图上的连线）"}
    for link in links.sort_values("pair_id").to_dict("records"):
        mark = notable_name(link["helper_adcode"], link["recipient_adcode"])
        labels[link["pair_id"]] = pair_label(link) + (f" · {mark}" if mark else "")
    if st.session_state.get(PAIR_KEY) not in labels:
        st.session_state[PAIR_KEY] = NO_PAIR
    chosen = st.selectbox("查看结对", list(labels), format_func=labels.get, key=PAIR_KEY)
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
            st.caption(f"当前选择包含重点结对：{'、'.join(names)}。选择其中一对（或点击连线）可查看说明。")
        return
    level = PAIR_LEVEL_LABELS.get(link["level"], link["level"])
    st.markdown(
        f"**{link['helper_full']} → {link['recipient_full']}**（{level}，{link['period']}年，编号 {link['pair_id']}）"
    )
    if link["note"]:
        st.caption(f"备注：{link['note']}")
    notes = notes_for(link["helper_adcode"], link["recipient_adcode"])
    for note in notes:
        with st.container(border=True):
            st.markdown(f"**{note.name}**")
            st.write(note.text)
            st.caption(f"出处：种子文献 {note.citation}（转述）")
    if not notes:
        st.caption("该结对没有种子文献中的专门介绍；来源见下表。")
