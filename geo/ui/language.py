"""The interface language: the 中文 / English switch at the top of the sidebar, set on every run.

The choice lives in the session (``st.session_state``). A session's first run takes it from
the URL (``?lang=en``; absent or not understood = Chinese, see :func:`geo.url_state.language`),
and the URL keeps it while English is on (:func:`sync_url`), so a shared link opens in the
same language.

Streamlit runs each script run in a fresh thread context, where :func:`geo.i18n.current_language`
is back at its default: ``app.py`` calls :func:`apply` first thing on every run, before the
navigation (whose page titles are translated) and before any page code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st

from geo import url_state
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, current_language, set_language, t

P = ParamSpec("P")
CHOICE = "ui_language"  # the session's language (plain state: survives page switches)
SWITCH_KEY = "ui_language_switch"  # the switch widget


def apply() -> str:
    """Make the session's language this run's language (the first run reads the URL); returns it."""
    ss = st.session_state
    if ss.get(CHOICE) not in LANGUAGES:
        ss[CHOICE] = url_state.language({key: st.query_params.get_all(key) for key in st.query_params})
    set_language(ss[CHOICE])
    return ss[CHOICE]


def in_language(callback: Callable[P, None]) -> Callable[P, None]:
    """A widget callback run in the session's language (callbacks run before ``app.py`` sets it)."""

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        apply()
        callback(*args, **kwargs)

    return run


def _switched() -> None:
    """Widget callback (runs before the script): remember the new choice."""
    choice = st.session_state.get(SWITCH_KEY)
    if choice in LANGUAGES:
        st.session_state[CHOICE] = choice


def switch() -> None:
    """Draw the switch at the top of the sidebar (call after :func:`apply`)."""
    st.session_state[SWITCH_KEY] = current_language()
    st.sidebar.segmented_control(
        t("language.label"),
        list(LANGUAGES),
        format_func=LANGUAGE_NAMES.get,
        key=SWITCH_KEY,
        required=True,
        on_change=_switched,
        help=t("language.help"),
        label_visibility="collapsed",
    )


def sync_url() -> None:
    """``lang=…`` in the URL for a language other than the default, no ``lang`` otherwise.

    ``app.py`` calls this after the page has run: the map pages have rewritten the URL with
    ``lang`` already (:func:`geo.ui.filters.sync_url`), so this writes only for a page that did
    not. (Two URL writes in one run after a page switch lose the second in the browser.)
    A value that is not a language is left alone: the shared filters report it on a session's
    first run and then rewrite the URL without it.
    """
    lang = current_language()
    shown = st.query_params.get(url_state.LANGUAGE_PARAM)
    if lang != DEFAULT_LANGUAGE:
        if shown != lang:
            st.query_params[url_state.LANGUAGE_PARAM] = lang
    elif shown is not None and shown.strip().lower() in LANGUAGES:
        del st.query_params[url_state.LANGUAGE_PARAM]
