"""The pairing map: recipients highlighted by level, links drawn offline, the empty map."""

from __future__ import annotations

import json

import pandas as pd

from geo.i18n import t
from geo.offline import external_urls
from geo.pairing.base_map import map_style
from geo.pairing.links_layer import LINK_CLASS, LinkLayer
from geo.pairing.pairs import select
from geo.pairing.view import pairing_map

URLS = {
    "counties-national": "/app/static/generated/x/counties.topo.json",
    "border_lines": "/app/static/generated/x/b.json",
}


def _link_features(m) -> list[dict]:
    layer = next(e for e in m._children.values() if isinstance(e, LinkLayer))
    return json.loads(layer.links_json.replace("<\\/", "</"))


def test_map_highlights_recipients_by_level_and_draws_links(links: pd.DataFrame, attrs) -> None:
    shown = select(links, 2016)
    m = pairing_map(attrs, shown, URLS, 2016)
    assert external_urls(m) == []
    features = _link_features(m)
    assert len(features) == 53
    assert sorted(f["id"] for f in features) == sorted(shown["pair_id"])
    assert all(f["cls"].startswith(LINK_CLASS) for f in features)
    first = next(f for f in features if f["id"] == "2016-23")
    assert first["path"][0] == [shown.set_index("pair_id").loc["2016-23", "helper_point"][1], 120.3817]
    assert first["head"][1] == first["path"][-1]
    style, legend = map_style(shown, attrs.order, 2016)
    cls = dict(zip(attrs.order, style.classes, strict=True))
    sel = dict(zip(attrs.order, style.selection, strict=True))
    assert cls["622921"] == "2"  # 临夏县: in a recipient prefecture (临夏州)
    assert cls["511133"] == "3"  # 马边: a recipient county, inside 四川 (a recipient province)
    assert cls["510104"] == "1"  # 成都锦江区: only in the recipient province 四川
    assert cls["350102"] == "0"  # 福州鼓楼区: a helper
    assert cls["140105"] == "-" and sel["140105"] == "0"  # 太原: not involved
    values = dict(zip(attrs.order, style.values, strict=True))
    assert "福州市 → 定西市" in values["621102"]
    assert legend.title == "东西部协作结对（2016年）"
    assert "受援方·县级（浅蓝连线）" in [item.label for item in legend.items]


def test_map_of_nothing_says_no_data(links: pd.DataFrame, attrs) -> None:
    shown = select(links, 2016, recipient_provinces=["14"])
    m = pairing_map(attrs, shown, URLS, 2016, fit=True)
    assert not any(isinstance(e, LinkLayer) for e in m._children.values())
    style, legend = map_style(shown, attrs.order, 2016)
    assert set(style.selection) == {"0"} and style.fit is None
    assert t("common.no_data") in legend.note
