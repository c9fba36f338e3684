"""One-page A4 PDF briefs of a county or a contiguous poor area, for planning meetings.

Each brief has a title, the key facts (:mod:`geo.county.profile` / :mod:`geo.areas`), a
locator map (the county or area highlighted in its province or area context, drawn by
:mod:`geo.static_map`), two or three key charts, the sources and the generation date.

The charts are the page's own plotly figures (:mod:`geo.county.charts`, :mod:`geo.charts`)
redrawn by matplotlib from their traces, rather than kaleido PNGs: the brief then has
vector charts that print sharply and whose text is searchable, one embedded CJK font
subset, no headless Chromium start (kaleido's first render alone takes ~6 s here) and no
dependency on Chromium at all. The data and styling (colours, dashes, exit-year marker)
come from the same figures, so the brief shows what the page shows. The translator
handles the trace types those figures use (scatter lines/markers, bars stacked or
single, boxes) and refuses others.

Fonts: ``pdf.fonttype`` 3 embeds the glyphs used from Noto Sans CJK SC as a subset with a
ToUnicode map (text extraction and search work). Type 42 would embed the font program
itself, but fontTools then parses the whole 65k-glyph CFF font: ~4 s per page instead of
~0.3 s.

No pyplot: one ``Figure`` per brief. Matplotlib's rcParams are global, so a lock keeps
two briefs from changing them at once (the text font of tick labels is taken from them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
from collections.abc import Sequence

import matplotlib
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from geo import areas, boundaries, charts, data
from geo.choropleth import NO_CLASS, ChoroplethStyle, encode_selection
from geo.county.charts import CountyChart, county_charts
from geo.county.locator import locator_style
from geo.county.peers import county_series, peer_groups
from geo.county.profile import build_profile, header_facts
from geo.maps import BOUNDARY_NOTE, EXIT_YEAR_COLORS, LegendItem, LegendSpec
from geo.overview import AtlasData
from geo.static_map import MAINLAND_SOUTH, cjk_family, draw_map, figure, font, plain, text_width, wrap

A4_INCHES = (8.27, 11.69)
PDF_DPI = 72  # vector output: the dpi only sizes the (unused) raster parts
MARGIN = 0.06  # of the page width, left and right
ATLAS_NAME = "脱贫攻坚地图"
NO_DATA = "暂无数据"
PAGE_CHARTS = 3
COUNTY_CHART_ORDER = ("income", "population", "gdp", "structure")
OTHER_PROVINCES_COLOR = "#f7f7f7"

#: Where the facts come from (the data files and their upstreams, see data/SOURCES.md).
SOURCE_LIST832 = (
    "国家贫困县名单、摘帽年份、三区三州：data/counties.csv（Clebeech/ds_project 整理的832县名单与历年摘帽名单，"
    "经 yescallop/areacodes 区划代码校正）"
)
SOURCE_AREAS = "集中连片特困地区归属：公开网页与文献整理（逐县归属依据：来源明确列出 / 由来源推得 / 暂无来源核实）"
SOURCE_PAIRINGS = (
    "东西部扶贫协作结对：data/pairings.csv（2016年中办国办《关于进一步加强东西部扶贫协作工作的指导意见》及新闻报道）"
)
SOURCE_SITES = "易地扶贫搬迁安置点：data/relocation_sites.csv（新闻报道，人数为来源原文口径）"
SOURCE_CENSUS = "第七次全国人口普查分县资料（leiii/census 整理，MIT）"
SOURCE_INCOME = "县域统计面板（Clebeech/ds_project 整理，原始出处未注明）"
SOURCE_NOTE = "各文件来源、口径与已知缺口详见 data/SOURCES.md"

_render_lock = threading.Lock()

_DASHES = {None: "-", "solid": "-", "dash": (0, (5, 3)), "dot": (0, (1, 2)), "dashdot": (0, (5, 2, 1, 2))}
_MARKERS = {None: "o", "circle": "o", "diamond": "D", "square": "s", "triangle-up": "^"}


# ---------------------------------------------------------------------------- page layout


@dataclasses.dataclass
class _Page:
    """Places text on the page in figure fractions, top down."""

    fig: Figure

    @property
    def height_pt(self) -> float:
        return self.fig.get_figheight() * 72

    @property
    def width_pt(self) -> float:
        return self.fig.get_figwidth() * 72

    def line_height(self, size: float, leading: float = 1.45) -> float:
        return size * leading / self.height_pt

    def em_width(self, width: float, size: float) -> float:
        """How many ems of ``size`` points fit in ``width`` (figure fraction)."""
        return width * self.width_pt / size

    def lines(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        size: float,
        *,
        weight: str = "normal",
        color: str = "#222222",
        max_lines: int | None = None,
    ) -> float:
        """Write wrapped ``text`` with its top at ``y``; returns the y below it."""
        step = self.line_height(size)
        for line in wrap(text, self.em_width(width, size), max_lines):
            self.fig.text(
                x, y, line, ha="left", va="top", fontproperties=font(size, weight), color=color, parse_math=False
            )
            y -= step
        return y

    def facts(self, x: float, y: float, width: float, rows: Sequence[tuple[str, str]], size: float = 8.0) -> float:
        """Label / value rows: the label in bold on the left, the value wrapped beside it."""
        label_width = max(text_width(label) for label, _ in rows) * size / self.width_pt + 0.012
        for label, value in rows:
            self.fig.text(
                x, y, label, ha="left", va="top", fontproperties=font(size, "bold"), color="#444444", parse_math=False
            )
            y = self.lines(x + label_width, y, width - label_width, value, size, max_lines=3) - 0.003
        return y

    def rule(self, y: float, x0: float = MARGIN, x1: float = 1 - MARGIN) -> None:
        self.fig.add_artist(Line2D([x0, x1], [y, y], color="#b3261e", linewidth=1.2))


# ---------------------------------------------------------------------------- plotly -> matplotlib


def _values(seq: object) -> np.ndarray:
    return np.asarray(list(seq) if seq is not None else [])


def _is_numeric(values: np.ndarray) -> bool:
    return values.size > 0 and np.issubdtype(np.asarray(values).dtype, np.number)


def _number(value: float, _pos: object = None) -> str:
    return f"{value:,.6g}"


def draw_plotly(ax: Axes, fig: go.Figure, *, size: float = 6.5) -> list:
    """Redraw a plotly figure's traces on ``ax``; returns the legend handles.

    Supports what the atlas's charts use: ``scatter`` (lines, markers), ``bar`` (single,
    grouped or ``barmode="stack"``), ``box``, and vertical line shapes with their labels
    (the exit-year marker). Raises ``ValueError`` for any other trace type.
    """
    handles: list = []
    categories: dict[str, int] = {}
    stack: dict[object, float] = {}
    bars = [t for t in fig.data if t.type == "bar"]
    stacked = fig.layout.barmode == "stack"

    def position(xs: np.ndarray) -> np.ndarray:
        if _is_numeric(xs):
            return xs.astype(float)
        for x in xs:
            categories.setdefault(str(x), len(categories))
        return np.array([categories[str(x)] for x in xs], dtype=float)

    boxes = [t for t in fig.data if t.type == "box"]
    if boxes:
        data_ = [pd.Series(_values(t.y)).dropna().to_numpy(float) for t in boxes]
        plot = ax.boxplot(data_, widths=0.5, patch_artist=True, showfliers=True, flierprops={"markersize": 2})
        for patch, trace in zip(plot["boxes"], boxes, strict=True):
            patch.set_facecolor(trace.marker.color or "#2c7fb8")
            patch.set_alpha(0.55)
        for median in plot["medians"]:
            median.set_color("#222222")
        ax.set_xticks(range(1, len(boxes) + 1), [plain(t.name or "") for t in boxes])
    for index, trace in enumerate(fig.data):
        if trace.type == "box":
            continue
        if trace.type not in ("scatter", "bar"):
            raise ValueError(f"cannot redraw a plotly {trace.type!r} trace")
        xs, ys = _values(trace.x), pd.to_numeric(pd.Series(_values(trace.y)), errors="coerce").to_numpy(float)
        label = plain(trace.name or "")
        if trace.type == "scatter":
            mode = trace.mode or "lines+markers"
            color = trace.line.color or trace.marker.color or f"C{index}"
            style = {
                "color": color,
                "linestyle": _DASHES.get(trace.line.dash, "-") if "lines" in mode else "none",
                "linewidth": (trace.line.width or 2) * 0.55,
                "marker": _MARKERS.get(trace.marker.symbol, "o") if "markers" in mode else None,
                "markersize": min((trace.marker.size or 6) * 0.45, 4.5),
                "markerfacecolor": trace.marker.color or color,
                "markeredgewidth": 0,
            }
            (line,) = ax.plot(position(xs), ys, label=label, **style)
            handles.append(line)
        elif trace.type == "bar":
            x = position(xs)
            color = trace.marker.color or f"C{index}"
            edge = trace.marker.line.color if trace.marker.line and trace.marker.line.color else "none"
            if stacked:
                bottom = np.array([stack.get(k, 0.0) for k in x])
                container = ax.bar(
                    x,
                    np.nan_to_num(ys),
                    bottom=bottom,
                    color=color,
                    edgecolor=edge,
                    linewidth=0.3,
                    width=0.7,
                    label=label,
                )
                for k, v in zip(x, np.nan_to_num(ys), strict=True):
                    stack[k] = stack.get(k, 0.0) + v
            else:
                n, i = len(bars), bars.index(trace)
                width = 0.7 / n
                container = ax.bar(
                    x + (i - (n - 1) / 2) * width,
                    ys,
                    width=width,
                    color=color,
                    edgecolor=edge,
                    linewidth=0.3,
                    label=label,
                )
            handles.append(container)
    if categories:
        names = sorted(categories, key=categories.get)
        ax.set_xticks(
            range(len(names)),
            [plain(n) for n in names],
            rotation=30 if len(names) > 4 else 0,
            ha="right" if len(names) > 4 else "center",
        )
    elif not boxes:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    _shapes(ax, fig, size)
    ax.yaxis.set_major_formatter(FuncFormatter(_number))
    title = fig.layout.yaxis.title.text if fig.layout.yaxis and fig.layout.yaxis.title else None
    if title:
        ax.set_ylabel(plain(title), fontproperties=font(size))
    if fig.layout.yaxis.rangemode == "tozero" or any(t.type == "bar" for t in fig.data):
        ax.set_ylim(bottom=0)
    ax.tick_params(labelsize=size, length=2, pad=1.5)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.5)
    ax.set_axisbelow(True)
    return handles


def _shapes(ax: Axes, fig: go.Figure, size: float) -> None:
    """Vertical lines (``add_vline``) and the annotations placed on them."""
    for shape in fig.layout.shapes or ():
        if shape.type == "line" and shape.x0 is not None and shape.x0 == shape.x1 and shape.xref in (None, "x"):
            ax.axvline(
                float(shape.x0),
                color=shape.line.color or "#b3261e",
                linestyle=_DASHES.get(shape.line.dash, "-"),
                linewidth=(shape.line.width or 1) * 0.7,
            )
    for note in fig.layout.annotations or ():
        if note.xref in (None, "x") and note.yref == "y domain" and note.x is not None:
            ax.text(
                float(note.x),
                0.98,
                plain(note.text or ""),
                transform=ax.get_xaxis_transform(),
                ha=note.xanchor if note.xanchor in ("left", "right") else "center",
                va="top",
                color=(note.font.color if note.font else None) or "#b3261e",
                fontproperties=font(size),
            )


@dataclasses.dataclass(frozen=True)
class BriefChart:
    """A chart for the page: its title, the figure (None: no data) and the line printed under it."""

    title: str
    figure: go.Figure | None
    note: str
    source: str


def _chart_box(page: _Page, rect: tuple[float, float, float, float], chart: BriefChart) -> None:
    """Title, axes (or "暂无数据"), legend and the note, bottom up inside ``rect`` (x, y, w, h)."""
    x, y, w, h = rect
    fig = page.fig
    fig.text(x, y + h, plain(chart.title), ha="left", va="top", fontproperties=font(9, "bold"), parse_math=False)
    note_size, legend_size = 6.0, 6.0
    note_lines = len(wrap(chart.note, page.em_width(w, note_size), 2))
    note_h = note_lines * page.line_height(note_size)
    page.lines(x, y + note_h, w, chart.note, note_size, color="#666666", max_lines=2)
    if chart.figure is None:
        fig.text(
            x + w / 2,
            y + h / 2,
            f"{chart.title}：{NO_DATA}",
            ha="center",
            va="center",
            fontproperties=font(8),
            color="#777777",
            parse_math=False,
        )
        return
    entries = [t.name for t in chart.figure.data if t.type != "box" and t.name and t.showlegend is not False]
    legend_h, ncol = 0.0, 1
    if len(entries) > 1:
        widest = max(text_width(e) for e in entries) + 3.5  # handle and spacing, in ems
        ncol = max(1, min(len(entries), int(page.em_width(w, legend_size) // widest)))
        legend_h = -(-len(entries) // ncol) * page.line_height(legend_size, 1.6)
    categories = [t for t in chart.figure.data if t.type == "bar" and not _is_numeric(_values(t.x))]
    rotated = any(len(_values(t.x)) > 4 for t in categories)
    tick_h = page.line_height(6.5, 1.4) * (2.6 if rotated else 1.0) + 0.004
    bottom = y + note_h + legend_h + tick_h + 0.006
    top = y + h - 0.024
    ax = fig.add_axes((x + 0.045, bottom, w - 0.05, top - bottom))
    handles = draw_plotly(ax, chart.figure)
    if legend_h:
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(x, y + note_h + legend_h + 0.003),
            bbox_transform=fig.transFigure,
            ncol=ncol,
            frameon=False,
            prop=font(legend_size),
            handlelength=2.2,
            columnspacing=1.2,
            borderaxespad=0,
            borderpad=0,
        )


# ---------------------------------------------------------------------------- page


def _footer(page: _Page, sources: Sequence[str], generated: dt.date, y: float) -> None:
    """The sources (deduplicated, in order), then the generation date and boundary note."""
    x, width = MARGIN, 1 - 2 * MARGIN
    page.rule(y + 0.006)
    page.fig.text(x, y, "来源", ha="left", va="top", fontproperties=font(8, "bold"), parse_math=False)
    y -= page.line_height(8)
    for number, source in enumerate(dict.fromkeys(s for s in sources if s), start=1):
        y = page.lines(x, y, width, f"{number}. {source}", 6.2, color="#333333", max_lines=2)
    page.fig.text(
        x,
        0.018,
        f"生成日期：{generated.isoformat()} · {ATLAS_NAME} · {BOUNDARY_NOTE}",
        ha="left",
        va="bottom",
        fontproperties=font(6.2),
        color="#666666",
        parse_math=False,
    )


def _header(page: _Page, title: str, subtitle: str) -> float:
    page.fig.text(MARGIN, 0.972, title, ha="left", va="top", fontproperties=font(17, "bold"), parse_math=False)
    page.fig.text(
        MARGIN, 0.940, subtitle, ha="left", va="top", fontproperties=font(9), color="#555555", parse_math=False
    )
    page.rule(0.922)
    return 0.910


@dataclasses.dataclass(frozen=True)
class BriefContent:
    """Everything on one brief page (kept separate from drawing, for tests and reuse)."""

    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    map_style: ChoroplethStyle
    map_legend: LegendSpec
    map_title: str
    area_outline: tuple[str, ...]
    charts: tuple[BriefChart, ...]
    sources: tuple[str, ...]


def render_pdf(content: BriefContent, generated: dt.date | None = None, *, fmt: str = "pdf", dpi: int = 150) -> bytes:
    """The brief as a one-page A4 PDF (CJK glyph subset embedded); ``fmt="png"`` gives a preview image."""
    generated = generated or dt.date.today()
    rc = {"font.family": [cjk_family()], "font.size": 7, "pdf.fonttype": 3, "axes.linewidth": 0.6}
    with _render_lock, matplotlib.rc_context(rc):
        fig = figure((round(A4_INCHES[0] * PDF_DPI), round(A4_INCHES[1] * PDF_DPI)), PDF_DPI)
        fig.set_size_inches(*A4_INCHES)
        page = _Page(fig)
        top = _header(page, content.title, content.subtitle)
        # facts on the left, the map on the right
        page.fig.text(MARGIN, top, "基本情况", ha="left", va="top", fontproperties=font(10, "bold"), parse_math=False)
        page.facts(MARGIN, top - 0.024, 0.43, content.facts)
        map_x, map_w = 0.52, 1 - MARGIN - 0.52
        page.fig.text(
            map_x, top, content.map_title, ha="left", va="top", fontproperties=font(10, "bold"), parse_math=False
        )
        rows = -(-len(content.map_legend.items) // 3)
        legend_h = 0.012 * rows + 0.008
        map_bottom = 0.585 + legend_h
        draw_map(
            fig,
            (map_x, map_bottom, map_w, top - 0.024 - map_bottom),
            content.map_style,
            content.map_legend,
            extent=content.map_style.fit,
            scale=0.75,
            north_arrow=True,
            area_outline=content.area_outline,
            legend_placement={"loc": "upper center", "bbox_to_anchor": (0.5, -0.008), "ncol": 3, "title": None},
        )
        # charts: the first across the page, up to two more side by side
        chart_top = 0.565
        footer_y = 0.125
        first, rest = content.charts[:1], content.charts[1:PAGE_CHARTS]
        middle = (chart_top + footer_y) / 2 + 0.01
        if first:
            _chart_box(page, (MARGIN, middle, 1 - 2 * MARGIN, chart_top - middle), first[0])
        width = (1 - 2 * MARGIN - 0.04) / max(len(rest), 1)
        for i, chart in enumerate(rest):
            _chart_box(page, (MARGIN + i * (width + 0.04), footer_y + 0.015, width, middle - footer_y - 0.025), chart)
        _footer(page, content.sources, generated, footer_y)
        buffer = io.BytesIO()
        metadata = {"Title": content.title, "Creator": ATLAS_NAME, "Subject": content.subtitle}
        if fmt == "pdf":
            fig.savefig(buffer, format="pdf", metadata=metadata)
        else:
            fig.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- county


def _fit(rows: pd.DataFrame, pad: float) -> list[list[float]]:
    return [
        [round(float(rows["miny"].min()) - pad, 3), round(float(rows["minx"].min()) - pad, 3)],
        [round(float(rows["maxy"].max()) + pad, 3), round(float(rows["maxx"].max()) + pad, 3)],
    ]


def _union_fit(a: list[list[float]], b: list[list[float]] | None) -> list[list[float]]:
    if b is None:
        return a
    return [[min(a[0][0], b[0][0]), min(a[0][1], b[0][1])], [max(a[1][0], b[1][0]), max(a[1][1], b[1][1])]]


def county_neighbours(adcode: str) -> tuple[str, ...]:
    """Codes of the counties whose (national-level) polygons touch ``adcode``'s."""
    polygons = boundaries.counties("national")
    match = polygons.index[polygons["adcode"] == adcode]
    if match.empty:
        return ()
    hits = polygons.sindex.query(polygons.geometry.loc[match[0]], predicate="intersects")
    return tuple(code for code in polygons["adcode"].to_numpy()[hits] if code != adcode)


