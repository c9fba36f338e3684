"""The links on the map: tooltip HTML, and one Leaflet layer drawing every curved link with its arrowhead.

The layer is one element holding the links as JSON, not one folium element per line and
arrow (that made rendering ~10× slower); tooltip text is escaped in Python, and the paths
carry CSS classes (:data:`LINK_CLASS`, :data:`ARROW_CLASS`) the tests and styles find them by.
"""

from __future__ import annotations

import html
import json

import folium
import pandas as pd
from branca.element import MacroElement, Template

from geo.i18n import t
from geo.offline import localize
from geo.pairing.curves import arrowhead, curves
from geo.pairing.endpoints import UNIT_LEVELS
from geo.pairing.pairs import level_label, side_name
from geo.pairing.palette import LINK_COLOR, LINK_WEIGHT

LINK_CLASS = "pairing-link"
ARROW_CLASS = "pairing-arrow"


def escape_tooltip(text: str) -> str:
    """HTML-escape a tooltip value (quotes included); backticks too, for good measure."""
    return html.escape(text).replace("`", "&#96;")


def link_tooltip(link: pd.Series | dict) -> str:
    """Tooltip HTML of a link: both ends, the level, period and pair id (every value escaped)."""
    rows = [
        (t("pairing.helper"), side_name(link, "helper", full=True)),
        (t("pairing.recipient"), side_name(link, "recipient", full=True)),
        (t("pairing.level"), level_label(link["level"])),
        (t("pairing.period"), t("common.year", year=link["period"])),
        (t("pairing.pair_id"), link["pair_id"]),
    ]
    body = "".join(f"<tr><th>{escape_tooltip(k)}</th><td>{escape_tooltip(str(v))}</td></tr>" for k, v in rows)
    return f'<table class="atlas-tip pairing-tip">{body}</table>'


class LinkLayer(MacroElement):
    """The curved links and their arrowheads, drawn by a few lines of inline Leaflet code.

    One element with the links as JSON (not one folium element per line and arrow: that
    made rendering ~10× slower). Tooltip HTML is escaped in Python; Leaflet's ``className``
    marks the paths (``pairing-link pairing-link-<level>``, ``pairing-arrow``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, links) {
            links.forEach(function (k) {
                var line = L.polyline(k.path, {color: k.color, weight: k.weight, opacity: 0.9, className: k.cls});
                var head = L.polygon(k.head, {
                    color: k.color, weight: 1, fillColor: k.color, fillOpacity: 0.95, className: k.headCls
                });
                [line, head].forEach(function (layer) {
                    layer.bindTooltip(k.tip, {sticky: true});
                    layer.on("mouseover", function () { line.setStyle({weight: k.weight + 2.5}); });
                    layer.on("mouseout", function () { line.setStyle({weight: k.weight}); });
                    layer.addTo(map);
                });
            });
        })({{ this._parent.get_name() }}, {{ this.links_json }});
        {% endmacro %}
        """
    )

    def __init__(self, links: list[dict]) -> None:
        super().__init__()
        self._name = "PairingLinks"
        self.links_json = json.dumps(links, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def link_features(links: pd.DataFrame) -> list[dict]:
    """What :class:`LinkLayer` draws per link: (lat, lon) paths, style, class, tooltip.

    Province links first, so the finer links are drawn on top of them.
    """
    paths = curves(links)
    ordered = links.assign(_rank=[UNIT_LEVELS.index(lv) for lv in links["recipient_level"]]).sort_values(
        ["_rank", "pair_id"], kind="stable"
    )
    features = []
    for link in ordered.to_dict("records"):
        level = link["recipient_level"]
        curve = paths[link["pair_id"]]
        features.append(
            {
                "id": link["pair_id"],
                "path": [[lat, lon] for lon, lat in curve],
                "head": [[lat, lon] for lon, lat in arrowhead(curve)],
                "color": LINK_COLOR[level],
                "weight": LINK_WEIGHT[level],
                "cls": f"{LINK_CLASS} {LINK_CLASS}-{level}",
                "headCls": ARROW_CLASS,
                "tip": link_tooltip(link),
            }
        )
    return features


def add_links(m: folium.Map, links: pd.DataFrame) -> folium.Map:
    """Draw each link as a curved line with an arrowhead on ``m`` (after the county layer)."""
    if not links.empty:
        LinkLayer(link_features(links)).add_to(m)
    return localize(m)
