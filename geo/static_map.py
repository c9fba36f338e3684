"""Static maps for export and print: the web map's classes, colours and legend, drawn by matplotlib.

The web map (:func:`geo.maps.county_map`) colours counties in the browser from a
:class:`~geo.choropleth.ChoroplethStyle`; this module decodes the same arrays (it never
re-classifies), so a PNG has exactly the map's classes. Counties, province outlines, the
national outline and boundary lines are projected once per view level to an Albers
equal-area projection for China and cached as matplotlib paths.

The full-China view follows the convention for maps of China: the mainland, with the
South China Sea islands (南海诸岛) and the dashed boundary lines in an inset at the lower
right. A zoomed view (``style.fit`` or an ``extent``) draws that extent without the inset.

The fixed texts (inset label, north arrow, boundary note) are in the current language
(:mod:`geo.i18n`); place names stay Chinese, with pinyin in English.

Text is set in Noto Sans CJK SC (Debian ``fonts-noto-cjk``); without it the export raises
:class:`CJKFontMissingError` rather than print boxes. No pyplot: every render builds its
own ``Figure``, so concurrent renders (Streamlit threads) share no global state.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path as FilePath
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import shapely
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.path import Path

from geo import boundaries
from geo.choropleth import NO_CLASS, ChoroplethStyle
from geo.i18n import place, t
from geo.maps import CHINA_BOUNDS, MAINLAND_BOUNDS, NO_DATA_COLOR, OUTSIDE_COLOR, LegendSpec, boundary_note

#: Albers equal-area conic for China (standard parallels 25°N and 47°N, central meridian 105°E).
EQUAL_AREA = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=GRS80 +units=m +no_defs"
#: The conventional 南海诸岛 inset frame (lon_min, lat_min, lon_max, lat_max).
SOUTH_CHINA_SEA = (105.0, 2.5, 125.0, 24.5)
#: Southern limit of the main frame of the full-China view (below: the inset).
MAINLAND_SOUTH = 17.5
CJK_FAMILY = "Noto Sans CJK SC"
CJK_PACKAGE = "fonts-noto-cjk"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DEFAULT_SIZE = (1600, 1200)
DEFAULT_DPI = 200

PROVINCE_EDGE = "#444444"
BORDER_COLOR = "#222222"
SELECTED_COLOR = "#b3261e"  # as the web map's selected county
AREA_OUTLINE_COLOR = "#7b2d8b"  # as the web map's contiguous-area outline
COUNTY_EDGE = "#ffffff"
FRAME_COLOR = "#555555"

ViewLevel = Literal["national", "province"]
Bounds = tuple[float, float, float, float]  # minx, miny, maxx, maxy (projected metres)


def south_china_sea_label() -> str:
    """The inset's label (南海诸岛), in the current language."""
    return t("map.south_china_sea")


class CJKFontMissingError(RuntimeError):
    """No CJK font for Chinese text: the export would show empty boxes."""


# ---------------------------------------------------------------------------- fonts

_font_lock = threading.Lock()


#: Where Debian installs fonts (searched when matplotlib's font list predates fonts-noto-cjk).
FONT_DIRS = (FilePath("/usr/share/fonts"),)


def _font_files() -> list[FilePath]:
    return [FilePath(f.fname) for f in font_manager.fontManager.ttflist if f.name == CJK_FAMILY]


@cache
def cjk_family() -> str:
    """The CJK font family name for matplotlib text, after checking it is installed.

    Matplotlib's font list is cached on disk; when the fonts were installed after that
    cache was written, register Debian's files directly before giving up.
    """
    with _font_lock:
        if not _font_files():
            for folder in FONT_DIRS:
                for path in sorted(folder.rglob("NotoSansCJK*")) if folder.is_dir() else ():
                    font_manager.fontManager.addfont(path)
        if not _font_files():
            raise CJKFontMissingError(
                f"The font {CJK_FAMILY!r} is not installed, so Chinese text cannot be rendered. "
                f"Install the Debian package {CJK_PACKAGE} (apt-get install {CJK_PACKAGE})."
            )
    return CJK_FAMILY


