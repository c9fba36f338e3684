"""AppTest of the data page (数据导入): upload → columns → match → fix → preview → save, and every refusal.

Files are built here from real county names and codes (tables) and the default county polygons
(boundaries), uploaded through the page's own ``st.file_uploader`` (AppTest drives it), and the
dataset store is checked directly: a refusal must leave it exactly as it was.

AppTest note: on this multipage app every ``at.run()`` runs the page script once as a plain
pages/ script, which reruns through ``app.py`` (``ensure_navigation``); a button's one-run
``True`` is lost in that rerun, so the page acts in button callbacks, which run before it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo import boundaries
from geo.paths import REPO_ROOT
from geo.store import open_store
from geo.ui.text import md
from geo.upload.gcj02 import to_gcj02
from geo.upload.limits import MAX_UPLOAD_BYTES, MiB
from geo.upload.tables import guess_header_row, read_grid, table_from_grid
from geo.userdata import indicators
from geo.userdata.importer import ImportPlan, ValueChoice, build_dataset, match_table

XSS = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x")'
PAGE = "pages/data.py"
CSV_MIME = "text/csv"
ZIP_MIME = "application/zip"


# --------------------------------------------------------------------------- files


def yearbook_csv(
    rows: list[list[str]] | None = None, *, encoding: str = "gbk", header: list[str] | None = None
) -> bytes:
    """A statistical-yearbook CSV: a title row and a unit row above the header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["2020年国家贫困县主要指标"])
    writer.writerow(["单位：元"])
    writer.writerow(header or ["省份", "县名", "农村居民人均可支配收入（元）", "常住人口（万人）"])
    writer.writerows(
        rows
        or [
            ["河北省", "阜平县", "12,345", "21.2"],
            ["贵州省", "赫章县", "10234", "66.8"],
            ["贵州", "威宁县", "9876", "126.3"],  # 威宁彝族回族苗族自治县 without its suffix
            ["云南省", "禄劝县", "11000", "39.6"],  # a former name
            ["甘肃省", "东乡县", "8000", "27.9"],  # unmatched: today 东乡族自治县 (622926)
        ]
    )
    return out.getvalue().encode(encoding)


def shapefile_zip(tmp_path: Path, layer: gpd.GeoDataFrame, *, drop: tuple[str, ...] = (".cpg",)) -> bytes:
    """``layer`` as a zipped Shapefile with a GBK .dbf (no .cpg, as many Chinese GIS exports)."""
    folder = tmp_path / "shp"
    folder.mkdir(exist_ok=True)
    layer.to_file(folder / "县界.shp", encoding="GBK")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.iterdir()):
            if f.suffix.lower() not in drop:
                zf.write(f, f.name)
    return buf.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return buf.getvalue()


@pytest.fixture(scope="module")
def baoding(national_counties) -> gpd.GeoDataFrame:
    """保定's counties as an uploader's layer: numeric codes, names, a population field."""
    counties = national_counties[national_counties["adcode"].str.startswith("1306")].reset_index(drop=True)
    return gpd.GeoDataFrame(
        {"PAC": counties["adcode"].astype(int), "NAME": counties["name"], "POP": range(len(counties))},
        geometry=counties.geometry.values,
        crs=counties.crs,
    )


# --------------------------------------------------------------------------- page helpers


@pytest.fixture(autouse=True)
def empty_store():
    """Every test starts without saved datasets (the session's store is shared by all tests)."""
    store = open_store()
    for meta in store.list_datasets():
        store.delete(meta.id)
    return store


def plain(text: str) -> str:
    """Markdown-escaped page text back to what the user reads."""
    return re.sub(r"\\(.)", r"\1", text)


def errors(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error]


def widget(widgets, suffix: str):
    """The one widget whose key ends with ``suffix`` (import widgets carry the upload's token)."""
    found = [w for w in widgets if w.key and w.key.startswith("data_") and w.key.endswith(suffix)]
    assert len(found) == 1, (suffix, [w.key for w in widgets])
    return found[0]


