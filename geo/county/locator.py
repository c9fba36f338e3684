"""The locator map's styling: the county, its prefecture and its neighbours, zoomed in.

Reuses the national county layer (:func:`geo.maps.county_map`): one class per county,
the county highlighted, the map fitted to its prefecture and neighbours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.choropleth import ChoroplethStyle, CountyAttributes, encode_selection
from geo.i18n import t
from geo.maps import LegendItem, LegendSpec

# class index → (colour, catalogue key of its legend label)
CLASS_KEYS = (
    ("#b3261e", "county.locator_this"),
    ("#7fcdbb", "county.locator_prefecture"),
    ("#fdae61", "county.locator_neighbour"),
    ("#edf8b1", "county.locator_province"),
    ("#f7f7f7", "county.locator_other"),
)
PAD = 0.15  # degrees around the fitted extent


@dataclass(frozen=True)
class Neighbours:
    """County code → codes of the counties whose polygons touch it."""

    of: Mapping[str, tuple[str, ...]]

    @classmethod
    def build(cls, polygons: gpd.GeoDataFrame) -> Neighbours:
        left, right = polygons.sindex.query(polygons.geometry, predicate="intersects")
        codes = polygons["adcode"].to_numpy()
        pairs = pd.DataFrame({"a": codes[left], "b": codes[right]})
        pairs = pairs[pairs["a"] != pairs["b"]]
        grouped = pairs.groupby("a")["b"].apply(lambda s: tuple(sorted(set(s))))
        return cls({code: grouped.get(code, ()) for code in codes})

    def __call__(self, adcode: str) -> tuple[str, ...]:
        return tuple(self.of.get(adcode, ()))


def same_prefecture(adcode: str, places: pd.DataFrame) -> tuple[str, ...]:
    """Counties of the county's prefecture (for counties without one: the province's others without one)."""
    row = places.loc[places["adcode"] == adcode]
    if row.empty:
        return ()
    province, prefecture = row.iloc[0]["province"], row.iloc[0]["prefecture"]
    mask = (places["province"] == province) & (places["prefecture"] == prefecture)
    return tuple(places.loc[mask, "adcode"])


def locator_style(
    adcode: str, attrs: CountyAttributes, places: pd.DataFrame, neighbours: tuple[str, ...]
) -> tuple[ChoroplethStyle, LegendSpec]:
    """Classes, labels and extent for the locator map of ``adcode``.

    ``places`` has adcode, name, prefecture, province and the bounds minx/miny/maxx/maxy.
    """
    prefecture = set(same_prefecture(adcode, places))
    near = set(neighbours) - prefecture
    province = places.loc[places["adcode"] == adcode, "province"]
    province = province.iloc[0] if not province.empty else None
    in_province = set(places.loc[places["province"] == province, "adcode"])
    labels = [t(key) for _, key in CLASS_KEYS]
    clickable = [t("county.locator_click", label=label) for label in labels]
    classes, values = [], []
    for code in attrs.order:
        if code == adcode:
            cls = 0
        elif code in prefecture:
            cls = 1
        elif code in near:
            cls = 2
        elif code in in_province:
            cls = 3
        else:
            cls = 4
        classes.append(str(cls))
        values.append(clickable[cls] if cls else labels[cls])
    shown = prefecture | near | {adcode}
    extent = places[places["adcode"].isin(shown)]
    fit = None
    if not extent.empty:
        fit = [
            [round(float(extent["miny"].min()) - PAD, 3), round(float(extent["minx"].min()) - PAD, 3)],
            [round(float(extent["maxy"].max()) + PAD, 3), round(float(extent["maxx"].max()) + PAD, 3)],
        ]
    style = ChoroplethStyle(
        indicator=t("county.locator_indicator"),
        classes="".join(classes),
        colors=tuple(color for color, _ in CLASS_KEYS),
        values=tuple(values),
        selection=encode_selection(attrs.order, set(attrs.order)),
        selected=adcode,
        fit=fit,
        visible=("provinces", "borders"),
    )
    present = set(classes)
    items = tuple(LegendItem(CLASS_KEYS[i][0], label) for i, label in enumerate(labels) if str(i) in present)
    note = t("county.locator_note", boundary_note=t("legend.boundary_note"))
    return style, LegendSpec(t("county.locator_title"), items, note=note)
