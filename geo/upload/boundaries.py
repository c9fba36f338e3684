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
    notes: list[str] = field(default_factory=list)  # Chinese lines for the UI (what was done, warnings)


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
    check_upload_size(len(data), limit=max_bytes, name="上传的边界文件")
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
                f"无法识别边界文件“{filename or '上传的文件'}”的格式。"
                "请上传打包为 .zip 的 Shapefile（含 .shp/.shx/.dbf/.prj）、GeoJSON 或 GeoPackage（.gpkg）。",
                kind="unsupported_format",
            )
    return _finish(frame, fmt, used_encoding, assumed)


# --------------------------------------------------------------------------- formats


def _read_frame(path: Path, **kwargs: object) -> gpd.GeoDataFrame:
    try:
        return pyogrio.read_dataframe(path, **kwargs)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
        raise UploadError(
            f"无法读取边界文件（{path.suffix or path.name}）：文件已损坏或格式不正确。请在 GIS 软件中重新导出后上传。",
            kind="bad_file",
        ) from exc
    except (pyogrio.errors.CRSError, CRSError) as exc:
        raise UploadError(
            "边界文件的坐标系定义（.prj）无法识别。请删除 .prj 并在上传时选择坐标系，或重新导出为 EPSG:4490。",
            kind="bad_crs",
        ) from exc


def _read_geojson(data: bytes) -> gpd.GeoDataFrame:
    try:
        json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UploadError(
            "GeoJSON 文件不是有效的 JSON（可能被截断或编码不是 UTF-8）。请重新导出为 UTF-8 编码的 GeoJSON 后上传。",
            kind="bad_file",
        ) from exc
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
        raise UploadError(
            "无法读取 GeoPackage 文件（已损坏或不是 .gpkg）。请重新导出后上传。", kind="bad_file"
        ) from exc
    names = [str(n) for n, _ in layers]
    if not names:
        raise UploadError("GeoPackage 中没有图层。请检查文件后重新上传。", kind="empty")
    if layer is None:
        polygonal = [str(n) for n, g in layers if g and "POLYGON" in str(g).upper()]
        if len(names) == 1:
            layer = names[0]
        elif len(polygonal) == 1:
            layer = polygonal[0]
        else:
            raise UploadError(
                f"GeoPackage 中有多个图层（{'、'.join(names)}）。请选择要导入的县级边界图层。", kind="choose_layer"
            )
    elif layer not in names:
        raise UploadError(
            f"GeoPackage 中没有名为“{layer}”的图层（现有：{'、'.join(names)}）。请重新选择。", kind="choose_layer"
        )
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
        raise UploadError(
            "压缩包内没有 .shp 文件。请把同名的 .shp、.shx、.dbf、.prj（可选 .cpg）文件一起打包为 .zip 后上传。",
            kind="missing_part",
        )
    if layer is not None:
        stem = layer.lower().removesuffix(".shp")
        if stem not in shps:
            raise UploadError(f"压缩包内没有名为“{layer}”的 .shp 文件。请重新选择。", kind="choose_layer")
    elif len(shps) > 1:
        listed = "、".join(p.name for p in shps.values())
        raise UploadError(
            f"压缩包内有多个 .shp 文件（{listed}）。请选择一个图层，或每次只打包一个图层。", kind="choose_layer"
        )
    else:
        stem = next(iter(shps))
    shp = shps[stem]
    for suffix, what in ((".shx", "索引文件 .shx"), (".dbf", "属性表 .dbf")):
        if stem not in by_suffix.get(suffix, {}):
            raise UploadError(
                f"压缩包内缺少与“{shp.name}”同名的{what}。Shapefile 需要 .shp、.shx、.dbf 三个文件（以及 .prj）。"
                "请把它们一起打包后重新上传。",
                kind="missing_part",
            )
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
    corrupt = UploadError(
        f"属性表“{path.name}”已损坏（文件头无效或被截断）。请在 GIS 软件中重新导出 Shapefile 后上传。",
        kind="corrupt_dbf",
    )
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
        raise UploadError(
            f"无法识别所选坐标系“{value}”。请输入 EPSG 代码，例如 4490（CGCS2000 经纬度）或 4326（WGS84）。",
            kind="bad_crs",
        ) from exc


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
                    f"文件声明的坐标系是经纬度（{_crs_label(crs)}），但坐标值（如 {bounds[0]:.0f}, {bounds[1]:.0f}）"
                    "超出经纬度范围，看起来是投影坐标（米）。请选择数据实际使用的投影坐标系"
                    "（例如 CGCS2000 3度带 EPSG:4526–4554）后重新导入。",
                    kind="crs_mismatch",
                )
            return frame.set_crs(assumed, allow_override=True), _crs_label(crs), True
        return frame, _crs_label(crs), False
    if assumed is None:
        if geographic_coords:
            raise UploadError(
                "边界文件没有坐标系信息（缺少 .prj）。坐标看起来是经纬度（度）：若为 CGCS2000 请选择 EPSG:4490，"
                "若为 WGS84 请选择 EPSG:4326；或把 .prj 文件一起打包后重新上传。",
                kind="crs_missing_geographic",
            )
        raise UploadError(
            f"边界文件没有坐标系信息（缺少 .prj），且坐标值（如 {bounds[0]:.0f}, {bounds[1]:.0f}）是投影坐标（米），"
            "无法判断所用投影。请把 .prj 文件一起打包后重新上传，或选择数据使用的投影坐标系"
            "（例如 CGCS2000 3度带 EPSG:4526–4554、6度带 EPSG:4491–4501）。",
            kind="crs_missing_projected",
        )
    if assumed.is_geographic and not geographic_coords:
        raise UploadError(
            f"所选坐标系 {_crs_label(assumed)} 是经纬度坐标系，但文件中的坐标值超出经纬度范围（投影坐标，米）。"
            "请改选数据实际使用的投影坐标系。",
            kind="crs_mismatch",
        )
    return frame.set_crs(assumed), None, True


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    if geom.geom_type in _POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in _POLYGONAL]
    polys = [p for g in parts for p in (g.geoms if g.geom_type == "MultiPolygon" else [g])]
    return shapely.MultiPolygon(polys) if polys else shapely.Polygon()


