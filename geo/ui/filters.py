"""The shared sidebar filters and their round trip through the URL (``st.query_params``).

Every page calls :func:`filter_sidebar`. On a session's first run the widgets are seeded
from the URL (validated by :mod:`geo.url_state`, never evaluated); afterwards the URL is
rewritten from the widgets, so copying it reproduces the view.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo import taxonomy, url_state
from geo.classify import DEFAULT_PALETTE, MAX_K, MIN_K
from geo.filters import DEFAULT_INDICATOR, EXIT_YEARS, STILL_POOR_YEARS, FilterState
from geo.overview import PALETTE_LABELS, SCHEME_LABELS, Classing

# Widget keys in st.session_state, one per FilterState field.
KEYS = {
    "poverty_only": "flt_scope",
    "provinces": "flt_provinces",
    "areas": "flt_areas",
    "programmes": "flt_programmes",
    "exit_years": "flt_exit_years",
    "still_poor_at_end_of": "flt_still_poor",
    "sanqu_sanzhou": "flt_sanqu",
    "indicator": "flt_indicator",
    "year": "flt_year",
    "county": "flt_county",
}
CLASSING_KEYS = ("map_scheme", "map_k", "map_palette")
_SEEDED = "flt_seeded_from_url"
_NOTICES = "flt_url_notices"
_LAST_CLICK = "flt_last_click"
_STORE = "flt_store"
_VIEW_KEY = "flt_map_view_key"
_HIGHLIGHT = "flt_map_highlight"
SCOPES = {True: "832个国家贫困县", False: "全部县级区划"}
# Widgets cannot show None as a chosen option: "不限" travels as a sentinel.
ANY = "any"
SANQU = {ANY: "不限", True: "是", False: "否"}


def seed_from_url(vocabulary: url_state.Vocabulary) -> None:
    """Load the shared state into the widget keys before any widget is drawn.

    The first run of a session reads the (validated) URL. Streamlit keeps widget state per
    page, so the values live in a separate store that every page copies back into its
    widget keys; widgets write to the store through :func:`remember`.
    """
    ss = st.session_state
    if not ss.get(_SEEDED):
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        state, notices = url_state.parse(params, vocabulary)
        ss[_STORE] = {}
        store_state(state)
        ss[_NOTICES] = notices
        ss[_SEEDED] = True
    for key, value in ss[_STORE].items():
        ss[key] = value


def store_state(state: FilterState) -> None:
    """Make ``state`` the shared state every page's widgets start from (e.g. a saved view)."""
    store = st.session_state.setdefault(_STORE, {})
    for field, key in KEYS.items():
        value = getattr(state, field)
        store[key] = list(value) if isinstance(value, tuple) else value
    for field in ("still_poor_at_end_of", "sanqu_sanzhou"):
        if getattr(state, field) is None:
            store[KEYS[field]] = ANY


def remember(key: str) -> None:
    """Widget callback: keep the widget's new value in the cross-page store."""
    st.session_state[_STORE][key] = st.session_state[key]


def _kept(key: str) -> dict:
    """Widget arguments that keep its value in the cross-page store."""
    return {"on_change": remember, "args": (key,)}


def _bound(field: str) -> dict:
    """Widget arguments binding it to a FilterState field (its key, kept across pages)."""
    return {"key": KEYS[field], **_kept(KEYS[field])}


def set_value(key: str, value: object) -> None:
    """Change a shared value from code (e.g. a map click), for this run and later pages."""
    st.session_state[key] = value
    st.session_state[_STORE][key] = value


def current_state() -> FilterState:
    """The FilterState described by the widgets (and the selected county)."""
    ss = st.session_state
    return FilterState(
        provinces=tuple(ss.get(KEYS["provinces"], ())),
        areas=tuple(ss.get(KEYS["areas"], ())),
        programmes=tuple(ss.get(KEYS["programmes"], ())),
        exit_years=tuple(ss.get(KEYS["exit_years"], ())),
        still_poor_at_end_of=_unless_any(ss.get(KEYS["still_poor_at_end_of"])),
        sanqu_sanzhou=_unless_any(ss.get(KEYS["sanqu_sanzhou"])),
        poverty_only=ss.get(KEYS["poverty_only"], True),
        indicator=ss.get(KEYS["indicator"]) or DEFAULT_INDICATOR,
        year=ss.get(KEYS["year"]),
        county=ss.get(KEYS["county"]),
    )


def _unless_any(value: object) -> object:
    return None if value == ANY else value


def shared_state() -> FilterState:
    """The current FilterState, with the URL updated to describe it (every page calls this)."""
    state = current_state()
    sync_url(state)
    return state


def sync_url(state: FilterState) -> None:
    """Make the URL describe ``state`` (only values that differ from the defaults)."""
    wanted = url_state.serialise(state)
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def show_url_notices() -> None:
    """Tell the user, once, which URL parameters were ignored and why."""
    notices = st.session_state.pop(_NOTICES, None)
    if notices:
        st.warning("链接中的部分参数无法识别，已忽略：\n\n" + "\n".join(f"- {n}" for n in notices))


