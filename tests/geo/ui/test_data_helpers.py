"""The data page's plain helpers: what the pickers, the review editor, the preview and the table show."""

from __future__ import annotations

from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.ui.data_common import Reviewed, column_label, tag
from geo.ui.data_finish import data_bounds, outline_frame, overview_link
from geo.ui.data_layer import OTHER, crs_label, crs_options
from geo.ui.data_plan import year_hint
from geo.ui.data_review import editor_rows
from geo.ui.data_saved import backend_line, saved_table
from geo.ui.data_table import grid_preview
from geo.upload.boundaries import BoundaryRead
from geo.upload.tables import RawGrid, table_from_grid
from geo.userdata.importer import (
    REVIEW_COLUMNS,
    ImportPlan,
    ValueChoice,
    apply_overrides,
    match_boundaries,
    match_table,
)
from geo.userdata.model import Column, DatasetMeta

XSS = "<img src=x onerror=alert(1)>"


def _meta(**changes) -> DatasetMeta:
    meta = DatasetMeta(
        id="ab" * 16,
        name=XSS,
        source='=HYPERLINK("http://x")',
        imported_at=datetime(2026, 11, 23, 16, 5, tzinfo=UTC),
        kind="table",
        filename="年鉴.csv",
        columns=(Column("c1", "农村居民人均可支配收入（元）", "元"), Column("c2", "人口", "万人")),
        rows=5,
        join_summary={"matched": 5, "unmatched": 1, "ambiguous": 2, "manual": 1},
    )
    return DatasetMeta(**{**meta.__dict__, **changes})


def test_year_hint_reads_one_year_from_the_title_rows():
    assert year_hint([["2020年国家贫困县主要指标"], ["单位：元"]]) == 2020
    assert year_hint([["2019—2020年县域主要指标"]]) is None  # two years: no single default
    assert year_hint([["县域主要指标（单位：万元）"]]) is None
    assert year_hint([["编号 12345年"]]) is None  # not a 19xx/20xx year


def test_grid_preview_numbers_rows_as_in_the_file():
    grid = RawGrid(rows=[["标题", ""], ["单位：元", ""], ["县名", "收入"], ["阜平县", "1"]], format="csv")
    preview = grid_preview(grid, rows=3)
    assert list(preview.index) == [1, 2, 3] and preview.index.name == "行号"
    assert list(preview.columns) == ["第1列", "第2列"]
    assert preview.loc[3].tolist() == ["县名", "收入"]


def test_crs_choices_follow_the_refusal():
    assert crs_options("crs_missing_geographic") == ["EPSG:4490", "EPSG:4326", OTHER]
    projected = crs_options("crs_missing_projected")
    assert projected[0] == "EPSG:4534" and "EPSG:4547" in projected and projected[-1] == OTHER
    assert crs_options("crs_mismatch") == projected
    assert "EPSG:4490" not in projected
    assert crs_label(4547).startswith("EPSG:4547 · CGCS2000") and "114E" in crs_label(4547)


def test_column_label_and_tag():
    assert column_label(Column("c1", "收入（元）", "元")) == "收入（元）"
    assert column_label(Column("c1", "收入", "元")) == "收入（元）"
    assert column_label(Column("c1", "收入", "")) == "收入"
    assert tag("a", None, 3) == tag("a", None, 3) != tag("a", None, 4)
    assert tag("\t", "工作表").isalnum()