def _finish(frame: gpd.GeoDataFrame, fmt: Format, encoding: str | None, assumed: CRS | None) -> BoundaryRead:
    notes: list[str] = []
    if len(frame) == 0:
        raise UploadError("边界图层中没有任何要素（0 个面）。请确认导出了正确的图层后重新上传。", kind="empty")
    geoms = frame.geometry
    empty = geoms.isna() | geoms.is_empty
    dropped = int(empty.sum())
    if dropped == len(frame):
        raise UploadError("边界图层中所有要素都没有几何形状。请在 GIS 软件中检查图层后重新导出。", kind="empty")
    if dropped:
        frame = frame.loc[~empty].copy()
        notes.append(f"已忽略 {dropped} 个没有几何形状的要素。")
    types = frame.geometry.geom_type
    bad = types[~types.isin(_POLYGONAL)]
    if len(bad):
        found = "、".join(f"{t} {n} 个" for t, n in bad.value_counts().items())
        raise UploadError(
            f"边界文件中含有非面状要素（{found}）。县级边界必须是面（Polygon/MultiPolygon）；"
            "请只导出面图层后重新上传。",
            kind="not_polygon",
        )
    frame = frame.set_geometry(shapely.force_2d(frame.geometry.values))
    frame, source_crs, crs_assumed = _set_crs(frame, assumed)
    if crs_assumed:
        notes.append(f"按所选坐标系 {_crs_label(CRS.from_user_input(frame.crs))} 解读坐标。")
    invalid = ~frame.geometry.is_valid
    repaired = int(invalid.sum())
    if repaired:
        fixed = shapely.make_valid(frame.geometry.values[invalid.to_numpy()], method="structure", keep_collapsed=False)
        geoms = frame.geometry.values.copy()
        geoms[invalid.to_numpy()] = [_polygonal_part(g) for g in fixed]
        frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
        notes.append(f"已自动修复 {repaired} 个无效（自相交等）的面。")
    if CRS.from_user_input(frame.crs) != CRS.from_user_input(TARGET_CRS):
        frame = frame.to_crs(TARGET_CRS)
        if source_crs:
            notes.append(f"已从 {source_crs} 转换到 {TARGET_CRS}（CGCS2000）。")
    minx, miny, maxx, maxy = frame.total_bounds
    cminx, cminy, cmaxx, cmaxy = CHINA_BOUNDS
    if maxx < cminx or minx > cmaxx or maxy < cminy or miny > cmaxy:
        notes.append("警告：转换后的边界不在中国范围内，坐标系可能选错了，请检查。")
    return BoundaryRead(
        frame=frame,
        format=fmt,
        source_crs=source_crs,
        crs_assumed=crs_assumed,
        encoding=encoding,
        repaired=repaired,
        dropped_empty=dropped,
        notes=notes,
    )
