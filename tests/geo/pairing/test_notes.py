"""Notes on the long-running pairs, and their marks in the pairs table."""

from __future__ import annotations

import re

import pandas as pd

from geo.pairing.notes import NOTABLE_PAIRS, notes_for, notes_table
from geo.pairing.pairs import select
from geo.pairing.view import pairs_table


def test_notes_for_the_long_running_pairs(links: pd.DataFrame) -> None:
    assert [n.name for n in notes_for("350000", "640000")] == ["闽宁（福建 → 宁夏）"]
    assert [n.name for n in notes_for("310107", "530113")] == ["沪滇（上海 → 云南）"]
    assert [n.name for n in notes_for("320585", "610124")] == ["苏陕（江苏 → 陕西）"]
    assert [n.name for n in notes_for("370200", "520400")] == ["青岛–安顺（青岛 → 安顺）"]
    assert notes_for("440100", "520400") == ()  # 广州 → 安顺 (2021) is not 青岛–安顺
    assert notes_for("310000", "520300") == ()  # 上海 → 遵义 is not 沪滇
    for note in NOTABLE_PAIRS:
        assert re.fullmatch(r"00\d:L\d+(–\d+)?(；00\d:L\d+(–\d+)?)*", note.citation), note.citation
    assert notes_table().shape == (4, 3)
    table = pairs_table(select(links, 2016))
    assert table.loc[table["编号"] == "2016-23", "重点结对"].item() == "青岛–安顺"
    assert table.loc[table["编号"] == "2016-01", "重点结对"].item() == ""
    assert {"来源", "备注", "受援方", "帮扶方"} <= set(table.columns)
    assert table["来源"].str.len().gt(0).all()
