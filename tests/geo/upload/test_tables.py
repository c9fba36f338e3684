from __future__ import annotations

import io

import openpyxl
import pytest

from geo.upload.errors import UploadError
from geo.upload.tables import check_numeric, guess_header_row, read_grid, table_from_grid

XSS = "<img src=x onerror=alert(1)>"
CSV = "adcode,县名,人口\n520402,西秀区,85.1\n520423,镇宁县,36.2\n"


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2019年"
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("encoding", "label"), [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8（带 BOM）"), ("gbk", "GBK/GB18030")]
)
def test_csv_encodings_detected(encoding, label):
    grid = read_grid(CSV.encode(encoding), "t.csv")
    assert grid.rows[0] == ["adcode", "县名", "人口"]  # no BOM left in the first header
    assert grid.rows[1] == ["520402", "西秀区", "85.1"]
    assert label in grid.description and "逗号" in grid.description


def test_tab_separated_detected():
    grid = read_grid(CSV.replace(",", "\t").encode("gbk"), "t.csv")
    assert grid.delimiter == "\t" and "制表符" in grid.description
    frame = table_from_grid(grid, 0)
    assert list(frame.columns) == ["adcode", "县名", "人口"]
    assert frame.loc[2, "县名"] == "西秀区"  # index is the source row number


def test_commas_inside_tab_separated_values():
    text = "县名\t备注\t人口\n西秀区\t1,2,3\t85\n镇宁县\ta,b\t36\n"
    grid = read_grid(text.encode(), "t.tsv")
    assert grid.delimiter == "\t" and grid.rows[1] == ["西秀区", "1,2,3", "85"]


def test_forced_wrong_encoding(assert_chinese):
    with pytest.raises(UploadError) as err:
        read_grid(CSV.encode("gbk"), "t.csv", encoding="utf-8")
    assert_chinese(err, "utf-8", "GBK", kind="encoding")


def test_undecodable_bytes(assert_chinese):
    with pytest.raises(UploadError) as err:
        read_grid(b"a,b\n\x80\x80\xff,1\n", "t.csv")
    assert_chinese(err, "编码", kind="encoding")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file(assert_chinese, data):
    with pytest.raises(UploadError) as err:
        read_grid(data, "t.csv")
    assert_chinese(err, "空", kind="empty")


def test_over_size_limit(assert_chinese):
    with pytest.raises(UploadError) as err:
        read_grid(CSV.encode(), "t.csv", max_bytes=10)
    assert_chinese(err, "超过上限", kind="too_large")


def test_zero_data_rows(assert_chinese):
    grid = read_grid("adcode,县名,人口\n,,\n".encode(), "t.csv")
    with pytest.raises(UploadError) as err:
        table_from_grid(grid, 0)
    assert_chinese(err, "没有数据行", kind="no_rows")


def test_duplicate_column_names(assert_chinese):
    grid = read_grid("adcode,人口,人口\n520402,1,2\n".encode(), "t.csv")
    with pytest.raises(UploadError) as err:
        table_from_grid(grid, 0)
    assert_chinese(err, "“人口”出现 2 次", "第 2、3 列", kind="duplicate_columns")


def test_header_row_out_of_range(assert_chinese):
    with pytest.raises(UploadError) as err:
        table_from_grid(read_grid(CSV.encode(), "t.csv"), 9)
    assert_chinese(err, "超出范围", kind="header")


def test_non_numeric_cells_reported_with_row_numbers(assert_chinese):
    text = 'adcode,人口\n520402,85.1\n520423,12万\n520424,\n520425,"1,234.5"\n520426,…\n520427,１２\n'
    frame = table_from_grid(read_grid(text.encode(), "t.csv"), 0)
    check = check_numeric(frame, "人口")
    assert not check.ok
    assert check.bad_cells == [(3, "12万"), (6, "…")]
    assert check.n_missing == 1
    assert check.values.loc[2] == 85.1 and check.values.loc[5] == 1234.5 and check.values.loc[7] == 12
    with pytest.raises(UploadError) as err:
        check.raise_if_bad()
    assert_chinese(err, "“人口”", "第 3 行“12万”", "第 6 行“…”", kind="non_numeric")
    # an explicit missing token is accepted, nothing else changes
    assert check_numeric(frame, "人口", missing=("", "…")).bad_cells == [(3, "12万")]


@pytest.mark.parametrize("bad", ["nan", "inf", "1e999", "=1+1"])
def test_non_finite_or_formula_is_not_a_number(bad):
    frame = table_from_grid([["k", "v"], ["a", bad]], 0)
    assert check_numeric(frame, "v").bad_cells == [(2, bad)]


def test_yearbook_xlsx_with_title_and_unit_rows():
    data = _xlsx(
        [
            ["2019年各县主要经济指标", None, None],
            ["单位：万元", None, None],
            ["区划代码", "县名", "地区生产总值"],
            [520402, "西秀区", 1234567.5],
            [520423, XSS, 88],
            [None, None, None],
            ['=HYPERLINK("http://x")', "+cmd", None],
        ]
    )
    grid = read_grid(data, "年鉴.xlsx")
    assert grid.format == "xlsx" and grid.sheet == "2019年" and grid.sheet_names == ("2019年",)
    assert grid.rows[0][0] == "2019年各县主要经济指标"
    header = guess_header_row(grid)
    assert header == 2
    frame = table_from_grid(grid, header)
    assert list(frame.columns) == ["区划代码", "县名", "地区生产总值"]
    assert list(frame.index) == [4, 5, 7]
    assert frame.loc[4, "区划代码"] == "520402"  # integral numbers keep their code form, no ".0"
    assert frame.loc[5, "县名"] == XSS  # data passes through unchanged; escaping is the UI's job
    assert frame.loc[7, "县名"] == "+cmd"
    assert check_numeric(frame, "地区生产总值").values.loc[4] == 1234567.5


def test_xss_name_unchanged_in_csv():
    frame = table_from_grid(read_grid(f'adcode,县名\n520402,"{XSS}"\n'.encode(), "t.csv"), 0)
    assert frame.loc[2, "县名"] == XSS


def test_legacy_xls_and_fake_xlsx(assert_chinese):
    with pytest.raises(UploadError) as err:
        read_grid(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xls")
    assert_chinese(err, ".xls", kind="unsupported_format")
    with pytest.raises(UploadError) as err:
        read_grid(b"PK\x03\x04garbage", "a.xlsx")
    assert_chinese(err, kind="bad_zip")


def test_xlsx_unknown_sheet(assert_chinese):
    with pytest.raises(UploadError) as err:
        read_grid(_xlsx([["a"]]), "a.xlsx", sheet="Sheet9")
    assert_chinese(err, "Sheet9", "2019年", kind="sheet")
