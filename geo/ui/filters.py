"""The shared sidebar filters and their round trip through the URL (``st.query_params``).

Every page calls :func:`filter_sidebar`. On a session's first run the widgets are seeded
from the URL (validated by :mod:`geo.url_state`, never evaluated); afterwards the URL is
rewritten from the widgets, so copying it reproduces the view (with ``lang`` when the
interface is not in Chinese, see :mod:`geo.ui.language`).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo import taxonomy, url_state
from geo.classify import DEFAULT_PALETTE, MAX_K, MIN_K
from geo.filters import DEFAULT_INDICATOR, EXIT_YEARS, STILL_POOR_YEARS, FilterState
from geo.i18n import current_language, place, t
from geo.overview import PALETTE_KEYS, SCHEME_KEYS, Classing, palette_label, scheme_label

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
# Option → catalogue key of its text.
SCOPE_KEYS = {True: "filter.scope_poverty_counties", False: "filter.scope_all_counties"}
# Widgets cannot show None as a chosen option: "any" (不限) travels as a sentinel.
ANY = "any"
SANQU_KEYS = {ANY: "filter.any", True: "common.yes", False: "common.no"}


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
    wanted = url_state.serialise(state, lang=current_language())
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def show_url_notices() -> None:
    """Tell the user, once, which URL parameters were ignored and why."""
    notices = st.session_state.pop(_NOTICES, None)
    if notices:
        st.warning(t("filter.url_notices") + "\n\n" + "\n".join(f"- {n}" for n in notices))


def filter_sidebar(vocabulary: url_state.Vocabulary) -> None:
    """Draw the shared filters in the sidebar (seeded from the URL on a session's first run).

    Read the result with :func:`current_state` once the page has drawn its own controls.
    """
    seed_from_url(vocabulary)
    # Option texts are resolved here, in this run's language: a format_func may be called elsewhere.
    provinces = {code: place(name) for code, name in sorted(vocabulary.provinces.items())}
    area_names = {area: place(area) for area in sorted(vocabulary.areas)}
    programmes = {p.id: taxonomy.programme_name(p) for p in taxonomy.PROGRAMMES}
    scopes = {value: t(key) for value, key in SCOPE_KEYS.items()}
    still_poor = {ANY: t("filter.any")} | {y: t("filter.still_poor_year", year=y) for y in STILL_POOR_YEARS}
    sanqu = {value: t(key) for value, key in SANQU_KEYS.items()}
    with st.sidebar:
        st.header(t("filter.header"))
        st.radio(t("filter.scope"), list(scopes), format_func=scopes.get, horizontal=True, **_bound("poverty_only"))
        st.multiselect(
            t("filter.province"),
            list(provinces),
            format_func=provinces.get,
            placeholder=t("filter.province_all"),
            **_bound("provinces"),
        )
        st.multiselect(
            t("filter.area"), list(area_names), format_func=area_names.get, placeholder=t("filter.area_all"),
            **_bound("areas"),
        )  # fmt: skip
        st.multiselect(
            t("filter.programme"),
            list(programmes),
            format_func=programmes.get,
            placeholder=t("filter.programme_all"),
            help=t("filter.programme_help"),
            **_bound("programmes"),
        )
        st.multiselect(
            t("filter.exit_year"), list(EXIT_YEARS), placeholder=t("filter.exit_year_all"), **_bound("exit_years")
        )
        st.selectbox(
            t("filter.still_poor"), list(still_poor), format_func=still_poor.get, **_bound("still_poor_at_end_of")
        )
        st.radio(
            t("filter.sanqu_sanzhou"), list(sanqu), format_func=sanqu.get, horizontal=True, **_bound("sanqu_sanzhou")
        )
        with st.expander(t("filter.glossary")):
            st.markdown(glossary_markdown())


def indicator_picker(labels: dict[str, str], years_of: Callable[[str], list[int]]) -> None:
    """Indicator and year selectors (part of the URL state); the year follows the indicator."""
    pick, when = st.columns([3, 1])
    if st.session_state.get(KEYS["indicator"]) not in labels:  # e.g. a user dataset deleted meanwhile
        set_value(KEYS["indicator"], next(iter(labels)))
    pick.selectbox(t("filter.indicator"), list(labels), format_func=labels.get, **_bound("indicator"))
    years = years_of(st.session_state[KEYS["indicator"]])
    if st.session_state.get(KEYS["year"]) not in years:
        set_value(KEYS["year"], years[0] if years else None)
    when.selectbox(
        t("filter.year"),
        years or [None],
        disabled=len(years) <= 1,
        format_func=lambda y: str(y) if y else "—",
        placeholder=t("filter.year_not_applicable"),
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
        if lines:
            lines.append("")  # a blank line ends the list: the next group's heading is not part of its last item
        lines.append(f"**{taxonomy.group_name(group)}**")
        for p in (p for p in taxonomy.PROGRAMMES if p.group == group):
            status = t("filter.glossary_has_data") if p.county_data else t("filter.glossary_no_data")
            lines.append(
                t(
                    "filter.glossary_entry",
                    name=taxonomy.programme_name(p),
                    status=status,
                    definition=taxonomy.definition(p),
                    citation=p.citation,
                )
            )
    return "\n".join(lines)


def classing_controls() -> Classing:
    """Sidebar controls for the colour classes (view settings, not part of the URL)."""
    store = st.session_state[_STORE]
    for key, default in zip(CLASSING_KEYS, ("quantiles", 5, DEFAULT_PALETTE), strict=True):
        st.session_state[key] = store.setdefault(key, default)
    scheme_key, k_key, palette_key = CLASSING_KEYS
    schemes = {scheme: scheme_label(scheme) for scheme in SCHEME_KEYS}
    palettes = {palette: palette_label(palette) for palette in PALETTE_KEYS}
    with st.sidebar.expander(t("classing.header"), expanded=False):
        scheme = st.selectbox(
            t("classing.scheme"), list(schemes), format_func=schemes.get, key=scheme_key, **_kept(scheme_key)
        )
        k = st.slider(t("classing.k"), MIN_K, MAX_K, key=k_key, **_kept(k_key))
        palette = st.selectbox(
            t("classing.palette"), list(palettes), format_func=palettes.get, key=palette_key, **_kept(palette_key)
        )
    return Classing(scheme, k, palette)
