"""Per-county styling arrays for the browser's county layer (``static/atlas/atlas_map.js``).

The county geometry is a static TopoJSON file; a rerun only sends these arrays, each
aligned with the polygon order of :func:`geo.boundaries.counties` (sorted by code).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import current_language, number

NO_CLASS = "-"
EXIT_BASE_YEAR = 2015  # exit years 2016–2020 travel as one digit: year - 2015


@dataclass(frozen=True)
class CountyAttributes:
    """What never changes within a session: exit year, area membership, area labels."""

    order: tuple[str, ...]
    exit: str
    area: tuple[int, ...]
    area_names: tuple[str, ...]
    area_labels: tuple[dict, ...]
    # per polygon: e(xplicit), d(erived), u(nverified) source for the area membership, - if none
    evidence: str = ""
    # the prefecture and province names of the polygons (the map's English tooltips add their pinyin)
    regions: tuple[str, ...] = ()


def county_attributes(polygons: gpd.GeoDataFrame, poverty: pd.DataFrame) -> CountyAttributes:
    """Encode the 832 list's exit year and contiguous area per polygon."""
    listed = poverty.drop_duplicates("polygon_adcode").set_index("polygon_adcode")
    order = tuple(polygons["adcode"])
    exit_years = listed["exit_year"].reindex(order)
    exit_codes = "".join(NO_CLASS if pd.isna(y) else str(int(y) - EXIT_BASE_YEAR) for y in exit_years)
    areas = listed["contiguous_area"].reindex(order).fillna("")
    names = tuple(sorted(a for a in areas.unique() if a))
    index = {name: i for i, name in enumerate(names)}
    area_idx = tuple(index.get(a, -1) for a in areas)
    members = polygons.assign(area=areas.to_numpy())
    dissolved = members[members["area"] != ""].dissolve("area")
    points = dissolved.geometry.representative_point()
    labels = tuple({"name": name, "lat": round(p.y, 3), "lon": round(p.x, 3)} for name, p in points.items())
    evidence = "".join(
        (e or NO_CLASS)[0] for e in listed["area_evidence"].reindex(order).fillna("").replace("", NO_CLASS)
    )
    regions = tuple(
        sorted({n for column in ("prefecture", "province") if column in polygons for n in polygons[column] if n})
    )
    return CountyAttributes(order, exit_codes, area_idx, names, labels, evidence, regions)


def encode_classes(order: Sequence[str], class_of: pd.Series) -> str:
    """One character per county: the class index in base 36, ``-`` for no data."""
    aligned = class_of.reindex(list(order))
    return "".join(NO_CLASS if pd.isna(c) or c < 0 else np.base_repr(int(c), 36).lower() for c in aligned)


def encode_selection(order: Sequence[str], selected: set[str]) -> str:
    """One character per county: ``1`` when the county is in the current selection."""
    return "".join("1" if code in selected else "0" for code in order)


def format_value(value: float, unit: str) -> str:
    """Human-readable value with unit: 12,345 元, 4.5 %, 23.4 万人 (English: 234,000 people)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if current_language() != "zh":
        return number(value, unit)
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


@dataclass(frozen=True)
class ChoroplethStyle:
    """Everything the browser needs to colour and label the counties for one view."""

    indicator: str | None
    classes: str
    colors: tuple[str, ...]
    values: tuple[str, ...]
    selection: str
    selected: str | None = None
    fit: list[list[float]] | None = None
    visible: tuple[str, ...] = field(default_factory=tuple)