def _latest(stats: pd.DataFrame, adcode: str, indicator: str) -> tuple[int, float] | None:
    series = county_series(stats, adcode, indicator).dropna()
    return (int(series.index[-1]), float(series.iloc[-1])) if not series.empty else None


def county_content(
    adcode: str,
    atlas: AtlasData,
    *,
    pairings: pd.DataFrame | None = None,
    sites: pd.DataFrame | None = None,
    neighbours: Sequence[str] | None = None,
) -> BriefContent:
    """What the county brief shows; ``KeyError`` for a code without a county polygon."""
    pairings = data.pairings() if pairings is None else pairings
    sites = data.relocation_sites() if sites is None else sites
    profile = build_profile(adcode, atlas.polygons, atlas.poverty, pairings, sites)
    if profile is None:
        raise KeyError(f"no county polygon has the code {adcode!r}")
    facts = header_facts(profile)
    rows = [(label, value) for label, value in facts.items() if label not in ("区划代码", "省份", "地市")]
    census = _latest(atlas.stats, adcode, "census_population")
    rows.append(("常住人口", f"{census[1] / 1e4:,.2f} 万人（{census[0]}年人口普查）" if census else NO_DATA))
    income = _latest(atlas.stats, adcode, "rural_disposable_income")
    rows.append(("农村居民人均可支配收入", f"{income[1]:,.0f} 元（{income[0]}年）" if income else NO_DATA))
    links = [link.text for link in profile.pairings]
    more = f"等{len(links)}项" if len(links) > 2 else ""
    rows.append(
        (
            "东西部协作结对",
            "；".join(links[:2]) + more if links else f"本县、所在地市和省份均未出现在结对名单中：{NO_DATA}",
        )
    )
    if profile.sites:
        names = "、".join(f"{s.name}（{s.people}）" for s in profile.sites[:2])
        rows.append(("易地搬迁安置点", f"{len(profile.sites)}个：{names}" + ("等" if len(profile.sites) > 2 else "")))
    else:
        rows.append(("易地搬迁安置点", f"县内已命名的安置点：{NO_DATA}"))

    near = tuple(neighbours) if neighbours is not None else county_neighbours(adcode)
    style, legend = locator_style(adcode, atlas.attrs, atlas.polygons, near)
    places = atlas.polygons
    province = places[(places["adcode"].str[:2] == adcode[:2]) & (places["miny"] > MAINLAND_SOUTH)]
    fit = _union_fit(_fit(province, 0.2), style.fit) if not province.empty else style.fit
    style = dataclasses.replace(style, fit=fit)

    groups = peer_groups(adcode, atlas.poverty, atlas.polygons)
    made = {
        c.key: c for c in county_charts(adcode, profile.name, profile.exit_year, atlas.stats, groups, atlas.indicators)
    }
    chosen = [made[k] for k in COUNTY_CHART_ORDER if k in made and made[k].figure is not None][:PAGE_CHARTS]
    if len(chosen) < PAGE_CHARTS:  # say which charts have no data rather than leave a gap
        chosen += [made[k] for k in COUNTY_CHART_ORDER if k in made and made[k].figure is None][
            : PAGE_CHARTS - len(chosen)
        ]
    brief_charts = tuple(_county_chart(c) for c in chosen)

    sources = [SOURCE_LIST832]
    if profile.contiguous_area:
        sources.append(SOURCE_AREAS)
    sources += [c.source for c in chosen if c.figure is not None]
    if census:
        sources.append(SOURCE_CENSUS)
    if income:
        sources.append(SOURCE_INCOME)
    if profile.pairings:
        sources.append(SOURCE_PAIRINGS)
    if profile.sites:
        sources.append(SOURCE_SITES)
    sources.append(SOURCE_NOTE)
    return BriefContent(
        title=f"县域简报 · {profile.name}",
        subtitle=f"{profile.province} · {profile.prefecture_label} · 区划代码 {profile.adcode}",
        facts=tuple(rows),
        map_style=style,
        map_legend=legend,
        map_title="位置",
        area_outline=(),
        charts=brief_charts,
        sources=tuple(dict.fromkeys(s for part in sources for s in part.split("；") if s)),
    )


