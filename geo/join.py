"""Join any county table to the county polygons, with a report of what matched and why.

Rows are matched by code when they have one (current or historical MCA code, through
the crosswalk), otherwise by province (and prefecture) plus county name, tolerating
suffix variants (县/市/区/旗/自治县…) and former names. Nothing is guessed: a row that
fits several counties is reported ``ambiguous`` and one that fits none ``unmatched``,
with close names from ``rapidfuzz`` as suggestions.

The report's ``reason`` and ``candidates`` are text for the review table, written in the
language current when the join runs (``join.*`` in ``geo/i18n/catalogue/data.toml``; county
names through :func:`geo.i18n.place`). ``candidates`` is a list joined by :data:`CANDIDATE_SEP`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.codes import CodeBook, codebook, county_stem, province_short
from geo.i18n import place, t

Status = Literal["matched", "unmatched", "ambiguous"]
#: Separates the county labels in a report's ``candidates`` (a stored list, not prose).
CANDIDATE_SEP = "；"  # i18n: data
#: Code levels of the crosswalk (``CodeEntry.level``) → catalogue keys.
LEVEL_KEYS = {"省级": "join.level_province", "地级": "join.level_prefecture", "县级": "join.level_county"}  # i18n: data
REPORT_COLUMNS = [
    "row", "input_code", "input_province", "input_name",
    "status", "adcode", "matched_name", "method", "reason", "candidates",
]  # fmt: skip


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str
    province_code: str  # 2-digit prefix
    prefecture: str


# Name lookups from most to least certain: today's exact name, a former exact name,
# today's name without its suffix, a former name without its suffix.
TIERS = ("name", "former_name", "name_variant", "former_name_variant")


@dataclass
class Gazetteer:
    """Every county-level unit we can draw, indexed by code and by name."""

    places: dict[str, Place]
    book: CodeBook
    # tier -> (province prefix, text) -> current codes, and tier -> text -> codes nationwide
    by_province: dict[str, dict[tuple[str, str], set[str]]] = field(default_factory=dict)
    nationwide: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    province_codes: dict[str, str] = field(default_factory=dict)
    # province prefix (or None) -> _NamePool, built on first use by similar()
    _pools: dict[str | None, _NamePool] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, polygons: pd.DataFrame, book: CodeBook | None = None) -> Gazetteer:
        """Index the polygon layer's counties plus the former names in the crosswalk."""
        book = book or codebook()
        places = {
            row.adcode: Place(row.adcode, row.name, row.adcode[:2], row.prefecture)
            for row in polygons[["adcode", "name", "prefecture"]].itertuples(index=False)
        }
        gaz = cls(places=places, book=book, province_codes=book.province_codes())
        for unit in places.values():
            gaz._index("name", unit.province_code, unit.name, unit.adcode)
            gaz._index("name_variant", unit.province_code, county_stem(unit.name), unit.adcode)
        for code, entries in book.entries.items():
            for entry in entries:
                if entry.level != "县级":
                    continue
                for target in book.resolve(code):
                    if target in places:
                        gaz._index("former_name", code[:2], entry.name, target)
                        gaz._index("former_name_variant", code[:2], county_stem(entry.name), target)
        return gaz

    def _index(self, tier: str, province: str, text: str, adcode: str) -> None:
        self.by_province.setdefault(tier, {}).setdefault((province, text), set()).add(adcode)
        self.nationwide.setdefault(tier, {}).setdefault(text, set()).add(adcode)

    def lookup(self, name: str, province: str | None) -> tuple[str, set[str]]:
        """The first tier with candidates for ``name`` (in ``province`` if given)."""
        for tier in TIERS:
            text = name if tier in ("name", "former_name") else county_stem(name)
            if province:
                found = self.by_province.get(tier, {}).get((province, text), set())
            else:
                found = self.nationwide.get(tier, {}).get(text, set())
            if found:
                return tier, set(found)
        return "", set()

    def province_prefix(self, value: object) -> str | None:
        """2-digit prefix for a province given as 云南 / 云南省 / 53 / 530000."""
        text = _clean(value)
        if not text:
            return None
        if text.isdigit() and len(text) in (2, 6):
            return text[:2]
        return self.province_codes.get(province_short(text))

    def similar(
        self, name: str, prefix: str | None = None, *, limit: int = 3, score_cutoff: float = 60
    ) -> list[tuple[str, float, str]]:
        """Today's county names closest to ``name`` (in province ``prefix`` if given).

        A list of ``(name, score, adcode)``, best first, as ``rapidfuzz.process.extract`` over
        ``{adcode: name}`` of every place in the province (or the country) returns it.
        """
        pool = self._pools.get(prefix)
        if pool is None:
            pool = self._pools[prefix] = _NamePool.build(
                {c: p.name for c, p in self.places.items() if prefix is None or p.province_code == prefix}
            )
        choices = pool.plausible(name, score_cutoff)
        return process.extract(name, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=score_cutoff)


