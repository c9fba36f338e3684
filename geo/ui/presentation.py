"""Presentation mode: a projector-friendly frame around every page, and saved views to step through.

One switch hides the sidebar, the page controls and downloads (hidden with CSS, not skipped,
so every widget keeps its state), enlarges the text and the map, and shows a bar that steps
through the saved views. A view is the URL state of a page (filters, indicator, selected
county), kept by name in the dataset store beside the user's datasets.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import streamlit as st

from geo import url_state
from geo.i18n import current_language, t
from geo.ui import cache
from geo.ui.filters import store_state
from geo.ui.language import in_language
from geo.ui.page import BY_PATH
from geo.ui.text import md
from geo.userdata.model import MAX_NAME_CHARS, SavedView

PRESENT_KEY = "present_toggle"  # the switch widget
_MODE = "present_mode"  # plain state: widget state does not survive a page switch made before it is drawn
_POSITION = "present_position"
_PENDING = "present_pending"
_MESSAGE = "present_message"
_NAME_KEY = "view_name"
CONTROLS_KEY = "atlas-controls"
DOWNLOADS_KEY = "atlas-downloads"
MAP_SCALE = 1.35

# Constant CSS (no user text). Streamlit sizes text in rem, so the root size scales it all.
_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [class*="st-key-{CONTROLS_KEY}-"], [class*="st-key-{DOWNLOADS_KEY}-"] {{
  display: none !important;
}}
html {{ font-size: 21px; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100%; padding: 1rem 2rem; }}
</style>
"""


def presenting() -> bool:
    return bool(st.session_state.get(_MODE))


def controls(name: str) -> st.delta_generator.DeltaGenerator:
    """A container (``name`` unique on the page) for page controls that presentation mode hides."""
    return st.container(key=f"{CONTROLS_KEY}-{name}")


def downloads(name: str) -> st.delta_generator.DeltaGenerator:
    """A container (``name`` unique on the page) for download buttons that presentation mode hides."""
    return st.container(key=f"{DOWNLOADS_KEY}-{name}")


def map_height(height: int) -> int:
    return round(height * MAP_SCALE) if presenting() else height


def frame(page_path: str) -> None:
    """Draw the mode switch and, when presenting, the CSS and the view stepper (app.py calls this).

    Buttons only record what was asked (callbacks); the switch to a view's page happens here,
    at the top of the next run, because a callback cannot change pages.
    """
    views = _views()
    _follow_pending(views)
    st.session_state[PRESENT_KEY] = presenting()
    with st.sidebar:
        st.toggle(t("presentation.toggle"), key=PRESENT_KEY, help=t("presentation.toggle_help"),
                  on_change=lambda: _set(_MODE, st.session_state[PRESENT_KEY]))  # fmt: skip
        _manage_views(views, page_path)
    if presenting():
        st.markdown(_CSS, unsafe_allow_html=True)
        _stepper(views)


def _views() -> list[SavedView]:
    try:
        return cache.saved_views()
    except Exception:  # the store is down: presentation still works, without saved views
        return []


def _stepper(views: list[SavedView]) -> None:
    back, label, forward, leave = st.columns([1, 4, 1, 1], vertical_alignment="center")
    leave.button(t("presentation.leave"), key="present_exit", on_click=_set, args=(_MODE, False))
    if not views:
        label.info(t("presentation.no_views"))
        return
    position = min(st.session_state.get(_POSITION, -1), len(views) - 1)
    label.markdown(t("presentation.position", position=max(position, 0) + 1, total=len(views)))
    label.caption(md(views[position].name) if position >= 0 else t("presentation.start_hint"))
    back.button(
        t("presentation.previous"), key="present_prev", disabled=position <= 0, on_click=_set,
        args=(_PENDING, position - 1),
    )  # fmt: skip
    last = position >= len(views) - 1
    forward.button(
        t("presentation.next"), key="present_next", disabled=last, on_click=_set, args=(_PENDING, position + 1)
    )


def _set(key: str, value: object) -> None:
    st.session_state[key] = value


def _manage_views(views: list[SavedView], page_path: str) -> None:
    with st.expander(t("presentation.views"), expanded=False):
        if message := st.session_state.pop(_MESSAGE, None):
            st.error(message)
        for i, view in enumerate(views):
            name, go, drop = st.columns([4, 1, 1], vertical_alignment="center")
            name.text(view.name)
            go.button(
                t("presentation.open"), key=f"view_open_{view.id}", type="tertiary", on_click=_set, args=(_PENDING, i)
            )
            drop.button(
                t("presentation.delete"), key=f"view_drop_{view.id}", type="tertiary", on_click=_delete, args=(view,)
            )
        st.text_input(
            t("presentation.view_name"), key=_NAME_KEY, max_chars=MAX_NAME_CHARS,
            placeholder=t("presentation.view_name_placeholder"),
        )  # fmt: skip
        st.button(t("presentation.save"), key="view_save", on_click=_save, args=(page_path,))


@in_language
def _save(page_path: str) -> None:
    """Callback: keep the current page's URL state under the typed name (not the language: a view
    opens in the language of whoever plays it)."""
    name = str(st.session_state.get(_NAME_KEY, "")).strip()
    if not name:
        st.session_state[_MESSAGE] = t("presentation.name_missing")
        return
    query = urlencode({key: st.query_params[key] for key in st.query_params if key != url_state.LANGUAGE_PARAM})
    try:
        cache.store().save_view(name, page_path, query)
    except Exception as err:  # a refused name (StoreError), a full disk, a lost database connection
        st.session_state[_MESSAGE] = t("presentation.save_failed", error=md(err))
        return
    st.session_state[_NAME_KEY] = ""
    st.toast(t("presentation.saved", name=md(name)))


@in_language
def _delete(view: SavedView) -> None:
    try:
        cache.store().delete_view(view.id)
    except Exception as err:  # see _save
        st.session_state[_MESSAGE] = t("presentation.delete_failed", error=md(err))


def _follow_pending(views: list[SavedView]) -> None:
    """Open the view a button asked for: its filters become the shared state, then its page opens."""
    position = st.session_state.pop(_PENDING, None)
    if position is None or not 0 <= position < len(views):
        return
    view = views[position]
    page = BY_PATH.get(view.page)
    if page is None:
        st.session_state[_MESSAGE] = t("presentation.page_gone", name=md(view.name))
        return
    state, _ = url_state.parse(parse_qs(view.query), cache.vocabulary())
    store_state(state)
    st.session_state[_POSITION] = position
    st.switch_page(page.script, query_params=url_state.serialise(state, lang=current_language()))
