"""AppTest of the overview page (the map itself is a custom component: inspect-only here)."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.ui.language import SWITCH_KEY
from tests.pages.english import untranslated_on


def _table_rows(at: AppTest) -> int:
    subheader = next(s.value for s in at.subheader if s.value.startswith("所选县"))
    return int(subheader.removeprefix("所选县（").removesuffix("）").replace(",", ""))


def test_default_view(open_app) -> None:
    at = open_app()
    assert not at.exception
    assert at.title[0].value == "脱贫攻坚地图 · 全国总览"
    assert any(el.type == "component_instance" for el in at.get("component_instance"))
    assert _table_rows(at) == 832
    assert at.metric[0].value == "832"
    assert len(at.get("download_button")) == 4  # table CSV/XLSX, map PNG/HTML


def test_filter_change_updates_table_and_url(open_app) -> None:
    at = open_app()
    at.sidebar.multiselect(key="flt_provinces").set_value(["52"]).run()
    assert _table_rows(at) == 66
    assert at.query_params["province"] == "52"
    at.sidebar.selectbox(key="flt_still_poor").set_value(2018).run()
    assert at.query_params["still_poor"] == "2018"
    assert _table_rows(at) < 66


def test_shared_link_reproduces_the_view(open_app) -> None:
    at = open_app(province="52", indicator="rural_disposable_income", year="2019", county="520402")
    assert not at.exception
    assert at.selectbox(key="flt_indicator").value == "rural_disposable_income"
    assert at.selectbox(key="flt_year").value == 2019
    assert at.sidebar.multiselect(key="flt_provinces").value == ["52"]
    assert _table_rows(at) == 66
    assert any(s.value == "西秀区" for s in at.subheader)  # 520402: the county panel


@pytest.mark.parametrize(
    "params",
    [
        {"province": "<script>alert(1)</script>"},
        {"year": "1999", "indicator": "rural_disposable_income"},
        {"indicator": "__class__", "county": "../../etc/passwd"},
        {"still_poor": "x" * 10_000},
    ],
)
def test_hostile_links_are_ignored_with_a_notice(open_app, params: dict) -> None:
    at = open_app(**params)
    assert not at.exception
    assert _table_rows(at) == 832 or params.get("indicator") == "rural_disposable_income"
    assert at.warning, "the user is told which parameters were ignored"
    assert "<script>" not in at.warning[0].value


# ---------------------------------------------------------------------------- English (?lang=en)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"province": "52", "indicator": "rural_disposable_income", "year": "2019"},
        {"scope": "all", "programme": "health,relocation", "sanqu": "1", "still_poor": "2018"},
        {"indicator": "registered_population", "area": "乌蒙山区"},
        {"county": "130624"},  # the county panel and the link to the profile
    ],
)
@pytest.mark.usefixtures("empty_store")  # user datasets would add their own (user-typed) names
def test_english_overview_is_translated(open_app, params: dict) -> None:
    at = open_app(lang="en", **params)
    assert not at.exception
    assert at.title[0].value == "Poverty Alleviation Atlas · National overview"
    assert at.query_params["lang"] == "en"
    assert untranslated_on(at) == []


def test_english_overview_reads_in_english(open_app) -> None:
    at = open_app(lang="en", province="52")
    assert any(s.value == "Selected counties (66)" for s in at.subheader)
    assert "贵州省 (Guizhou Sheng)" in at.sidebar.multiselect(key="flt_provinces").options
    assert at.dataframe[1].value.columns[:3].tolist() == ["Code", "County", "Prefecture"]
    assert [m.label for m in at.metric][:2] == ["Selected national poverty counties", "Last to exit, in 2020"]
    assert at.metric[2].value.endswith(" million")
    options = next(c for c in at.get("component_instance")).proto.json_args
    assert "Exit year of the national poverty counties" in options and "Whole country" in options


def test_switching_the_language_keeps_filters_and_url(open_app) -> None:
    at = open_app(province="52", indicator="rural_disposable_income", year="2019", county="520402")
    kept = {"province": "52", "indicator": "rural_disposable_income", "year": "2019", "county": "520402"}
    at.sidebar.segmented_control(key=SWITCH_KEY).set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Poverty Alleviation Atlas · National overview"
    assert dict(at.query_params) == kept | {"lang": "en"}
    assert at.sidebar.multiselect(key="flt_provinces").value == ["52"]
    assert at.selectbox(key="flt_indicator").value == "rural_disposable_income"
    assert at.selectbox(key="flt_year").value == 2019
    assert _table_rows_en(at) == 66
    assert any(s.value == "西秀区 (Xixiu Qu)" for s in at.subheader)  # the county panel

    at.switch_page("pages/areas.py").run()  # the language follows the session to other pages
    assert at.title[0].value == "Contiguous poor areas"
    assert at.query_params["lang"] == "en" and at.query_params["province"] == "52"
    at.switch_page("pages/overview.py").run()

    at.sidebar.segmented_control(key=SWITCH_KEY).set_value("zh").run()
    assert at.title[0].value == "脱贫攻坚地图 · 全国总览"
    assert dict(at.query_params) == kept
    assert _table_rows(at) == 66
    assert any(s.value == "西秀区" for s in at.subheader)


@pytest.mark.parametrize("value", ["fr", "<script>alert(1)</script>", "EN ", "x" * 10_000])
def test_unknown_languages_fall_back_to_chinese_with_a_notice(open_app, value: str) -> None:
    at = open_app(lang=value)
    assert not at.exception
    if value.strip().lower() == "en":
        assert at.title[0].value == "Poverty Alleviation Atlas · National overview"
        return
    assert at.title[0].value == "脱贫攻坚地图 · 全国总览"
    assert "lang" not in at.query_params
    assert at.warning and "<script>" not in at.warning[0].value


def _table_rows_en(at: AppTest) -> int:
    subheader = next(s.value for s in at.subheader if s.value.startswith("Selected counties"))
    return int(subheader.removeprefix("Selected counties (").removesuffix(")").replace(",", ""))