@dataclass(frozen=True)
class _NamePool:
    """Candidate names for fuzzy suggestions, with a character index to skip hopeless ones.

    ``fuzz.WRatio`` against ~2,900 names costs ~2.5 ms a row (9 s for 3,000 unknown names), so
    candidates are first filtered by an upper bound that is exact, not a heuristic: every
    score WRatio combines (ratio, partial_ratio, token ratios) is an Indel similarity
    ``2·LCS / (len(a) + len(b))`` between the query and a (sub)string of the other side, where
    LCS is at most the number ``m`` of characters the two names share (as multisets) and at
    most the substring length ``i``; over all ``i`` this is at most ``2m / (shorter + m)``. A
    name whose bound is below the cutoff cannot reach it, so dropping it changes nothing; the
    kept names stay in their original order, so ties are still broken the same way.
    """

    choices: dict[str, str]  # adcode -> name, in gazetteer order
    codes: np.ndarray  # object array of adcodes
    lengths: np.ndarray  # name lengths
    chars: dict[str, tuple[np.ndarray, np.ndarray]]  # char -> (positions, counts)

    @classmethod
    def build(cls, choices: dict[str, str]) -> _NamePool:
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, text in enumerate(choices.values()):
            for char, n in Counter(text).items():
                pos, counts = postings.setdefault(char, ([], []))
                pos.append(i)
                counts.append(n)
        chars = {c: (np.array(p, dtype=np.intp), np.array(n, dtype=np.int64)) for c, (p, n) in postings.items()}
        lengths = np.array([len(t) for t in choices.values()], dtype=np.int64)
        return cls(choices, np.array(list(choices), dtype=object), lengths, chars)

    def plausible(self, query: str, score_cutoff: float) -> dict[str, str]:
        shared = np.zeros(len(self.lengths), dtype=np.int64)
        for char, n in Counter(query).items():
            if char in self.chars:
                pos, counts = self.chars[char]
                shared[pos] += np.minimum(counts, n)
        shorter = np.minimum(self.lengths, len(query))
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = np.where(shared > 0, 200.0 * shared / (shorter + shared), 0.0)
        keep = bound >= score_cutoff - 1e-6
        return {code: self.choices[code] for code in self.codes[keep]}


def _clean(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return re.sub(r"\s+", "", str(value))


def normalise_code(value: object) -> str:
    """'130631.0', ' 130631 ', '156130631', '130631000000' -> '130631'; '' if not a code."""
    text = _clean(value).removesuffix(".0")
    if text.startswith("156") and len(text) == 9:
        text = text[3:]
    if len(text) == 12 and text.isdigit():
        text = text[:6]
    return text if len(text) == 6 and text.isdigit() else ""


@dataclass(frozen=True)
class JoinReport:
    """One row per input row: status, matched code, method and reason."""

    rows: pd.DataFrame

    def count(self, status: Status) -> int:
        return int((self.rows["status"] == status).sum())

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("matched", "unmatched", "ambiguous")}

    def of(self, status: Status) -> pd.DataFrame:
        return self.rows[self.rows["status"] == status]


def match_counties(
    table: pd.DataFrame,
    gazetteer: Gazetteer,
    *,
    code: str | None = None,
    province: str | None = None,
    name: str | None = None,
    prefecture: str | None = None,
) -> JoinReport:
    """Match each row of ``table`` to a county code; see the module docstring."""
    if code is None and name is None:
        raise ValueError("give a code column, a name column, or both")
    for col in (code, province, name, prefecture):
        if col is not None and col not in table.columns:
            raise KeyError(f"column {col!r} not in table")
    records = []
    for idx, inputs in _key_cells(table, code=code, province=province, name=name, prefecture=prefecture):
        result = _match_row(inputs, gazetteer)
        records.append(
            {
                "row": idx,
                "input_code": _clean(inputs["code"]),
                "input_province": _clean(inputs["province"]),
                "input_name": _clean(inputs["name"]),
                **result,
            }
        )
    return JoinReport(pd.DataFrame.from_records(records, columns=REPORT_COLUMNS))


def _key_cells(table: pd.DataFrame, **columns: str | None) -> Iterator[tuple[object, dict[str, object]]]:
    """(index, {role: cell}) per row: the cells ``table.iterrows()`` would give, read faster.

    ``iterrows`` builds a Series per row (~0.1 ms each: most of a 3,000-row join); reading the
    same positions from ``table.values`` yields the same, identically upcast cells. With
    duplicate column names (where ``row[col]`` is itself a Series) it falls back to iterrows.
    """
    if not table.columns.is_unique:
        for idx, row in table.iterrows():
            yield idx, {role: row[col] if col else None for role, col in columns.items()}
        return
    positions = {role: table.columns.get_loc(col) if col else None for role, col in columns.items()}
    for idx, values in zip(table.index, table.values, strict=True):
        yield idx, {role: None if pos is None else values[pos] for role, pos in positions.items()}


def _result(status: Status, adcode: str, gaz: Gazetteer, method: str, reason: str, cands=()) -> dict:
    place = gaz.places.get(adcode)
    return {
        "status": status,
        "adcode": adcode,
        "matched_name": place.name if place else "",
        "method": method,
        "reason": reason,
        "candidates": CANDIDATE_SEP.join(county_label(gaz, c) for c in sorted(cands)),
    }


