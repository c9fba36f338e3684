"""The data page's plain helpers in English, and the conversion of the import code: no Chinese UI
literal is left in the page, the readers, the importer, the join or the store (genuine data
literals carry ``# i18n: data``), and every catalogue key they name exists.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.i18n import catalogue, use_language
from geo.i18n.check import untranslated
from geo.i18n.inventory import ui_literals, used_keys
from geo.paths import REPO_ROOT
from geo.ui.data_common import Reviewed, column_label
from geo.ui.data_finish import outline_frame
from geo.ui.data_layer import summary_lines
from geo.ui.data_review import editor_rows, matched_table
from geo.ui.data_saved import backend_line, saved_table
from geo.ui.data_table import grid_preview, row_label
from geo.upload.boundaries import BoundaryRead
from geo.upload.tables import RawGrid, table_from_grid
from geo.userdata.importer import ImportPlan, ValueChoice, apply_overrides, match_boundaries, match_table
from geo.userdata.model import Column, DatasetMeta

#: Every file of the import: the data page, its steps, the readers, the importer, the join, the store.
IMPORT_FILES = sorted(
    [
        REPO_ROOT / "pages" / "data.py",
        *(REPO_ROOT / "geo" / "ui").glob("data_*.py"),
        *(REPO_ROOT / "geo" / "upload").glob("*.py"),
        REPO_ROOT / "geo" / "userdata" / "importer.py",
        REPO_ROOT / "geo" / "userdata" / "indicators.py",
        REPO_ROOT / "geo" / "store" / "__init__.py",
        REPO_ROOT / "geo" / "store" / "sql.py",
        REPO_ROOT / "geo" / "store" / "validate.py",
        REPO_ROOT / "geo" / "join.py",
    ]
)


@pytest.mark.parametrize("path", IMPORT_FILES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_no_chinese_ui_literal_is_left(path: Path) -> None:
    assert [f"L{lit.line}: {lit.text}" for lit in ui_literals([path])] == []


def test_every_key_of_the_import_files_exists() -> None:
    assert {key: where for key, where in used_keys(IMPORT_FILES).items() if key not in catalogue()} == {}


@pytest.fixture(autouse=True)
def english():
    with use_language("en"):
        yield


def _meta(**changes) -> DatasetMeta:
    meta = DatasetMeta(
        id="ab" * 16,
        name="县域收入",
        source="统计年鉴",
        imported_at=datetime(2026, 11, 23, 16, 5, tzinfo=UTC),
        kind="table",
        filename="年鉴.csv",
        columns=(Column("c1", "农村居民人均可支配收入（元）", "元"), Column("c2", "人口", "万人")),
        rows=5,
        join_summary={"matched": 5, "unmatched": 1, "ambiguous": 2, "manual": 1},
    )
    return DatasetMeta(**{**meta.__dict__, **changes})


def test_saved_table_in_english() -> None:
    table = saved_table([_meta(), _meta(kind="boundaries", columns=(), join_summary={})])
    assert list(table.columns) == [
        "Name", "Kind", "Source", "File", "Imported (Beijing time)", "Columns", "Rows", "Matching",
    ]  # fmt: skip
    first, second = table.iloc[0], table.iloc[1]
    assert first["Columns"] == "农村居民人均可支配收入（元）, 人口 (10k people)"
    assert first["Matching"] == "5 matched, 1 unmatched, 2 ambiguous (1 by hand)"
    assert (first["Kind"], second["Kind"], second["Columns"]) == ("Statistics table", "Boundaries", "—")
    assert first["Imported (Beijing time)"] == "2026-11-24 00:05"


def test_column_labels_translate_known_units_only() -> None:
    assert column_label(Column("c1", "收入", "元")) == "收入 (yuan)"
    assert column_label(Column("c1", "脱贫家庭", "户")) == "脱贫家庭 (households)"
    assert column_label(Column("c1", "数量", "个")) == "数量 (个)"  # a counting word: the user's unit as typed
    assert column_label(Column("c1", "x", "吨/亩")) == "x (吨/亩)"  # the user's own unit, unchanged


class _Store:
    def __init__(self, backend: str, location: str) -> None:
        self.backend, self.location = backend, location


def test_backend_line_in_english() -> None:
    assert backend_line(_Store("sqlite", "/srv/atlas.sqlite")) == "SQLite (/srv/atlas.sqlite)"
    assert backend_line(_Store("postgresql", "postgresql+psycopg://a:***@db/atlas")) == (
        "PostgreSQL (postgresql+psycopg://a:***@db/atlas, password hidden)"
    )


def test_grid_preview_and_header_rows_in_english() -> None:
    grid = RawGrid(
        rows=[["标题", "", "", "", "", ""], ["县名", "收入", "a", "b", "c", "d"], ["", "", "", "", "", ""]],
        format="csv",
    )
    preview = grid_preview(grid)
    assert preview.index.name == "Row" and list(preview.columns[:2]) == ["Column 1", "Column 2"]
    assert row_label(grid, 0) == "Row 1: 标题"
    assert row_label(grid, 1) == "Row 2: 县名 | 收入 | a | b…"
    assert row_label(grid, 2) == "Row 3: (empty row)"


def test_boundary_summary_in_english() -> None:
    frame = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1, 1)], crs=4490)
    read = BoundaryRead(frame=frame, format="shapefile", source_crs=None, crs_assumed=True, encoding="GB18030")
    assert summary_lines(read) == [
        "Format: Shapefile (zip archive)",
        "Coordinate system: read in the chosen coordinate system, converted to EPSG:4490 (CGCS2000 longitude/latitude)",
        "Attribute table encoding: GB18030",
    ]
    declared = BoundaryRead(frame=frame, format="geojson", source_crs=None)
    assert summary_lines(declared)[1].startswith("Coordinate system: not declared in the file,")


def test_review_tables_in_english(gazetteer) -> None:
    table = table_from_grid(
        [["省份", "县名", "收入"], ["河北", "阜平", "1"], ["甘肃", "东乡县", "2"], ["江苏", "鼓楼区", "3"]]
    )
    base = match_table(table, ImportPlan(province="省份", name="县名", values=(ValueChoice("收入"),)), gazetteer)
    fixed = apply_overrides(base, {3: "622926"}, gazetteer)
    rows = editor_rows(base, fixed, {3: "622926"})
    assert list(rows["status"]) == ["Matched (by hand)", "Ambiguous"]
    assert rows.loc[0, "current"] == "622926 东乡族自治县 (Dongxiangzu Zizhixian)"
    assert rows.loc[1, "options"] == (
        "320106 鼓楼区 (Gulou Qu), 南京市 (Nanjing Shi); 320302 鼓楼区 (Gulou Qu), 徐州市 (Xuzhou Shi)"
    )
    matched = matched_table(fixed)
    assert list(matched.columns) == [
        "Row", "Code", "Province", "Name", "County code", "Matched county", "Matched by", "Note",
    ]  # fmt: skip
    assert matched["Matched county"].tolist() == ["阜平县 (Fuping Xian)", "东乡族自治县 (Dongxiangzu Zizhixian)"]
    assert matched["Matched by"].tolist()[1] == "Assigned by hand"
    user = {"河北", "阜平", "甘肃", "东乡县", "江苏", "鼓楼区"}
    for text in [*rows.to_numpy().ravel(), *matched.to_numpy().ravel()]:
        assert [run for run in untranslated(str(text)) if run not in user] == [], text


def test_outline_tooltips_in_english(gazetteer) -> None:
    frame = gpd.GeoDataFrame(
        {"code": ["130624", "0"], "name": ["阜平县", "x"]},
        geometry=[shapely.box(114.0, 38.8, 114.5, 39.1), shapely.box(114.6, 38.8, 114.7, 38.9)],
        crs="EPSG:4490",
    )
    read = BoundaryRead(frame=frame, format="geojson", source_crs="EPSG:4490")
    match = match_boundaries(read, ImportPlan(code="code", name="name"), gazetteer)
    outlines = outline_frame(Reviewed(match=match, key=()), correct_gcj02=False)
    assert list(outlines["county"]) == ["130624 阜平县 (Fuping Xian)", "Unmatched"]
    features = matched_table(match)
    assert features.columns[0] == "Feature"