def filter_sidebar(vocabulary: url_state.Vocabulary) -> None:
    """Draw the shared filters in the sidebar (seeded from the URL on a session's first run).

    Read the result with :func:`current_state` once the page has drawn its own controls.
    """
    seed_from_url(vocabulary)
    provinces = dict(sorted(vocabulary.provinces.items()))
    programmes = {p.id: p.name_zh for p in taxonomy.PROGRAMMES}
    with st.sidebar:
        st.header("筛选")
        st.radio("范围", list(SCOPES), format_func=SCOPES.get, horizontal=True, **_bound("poverty_only"))
        st.multiselect(
            "省份", list(provinces), format_func=provinces.get, placeholder="全部省份", **_bound("provinces")
        )
        st.multiselect("集中连片特困地区", sorted(vocabulary.areas), placeholder="全部片区", **_bound("areas"))
        st.multiselect(
            "帮扶类型",
            list(programmes),
            format_func=programmes.get,
            placeholder="全部类型",
            help="仅“易地扶贫搬迁”和“东西部扶贫协作”有县级数据可用于筛选；其他类型见下方术语表。",
            **_bound("programmes"),
        )
        st.multiselect("摘帽年份", list(EXIT_YEARS), placeholder="全部年份", **_bound("exit_years"))
        st.selectbox(
            "截至年底仍未摘帽",
            [ANY, *STILL_POOR_YEARS],
            format_func=lambda y: "不限" if y == ANY else f"{y}年底",
            **_bound("still_poor_at_end_of"),
        )
        st.radio("三区三州", list(SANQU), format_func=SANQU.get, horizontal=True, **_bound("sanqu_sanzhou"))
        with st.expander("术语表：帮扶类型"):
            st.markdown(glossary_markdown())


def indicator_picker(labels: dict[str, str], years_of: Callable[[str], list[int]]) -> None:
    """Indicator and year selectors (part of the URL state); the year follows the indicator."""
    pick, when = st.columns([3, 1])
    if st.session_state.get(KEYS["indicator"]) not in labels:  # e.g. a user dataset deleted meanwhile
        set_value(KEYS["indicator"], next(iter(labels)))
    pick.selectbox("指标", list(labels), format_func=labels.get, **_bound("indicator"))
    years = years_of(st.session_state[KEYS["indicator"]])
    if st.session_state.get(KEYS["year"]) not in years:
        set_value(KEYS["year"], years[0] if years else None)
    when.selectbox(
        "年份",
        years or [None],
        disabled=len(years) <= 1,
        format_func=lambda y: str(y) if y else "—",
        placeholder="不适用",
        **_bound("year"),
    )


def map_highlight(view_key: object, county: str | None) -> str | None:
    """The county to highlight when the map is (re)drawn.

    A click highlights its county in the browser already; putting each click into the map
    script would redraw the map and lose the user's zoom. So the script's highlight only
    follows the selected county when the view itself changes.
    """
    ss = st.session_state
    if ss.get(_VIEW_KEY) != view_key:
        ss[_VIEW_KEY] = view_key
        ss[_HIGHLIGHT] = county
    return ss.get(_HIGHLIGHT)


def select_county_from_click(clicked: dict | None) -> None:
    """Make a new map click the selected county (an unchanged click state is ignored)."""
    code = str(clicked["adcode"]) if clicked else None
    if code and code != st.session_state.get(_LAST_CLICK):
        st.session_state[_LAST_CLICK] = code
        set_value(KEYS["county"], code)


def glossary_markdown() -> str:
    """Each programme type with its definition, seed citation and county-data status."""
    lines = []
    for group in taxonomy.GROUPS:
        lines.append(f"**{group}**")
        for p in (p for p in taxonomy.PROGRAMMES if p.group == group):
            data = "有县级数据" if p.county_data else "暂无县级数据"
            lines.append(f"- **{p.name_zh}**（{data}）：{p.definition_zh}（出处：种子文献 {p.citation}）")
    return "\n".join(lines)


def classing_controls() -> Classing:
    """Sidebar controls for the colour classes (view settings, not part of the URL)."""
    store = st.session_state[_STORE]
    for key, default in zip(CLASSING_KEYS, ("quantiles", 5, DEFAULT_PALETTE), strict=True):
        st.session_state[key] = store.setdefault(key, default)
    scheme_key, k_key, palette_key = CLASSING_KEYS
    with st.sidebar.expander("分级设色", expanded=False):
        scheme = st.selectbox(
            "分级方法", list(SCHEME_LABELS), format_func=SCHEME_LABELS.get, key=scheme_key, **_kept(scheme_key)
        )
        k = st.slider("分级数", MIN_K, MAX_K, key=k_key, **_kept(k_key))
        palette = st.selectbox(
            "配色（ColorBrewer）", list(PALETTE_LABELS), format_func=PALETTE_LABELS.get, key=palette_key,
            **_kept(palette_key),
        )  # fmt: skip
    return Classing(scheme, k, palette)