def _county_chart(chart: CountyChart) -> BriefChart:
    note = "；".join([f"单位：{chart.unit}", *chart.notes])
    return BriefChart(chart.title, chart.figure, note, chart.source)


def county_brief_pdf(
    adcode: str,
    atlas: AtlasData,
    *,
    pairings: pd.DataFrame | None = None,
    sites: pd.DataFrame | None = None,
    neighbours: Sequence[str] | None = None,
    generated: dt.date | None = None,
) -> bytes:
    """One-page A4 PDF brief of the county drawn by polygon ``adcode``.

    ``pairings``/``sites`` default to :func:`geo.data.pairings` / ``relocation_sites``;
    ``neighbours`` (codes) are computed from the national polygons when not given.
    Raises ``KeyError`` for an unknown code.
    """
    content = county_content(adcode, atlas, pairings=pairings, sites=sites, neighbours=neighbours)
    return render_pdf(content, generated)


# ---------------------------------------------------------------------------- contiguous area

AREA_CLASSES_OTHER = (("#e9e9e9", "片区所在省份的其他县"), (OTHER_PROVINCES_COLOR, "其他省份"))


def area_style(area: str, atlas: AtlasData) -> tuple[ChoroplethStyle, LegendSpec, tuple[str, ...]]:
    """The area's member counties by exit year, the rest of its provinces and the country around.

    Returns the style (fitted to the members), its legend and the member polygon codes.
    """
    listed = areas.members(area, atlas.poverty)
    members = dict(zip(listed["polygon_adcode"], listed["exit_year"], strict=True))
    provinces = {code[:2] for code in members}
    years = sorted(EXIT_YEAR_COLORS)
    colors = (*(EXIT_YEAR_COLORS[y] for y in years), *(c for c, _ in AREA_CLASSES_OTHER))
    classes = []
    for code in atlas.attrs.order:
        if code in members:
            year = members[code]
            classes.append(str(years.index(int(year))) if pd.notna(year) and int(year) in years else NO_CLASS)
        else:
            classes.append(str(len(years) + (0 if code[:2] in provinces else 1)))
    rows = atlas.polygons[atlas.polygons["adcode"].isin(members)]
    style = ChoroplethStyle(
        indicator="摘帽年份",
        classes="".join(classes),
        colors=colors,
        values=tuple("" for _ in classes),
        selection=encode_selection(atlas.attrs.order, set(atlas.attrs.order)),
        fit=_fit(rows, 0.6) if not rows.empty else None,
    )
    present = set(classes)
    items = [LegendItem(EXIT_YEAR_COLORS[y], f"{y}年摘帽") for i, y in enumerate(years) if str(i) in present]
    items += [LegendItem(c, label) for c, label in AREA_CLASSES_OTHER]
    legend = LegendSpec("片区县摘帽年份", tuple(items), note=BOUNDARY_NOTE)
    return style, legend, tuple(members)


