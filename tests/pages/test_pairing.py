"""AppTest of the east–west pairing page (the map is a custom component: inspect-only here)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.ui.pairing_view import HELPERS_KEY, MAP_KEY, PAIR_KEY, PERIOD_KEY


def _table_rows(at: AppTest) -> int:
    subheader = next(s.value for s in at.subheader if s.value.startswith("结对关系"))
    return int(subheader.removeprefix("结对关系（").removesuffix("）"))


def _text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info])


def test_page_renders_map_sankey_and_table(open_app) -> None:
    at = open_app("pages/pairing.py")
    assert not at.exception
    assert at.title[0].value == "东西部扶贫协作 · 结对关系"
    assert any(el.type == "component_instance" for el in at.get("component_instance"))
    assert at.get("plotly_chart")
    assert _table_rows(at) == 53
    assert len(at.get("download_button")) == 3  # table CSV/XLSX, map HTML


def test_period_switch_changes_the_table(open_app) -> None:
    at = open_app("pages/pairing.py")
    at.radio(key=PERIOD_KEY).set_value(2021).run()
    assert not at.exception
    assert _table_rows(at) == 41
    assert any(s.value == "帮扶流向（2021年）" for s in at.subheader)
    at.radio(key=PERIOD_KEY).set_value(2016).run()
    assert _table_rows(at) == 53


def test_recipient_province_and_pair_notes(open_app) -> None:
    at = open_app("pages/pairing.py")
    at.sidebar.multiselect(key="flt_provinces").set_value(["64"]).run()  # 宁夏: recipient province
    assert _table_rows(at) == 1
    assert at.query_params["province"] == "64"
    assert "闽宁（福建 → 宁夏）" in _text(at)  # the hint names the notable pair in the selection
    at.selectbox(key=PAIR_KEY).set_value("2016-18").run()
    text = _text(at)
    assert "福建省 → 宁夏回族自治区" in text
    assert "004:L1248–1252" in text
    at.radio(key=PERIOD_KEY).set_value(2021).run()  # the pick is kept only while it is shown
    assert not at.exception
    assert at.selectbox(key=PAIR_KEY).value == ""


def test_helper_province_filter(open_app) -> None:
    at = open_app("pages/pairing.py")
    at.multiselect(key=HELPERS_KEY).set_value(["37"]).run()  # 山东
    assert _table_rows(at) == 4
    at.sidebar.multiselect(key="flt_provinces").set_value(["52"]).run()  # and recipient 贵州
    assert _table_rows(at) == 1  # 青岛 → 安顺


def test_nothing_matching_says_no_data(open_app) -> None:
    at = open_app("pages/pairing.py", province="14")  # 山西 is no recipient
    assert not at.exception
    assert _table_rows(at) == 0
    assert any("暂无数据" in i.value for i in at.info)


def test_a_click_on_a_link_selects_its_pair(open_app) -> None:
    at = open_app("pages/pairing.py")
    at.session_state[MAP_KEY] = {"last_object_clicked_tooltip": "帮扶方山东省青岛市受援方贵州省安顺市编号2016-23"}
    at.run()
    assert at.selectbox(key=PAIR_KEY).value == "2016-23"
    assert "004:L1883–1895" in _text(at)
    at.selectbox(key=PAIR_KEY).set_value("").run()  # the same click state again does not re-select
    assert at.selectbox(key=PAIR_KEY).value == ""
