"""The data page in English (``?lang=en``): every text the page shows is English, except the
uploaded file's own cells and headers (built here from the file) and place names from the data
(:func:`tests.pages.english.untranslated_on`), at each step of an import: the empty page, a GBK
yearbook CSV read, matched and fixed by hand (a refused fix included), the dataset saved and
renamed, a Shapefile without a .prj (the CRS picker), and refusals.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import use_language
from geo.ui.language import SWITCH_KEY
from geo.ui.text import md
from geo.userdata.importer import guess_unit
from tests.pages.english import untranslated_on

PAGE = "pages/data.py"
XSS = "<img src=x onerror=alert(1)>"
TITLE = ["2020年国家贫困县主要指标"]
UNITS = ["单位：元"]
HEADER = ["省份", "县名", "农村居民人均可支配收入（元）", "常住人口（万人）"]
ROWS = [
    ["河北省", "阜平县", "12,345", "21.2"],
    ["贵州省", "赫章县", "10234", "66.8"],
    ["贵州", "威宁县", "9876", "126.3"],
    ["云南省", "禄劝县", "11000", "39.6"],
    ["甘肃省", "东乡县", "8000", "27.9"],  # unmatched: today 东乡族自治县 (622926)
]
#: The CSV's own text: the only Chinese (besides place names) the English page may show for it,
#: with the units the page reads from its headers (元, 万人: pre-filled, the user's to change).
CELLS = frozenset(cell for row in [TITLE, UNITS, HEADER, *ROWS] for cell in row) | {
    unit for unit in map(guess_unit, HEADER) if unit
}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """AppTest formats widget values with the page's ``format_func`` in the test's thread: English too."""
    with use_language("en"):
        yield


@pytest.fixture(autouse=True)
def no_datasets(empty_store):
    return empty_store


def _csv() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([TITLE, UNITS, HEADER, *ROWS])
    return out.getvalue().encode("gbk")


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _widget(widgets, suffix: str):
    found = [w for w in widgets if w.key and w.key.startswith("data_") and w.key.endswith(suffix)]
    assert len(found) == 1, (suffix, [w.key for w in widgets])
    return found[0]


def _upload(at: AppTest, filename: str, data: bytes, kind: str = "table") -> AppTest:
    if kind != "table":
        at.radio(key="data_kind").set_value(kind).run()
    mime = "text/csv" if kind == "table" else "application/zip"
    at.file_uploader(key=f"data_file_{kind}").set_value((filename, data, mime)).run()
    assert not at.exception, at.exception
    return at


def _fix(at: AppTest, row: int, code: str) -> AppTest:
    _widget(at.selectbox, "_fix_row").set_value(row)
    _widget(at.text_input, "_fix_code").input(code)
    _widget(at.button, "_fix_apply").click().run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def page(open_app) -> AppTest:
    at = open_app(PAGE, lang="en")
    assert not at.exception, at.exception
    return at


def test_the_empty_page_is_english(page) -> None:
    at = page
    assert at.title[0].value == "Data import"
    assert [s.value for s in at.subheader] == ["① Kind and file", "⑥ Saved datasets"]
    assert "No data" in [i.value for i in at.info]
    assert at.radio(key="data_kind").options == [
        "Statistics table (CSV, XLSX)",
        "Boundary file (zipped Shapefile, GeoJSON, GeoPackage)",
    ]
    captions = [_plain(c.value) for c in at.caption]
    assert any(c.endswith("Up to 100.0 MB per file.") for c in captions)
    assert any(c.startswith("Stored in: SQLite (") for c in captions)
    assert at.query_params["lang"] == "en"
    assert untranslated_on(at) == []
    at.radio(key="data_kind").set_value("boundaries").run()
    assert untranslated_on(at) == []


def test_a_gbk_yearbook_import_is_english_at_every_step(page, empty_store) -> None:
    at = _upload(page, "2020年鉴.csv", _csv())
    assert [s.value for s in at.subheader] == [
        "① Kind and file", "② Header and columns", "③ Match results", "④ Preview", "⑤ Save", "⑥ Saved datasets",
    ]  # fmt: skip
    assert any("CSV, encoding GBK/GB18030, delimiter comma" in _plain(c.value) for c in at.caption)
    header = next(s for s in at.selectbox if s.label == "Header row")
    assert (
        header.value == 2
        and header.options[2] == "Row 3: 省份 | 县名 | 农村居民人均可支配收入（元） | 常住人口（万人）"
    )
    assert {m.label: m.value for m in at.metric} == {
        "Matched": "4", "Unmatched": "1", "Ambiguous": "0", "Of which by hand": "0",
    }  # fmt: skip
    editor = next(df.value for df in at.dataframe if "problem" in df.value.columns)  # headers: column_config
    assert editor.loc[0, "problem"].startswith(
        "Unmatched: no county “东乡县” found; similar: 东乡族自治县 (Dongxiangzu"
    )
    assert untranslated_on(at, CELLS) == []

    _fix(at, 8, "999999")  # refused in the button's callback: still English
    (error,) = [_plain(e.value) for e in at.error]
    assert error.startswith("Not applied: These codes cannot be used: “999999” given for row 8 is not valid")
    assert untranslated_on(at, CELLS) == []

    _fix(at, 8, "622926")
    assert {m.label: m.value for m in at.metric}["Of which by hand"] == "1"
    assert untranslated_on(at, CELLS) == []

    _widget(at.text_input, "_name").input(XSS)
    _widget(at.text_input, "_source").input("County yearbook 2021")
    _widget(at.button, "_save").click().run()
    assert not at.exception and [e.value for e in at.error] == []
    (meta,) = empty_store.list_datasets()
    assert any(s.value.startswith(f"Saved the dataset “{md(XSS)}”: 5 counties, 2 value columns") for s in at.success)
    saved = at.dataframe[-1].value
    assert list(saved.columns) == [
        "Name", "Kind", "Source", "File", "Imported (Beijing time)", "Columns", "Rows", "Matching",
    ]  # fmt: skip
    assert saved.loc[0, "Matching"] == "5 matched, 0 unmatched, 0 ambiguous (1 by hand)"
    assert saved.loc[0, "Columns"] == "农村居民人均可支配收入（元）, 常住人口（万人）"
    assert untranslated_on(at, CELLS | {"2020年鉴.csv"}) == []

    at.text_input(key=f"data_rename_{meta.id}").input("Income")
    at.button(key=f"data_rename_go_{meta.id}").click().run()  # the flash is written in the callback
    assert any(s.value == f"Renamed “{md(XSS)}” to “Income”." for s in at.success)
    assert untranslated_on(at, CELLS | {"2020年鉴.csv"}) == []


def test_a_shapefile_without_prj_is_english(page, tmp_path, national_counties) -> None:
    counties = national_counties[national_counties["adcode"].str.startswith("1306")]
    layer = gpd.GeoDataFrame(
        {"PAC": counties["adcode"].astype(int), "NAME": counties["name"]}, geometry=counties.geometry.values, crs=4490
    ).to_crs(4547)
    folder = tmp_path / "shp"
    folder.mkdir()
    layer.to_file(folder / "counties.shp", encoding="GBK")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in sorted(folder.iterdir()):
            if f.suffix not in (".prj", ".cpg"):
                zf.write(f, f.name)
    at = _upload(page, "baoding.zip", buf.getvalue(), kind="boundaries")
    assert any("The boundary file has no coordinate reference system" in _plain(w.value) for w in at.warning)
    assert untranslated_on(at) == []
    _widget(at.selectbox, "_crs").set_value("EPSG:4547").run()
    assert not at.exception and [e.value for e in at.error] == []
    assert any(s.label.startswith("Boundary file read:") for s in at.status)
    assert "③ Match results" in [s.value for s in at.subheader]
    assert untranslated_on(at) == []


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("empty.csv", b"", "Empty file: the uploaded table has 0 bytes."),
        ("header.csv", "省份,县名,收入\n".encode("gbk"), "There are no data rows below row 1 (the header)."),
        ("garbled.csv", b"\xff\xfe\xff" * 3 + b"\n\xff", "The encoding of this CSV file is not recognised"),
    ],
)
def test_refusals_are_english(page, filename, data, message) -> None:
    at = _upload(page, filename, data)
    assert any(message in _plain(e.value) for e in at.error), [e.value for e in at.error]
    assert untranslated_on(at, {"省份", "县名", "收入"}) == []


def test_no_literal_chinese_left_in_the_page_code() -> None:
    """Also in tests/geo/ui/test_data_english.py; here so the page's own test file says it."""
    from geo.i18n.inventory import ui_literals
    from geo.paths import REPO_ROOT

    paths = [REPO_ROOT / PAGE, *sorted((REPO_ROOT / "geo" / "ui").glob("data_*.py"))]
    assert [f"{lit.path}:{lit.line}" for lit in ui_literals(paths)] == []


def test_switching_to_english_in_the_middle_of_an_import(open_app) -> None:
    """The match's notes and reasons are recomputed in the new language; the user's choices stay."""
    with use_language("zh"):
        at = _upload(open_app(PAGE), "2020年鉴.csv", _csv())
        _fix(at, 8, "622926")
        assert {m.label: m.value for m in at.metric}["其中人工指定"] == "1"
        # AppTest sends the widgets of the Chinese page along, formatted in this thread's language.
        at.sidebar.segmented_control(key=SWITCH_KEY).set_value("en").run()
    assert not at.exception, at.exception
    assert at.query_params["lang"] == "en"
    assert {m.label: m.value for m in at.metric} == {
        "Matched": "5", "Unmatched": "0", "Ambiguous": "0", "Of which by hand": "1",
    }  # fmt: skip
    assert untranslated_on(at, CELLS) == []