def area_content(area: str, atlas: AtlasData, *, catalogue: pd.DataFrame | None = None) -> BriefContent:
    """What the area brief shows; ``KeyError`` for an unknown area."""
    catalogue = data.contiguous_areas() if catalogue is None else catalogue
    if area not in set(catalogue["area"]):
        raise KeyError(f"unknown contiguous area {area!r}")
    summary = areas.summary(area, atlas.poverty, catalogue, atlas.stats)
    by_province = areas.counties_by_province(area, atlas.poverty)
    exits = by_province.drop(columns="合计").sum()
    exit_text = "，".join(f"{year}年{int(n)}个" for year, n in exits.items() if n) or NO_DATA
    evidence = "，".join(f"{label}{n}个" for label, n in summary.evidence.items()) or NO_DATA
    population = (
        f"{summary.population / 1e4:,.0f} 万人（2020年人口普查"
        + (f"；{summary.population_missing}个县无数据）" if summary.population_missing else "）")
        if summary.population is not None
        else NO_DATA
    )
    source_row = catalogue.set_index("area").loc[area]
    facts = (
        ("类型", summary.type),
        ("涉及省份", summary.provinces),
        ("片区县数", f"本数据{summary.counties}个（官方县数：{summary.official_count}）"),
        ("各年摘帽", exit_text),
        ("归属依据", evidence),
        ("常住人口", population),
        ("各省县数", "，".join(f"{p}{int(n)}个" for p, n in by_province["合计"].items())),
    )
    style, legend, members = area_style(area, atlas)
    year, incomes = areas.income_comparison(area, atlas.poverty, atlas.stats)
    brief_charts = [
        BriefChart(
            "各省片区县数（按摘帽年份）",
            charts.exits_by_province(by_province, ""),
            "单位：县；按省份统计本片区国家贫困县及其摘帽年份",
            SOURCE_LIST832,
        ),
        BriefChart(
            f"农村居民人均可支配收入分布（{year}年）" if year else "农村居民人均可支配收入分布",
            charts.income_boxes(incomes, year) if year else None,
            "单位：元；本片区各县与832个国家贫困县对比（箱线：四分位数与中位数）",
            SOURCE_INCOME,
        ),
    ]
    sources = [SOURCE_LIST832, SOURCE_AREAS]
    if str(source_row.get("official_county_count", "")).strip():
        sources.append(f"片区官方县数：{source_row['source']}")
    if summary.population is not None:
        sources.append(SOURCE_CENSUS)
    if year:
        sources.append(SOURCE_INCOME)
    sources.append(SOURCE_NOTE)
    return BriefContent(
        title=f"片区简报 · {area}",
        subtitle=f"{summary.type} · {summary.provinces} · {summary.counties}个国家贫困县",
        facts=facts,
        map_style=style,
        map_legend=legend,
        map_title="片区范围（紫色虚线）",
        area_outline=members,
        charts=tuple(brief_charts),
        sources=tuple(dict.fromkeys(sources)),
    )


def area_brief_pdf(
    area: str,
    atlas: AtlasData,
    *,
    catalogue: pd.DataFrame | None = None,
    generated: dt.date | None = None,
) -> bytes:
    """One-page A4 PDF brief of a contiguous poor area (``catalogue``: :func:`geo.data.contiguous_areas`).

    Raises ``KeyError`` for an unknown area.
    """
    return render_pdf(area_content(area, atlas, catalogue=catalogue), generated)