def upload(at: AppTest, filename: str, data: bytes, kind: str = "table") -> AppTest:
    if kind != "table":
        at.radio(key="data_kind").set_value(kind).run()
    mime = CSV_MIME if kind == "table" else ZIP_MIME
    at.file_uploader(key=f"data_file_{kind}").set_value((filename, data, mime)).run()
    assert not at.exception, at.exception
    return at


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def save(at: AppTest, name: str, source: str) -> AppTest:
    widget(at.text_input, "_name").input(name)
    widget(at.text_input, "_source").input(source)
    widget(at.button, "_save").click().run()
    assert not at.exception, at.exception
    return at


def fix_row(at: AppTest, row: int, code: str) -> AppTest:
    widget(at.selectbox, "_fix_row").set_value(row)
    widget(at.text_input, "_fix_code").input(code)
    widget(at.button, "_fix_apply").click().run()
    return at


@pytest.fixture
def data_page(open_app) -> AppTest:
    at = open_app(PAGE)
    assert not at.exception, at.exception
    return at


# --------------------------------------------------------------------------- the page


def test_empty_page_shows_no_data_and_the_uploader(data_page) -> None:
    at = data_page
    assert at.title[0].value == "数据导入"
    assert subheaders(at) == ["① 类型与文件", "⑥ 已保存的数据集"]
    assert "暂无数据" in [i.value for i in at.info]
    uploader = at.file_uploader(key="data_file_table")
    assert set(uploader.allowed_type) >= {".csv", ".xlsx"}
    captions = [plain(c.value) for c in at.caption]
    assert any("单个文件不超过 100.0 MB" in c for c in captions)
    assert any(c.startswith("存储位置：SQLite（") and c.endswith("atlas.sqlite）") for c in captions)
    at.radio(key="data_kind").set_value("boundaries").run()
    assert set(at.file_uploader(key="data_file_boundaries").allowed_type) >= {".zip", ".geojson", ".gpkg"}


def test_upload_limit_agrees_with_the_server_setting() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MiB == MAX_UPLOAD_BYTES


def test_gbk_yearbook_csv_to_a_dataset_in_the_overview_and_the_county_profile(data_page, empty_store, open_app):
    header = ["省份", "县名", "农村居民人均可支配收入（元）", FORMULA]
    at = upload(data_page, "2020年鉴.csv", yearbook_csv(header=header))
    assert subheaders(at) == ["① 类型与文件", "② 表头与字段", "③ 匹配结果", "④ 预览", "⑤ 保存", "⑥ 已保存的数据集"]
    assert any("编码 GBK/GB18030" in plain(c.value) for c in at.caption)
    assert next(s for s in at.selectbox if s.label == "表头所在行").value == 2  # under the title and unit rows
    assert widget(at.selectbox, "_province").value == "省份" and widget(at.selectbox, "_name").value == "县名"
    assert widget(at.multiselect, "_values").value == ["农村居民人均可支配收入（元）", FORMULA]
    assert widget(at.number_input, "_year_value").value == 2020  # from the title row
    assert metrics(at) == {"已匹配": "4", "未匹配": "1", "有歧义": "0", "其中人工指定": "0"}

    fix_row(at, 8, "622926")  # 东乡县 → 东乡族自治县, through the page's one-row form
    assert metrics(at) == {"已匹配": "5", "未匹配": "0", "有歧义": "0", "其中人工指定": "1"}
    assert widget(at.text_input, "_fix_code").value == ""  # the form is cleared for the next row
    assert len(at.get("component_instance")) == 1  # the preview map

    save(at, XSS, "测试：县统计年鉴（2021）")
    assert errors(at) == []
    (meta,) = empty_store.list_datasets()
    assert (meta.name, meta.source, meta.filename, meta.rows) == (XSS, "测试：县统计年鉴（2021）", "2020年鉴.csv", 5)
    assert [c.label for c in meta.columns] == ["农村居民人均可支配收入（元）", FORMULA]
    values = empty_store.values(meta.id)
    assert sorted(values.loc[values["column"] == "c1", "adcode"]) == ["130624", "520526", "520527", "530128", "622926"]
    assert set(values["year"]) == {2020}
    assert any(s.value.startswith(f"已保存数据集“{md(XSS)}”：5 个县，2 个数值列") for s in at.success)  # escaped
    indicator = indicators.indicator_id(meta.id, "c1")
    links = at.get("page_link")
    assert any(link.proto.label == "在全国总览中查看" and indicator in link.proto.query_string for link in links)
    saved = at.dataframe[-1].value
    assert saved.loc[0, "名称"] == XSS and FORMULA in saved.loc[0, "列"]
    assert saved.loc[0, "匹配情况"] == "已匹配 5，未匹配 0，有歧义 0（人工指定 1）"

    # The overview, opened as the page's link does: the new indicator, its legend and table column.
    overview = open_app(indicator=indicators.indicator_id(meta.id, "c2"))
    assert not overview.exception and not overview.warning
    assert overview.selectbox(key="flt_indicator").value == indicators.indicator_id(meta.id, "c2")
    label = f"{FORMULA}（用户数据·{XSS}）（2020年）"
    table = next(df.value for df in overview.dataframe if "区划代码" in df.value.columns)
    assert label in table.columns
    by_code = table.set_index("区划代码")[label]
    assert (by_code["130624"], by_code["622926"]) == (21.2, 27.9)
    script = json.loads(overview.get("component_instance")[0].proto.json_args)["script"]
    assert "（用户数据·&lt;img src=x onerror=alert(1)&gt;）（2020年）" in script  # the legend's title, escaped

    county = open_app("pages/county.py", county="622926")
    user = next(df.value for df in county.dataframe if list(df.value.columns[:4]) == ["指标", "年份", "本县", "单位"])
    assert set(user["指标"]) == {f"农村居民人均可支配收入（元）（用户数据·{XSS}）", f"{FORMULA}（用户数据·{XSS}）"}
    assert sorted(user["本县"]) == [27.9, 8000.0]


