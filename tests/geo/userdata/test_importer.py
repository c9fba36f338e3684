"""Statistics import: CSV bytes → table → plan → join → review/overrides → Dataset, and every refusal."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.upload.errors import UploadError
from geo.upload.tables import guess_header_row, read_grid, table_from_grid
from geo.userdata.importer import (
    REVIEW_COLUMNS,
    SKIP,
    ImportPlan,
    ValueChoice,
    apply_overrides,
    build_dataset,
    guess_unit,
    match_table,
    suggest_plan,
)
from geo.userdata.model import VALUE_COLUMNS

XSS = "<img src=x onerror=alert(1)>"
_CJK = re.compile(r"[\u4e00-\u9fff]")

YEARBOOK = f"""2019—2020年县域主要指标
区划代码,省份,县名,年份,常住人口（万人）,{XSS},备注
130624,河北,阜平县,2019,"21.5",1,
,河北省,阜平,2020,21.2,2,县名不带“县”
,云南,禄劝彝族苗族自治县,2019,"1,234.5",,
,江苏,鼓楼区,2019,9,3,两个鼓楼区
,河北,阜平镇,2019,8,4,不是县
,火星,{XSS},2019,7,5,
"""


def _table(text: str = YEARBOOK, encoding: str = "utf-8") -> pd.DataFrame:
    grid = read_grid(text.encode(encoding), "年鉴.csv")
    return table_from_grid(grid, guess_header_row(grid))


PLAN = ImportPlan(
    code="区划代码",
    province="省份",
    name="县名",
    values=(ValueChoice("常住人口（万人）", "万人"), ValueChoice(XSS, XSS)),
    year_column="年份",
)


def _refused(excinfo: pytest.ExceptionInfo[UploadError], kind: str, *fragments: str) -> str:
    message = str(excinfo.value)
    assert excinfo.value.kind == kind, (excinfo.value.kind, message)
    assert len(_CJK.findall(message)) >= 10 and "请" in message, message  # Chinese, and says what to do
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_csv_round_trip_to_a_dataset(gazetteer, encoding):
    table = _table(encoding=encoding)
    assert list(table.index) == [3, 4, 5, 6, 7, 8]  # source line numbers under the title row
    match = match_table(table, PLAN, gazetteer)
    assert match.summary() == {"matched": 3, "unmatched": 2, "ambiguous": 1, "manual": 0}
    assert any("1 个空单元格" in n for n in match.notes)

    dataset = build_dataset(match, name="  阜平县统计  ", source="县统计年鉴", filename="年鉴.csv")
    meta = dataset.meta
    assert (meta.name, meta.source, meta.kind, meta.filename) == ("阜平县统计", "县统计年鉴", "table", "年鉴.csv")
    assert [(c.key, c.label, c.unit) for c in meta.columns] == [("c1", "常住人口（万人）", "万人"), ("c2", XSS, XSS)]
    assert meta.rows == 3
    assert meta.join_summary == {"matched": 3, "unmatched": 2, "ambiguous": 1, "manual": 0}
    assert len(meta.id) == 32 and meta.imported_at.tzinfo is not None
    assert dataset.features is None

    values = dataset.values
    assert tuple(values.columns) == VALUE_COLUMNS
    assert str(values["year"].dtype) == "Int64" and values["value"].dtype == "float64"
    got = sorted(values.itertuples(index=False, name=None))
    assert got == [
        ("130624", "c1", 2019, 21.5),
        ("130624", "c1", 2020, 21.2),
        ("130624", "c2", 2019, 1.0),
        ("130624", "c2", 2020, 2.0),
        ("530128", "c1", 2019, 1234.5),  # thousands separator parsed; the empty c2 cell is left out
    ]


def test_xlsx_like_table_without_year_and_with_fixed_year(gazetteer):
    table = table_from_grid([["代码", "人口"], ["520402", "85.1"], ["520423", "31"]], 0)
    plan = ImportPlan(code="代码", values=(ValueChoice("人口"),))
    no_year = build_dataset(match_table(table, plan, gazetteer), name="a", source="b")
    assert no_year.values["year"].isna().all()
    fixed = build_dataset(
        match_table(table, ImportPlan(**{**plan.__dict__, "year": 2020}), gazetteer), name="a", source="b"
    )
    assert fixed.values["year"].tolist() == [2020, 2020]


def test_suggested_plan_for_a_yearbook_table():
    plan = suggest_plan(_table())
    assert (plan.code, plan.province, plan.name, plan.prefecture, plan.year_column) == (
        "区划代码", "省份", "县名", None, "年份",
    )  # fmt: skip
    assert plan.values == (ValueChoice("常住人口（万人）", "万人"), ValueChoice(XSS, ""))  # 备注 is text
    assert guess_unit("农村居民人均可支配收入(元)") == "元" and guess_unit("GDP") == ""


def test_review_rows_list_unmatched_and_ambiguous_with_options_verbatim(gazetteer):
    match = match_table(_table(), PLAN, gazetteer)
    review = match.review_rows()
    assert tuple(review.columns) == REVIEW_COLUMNS
    by_row = review.set_index("row")
    assert sorted(by_row.index) == [6, 7, 8]
    assert by_row.loc[6, "status"] == "ambiguous"
    assert by_row.loc[6, "options"] == ["320106 南京市鼓楼区", "320302 徐州市鼓楼区"]
    assert by_row.loc[7, "status"] == "unmatched" and by_row.loc[7, "options"] == ["130624 保定市阜平县"]
    assert "找不到“阜平镇”" in by_row.loc[7, "problem"]
    assert by_row.loc[8, "input_name"] == XSS  # as uploaded, spaces and all
    assert (review["choice"] == "").all()
    assert match.choice_options()[-1] == SKIP and "320302 徐州市鼓楼区" in match.choice_options()


def test_overrides_from_the_edited_review_mark_rows_manual(gazetteer):
    match = match_table(_table(), PLAN, gazetteer)
    edited = match.review_rows()
    edited.loc[edited["row"] == 6, "choice"] = "320302 徐州市鼓楼区"  # picked from the options
    edited.loc[edited["row"] == 7, "choice"] = " 130６２９ "  # typed, full-width digit: 唐县
    edited.loc[edited["row"] == 8, "choice"] = SKIP
    fixed = apply_overrides(match, edited, gazetteer)
    rows = fixed.report.rows.set_index("row")
    assert rows.loc[6, ["status", "adcode", "matched_name", "method"]].tolist() == [
        "matched", "320302", "鼓楼区", "manual",
    ]  # fmt: skip
    assert rows.loc[7, ["status", "adcode", "method"]].tolist() == ["matched", "130629", "manual"]
    assert rows.loc[8, ["status", "adcode", "method"]].tolist() == ["unmatched", "", "manual"]
    assert fixed.summary() == {"matched": 5, "unmatched": 1, "ambiguous": 0, "manual": 2}
    assert fixed.review_rows()["row"].tolist() == [8]
    assert match.summary()["manual"] == 0  # the original match is unchanged
    codes = set(build_dataset(fixed, name="a", source="b").values["adcode"])
    assert codes == {"130624", "530128", "320302", "130629"}


def test_invalid_overrides_are_all_listed_and_nothing_is_applied(gazetteer):
    match = match_table(_table(), PLAN, gazetteer)
    before = match.report.rows.copy()
    with pytest.raises(UploadError) as err:
        apply_overrides(match, {6: "320302", 7: "13062", 8: "540530", 5: "999999", 99: "130624"}, gazetteer)
    _refused(
        err, "bad_override",
        "第 7 行填写的“13062”不是 6 位区划代码",
        "“540530”无效（这是旧代码，现为 540581",
        "第 5 行填写的“999999”无效",
        "第 99 行不在上传的数据中",
    )  # fmt: skip
    pd.testing.assert_frame_equal(match.report.rows, before)  # the valid choice for row 6 was not applied
    assert apply_overrides(match, {6: "", 7: None}, gazetteer) is match  # blanks change nothing


def test_unmatched_rows_are_left_out_never_guessed(gazetteer):
    dataset = build_dataset(match_table(_table(), PLAN, gazetteer), name="a", source="b")
    assert set(dataset.values["adcode"]) == {"130624", "530128"}  # not 阜平镇 → 阜平县, not either 鼓楼区
    assert dataset.meta.join_summary["unmatched"] == 2 and dataset.meta.join_summary["ambiguous"] == 1


def test_empty_table_is_refused(gazetteer):
    empty = pd.DataFrame({"区划代码": [], "人口": []}, dtype=object)
    with pytest.raises(UploadError) as err:
        match_table(empty, ImportPlan(code="区划代码", values=(ValueChoice("人口"),)), gazetteer)
    _refused(err, "no_rows", "0 行")


def test_no_value_column_is_refused(gazetteer):
    with pytest.raises(UploadError) as err:
        match_table(_table(), ImportPlan(code="区划代码", province="省份", name="县名"), gazetteer)
    _refused(err, "no_values", "数值列")


def test_no_key_column_is_refused(gazetteer):
    with pytest.raises(UploadError) as err:
        match_table(_table(), ImportPlan(values=(ValueChoice("常住人口（万人）"),)), gazetteer)
    _refused(err, "no_key", "区划代码列", "县名列")


def test_non_numeric_values_are_refused_with_their_rows(gazetteer):
    table = _table()
    snapshot = table.copy()
    plan = ImportPlan(code="区划代码", values=(ValueChoice("常住人口（万人）"), ValueChoice("备注")))
    with pytest.raises(UploadError) as err:
        match_table(table, plan, gazetteer)
    _refused(err, "non_numeric", "“备注”", "第 4 行“县名不带“县””", "第 6 行“两个鼓楼区”")
    pd.testing.assert_frame_equal(table, snapshot)


@pytest.mark.parametrize(
    ("plan", "kind", "fragment"),
    [
        (ImportPlan(code="区划代码", values=(ValueChoice("人口"),)), "column", "“人口”"),
        (ImportPlan(code="区划代码", values=(ValueChoice("年份"),), year_column="年份"), "column_roles", "年份列"),
        (ImportPlan(code="区划代码", values=(ValueChoice(XSS),), year=2019, year_column="年份"), "year", "二选一"),
        (ImportPlan(code="区划代码", values=(ValueChoice(XSS),), year=19), "bad_year", "“19”"),
    ],
)
def test_inconsistent_plans_are_refused(gazetteer, plan, kind, fragment):
    with pytest.raises(UploadError) as err:
        match_table(_table(), plan, gazetteer)
    _refused(err, kind, fragment)


def test_unreadable_years_are_refused_with_their_rows(gazetteer):
    table = table_from_grid(
        [["代码", "年份", "v"], ["520402", "2019年", "1"], ["520423", "去年", "2"], ["520424", "", "3"]]
    )
    with pytest.raises(UploadError) as err:
        match_table(table, ImportPlan(code="代码", values=(ValueChoice("v"),), year_column="年份"), gazetteer)
    _refused(err, "bad_year", "第 3 行“去年”", "第 4 行（空）")


def test_duplicate_keys_are_refused_until_fixed(gazetteer):
    text = "代码,县名,人口\n520402,西秀区,1\n520402,安顺西秀,2\n520423,镇宁,3\n"
    table = _table(text)
    match = match_table(table, ImportPlan(code="代码", values=(ValueChoice("人口"),)), gazetteer)
    assert match.duplicates()[["adcode", "rows"]].values.tolist() == [["520402", (2, 3)]]
    review = match.review_rows().set_index("row")
    assert review.loc[2, "status"] == review.loc[3, "status"] == "duplicate"
    assert "第 3 行" in review.loc[2, "problem"]
    with pytest.raises(UploadError) as err:
        build_dataset(match, name="a", source="b")
    _refused(err, "duplicate_keys", "第 2、3 行都对应西秀区（520402）的“人口”", "删除或合并", "跳过")
    fixed = apply_overrides(match, {3: SKIP}, gazetteer)
    assert build_dataset(fixed, name="a", source="b").values["value"].tolist() == [1.0, 3.0]


def test_the_same_county_in_different_years_is_no_duplicate(gazetteer):
    table = _table("代码,年份,人口\n520402,2019,1\n520402,2020,2\n")
    plan = ImportPlan(code="代码", values=(ValueChoice("人口"),), year_column="年份")
    assert build_dataset(match_table(table, plan, gazetteer), name="a", source="b").values["year"].tolist() == [
        2019, 2020,
    ]  # fmt: skip


def test_no_matched_row_is_refused(gazetteer):
    table = _table("县名,人口\n不存在县,1\n<script>,2\n")
    match = match_table(table, ImportPlan(name="县名", values=(ValueChoice("人口"),)), gazetteer)
    with pytest.raises(UploadError) as err:
        build_dataset(match, name="a", source="b")
    _refused(err, "no_match", "未匹配 2 个")


@pytest.mark.parametrize(
    ("name", "source", "kind"),
    [("", "年鉴", "name_missing"), ("   ", "年鉴", "name_missing"), ("数据", "", "source_missing"),
     ("数据", " \t", "source_missing"), ("x" * 61, "年鉴", "too_long"), ("两行\n名称", "年鉴", "bad_text")],
)  # fmt: skip
def test_name_and_source_are_required(gazetteer, name, source, kind):
    match = match_table(_table(), PLAN, gazetteer)
    with pytest.raises(UploadError) as err:
        build_dataset(match, name=name, source=source)
    _refused(err, kind)


def test_hostile_text_is_kept_verbatim(gazetteer):
    dataset = build_dataset(match_table(_table(), PLAN, gazetteer), name=XSS, source=XSS, filename=XSS + ".csv")
    assert (dataset.meta.name, dataset.meta.source, dataset.meta.filename) == (XSS, XSS, XSS + ".csv")
    assert dataset.meta.columns[1].label == XSS and dataset.meta.columns[1].unit == XSS


def test_matched_rows_preview_says_how_each_row_matched(gazetteer):
    preview = match_table(_table(), PLAN, gazetteer).matched_rows().set_index("row")
    assert preview.loc[3, ["adcode", "method"]].tolist() == ["130624", "区划代码"]
    assert preview.loc[4, ["input_province", "input_name", "method"]].tolist() == [
        "河北省", "阜平", "县名（去掉县/市/区等后缀）",
    ]  # fmt: skip


def test_yearbook_headed_diqu_is_taken_as_the_county_name_column():
    table = _table("地区,地区生产总值（亿元）\n西秀区,1\n镇宁县,2\n")
    plan = suggest_plan(table)
    assert (plan.name, plan.prefecture, plan.values) == ("地区", None, (ValueChoice("地区生产总值（亿元）", "亿元"),))