def font(size: float, weight: str = "normal") -> FontProperties:
    """Font properties in the CJK family (raises :class:`CJKFontMissingError` when missing)."""
    return FontProperties(family=cjk_family(), size=size, weight=weight)


def plain(text: str) -> str:
    """Text as matplotlib should print it: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


#: Punctuation that must not start a line (it stays at the end of the previous one).
_NO_LINE_START = frozenset("）」』】〕〉》，。、；：！？)]}.,;:!?…·")  # i18n: data (line-breaking rule)


def text_width(text: str) -> float:
    """Approximate width in ems: CJK and full-width characters 1, others 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def wrap(text: str, width_em: float, max_lines: int | None = None) -> list[str]:
    """Break ``text`` into lines of at most ``width_em`` ems (CJK text has no spaces to break at).

    Latin words are kept whole when they fit on a line. With ``max_lines`` the last line
    ends with an ellipsis when text is cut.
    """
    lines: list[str] = []
    line, width = "", 0.0
    tokens = _tokens(text)
    for token in tokens:
        w = text_width(token)
        if line and width + w > width_em and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, width = "", 0.0
            if token == " ":
                continue
        while w > width_em:  # a token longer than a line (a URL): break it anywhere
            head, rest = _split_at(token, width_em - width)
            lines.append(line + head)
            line, width, token = "", 0.0, rest
            w = text_width(token)
        line += token
        width += w
    if line:
        lines.append(line.rstrip())
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, len(lines[-1]) - 1)] + "…"
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Latin words and spaces as units, every other character on its own."""
    tokens: list[str] = []
    word = ""
    for c in text:
        if c.isascii() and not c.isspace():
            word += c
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(c)
    if word:
        tokens.append(word)
    return tokens


def _split_at(token: str, width_em: float) -> tuple[str, str]:
    width = 0.0
    for i, c in enumerate(token):
        width += text_width(c)
        if width > width_em:
            return token[: max(i, 1)], token[max(i, 1) :]
    return token, ""


# ---------------------------------------------------------------------------- projected layers


def _ring_path_parts(ring: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes = np.full(len(ring), Path.LINETO, dtype=Path.code_type)
    codes[0] = Path.MOVETO
    codes[-1] = Path.CLOSEPOLY
    return ring, codes


def polygon_path(geometry: shapely.Geometry) -> Path:
    """A compound matplotlib path of a (multi)polygon, exteriors and holes.

    Agg fills with the non-zero rule, so rings are oriented (exterior counter-clockwise,
    holes clockwise) for the holes to stay empty.
    """
    vertices, codes = [], []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.is_empty:
            continue
        polygon = shapely.orient_polygons(polygon)
        for ring in (polygon.exterior, *polygon.interiors):
            v, c = _ring_path_parts(np.asarray(ring.coords)[:, :2])
            vertices.append(v)
            codes.append(c)
    if not vertices:
        return Path(np.zeros((0, 2)))
    return Path(np.concatenate(vertices), np.concatenate(codes))


def line_path(geometry: shapely.Geometry) -> Path:
    """A matplotlib path of a (multi)line or of a polygon's rings, as open lines."""
    vertices, codes = [], []
    for part in shapely.get_parts(shapely.boundary(geometry) if geometry.geom_type.endswith("Polygon") else geometry):
        for line in shapely.get_parts(part):
            coords = np.asarray(line.coords)[:, :2]
            if len(coords) < 2:
                continue
            c = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
            c[0] = Path.MOVETO
            vertices.append(coords)
            codes.append(c)
    if not vertices:
        return Path(np.zeros((0, 2)))
    return Path(np.concatenate(vertices), np.concatenate(codes))


@dataclass(frozen=True)
class ProjectedLayers:
    """One view level's layers in :data:`EQUAL_AREA` metres, ready to draw."""

    order: tuple[str, ...]
    names: tuple[str, ...]
    geometries: np.ndarray  # projected county geometries (for outlines of groups)
    county_paths: tuple[Path, ...]
    county_bounds: np.ndarray  # (n, 4): minx, miny, maxx, maxy
    province_paths: tuple[Path, ...]
    outline: Path  # national outline (union of the counties): land borders and coast
    borders: Path  # boundary lines, incl. the South China Sea lines
    mainland: Bounds  # frame of the full-China view
    sea: Bounds  # frame of the South China Sea inset