def test_editor_rows_show_fixes_and_keep_rows_that_were_fixed(gazetteer):
    table = table_from_grid(
        [["省份", "县名", "收入"], ["河北", "阜平县", "1"], ["甘肃", "东乡县", "2"], ["江苏", "鼓楼区", "3"]]
    )
    base = match_table(table, ImportPlan(province="省份", name="县名", values=(ValueChoice("收入"),)), gazetteer)
    rows = editor_rows(base, base, {})
    assert tuple(rows.columns) == REVIEW_COLUMNS
    assert list(rows["row"]) == [3, 4] and list(rows["choice"]) == [None, None]
    assert list(rows["status"]) == ["未匹配", "有歧义"]
    assert rows.loc[0, "options"].startswith("622926 临夏回族自治州东乡族自治县")  # joined text, not a list

    fixes = {3: "622926"}
    fixed = apply_overrides(base, fixes, gazetteer)
    rows = editor_rows(base, fixed, fixes)
    assert list(rows["row"]) == [3, 4]  # the fixed row stays, so the fix can be changed or undone
    assert rows.loc[0, "status"] == "已匹配（人工指定）" and rows.loc[0, "choice"] == "622926"
    assert rows.loc[0, "current"] == "622926 东乡族自治县"


def test_saved_table_keeps_user_text_verbatim():
    table = saved_table([_meta(), _meta(kind="boundaries", columns=(), join_summary={})])
    first = table.iloc[0]
    assert first["名称"] == XSS and first["来源"] == '=HYPERLINK("http://x")'
    assert first["导入时间（北京时间）"] == "2026-11-24 00:05"
    assert first["列"] == "农村居民人均可支配收入（元）、人口（万人）"
    assert first["匹配情况"] == "已匹配 5，未匹配 1，有歧义 2（人工指定 1）"
    assert table.iloc[1]["类型"] == "边界" and table.iloc[1]["列"] == "—"
    assert table.iloc[1]["匹配情况"] == "已匹配 5，未匹配 0，有歧义 0"
    assert saved_table([]).empty


class _Store:
    def __init__(self, backend: str, location: str) -> None:
        self.backend, self.location = backend, location


def test_backend_line():
    assert backend_line(_Store("sqlite", "/srv/atlas/atlas.sqlite")) == "SQLite（/srv/atlas/atlas.sqlite）"
    line = backend_line(_Store("postgresql", "postgresql+psycopg://atlas:***@db:5432/atlas"))
    assert line == "PostgreSQL（postgresql+psycopg://atlas:***@db:5432/atlas，密码已隐藏）"


def test_overview_link_and_bounds():
    assert overview_link(_meta()) == {"indicator": "u_abababababab_c1"}
    assert overview_link(_meta(columns=())) is None
    polygons = pd.DataFrame(
        {"adcode": ["1", "2", "3"], "minx": [100.0, 101.0, 90.0], "miny": [20.0, 21.0, 10.0],
         "maxx": [101.0, 102.5, 91.0], "maxy": [21.0, 22.0, 11.0]}
    )  # fmt: skip
    assert data_bounds(polygons, pd.Series(["1", "2"])) == [[20.0, 100.0], [22.0, 102.5]]
    assert data_bounds(polygons, pd.Series(["9"])) is None


def test_outline_frame_escapes_names_for_the_tooltip(gazetteer):
    frame = gpd.GeoDataFrame(
        {"code": ["130624", "0"], "name": ["阜平县", XSS]},
        geometry=[shapely.box(114.0, 38.8, 114.5, 39.1), shapely.box(114.6, 38.8, 114.7, 38.9)],
        crs="EPSG:4490",
    )
    read = BoundaryRead(frame=frame, format="geojson", source_crs="EPSG:4490")
    match = match_boundaries(read, ImportPlan(code="code", name="name"), gazetteer)
    outlines = outline_frame(Reviewed(match=match, key=()), correct_gcj02=False)
    assert list(outlines["name"]) == ["阜平县", "&lt;img src=x onerror=alert(1)&gt;"]
    assert list(outlines["county"]) == ["130624 阜平县", "未匹配"]
    shifted = outline_frame(Reviewed(match=match, key=()), correct_gcj02=True)
    dx = shifted.geometry.iloc[0].bounds[0] - outlines.geometry.iloc[0].bounds[0]
    assert dx == pytest.approx(-0.0062, abs=0.002)  # moved back west from GCJ-02 (about 500 m)
