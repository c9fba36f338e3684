"""What the pairing page shows: the county map with the curved links, and the table of pairs with their sources."""

from __future__ import annotations

import folium
import pandas as pd

from geo.choropleth import CountyAttributes
from geo.maps import county_map
from geo.pairing.base_map import map_style
from geo.pairing.links_layer import add_links
from geo.pairing.notes import notable_name
from geo.pairing.pairs import PAIR_LEVEL_LABELS


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


TABLE_COLUMNS = {
    "pair_id": "编号",
    "period": "时期",
    "level": "结对层级",
    "helper_province": "帮扶方省份",
    "helper_label": "帮扶方",
    "helper_adcode": "帮扶方代码",
    "recipient_province": "受援方省份",
    "recipient_full": "受援方",
    "recipient_adcode": "受援方代码",
    "notable": "重点结对",
    "source": "来源",
    "note": "备注",
}


def pairs_table(links: pd.DataFrame) -> pd.DataFrame:
    """The shown pairs with their sources, Chinese column names, sorted by pair id."""
    table = links.assign(
        level=links["level"].map(lambda lv: PAIR_LEVEL_LABELS.get(lv, lv)),
        notable=[notable_name(h, r) for h, r in zip(links["helper_adcode"], links["recipient_adcode"], strict=True)],
    )
    return table[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).sort_values("编号").reset_index(drop=True)
