"""AppTest of the contiguous-areas page."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import REPO_ROOT
from geo.ui.language import SWITCH_KEY
from tests.pages.english import untranslated_on


def test_without_an_area_the_14_are_listed(open_app) -> None:
    at = open_app("pages/areas.py")
    assert not at.exception
    assert at.title[0].value == "集中连片特困地区"
    assert any(s.value == "14个集中连片特困地区" for s in at.subheader)
    assert len(at.dataframe[0].value) == 14


def test_choosing_an_area_shows_its_summary(open_app) -> None:
    at = open_app("pages/areas.py")
    at.sidebar.multiselect(key="flt_areas").set_value(["乌蒙山区"]).run()
    assert any(s.value == "乌蒙山区 · 山区集中连片特困地区" for s in at.subheader)
    assert len(at.dataframe[0].value) == 38
    assert at.query_params["area"] == "乌蒙山区"
    assert any("暂无来源核实" in m.label for m in at.metric)
    labels = [b.label for b in at.get("download_button")]
    assert {"下载地图 PNG", "下载地图 HTML", "下载片区简报 PDF"} <= set(labels)


def test_a_shared_link_opens_the_area(open_app) -> None:
    at = open_app("pages/areas.py", area="滇西边境山区")
    assert any(s.value.startswith("滇西边境山区") for s in at.subheader)
    assert len(at.get("plotly_chart")) == 2


def test_filters_survive_a_page_switch() -> None:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120).run()
    at.sidebar.multiselect(key="flt_provinces").set_value(["53"]).run()
    at.switch_page("pages/areas.py").run()
    assert at.sidebar.multiselect(key="flt_provinces").value == ["53"]
    assert at.query_params["province"] == "53"
    at.switch_page("pages/overview.py").run()
    assert at.sidebar.multiselect(key="flt_provinces").value == ["53"]


# ---------------------------------------------------------------------------- English (?lang=en)


def test_english_list_of_the_14_is_translated(open_app) -> None:
    at = open_app("pages/areas.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Contiguous poor areas"
    assert any(s.value == "The 14 contiguous poor areas" for s in at.subheader)
    table = at.dataframe[0].value
    assert table.columns[:3].tolist() == ["Area", "Type", "Provinces"]
    assert "乌蒙山区 (Wumeng Shanqu)" in set(table["Area"])
    assert untranslated_on(at) == []


@pytest.mark.parametrize("area", ["乌蒙山区", "西藏区", "燕山-太行山区"])
def test_english_area_summary_is_translated(open_app, area: str) -> None:
    at = open_app("pages/areas.py", lang="en", area=area)
    assert not at.exception
    assert any(s.value.startswith(f"{area} (") and " · " in s.value for s in at.subheader)
    assert any(m.label == "Membership not yet verified" for m in at.metric)
    assert untranslated_on(at) == []


def test_english_area_after_a_switch(open_app) -> None:
    at = open_app("pages/areas.py")
    at.sidebar.multiselect(key="flt_areas").set_value(["乌蒙山区"]).run()
    at.sidebar.segmented_control(key=SWITCH_KEY).set_value("en").run()
    assert any(s.value == "乌蒙山区 (Wumeng Shanqu) · Mountain contiguous poor area" for s in at.subheader)
    assert at.query_params["area"] == "乌蒙山区" and at.query_params["lang"] == "en"
    assert len(at.dataframe[0].value) == 38
