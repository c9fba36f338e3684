"""Finding untranslated text on an English page.

In English mode the only Chinese a page may show is

* a place name as :func:`geo.i18n.place` writes it, ``阜平县 (Fuping Xian)``: the Chinese is
  accepted only when the parenthesis right after it is exactly that name's pinyin, so
  untranslated UI text cannot pass by looking like a place name;
* the language switch's options (:data:`geo.i18n.LANGUAGE_NAMES`, e.g. 中文);
* strings the test passes in ``allowed``: data shown verbatim on purpose (source citations,
  bare place names in a downloadable table, a user's dataset name).

Everything else that is Chinese — ideographs, and full-width punctuation such as ，：（）
(curly quotes “” are ordinary English punctuation) — is reported. A page test in English
mode (e.g. with the language set through the URL or session state)::

    from geo.i18n.check import apptest_texts, untranslated

    at = open_app(lang="en")  # however the page tests end up switching the language
    assert untranslated("\\n".join(apptest_texts(at)), allowed=sources) == []
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from geo.i18n import LANGUAGE_NAMES
from geo.i18n.places import romanize

# Han ideographs (incl. extension A and compatibility), CJK radicals, CJK symbols and
# punctuation (、。「」), kana, full-width forms (，：（）！？).
CJK = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_RUN = re.compile(f"[{CJK}]+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Han characters (hyphens inside, as in 燕山-太行山区) followed by " (Pinyin…)".
_PLACE = re.compile(f"([{_HAN}](?:[{_HAN}-]*[{_HAN}])?) \\(([^()\n]+)\\)")


def has_cjk(text: str) -> bool:
    """True when ``text`` has a Chinese character or full-width punctuation."""
    return _CJK_RUN.search(text) is not None


def cjk_runs(text: str) -> list[str]:
    """The runs of Chinese characters and full-width punctuation in ``text``, in order."""
    return _CJK_RUN.findall(text)


def untranslated(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The Chinese in ``text`` that is neither an annotated place name nor ``allowed``.

    Returns the offending runs (each once, in order of appearance); ``[]`` means the text is
    fully translated.
    """
    for entry in sorted({*allowed, *LANGUAGE_NAMES.values()}, key=len, reverse=True):
        if entry and has_cjk(entry):
            text = text.replace(entry, " ")
    text = _PLACE.sub(lambda m: " " if romanize(m.group(1)) == m.group(2) else m.group(0), text)
    return list(dict.fromkeys(cjk_runs(text)))


def apptest_texts(at: object) -> list[str]:
    """Every string an AppTest run shows: labels, values, options, help, captions, chart specs, tables.

    Walks the element tree (``at._tree``) and each element's protobuf; JSON payloads (plotly
    specs, component arguments) are parsed and ``\\uXXXX`` escapes decoded so escaped Chinese
    is found too. Dataframe elements contribute their column names and text cells.
    Needs Streamlit's testing API only through the objects passed in (no import here).
    """
    from google.protobuf.json_format import MessageToDict  # Streamlit's dependency, needed only here

    texts: list[str] = []
    for node in _nodes(getattr(at, "_tree", at)):
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts += _strings(MessageToDict(proto))
        if getattr(node, "type", None) in ("dataframe", "table"):
            texts += _frame_strings(getattr(node, "value", None))
    return texts


def _nodes(node: object) -> Iterator[object]:
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


_SKIPPED_FIELDS = {"arrowData", "id", "formId", "url", "fragmentId"}
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for key, v in value.items() if key not in _SKIPPED_FIELDS for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if not isinstance(value, str):
        return []
    stripped = value.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            return _json_strings(json.loads(value))
        except ValueError:
            pass
    return [_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)]


def _json_strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for key, v in value.items() for s in ([key] if isinstance(key, str) else []) + _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return _strings(value) if isinstance(value, str) else []


def _frame_strings(frame: object) -> list[str]:
    columns = getattr(frame, "columns", None)
    if columns is None:
        return []
    out = [str(c) for c in columns]
    for column in columns:
        out += [v for v in frame[column].tolist() if isinstance(v, str)]
    return out
