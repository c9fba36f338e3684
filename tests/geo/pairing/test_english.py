"""The pairing page's texts in English: labels, legend, tooltips, Sankey, table, the seed notes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest

from geo import data
from geo.i18n import catalogue, use_language
from geo.i18n.check import untranslated
from geo.pairing.base_map import map_style
from geo.pairing.endpoints import UNIT_KEYS
from geo.pairing.links_layer import link_tooltip
from geo.pairing.notes import NOTABLE_PAIRS, notable_name, notes_table
from geo.pairing.pairs import PAIR_LEVEL_KEYS, PERIOD_KEYS, pair_label, period_label, select, side_name
from geo.pairing.palette import LINK_SHADE_KEYS
from geo.pairing.sankey import sankey_data, sankey_figure
from geo.pairing.view import TABLE_COLUMNS, pairs_table


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


def _data_texts() -> set[str]:
    """Sources and notes: shown verbatim (the data has no English)."""
    pairs = data.pairings()
    return {text for text in (*pairs["source"], *pairs["note"]) if text}


def test_key_tables_name_catalogue_entries() -> None:
    for table in (UNIT_KEYS, PERIOD_KEYS, PAIR_LEVEL_KEYS, LINK_SHADE_KEYS, TABLE_COLUMNS):
        assert set(table.values()) <= set(catalogue()), table


def test_names_carry_pinyin_and_labels_are_english(links: pd.DataFrame) -> None:
    link = links.set_index("pair_id").loc["2016-23"].to_dict()
    assert side_name(link, "helper") == "青岛市 (Qingdao Shi)"
    assert side_name(link, "helper", full=True) == "山东省 (Shandong Sheng) 青岛市 (Qingdao Shi)"
    assert side_name(link, "recipient", full=True) == "贵州省 (Guizhou Sheng) 安顺市 (Anshun Shi)"
    assert (
        pair_label(link | {"pair_id": "2016-23"})
        == "2016-23 青岛市 (Qingdao Shi) → 安顺市 (Anshun Shi) (Prefecture pair)"
    )
    assert period_label(2021) == "2021 arrangement (east–west cooperation)"
    tip = link_tooltip(link | {"pair_id": "2016-23"})
    assert "<th>Helper</th>" in tip and "<th>Pair level</th>" in tip and "Prefecture pair" in tip
    assert untranslated(tip.replace("&#x27;", "'")) == []


def test_map_legend_and_tooltips(links: pd.DataFrame, attrs) -> None:
    shown = select(links, 2016)
    style, legend = map_style(shown, attrs.order, 2016)
    assert legend.title == "East–west pairing (2016)"
    assert "Recipient · county level (light blue links)" in [item.label for item in legend.items]
    assert legend.note.startswith("53 pairs; arrows point to the recipient.")
    assert style.indicator == "East–west pairing (2016)"
    texts = [legend.title, legend.note, *(i.label for i in legend.items), *style.values]
    assert untranslated("\n".join(texts)) == []
    _, empty = map_style(select(links, 2016, recipient_provinces=["14"]), attrs.order, 2016)
    assert empty.note.startswith("No data; ")


@pytest.mark.parametrize("by", ["unit", "province"])
def test_sankey_in_english(links: pd.DataFrame, by: str) -> None:
    figure = sankey_figure(sankey_data(select(links, 2016), by), "Helper → recipient (53 pairs)")
    trace = figure.data[0]
    assert trace.node.hovertemplate == "%{label}: %{value} pairs<extra></extra>"
    assert "No. %{customdata}" in trace.link.hovertemplate
    assert untranslated("\n".join([*trace.node.label, trace.node.hovertemplate, trace.link.hovertemplate])) == []


def test_pairs_table_has_english_headers(links: pd.DataFrame) -> None:
    table = pairs_table(select(links, 2016))
    assert list(table.columns) == [
        "No.", "Period", "Pair level", "Helper province", "Helper", "Helper code", "Recipient province",
        "Recipient", "Recipient code", "Long-running pair", "Source", "Note",
    ]  # fmt: skip
    assert table.loc[table["No."] == "2016-23", "Long-running pair"].item() == "Qingdao–Anshun"
    cells = [str(v) for column in table.columns for v in table[column]]
    assert untranslated("\n".join(cells), allowed=_data_texts()) == []


def test_seed_notes_are_translated() -> None:
    assert [n.name for n in NOTABLE_PAIRS] == [
        "Min–Ning (Fujian → Ningxia)",
        "Hu–Dian (Shanghai → Yunnan)",
        "Su–Shaan (Jiangsu → Shaanxi)",
        "Qingdao–Anshun (Qingdao → Anshun)",
    ]
    assert notable_name("350000", "640000") == "Min–Ning"
    table = notes_table()
    assert list(table.columns) == ["Name", "Description", "Citation (seed documents)"]
    assert untranslated("\n".join(str(v) for column in table.columns for v in table[column])) == []
    assert table.iloc[0, 2] == "004:L1248–1252; 003:L1223–1236"
    with use_language("zh"):
        assert NOTABLE_PAIRS[0].text.startswith("1996年中央确定福建对口帮扶宁夏")  # the Chinese is unchanged


@pytest.mark.parametrize("note", NOTABLE_PAIRS, ids=lambda n: n.name_zh)
def test_translated_notes_keep_every_figure(note) -> None:
    """The English says what the Chinese says: every Arabic number of the Chinese is in it
    (万 and 亿 written out: 38.1亿 → 3.81 billion, 64415万 → 644.15 million)."""

    def scaled(number: str, unit: str) -> set[str]:
        value = float(number) * {"万": 1e4, "亿": 1e8, "": 1}[unit]
        out = {f"{value:,.0f}", f"{value:,.2f}".rstrip("0").rstrip("."), f"{value:g}"}
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if value >= size:
                out.add(f"{value / size:,.6f}".rstrip("0").rstrip(".") + f" {word}")
        if value == 1e6:
            out.add("1 million")
        return out

    english = note.text_en
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(?:余|多)?(万|亿)?", note.text_zh):
        assert any(form in english for form in scaled(number, unit)), (number, unit)
