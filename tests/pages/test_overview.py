"""AppTest of the overview page (the map itself is a custom component: inspect-only here)."""

import pytest
from streamlit.testing.v1 import AppTest


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
