"""Folium map builders. Plain functions: they return ``folium.Map`` objects with every
asset served locally (see :mod:`geo.offline`) and no basemap unless one is configured.

Every text on the map (legend, layer names, extent buttons, tooltip labels) is in the current
language (:mod:`geo.i18n`); in English, place names carry their pinyin.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import folium
from branca.element import Element, Figure, MacroElement, Template
from folium.elements import JSCSSMixin

from geo.boundaries import TOPOLOGY_OBJECT
from geo.choropleth import EXIT_BASE_YEAR, NO_CLASS, ChoroplethStyle, CountyAttributes, encode_selection
from geo.classify import NO_DATA_COLOR
from geo.i18n import current_language, place, t
from geo.i18n.places import romanize
from geo.offline import localize

# Maps of China show the South China Sea islands: the default view is the full extent;
# a button zooms to the mainland.
CHINA_BOUNDS = [[3.4, 73.0], [53.6, 135.1]]
MAINLAND_BOUNDS = [[17.0, 73.0], [53.6, 135.1]]
# Extent buttons: catalogue keys of the label and the tooltip, bounds.
EXTENT_KEYS = (
    ("map.extent_full", "map.extent_full_title", CHINA_BOUNDS),
    ("map.extent_mainland", "map.extent_mainland", MAINLAND_BOUNDS),
)
OUTSIDE_COLOR = "#e9e9e9"  # counties outside the current selection
# ColorBrewer YlGnBu-5 (colour-blind safe): later exit = darker.
EXIT_YEAR_COLORS = {2016: "#ffffcc", 2017: "#a1dab4", 2018: "#41b6c4", 2019: "#2c7fb8", 2020: "#253494"}
TILE_URL_ENV = "ATLAS_TILE_URL"


def boundary_note() -> str:
    """Where the boundaries come from (a map's foot), in the current language."""
    return t("legend.boundary_note")


@dataclass(frozen=True)
class LegendItem:
    color: str
    label: str


@dataclass(frozen=True)
class LegendSpec:
    """What a legend says; :class:`Legend` draws it (specs are safe to cache and share)."""

    title: str
    items: tuple[LegendItem, ...]
    note: str = ""


class _Rendered(Element):
    """Markup that is already rendered: kept as text, not compiled as a jinja template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Rendered"
        self._text = text

    def render(self, **kwargs) -> str:  # noqa: ARG002 - Element's signature
        return self._text


class PrerenderedMacro(MacroElement):
    """:class:`~branca.element.MacroElement` whose rendered macros go into the figure as text.

    Branca wraps each macro's output in ``Element(output)``, which compiles that output as a
    new jinja template on every render; for the county layer that is ~40 KB of JSON lexed
    twice per rerun (streamlit-folium renders the figure twice), the largest single cost of a
    map rerun. The output is the same (rendering a template without jinja syntax returns it).
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("You cannot render this Element if it is not in a Figure.")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if (macro := macros.get(part)) is not None:
                getattr(figure, part).add_child(_Rendered(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class UserGeoJson(folium.GeoJson, PrerenderedMacro):
    """``folium.GeoJson`` for uploaded features.

    Security, not speed: branca compiles each element's rendered output as a jinja template, so
    a property such as ``{{ … }}`` in an uploaded file would be evaluated on the server (template
    injection). Rendered through :class:`PrerenderedMacro`, the data stays text.
    """


class AtlasMap(folium.Map, PrerenderedMacro):
    """``folium.Map`` rendered through :class:`PrerenderedMacro` (same output, no per-render compile)."""


class Legend(PrerenderedMacro):
    """A plain-HTML legend drawn as a Leaflet control.

    Deliberately not a branca colormap: streamlit-folium then loads d3 from a CDN,
    which fails offline and blanks the map (research anchors §0.1).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-legend");
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, spec: LegendSpec) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = json.dumps(legend_html(spec.title, spec.items, spec.note), ensure_ascii=False)


class CountyLayer(JSCSSMixin, PrerenderedMacro):
    """The county choropleth, drawn in the browser from the published TopoJSON.

    Only :class:`~geo.choropleth.ChoroplethStyle` and the session-constant county
    attributes travel with each rerun; see ``static/atlas/atlas_map.js``.
    """

    # URLs are filled in by geo.offline.localize from its registry of local files.
    default_js: ClassVar = [("topojson_client", ""), ("atlas_map", "")]
    default_css: ClassVar = [("atlas_map_css", "")]
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.atlasCountyMap({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, options: dict) -> None:
        super().__init__()
        self._name = "CountyLayer"
        self.options_json = json.dumps(options, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class FocusWithoutScroll(PrerenderedMacro):
    """Leaflet focuses the map container on mousedown (keyboard navigation) with a plain
    ``focus()``; inside Streamlit's iframe that scrolls the *page* until the whole map is in
    view, so the mouseup lands elsewhere and a click on a marker is lost whenever the map's
    bottom is below the fold. Same handler, with ``preventScroll``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var keyboard = map.keyboard;
            if (!keyboard || !keyboard.enabled()) { return; }
            keyboard.disable();
            keyboard._onMouseDown = function () {
                if (this._focused) { return; }
                this._map._container.focus({preventScroll: true});
            };
            keyboard.enable();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusWithoutScroll"


def legend_html(title: str, items: Sequence[LegendItem], note: str = "") -> str:
    """Legend markup; every label is HTML-escaped."""
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="width:18px;height:12px;border:1px solid #888;background:{html.escape(i.color)}"></span>'
        f"<span>{html.escape(i.label)}</span></div>"
        for i in items
    )
    foot = f'<div style="margin-top:4px;color:#555">{html.escape(note)}</div>' if note else ""
    return (
        '<div style="background:rgba(255,255,255,.92);padding:8px 10px;border-radius:4px;'
        'font:13px/1.4 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f"<b>{html.escape(title)}</b>{rows}{foot}</div>"
    )


def base_map(tile_url: str | None = None) -> folium.Map:
    """An empty map of China; tiles only when a URL is configured (``ATLAS_TILE_URL``)."""
    tile_url = tile_url if tile_url is not None else os.environ.get(TILE_URL_ENV) or None
    m = AtlasMap(
        location=[35.5, 104.0],
        zoom_start=4,
        # camelCase on purpose: with tiles=None folium only passes these through as-is
        minZoom=3,
        maxZoom=11,
        tiles=None,
        prefer_canvas=False,
        control_scale=True,
        zoom_snap=0.25,
        attribution_control=False,  # Leaflet's default prefix; our source line is in the legend
    )
    FocusWithoutScroll().add_to(m)
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr="configured basemap", name=t("map.basemap")).add_to(m)
    # No folium fit_bounds here: it animates from the initial view, and a second fit while that
    # animation runs is lost. The county layer fits its target itself (static/atlas/atlas_map.js).
    return m


# Overlay → catalogue key of its name in the layer control.
LAYER_KEYS = {
    "provinces": "map.layer_provinces",
    "areas": "map.layer_areas",
    "outline832": "map.layer_outline832",
    "borders": "map.layer_borders",
}
DEFAULT_VISIBLE = ("provinces", "borders")
# Shown after the area name in tooltips when the membership is not stated by a source.
EVIDENCE_NOTE_KEYS = {"d": "map.evidence_derived", "u": "map.evidence_unverified"}
TOOLTIP_KEYS = {
    "name": "map.tooltip_county",
    "pref": "map.tooltip_prefecture",
    "prov": "map.tooltip_province",
    "exit": "map.tooltip_exit_year",
    "area": "map.tooltip_area",
    "notPoor": "legend.not_poverty_county",
    "noData": "common.no_data",
}


def layer_names() -> dict[str, str]:
    """Overlay → its name in the layer control, in the current language."""
    return {layer: t(key) for layer, key in LAYER_KEYS.items()}


def extents() -> list[dict]:
    """The extent buttons (label and tooltip in the current language, bounds)."""
    return [{"label": t(label), "title": t(title), "bounds": bounds} for label, title, bounds in EXTENT_KEYS]


def tooltip_labels() -> dict[str, str]:
    """The county tooltip's row labels and fixed texts; ``year`` is a template with ``{year}``."""
    return {name: t(key) for name, key in TOOLTIP_KEYS.items()} | {"year": t("map.tooltip_year", year="{year}")}


def region_pinyin(names: Sequence[str]) -> dict[str, str]:
    """Prefecture and province name → pinyin, for the English tooltips (empty in Chinese)."""
    if current_language() == "zh":
        return {}
    return {name: romanize(name) for name in names if romanize(name) != name}


def county_map(
    attrs: CountyAttributes,
    style: ChoroplethStyle,
    urls: dict[str, str],
    legend: LegendSpec,
    tile_url: str | None = None,
) -> folium.Map:
    """The national county map for one view: choropleth, outlines, legend."""
    if len(style.classes) != len(attrs.order) or len(style.selection) != len(attrs.order):
        raise ValueError("styling arrays must align with the county order")
    m = base_map(tile_url)
    visible = style.visible or DEFAULT_VISIBLE
    layers = layer_names()
    options = {
        "topology": urls["counties-national"],
        "object": TOPOLOGY_OBJECT,
        "borders": urls["border_lines"],
        "cls": style.classes,
        "colors": list(style.colors),
        "noData": NO_DATA_COLOR,
        "outside": OUTSIDE_COLOR,
        "val": list(style.values),
        "indicator": style.indicator,
        "sel": style.selection,
        "selected": style.selected,
        "exit": attrs.exit,
        "area": list(attrs.area),
        "areaNames": [place(name) for name in attrs.area_names],
        "areaLabels": [label | {"name": place(label["name"])} for label in attrs.area_labels],
        "evidence": attrs.evidence,
        "evidenceLabels": {code: t(key) for code, key in EVIDENCE_NOTE_KEYS.items()},
        "labels": tooltip_labels(),
        "lang": current_language(),
        "pinyin": region_pinyin(attrs.regions),
        "layerNames": layers,
        "visible": [layers[k] for k in visible],
        "fit": style.fit,
        "extents": extents(),
    }
    CountyLayer(options).add_to(m)
    Legend(legend).add_to(m)
    return localize(m)


def outside_legend(selection: str) -> list[LegendItem]:
    """The legend entry for counties outside the selection, when there are any."""
    return [LegendItem(OUTSIDE_COLOR, t("legend.outside_selection"))] if "0" in selection else []


def exit_year_style(attrs: CountyAttributes, selection: set[str] | None = None) -> tuple[ChoroplethStyle, LegendSpec]:
    """The 832 coloured by exit year (2016–2020), other counties grey."""
    years = sorted(EXIT_YEAR_COLORS)
    classes = "".join(NO_CLASS if c == NO_CLASS else str(int(c) - 1) for c in attrs.exit)
    values = tuple("" if c == NO_CLASS else t("common.year", year=EXIT_BASE_YEAR + int(c)) for c in attrs.exit)
    chosen = set(attrs.order) if selection is None else selection
    style = ChoroplethStyle(
        indicator=None,
        classes=classes,
        colors=tuple(EXIT_YEAR_COLORS[y] for y in years),
        values=values,
        selection=encode_selection(attrs.order, chosen),
    )
    items = [LegendItem(EXIT_YEAR_COLORS[y], t("legend.exited_in", year=y)) for y in years]
    non_poor_shown = any(code in chosen and c == NO_CLASS for code, c in zip(attrs.order, attrs.exit, strict=True))
    if non_poor_shown:
        items.append(LegendItem(NO_DATA_COLOR, t("legend.not_poverty_county")))
    items.extend(outside_legend(style.selection))
    return style, LegendSpec(t("legend.exit_year_title"), tuple(items), note=boundary_note())
