"""Presentation mode and map export in a real browser."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from geo.store import open_store

APP = "app.py"


@pytest.fixture
def two_views():
    """Two saved views in the app server's store (the test session's ATLAS_DATA_DIR)."""
    store = open_store()
    for view in store.list_views():
        store.delete_view(view.id)
    store.save_view("贵州 · 农村收入", "", "province=52&indicator=rural_disposable_income&year=2019")
    store.save_view("西秀区档案", "county", "county=520402")
    yield
    for view in store.list_views():
        store.delete_view(view.id)


@pytest.mark.usefixtures("two_views")
def test_presentation_mode_steps_through_saved_views(app_server, page, page_log, map_frame, wait_for_polygons):
    page.goto(app_server(APP))
    wait_for_polygons(map_frame(page), 2800)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_be_visible()
    sidebar.get_by_text("演示模式").click()

    expect(sidebar).to_be_hidden()
    expect(page.get_by_text("指标", exact=True)).to_be_hidden()  # page controls hidden too
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "21px"
    expect(page.get_by_text("视图 1 / 2")).to_be_visible()

    page.get_by_role("button", name="下一个 ▶").click()
    expect(page).to_have_url(re.compile(r"province=52.*indicator=rural_disposable_income|indicator=.*province=52"))
    expect(page.get_by_test_id("stMainBlockContainer").get_by_text("贵州 · 农村收入")).to_be_visible()
    frame = map_frame(page)
    expect(frame.locator(".atlas-legend")).to_contain_text("农村居民人均可支配收入（2019年）")
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()["height"] > 800  # enlarged map

    page.get_by_role("button", name="下一个 ▶").click()
    expect(page.get_by_role("heading", name="西秀区")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"/county\?county=520402"))
    expect(page.get_by_role("button", name="下一个 ▶")).to_be_disabled()
    expect(sidebar).to_be_hidden()

    page.get_by_role("button", name="◀ 上一个").click()
    expect(page.get_by_role("heading", name=re.compile("全国总览"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="退出演示").click()
    expect(sidebar).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page_log.external_requests == []
    assert page_log.page_errors == []


def test_map_png_export_has_the_view_title(app_server, page, page_log, map_frame, wait_for_polygons, tmp_path):
    page.goto(app_server(APP) + "/?province=52&indicator=rural_disposable_income&year=2019")
    wait_for_polygons(map_frame(page), 2800)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="下载地图 PNG").click()
    path = tmp_path / "map.png"
    download.value.save_as(path)
    assert download.value.suggested_filename == "脱贫攻坚地图_农村居民人均可支配收入（2019年）.png"
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size[0] >= 1200
        assert image.text["Title"] == "农村居民人均可支配收入（2019年）"
        colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1_000_000)}
    assert len(colours) > 20  # a drawn map, not a blank page
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page_log.external_requests == []
