"""Shared pieces of the data page (数据导入): the received file, its session state, messages.

Every widget and session-state key of an import carries the upload's token (Streamlit's
``file_id``), so a new file starts with fresh pickers, overrides and preview, and nothing of
the previous file leaks into it.

Language: the page's texts and the pipeline's messages come from the catalogue
(``data.*``, ``upload.*``, ``importer.*``, ``join.*``, ``store.*``). Results that carry text
(notes, match reasons) are memoised per language (:func:`memo`), and widget callbacks, which
Streamlit runs before ``app.py`` sets the run's language, set it first (:func:`geo.ui.language.in_language`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import streamlit as st

from geo.i18n import current_language, t, unit
from geo.join import Gazetteer
from geo.store.base import StoreError
from geo.ui import cache
from geo.ui.text import md
from geo.upload.errors import UploadError
from geo.userdata.importer import ImportMatch
from geo.userdata.model import Column, Kind

T = TypeVar("T")

#: The refusals the page shows as messages (everything else is a bug and must surface).
PROBLEMS = (UploadError, StoreError)
#: Longest message shown (upload messages quote rows and names; they are longer than a caption).
MESSAGE_CHARS = 1500

_MEMO = "data_memo"
_MEMO_ENTRIES = 24


@dataclass(frozen=True)
class Upload:
    """One received file: what the user said it is, its name and bytes, and a token naming its state."""

    kind: Kind
    filename: str
    data: bytes = field(repr=False)
    token: str

    def key(self, *parts: object) -> str:
        """A widget / session-state key of this upload."""
        return "_".join(["data", self.token, *(str(p) for p in parts)])


@dataclass(frozen=True)
class Joined:
    """Step ②'s result: the file joined to the counties (before the user's fixes)."""

    match: ImportMatch
    key: tuple  # what the match was computed from (memo key: file options and column plan)
    correct_gcj02: bool = False  # boundary uploads: move the features back from GCJ-02 on save
    shown_notes: frozenset[str] = frozenset()  # notes step ② already showed


@dataclass(frozen=True)
class Reviewed:
    """Step ③'s result: the match with the user's overrides applied."""

    match: ImportMatch
    key: tuple  # Joined.key plus the overrides


@st.cache_resource(show_spinner=False)
def _gazetteer() -> Gazetteer:
    return Gazetteer.build(cache.county_polygons("national"))


def gazetteer() -> Gazetteer:
    """County names, former names and codes of the default boundaries (the join's reference)."""
    with st.spinner(t("data.preparing_gazetteer")):
        return _gazetteer()


def memo(upload: Upload, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per upload, ``key`` and language, kept in the session so reruns are instant.

    Keyed by the language because results carry text (read notes, match reasons). Refusals are
    not kept: a failing step is recomputed (and refused again) on the next run.
    """
    key = (current_language(), key)
    box = st.session_state.get(_MEMO)
    if box is None or box[0] != upload.token:
        box = (upload.token, {})
        st.session_state[_MEMO] = box
    items: dict = box[1]
    if key not in items:
        items[key] = compute()
        while len(items) > _MEMO_ENTRIES:
            items.pop(next(iter(items)))
    return items[key]


def column_label(column: Column) -> str:
    """A value column with its unit, unless the header already says it (``"收入（元）"``)."""
    if not column.unit or column.unit in column.label:
        return column.label
    return t("data.column_with_unit", label=column.label, unit=unit(column.unit) or column.unit)


def tag(*parts: object) -> str:
    """A short, key-safe name for a combination of options (sheet and layer names may hold anything)."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:10]


def show_problem(err: Exception, lead: str = "") -> None:
    """A refusal as a red message: the error's text, escaped (it may quote file content); ``lead`` is page text."""
    st.error(f"{lead}{md(err, limit=MESSAGE_CHARS)}")


def step(title: str) -> None:
    """A numbered step heading."""
    st.subheader(title, anchor=False)