def test_a_yearbook_xlsx_sheet_with_codes(data_page, empty_store, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本表数据来自测试"])
    sheet = workbook.create_sheet("2019年")
    sheet.append(["2019年县域农村居民人均可支配收入"])
    sheet.append(["单位：元"])
    sheet.append(["区划代码", "县（市、区）", "农村居民人均可支配收入（元）"])
    for code, name, income in [
        (520402, "西秀区", 11902.5),
        (520423, "镇宁布依族苗族自治县", 10687),
        (522732, "三都", 9688),
    ]:
        sheet.append([code, name, income])  # codes as numbers, as Excel keeps them
    path = tmp_path / "年鉴.xlsx"
    workbook.save(path)
    at = upload(data_page, "年鉴.xlsx", path.read_bytes())
    assert any("以下没有数据行" in e for e in errors(at))  # the first sheet holds only a note
    widget(at.selectbox, "_sheet").set_value("2019年").run()
    assert errors(at) == [], errors(at)
    assert any("Excel 工作表“2019年”" in plain(c.value) for c in at.caption)
    assert next(s for s in at.selectbox if s.label == "表头所在行").value == 2
    assert widget(at.selectbox, "_code").value == "区划代码"
    assert widget(at.number_input, "_year_value").value == 2019
    assert metrics(at) == {"已匹配": "3", "未匹配": "0", "有歧义": "0", "其中人工指定": "0"}
    assert any("全部行都已匹配到县" in s.value for s in at.success)
    save(at, "2019 收入", "测试年鉴")
    (meta,) = empty_store.list_datasets()
    assert sorted(empty_store.values(meta.id)["value"]) == [9688.0, 10687.0, 11902.5]


def test_a_geopackage_with_two_layers_asks_which(data_page, empty_store, tmp_path, baoding):
    path = tmp_path / "县界.gpkg"
    baoding.to_file(path, layer="县界", driver="GPKG")
    baoding.head(3).to_file(path, layer="旧县界", driver="GPKG")
    at = upload(data_page, "县界.gpkg", path.read_bytes(), kind="boundaries")
    assert any("多个图层" in plain(w.value) for w in at.warning)
    widget(at.text_input, "_layer").input("县界").run()
    assert errors(at) == [] and metrics(at)["已匹配"] == str(len(baoding))
    _stays_empty(at, empty_store)


# --------------------------------------------------------------------------- refusals


def _stays_empty(at: AppTest, store) -> None:
    assert not at.exception, at.exception
    assert store.list_datasets() == []
    assert "暂无数据" in [i.value for i in at.info]


TABLE_REFUSALS = {
    "empty file": ("空.csv", b"", "是空文件（0 字节）"),
    "0 rows": ("表头.csv", "省份,县名,收入\n".encode("gbk"), "以下没有数据行"),
    "undecodable": ("乱码.csv", b"\xff\xfe\xff" * 3 + b"\n\xff", "无法识别此 CSV 文件的编码"),
    "over the limit": ("大.csv", b"a,b\n" + b"1" * (MAX_UPLOAD_BYTES + MiB), "超过上限 100.0 MB"),
}


@pytest.mark.parametrize("case", list(TABLE_REFUSALS))
def test_a_bad_table_is_refused_with_its_message(data_page, empty_store, case):
    filename, data, message = TABLE_REFUSALS[case]
    at = upload(data_page, filename, data)
    assert any(message in e for e in errors(at)), (message, errors(at))
    assert "⑤ 保存" not in subheaders(at)
    _stays_empty(at, empty_store)


def test_non_numeric_values_are_listed_and_refused(data_page, empty_store):
    rows = [["河北省", "阜平县", "一万二", "21.2"], ["贵州省", "赫章县", "10234", "12万"]]
    at = upload(data_page, "文字.csv", yearbook_csv(rows))
    assert widget(at.multiselect, "_values").value == []  # no numeric column to propose
    assert any("还没有选择数值列" in e for e in errors(at))
    widget(at.multiselect, "_values").set_value(["农村居民人均可支配收入（元）", "常住人口（万人）"]).run()
    (message,) = errors(at)
    assert "数值列“农村居民人均可支配收入（元）”中有不是数字的单元格：第 4 行“一万二”" in message
    assert "数值列“常住人口（万人）”中有不是数字的单元格：第 5 行“12万”" in message
    assert "③ 匹配结果" not in subheaders(at)
    _stays_empty(at, empty_store)


def test_gbk_bytes_read_as_utf8_are_refused_until_the_encoding_is_right(data_page, empty_store):
    at = upload(data_page, "年鉴.csv", yearbook_csv())
    assert "⑤ 保存" in subheaders(at)
    widget(at.selectbox, "_encoding").set_value("utf-8").run()  # the user overrides the (right) guess
    assert any("无法按所选编码（utf-8）读取此 CSV 文件" in e for e in errors(at))
    assert "③ 匹配结果" not in subheaders(at)
    widget(at.selectbox, "_encoding").set_value("gb18030").run()
    assert errors(at) == [] and metrics(at)["已匹配"] == "4"
    _stays_empty(at, empty_store)


def test_duplicate_keys_are_refused_until_a_row_is_skipped(data_page, empty_store):
    rows = [["河北省", "阜平县", "100", "1"], ["河北", "阜平", "200", "2"], ["贵州省", "赫章县", "300", "3"]]
    at = upload(data_page, "重复.csv", yearbook_csv(rows))
    assert any("有多行数据对应同一个县、同一年份和同一指标" in e and "阜平县" in e for e in errors(at))
    assert "⑤ 保存" not in subheaders(at)
    assert any("重复" in w.value for w in at.warning)
    _stays_empty(at, empty_store)
    fix_row(at, 5, "跳过")
    assert errors(at) == [] and "⑤ 保存" in subheaders(at)
    save(at, "阜平与赫章", "测试")
    (meta,) = empty_store.list_datasets()
    assert sorted(empty_store.values(meta.id)["value"]) == [1.0, 3.0, 100.0, 300.0]


def test_an_invalid_fix_is_refused_and_nothing_changes(data_page, empty_store):
    at = upload(data_page, "年鉴.csv", yearbook_csv())
    fix_row(at, 8, "999999")
    assert any("未应用" in e and "“999999”无效" in e for e in errors(at))
    assert metrics(at)["其中人工指定"] == "0"
    _stays_empty(at, empty_store)


@pytest.mark.parametrize(
    ("name", "source", "message"),
    [("", "测试", "数据集名称不能为空"), ("阜平", "", "来源说明不能为空"), ("阜平", "   ", "来源说明不能为空")],
)
def test_name_and_source_are_required(data_page, empty_store, name, source, message):
    at = save(upload(data_page, "年鉴.csv", yearbook_csv()), name, source)
    assert any(e.startswith("未保存：") and message in e for e in errors(at)), errors(at)
    _stays_empty(at, empty_store)


def test_a_store_refusal_is_shown_and_the_first_dataset_kept(data_page, empty_store):
    at = save(upload(data_page, "年鉴.csv", yearbook_csv()), "县域收入", "测试")
    (first,) = empty_store.list_datasets()
    save(at, "县域收入", "测试")  # the same name again: the store refuses
    assert any("已有名为“县域收入”的数据集" in e for e in errors(at))
    assert [m.id for m in empty_store.list_datasets()] == [first.id]


BOUNDARY_REFUSALS = {
    "zip slip": (lambda *_: zip_of({"../县界.shp": b"x", "县界.dbf": b"x"}), "指向上级目录的路径"),
    "zip bomb": (lambda *_: zip_of({"县界.dbf": b"\0" * (64 * MiB)}), "压缩炸弹"),
    "no .shx": (
        lambda tmp, layer: shapefile_zip(tmp, layer, drop=(".shx", ".cpg")),
        "缺少与“县界.shp”同名的索引文件 .shx",
    ),
    "no .dbf": (
        lambda tmp, layer: shapefile_zip(tmp, layer, drop=(".dbf", ".cpg")),
        "缺少与“县界.shp”同名的属性表 .dbf",
    ),
    "corrupt .dbf": (lambda tmp, layer: _corrupt_dbf(shapefile_zip(tmp, layer)), "属性表“县界.dbf”已损坏"),
    "not a layer": (lambda *_: b"hello", "无法识别边界文件“x.zip”的格式"),
}


def _corrupt_dbf(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["县界.dbf"] = members["县界.dbf"][:-40]  # truncated: fewer bytes than its header declares
    return zip_of(members)


@pytest.mark.parametrize("case", list(BOUNDARY_REFUSALS))
def test_a_bad_boundary_file_is_refused_with_its_message(data_page, empty_store, tmp_path, baoding, case):
    build, message = BOUNDARY_REFUSALS[case]
    at = upload(data_page, "x.zip", build(tmp_path, baoding), kind="boundaries")
    assert any(message in e for e in errors(at)), (message, errors(at))
    assert "③ 匹配结果" not in subheaders(at)
    _stays_empty(at, empty_store)


def test_projected_shapefile_without_prj_asks_for_the_crs_and_repairs_polygons(
    data_page, empty_store, tmp_path, baoding, national_counties
):
    layer = baoding.to_crs(4547)  # CGCS2000 3-degree Gauss-Kruger CM 114E
    minx, miny, maxx, maxy = layer.geometry.iloc[0].bounds
    layer.loc[0, "geometry"] = shapely.Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])  # bow-tie
    at = upload(data_page, "保定县界.zip", shapefile_zip(tmp_path, layer, drop=(".prj", ".cpg")), kind="boundaries")
    assert any("缺少 .prj" in plain(w.value) and "投影坐标" in plain(w.value) for w in at.warning)
    assert "③ 匹配结果" not in subheaders(at)
    _stays_empty(at, empty_store)

    widget(at.selectbox, "_crs").set_value("EPSG:4547").run()
    assert errors(at) == [], errors(at)
    assert "③ 匹配结果" in subheaders(at)
    assert any("已自动修复 1 个无效（自相交等）的面" in plain(i.value) for i in at.info)
    assert any("EPSG:4547" in plain(i.value) for i in at.info)  # "按所选坐标系 EPSG:4547 解读坐标"
    assert widget(at.selectbox, "_code").value == "PAC" and widget(at.selectbox, "_name").value == "NAME"
    assert metrics(at)["已匹配"] == str(len(baoding))

    save(at, "保定县界", "测试测绘院")
    (meta,) = empty_store.list_datasets()
    assert meta.kind == "boundaries" and meta.columns == ()  # boundaries only: no value column chosen
    features = empty_store.features(meta.id)
    assert sorted(features["adcode"]) == sorted(baoding["PAC"].astype(str))
    reference = national_counties.set_index("adcode").loc["130624"].geometry
    fuping = features.set_index("adcode").loc["130624"].geometry
    assert fuping.symmetric_difference(reference).area < 0.01 * reference.area  # reprojected back in place


