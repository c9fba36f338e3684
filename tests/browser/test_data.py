"""The data page in a real browser: hostile names from an upload stay text from import to the overview map.

A CSV whose column header is a spreadsheet formula and one of whose county names is an HTML
tag is uploaded through the page's file input; one unmatched row is fixed in the review data
editor (glide-data-grid: keyboard navigation from a clicked cell, then the cell's select list);
the dataset is saved under the name ``<img src=x onerror=alert(1)>`` and opened on the overview.
Legend, tooltip and page must show that text literally: no ``<img src=x>`` element anywhere,
no dialog, and no request leaves the machine.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo import boundaries
from geo.store import open_store

APP = "app.py"
ALL_COUNTIES = 2891
XSS = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x")'
EDITOR = ".st-key-data_review_editor [data-testid='stDataFrame']"
ROW_HEIGHT_PX = 35  # glide-data-grid rows (and the header row) in Streamlit's data editor
CHOICE_COLUMN = 5  # position of 指定区划代码 in the editor (geo.ui.data_review.EDITOR_ORDER)


@pytest.fixture
def clean_store():
    """No saved datasets before and after (the app server shares the test session's store)."""
    store = open_store()

    def wipe() -> None:
        for meta in store.list_datasets():
            store.delete(meta.id)

    wipe()
    yield store
    wipe()


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "县域收入.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["省份", "县名", FORMULA])
        writer.writerows(
            [
                ["河北省", "阜平县", "12"],
                ["贵州省", "赫章县", "10"],
                ["甘肃省", "东乡县", "8"],  # unmatched: today 东乡族自治县, offered as a candidate
                ["火星", XSS, "1"],  # unmatched, left out
            ]
        )
    return path


def _path_index(adcode: str) -> int:
    return boundaries.counties("national")["adcode"].tolist().index(adcode)


def _no_injected_images(page, frame) -> None:
    assert page.locator("img[src=x]").count() == 0
    assert frame.locator("img[src=x]").count() == 0


def test_hostile_names_stay_text_from_upload_to_the_overview(
    app_server, page, page_log, map_frame, wait_for_polygons, tmp_path, clean_store
):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_server(APP) + "/data")
    expect(page.get_by_role("heading", name="① 类型与文件")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("暂无数据", exact=True)).to_be_visible()

    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(_csv(tmp_path))
    expect(page.get_by_role("heading", name="③ 匹配结果")).to_be_visible(timeout=30_000)
    unmatched = page.get_by_test_id("stMetric").filter(has_text="未匹配")
    expect(unmatched).to_contain_text("2")

    # Fix 东乡县 in the data editor: click its first cell, move to the choice column, pick the candidate.
    editor = page.locator(EDITOR)
    editor.scroll_into_view_if_needed()
    expect(editor.locator("canvas").first).to_be_visible()
    page.wait_for_timeout(500)  # the grid settles its column widths
    editor.click(position={"x": 20, "y": ROW_HEIGHT_PX * 1.5})
    for _ in range(CHOICE_COLUMN):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the cell's select list
    option = page.get_by_test_id("portal").get_by_text("622926 临夏回族自治州东乡族自治县")
    expect(option).to_be_visible()
    page.wait_for_timeout(300)  # the overlay finishes opening before it takes a click
    option.click()
    page.wait_for_timeout(500)  # the edit reaches the widget state before the button sends it
    page.get_by_role("button", name="应用修改").click()
    expect(page.get_by_test_id("stMetric").filter(has_text="其中人工指定")).to_contain_text("1", timeout=20_000)
    expect(unmatched).to_contain_text("1")

    # ④ the preview map draws the counties offline, ⑤ save under the hostile name.
    wait_for_polygons(map_frame(page), ALL_COUNTIES)
    page.get_by_label("名称", exact=True).fill(XSS)
    page.get_by_label("来源（必填）").fill("浏览器测试")
    page.get_by_role("button", name="保存数据集").click()
    expect(page.get_by_text(f"已保存数据集“{XSS}”：3 个县")).to_be_visible(timeout=20_000)
    (meta,) = clean_store.list_datasets()
    assert meta.name == XSS and [c.label for c in meta.columns] == [FORMULA]
    _no_injected_images(page, map_frame(page))

    # The page's link opens the overview on the new indicator.
    page.get_by_role("link", name="在全国总览中查看").first.click()
    expect(page).to_have_url(re.compile(r"indicator=u_[0-9a-f]{12}_c1"), timeout=20_000)
    frame = map_frame(page)
    paths = wait_for_polygons(frame, ALL_COUNTIES)
    label = f"{FORMULA}（用户数据·{XSS}）"
    expect(frame.locator(".atlas-legend")).to_contain_text(label)
    paths.nth(_path_index("622926")).hover()  # 东乡族自治县, the fixed row
    tooltip = frame.locator(".leaflet-tooltip").filter(has_text="东乡族自治县")  # the pointer may cross others
    expect(tooltip).to_contain_text(label)
    expect(tooltip).to_contain_text("临夏回族自治州")
    _no_injected_images(page, frame)
    assert dialogs == []
    assert page_log.external_requests == []
    assert page_log.page_errors == []
