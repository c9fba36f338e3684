"""The pairing, relocation and county pages in English (``?lang=en``): every text translated.

The only Chinese left is what :func:`geo.i18n.check.untranslated` accepts (place names with
their pinyin) and the data shown verbatim on purpose, built here from the data files, never
listed by hand: pairing sources and notes, relocation site names, source texts, sources and
notes, and the names the county map sends beside their pinyin (its English tooltips).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Iterator

import pytest
from streamlit.testing.v1 import AppTest

from geo import data, maps
from geo.i18n import use_language
from geo.i18n.check import apptest_texts, untranslated
from geo.overview import AtlasData
from geo.relocation.chart import _hover_source
from geo.relocation.labels import source_label, source_parts
from geo.ui.pairing_view import PAIR_KEY, PERIOD_KEY

POPUP_TEXT = 160  # geo.relocation.markers: a popup shows at most this much of the source text


def _shown_forms(texts: Iterable[object]) -> set[str]:
    """A data text as the pages may show it: as is, or cut short (popups)."""
    return {form for text in texts if isinstance(text, str) and text for form in (text, text[:POPUP_TEXT] + "…")}


def _source_forms(sources: Iterable[object]) -> set[str]:
    """A source as the pages show it: in full (tables), without URLs (captions, popups, hover)."""
    forms: set[str] = set()
    with use_language("en"):
        for source in sources:
            if not isinstance(source, str) or not source:
                continue
            label = source_label(source)
            forms |= _shown_forms([source, label, _hover_source(source), *source_parts(source)])
    return forms


@functools.cache
def _allowed() -> frozenset[str]:
    """Every data text the three pages show verbatim in English (see the module docstring)."""
    pairs = data.pairings()
    sites = data.relocation_sites()
    totals = data.read_table("relocation_totals")
    allowed = _shown_forms([*pairs["source"], *pairs["note"]])
    allowed |= _shown_forms([*sites["site_name"], *sites["figures_as_stated"], *sites["note"]])
    allowed |= _shown_forms([*totals["indicator"], *totals["note"]])
    allowed |= _source_forms([*sites["source"], *totals["source"]])
    return frozenset(allowed)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The test's own thread in English too: AppTest formats widget values (radio, select box)
    with the page's ``format_func`` in the test's thread when it reruns the script."""
    with use_language("en"):
        yield


@pytest.fixture(scope="module")
def allowed(atlas: AtlasData) -> frozenset[str]:
    with use_language("en"):
        regions = set(maps.region_pinyin(atlas.attrs.regions))
    return _allowed() | regions


def _untranslated(at: AppTest, allowed: Iterable[str]) -> list[str]:
    """What is left untranslated, reading HTML (map tooltips, popups) as a browser shows it."""
    assert not at.exception
    return untranslated(html.unescape("\n".join(apptest_texts(at))), allowed=allowed)


def test_pairing_page_in_english(open_app, allowed) -> None:
    at = open_app("pages/pairing.py", lang="en")
    assert at.title[0].value == "East–west pairing · Pairs"
    assert any(s.value == "Pairs (53)" for s in at.subheader)
    assert _untranslated(at, allowed) == []
    at.selectbox(key=PAIR_KEY).set_value("2016-23").run()  # 青岛 → 安顺, with its seed note
    text = "\n".join(str(e.value) for e in [*at.markdown, *at.caption])
    assert "山东省 (Shandong Sheng) 青岛市 (Qingdao Shi) → 贵州省 (Guizhou Sheng) 安顺市 (Anshun Shi)" in text
    assert "Qingdao–Anshun (Qingdao → Anshun)" in text and "004:L1883–1895" in text
    assert _untranslated(at, allowed) == []
    at.radio(key=PERIOD_KEY).set_value(2021).run()
    assert any(s.value == "Pairs (41)" for s in at.subheader)
    assert _untranslated(at, allowed) == []


def test_pairing_page_without_pairs_in_english(open_app, allowed) -> None:
    at = open_app("pages/pairing.py", lang="en", province="14")  # 山西: no recipient
    assert any(i.value.startswith("No data: no 2016 pair") for i in at.info)
    assert _untranslated(at, allowed) == []


def test_relocation_page_in_english(open_app, allowed) -> None:
    at = open_app("pages/relocation.py", lang="en")
    assert at.title[0].value == "Poverty Alleviation Atlas · Poverty-relief relocation"
    metrics = {m.label: m for m in at.metric}
    assert metrics["Planned relocation (people)"].value == "≈9.81M"  # compact, the full figure in the help
    assert metrics["Planned relocation (people)"].help.startswith("about 9.81 million people; ")
    assert metrics["Relocated by 2020 (people)"].value == ">9.6M"
    assert _untranslated(at, allowed) == []
    at.sidebar.multiselect(key="flt_provinces").set_value(["52"]).run()
    assert any(s.value == "Named relocation sites (11)" for s in at.subheader)
    assert _untranslated(at, allowed) == []


def test_relocation_page_without_sites_in_english(open_app, allowed) -> None:
    at = open_app("pages/relocation.py", lang="en", province="34")  # 安徽: no site, no comparable figure
    assert any("the chosen provinces have no provincial relocation figure" in i.value for i in at.info)
    assert _untranslated(at, allowed) == []


@pytest.mark.parametrize(
    "county",
    [
        "520402",  # 西秀区: the example
        "130624",  # 阜平县: pairing via its prefecture
        "640121",  # 永宁县: not a poverty county, two relocation sites
        "130705",  # 宣化区: charts without data
    ],
)
def test_county_page_in_english(open_app, allowed, county: str) -> None:
    at = open_app("pages/county.py", lang="en", county=county)
    assert at.title[0].value == "County profile"
    assert _untranslated(at, allowed) == []


def test_county_page_headings_and_charts_in_english(open_app) -> None:
    at = open_app("pages/county.py", lang="en", county="520402")
    assert at.header[0].value == "西秀区 (Xixiu Qu)"
    facts = at.table[0].value
    assert facts.loc["Exit year", "Value"] == "2017"
    assert facts.loc["Prefecture", "Value"] == "安顺市 (Anshun Shi)"
    assert len(at.get("plotly_chart")) == 5
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Download PNG", "Download CSV", "Download XLSX"} <= labels


def test_county_search_in_english(open_app, allowed) -> None:
    at = open_app("pages/county.py", lang="en")
    assert any(i.value.startswith("Search for a county") for i in at.info)
    at.text_input(key="county_query").input("fp").run()
    hits = [b for b in at.button if b.key and b.key.startswith("county_hit_")]
    assert hits[0].label == "阜平县 (Fuping Xian), 河北省 (Hebei Sheng) · 130624 · national poverty county"
    assert _untranslated(at, allowed) == []
    hits[0].click().run()
    assert at.header[0].value == "阜平县 (Fuping Xian)"
