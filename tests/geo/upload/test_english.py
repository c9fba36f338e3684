"""The upload readers in English: every refusal and note triggered once with the language set to
English, and every ``upload.*`` catalogue key rendered by those triggers (a few keys that no file
can reach are listed in :data:`UNREACHABLE`). User strings (file, layer, sheet names, cells) are
inserted unchanged, so they are the only Chinese an English message may show.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely

from geo.i18n import t, use_language
from geo.upload import archive, gcj02, tables
from geo.upload.archive import extract_zip
from geo.upload.boundaries import read_boundaries
from geo.upload.errors import UploadError
from geo.upload.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_UPLOAD_BYTES, check_upload_size, format_bytes
from geo.upload.tables import RawGrid, check_numeric, read_grid, table_from_grid
from tests.geo.upload.english import english, rendered_keys, section_keys

#: The user's own strings in the files below (shown verbatim in both languages).
USER = (
    "县界.shp",
    "旧县界.shp",
    "县界.dbf",
    "县界.shx",
    "县界",
    "旧县界",
    "县名",
    "收入",
    "一万二",
    "说明",
    "年鉴",
    "没有",
)
#: Keys no uploaded file can reach: GDAL ignores a .prj it cannot read and will not open a
#: GeoPackage without layers, openpyxl cannot write a workbook without sheets, and a member
#: name is checked before its path is built.
UNREACHABLE = {"upload.prj_unreadable", "upload.gpkg_no_layers", "upload.xlsx_no_sheets", "upload.zip_unsafe_name"}


def _zip(members: dict[str, bytes], *, stored: bool = False, infos: tuple[tuple[zipfile.ZipInfo, bytes], ...] = ()):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
        for info, payload in infos:
            zf.writestr(info, payload)
    return buf.getvalue()


def _encrypted() -> bytes:
    data = bytearray(_zip({"县界.shp": b"x"}))
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag of the central directory entry
    return bytes(data)


def _symlink() -> bytes:
    info = zipfile.ZipInfo("link.shp")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip({}, infos=((info, b"/etc/passwd"),))


def _layer(crs: int | None = 4490, **geoms: shapely.Geometry) -> gpd.GeoDataFrame:
    geometry = list(geoms.values()) or [shapely.box(105.9, 26.2, 106.2, 26.5), shapely.box(105.6, 25.9, 105.9, 26.2)]
    return gpd.GeoDataFrame({"name": [f"县{i}" for i in range(len(geometry))]}, geometry=geometry, crs=crs)


def _shapefile(tmp: Path, layer: gpd.GeoDataFrame, *, drop: tuple[str, ...] = (), stem: str = "县界") -> bytes:
    folder = tmp / f"shp_{stem}"
    folder.mkdir(exist_ok=True)
    layer.to_file(folder / f"{stem}.shp", encoding="UTF-8")
    return _zip({f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.suffix.lower() not in drop})


def _two_shapefiles(tmp: Path) -> bytes:
    parts = {}
    for stem in ("县界", "旧县界"):
        with zipfile.ZipFile(io.BytesIO(_shapefile(tmp, _layer(), stem=stem))) as zf:
            parts |= {n: zf.read(n) for n in zf.namelist()}
    return _zip(parts)


def _corrupt_dbf(tmp: Path) -> bytes:
    with zipfile.ZipFile(io.BytesIO(_shapefile(tmp, _layer()))) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["县界.dbf"] = members["县界.dbf"][:-40]
    return _zip(members)


def _gpkg(tmp: Path) -> bytes:
    path = tmp / "two.gpkg"
    _layer().to_file(path, layer="县界", driver="GPKG")
    _layer().to_file(path, layer="旧县界", driver="GPKG")
    return path.read_bytes()


def _projected() -> gpd.GeoDataFrame:
    return _layer().to_crs(4547)


def _geojson(frame: gpd.GeoDataFrame) -> bytes:
    return frame.to_json().encode()


def _xlsx(tmp: Path) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["县名", "收入"])
    path = tmp / "t.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _crc_error() -> bytes:
    return _zip({"县界.shp": b"A" * 100}, stored=True).replace(b"A" * 100, b"B" * 100)


def _shift_frames(kind: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """A reference of 6 small counties and an uploaded copy: aligned, GCJ-02, offset, scattered, or too few."""
    codes = [f"5204{i:02d}" for i in range(6)]
    boxes = [shapely.box(105 + 0.3 * i, 26, 105.2 + 0.3 * i, 26.2) for i in range(6)]
    reference = gpd.GeoDataFrame({"adcode": codes}, geometry=boxes, crs=4490)
    if kind == "gcj02":
        return gcj02.to_gcj02(reference), reference
    moves = {
        "aligned": [(0.0, 0.0)] * 6,
        "offset": [(0.05, 0.0)] * 6,  # ~5 km east
        "unclear": [(0.05, 0), (0.05, 0), (-0.05, 0.05), (0.1, -0.05), (0.05, 0.08), (0.0, -0.06)],
        "too_few": [(0.0, 0.0)] * 6,
    }[kind]
    moved = [shapely.affinity.translate(b, dx, dy) for b, (dx, dy) in zip(boxes, moves, strict=True)]
    uploaded = gpd.GeoDataFrame({"adcode": codes}, geometry=moved, crs=4490)
    if kind == "too_few":
        uploaded = uploaded.assign(adcode=[*codes[:2], "", "", "", ""])
    return uploaded, reference


def _bowtie() -> gpd.GeoDataFrame:
    return _layer(a=shapely.Polygon([(105, 26), (106, 27), (106, 26), (105, 27)]), b=shapely.box(106, 26, 107, 27))


# Refusals: name → (trigger, a fragment of the English message).
REFUSALS: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty file": (lambda _: check_upload_size(0), "Empty file: the uploaded file has 0 bytes"),
    "empty archive": (lambda tmp: extract_zip(b"", tmp), "the uploaded archive has 0 bytes"),
    "empty boundaries": (lambda _: read_boundaries(b""), "the uploaded boundary file has 0 bytes"),
    "empty table": (lambda _: read_grid(b""), "the uploaded table has 0 bytes"),
    "too large": (lambda _: check_upload_size(MAX_UPLOAD_BYTES + 1), "is over the limit of 100.0 MB"),
    "NUL in a member name": (lambda _: archive._check_name("a\x00.shp"), "contains illegal characters"),
    "absolute path": (lambda tmp: extract_zip(_zip({"/etc/evil.shp": b"x"}), tmp), "an absolute path"),
    "zip slip": (lambda tmp: extract_zip(_zip({"../县界.shp": b"x"}), tmp), "a path into a parent folder"),
    "not a zip": (lambda tmp: extract_zip(b"hello", tmp), "Cannot read the archive"),
    "not an xlsx zip": (lambda _: read_grid(b"PK\x03\x04broken", "t.xlsx"), "Cannot read the Excel file"),
    "too many members": (
        lambda tmp: extract_zip(_zip({f"f{i}.prj": b"x" for i in range(12)}), tmp, max_members=10),
        "There are 12 files in the archive",
    ),
    "symlink": (lambda tmp: extract_zip(_symlink(), tmp), "is a symbolic link"),
    "encrypted": (lambda tmp: extract_zip(_encrypted(), tmp), "“县界.shp” in the archive is encrypted"),
    "too big unpacked": (
        lambda tmp: extract_zip(_zip({"a.dbf": b"\0" * (3 << 20)}), tmp, max_total_bytes=2 << 20, max_ratio=1e6),
        "would take 3.0 MB",
    ),
    "zip bomb": (lambda tmp: extract_zip(_zip({"a.dbf": b"\0" * (64 << 20)}), tmp), ":1, over the limit of 200:1"),
    "member bigger than declared": (
        lambda _: archive._copy_limited(io.BytesIO(b"xx"), io.BytesIO(), budget=10, declared=1, name="县界.dbf"),
        "unpacks to more than its declared size",
    ),
    "two members of one name": (
        lambda tmp: extract_zip(_zip({"a/县界.shp": b"x", "b/县界.shp": b"y"}), tmp),
        "two files with the same name (“a/县界.shp” and “b/县界.shp”)",
    ),
    "damaged member": (lambda tmp: extract_zip(_crc_error(), tmp), "cannot be unpacked"),
    "unknown format": (lambda _: read_boundaries(b"hello", "县界.txt"), "“县界.txt” is not recognised"),
    "unknown format without a name": (lambda _: read_boundaries(b"hello"), "“the uploaded file”"),
    "not a layer": (lambda _: read_boundaries(b'{"a": 1}', "x.geojson"), "Cannot read the boundary file (.geojson)"),
    "bad json": (lambda _: read_boundaries(b'{"type": "Feature', "x.geojson"), "is not valid JSON"),
    "bad gpkg": (lambda _: read_boundaries(b"SQLite format 3\x00" + b"x" * 200), "Cannot read the GeoPackage"),
    "gpkg layers": (lambda tmp: read_boundaries(_gpkg(tmp)), "several layers (县界, 旧县界)"),
    "gpkg layer name": (lambda tmp: read_boundaries(_gpkg(tmp), layer="没有"), "no layer named “没有”"),
    "no .shp": (lambda _: read_boundaries(_zip({"县界.dbf": b"x"})), "holds no .shp file"),
    "no such .shp": (lambda tmp: read_boundaries(_shapefile(tmp, _layer()), layer="没有"), "no .shp file named"),
    "two .shp": (lambda tmp: read_boundaries(_two_shapefiles(tmp)), "several .shp files"),
    "no .shx": (
        lambda tmp: read_boundaries(_shapefile(tmp, _layer(), drop=(".shx",))),
        "no index file (.shx) with the same name as “县界.shp”",
    ),
    "no .dbf": (lambda tmp: read_boundaries(_shapefile(tmp, _layer(), drop=(".dbf",))), "no attribute table (.dbf)"),
    "corrupt .dbf": (lambda tmp: read_boundaries(_corrupt_dbf(tmp)), "The attribute table “县界.dbf” is damaged"),
    "unknown CRS": (lambda _: read_boundaries(_geojson(_layer()), assume_crs="EPSG:nonsense"), "is not recognised"),
    "declared geographic, projected coordinates": (
        # GeoJSON without a "crs" member is longitude/latitude by definition: metres are caught by their range.
        lambda _: read_boundaries(_geojson(_projected().set_crs(None, allow_override=True))),
        "declares a longitude/latitude CRS",
    ),
    "no .prj, degrees": (
        lambda tmp: read_boundaries(_shapefile(tmp, _layer(), drop=(".prj",))),
        "choose EPSG:4490 for CGCS2000",
    ),
    "no .prj, metres": (
        lambda tmp: read_boundaries(_shapefile(tmp, _projected(), drop=(".prj",))),
        "its coordinates (e.g. ",
    ),
    "chosen CRS in degrees, metres in the file": (
        lambda tmp: read_boundaries(_shapefile(tmp, _projected(), drop=(".prj",)), assume_crs=4326),
        "The chosen CRS EPSG:4326 is longitude/latitude",
    ),
    "no features": (
        lambda _: read_boundaries(b'{"type": "FeatureCollection", "features": []}'),
        "has no features (0 polygons)",
    ),
    "no geometries": (
        lambda _: read_boundaries(
            b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}'
        ),
        "None of the features",
    ),
    "points": (
        lambda _: read_boundaries(_geojson(_layer(a=shapely.Point(105, 26), b=shapely.box(106, 26, 107, 27)))),
        "are not polygons (1 × Point)",
    ),
    "legacy xls": (lambda _: read_grid(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 20), "old Excel file (.xls)"),
    "csv named xlsx": (lambda _: read_grid(b"a,b\n1,2\n", "t.xlsx"), "the content is not an Excel workbook"),
    "wrong encoding": (
        lambda _: read_grid("县名,收入\n".encode("gbk"), encoding="utf-8"),
        "cannot be read in the chosen encoding (utf-8)",
    ),
    "unknown encoding": (lambda _: read_grid(b"\xff\xfe\xff" * 3 + b"\n\xff"), "is not recognised (it is neither"),
    "malformed csv": (lambda _: read_grid(("a,b\n" + "x" * 200_000 + ",1\n").encode()), "The CSV file is malformed"),
    "binary": (lambda _: read_grid(b"a,b\x00\n1,2\n"), "contains binary content"),
    "blank": (lambda _: read_grid(b"  \n \n"), "The uploaded table is empty"),
    "semicolons": (lambda _: read_grid(b"a;b\n1;2\n", delimiter=";"), "Only CSV delimited by commas or tabs"),
    "zip that is no workbook": (lambda _: read_grid(_zip({"a.txt": b"x"})), "This Excel file cannot be read"),
    "no such sheet": (lambda tmp: read_grid(_xlsx(tmp), sheet="没有"), "no sheet named “没有” (it has: 说明)"),
    "too many rows": (lambda _: tables._clean([["1"]] * (MAX_TABLE_ROWS + 1)), "over the limit of 500,000 rows"),
    "too many columns": (lambda _: tables._clean([["1"] * (MAX_TABLE_COLUMNS + 1)]), "limit of 1000 columns"),
    "header out of range": (lambda _: table_from_grid([["县名"], ["a"]], 5), "Header row 6 is out of range"),
    "repeated headers": (
        lambda _: table_from_grid([["县名", "收入", "收入"], ["a", "1", "2"]]),
        "column names repeat: “收入” appears 2 times (columns 2, 3)",
    ),
    "no data rows": (lambda _: table_from_grid([["县名", "收入"]]), "There are no data rows below row 1"),
    "no such column": (lambda _: check_numeric(pd.DataFrame({"收入": ["1"]}), "没有"), "no column named “没有”"),
    "non-numeric": (
        lambda _: check_numeric(
            pd.DataFrame({"收入": ["一万二", "", *"abcde"]}, index=range(2, 9)), "收入", missing=("NA",)
        ).raise_if_bad(),
        "cells that are not numbers: row 2 “一万二”, row 3 (empty), row 4 “a”",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_are_english(tmp_path, case) -> None:
    trigger, fragment = REFUSALS[case]
    with use_language("en"), pytest.raises(UploadError) as caught:
        trigger(tmp_path)
    message = english(str(caught.value), allowed=USER)
    assert fragment in message


def test_the_same_refusals_stay_chinese_by_default(tmp_path) -> None:
    with pytest.raises(UploadError) as caught:
        read_boundaries(_shapefile(tmp_path, _layer(), drop=(".shx",)))
    assert str(caught.value).startswith("压缩包内缺少与“县界.shp”同名的索引文件 .shx。")
    assert caught.value.kind == "missing_part"  # the tag is the same in both languages


def test_non_numeric_lists_more_cells_in_english() -> None:
    check = check_numeric(pd.DataFrame({"收入": list("abcdefg")}, index=range(2, 9)), "收入")
    with use_language("en"):
        message = english(check.message(), allowed=USER)
    assert "row 2 “a”, row 3 “b”, row 4 “c”, row 5 “d”, row 6 “e” and others, 7 in all." in message


def test_grid_descriptions_in_english(tmp_path) -> None:
    with use_language("en"):
        assert read_grid("\ufeffa\tb\n1\t2\n".encode()).description == "CSV, encoding UTF-8 (with BOM), delimiter tab"
        assert read_grid(b"a,b\n1,2\n").description == "CSV, encoding UTF-8, delimiter comma"
        assert read_grid(_xlsx(tmp_path)).description == "Excel sheet “说明”"
        assert RawGrid(rows=[["a"]], format="csv", encoding="latin-1", delimiter=",").description.startswith(
            "CSV, encoding latin-1,"
        )
        assert format_bytes(10) == "10 bytes"
        frame = table_from_grid([["县名", ""], ["a", "1"]])
    assert list(frame.columns) == ["县名", "Column 2"]  # an empty header, named in the run's language


def test_read_notes_in_english(tmp_path) -> None:
    layer = _bowtie()
    layer.loc[len(layer)] = ["县9", None]
    with use_language("en"):
        read = read_boundaries(_shapefile(tmp_path, layer.to_crs(4547), drop=(".prj",)), assume_crs="EPSG:4547")
        far = read_boundaries(_geojson(_layer(crs=4326, a=shapely.box(0, 0, 1, 1))))
        moved = read_boundaries(_geojson(_layer(crs=4326)))
    assert read.notes == [
        "Ignored 1 features without a geometry.",
        "Coordinates read in the chosen CRS EPSG:4547.",
        "Repaired 1 invalid polygons (self-intersections and the like).",
    ]
    assert read.warnings == ()
    assert far.warnings == (
        "Warning: after reprojection the boundaries are not in China; the CRS may be wrong, please check.",
    )
    assert far.warnings[0] in far.notes
    assert moved.notes == ["Reprojected from EPSG:4326 to EPSG:4490 (CGCS2000)."]


@pytest.mark.parametrize(
    ("kind", "fragment"),
    [
        ("aligned", "sit where the default county boundaries are (compared the centres of 6 matched counties"),
        ("gcj02", "as GCJ-02 (the obfuscated coordinates of Chinese web maps) would shift them"),
        ("offset", "but not the way GCJ-02 shifts"),
        ("unclear", "shifted in different directions"),
        ("too_few", "Only 2 features match the default county boundaries"),
    ],
)
def test_shift_checks_in_english(kind, fragment) -> None:
    with use_language("en"):
        check = gcj02.detect_gcj02_shift(*_shift_frames(kind))
    assert check.status == kind
    assert fragment in english(check.message)
    if kind == "gcj02":
        assert "Tick “Correct the GCJ-02 shift”" in check.message  # the page's checkbox, by its label
    if kind == "offset":
        assert "(5.0 km east; compared" in check.message


def test_directions_and_distances_in_english() -> None:
    with use_language("en"):
        assert gcj02._direction(-120.4, 2500) == "120 m west, 2.5 km north"
        assert gcj02._direction(0.2, -0.3) == "no clear direction"
        assert gcj02._direction(1500, -40) == "1.5 km east, 40 m south"
    with use_language("zh"):
        assert gcj02._direction(-120.4, 2500) == "向西 120 米、向北 2.5 公里"


def test_every_upload_key_is_rendered_in_english(tmp_path, monkeypatch) -> None:
    with rendered_keys(monkeypatch) as seen, use_language("en"):
        for i, (trigger, _) in enumerate(REFUSALS.values()):
            folder = tmp_path / f"case{i}"  # a fresh folder each: extraction writes files
            folder.mkdir()
            with pytest.raises(UploadError):
                trigger(folder)
        test_non_numeric_lists_more_cells_in_english()
        test_grid_descriptions_in_english(tmp_path)
        (tmp_path / "notes").mkdir()
        test_read_notes_in_english(tmp_path / "notes")
        for kind in ("aligned", "gcj02", "offset", "unclear", "too_few"):
            gcj02.detect_gcj02_shift(*_shift_frames(kind))
        test_directions_and_distances_in_english()
    missing = section_keys("upload") - seen - UNREACHABLE
    assert missing == set()
    for key in UNREACHABLE:  # still a well-formed English sentence
        with use_language("en"):
            english(t(key, layer="x", layers="a, b", name="x", count=1))


def test_numbers_in_values_are_not_altered() -> None:
    frame = pd.DataFrame({"v": ["1,234.5", "", "12"]}, index=[3, 4, 5])
    with use_language("en"):
        check = check_numeric(frame, "v")
    assert check.ok and np.isnan(check.values[4]) and check.values[3] == 1234.5
