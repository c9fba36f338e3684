"""AppTest of the relocation page (the map itself is a custom component: inspect-only here)."""

import pytest
from streamlit.testing.v1 import AppTest

PAGE = "pages/relocation.py"


def _site_rows(at: AppTest) -> int:
    subheader = next(s.value for s in at.subheader if s.value.startswith("具名安置点"))
    return int(subheader.removeprefix("具名安置点（").removesuffix("）").replace(",", ""))


def test_default_view(open_app) -> None:
    at = open_app("pages/relocation.py")
    assert not at.exception
    assert at.title[0].value == "脱贫攻坚地图 · 易地扶贫搬迁"
    assert any(el.type == "component_instance" for el in at.get("component_instance"))  # the map
    assert at.get("plotly_chart"), "the province chart is drawn"
    assert _site_rows(at) == 45
    metrics = [m.value for m in at.metric]
    assert "约981万人" in metrics and "960多万人" in metrics
    assert len(at.get("download_button")) == 3  # table CSV/XLSX, map HTML
    captions = " ".join(c.value for c in at.caption)
    assert "代表点" in captions and "不是全县搬迁总数" in captions and "来源" in captions


def _sites_table(at: AppTest):
    return next(df.value for df in at.dataframe if "安置点" in df.value.columns)


def test_province_filter_changes_the_tables_and_url(open_app) -> None:
    at = open_app("pages/relocation.py")
    assert len(_sites_table(at)) == 45
    at.sidebar.multiselect(key="flt_provinces").set_value(["52"]).run()
    assert not at.exception
    assert _site_rows(at) == 11
    assert at.query_params["province"] == "52"
    sites = _sites_table(at)
    assert len(sites) == 11 and set(sites["省份"]) == {"贵州省"}
    assert sites["来源"].str.len().min() > 0


def test_selection_without_sites_says_so(open_app) -> None:
    at = open_app("pages/relocation.py")
    at.sidebar.multiselect(key="flt_provinces").set_value(["15"]).run()  # 内蒙古: plan figures, no named site
    assert not at.exception
    assert _site_rows(at) == 0
    assert any(i.value.startswith("暂无数据") for i in at.info)
    assert at.get("plotly_chart"), "the province's plan figure is still charted"
    at.sidebar.multiselect(key="flt_provinces").set_value(["34"]).run()  # 安徽: neither
    assert not at.exception
    assert any("所选省份没有省级搬迁人数" in i.value for i in at.info)


def test_shared_link_reproduces_the_view(open_app) -> None:
    at = open_app("pages/relocation.py", province="64")
    assert not at.exception
    assert at.sidebar.multiselect(key="flt_provinces").value == ["64"]
    assert _site_rows(at) == 3


@pytest.mark.parametrize("params", [{"province": "<script>alert(1)</script>"}, {"area": "x" * 5000}])
def test_hostile_links_are_ignored_with_a_notice(open_app, params: dict) -> None:
    at = open_app("pages/relocation.py", **params)
    assert not at.exception
    assert _site_rows(at) == 45
    assert at.warning and "<script>" not in at.warning[0].value
