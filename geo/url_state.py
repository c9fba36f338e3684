"""FilterState ⇄ URL query parameters, validated against a vocabulary; bad values become notices.

Parsing never raises and never evaluates anything: every value is matched against known strings
or parsed as a bounded integer. Notices quote user input only after stripping control characters,
capping its length, HTML-escaping it and backslash-escaping Markdown, so they are safe for
``st.warning``/``st.markdown``. They are written in the current language (:func:`geo.i18n.t`).

``lang`` (``en``; absent = Chinese) is the interface language, not a filter: :func:`language`
reads it, :func:`parse` only checks it, and :func:`serialise` writes it when asked to.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from geo.codes import province_short
from geo.filters import DEFAULT_INDICATOR, EXIT_YEARS, STILL_POOR_YEARS, FilterState, province_codes
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from geo.taxonomy import BY_ID

# 台湾, 香港, 澳门: drawn on the map, but data/ holds no statistics for them.
NO_STATISTICS = ("71", "81", "82")
MAX_VALUE_CHARS = 500
MAX_ITEMS = 50
MAX_NOTICES = 10
_SHOWN_CHARS = 30
_TRUE = ("1", "true", "yes", "是")  # i18n: data (accepted URL values)
_FALSE = ("0", "false", "no", "否")  # i18n: data (accepted URL values)
_SCOPES = {"832": True, "all": False}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:])")
_SPLIT = re.compile(r"[,，]")
#: The URL parameter of the interface language (its value: a code of :data:`geo.i18n.LANGUAGES`).
LANGUAGE_PARAM = "lang"


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values: province code → full name, areas, programme ids, indicator → year span, counties."""

    provinces: Mapping[str, str]
    areas: frozenset[str]
    programmes: frozenset[str]
    indicators: Mapping[str, tuple[int, int] | None]
    counties: frozenset[str]

    @classmethod
    def from_tables(
        cls, counties: pd.DataFrame, indicators: pd.DataFrame, polygons: pd.DataFrame | None = None
    ) -> Vocabulary:
        """Build from the 832 table and ``indicators.csv`` (its ``years`` column: "2020" or "2000-2023").

        ``polygons`` (adcode, province) adds every drawable county and its province: any county
        can be selected, and the provinces without a poverty county (山东…) can still be filtered.
        """
        codes = province_codes(counties)
        provinces = dict(zip(codes, counties["province"], strict=True))
        drawable: frozenset[str] = frozenset()
        if polygons is not None:
            mainland = polygons[~polygons["adcode"].str[:2].isin(NO_STATISTICS)]
            provinces |= dict(zip(mainland["adcode"].str[:2], mainland["province"], strict=True))
            drawable = frozenset(polygons["adcode"])
        spans: dict[str, tuple[int, int] | None] = {DEFAULT_INDICATOR: None}
        for row in indicators.itertuples(index=False):
            first, _, last = str(row.years).partition("-")
            spans[row.indicator] = (int(first), int(last or first)) if first else None
        return cls(
            provinces=provinces,
            areas=frozenset(counties["contiguous_area"]) - {""},
            programmes=frozenset(BY_ID),
            indicators=spans,
            counties=(frozenset(counties["adcode"]) | drawable) - {""},
        )


def shown(value: object) -> str:
    """User input made safe to quote in a notice."""
    text = "".join(ch for ch in str(value) if not unicodedata.category(ch).startswith("C"))
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "…"
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=True))


_Parse = Callable[[str, Vocabulary], object | None]


class _Notices(list[str]):
    def drop(self, key: str, value: object, why: str = "filter.url_why_unknown") -> None:
        """Note a dropped value; ``why`` is the catalogue key of the reason."""
        self.append(t("filter.url_value_ignored", param=shown(key), value=shown(value), why=t(why)))


