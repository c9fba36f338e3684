"""What the pairing page shows: the county map with the curved links, and the table of pairs with their sources."""

from __future__ import annotations

import folium
import pandas as pd

from geo.choropleth import CountyAttributes
from geo.i18n import t
from geo.maps import county_map
from geo.pairing.base_map import map_style
from geo.pairing.links_layer import add_links
from geo.pairing.notes import notable_name
from geo.pairing.pairs import level_label, province_label, side_name


def pairing_map(
    attrs: CountyAttributes,
    links: pd.DataFrame,
    urls: dict[str, str],
    period: int,
    fit: bool = False,
    tile_url: str | None = None,
) -> folium.Map:
    """The county map with recipients highlighted by level and the curved, directed links."""
    style, legend = map_style(links, attrs.order, period, fit=fit)
    return add_links(county_map(attrs, style, urls, legend, tile_url=tile_url), links)


#: Column → catalogue key of its header.
TABLE_COLUMNS = {
    "pair_id": "pairing.pair_id",
    "period": "pairing.period",
    "level": "pairing.level",
    "helper_province": "pairing.helper_province",
    "helper_label": "pairing.helper",
    "helper_adcode": "pairing.helper_code",
    "recipient_province": "pairing.recipient_province",
    "recipient_full": "pairing.recipient",
    "recipient_adcode": "pairing.recipient_code",
    "notable": "pairing.notable",
    "source": "table.source",
    "note": "table.note",
}


def pairs_table(links: pd.DataFrame) -> pd.DataFrame:
    """The shown pairs with their sources, headers in the current language, sorted by pair id.

    Names carry their pinyin in English; sources and notes are shown as the data gives them.
    """
    records = links.sort_values("pair_id").to_dict("records")
    table = pd.DataFrame(
        {
            "pair_id": [r["pair_id"] for r in records],
            "period": [r["period"] for r in records],
            "level": [level_label(r["level"]) for r in records],
            "helper_province": [province_label(r["helper_province"]) for r in records],
            "helper_label": [side_name(r, "helper") for r in records],
            "helper_adcode": [r["helper_adcode"] for r in records],
            "recipient_province": [province_label(r["recipient_province"]) for r in records],
            "recipient_full": [side_name(r, "recipient", full=True) for r in records],
            "recipient_adcode": [r["recipient_adcode"] for r in records],
            "notable": [notable_name(r["helper_adcode"], r["recipient_adcode"]) for r in records],
            "source": [r["source"] for r in records],
            "note": [r["note"] for r in records],
        },
        columns=list(TABLE_COLUMNS),
    )
    return table.rename(columns={column: t(key) for column, key in TABLE_COLUMNS.items()})
