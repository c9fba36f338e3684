"""The PDF briefs in English: every text translated, place names with pinyin, Chinese fonts kept."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pypdf
import pytest

from geo import brief, data
from geo.i18n import use_language
from geo.i18n.check import untranslated
from geo.overview import AtlasData


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


def _texts(content: brief.BriefContent) -> list[str]:
    texts = [content.title, content.subtitle, content.map_title, *content.sources]
    texts += [s for row in content.facts for s in row]
    texts += [content.map_legend.title, content.map_legend.note, *(i.label for i in content.map_legend.items)]
    for chart in content.charts:
        texts += [chart.title, chart.note, chart.source]
        if chart.figure is not None:
            texts += [t.name or "" for t in chart.figure.data]
    return texts


def _data_texts() -> set[str]:
    """Relocation site names and the areas' source column: shown verbatim."""
    return {*data.relocation_sites()["site_name"], *data.contiguous_areas()["source"]} - {""}


def test_county_brief_content_in_english(atlas: AtlasData) -> None:
    content = brief.county_content("520402", atlas)
    assert content.title == "County brief · 西秀区 (Xixiu Qu)"
    assert content.subtitle == "贵州省 (Guizhou Sheng) · 安顺市 (Anshun Shi) · code 520402"
    facts = dict(content.facts)
    assert facts["Exit year"] == "2017"
    assert facts["Resident population"].endswith("(2020 census)")
    assert [c.title for c in content.charts] == ["Per-capita disposable income", "Registered population", "GDP"]
    assert content.sources[0] == brief.source("SOURCE_LIST832") and content.sources[-1] == brief.source("SOURCE_NOTE")
    assert brief.source("SOURCE_LIST832").startswith("National poverty counties")
    assert untranslated("\n".join(_texts(content)), allowed=_data_texts()) == []


def test_county_brief_with_sites_in_english(atlas: AtlasData) -> None:
    content = brief.county_content("640121", atlas)  # 永宁县: two relocation sites
    facts = dict(content.facts)
    assert facts["Relocation sites"].startswith("2: ")
    assert untranslated("\n".join(_texts(content)), allowed=_data_texts()) == []


def test_area_brief_content_in_english(atlas: AtlasData) -> None:
    content = brief.area_content("乌蒙山区", atlas)
    assert content.title == "Area brief · 乌蒙山区 (Wumeng Shanqu)"
    assert content.map_legend.title == "Exit year of the area's counties"
    assert [label for label, _ in content.facts][:2] == ["Type", "Provinces"]
    assert untranslated("\n".join(_texts(content)), allowed=_data_texts()) == []


def test_english_pdf_is_one_page(atlas: AtlasData) -> None:
    pdf = brief.county_brief_pdf("520402", atlas, generated=dt.date(2026, 1, 2))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("County brief", "西秀区", "Key facts", "Generated on 2026-01-02", "Poverty Alleviation Atlas"):
        assert expected in text, expected
    assert reader.metadata.title == "County brief · 西秀区 (Xixiu Qu)"
