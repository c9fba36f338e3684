"""What the importer builds is what the store accepts: both kinds saved and read back (SQLite)."""

from __future__ import annotations

import pytest

from geo.upload.boundaries import BoundaryRead
from geo.upload.tables import table_from_grid
from geo.userdata.importer import ImportPlan, ValueChoice, build_dataset, match_boundaries, match_table

store_module = pytest.importorskip("geo.store")

XSS = "<img src=x onerror=alert(1)>"


def test_imported_datasets_save_and_read_back(tmp_path, gazetteer, national_counties):
    table = table_from_grid(
        [["代码", "年份", XSS], ["520402", "2019", "1.5"], ["520423", "2020", ""], ["x", "2019", "2"]]
    )
    plan = ImportPlan(code="代码", values=(ValueChoice(XSS, "元"),), year_column="年份")
    table_ds = build_dataset(match_table(table, plan, gazetteer), name=XSS, source="年鉴", filename="t.csv")

    layer = national_counties[national_counties["adcode"].str.startswith("5204")][["adcode", "name", "geometry"]]
    read = BoundaryRead(frame=layer.reset_index(drop=True), format="geojson", source_crs="EPSG:4490")
    boundary_ds = build_dataset(match_boundaries(read, ImportPlan(code="adcode", name="name"), gazetteer),
                                name="安顺县界", source="测绘院")  # fmt: skip

    store = store_module.open_store(data_dir=tmp_path)
    try:
        saved = store.save(table_ds)
        assert saved.name == XSS and saved.columns == table_ds.meta.columns
        assert store.values(saved.id).values.tolist() == [["520402", "c1", 2019, 1.5]]
        saved = store.save(boundary_ds)
        features = store.features(saved.id)
        assert features is not None and sorted(features["adcode"]) == sorted(layer["adcode"])
        assert store.values(saved.id).empty
    finally:
        store.close()
