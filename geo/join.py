"""Join any county table to the county polygons, with a report of what matched and why.

Rows are matched by code when they have one (current or historical MCA code, through
the crosswalk), otherwise by province (and prefecture) plus county name, tolerating
suffix variants (县/市/区/旗/自治县…) and former names. Nothing is guessed: a row that
fits several counties is reported ``ambiguous`` and one that fits none ``unmatched``,
with close names from ``rapidfuzz`` as suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import pandas as pd
from rapidfuzz import fuzz, process

from geo.codes import CodeBook, codebook, county_stem, province_short

Status = Literal["matched", "unmatched", "ambiguous"]
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

    @classmethod
    def build(cls, polygons: pd.DataFrame, book: CodeBook | None = None) -> Gazetteer:
        """Index the polygon layer's counties plus the former names in the crosswalk."""
        book = book or codebook()
        places = {
            row.adcode: Place(row.adcode, row.name, row.adcode[:2], row.prefecture)
            for row in polygons[["adcode", "name", "prefecture"]].itertuples(index=False)
        }
        gaz = cls(places=places, book=book, province_codes=book.province_codes())
        for place in places.values():
            gaz._index("name", place.province_code, place.name, place.adcode)
            gaz._index("name_variant", place.province_code, county_stem(place.name), place.adcode)
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
    for idx, row in table.iterrows():
        inputs = {
            "code": row[code] if code else None,
            "province": row[province] if province else None,
            "name": row[name] if name else None,
            "prefecture": row[prefecture] if prefecture else None,
        }
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


def _result(status: Status, adcode: str, gaz: Gazetteer, method: str, reason: str, cands=()) -> dict:
    place = gaz.places.get(adcode)
    return {
        "status": status,
        "adcode": adcode,
        "matched_name": place.name if place else "",
        "method": method,
        "reason": reason,
        "candidates": "；".join(_describe(gaz, c) for c in sorted(cands)),
    }


def _describe(gaz: Gazetteer, adcode: str) -> str:
    place = gaz.places.get(adcode)
    return f"{adcode} {place.prefecture}{place.name}" if place else adcode


def _match_row(inputs: dict, gaz: Gazetteer) -> dict:
    by_code = _match_code(inputs["code"], gaz)
    by_name = _match_name(inputs, gaz) if _clean(inputs["name"]) else None
    if by_code is None:
        if by_name is None:
            return _result("unmatched", "", gaz, "", "缺少区划代码和名称")
        return by_name
    both = by_code["status"] == "matched" and by_name and by_name["status"] == "matched"
    if both and by_name["adcode"] != by_code["adcode"]:
        reason = f"代码指向{by_code['matched_name']}，名称指向{by_name['matched_name']}"
        cands = {by_code["adcode"], by_name["adcode"]}
        return _result("ambiguous", "", gaz, "code+name", reason, cands)
    if by_code["status"] == "matched" and by_name and by_name["status"] == "unmatched":
        reason = f"代码{by_code['adcode']}是{by_code['matched_name']}，与名称“{_clean(inputs['name'])}”不符"
        return _result("ambiguous", "", gaz, "code+name", reason, {by_code["adcode"]})
    if by_code["status"] != "matched" and by_name and by_name["status"] == "matched":
        return {**by_name, "reason": f"{by_code['reason']}；按名称匹配"}
    return by_code


def _match_code(value: object, gaz: Gazetteer) -> dict | None:
    raw = _clean(value)
    if not raw:
        return None
    code = normalise_code(raw)
    if not code:
        return _result("unmatched", "", gaz, "code", f"“{raw}”不是6位区划代码")
    if code in gaz.places:
        return _result("matched", code, gaz, "code", "")
    targets = [c for c in gaz.book.resolve(code) if c in gaz.places]
    if len(targets) == 1:
        return _result("matched", targets[0], gaz, "historical_code", f"旧代码{code}→{targets[0]}")
    if len(targets) > 1:
        return _result("ambiguous", "", gaz, "historical_code", f"旧代码{code}已拆分", targets)
    entry = gaz.book.current.get(code)
    if entry is not None:
        return _result("unmatched", "", gaz, "code", f"{code}是{entry.level}代码（{entry.name}），不是县级")
    return _result("unmatched", "", gaz, "code", f"代码{code}不在边界数据中")


def _match_name(inputs: dict, gaz: Gazetteer) -> dict:
    name = _clean(inputs["name"])
    province_text = _clean(inputs["province"])
    prefix = gaz.province_prefix(province_text)
    if province_text and prefix is None:
        return _result("unmatched", "", gaz, "name", f"无法识别省份“{province_text}”")
    method, cands = gaz.lookup(name, prefix)
    prefecture = _clean(inputs["prefecture"])
    if len(cands) > 1 and prefecture:
        pref_stem = county_stem(prefecture)
        narrowed = {c for c in cands if county_stem(gaz.places[c].prefecture) == pref_stem}
        cands = narrowed or cands
    if len(cands) == 1:
        return _result("matched", cands.pop(), gaz, method, "")
    if len(cands) > 1:
        where = f"{province_text}有" if province_text else "全国有"
        return _result("ambiguous", "", gaz, method, f"{where}{len(cands)}个“{name}”", cands)
    return _result("unmatched", "", gaz, "name", _no_match_reason(name, prefix, gaz))


def _no_match_reason(name: str, prefix: str | None, gaz: Gazetteer) -> str:
    pool = {c: p.name for c, p in gaz.places.items() if prefix is None or p.province_code == prefix}
    close = process.extract(name, pool, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    hint = "；相近：" + "、".join(f"{label}({code})" for label, _, code in close) if close else ""
    return f"找不到“{name}”{hint}"


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
