"""Sankey data and figure: consistent nodes and links, by unit or province."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.pairing.pairs import select
from geo.pairing.sankey import sankey_data, sankey_figure


@pytest.mark.parametrize("by", ["unit", "province"])
def test_sankey_nodes_and_links_are_consistent(links: pd.DataFrame, by: str) -> None:
    shown = select(links, 2016)
    sankey = sankey_data(shown, by)
    n = len(sankey.labels)
    assert len(sankey.node_colors) == n
    assert len(sankey.sources) == len(sankey.targets) == len(sankey.values) == len(sankey.link_colors)
    assert all(0 <= i < n for i in (*sankey.sources, *sankey.targets))
    assert not set(sankey.sources) & set(sankey.targets)  # helpers on one side, recipients on the other
    assert sum(sankey.values) == len(shown)
    assert sorted("、".join(sankey.link_labels).split("、")) == sorted(shown["pair_id"])
    helpers = {sankey.labels[i] for i in sankey.sources}
    if by == "province":
        assert helpers == set(shown["helper_province"])
        assert len(set(zip(sankey.sources, sankey.targets, strict=True))) == len(sankey.sources)
    else:
        assert helpers == set(shown["helper_label"])
    figure = sankey_figure(sankey, "标题")
    assert figure.data[0].type == "sankey"
    assert list(figure.data[0].node.label) == list(sankey.labels)
    assert "Noto Sans CJK SC" in figure.layout.font.family


def test_sankey_of_nothing_is_empty(links: pd.DataFrame) -> None:
    sankey = sankey_data(links.iloc[0:0])
    assert sankey.labels == () and sankey.values == ()
    with pytest.raises(ValueError, match="grouping"):
        sankey_data(links, "county")  # type: ignore[arg-type]
