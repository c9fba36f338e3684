"""The importer and the join in English: every refusal, note, review label and match reason
triggered once with the language set to English, and every ``importer.*`` and ``join.*``
catalogue key rendered by those triggers. County names the join found are written with their
pinyin (``阜平县 (Fuping Xian)``); the user's cells and headers stay as uploaded.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.i18n import t, use_language
from geo.join import Gazetteer, match_counties
from geo.upload.boundaries import BoundaryRead
from geo.upload.errors import UploadError
from geo.upload.tables import table_from_grid
from geo.userdata import importer
from geo.userdata.importer import (
    METHOD_LABELS,
    REVIEW_COLUMNS,
    SKIP,
    STATUS_LABELS,
    ImportPlan,
    ValueChoice,
    apply_overrides,
    build_dataset,
    match_boundaries,
    match_table,
    method_label,
    review_label,
    skip_choice,
    status_label,
)
from tests.geo.upload.english import english, rendered_keys, section_keys

HEADER = ["代码", "省份", "县名", "年份", "人口", "备注"]
ROWS = [
    ["130624", "河北", "阜平县", "2019", "21.5", ""],
    ["", "河北省", "阜平", "2020", "", "不带县"],
    ["", "江苏", "鼓楼区", "2019", "9", ""],
    ["", "河北", "阜平镇", "2019", "8", ""],
    ["", "火星", "某县", "2019", "7", ""],
]
#: Every cell and header above, and the other user strings below: shown as typed in both languages.
USER = {c for row in [HEADER, *ROWS] for c in row if c} | {"去年", "不存在县", "没有", "也没有"}


def _table(rows: list[list[str]] = ROWS, header: list[str] = HEADER):
    return table_from_grid([header, *rows])


PLAN = ImportPlan(code="代码", province="省份", name="县名", values=(ValueChoice("人口", "万人"),), year_column="年份")


def _match(gazetteer: Gazetteer, rows: list[list[str]] = ROWS, plan: ImportPlan = PLAN):
    return match_table(_table(rows), plan, gazetteer)


def _duplicates(gazetteer: Gazetteer, groups: int = 1):
    """Two rows for each of ``groups`` counties of Guizhou, same column and year."""
    codes = ["520402", *sorted(c for c in gazetteer.places if c.startswith("5201"))][:groups]
    rows = [[code, "", "", "2019", str(i), ""] for i, code in enumerate(codes * 2)]
    return _match(gazetteer, rows, ImportPlan(code="代码", values=(ValueChoice("人口"),), year_column="年份"))


def _layer(names: list[str]) -> BoundaryRead:
    frame = gpd.GeoDataFrame(
        {"code": ["520402"] * len(names), "name": names},
        geometry=[shapely.box(105.9, 26.2, 106.2, 26.5)] * len(names),
        crs="EPSG:4490",
    )
    return BoundaryRead(frame=frame, format="geojson", source_crs="EPSG:4490")


# Refusals: name → (trigger, a fragment of the English message).
REFUSALS: dict[str, tuple[Callable[[Gazetteer], object], str]] = {
    "no key": (
        lambda g: match_table(_table(), ImportPlan(values=(ValueChoice("人口"),)), g),
        "No column to match the counties by has been chosen yet. Choose the code column, or the county name "
        "column (best together with the province column), then match the table.",
    ),
    "no key in a layer": (
        lambda g: match_boundaries(_layer(["a"]), ImportPlan(), g),
        "then match the attribute table of the boundaries.",
    ),
    "no values": (lambda g: match_table(_table(), ImportPlan(code="代码"), g), "No value column has been chosen yet"),
    "no such columns": (
        lambda g: match_table(
            _table(), ImportPlan(code="代码", values=(ValueChoice("没有"), ValueChoice("也没有"))), g
        ),
        "There is no column named “没有”, “也没有” in the table.",
    ),
    "a value twice": (
        lambda g: match_table(_table(), ImportPlan(code="代码", values=(ValueChoice("人口"), ValueChoice("人口"))), g),
        "The value column “人口” was chosen more than once",
    ),
    "a key as a value": (
        lambda g: match_table(_table(), ImportPlan(code="代码", values=(ValueChoice("年份"),), year_column="年份"), g),
        "“年份” is already chosen as the year column, so it cannot also be a value column.",
    ),
    "a column in two roles": (
        lambda g: match_table(_table(), ImportPlan(code="代码", name="代码", values=(ValueChoice("人口"),)), g),
        "The column “代码” was chosen for several roles",
    ),
    "two kinds of year": (
        lambda g: match_table(
            _table(), ImportPlan(code="代码", values=(ValueChoice("人口"),), year=2019, year_column="年份"), g
        ),
        "Give the year one way only",
    ),
    "bad fixed year": (
        lambda g: match_table(_table(), ImportPlan(code="代码", values=(ValueChoice("人口"),), year=19), g),
        "The year “19” is not valid. Enter a four-digit year between 1900 and 2100",
    ),
    "long header": (
        lambda g: match_table(_table(), ImportPlan(code="代码", values=(ValueChoice("人口", "元" * 201),)), g),
        "longer than 200 characters",
    ),
    "bad years": (
        lambda g: _match(g, [["520402", "", "", "去年", "1", ""], ["520423", "", "", "", "2", ""]]),
        "The year column “年份” has years that cannot be read: row 2 “去年”, row 3 (empty).",
    ),
    "text values": (
        lambda g: match_table(_table(), ImportPlan(code="代码", values=(ValueChoice("备注"),)), g),
        "The value column “备注” has cells that are not numbers: row 3 “不带县”.",
    ),
    "no numbers": (
        lambda g: _match(g, [["520402", "", "", "2019", "", ""]]),
        "The value column “人口” has no numbers at all.",
    ),
    "no rows": (
        lambda g: match_table(pd.DataFrame({c: [] for c in HEADER}, dtype=object), PLAN, g),
        "There are no data rows in the table (0 rows).",
    ),
    "empty layer": (lambda g: match_boundaries(_layer([]), ImportPlan(code="code"), g), "has no features"),
    "fixes without columns": (
        lambda g: apply_overrides(_match(g), pd.DataFrame({"x": [1]}), g),
        "The table of fixes has no “Row” or “Assign a code” column.",
    ),
    "bad fixes": (
        lambda g: apply_overrides(_match(g), {4: "13062", 5: "540530", 6: "999999", 99: "130624"}, g),
        "These codes cannot be used: “13062” given for row 4 is not a 6-digit code; “540530” given for row 5 is "
        "not valid (a former code, today 540581 错那市 (Cuona Shi), 山南市 (Shannan Shi)); “999999” given for row 6 "
        "is not valid (not the code of a county in the default boundaries); row 99 is not in the uploaded data. "
        "Enter a code from the candidates or a 6-digit county code of the default boundaries, or “Skip”",
    ),
    "many bad fixes": (
        lambda g: apply_overrides(_match(g), dict.fromkeys(range(100, 112), "1"), g),
        "row 109 is not in the uploaded data and others, 12 in all.",
    ),
    "no name": (lambda g: build_dataset(_match(g), name=" ", source="b"), "The dataset name is empty."),
    "no source": (lambda g: build_dataset(_match(g), name="a", source=""), "The source is empty. Fill in the source"),
    "long name": (
        lambda g: build_dataset(_match(g), name="x" * 61, source="b"),
        "The dataset name can have at most 60 characters (it has 61).",
    ),
    "control characters": (
        lambda g: build_dataset(_match(g), name="a", source="a\nb"),
        "The source contains line breaks, tabs or other invisible control characters.",
    ),
    "no row matched": (
        lambda g: build_dataset(_match(g, [["", "", "不存在县", "2019", "1", ""]]), name="a", source="b"),
        "No row matched a county (1 unmatched, 0 ambiguous).",
    ),
    "no feature matched": (
        lambda g: build_dataset(
            apply_overrides(match_boundaries(_layer(["a"]), ImportPlan(code="code"), g), {1: SKIP}, g),
            name="a",
            source="b",
        ),
        "No feature matched a county",
    ),
    "duplicates": (
        lambda g: build_dataset(_duplicates(g), name="a", source="b"),
        "Several rows give the same county, year and indicator: rows 2, 3 all give “人口” for 西秀区 (Xixiu Qu) "
        "(520402) in 2019.",
    ),
    "many duplicates": (
        lambda g: build_dataset(_duplicates(g, 7), name="a", source="b"),
        " (7 groups in all). Delete or merge",
    ),
    "empty values": (
        lambda g: build_dataset(
            apply_overrides(
                _match(g, [["520402", "", "", "2019", "", ""], ["520423", "", "", "2019", "1", ""]]), {3: SKIP}, g
            ),
            name="a",
            source="b",
        ),
        "The matched rows are all empty in the chosen value columns",
    ),
    "long feature names": (
        lambda g: build_dataset(
            apply_overrides(
                match_boundaries(_layer(["县" * 201] * 7), ImportPlan(name="name"), g),
                dict.fromkeys(range(1, 8), "520402"),
                g,
            ),
            name="a",
            source="b",
        ),
        "The names of features 1, 2, 3, 4, 5 and others, 7 features in all are longer than 200 characters.",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_are_english(gazetteer, case) -> None:
    trigger, fragment = REFUSALS[case]
    with use_language("en"), pytest.raises(UploadError) as caught:
        trigger(gazetteer)
    message = english(str(caught.value), allowed=USER | {"县" * 201})
    assert fragment in message


def test_review_in_english(gazetteer) -> None:
    with use_language("en"):
        match = _match(gazetteer)
        review = match.review_rows().set_index("row")
        matched = match.matched_rows().set_index("row")
        options = match.choice_options()
        fixed = apply_overrides(match, {4: "320302 徐州市鼓楼区", 5: "Skip", 6: "skip"}, gazetteer)
        fixed_rows = fixed.report.rows.set_index("row")
        current = fixed.review_rows(include_matched=True).set_index("row")
    for text in [*review["problem"], *matched["method"], *matched["reason"], *options, *fixed_rows["reason"]]:
        english(text, allowed=USER)
    assert review.loc[4, "options"] == [
        "320106 鼓楼区 (Gulou Qu), 南京市 (Nanjing Shi)",
        "320302 鼓楼区 (Gulou Qu), 徐州市 (Xuzhou Shi)",
    ]
    assert review.loc[4, "problem"] == "Ambiguous: 2 counties named “鼓楼区” in 江苏"
    assert review.loc[5, "problem"].startswith(
        "Unmatched: no county “阜平镇” found; similar: 阜平县 (Fuping Xian) (130624)"
    )
    assert review.loc[6, "problem"] == "Unmatched: province “火星” not recognised"
    assert matched.loc[2, "method"] == "Code" and matched.loc[3, "method"] == (
        "County name (without a suffix such as county, city or district)"
    )
    assert options[-1] == "Skip"
    assert fixed_rows.loc[4, "reason"] == "assigned by hand" and fixed_rows.loc[5, "reason"] == "skipped by hand"
    assert fixed_rows.loc[6, "status"] == "unmatched"  # "skip" in any case and language leaves the row out
    assert current.loc[4, "current"] == "320302 鼓楼区 (Gulou Qu)"
    with use_language("en"):
        labels = [review_label(c) for c in REVIEW_COLUMNS]
        statuses = [status_label(s) for s in STATUS_LABELS]
        methods = [method_label(m) for m in METHOD_LABELS]
        roles = PLAN.roles()
        prefecture = ImportPlan(code="代码", prefecture="备注").roles()
    assert labels == [
        "Row", "Code", "Province", "Name", "Status", "Problem", "Candidate counties", "Current match", "Assign a code",
    ]  # fmt: skip
    assert statuses == ["Matched", "Unmatched", "Ambiguous", "Duplicate"]
    assert methods[:2] == ["Code", "Former code"] and all(english(m) for m in methods)
    assert roles == {
        "代码": "the code column", "省份": "the province column", "县名": "the county name column",
        "年份": "the year column",
    }  # fmt: skip
    assert prefecture == {"代码": "the code column", "备注": "the prefecture column"}
    with use_language("zh"):
        assert skip_choice() == SKIP == "跳过" and status_label("ambiguous") == "有歧义"


def test_duplicate_rows_in_english(gazetteer) -> None:
    with use_language("en"):
        review = _duplicates(gazetteer).review_rows().set_index("row")
    assert (
        review.loc[2, "problem"] == "Duplicate: gives the same county (西秀区 (Xixiu Qu)), year and indicator as row 3"
    )
    assert review.loc[2, "status"] == "duplicate"  # the status stays a tag; the page shows status_label()


def test_notes_and_row_lists_in_english(gazetteer) -> None:
    with use_language("en"):
        match = _match(gazetteer)
        features = importer._rows_listed([1], features=True), importer._rows_listed(list(range(1, 9)), features=True)
        rows = importer._rows_listed([7]), importer._rows_listed([2, 3]), importer._rows_listed(list(range(2, 9)))
    assert match.notes == ("The value column “人口” has 1 empty cells: they are missing values and are not imported.",)
    assert features == ("feature 1", "features 1, 2, 3, 4, 5 and others, 8 features in all")
    assert rows == ("row 7", "rows 2, 3", "rows 2, 3, 4, 5, 6 and others, 7 rows in all")


#: Join rows: (code, province, name) → the English reason.
REASONS = {
    ("", "", ""): "no code and no name",
    ("130624", "贵州", "西秀区"): "the code points to 阜平县 (Fuping Xian), the name to 西秀区 (Xixiu Qu)",
    ("130624", "", "不存在县"): "code 130624 is 阜平县 (Fuping Xian), which does not fit the name “不存在县”",
    ("999999", "贵州", "西秀区"): "code 999999 is not in the boundary data; matched by name",
    ("12AB", "", ""): "“12AB” is not a 6-digit code",
    ("540530", "", ""): "former code 540530 → 540581",
    ("130721", "", ""): "former code 130721 has been split",
    ("130600", "", ""): "130600 is the code of a prefecture (保定市 (Baoding Shi)), not of a county",
    ("130000", "", ""): "130000 is the code of a province (河北省 (Hebei Sheng)), not of a county",
    ("", "火星", "阜平县"): "province “火星” not recognised",
    ("", "江苏", "鼓楼区"): "2 counties named “鼓楼区” in 江苏",
    ("", "", "鼓楼区"): "counties named “鼓楼区” in China",
    ("", "河北", "阜平镇"): "no county “阜平镇” found; similar: 阜平县 (Fuping Xian) (130624)",
}


@pytest.mark.parametrize("row", list(REASONS), ids=lambda r: "/".join(r) or "empty")
def test_join_reasons_in_english(gazetteer, row) -> None:
    code, province, name = row
    table = pd.DataFrame({"code": [code], "province": [province], "name": [name]})
    with use_language("en"):
        report = match_counties(table, gazetteer, code="code", province="province", name="name")
    found = report.rows.iloc[0]
    assert REASONS[row] in english(found.reason, allowed=USER | {"12AB", "贵州", "西秀区"})
    for candidate in filter(None, found.candidates.split("；")):
        english(candidate)


def test_a_county_code_missing_from_the_boundaries_is_explained(national_counties) -> None:
    partial = Gazetteer.build(national_counties[national_counties["adcode"] != "130624"])
    with use_language("en"):
        report = match_counties(pd.DataFrame({"code": ["130624"]}), partial, code="code")
    assert report.rows.iloc[0].reason == "130624 is the code of a county (阜平县 (Fuping Xian)), not of a county"


def test_every_importer_and_join_key_is_rendered_in_english(gazetteer, national_counties, monkeypatch) -> None:
    with rendered_keys(monkeypatch) as seen, use_language("en"):
        for trigger, _ in REFUSALS.values():
            with pytest.raises(UploadError):
                trigger(gazetteer)
        test_review_in_english(gazetteer)
        test_duplicate_rows_in_english(gazetteer)
        test_notes_and_row_lists_in_english(gazetteer)
        for row in REASONS:
            test_join_reasons_in_english(gazetteer, row)
    with rendered_keys(monkeypatch) as seen_too:
        test_a_county_code_missing_from_the_boundaries_is_explained(national_counties)
    assert section_keys("importer", "join") - seen - seen_too == set()


def test_the_chinese_messages_are_unchanged_by_default(gazetteer) -> None:
    with pytest.raises(UploadError) as caught:
        build_dataset(_duplicates(gazetteer), name="a", source="b")
    assert "第 2、3 行都对应西秀区（520402）2019 年的“人口”" in str(caught.value)
    review = _match(gazetteer).review_rows().set_index("row")
    assert review.loc[5, "options"] == ["130624 保定市阜平县"]
    assert t("importer.skip") == SKIP