def project(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return gdf.geometry.to_crs(EQUAL_AREA)


def projected_box(bounds_lonlat: Bounds) -> Bounds:
    """Projected bounds of a lon/lat box (its edges densified: parallels curve in the projection)."""
    box = shapely.segmentize(shapely.box(*bounds_lonlat), 0.5)
    series = gpd.GeoSeries([box], crs=boundaries.CRS).to_crs(EQUAL_AREA)
    return tuple(float(b) for b in series.total_bounds)


def _layers_from(counties: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame) -> ProjectedLayers:
    geoms = project(counties).to_numpy()
    province_geoms = project(provinces).to_numpy()
    try:
        land = shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:  # not a clean coverage (e.g. a caller's own polygons)
        land = shapely.union_all(geoms)
    borders = project(boundaries.border_lines()).to_numpy()
    mainland = shapely.box(73.0, MAINLAND_SOUTH, 136.0, 54.0)
    north = gpd.GeoSeries(counties.geometry.intersection(mainland), crs=counties.crs).to_crs(EQUAL_AREA)
    return ProjectedLayers(
        order=tuple(counties["adcode"]),
        names=tuple(counties["name"]) if "name" in counties else tuple(counties["adcode"]),
        geometries=geoms,
        county_paths=tuple(polygon_path(g) for g in geoms),
        county_bounds=shapely.bounds(geoms),
        province_paths=tuple(line_path(g) for g in province_geoms),
        outline=line_path(land),
        borders=line_path(shapely.union_all(borders)),
        mainland=tuple(float(b) for b in north[~north.is_empty].total_bounds),
        sea=projected_box(SOUTH_CHINA_SEA),
    )


@cache
def projected_layers(level: ViewLevel = "national") -> ProjectedLayers:
    """The cached boundary layers of a view level, projected (once per process and level)."""
    return _layers_from(boundaries.counties(level), boundaries.provinces(level))


def _layers_for(polygons: gpd.GeoDataFrame | str | None, zoomed: bool) -> ProjectedLayers:
    if polygons is None:
        national = projected_layers("national")
        if zoomed:  # finer outlines for a close view, when they draw the same counties in the same order
            fine = projected_layers("province")
            if fine.order == national.order:
                return fine
        return national
    if isinstance(polygons, str):
        return projected_layers(polygons)  # type: ignore[arg-type]
    if polygons is boundaries.counties("national"):
        return _layers_for(None, zoomed)
    return _layers_from(polygons, boundaries.provinces("national"))


# ---------------------------------------------------------------------------- styling


def county_colors(style: ChoroplethStyle) -> list[str]:
    """Fill colour per county, decoded from the style exactly as ``static/atlas/atlas_map.js`` does."""
    colors = []
    for cls, selected in zip(style.classes, style.selection, strict=True):
        if selected != "1":
            colors.append(OUTSIDE_COLOR)
        elif cls == NO_CLASS:
            colors.append(NO_DATA_COLOR)
        else:
            colors.append(style.colors[int(cls, 36)])
    return colors


def lonlat_extent(fit: Sequence[Sequence[float]]) -> Bounds:
    """A Leaflet ``[[south, west], [north, east]]`` box as ``(west, south, east, north)``."""
    (south, west), (north, east) = fit
    return (float(west), float(south), float(east), float(north))


def _is_national(extent: Sequence[Sequence[float]] | None) -> bool:
    if extent is None:
        return True
    rounded = [[round(float(v), 1) for v in corner] for corner in extent]
    return rounded in (
        [[round(v, 1) for v in c] for c in CHINA_BOUNDS],
        [[round(v, 1) for v in c] for c in MAINLAND_BOUNDS],
    )


def _padded(bounds: Bounds, fraction: float) -> Bounds:
    minx, miny, maxx, maxy = bounds
    dx, dy = (maxx - minx) * fraction, (maxy - miny) * fraction
    return (minx - dx, miny - dy, maxx + dx, maxy + dy)


def fit_to_box(frame: Bounds, ax: Axes) -> Bounds:
    """``frame`` widened (never cropped) to the shape of the axes box, about its centre."""
    position = ax.get_position()
    box = (position.width * ax.figure.get_figwidth()) / (position.height * ax.figure.get_figheight())
    minx, miny, maxx, maxy = frame
    width, height = maxx - minx, maxy - miny
    if width / height < box:
        grow = (height * box - width) / 2
        return (minx - grow, miny, maxx + grow, maxy)
    grow = (width / box - height) / 2
    return (minx, miny - grow, maxx, maxy + grow)


def _visible(layers: ProjectedLayers, frame: Bounds) -> np.ndarray:
    b = layers.county_bounds
    return np.flatnonzero((b[:, 2] >= frame[0]) & (b[:, 0] <= frame[2]) & (b[:, 3] >= frame[1]) & (b[:, 1] <= frame[3]))


def _draw_layers(
    ax: Axes,
    layers: ProjectedLayers,
    colors: Sequence[str],
    frame: Bounds,
    scale: float,
    style: ChoroplethStyle,
    area_outline: Collection[str] | None,
) -> None:
    """Counties, province outlines, national outline, boundary lines and highlights inside ``frame``."""
    shown = _visible(layers, frame)
    fills = PathCollection(
        [layers.county_paths[i] for i in shown],
        facecolors=[colors[i] for i in shown],
        edgecolors=COUNTY_EDGE,
        linewidths=0.25 * scale,
        zorder=1,
    )
    ax.add_collection(fills, autolim=False)
    ax.add_collection(
        PathCollection(layers.province_paths, facecolors="none", edgecolors=PROVINCE_EDGE, linewidths=0.45 * scale),
        autolim=False,
    ).set_zorder(2)
    for path in (layers.outline, layers.borders):
        ax.add_collection(
            PathCollection([path], facecolors="none", edgecolors=BORDER_COLOR, linewidths=0.8 * scale), autolim=False
        ).set_zorder(3)
    if area_outline:
        wanted = set(area_outline)
        members = [g for code, g in zip(layers.order, layers.geometries, strict=True) if code in wanted]
        if members:
            outline = line_path(shapely.union_all(members))
            ax.add_collection(
                PathCollection(
                    [outline],
                    facecolors="none",
                    edgecolors=AREA_OUTLINE_COLOR,
                    linewidths=1.4 * scale,
                    linestyles=(0, (4, 2)),
                ),
                autolim=False,
            ).set_zorder(4)
    if style.selected and style.selected in layers.order:
        i = layers.order.index(style.selected)
        ax.add_collection(
            PathCollection(
                [layers.county_paths[i]], facecolors="none", edgecolors=SELECTED_COLOR, linewidths=1.3 * scale
            ),
            autolim=False,
        ).set_zorder(5)
    frame = fit_to_box(frame, ax)
    ax.set_xlim(frame[0], frame[2])
    ax.set_ylim(frame[1], frame[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])


def _legend(
    target: Axes | Figure, legend: LegendSpec, scale: float, title_width_em: float | None = None, **placement: object
) -> Legend:
    handles = [
        Patch(facecolor=item.color, edgecolor="#888888", linewidth=0.5, label=plain(item.label))
        for item in legend.items
    ]
    title = legend.title if title_width_em is None else "\n".join(wrap(legend.title, title_width_em))
    options = {
        "title": plain(title),
        "prop": font(7 * scale),
        "title_fontproperties": font(7.5 * scale, "bold"),
        "frameon": True,
        "framealpha": 0.92,
        "edgecolor": "#bbbbbb",
        "fancybox": False,
        "alignment": "left",
        "handlelength": 1.6,
        "handleheight": 0.9,
        "borderpad": 0.6,
    }
    return target.legend(handles=handles, **(options | placement))


def _north_arrow(ax: Axes, scale: float, x: float = 0.965, y: float = 0.95) -> None:
    ax.annotate(
        t("map.north_arrow"),
        xy=(x, y),
        xytext=(x, y - 0.085),
        xycoords="axes fraction",
        ha="center",
        va="top",
        fontproperties=font(7 * scale, "bold"),
        arrowprops={"facecolor": "#222222", "edgecolor": "none", "width": 1.6 * scale, "headwidth": 6 * scale},
        zorder=10,
    )


def _inset(ax: Axes, layers: ProjectedLayers, colors: Sequence[str], scale: float, style: ChoroplethStyle) -> Axes:
    """The 南海诸岛 inset at the lower right of the main map."""
    sea = layers.sea
    aspect = (sea[3] - sea[1]) / (sea[2] - sea[0])
    main_w = ax.get_position().width * ax.figure.get_figwidth()
    main_h = ax.get_position().height * ax.figure.get_figheight()
    width = 0.17  # of the main axes' width
    height = width * aspect * main_w / main_h
    inset = ax.inset_axes((1 - width - 0.006, 0.006, width, height))
    inset.set_facecolor("white")
    _draw_layers(inset, layers, colors, sea, scale * 0.7, style, None)
    for spine in inset.spines.values():
        spine.set_edgecolor(FRAME_COLOR)
        spine.set_linewidth(0.8 * scale)
    inset.text(
        0.5,
        0.025,
        south_china_sea_label(),
        transform=inset.transAxes,
        ha="center",
        va="bottom",
        fontproperties=font(6 * scale),
        parse_math=False,
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )
    inset.set_zorder(6)
    return inset


def bottom_line(source_line: str, note: str) -> str:
    """The footer: data source, then the legend's note, with the boundary note exactly once."""
    parts = [p for p in (source_line.strip(), note.strip()) if p]
    if not any(boundary_note() in p for p in parts):
        parts.append(boundary_note())
    return t("common.clause_separator").join(parts)


def draw_map(
    fig: Figure,
    rect: tuple[float, float, float, float],
    view_style: ChoroplethStyle,
    legend: LegendSpec | None,
    polygons: gpd.GeoDataFrame | str | None = None,
    *,
    extent: Sequence[Sequence[float]] | None = None,
    scale: float = 1.0,
    north_arrow: bool = True,
    area_outline: Collection[str] | None = None,
    label_selected: bool = True,
    legend_placement: dict | None = None,
) -> Axes:
    """Draw the map into ``rect`` (figure fraction) of ``fig``; returns the main axes.

    ``extent`` is a Leaflet box ``[[south, west], [north, east]]`` like ``style.fit``;
    None uses ``style.fit``, and no extent at all (or the web map's full-China/mainland
    extents) is the full-China view with the South China Sea inset. ``legend_placement``:
    keyword arguments for ``Axes.legend`` (default: lower left inside the full-China view,
    outside to the right of a zoomed one).
    """
    extent = extent if extent is not None else view_style.fit
    national = _is_national(extent)
    layers = _layers_for(polygons, zoomed=not national)
    if len(view_style.classes) != len(layers.order) or len(view_style.selection) != len(layers.order):
        raise ValueError("styling arrays must align with the county order of the polygons")
    colors = county_colors(view_style)
    ax = fig.add_axes(rect)
    ax.set_facecolor("white")
    for spine in ax.spines.values():
        spine.set_edgecolor(FRAME_COLOR)
        spine.set_linewidth(0.6 * scale)
    if national:
        frame = _padded(layers.mainland, 0.02)
        frame = (frame[0], frame[1] - (frame[3] - frame[1]) * 0.04, frame[2] + (frame[2] - frame[0]) * 0.05, frame[3])
    else:
        frame = _padded(projected_box(lonlat_extent(extent)), 0.03)
    _draw_layers(ax, layers, colors, frame, scale, view_style, area_outline)
    if national:
        _inset(ax, layers, colors, scale, view_style)
    elif label_selected and view_style.selected in layers.order:
        i = layers.order.index(view_style.selected)
        point = shapely.point_on_surface(layers.geometries[i])
        ax.text(
            point.x,
            point.y,
            place(layers.names[i]),
            ha="center",
            va="center",
            fontproperties=font(7 * scale, "bold"),
            color="#111111",
            zorder=7,
            parse_math=False,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": SELECTED_COLOR, "alpha": 0.85},
        )
    if north_arrow:
        _north_arrow(ax, scale)
    if legend is not None:
        title_width_em = None
        if legend_placement is None and not national:  # outside, right of the map: wrap a long title to the margin
            margin_in = (1 - rect[0] - rect[2] - 0.02) * fig.get_figwidth()
            title_width_em = max(8.0, margin_in * 72 / (7.5 * scale))
        if legend_placement is None:
            legend_placement = {"loc": "lower left"} if national else {"loc": "upper left", "bbox_to_anchor": (1.01, 1)}
        _legend(ax, legend, scale, title_width_em, **legend_placement)
    return ax


def render_map_png(
    view_style: ChoroplethStyle, legend: LegendSpec, polygons: gpd.GeoDataFrame | str | None = None, **options: Any
) -> bytes:
    """PNG bytes of the map for ``view_style``: classes, legend, title, source line, boundary note.

    Takes :func:`map_figure`'s arguments (``title`` and ``source_line`` are required); the title
    is also written into the PNG's metadata. ``polygons``: the county polygons the style is
    aligned with (``attrs.order``) — None or the cached ``boundaries.counties("national")`` use
    the cached projected layers (finer province-level outlines when zoomed); another
    GeoDataFrame is projected on the fly; a level name picks that cached level. Raises
    :class:`CJKFontMissingError` without ``fonts-noto-cjk``, ``ValueError`` when the style does
    not align with the polygons.
    """
    return png_bytes(map_figure(view_style, legend, polygons, **options), title=options.get("title"))


def map_figure(
    view_style: ChoroplethStyle,
    legend: LegendSpec,
    polygons: gpd.GeoDataFrame | str | None = None,
    *,
    title: str,
    source_line: str,
    extent: Sequence[Sequence[float]] | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
    north_arrow: bool = True,
    area_outline: Collection[str] | None = None,
) -> Figure:
    """The figure :func:`render_map_png` saves (for other formats, or to inspect its artists).

    ``extent``: a Leaflet box ``[[south, west], [north, east]]``, default ``view_style.fit`` (see
    :func:`draw_map`). ``size`` in pixels at ``dpi``. ``area_outline``: county codes whose union
    is outlined like the web map's contiguous-area layer.
    """
    fig = figure(size, dpi)
    width_in, height_in = fig.get_size_inches()
    scale = float(np.clip(min(width_in / 8, height_in / 6), 0.6, 2.5))
    national = _is_national(extent if extent is not None else view_style.fit)
    top, bottom = 0.085, 0.055
    rect = (0.012, bottom, 0.976, 1 - top - bottom) if national else (0.012, bottom, 0.74, 1 - top - bottom)
    draw_map(
        fig,
        rect,
        view_style,
        legend,
        polygons,
        extent=extent,
        scale=scale,
        north_arrow=north_arrow,
        area_outline=area_outline,
    )
    fig.text(0.5, 1 - 0.018, title, ha="center", va="top", fontproperties=font(13 * scale, "bold"), parse_math=False)
    footer_em = 0.976 * fig.get_figwidth() * 72 / (6 * scale)
    fig.text(
        0.012,
        0.012,
        "\n".join(wrap(bottom_line(source_line, legend.note), footer_em, max_lines=2)),
        ha="left",
        va="bottom",
        fontproperties=font(6 * scale),
        color="#444444",
        parse_math=False,
    )
    return fig


def figure(size: tuple[int, int], dpi: int) -> Figure:
    """A pyplot-free figure with an Agg canvas, ``size`` pixels at ``dpi``."""
    width, height = size
    if width <= 0 or height <= 0 or dpi <= 0:
        raise ValueError(f"size and dpi must be positive, got {size} at {dpi} dpi")
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure, title: str | None = None) -> bytes:
    """The figure as PNG; ``title`` is also written into the file's metadata (tEXt "Title")."""
    buffer = io.BytesIO()
    metadata = {"Software": "poverty-atlas"} | ({"Title": title} if title else {})
    fig.savefig(buffer, format="png", dpi=fig.dpi, facecolor="white", metadata=metadata)
    data = buffer.getvalue()
    if not data.startswith(PNG_SIGNATURE):
        raise RuntimeError("matplotlib did not return a PNG")
    return data
