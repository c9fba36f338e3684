"""The atlas in Chinese or English: one string catalogue, the current language, place names.

Language. :func:`current_language` is a :class:`contextvars.ContextVar` (``"zh"`` unless set).
The Streamlit layer sets it at the top of every script run from the session's choice
(:func:`set_language`); pure functions in ``geo/`` just call :func:`t`, so no ``lang``
parameter is threaded through them. Streamlit runs each session's script in a thread of its
own and a new thread starts with the default, so every run must set it again; tests use
:func:`use_language`. A cache whose result contains text must key on :func:`current_language`.

Strings. Every UI string lives in ``catalogue/*.toml`` as ``[section.key]`` with ``zh`` and ``en``;
``t("filter.province")``. Fields are ``str.format`` fields, the same in both languages:
``t("table.selected_counties", count=832)``. An unknown key or a missing field raises
``KeyError`` everywhere, production included: the catalogue tests (every entry translated,
the same fields in both languages) and the key check in :mod:`geo.i18n.inventory` (every
literal ``t("…")`` key in the code exists) make that a programming error, which a page test
then shows, rather than a silent fallback that would hide an untranslated page.

Place names stay Chinese; English adds their pinyin: ``place("阜平县")`` → ``阜平县 (Fuping Xian)``
(rules in :mod:`geo.i18n.places`). Data that carries its own English (``indicators.csv``
``label_en``, ``taxonomy.Programme.name_en``) is picked by ``current_language()`` at the caller.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import string
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

from geo.i18n.places import romanize

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
# Each language named in itself, shown as is in both modes (the switch's options).
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
#: The catalogue: one folder of TOML files split by area (core, overview, county…), one key space.
CATALOGUE_DIR = Path(__file__).with_name("catalogue")

_language: contextvars.ContextVar[str] = contextvars.ContextVar("atlas_language", default=DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language of this thread's current run: ``"zh"`` or ``"en"``."""
    return _language.get()


def set_language(lang: str) -> contextvars.Token[str]:
    """Make ``lang`` the current language (the Streamlit layer, once per run); ValueError if unknown."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    return _language.set(lang)


@contextlib.contextmanager
def use_language(lang: str) -> Iterator[str]:
    """``with use_language("en"):`` — the language inside the block, restored after it."""
    token = set_language(lang)
    try:
        yield lang
    finally:
        _language.reset(token)


def load_catalogue(path: Path) -> dict[str, dict[str, str]]:
    """``{"section.key": {"zh": …, "en": …}}`` from a TOML catalogue; ValueError if malformed.

    A table holding ``zh`` or ``en`` is an entry (exactly those two strings); any other table
    is a section and may nest further sections.
    """
    with path.open("rb") as f:
        tree = tomllib.load(f)
    entries: dict[str, dict[str, str]] = {}

    def walk(table: Mapping[str, object], prefix: str) -> None:
        for name, value in table.items():
            key = f"{prefix}{name}"
            if not isinstance(value, dict):
                raise ValueError(f"{path.name}: {key} is not a table")
            if "zh" in value or "en" in value:
                if set(value) != set(LANGUAGES) or not all(isinstance(v, str) for v in value.values()):
                    raise ValueError(f"{path.name}: {key} must have exactly the strings {LANGUAGES}")
                entries[key] = dict(value)
            else:
                walk(value, f"{key}.")

    walk(tree, "")
    return entries


@functools.cache
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """The app's catalogue (every ``catalogue/*.toml``), loaded once per process; a key defined twice is an error."""
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOGUE_DIR.glob("*.toml")):
        part = load_catalogue(path)
        if twice := part.keys() & entries.keys():
            raise ValueError(f"{path.name}: keys already defined in another catalogue file: {sorted(twice)}")
        entries |= part
    return entries


def t(key: str, **fields: object) -> str:
    """The catalogue string ``key`` in the current language, its ``{fields}`` filled in."""
    try:
        entry = catalogue()[key]
    except KeyError:
        raise KeyError(f"no catalogue entry {key!r} in {CATALOGUE_DIR.name}/") from None
    return entry[current_language()].format_map(fields)


def label_of(keys: Mapping[object, str], value: object, default: str | None = None) -> str:
    """The catalogue text of ``value`` through a table of keys; ``default`` (or ``value``) when it has none."""
    key = keys.get(value)
    if key is not None:
        return t(key)
    return str(value) if default is None else default


def fields_of(text: str) -> set[str]:
    """The names of the ``str.format`` fields in ``text`` (``{count:,}`` → ``count``)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def place(name_zh: str) -> str:
    """A place name as shown: unchanged in Chinese, ``阜平县 (Fuping Xian)`` in English."""
    if not name_zh or current_language() == "zh":
        return name_zh
    roman = romanize(name_zh)
    return name_zh if roman == name_zh else f"{name_zh} ({roman})"


# Units as the data tables write them → catalogue keys. Counting words (个, 所) have no English
# unit: the number stands alone.
UNIT_KEYS = {
    "人": "unit.people",
    "万人": "unit.people_10k",
    "户": "unit.households",
    "万户": "unit.households_10k",
    "元": "unit.yuan",
    "万元": "unit.yuan_10k",
    "亿元": "unit.yuan_100m",
    "%": "unit.percent",
    "人/户": "unit.people_per_household",
    "平方米/人": "unit.sqm_per_person",
    "年": "unit.year",
    "套": "unit.housing_units",
    "万套": "unit.housing_units_10k",
    "counties": "unit.counties",
    "sites": "unit.sites",
}
_COUNTING_WORDS = {"个": 1, "所": 1, "万个": 10_000, "万所": 10_000}
# Scaled units: the unit of one, and the factor (for English, which has no 万 or 亿).
_SCALED = {"万人": ("人", 1e4), "万户": ("户", 1e4), "万元": ("元", 1e4), "亿元": ("元", 1e8), "万套": ("套", 1e4)}


def unit(name: str) -> str:
    """A data unit in the current language (axis titles, legends): ``万人`` → ``10k people``.

    Units not in :data:`UNIT_KEYS` (e.g. from a user's upload) come back unchanged.
    """
    if name in _COUNTING_WORDS:
        return name if current_language() == "zh" else ""
    return label_of(UNIT_KEYS, name)


def number(value: float | None, unit_name: str = "") -> str:
    """A value with its unit for reading: ``9,899 万人`` / ``98.99 million people``, ``4.5%``.

    English has no 万 or 亿, so there the value is scaled to the unit of one and written with
    million or billion when large. A missing value reads ``t("common.no_data")``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data")
    if current_language() == "zh":
        return _with_unit(_plain(value), unit(unit_name))
    base, factor = _SCALED.get(unit_name, (unit_name, 1))
    if unit_name in _COUNTING_WORDS:
        base, factor = "", _COUNTING_WORDS[unit_name]
    return _with_unit(_large(value * factor), unit(base) if base else "")


def _plain(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _large(value: float) -> str:
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def _with_unit(text: str, unit_text: str) -> str:
    if not unit_text:
        return text
    return f"{text}{unit_text}" if unit_text == "%" else f"{text} {unit_text}"
