"""AppTest of presentation mode: the switch, saved views and stepping through them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.ui.presentation import PRESENT_KEY
from tests.pages.english import untranslated_on


def _present(at: AppTest) -> AppTest:
    return at.sidebar.toggle(key=PRESENT_KEY).set_value(True).run()


def _css(at: AppTest) -> str:
    return "".join(m.value for m in at.markdown if "<style>" in m.value)


def test_presentation_hides_controls_and_says_when_no_view_is_saved(open_app, empty_store) -> None:
    at = open_app()
    assert _css(at) == ""
    at = _present(at)
    assert not at.exception
    css = _css(at)
    assert '[data-testid="stSidebar"]' in css and "st-key-atlas-controls-" in css and "st-key-atlas-downloads-" in css
    assert any("尚无已保存的视图" in i.value for i in at.info)
    at.button(key="present_exit").click().run()
    assert _css(at) == "" and not at.sidebar.toggle(key=PRESENT_KEY).value
    assert empty_store.list_views() == []


def test_saved_views_are_kept_and_stepped_through(open_app, empty_store) -> None:
    at = open_app(province="52", indicator="rural_disposable_income", year="2019")
    at.sidebar.text_input(key="view_name").input("贵州 · 农村收入").run()
    at.sidebar.button(key="view_save").click().run()
    at = open_app(page="pages/county.py", county="520402")
    at.sidebar.text_input(key="view_name").input("<b>西秀区</b>").run()
    at.sidebar.button(key="view_save").click().run()
    views = empty_store.list_views()
    assert [(v.name, v.page) for v in views] == [("贵州 · 农村收入", ""), ("<b>西秀区</b>", "county")]
    assert "province=52" in views[0].query and "indicator=rural_disposable_income" in views[0].query

    at = _present(open_app())
    at.button(key="present_next").click().run()
    assert not at.exception
    assert at.title[0].value == "脱贫攻坚地图 · 全国总览"
    assert at.query_params["province"] == "52" and at.query_params["year"] == "2019"
    assert at.selectbox(key="flt_indicator").value == "rural_disposable_income"
    assert any(c.value == "贵州 · 农村收入" for c in at.caption)

    at.button(key="present_next").click().run()
    assert at.title[0].value == "县域档案"
    assert at.query_params["county"] == "520402"
    assert any(c.value == r"\<b\>西秀区\</b\>" for c in at.caption)  # the name is text, not markup
    assert at.button(key="present_next").disabled

    at.button(key="present_prev").click().run()
    assert at.title[0].value == "脱贫攻坚地图 · 全国总览"
    assert _css(at)  # still presenting after the page switches


def test_english_presentation_is_translated_and_views_keep_the_players_language(open_app, empty_store) -> None:
    at = open_app(province="52", lang="en")
    at.sidebar.text_input(key="view_name").input("Guizhou").run()
    at.sidebar.button(key="view_save").click().run()
    (view,) = empty_store.list_views()
    assert "province=52" in view.query and "lang" not in view.query  # a view opens in the player's language

    at = _present(open_app(lang="en"))
    assert not at.exception
    assert not any(i.value.startswith("No saved views yet") for i in at.info)
    assert at.markdown and any(m.value == "**View 1 of 1**" for m in at.markdown)
    assert untranslated_on(at, allowed=frozenset({view.name})) == []
    at.button(key="present_next").click().run()
    assert at.title[0].value == "Poverty Alleviation Atlas · National overview"
    assert at.query_params["province"] == "52" and at.query_params["lang"] == "en"
    assert untranslated_on(at) == []


def test_english_presentation_without_views(open_app, empty_store) -> None:
    at = _present(open_app(lang="en"))
    assert any(i.value.startswith("No saved views yet") for i in at.info)
    assert at.button(key="present_exit").label == "Leave presentation"
    assert untranslated_on(at) == [] and empty_store.list_views() == []
