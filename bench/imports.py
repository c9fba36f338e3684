"""Speed of the "bring your own data" imports (issue 6), on generated inputs.

* a 3,000-row statistics table: CSV bytes → grid → table → join → Dataset (target ≤ 2 s);
* a 3,000-polygon zipped Shapefile built from the detailed ("full") county polygons plus extra
  unmatched features: bytes → read_boundaries → join → GCJ-02 check → Dataset (target ≤ 10 s);
* saving both into a temporary SQLite store.

The inputs are generated in memory or in temporary directories, never under ``data/``. The
gazetteer and the reference polygons are built before timing: the app builds them once per process.
Run with ``python -m bench.imports``.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from bench import row
from geo import boundaries
from geo.join import Gazetteer
from geo.upload.boundaries import read_boundaries
from geo.upload.tables import guess_header_row, read_grid, table_from_grid
from geo.userdata import importer
from geo.userdata.model import Dataset

N_ROWS = 3000
RUNS = 3


def _median(fn: Callable[[], float], runs: int = RUNS) -> float:
    return statistics.median(fn() for _ in range(runs))


def statistics_csv(counties: pd.DataFrame, n: int = N_ROWS) -> bytes:
    """A yearbook-like CSV: a title row, then every county for 2019 and some for 2020.

    A third of the rows give no code (matched by province + name), 2 % are unknown names
    (unmatched, with fuzzy suggestions), a few are ambiguous.
    """
    base = counties[["adcode", "province", "name"]].reset_index(drop=True)
    rows = pd.concat([base.assign(year=2019), base.assign(year=2020)], ignore_index=True).head(n).copy()
    rows.loc[rows.index % 3 == 1, "adcode"] = ""
    unknown = rows.index % 50 == 7
    rows.loc[unknown, "adcode"] = ""
    rows.loc[unknown, "name"] = rows.loc[unknown, "name"].str[:1] + "新镇"
    table = pd.DataFrame(
        {
            "区划代码": rows["adcode"],
            "省份": rows["province"],
            "县名": rows["name"],
            "年份": rows["year"],
            "常住人口（万人）": (rows.index % 97 + 3) * 1.5,
            "地区生产总值（亿元）": (rows.index % 389 + 10) * 2.25,
            "农村居民人均可支配收入（元）": rows.index % 7919 + 8000,
        }
    )
    return ("2019–2020年县域统计（模拟数据）\n" + table.to_csv(index=False)).encode("utf-8")


def boundary_zip(counties_full: gpd.GeoDataFrame, folder: Path, n: int = N_ROWS) -> bytes:
    """A zipped Shapefile (GBK attributes) of every detailed county plus extra unmatched features."""
    layer = gpd.GeoDataFrame(
        {
            "XZQDM": counties_full["adcode"].to_numpy(),
            "XZQMC": counties_full["name"].to_numpy(),
            "SHENG": counties_full["province"].to_numpy(),
            "RENKOU": [float(i % 500) for i in range(len(counties_full))],
        },
        geometry=counties_full.geometry.to_numpy(),
        crs=counties_full.crs,
    )
    extra = n - len(layer)
    if extra > 0:
        sample = layer.head(extra)
        layer = pd.concat(
            [
                layer,
                gpd.GeoDataFrame(
                    {
                        "XZQDM": [""] * extra,
                        "XZQMC": [f"开发区{i}" for i in range(extra)],
                        "SHENG": sample["SHENG"].to_numpy(),
                        "RENKOU": [1.0] * extra,
                    },
                    geometry=sample.geometry.translate(0.01, 0).to_numpy(),
                    crs=layer.crs,
                ),
            ],
            ignore_index=True,
        )
    layer.to_file(folder / "县界.shp", encoding="GBK", engine="pyogrio")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f.name)
    return buf.getvalue()


def import_table(data: bytes, gazetteer: Gazetteer) -> Dataset:
    grid = read_grid(data, "县域统计.csv")
    table = table_from_grid(grid, guess_header_row(grid))
    plan = importer.suggest_plan(table)
    match = importer.match_table(table, plan, gazetteer)
    return importer.build_dataset(match, name="县域统计", source="模拟数据", filename="县域统计.csv")


def import_boundaries(data: bytes, gazetteer: Gazetteer, reference: gpd.GeoDataFrame) -> Dataset:
    read = read_boundaries(data, "县界.zip")
    plan = importer.ImportPlan(
        code="XZQDM", province="SHENG", name="XZQMC", values=(importer.ValueChoice("RENKOU", "人"),), year=2020
    )
    match = importer.match_boundaries(read, plan, gazetteer)
    check = importer.check_alignment(match, reference)
    return importer.build_dataset(
        match, name="县界", source="模拟数据", filename="县界.zip", correct_gcj02=check.looks_gcj02
    )


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    national = boundaries.counties("national")
    full = boundaries.counties("full")
    start = time.perf_counter()
    gazetteer = Gazetteer.build(national)
    row("import: build the gazetteer (once per process)", time.perf_counter() - start, "s")

    csv = statistics_csv(national)
    table_ds = import_table(csv, gazetteer)
    summary = table_ds.meta.join_summary
    row(
        f"import: {N_ROWS:,}-row CSV ({len(csv) / 1e6:.2f} MB) → join → Dataset",
        _median(lambda: _timed(lambda: import_table(csv, gazetteer))),
        "s",
        f"(≤2 s; {summary['matched']} matched, {summary['unmatched']} unmatched, {summary['ambiguous']} ambiguous)",
    )

    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        shp = boundary_zip(full, Path(tmp))
    boundary_ds = import_boundaries(shp, gazetteer, full)
    assert boundary_ds.features is not None
    summary = boundary_ds.meta.join_summary
    row(
        f"import: {len(boundary_ds.features):,}-polygon Shapefile zip ({len(shp) / 1e6:.1f} MB) → Dataset",
        _median(lambda: _timed(lambda: import_boundaries(shp, gazetteer, full))),
        "s",
        f"(≤10 s; {summary['matched']} matched, {summary['unmatched']} unmatched)",
    )

    try:
        from geo.store import open_store
    except ImportError:
        return
    with tempfile.TemporaryDirectory(prefix="atlas-bench-store-") as tmp:
        store = open_store(data_dir=Path(tmp))
        try:
            row("  save the table dataset (SQLite)", _timed(lambda: store.save(table_ds)), "s")
            row("  save the boundary dataset (SQLite)", _timed(lambda: store.save(boundary_ds)), "s")
        finally:
            close = getattr(store, "close", None)
            if close is not None:
                close()


if __name__ == "__main__":
    main()
