"""The county base map of the relocation page: counties with named sites shaded, the 832
lightly, others white, outside the selection grey; and the legend of markers and shading."""

from __future__ import annotations

from collections.abc import Mapping

from geo import maps
from geo.choropleth import ChoroplethStyle, CountyAttributes, encode_selection
from geo.i18n import t
from geo.relocation.labels import placement_label
from geo.relocation.markers import COLOR_KNOWN, COLOR_UNKNOWN

SITE_COUNTY_COLOR = "#fdd49e"
POOR_COUNTY_COLOR = "#fff4e0"
OTHER_COUNTY_COLOR = "#ffffff"
#: Class index → (colour, catalogue key of its legend label).
COUNTY_CLASSES = (
    (SITE_COUNTY_COLOR, "relocation.class_site_county"),
    (POOR_COUNTY_COLOR, "relocation.class_poor_county"),
    (OTHER_COUNTY_COLOR, "relocation.class_other_county"),
)


def map_title() -> str:
    """The map's title (and its indicator in the tooltip) in the current language."""
    return t("relocation.map_title")


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
        indicator=map_title(),
        classes="".join(classes),
        colors=tuple(color for color, _ in COUNTY_CLASSES),
        values=tuple(values.get(code, "") for code in attrs.order),
        selection=encode_selection(attrs.order, shown),
        fit=fit,
    )
    present = {c for c, code in zip(style.classes, attrs.order, strict=True) if code in shown}
    items = [
        maps.LegendItem(COLOR_KNOWN, t("relocation.legend_site_sized")),
        maps.LegendItem(COLOR_UNKNOWN, t("relocation.legend_site_unknown", no_people=t("relocation.no_people"))),
    ]
    items += [maps.LegendItem(color, t(key)) for i, (color, key) in enumerate(COUNTY_CLASSES) if str(i) in present]
    items += maps.outside_legend(style.selection)
    note = t("relocation.legend_note", placement=placement_label("county"), boundary_note=t("legend.boundary_note"))
    return style, maps.LegendSpec(map_title(), tuple(items), note=note)
