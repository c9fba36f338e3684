from streamlit.testing.v1 import AppTest

from geo.i18n.check import apptest_texts, untranslated


def _panel(adcode: str | None) -> AppTest:
    def app(adcode: str | None) -> None:
        from geo import boundaries, data
        from geo.ui.county_panel import show_county

        show_county(adcode, boundaries.county_table("national"), data.poverty_counties())

    return AppTest.from_function(app, args=(adcode,), default_timeout=60).run()


def test_poverty_county_facts() -> None:
    at = _panel("130624")
    assert at.subheader[0].value == "阜平县"
    facts = at.table[0].value["内容"].to_dict()
    assert facts["摘帽年份"] == "2019年"
    assert facts["省份"] == "河北省"
    assert facts["连片特困地区"] == "燕山-太行山区"


def test_merged_unit_lists_both_former_counties() -> None:
    at = _panel("632803")  # 茫崖市 draws both 茫崖行委 and 冷湖行委
    assert len(at.table) == 2
    names = {table.value["内容"]["县（市、区）"] for table in at.table}
    assert any("冷湖" in n for n in names)


def test_non_poverty_county_says_no_data() -> None:
    at = _panel("110101")
    assert at.subheader[0].value == "东城区"
    assert "暂无" in at.info[0].value


def test_nothing_clicked_shows_summary() -> None:
    at = _panel(None)
    assert at.subheader[0].value == "摘帽进度"


def _panel_in(lang: str, adcode: str | None) -> AppTest:
    def app(lang: str, adcode: str | None) -> None:
        from geo import boundaries, data
        from geo.i18n import set_language
        from geo.ui.county_panel import show_county

        set_language(lang)
        show_county(adcode, boundaries.county_table("national"), data.poverty_counties())

    return AppTest.from_function(app, args=(lang, adcode), default_timeout=60).run()


def test_english_county_facts() -> None:
    at = _panel_in("en", "130624")
    assert at.subheader[0].value == "阜平县 (Fuping Xian)"
    facts = at.table[0].value["Value"].to_dict()
    assert facts["Exit year"] == "2019"
    assert facts["Province"] == "河北省 (Hebei Sheng)"
    assert facts["Contiguous poor area"] == "燕山-太行山区 (Yanshan-Taihang Shanqu)"
    assert facts["Region"] == "East" and facts["Three Regions and Three Prefectures"] == "No"
    assert untranslated("\n".join(apptest_texts(at))) == []


def test_english_panel_without_a_county_and_for_other_counties() -> None:
    for adcode in (None, "110101", "632803"):
        at = _panel_in("en", adcode)
        assert not at.exception
        assert untranslated("\n".join(apptest_texts(at))) == [], adcode
    assert _panel_in("en", None).subheader[0].value == "Exits by year"