def test_gcj02_shifted_layer_is_flagged_and_corrected_on_save(data_page, empty_store):
    full = boundaries.counties("full")  # the detailed layer the alignment check compares against
    counties = full[full["adcode"].str.startswith("1306")]
    layer = gpd.GeoDataFrame(
        {"adcode": counties["adcode"], "NAME": counties["name"], "POP": range(len(counties))},
        geometry=counties.geometry.values,
        crs=counties.crs,
    )
    shifted = to_gcj02(layer)  # as traced from a Chinese web map
    at = upload(data_page, "高德县界.geojson", shifted.to_json().encode(), kind="boundaries")
    assert errors(at) == [], errors(at)
    assert any("GCJ-02" in plain(w.value) for w in at.warning)
    assert widget(at.checkbox, "_gcj02").value is True
    widget(at.multiselect, "_values").set_value(["POP"]).run()
    save(at, "保定（高德）", "测试")
    (meta,) = empty_store.list_datasets()
    features = empty_store.features(meta.id).set_index("adcode")
    reference = full.set_index("adcode")
    moved = shapely.hausdorff_distance(features.loc["130624"].geometry, reference.loc["130624"].geometry)
    assert moved < 1e-5  # degrees: back on the default boundary (the shift was ~540 m ≈ 0.005°)


