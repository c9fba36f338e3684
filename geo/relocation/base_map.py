"""The county base map of the relocation page: counties with named sites shaded, the 832
lightly, others white, outside the selection grey; and the legend of markers and shading."""

from __future__ import annotations

from collections.abc import Mapping

from geo import maps
from geo.choropleth import ChoroplethStyle, CountyAttributes, encode_selection
from geo.relocation.labels import NO_PEOPLE, PLACEMENT_LABELS
from geo.relocation.markers import COLOR_KNOWN, COLOR_UNKNOWN

SITE_COUNTY_COLOR = "#fdd49e"
POOR_COUNTY_COLOR = "#fff4e0"
OTHER_COUNTY_COLOR = "#ffffff"
COUNTY_CLASSES = (
    (SITE_COUNTY_COLOR, "有具名安置点的县"),
    (POOR_COUNTY_COLOR, "国家贫困县（无具名安置点）"),
    (OTHER_COUNTY_COLOR, "其他县（无具名安置点）"),
)
MAP_TITLE = "易地扶贫搬迁安置点"


def base_style(
    attrs: CountyAttributes,
    codes: set[str],
    site_counties: set[str],
    values: Mapping[str, str],
    fit: list[list[float]] | None,
) -> tuple[ChoroplethStyle, maps.LegendSpec]:
    """Counties with named sites shaded, the 832 lightly, others white; outside the selection grey."""
    classes = []
    for code, exit_code in zip(attrs.order, attrs.exit, strict=True):
        if code in site_counties:
            classes.append("0")
        elif exit_code != "-":
            classes.append("1")
        else:
            classes.append("2")
    shown = codes | site_counties
    style = ChoroplethStyle(
        indicator=MAP_TITLE,
        classes="".join(classes),
        colors=tuple(color for color, _ in COUNTY_CLASSES),
        values=tuple(values.get(code, "") for code in attrs.order),
        selection=encode_selection(attrs.order, shown),
        fit=fit,
    )
    present = {c for c, code in zip(style.classes, attrs.order, strict=True) if code in shown}
    items = [
        maps.LegendItem(COLOR_KNOWN, "安置点（圆面积∝搬迁人数）"),
        maps.LegendItem(COLOR_UNKNOWN, f"安置点（{NO_PEOPLE}）"),
    ]
    items += [maps.LegendItem(color, label) for i, (color, label) in enumerate(COUNTY_CLASSES) if str(i) in present]
    items += maps.outside_legend(style.selection)
    note = f"虚线圈：{PLACEMENT_LABELS['county']}；{maps.BOUNDARY_NOTE}"
    return style, maps.LegendSpec(MAP_TITLE, tuple(items), note=note)