def _values(key: str, raw: object, notices: _Notices) -> list[str] | None:
    """The raw parameter as a list of strings, or None (with a notice) when it is not usable."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    if not all(isinstance(item, str) for item in items):
        notices.drop(key, type(raw).__name__, "filter.url_why_type")
        return None
    if sum(len(item) for item in items) > MAX_VALUE_CHARS:
        notices.drop(key, "".join(items), "filter.url_why_long")
        return None
    return items


def _items(key: str, values: list[str], notices: _Notices) -> list[str]:
    parts = [part.strip() for value in values for part in _SPLIT.split(value) if part.strip()]
    if len(parts) > MAX_ITEMS:
        notices.drop(key, ",".join(parts), "filter.url_why_many")
        return []
    return parts


def _scalar(key: str, values: list[str], notices: _Notices) -> list[str]:
    distinct = {value.strip() for value in values}
    if len(distinct) != 1:
        notices.drop(key, ",".join(values), "filter.url_why_single")
        return []
    return list(distinct)


def _year_in(allowed: range | tuple[int, ...]) -> _Parse:
    def parse(text: str, _valid: Vocabulary) -> int | None:
        return int(text) if re.fullmatch(r"[0-9]{4}", text) and int(text) in allowed else None

    return parse


def _province(text: str, valid: Vocabulary) -> str | None:
    if re.fullmatch(r"[0-9]{2}|[0-9]{6}", text):
        return text[:2] if text[:2] in valid.provinces else None
    short = province_short(text)
    return next((code for code, name in valid.provinces.items() if province_short(name) == short), None)


def _flag(choices: Mapping[str, bool]) -> _Parse:
    def parse(text: str, _valid: Vocabulary) -> bool | None:
        return choices.get(text.lower())

    return parse


_LISTS: dict[str, tuple[str, _Parse]] = {
    "province": ("provinces", _province),
    "area": ("areas", lambda t, v: t if t in v.areas else None),
    "programme": ("programmes", lambda t, v: t if t in v.programmes else None),
    "exit_year": ("exit_years", _year_in(EXIT_YEARS)),
}
_SCALARS: dict[str, tuple[str, _Parse]] = {
    "still_poor": ("still_poor_at_end_of", _year_in(STILL_POOR_YEARS)),
    "sanqu": ("sanqu_sanzhou", _flag({**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)})),
    "scope": ("poverty_only", _flag(_SCOPES)),
    "indicator": ("indicator", lambda t, v: t if t in v.indicators else None),
    "year": ("year", _year_in(range(1000, 10000))),
    "county": ("county", lambda t, v: t if t in v.counties else None),
}


def _language_of(raw: object, notices: _Notices) -> str | None:
    """The language code in a ``lang`` value, or None (with a notice) when it is not one."""
    values = _values(LANGUAGE_PARAM, raw, notices)
    parts = _scalar(LANGUAGE_PARAM, values, notices) if values is not None else []
    if not parts:
        return None
    if parts[0].lower() in LANGUAGES:
        return parts[0].lower()
    notices.drop(LANGUAGE_PARAM, parts[0])
    return None


def language(params: Mapping[str, str | list[str]]) -> str:
    """The interface language a link asks for: ``lang=en`` → ``"en"``; absent or not understood → Chinese."""
    raw = params.get(LANGUAGE_PARAM)
    if raw is None:
        return DEFAULT_LANGUAGE
    return _language_of(raw, _Notices()) or DEFAULT_LANGUAGE


def parse(params: Mapping[str, str | list[str]], valid: Vocabulary) -> tuple[FilterState, list[str]]:
    """Read a FilterState from query parameters; every unusable value is dropped with a notice.

    ``lang`` is accepted and checked (a value that is not a language gets a notice) but is not
    part of the state: read it with :func:`language`.
    """
    notices = _Notices()
    fields: dict[str, object] = {}
    for key, raw in params.items():
        if key == LANGUAGE_PARAM:
            _language_of(raw, notices)
            continue
        spec = (_LISTS.get(key) or _SCALARS.get(key)) if isinstance(key, str) else None
        if spec is None:
            notices.append(t("filter.url_unknown_param", param=shown(key)))
            continue
        values = _values(key, raw, notices)
        if values is None:
            continue
        name, parse_one = spec
        parts = _items(key, values, notices) if key in _LISTS else _scalar(key, values, notices)
        parsed = []
        for part in parts:
            value = parse_one(part, valid)
            if value is None:
                notices.drop(key, part)
            else:
                parsed.append(value)
        if key in _LISTS:
            fields[name] = tuple(parsed)
        elif parsed:
            fields[name] = parsed[0]

    year = fields.get("year")
    if year is not None:
        span = valid.indicators.get(str(fields.get("indicator", DEFAULT_INDICATOR)))
        if span is None or not span[0] <= int(str(year)) <= span[1]:
            notices.drop("year", year, "filter.url_why_year")
            del fields["year"]

    if len(notices) > MAX_NOTICES:
        extra = len(notices) - MAX_NOTICES
        notices[MAX_NOTICES:] = [t("filter.url_more_problems", count=extra)]
    return FilterState(**fields), list(notices)  # type: ignore[arg-type]


def serialise(state: FilterState, lang: str | None = None) -> dict[str, str]:
    """Query parameters for ``state``: only values that differ from the defaults.

    With ``lang``, a language other than the default is added as ``lang=…``.
    """
    params: dict[str, str] = {}
    if lang is not None and lang != DEFAULT_LANGUAGE:
        params[LANGUAGE_PARAM] = lang
    lists = {
        "province": state.provinces,
        "area": state.areas,
        "programme": state.programmes,
        "exit_year": state.exit_years,
    }
    for key, values in lists.items():
        if values:
            params[key] = ",".join(str(v) for v in values)
    if state.still_poor_at_end_of is not None:
        params["still_poor"] = str(state.still_poor_at_end_of)
    if state.sanqu_sanzhou is not None:
        params["sanqu"] = "1" if state.sanqu_sanzhou else "0"
    if not state.poverty_only:
        params["scope"] = "all"
    if state.indicator != DEFAULT_INDICATOR:
        params["indicator"] = state.indicator
    if state.year is not None:
        params["year"] = str(state.year)
    if state.county is not None:
        params["county"] = state.county
    return params
