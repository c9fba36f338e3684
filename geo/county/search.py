"""Find a county by Chinese name, pinyin (initials or full) or administrative code.

``SearchIndex.build`` indexes every county polygon once; ``search`` ranks the hits:
exact code, exact name, name prefix, pinyin initials, full pinyin, substring, then
prefecture/province names. Within a rank the 832 poverty counties come first. Names
shared by several counties (鼓楼区, 城关区…) are flagged so their labels name the
prefecture and province.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from pypinyin import Style, lazy_pinyin, pinyin

from geo.codes import county_stem
from geo.i18n import place, t

MAX_QUERY = 40
MAX_READINGS = 16  # pinyin combinations kept per name (heteronyms multiply)
DEFAULT_LIMIT = 12
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"^[a-z]+$")
_DIGITS = re.compile(r"^\d+$")

# Ranks (lower is better). ALT_READING: a match only through a rarer reading of a character
# (heteronyms such as 长 zhang/chang), ranked after the usual readings.
EXACT_CODE, EXACT_NAME, OLD_CODE, NAME_PREFIX, INITIALS, PINYIN, INITIALS_PREFIX, PINYIN_PREFIX = range(8)
ALT_READING, CODE_PREFIX, SUBSTRING, PLACE = 8, 9, 10, 11


@dataclass(frozen=True)
class Entry:
    """One county polygon as the index sees it."""

    adcode: str
    name: str
    prefecture: str
    province: str
    poverty: bool
    names: tuple[str, ...]  # name, stem, aliases (e.g. 冷湖行委 drawn by 茫崖市)
    initials: frozenset[str]  # usual (phrase-aware) readings
    spellings: frozenset[str]
    alt_initials: frozenset[str] = frozenset()  # heteronym combinations
    alt_spellings: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Hit:
    """A ranked search result."""

    adcode: str
    name: str
    prefecture: str
    province: str
    poverty: bool
    ambiguous: bool
    rank: int
    note: str = ""

    @property
    def label(self) -> str:
        """Display text: the name, where it is (prefecture too when the name is shared), the code."""
        where = place(self.province)
        if self.ambiguous and self.prefecture:
            where = t("county.search_where", province=where, prefecture=place(self.prefecture))
        tag = t("county.search_tag_poverty") if self.poverty else ""
        note = f" · {self.note}" if self.note else ""
        return t("county.search_hit", name=place(self.name), where=where, adcode=self.adcode, tag=tag, note=note)


def normalise(query: object) -> str:
    """Lower-case, NFKC (full-width → ASCII), no whitespace or punctuation, at most 40 chars."""
    if not isinstance(query, str):
        return ""
    text = unicodedata.normalize("NFKC", query).lower()
    text = "".join(ch for ch in text if ch.isalnum() or _CJK.match(ch))
    return text[:MAX_QUERY]


def _readings(name: str, style: Style) -> tuple[str, set[str]]:
    """The usual (phrase-aware) spelling of ``name`` and its heteronym combinations (capped)."""
    usual = "".join(lazy_pinyin(name, style=style)).lower()
    options = pinyin(name, style=style, heteronym=True)
    others = {"".join(c).lower() for c in itertools.islice(itertools.product(*options), MAX_READINGS)}
    return usual, others - {usual, ""}


@dataclass(frozen=True)
class SearchIndex:
    entries: tuple[Entry, ...]
    name_counts: dict[str, int]
    by_code: dict[str, Entry]
    resolve: Callable[[str], tuple[str, ...]] | None = None

    @classmethod
    def build(
        cls,
        polygons: pd.DataFrame,
        poverty: pd.DataFrame | None = None,
        resolve: Callable[[str], tuple[str, ...]] | None = None,
    ) -> SearchIndex:
        """Index ``polygons`` (adcode, name, prefecture, province).

        ``poverty`` (adcode, name, polygon_adcode, name_then) marks the 832 and adds their
        listed names as aliases; ``resolve`` maps a retired code to today's code(s).
        """
        aliases: dict[str, set[str]] = {}
        listed: set[str] = set()
        if poverty is not None:
            for row in poverty.itertuples(index=False):
                listed.add(row.polygon_adcode)
                aliases.setdefault(row.polygon_adcode, set()).update(n for n in (row.name, row.name_then) if n)
        entries = []
        for row in polygons.itertuples(index=False):
            names = dict.fromkeys([row.name, county_stem(row.name)])
            for alias in sorted(aliases.get(row.adcode, ())):
                names.update(dict.fromkeys([alias, county_stem(alias)]))
            initials: set[str] = set()
            spellings: set[str] = set()
            alt_initials: set[str] = set()
            alt_spellings: set[str] = set()
            for n in names:
                usual, others = _readings(n, Style.FIRST_LETTER)
                initials.add(usual)
                alt_initials |= others
                usual, others = _readings(n, Style.NORMAL)
                spellings.add(usual)
                alt_spellings |= others
            entries.append(
                Entry(
                    adcode=row.adcode,
                    name=row.name,
                    prefecture=row.prefecture or "",
                    province=row.province,
                    poverty=row.adcode in listed,
                    names=tuple(names),
                    initials=frozenset(initials),
                    spellings=frozenset(spellings),
                    alt_initials=frozenset(alt_initials - initials),
                    alt_spellings=frozenset(alt_spellings - spellings),
                )
            )
        counts = Counter(e.name for e in entries)
        return cls(tuple(entries), dict(counts), {e.adcode: e for e in entries}, resolve)

    def hit(self, entry: Entry, rank: int, note: str = "") -> Hit:
        return Hit(
            adcode=entry.adcode,
            name=entry.name,
            prefecture=entry.prefecture,
            province=entry.province,
            poverty=entry.poverty,
            ambiguous=self.name_counts.get(entry.name, 0) > 1,
            rank=rank,
            note=note,
        )

    def search(self, query: object, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """Ranked hits for ``query``; ``[]`` for empty or junk input."""
        q = normalise(query)
        if not q:
            return []
        if _DIGITS.match(q):
            hits = self._by_code(q)
        elif _LATIN.match(q):
            hits = [self.hit(e, r) for e in self.entries if (r := _latin_rank(e, q)) is not None]
        else:
            hits = [self.hit(e, r) for e in self.entries if (r := _text_rank(e, q)) is not None]
        hits.sort(key=lambda h: (h.rank, not h.poverty, h.adcode))
        return hits[: max(limit, 0)]

    def _by_code(self, q: str) -> list[Hit]:
        if q in self.by_code:
            return [self.hit(self.by_code[q], EXACT_CODE)]
        if len(q) == 6 and self.resolve is not None:
            current = [c for c in self.resolve(q) if c in self.by_code]
            if current:
                return [self.hit(self.by_code[c], OLD_CODE, note=t("county.search_old_code", code=q)) for c in current]
        if len(q) < 2 or len(q) >= 6:
            return []
        return [self.hit(e, CODE_PREFIX) for e in self.entries if e.adcode.startswith(q)]


def _latin_rank(entry: Entry, q: str) -> int | None:
    if q in entry.initials:
        return INITIALS
    if q in entry.spellings:
        return PINYIN
    if any(s.startswith(q) for s in entry.initials):
        return INITIALS_PREFIX
    if len(q) >= 2 and any(s.startswith(q) for s in entry.spellings):
        return PINYIN_PREFIX
    if q in entry.alt_initials or q in entry.alt_spellings:
        return ALT_READING
    if len(q) >= 2 and any(s.startswith(q) for s in entry.alt_initials | entry.alt_spellings):
        return ALT_READING
    return None


def _text_rank(entry: Entry, q: str) -> int | None:
    if q in entry.names:
        return EXACT_NAME
    if any(n.startswith(q) for n in entry.names):
        return NAME_PREFIX
    if any(q in n for n in entry.names):
        return SUBSTRING
    if len(q) >= 2 and (q in entry.prefecture or q in entry.province):
        return PLACE
    return None
