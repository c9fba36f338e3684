"""Where each pair's ends are: codes → counties, the helper's seat, the recipient's area.

The pairing table (:func:`geo.data.pairings`) names each side by an administrative code;
both ends are placed on the county polygons of :func:`geo.boundaries.counties`, so nothing
here carries a coordinate of its own. A **helper** (帮扶方) is drawn from its *seat*: for a
province its capital, which GB/T 2260 codes as the province's first prefecture (``XX01``);
for a prefecture-level city its first-coded county-level unit (the code list puts the
central urban districts first); for a county the county itself; the point is inside that
county's polygon. A **recipient** (受援方) is the set of counties its code covers (province
``XX0000`` → every ``XX….``; prefecture ``XXYY00`` → every ``XXYY..``; county → itself),
highlighted on the map; its link ends inside their union.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.i18n import current_language, label_of, place

LonLat = tuple[float, float]
UnitLevel = Literal["province", "prefecture", "county"]


UNIT_LEVELS: tuple[UnitLevel, ...] = ("province", "prefecture", "county")
#: Level → catalogue key of its label (省级 / province level …).
UNIT_KEYS: dict[str, str] = {
    "province": "pairing.unit_province",
    "prefecture": "pairing.unit_prefecture",
    "county": "pairing.unit_county",
}


def unit_label(level: str) -> str:
    """The label of a unit level in the current language (the level itself when unknown)."""
    return label_of(UNIT_KEYS, level)


def unit_level(adcode: str) -> UnitLevel:
    """Level of an administrative code: ``XX0000`` province, ``XXYY00`` prefecture, else county."""
    if not re.fullmatch(r"\d{6}", adcode):
        raise ValueError(f"not an administrative code: {adcode!r}")
    if adcode.endswith("0000"):
        return "province"
    if adcode.endswith("00"):
        return "prefecture"
    return "county"


def unit_counties(adcode: str, county_codes: Iterable[str]) -> tuple[str, ...]:
    """The county codes a unit covers (by code prefix), sorted; empty when none is drawn."""
    level = unit_level(adcode)
    if level == "county":
        return (adcode,) if adcode in set(county_codes) else ()
    prefix = adcode[:2] if level == "province" else adcode[:4]
    return tuple(sorted(c for c in county_codes if c.startswith(prefix)))


def seat_county(adcode: str, county_codes: Iterable[str]) -> str | None:
    """The county a helper's link starts from (see the module docstring), or None."""
    codes = list(county_codes)
    level = unit_level(adcode)
    if level == "province":
        capital = unit_counties(adcode[:2] + "0100", codes)
        counties = capital or unit_counties(adcode, codes)
    else:
        counties = unit_counties(adcode, codes)
    return counties[0] if counties else None


def inner_point(geometry: BaseGeometry) -> LonLat:
    """The centroid when it lies inside ``geometry``, else a point guaranteed inside."""
    point = geometry.centroid
    if not geometry.contains(point):
        point = geometry.representative_point()
    return (round(point.x, 4), round(point.y, 4))


def _parts(*parts: str) -> list[str]:
    """The non-empty name parts, a repeat dropped (北京市, 北京市, 朝阳区 → 北京市, 朝阳区)."""
    out: list[str] = []
    for part in parts:
        if part and (not out or out[-1] != part):
            out.append(part)
    return out


def _names(*parts: str) -> str:
    """Join non-empty name parts, dropping a repeat (北京市 + 北京市 + 朝阳区 → 北京市朝阳区)."""
    return "".join(_parts(*parts))


def place_names(*parts: str) -> str:
    """Name parts as shown: ``北京市朝阳区``; in English each with its pinyin,
    ``北京市 (Beijing Shi) 朝阳区 (Chaoyang Qu)``."""
    names = _parts(*parts)
    if current_language() == "zh":
        return "".join(names)
    return " ".join(place(name) for name in names)


def resolve(pairs: pd.DataFrame, counties: gpd.GeoDataFrame) -> pd.DataFrame:
    """The pairing table plus everything needed to draw it.

    Adds ``helper_label``/``recipient_label`` (the most specific unit's name),
    ``helper_full``/``recipient_full`` (with province and prefecture), ``helper_prov``/
    ``recipient_prov`` (two-digit province codes), ``recipient_level``, ``helper_seat``,
    ``helper_counties``/``recipient_counties`` (tuples of county codes),
    ``helper_point``/``recipient_point`` (lon, lat) and ``recipient_bounds``
    (min lon, min lat, max lon, max lat). Raises ``ValueError`` for an end that no county
    polygon covers.
    """
    geometry = dict(zip(counties["adcode"], counties.geometry, strict=True))
    codes = sorted(geometry)
    out = pairs.copy()
    helper_counties, recipient_counties, seats, helper_points, recipient_points, bounds = [], [], [], [], [], []
    area_cache: dict[str, tuple[LonLat, tuple[float, float, float, float]]] = {}
    for row in pairs.itertuples(index=False):
        seat = seat_county(row.helper_adcode, codes)
        covered = unit_counties(row.recipient_adcode, codes)
        if seat is None or not covered:
            raise ValueError(f"pair {row.pair_id}: no county polygon for {row.helper_adcode} or {row.recipient_adcode}")
        if row.recipient_adcode not in area_cache:
            union = shapely.union_all([geometry[c] for c in covered])
            area_cache[row.recipient_adcode] = (inner_point(union), tuple(round(v, 4) for v in union.bounds))
        point, box = area_cache[row.recipient_adcode]
        seats.append(seat)
        helper_counties.append(unit_counties(row.helper_adcode, codes))
        recipient_counties.append(covered)
        helper_points.append(inner_point(geometry[seat]))
        recipient_points.append(point)
        bounds.append(box)
    out["helper_label"] = [
        _names(city, county) if county else (city or prov)
        for prov, city, county in zip(out["helper_province"], out["helper_city"], out["helper_county"], strict=True)
    ]
    out["recipient_label"] = [
        county or pref or prov
        for prov, pref, county in zip(
            out["recipient_province"], out["recipient_prefecture"], out["recipient_county"], strict=True
        )
    ]
    out["helper_full"] = [
        _names(*parts) for parts in zip(out["helper_province"], out["helper_city"], out["helper_county"], strict=True)
    ]
    out["recipient_full"] = [
        _names(*parts)
        for parts in zip(out["recipient_province"], out["recipient_prefecture"], out["recipient_county"], strict=True)
    ]
    out["helper_prov"] = out["helper_adcode"].str[:2]
    out["recipient_prov"] = out["recipient_adcode"].str[:2]
    out["recipient_level"] = [unit_level(c) for c in out["recipient_adcode"]]
    out["helper_seat"] = seats
    out["helper_counties"] = helper_counties
    out["recipient_counties"] = recipient_counties
    out["helper_point"] = helper_points
    out["recipient_point"] = recipient_points
    out["recipient_bounds"] = bounds
    return out.reset_index(drop=True)
