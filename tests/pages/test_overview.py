"""AppTest of the overview page (the map itself is a custom component: inspect-only here)."""

from streamlit.testing.v1 import AppTest

from geo.paths import REPO_ROOT


def test_overview_renders_map_and_exit_summary() -> None:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert at.title[0].value == "脱贫攻坚地图 · 全国总览"
    # streamlit-folium shows up as an unknown custom-component element
    assert any(el.type == "component_instance" for el in at.get("component_instance"))
    exits = at.dataframe[0].value
    assert exits["摘帽县数"].tolist() == [28, 125, 283, 344, 52]
    assert exits["年份"].tolist() == [2016, 2017, 2018, 2019, 2020]
