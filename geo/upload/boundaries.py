"""Boundaries from uploaded bytes: a zipped Shapefile, GeoJSON or GeoPackage → EPSG:4490.

:func:`read_boundaries` detects the format from the content, reads it with pyogrio (GeoPackage
and Shapefile through a private temporary directory that is removed afterwards), checks the
CRS (reprojecting to EPSG:4490, or asking for one with a specific :class:`UploadError` when it
is missing), repairs invalid polygons with ``shapely.make_valid`` and reports what it did.
Attribute text (names such as ``<img src=x onerror=alert(1)>``) is returned unchanged.
"""

from __future__ import annotations

import json
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.i18n import t
from geo.upload.archive import SHAPEFILE_EXTENSIONS, extract_zip
from geo.upload.errors import UploadError
from geo.upload.limits import MAX_UPLOAD_BYTES, check_upload_size

TARGET_CRS = "EPSG:4490"

#: Rough extent of China (with the South China Sea) in degrees, to sanity-check the result.
CHINA_BOUNDS = (73.0, 3.0, 136.0, 54.0)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = b"PK\x03\x04"
_POLYGONAL = {"Polygon", "MultiPolygon"}

Format = Literal["shapefile", "geojson", "gpkg"]


@dataclass(frozen=True)
class BoundaryRead:
    """What :func:`read_boundaries` returns: the layer in EPSG:4490 and what was done to it."""

    frame: gpd.GeoDataFrame
    format: Format
    source_crs: str | None  # e.g. "EPSG:4547" or the CRS name; None only when assume_crs was used
    crs_assumed: bool = False
    encoding: str | None = None  # Shapefile attribute encoding used ("UTF-8", "GB18030", from .cpg…)
    repaired: int = 0  # invalid polygons repaired with make_valid
    dropped_empty: int = 0  # features without geometry, dropped
    notes: list[str] = field(default_factory=list)  # lines for the UI in the reading run's language
    warnings: tuple[str, ...] = ()  # the notes that are warnings (shown as such), also in ``notes``


