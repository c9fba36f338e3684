"""GCJ-02 ("火星坐标"): detect an uploaded layer shifted by it, and undo the shift.

Chinese web maps (高德, 腾讯, Google China…) publish coordinates in GCJ-02, WGS-84 run through
an obfuscating, location-dependent offset of roughly 100–700 m. Boundaries traced from or
exported through such maps sit visibly off the atlas's polygons.

The transform below is the widely published public-domain formula (the one in ``eviltransform``,
``coordtransform``, ``prcoords``…). It is re-implemented here rather than installed because those
packages transform one point at a time in pure Python, while a detailed county layer has
hundreds of thousands of vertices; the formula is a few lines of numpy, and the tests pin it
to reference values. The inverse has no closed form: :func:`gcj02_to_wgs84` iterates the
forward transform (fixed point, converging to well under a millimetre in a few steps).

Datum note: the atlas is in CGCS2000 (EPSG:4490). CGCS2000 and WGS-84 differ by centimetres to
about a metre, far below the 100–700 m GCJ-02 offset, so CGCS2000 coordinates are fed to the
formula as if they were WGS-84.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from pyproj import CRS

from geo.i18n import t

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 formula.
_A = 6378245.0
_EE = 0.00669342162296594323

#: The rectangle within which GCJ-02 is applied (the usual published test; outside it, and so
#: abroad, coordinates are returned unchanged).
GCJ_BOUNDS = (72.004, 0.8293, 137.8347, 55.8271)

#: Mean Earth radius (m), for turning small degree offsets into metres east and north.
EARTH_RADIUS_M = 6371008.8

#: Matched features needed before a verdict is given.
MIN_FEATURES = 3

Status = Literal["aligned", "gcj02", "offset", "unclear", "too_few"]


def _delta_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _delta_lng(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _inside(lng: np.ndarray, lat: np.ndarray) -> np.ndarray:
    minx, miny, maxx, maxy = GCJ_BOUNDS
    return (lng >= minx) & (lng <= maxx) & (lat >= miny) & (lat <= maxy)


def wgs84_to_gcj02(lng: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Forward transform of longitudes/latitudes (degrees, any shape); points outside China unchanged."""
    lng = np.asarray(lng, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    x, y = lng - 105.0, lat - 35.0
    dlat = _delta_lat(x, y)
    dlng = _delta_lng(x, y)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlng = (dlng * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    inside = _inside(lng, lat)
    return np.where(inside, lng + dlng, lng), np.where(inside, lat + dlat, lat)


def gcj02_to_wgs84(
    lng: npt.ArrayLike, lat: npt.ArrayLike, *, tolerance: float = 1e-10, max_iter: int = 30
) -> tuple[np.ndarray, np.ndarray]:
    """Inverse transform by fixed-point iteration: find ``w`` with ``wgs84_to_gcj02(w) == g``.

    The offset changes slowly with position (its gradient is ~1e-3), so each step shrinks the
    error ~1000×; ``tolerance`` is in degrees (1e-10° ≈ 0.01 mm).
    """
    g_lng = np.asarray(lng, dtype="float64")
    g_lat = np.asarray(lat, dtype="float64")
    w_lng, w_lat = g_lng.copy(), g_lat.copy()
    for _ in range(max_iter):
        f_lng, f_lat = wgs84_to_gcj02(w_lng, w_lat)
        d_lng, d_lat = f_lng - g_lng, f_lat - g_lat
        w_lng -= d_lng
        w_lat -= d_lat
        if d_lng.size == 0 or max(np.nanmax(np.abs(d_lng)), np.nanmax(np.abs(d_lat))) < tolerance:
            break
    return w_lng, w_lat


def _transform_frame(frame: gpd.GeoDataFrame, fn) -> gpd.GeoDataFrame:
    if frame.crs is not None and not CRS.from_user_input(frame.crs).is_geographic:
        raise ValueError(f"GCJ-02 transforms need longitude/latitude, got {frame.crs}")

    def on_coords(coords: np.ndarray) -> np.ndarray:
        x, y = fn(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    out = frame.copy()
    out[frame.geometry.name] = gpd.GeoSeries(
        shapely.transform(frame.geometry.values, on_coords), index=frame.index, crs=frame.crs
    )
    return out


def correct_gcj02(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``frame`` with every coordinate moved from GCJ-02 back to WGS-84/CGCS2000."""
    return _transform_frame(frame, gcj02_to_wgs84)


def to_gcj02(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``frame`` shifted into GCJ-02 (what a Chinese web map would show); for tests and demos."""
    return _transform_frame(frame, wgs84_to_gcj02)


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True)
class ShiftCheck:
    """How an uploaded layer sits against the default county polygons (all distances in metres)."""

    status: Status  # aligned / gcj02 / offset (another consistent shift) / unclear / too_few
    looks_gcj02: bool
    offset_m: float  # length of the median displacement (uploaded − reference)
    east_m: float  # its east component
    north_m: float  # its north component
    expected_gcj02_m: float  # length of the median GCJ-02 offset at the same places
    residual_m: float  # what remains of the median displacement if it is taken to be GCJ-02
    compared: int  # matched features compared
    message: str  # for the page, in the language of the run that checked

    @property
    def needs_attention(self) -> bool:
        return self.status in ("gcj02", "offset", "unclear")


def _metres(d_lng: np.ndarray, d_lat: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Local equirectangular approximation: exact to well under 1 % for offsets of a few km.
    k = math.pi / 180.0 * EARTH_RADIUS_M
    return d_lng * np.cos(np.radians(lat)) * k, d_lat * k


def _distance(metres: float) -> str:
    return t("upload.km", km=metres / 1000) if metres >= 1000 else t("upload.metres", metres=metres)


def _direction(east: float, north: float) -> str:
    parts = []
    if abs(east) >= 1:
        parts.append(t("upload.to_east" if east > 0 else "upload.to_west", distance=_distance(abs(east))))
    if abs(north) >= 1:
        parts.append(t("upload.to_north" if north > 0 else "upload.to_south", distance=_distance(abs(north))))
    return t("common.list_separator").join(parts) or t("upload.no_direction")


def _points(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """One centroid per adcode (several features of one county are merged first)."""
    keyed = frame[frame["adcode"].astype("string").fillna("").str.len() > 0]
    geoms = pd.Series(keyed.geometry.values, index=keyed["adcode"].astype(str).to_numpy())
    if geoms.index.has_duplicates:
        geoms = geoms.groupby(level=0).agg(lambda g: shapely.union_all(g.to_numpy()))
    # Planar centroids in degrees are fine here: both layers are treated the same way and only
    # the difference between them is used. (GeoSeries.centroid would warn about geographic CRS.)
    c = shapely.centroid(geoms.to_numpy())
    return pd.DataFrame({"x": shapely.get_x(c), "y": shapely.get_y(c)}, index=geoms.index)


def detect_gcj02_shift(
    uploaded: gpd.GeoDataFrame,
    reference: gpd.GeoDataFrame,
    *,
    aligned_m: float = 50.0,
    tolerance: float = 0.3,
) -> ShiftCheck:
    """Compare the centroids of features matched by ``adcode`` (``""`` = unmatched, ignored).

    ``d`` is the per-county displacement uploaded − reference and ``e`` the GCJ-02 offset at the
    reference centroid. Their medians (per component, so that differences of detail between the
    layers cancel out) decide: the layers are *aligned* when the median displacement is at most
    ``aligned_m`` or ``tolerance`` (30 %) of the GCJ-02 offset there; the upload *looks
    like GCJ-02* when the median displacement agrees with the median GCJ-02 offset in direction
    and length within ``tolerance`` (30 %) of its length and per county the GCJ-02 offset
    explains the displacement better than no shift at all; any other consistent displacement
    is an *offset* (wrong CRS, false easting…); a large but incoherent one is *unclear*.

    Use the most detailed reference (``geo.boundaries.counties("full")``): centroids of the
    simplified national level differ from detailed ones by ~0.5 km per county (only the
    medians still agree). Both frames must be in EPSG:4490 (or WGS-84).
    """
    up, ref = _points(uploaded), _points(reference)
    common = up.index.intersection(ref.index)
    up, ref = up.loc[common], ref.loc[common]
    n = len(common)
    if n < MIN_FEATURES:
        return ShiftCheck(
            "too_few", False, math.nan, math.nan, math.nan, math.nan, math.nan, n,
            t("upload.shift_too_few", count=n, minimum=MIN_FEATURES),
        )  # fmt: skip
    lat = ref["y"].to_numpy()
    d_e, d_n = _metres(up["x"].to_numpy() - ref["x"].to_numpy(), up["y"].to_numpy() - lat, lat)
    g_lng, g_lat = wgs84_to_gcj02(ref["x"].to_numpy(), lat)
    e_e, e_n = _metres(g_lng - ref["x"].to_numpy(), g_lat - lat, lat)

    med_d = np.array([np.median(d_e), np.median(d_n)])
    med_e = np.array([np.median(e_e), np.median(e_n)])
    offset = float(np.hypot(*med_d))
    expected = float(np.hypot(*med_e))
    residual = float(np.hypot(*(med_d - med_e)))
    # Per county, is the displacement closer to the GCJ-02 offset than to zero?
    closer_to_gcj = float(np.mean(np.hypot(d_e - e_e, d_n - e_n) < np.hypot(d_e, d_n)))

    def check(status: Status, message: str) -> ShiftCheck:
        return ShiftCheck(
            status, status == "gcj02", offset, float(med_d[0]), float(med_d[1]), expected, residual, n, message
        )

    where = t("upload.shift_compared", count=n)
    distance = _distance(offset)
    # Both tests use the same tolerance around their own expectation (no shift / the GCJ-02
    # offset), and cannot both pass: |median d − median e| ≥ expected − offset.
    if offset <= max(aligned_m, tolerance * expected):
        return check("aligned", t("upload.shift_aligned", where=where, distance=distance))
    if expected >= aligned_m and residual <= tolerance * expected and closer_to_gcj > 0.5:
        return check(
            "gcj02",
            t(
                "upload.shift_gcj02",
                distance=distance,
                direction=_direction(*med_d),
                where=where,
                checkbox=t("data.gcj02_correct"),
            ),
        )
    spread = np.median(np.hypot(d_e - med_d[0], d_n - med_d[1]))
    if spread <= max(aligned_m, 0.5 * offset):
        return check("offset", t("upload.shift_offset", distance=distance, direction=_direction(*med_d), where=where))
    return check("unclear", t("upload.shift_unclear", distance=distance, where=where))
