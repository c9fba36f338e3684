"""The links layer: tooltips and the links' JSON are escaped."""

from __future__ import annotations

import pandas as pd

from geo.pairing.links_layer import LinkLayer, link_features, link_tooltip


def test_tooltips_are_escaped(links: pd.DataFrame) -> None:
    row = links.iloc[0].to_dict() | {"helper_full": "<script>alert(`x`)</script>", "recipient_full": '"><img src=x>'}
    tip = link_tooltip(row)
    assert "<script>" not in tip and "<img" not in tip and "`" not in tip
    assert "&lt;script&gt;" in tip and "&quot;&gt;&lt;img" in tip
    m_links = pd.DataFrame([row])
    features = link_features(m_links.assign(pair_id="2016-01"))
    layer = LinkLayer(features)
    assert "</script>" not in layer.links_json
