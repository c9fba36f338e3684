"""AppTest of the county drill-down page (县域档案)."""

from streamlit.testing.v1 import AppTest

from geo.paths import REPO_ROOT


def _infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def test_a_link_opens_a_county_with_full_data(open_app) -> None:
    at = open_app("pages/county.py", county="130624")
    assert not at.exception
    assert at.title[0].value == "县域档案"
    assert at.header[0].value == "阜平县"
    facts = at.table[0].value
    assert facts.loc["摘帽年份", "内容"] == "2019年"
    assert facts.loc["地市", "内容"] == "保定市"
    assert "燕山-太行山区" in facts.loc["集中连片特困地区", "内容"]
    assert len(at.get("plotly_chart")) == 5  # income, population, GDP, structure, census
    assert not any("暂无数据" in text for text in _infos(at) if "结对" not in text and "安置点" not in text)
    assert any("北京市 → 保定市" in m.value for m in at.markdown)  # pairing via its prefecture
    assert at.query_params["county"] == "130624"
    labels = [b.label for b in at.get("download_button")]
    assert {"下载 CSV", "下载 XLSX"} <= set(labels)


def test_a_county_with_gaps_says_no_data(open_app) -> None:
    at = open_app("pages/county.py", county="130705")  # 宣化区: no income or GDP series
    assert not at.exception
    assert at.header[0].value == "宣化区"
    infos = _infos(at)
    assert "居民人均可支配收入：暂无数据" in infos
    assert "地区生产总值：暂无数据" in infos
    assert len(at.get("plotly_chart")) == 2  # population and census still drawn


def test_a_county_outside_the_832(open_app) -> None:
    at = open_app("pages/county.py", county="640121")  # 永宁县: not a poverty county, two relocation sites
    facts = at.table[0].value
    assert facts.loc["贫困县身份", "内容"] == "非国家贫困县"
    assert len(at.dataframe) >= 2  # the sites and the long data table
    assert not at.exception


def test_without_a_county_the_page_invites_a_search(open_app) -> None:
    at = open_app("pages/county.py")
    assert not at.exception
    assert any("搜索一个县" in text for text in _infos(at))


def test_search_and_choose_a_hit(open_app) -> None:
    at = open_app("pages/county.py")
    at.text_input(key="county_query").input("fp").run()
    hits = [b for b in at.button if b.key and b.key.startswith("county_hit_")]
    assert hits[0].label.startswith("阜平县")
    hits[0].click().run()
    assert at.header[0].value == "阜平县"
    assert at.query_params["county"] == "130624"
    assert at.text_input(key="county_query").value == ""


def test_a_neighbour_button_moves_the_profile(open_app) -> None:
    at = open_app("pages/county.py", county="130624")
    at.button(key="county_nb_130634").click().run()  # 曲阳县
    assert at.header[0].value == "曲阳县"
    assert at.query_params["county"] == "130634"


def test_filters_survive_a_visit_to_the_profile() -> None:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120).run()
    at.sidebar.multiselect(key="flt_provinces").set_value(["13"]).run()
    at.switch_page("pages/county.py").run()
    assert at.query_params["province"] == "13"
    at.switch_page("pages/overview.py").run()
    assert at.sidebar.multiselect(key="flt_provinces").value == ["13"]
