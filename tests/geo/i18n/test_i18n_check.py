"""untranslated(): what an English page may still show in Chinese, and what it may not."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.i18n import place, use_language
from geo.i18n.check import apptest_texts, cjk_runs, has_cjk, untranslated


def test_plain_english_is_clean() -> None:
    assert untranslated("Selected counties (832) · “Next” – 4.5%") == []


def test_annotated_place_names_pass() -> None:
    with use_language("en"):
        text = f"Province: {place('贵州省')}; area {place('燕山-太行山区')}; {place('六安市')}"
    assert untranslated(text) == []


def test_ui_text_is_reported_even_when_it_looks_like_a_place() -> None:
    assert untranslated("暂无数据 (Zanwu Shuju)") == ["暂无数据"]
    assert untranslated("阜平县 (Fuping County)") == ["阜平县"], "only the exact pinyin passes"
    assert untranslated("所选贵州省 (Guizhou Sheng)") == ["所选贵州省"]


def test_full_width_punctuation_is_reported() -> None:
    assert untranslated("Exit year：2020，done") == ["：", "，"]


def test_language_names_and_allowed_strings_pass() -> None:
    assert untranslated("中文 | English") == []
    source = "宁波日报 2016-12-08"
    assert untranslated(f"Source: {source}; 暂无数据", allowed=[source]) == ["暂无数据"]


def test_each_run_once_in_order() -> None:
    assert untranslated("年份 x 指标 y 年份") == ["年份", "指标"]
    assert cjk_runs("a中b文") == ["中", "文"]
    assert has_cjk("（") and not has_cjk("m² · – “”")


def test_apptest_texts_finds_labels_options_charts_and_tables(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(
        "import plotly.graph_objects as go\n"
        "import streamlit as st\n"
        "st.title('Title')\n"
        "st.sidebar.selectbox('省份', ['贵州省 (Guizhou Sheng)'], help='帮助')\n"
        "st.metric('Population', '3 万人')\n"
        "st.plotly_chart(go.Figure(go.Bar(x=['阜平县'], y=[1])).update_layout(title='图表'))\n"
        "st.dataframe({'县': ['x']})\n"
        "with st.expander('Glossary'):\n"
        "    st.markdown('**五个一批**')\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    found = untranslated("\n".join(apptest_texts(at)))
    assert set(found) == {"省份", "帮助", "万人", "阜平县", "图表", "县", "五个一批"}
