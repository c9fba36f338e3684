"""Helpers of the English message tests of the import pipeline (upload, importer, join, store).

:func:`rendered_keys` records every catalogue key :func:`geo.i18n.t` looks up while it is open,
so a test can trigger each message once and then check that every key of a section was
rendered; :func:`english` asserts a text is English apart from the user's own strings and
place names written with their pinyin (:func:`geo.i18n.check.untranslated`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping

import pytest

import geo.i18n
from geo.i18n import CATALOGUE_DIR, load_catalogue, use_language
from geo.i18n.check import cjk_runs, untranslated


class _Recording(Mapping[str, Mapping[str, str]]):
    def __init__(self, entries: Mapping[str, Mapping[str, str]], seen: set[str]) -> None:
        self._entries, self._seen = entries, seen

    def __getitem__(self, key: str) -> Mapping[str, str]:
        entry = self._entries[key]
        self._seen.add(key)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@contextlib.contextmanager
def rendered_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """``with rendered_keys(monkeypatch) as seen:`` — the keys ``t()`` looked up inside the block."""
    seen: set[str] = set()
    entries = geo.i18n.catalogue()
    with monkeypatch.context() as patch:
        patch.setattr(geo.i18n, "catalogue", lambda: _Recording(entries, seen))
        yield seen


def section_keys(*sections: str) -> set[str]:
    """The keys of ``data.toml`` in the given sections (``"upload"``, ``"store"``…)."""
    return {key for key in load_catalogue(CATALOGUE_DIR / "data.toml") if key.split(".", 1)[0] in sections}


def english(text: str, allowed: Iterable[str] = ()) -> str:
    """``text`` after asserting it has no Chinese but ``allowed`` (the user's strings) and annotated places.

    Compared run by run (a run: consecutive Chinese characters), so a short user string such as
    阜平 cannot hide part of a place name such as 阜平县 (Fuping Xian).
    """
    user = {run for entry in allowed for run in cjk_runs(entry)}
    assert [run for run in untranslated(text) if run not in user] == [], text
    return text


def message_of(trigger: Callable[[], object], error: type[Exception]) -> str:
    """The message of the ``error`` that ``trigger()`` raises, in English."""
    with use_language("en"), pytest.raises(error) as caught:
        trigger()
    return str(caught.value)