def county_label(gaz: Gazetteer, adcode: str) -> str:
    """``130624 保定市阜平县`` / ``130624 阜平县 (Fuping Xian), 保定市 (Baoding Shi)``: a candidate county."""
    found = gaz.places.get(adcode)
    if found is None:
        return adcode
    return t("join.county_label", adcode=adcode, prefecture=place(found.prefecture), name=place(found.name))


def _match_row(inputs: dict, gaz: Gazetteer) -> dict:
    by_code = _match_code(inputs["code"], gaz)
    by_name = _match_name(inputs, gaz) if _clean(inputs["name"]) else None
    if by_code is None:
        if by_name is None:
            return _result("unmatched", "", gaz, "", t("join.no_code_or_name"))
        return by_name
    both = by_code["status"] == "matched" and by_name and by_name["status"] == "matched"
    if both and by_name["adcode"] != by_code["adcode"]:
        reason = t(
            "join.code_name_disagree",
            code_county=place(by_code["matched_name"]),
            name_county=place(by_name["matched_name"]),
        )
        cands = {by_code["adcode"], by_name["adcode"]}
        return _result("ambiguous", "", gaz, "code+name", reason, cands)
    if by_code["status"] == "matched" and by_name and by_name["status"] == "unmatched":
        reason = t(
            "join.code_name_mismatch",
            code=by_code["adcode"],
            county=place(by_code["matched_name"]),
            name=_clean(inputs["name"]),
        )
        return _result("ambiguous", "", gaz, "code+name", reason, {by_code["adcode"]})
    if by_code["status"] != "matched" and by_name and by_name["status"] == "matched":
        return {**by_name, "reason": t("join.matched_by_name", reason=by_code["reason"])}
    return by_code


def _match_code(value: object, gaz: Gazetteer) -> dict | None:
    raw = _clean(value)
    if not raw:
        return None
    code = normalise_code(raw)
    if not code:
        return _result("unmatched", "", gaz, "code", t("join.not_a_code", text=raw))
    if code in gaz.places:
        return _result("matched", code, gaz, "code", "")
    targets = [c for c in gaz.book.resolve(code) if c in gaz.places]
    if len(targets) == 1:
        return _result("matched", targets[0], gaz, "historical_code", t("join.old_code", code=code, target=targets[0]))
    if len(targets) > 1:
        return _result("ambiguous", "", gaz, "historical_code", t("join.old_code_split", code=code), targets)
    entry = gaz.book.current.get(code)
    if entry is not None:
        level = t(LEVEL_KEYS[entry.level]) if entry.level in LEVEL_KEYS else entry.level
        reason = t("join.not_county_level", code=code, level=level, name=place(entry.name))
        return _result("unmatched", "", gaz, "code", reason)
    return _result("unmatched", "", gaz, "code", t("join.code_unknown", code=code))


def _match_name(inputs: dict, gaz: Gazetteer) -> dict:
    name = _clean(inputs["name"])
    province_text = _clean(inputs["province"])
    prefix = gaz.province_prefix(province_text)
    if province_text and prefix is None:
        return _result("unmatched", "", gaz, "name", t("join.province_unknown", province=province_text))
    method, cands = gaz.lookup(name, prefix)
    prefecture = _clean(inputs["prefecture"])
    if len(cands) > 1 and prefecture:
        pref_stem = county_stem(prefecture)
        narrowed = {c for c in cands if county_stem(gaz.places[c].prefecture) == pref_stem}
        cands = narrowed or cands
    if len(cands) == 1:
        return _result("matched", cands.pop(), gaz, method, "")
    if len(cands) > 1:
        if province_text:
            reason = t("join.several_in_province", province=province_text, count=len(cands), name=name)
        else:
            reason = t("join.several_nationwide", count=len(cands), name=name)
        return _result("ambiguous", "", gaz, method, reason, cands)
    return _result("unmatched", "", gaz, "name", _no_match_reason(name, prefix, gaz))


def _no_match_reason(name: str, prefix: str | None, gaz: Gazetteer) -> str:
    close = gaz.similar(name, prefix, limit=3, score_cutoff=60)
    similar = t("common.list_separator").join(
        t("join.similar_county", name=place(label), code=code) for label, _, code in close
    )
    return t("join.not_found", name=name) + (t("join.similar", counties=similar) if close else "")


def join_to_polygons(polygons: gpd.GeoDataFrame, table: pd.DataFrame, report: JoinReport) -> gpd.GeoDataFrame:
    """Left-join the matched rows of ``table`` onto ``polygons`` by code.

    Several input rows matching one polygon (e.g. two former units now merged) keep the
    first row; the report tells which rows those were.
    """
    matched = report.of("matched")[["row", "adcode"]]
    attrs = table.loc[matched["row"]].assign(adcode=matched["adcode"].to_numpy())
    attrs = attrs.drop_duplicates("adcode")
    overlap = [c for c in attrs.columns if c in polygons.columns and c != "adcode"]
    return polygons.merge(attrs.drop(columns=overlap), on="adcode", how="left")