# --------------------------------------------------------------------------- saved datasets


def _saved(store, gazetteer, name: str) -> str:
    grid = read_grid(yearbook_csv(encoding="utf-8"), "t.csv")
    table = table_from_grid(grid, guess_header_row(grid))
    plan = ImportPlan(province="省份", name="县名", values=(ValueChoice("常住人口（万人）", "万人"),), year=2020)
    dataset = build_dataset(match_table(table, plan, gazetteer), name=name, source="测试", filename="t.csv")
    return store.save(dataset).id


def test_rename_and_delete(data_page, empty_store, gazetteer):
    first = _saved(empty_store, gazetteer, "甲")
    _saved(empty_store, gazetteer, "乙")
    at = data_page.run()
    assert list(at.dataframe[-1].value["名称"]) == ["乙", "甲"]

    at.text_input(key=f"data_rename_{first}").input("乙")
    at.button(key=f"data_rename_go_{first}").click().run()
    assert any("已有名为“乙”的数据集" in e for e in errors(at))  # the store's refusal, shown
    assert empty_store.get(first).name == "甲"

    at.text_input(key=f"data_rename_{first}").input(XSS)
    at.button(key=f"data_rename_go_{first}").click().run()
    assert empty_store.get(first).name == XSS
    assert any(s.value == f"已将“甲”重命名为“{md(XSS)}”。" for s in at.success)
    assert any(e.label == f"管理：{md(XSS)}" for e in at.expander)  # expander labels render markdown too
    assert XSS in list(at.dataframe[-1].value["名称"])

    assert at.button(key=f"data_delete_go_{first}").disabled  # needs the confirmation first
    at.checkbox(key=f"data_delete_ok_{first}").check().run()
    at.button(key=f"data_delete_go_{first}").click().run()
    assert [m.name for m in empty_store.list_datasets()] == ["乙"]
    assert any(plain(s.value) == f"已删除数据集“{XSS}”。" for s in at.success)
    assert list(at.dataframe[-1].value["名称"]) == ["乙"]