def read_boundaries(
    data: bytes,
    filename: str = "",
    *,
    assume_crs: str | int | None = None,
    encoding: str | None = None,
    layer: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> BoundaryRead:
    """Read uploaded boundaries and return them reprojected to EPSG:4490.

    ``assume_crs`` is used when the file declares no CRS (e.g. ``"EPSG:4490"`` or ``4547``);
    ``encoding`` forces the .dbf encoding when there is no .cpg; ``layer`` picks a GeoPackage
    layer or, for a zip holding several .shp files, the Shapefile's base name.
    """
    check_upload_size(len(data), limit=max_bytes, name=t("upload.what_boundary_upload"))
    assumed = _parse_crs(assume_crs) if assume_crs is not None else None
    with tempfile.TemporaryDirectory(prefix="atlas-upload-") as tmp:
        if data.startswith(_ZIP_MAGIC):
            fmt: Format = "shapefile"
            frame, used_encoding = _read_shapefile(data, Path(tmp), encoding=encoding, layer=layer, max_bytes=max_bytes)
        elif data.startswith(_SQLITE_MAGIC):
            fmt, used_encoding = "gpkg", None
            frame = _read_gpkg(data, Path(tmp), layer=layer)
        elif data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            fmt, used_encoding = "geojson", None
            frame = _read_geojson(data)
        else:
            raise UploadError(
                t("upload.boundary_format_unknown", name=filename or t("upload.what_file")), kind="unsupported_format"
            )
    return _finish(frame, fmt, used_encoding, assumed)


# --------------------------------------------------------------------------- formats


def _read_frame(path: Path, **kwargs: object) -> gpd.GeoDataFrame:
    try:
        return pyogrio.read_dataframe(path, **kwargs)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
        raise UploadError(t("upload.boundary_unreadable", part=path.suffix or path.name), kind="bad_file") from exc
    except (pyogrio.errors.CRSError, CRSError) as exc:
        raise UploadError(t("upload.prj_unreadable"), kind="bad_crs") from exc


def _read_geojson(data: bytes) -> gpd.GeoDataFrame:
    try:
        json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UploadError(t("upload.geojson_invalid"), kind="bad_file") from exc
    with tempfile.TemporaryDirectory(prefix="atlas-upload-") as tmp:
        path = Path(tmp) / "upload.geojson"
        path.write_bytes(data)
        return _read_frame(path)


def _read_gpkg(data: bytes, tmp: Path, *, layer: str | None) -> gpd.GeoDataFrame:
    path = tmp / "upload.gpkg"
    path.write_bytes(data)
    try:
        layers = pyogrio.list_layers(path)
    except pyogrio.errors.DataSourceError as exc:
        raise UploadError(t("upload.gpkg_unreadable"), kind="bad_file") from exc
    names = [str(n) for n, _ in layers]
    if not names:
        raise UploadError(t("upload.gpkg_no_layers"), kind="empty")
    listed = t("common.list_separator").join(names)
    if layer is None:
        polygonal = [str(n) for n, g in layers if g and "POLYGON" in str(g).upper()]
        if len(names) == 1:
            layer = names[0]
        elif len(polygonal) == 1:
            layer = polygonal[0]
        else:
            raise UploadError(t("upload.gpkg_many_layers", layers=listed), kind="choose_layer")
    elif layer not in names:
        raise UploadError(t("upload.gpkg_no_such_layer", layer=layer, layers=listed), kind="choose_layer")
    return _read_frame(path, layer=layer)


def _read_shapefile(
    data: bytes, tmp: Path, *, encoding: str | None, layer: str | None, max_bytes: int
) -> tuple[gpd.GeoDataFrame, str | None]:
    files = extract_zip(data, tmp, extensions=SHAPEFILE_EXTENSIONS, max_upload_bytes=max_bytes)
    by_suffix: dict[str, dict[str, Path]] = {}
    for f in files:
        by_suffix.setdefault(f.suffix.lower(), {})[f.stem.lower()] = f
    shps = by_suffix.get(".shp", {})
    if not shps:
        raise UploadError(t("upload.no_shp"), kind="missing_part")
    if layer is not None:
        stem = layer.lower().removesuffix(".shp")
        if stem not in shps:
            raise UploadError(t("upload.no_such_shp", layer=layer), kind="choose_layer")
    elif len(shps) > 1:
        listed = t("common.list_separator").join(p.name for p in shps.values())
        raise UploadError(t("upload.many_shp", layers=listed), kind="choose_layer")
    else:
        stem = next(iter(shps))
    shp = shps[stem]
    for suffix, part in ((".shx", "upload.part_shx"), (".dbf", "upload.part_dbf")):
        if stem not in by_suffix.get(suffix, {}):
            raise UploadError(t("upload.missing_part", name=shp.name, part=t(part)), kind="missing_part")
    dbf = by_suffix[".dbf"][stem]
    _check_dbf(dbf)
    cpg = by_suffix.get(".cpg", {}).get(stem)
    kwargs: dict[str, object] = {}
    if encoding is not None:
        used: str | None = encoding
        kwargs["encoding"] = encoding
    elif cpg is not None:
        used = cpg.read_text(encoding="ascii", errors="replace").strip() or None
    else:
        used = _sniff_dbf_encoding(dbf)
        kwargs["encoding"] = used
    return _read_frame(shp, **kwargs), used


def _dbf_header(path: Path) -> tuple[int, int, int, int]:
    """(file size, record count, header length, record length) — raising for a corrupt .dbf."""
    raw = path.read_bytes()[:32]
    size = path.stat().st_size
    corrupt = UploadError(t("upload.corrupt_dbf", name=path.name), kind="corrupt_dbf")
    if len(raw) < 32 or raw[0] & 0x07 not in (2, 3, 4, 5):
        raise corrupt
    n_records, header_len, record_len = struct.unpack("<IHH", raw[4:12])
    if header_len < 33 or record_len < 1 or header_len + n_records * record_len > size:
        raise corrupt
    return size, n_records, header_len, record_len


def _check_dbf(path: Path) -> None:
    _dbf_header(path)


def _sniff_dbf_encoding(path: Path) -> str:
    """``"UTF-8"`` when the records decode as UTF-8, else ``"GB18030"`` (a superset of GBK)."""
    _, n_records, header_len, record_len = _dbf_header(path)
    with path.open("rb") as fh:
        fh.seek(header_len)
        records = fh.read(min(n_records * record_len, 8 * 1024 * 1024))
    try:
        records.decode("utf-8")
    except UnicodeDecodeError:
        return "GB18030"
    return "UTF-8"


# --------------------------------------------------------------------------- CRS and geometry


def _parse_crs(value: str | int) -> CRS:
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise UploadError(t("upload.crs_unknown", crs=value), kind="bad_crs") from exc


def _looks_geographic(bounds: np.ndarray) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0


def _crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _set_crs(frame: gpd.GeoDataFrame, assumed: CRS | None) -> tuple[gpd.GeoDataFrame, str | None, bool]:
    bounds = frame.total_bounds
    geographic_coords = _looks_geographic(bounds)
    if frame.crs is not None:
        crs = CRS.from_user_input(frame.crs)
        if crs.is_geographic and not geographic_coords:
            if assumed is None:
                raise UploadError(
                    t("upload.crs_declared_geographic", crs=_crs_label(crs), x=bounds[0], y=bounds[1]),
                    kind="crs_mismatch",
                )
            return frame.set_crs(assumed, allow_override=True), _crs_label(crs), True
        return frame, _crs_label(crs), False
    if assumed is None:
        if geographic_coords:
            raise UploadError(t("upload.crs_missing_geographic"), kind="crs_missing_geographic")
        raise UploadError(t("upload.crs_missing_projected", x=bounds[0], y=bounds[1]), kind="crs_missing_projected")
    if assumed.is_geographic and not geographic_coords:
        raise UploadError(t("upload.crs_chosen_geographic", crs=_crs_label(assumed)), kind="crs_mismatch")
    return frame.set_crs(assumed), None, True


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type in _POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in _POLYGONAL]
    polys = [p for g in parts for p in (g.geoms if g.geom_type == "MultiPolygon" else [g])]
    return shapely.MultiPolygon(polys) if polys else shapely.Polygon()


