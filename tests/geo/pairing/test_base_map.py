"""County styling of the pairing map: the fit to the shown links."""

from __future__ import annotations

import pandas as pd

from geo.pairing.base_map import map_style
from geo.pairing.pairs import select


def test_filtered_map_fits_the_links(links: pd.DataFrame, attrs) -> None:
    shown = select(links, 2016, helper_provinces=["35"])
    style, _ = map_style(shown, attrs.order, 2016, fit=True)
    (south, west), (north, east) = style.fit
    assert west < 103.3 < 119.3 < east and south < 24.5 < 37.3 < north