def _finish(frame: gpd.GeoDataFrame, fmt: Format, encoding: str | None, assumed: CRS | None) -> BoundaryRead:
    notes: list[str] = []
    warnings: list[str] = []
    if len(frame) == 0:
        raise UploadError(t("upload.layer_empty"), kind="empty")
    geoms = frame.geometry
    empty = geoms.isna() | geoms.is_empty
    dropped = int(empty.sum())
    if dropped == len(frame):
        raise UploadError(t("upload.layer_no_geometry"), kind="empty")
    if dropped:
        frame = frame.loc[~empty].copy()
        notes.append(t("upload.note_dropped_empty", count=dropped))
    types = frame.geometry.geom_type
    bad = types[~types.isin(_POLYGONAL)]
    if len(bad):
        found = t("common.list_separator").join(
            t("upload.geometry_count", type=kind, count=n) for kind, n in bad.value_counts().items()
        )
        raise UploadError(t("upload.not_polygon", found=found), kind="not_polygon")
    frame = frame.set_geometry(shapely.force_2d(frame.geometry.values))
    frame, source_crs, crs_assumed = _set_crs(frame, assumed)
    if crs_assumed:
        notes.append(t("upload.note_crs_assumed", crs=_crs_label(CRS.from_user_input(frame.crs))))
    invalid = ~frame.geometry.is_valid
    repaired = int(invalid.sum())
    if repaired:
        fixed = shapely.make_valid(frame.geometry.values[invalid.to_numpy()], method="structure", keep_collapsed=False)
        geoms = frame.geometry.values.copy()
        geoms[invalid.to_numpy()] = [_polygonal_part(g) for g in fixed]
        frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
        notes.append(t("upload.note_repaired", count=repaired))
    if CRS.from_user_input(frame.crs) != CRS.from_user_input(TARGET_CRS):
        frame = frame.to_crs(TARGET_CRS)
        if source_crs:
            notes.append(t("upload.note_reprojected", source=source_crs, target=TARGET_CRS))
    minx, miny, maxx, maxy = frame.total_bounds
    cminx, cminy, cmaxx, cmaxy = CHINA_BOUNDS
    if maxx < cminx or minx > cmaxx or maxy < cminy or miny > cmaxy:
        warnings.append(t("upload.warning_outside_china"))
        notes.append(warnings[-1])
    return BoundaryRead(
        frame=frame,
        format=fmt,
        source_crs=source_crs,
        crs_assumed=crs_assumed,
        encoding=encoding,
        repaired=repaired,
        dropped_empty=dropped,
        notes=notes,
        warnings=tuple(warnings),
    )
