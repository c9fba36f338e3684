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

Language: the brief is written in the current language (:func:`geo.i18n.t`; place names with
their pinyin in English). A download button renders it outside the script's thread, where the
language is the default: the caller passes the page's language in (``with use_language(lang)``).
The Chinese fonts stay, as place names stay Chinese.
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
from geo.county.charts import WAN_PEOPLE, YUAN, CountyChart, county_charts
from geo.county.locator import locator_style
from geo.county.peers import county_series, peer_groups
from geo.county.profile import FACT_KEYS, build_profile, fact_values
from geo.filters import EXIT_YEARS
from geo.i18n import current_language, number, place, t, unit
from geo.maps import EXIT_YEAR_COLORS, LegendItem, LegendSpec
from geo.overview import AtlasData
from geo.relocation.labels import PEOPLE
from geo.static_map import MAINLAND_SOUTH, cjk_family, draw_map, figure, font, plain, text_width, wrap

A4_INCHES = (8.27, 11.69)
PDF_DPI = 72  # vector output: the dpi only sizes the (unused) raster parts
MARGIN = 0.06  # of the page width, left and right
PAGE_CHARTS = 3
FACT_LABEL_SHARE = 0.36  # the facts' label column: at most this share of the facts' width
FOOTER_Y = 0.125  # top of the sources footer (lower edge of the charts), raised when the sources need it
SOURCE_SIZE = 6.2  # pt
COUNTY_CHART_ORDER = ("income", "population", "gdp", "structure")
OTHER_PROVINCES_COLOR = "#f7f7f7"

#: Where the facts come from (the data files and their upstreams, see data/SOURCES.md): catalogue keys.
SOURCE_KEYS = {
    "SOURCE_LIST832": "brief.source_list832",
    "SOURCE_AREAS": "brief.source_areas",
    "SOURCE_PAIRINGS": "brief.source_pairings",
    "SOURCE_SITES": "brief.source_sites",
    "SOURCE_CENSUS": "county.source_census2020",
    "SOURCE_INCOME": "county.source_clebeech",
    "SOURCE_NOTE": "brief.source_note",
}
#: The county facts the brief's subtitle already gives.
SUBTITLE_FACTS = ("adcode", "province", "prefecture")


def source(name: str) -> str:
    """A source line of the brief's footer (``SOURCE_KEYS``) in the current language."""
    return t(SOURCE_KEYS[name])


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
        """Label / value rows: the label in bold on the left, the value wrapped beside it.

        The label column is as wide as the longest label, at most :data:`FACT_LABEL_SHARE` of
        ``width``; longer labels (English ones) wrap onto a second line.
        """
        widest = max(text_width(label) for label, _ in rows) * size / self.width_pt
        label_width = min(widest, FACT_LABEL_SHARE * width) + 0.012
        for label, value in rows:
            below_label = self.lines(
                x, y, label_width - 0.006, label, size, weight="bold", color="#444444", max_lines=2
            )
            below_value = self.lines(x + label_width, y, width - label_width, value, size, max_lines=3)
            y = min(below_label, below_value) - 0.003
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
            t("county.label_no_data", label=chart.title, no_data=t("common.no_data")),
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


def _source_lines(sources: Sequence[str]) -> list[str]:
    return [f"{index}. {source}" for index, source in enumerate(dict.fromkeys(s for s in sources if s), start=1)]


def _footer_top(page: _Page, sources: Sequence[str]) -> float:
    """Where the footer starts: :data:`FOOTER_Y`, or higher when its source lines need the room."""
    width = page.em_width(1 - 2 * MARGIN, SOURCE_SIZE)
    lines = sum(len(wrap(line, width, 2)) for line in _source_lines(sources))
    needed = 0.03 + page.line_height(8) + lines * page.line_height(SOURCE_SIZE)
    return max(FOOTER_Y, needed)


def _footer(page: _Page, sources: Sequence[str], generated: dt.date, y: float) -> None:
    """The sources (deduplicated, in order), then the generation date and boundary note."""
    x, width = MARGIN, 1 - 2 * MARGIN
    page.rule(y + 0.006)
    page.fig.text(x, y, t("table.source"), ha="left", va="top", fontproperties=font(8, "bold"), parse_math=False)
    y -= page.line_height(8)
    for line in _source_lines(sources):
        y = page.lines(x, y, width, line, SOURCE_SIZE, color="#333333", max_lines=2)
    page.fig.text(
        x,
        0.018,
        t(
            "brief.generated",
            date=generated.isoformat(),
            atlas=t("app.title"),
            boundary_note=t("legend.boundary_note"),
        ),
        ha="left",
        va="bottom",
        fontproperties=font(6.2),
        color="#666666",
        parse_math=False,
    )


def _header(page: _Page, title: str, subtitle: str) -> float:
    page.fig.text(MARGIN, 0.972, title, ha="left", va="top", fontproperties=font(17, "bold"), parse_math=False)
    text = page.fig.text(
        MARGIN, 0.940, subtitle, ha="left", va="top", fontproperties=font(9), color="#555555", parse_math=False
    )
    # one line: a subtitle too wide for the page (English place names carry pinyin) is set smaller
    shown = text.get_window_extent(renderer=page.fig.canvas.get_renderer()).width / page.fig.bbox.width
    if shown > 1 - 2 * MARGIN:
        text.set_fontproperties(font(max(5.5, 0.95 * 9 * (1 - 2 * MARGIN) / shown)))  # 0.95: hinting at 72 dpi
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
        heading = t("brief.facts_heading")
        page.fig.text(MARGIN, top, heading, ha="left", va="top", fontproperties=font(10, "bold"), parse_math=False)
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
        footer_y = _footer_top(page, content.sources)
        first, rest = content.charts[:1], content.charts[1:PAGE_CHARTS]
        middle = (chart_top + footer_y) / 2 + 0.01
        if first:
            _chart_box(page, (MARGIN, middle, 1 - 2 * MARGIN, chart_top - middle), first[0])
        width = (1 - 2 * MARGIN - 0.04) / max(len(rest), 1)
        for i, chart in enumerate(rest):
            _chart_box(page, (MARGIN + i * (width + 0.04), footer_y + 0.015, width, middle - footer_y - 0.025), chart)
        _footer(page, content.sources, generated, footer_y)
        buffer = io.BytesIO()
        metadata = {"Title": content.title, "Creator": t("app.title"), "Subject": content.subtitle}
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
    no_data = t("common.no_data")
    rows = [(t(FACT_KEYS[fact]), value) for fact, value in fact_values(profile).items() if fact not in SUBTITLE_FACTS]
    census = _latest(atlas.stats, adcode, "census_population")
    if census:
        zh = current_language() == "zh"
        amount = f"{census[1] / 1e4:,.2f} {unit(WAN_PEOPLE)}" if zh else number(census[1], PEOPLE)
        rows.append((t("brief.resident_population"), t("brief.census_value", amount=amount, year=census[0])))
    else:
        rows.append((t("brief.resident_population"), no_data))
    income = _latest(atlas.stats, adcode, "rural_disposable_income")
    income_text = t("brief.year_value", amount=f"{income[1]:,.0f} {unit(YUAN)}", year=income[0]) if income else no_data
    rows.append((t("brief.rural_income"), income_text))
    links = [link.text for link in profile.pairings]
    more = t("brief.and_more", count=len(links)) if len(links) > 2 else ""
    rows.append(
        (
            t("brief.pairings"),
            t("common.clause_separator").join(links[:2]) + more if links else t("county.no_pairings", no_data=no_data),
        )
    )
    if profile.sites:
        names = t("common.list_separator").join(
            t("brief.site_item", name=s.name, people=s.people) for s in profile.sites[:2]
        )
        more = t("brief.sites_more") if len(profile.sites) > 2 else ""
        rows.append((t("brief.sites"), t("brief.sites_value", count=len(profile.sites), names=names, more=more)))
    else:
        rows.append((t("brief.sites"), t("county.no_sites", no_data=no_data)))

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

    separator = t("common.clause_separator")
    sources = [source("SOURCE_LIST832")]
    if profile.contiguous_area:
        sources.append(source("SOURCE_AREAS"))
    sources += [part for c in chosen if c.figure is not None for part in c.source.split(separator)]
    if census:
        sources.append(source("SOURCE_CENSUS"))
    if income:
        sources.append(source("SOURCE_INCOME"))
    if profile.pairings:
        sources.append(source("SOURCE_PAIRINGS"))
    if profile.sites:
        sources.append(source("SOURCE_SITES"))
    sources.append(source("SOURCE_NOTE"))
    return BriefContent(
        title=t("brief.county_title", name=place(profile.name)),
        subtitle=t(
            "county.subtitle",
            province=place(profile.province),
            prefecture=profile.prefecture_label,
            adcode=profile.adcode,
        ),
        facts=tuple(rows),
        map_style=style,
        map_legend=legend,
        map_title=t("county.location"),
        area_outline=(),
        charts=brief_charts,
        sources=tuple(dict.fromkeys(s for s in sources if s)),
    )


def _county_chart(chart: CountyChart) -> BriefChart:
    note = t("common.clause_separator").join([t("county.caption_unit", unit=chart.unit), *chart.notes])
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

#: The counties around the area: (colour, catalogue key of the legend label).
AREA_CLASSES_OTHER = (("#e9e9e9", "brief.area_other_counties"), (OTHER_PROVINCES_COLOR, "county.locator_other"))


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
        indicator=t("table.exit_year"),
        classes="".join(classes),
        colors=colors,
        values=tuple("" for _ in classes),
        selection=encode_selection(atlas.attrs.order, set(atlas.attrs.order)),
        fit=_fit(rows, 0.6) if not rows.empty else None,
    )
    present = set(classes)
    items = [
        LegendItem(EXIT_YEAR_COLORS[y], t("legend.exited_in", year=y)) for i, y in enumerate(years) if str(i) in present
    ]
    items += [LegendItem(c, t(key)) for c, key in AREA_CLASSES_OTHER]
    legend = LegendSpec(t("legend.area_exit_year_title"), tuple(items), note=t("legend.boundary_note"))
    return style, legend, tuple(members)


def area_content(area: str, atlas: AtlasData, *, catalogue: pd.DataFrame | None = None) -> BriefContent:
    """What the area brief shows (in the current language); ``KeyError`` for an unknown area."""
    catalogue = data.contiguous_areas() if catalogue is None else catalogue
    if area not in set(catalogue["area"]):
        raise KeyError(f"unknown contiguous area {area!r}")
    no_data = t("common.no_data")
    comma = t("brief.comma")
    summary = areas.summary(area, atlas.poverty, catalogue, atlas.stats)
    by_province = areas.counties_by_province(area, atlas.poverty)
    years = [c for c in by_province.columns if c in set(EXIT_YEARS)]
    exits = by_province[years].sum()
    exit_text = comma.join(t("brief.count_in_year", year=year, count=int(n)) for year, n in exits.items() if n)
    evidence = comma.join(t("brief.label_count", label=label, count=n) for label, n in summary.evidence.items())
    if summary.population is not None:
        if current_language() == "zh":
            amount = f"{summary.population / 1e4:,.0f} {unit(WAN_PEOPLE)}"
        else:
            amount = number(round(summary.population, -4), PEOPLE)
        missing = t("brief.population_missing", count=summary.population_missing) if summary.population_missing else ""
        population = t("brief.area_population", amount=amount, missing=missing)
    else:
        population = no_data
    source_row = catalogue.set_index("area").loc[area]
    per_province = by_province[years].sum(axis=1)
    facts = (
        (t("brief.area_type"), summary.type),
        (t("brief.area_provinces"), summary.provinces),
        (
            t("brief.area_counties"),
            t("brief.area_counties_value", count=summary.counties, official=summary.official_count),
        ),
        (t("brief.area_exits"), exit_text or no_data),
        (t("brief.area_evidence"), evidence or no_data),
        (t("brief.resident_population"), population),
        (
            t("brief.area_by_province"),
            comma.join(t("brief.label_count", label=place(p), count=int(n)) for p, n in per_province.items()),
        ),
    )
    style, legend, members = area_style(area, atlas)
    year, incomes = areas.income_comparison(area, atlas.poverty, atlas.stats)
    brief_charts = [
        BriefChart(
            t("brief.area_chart_exits"),
            charts.exits_by_province(by_province, ""),
            t("brief.area_chart_exits_note"),
            source("SOURCE_LIST832"),
        ),
        BriefChart(
            t("brief.area_chart_income_year", year=year) if year else t("brief.area_chart_income"),
            charts.income_boxes(incomes, year) if year else None,
            t("brief.area_chart_income_note"),
            source("SOURCE_INCOME"),
        ),
    ]
    sources = [source("SOURCE_LIST832"), source("SOURCE_AREAS")]
    if str(source_row.get("official_county_count", "")).strip():
        sources.append(t("brief.area_official_source", source=source_row["source"]))
    if summary.population is not None:
        sources.append(source("SOURCE_CENSUS"))
    if year:
        sources.append(source("SOURCE_INCOME"))
    sources.append(source("SOURCE_NOTE"))
    return BriefContent(
        title=t("brief.area_title", area=place(area)),
        subtitle=t("brief.area_subtitle", type=summary.type, provinces=summary.provinces, count=summary.counties),
        facts=facts,
        map_style=style,
        map_legend=legend,
        map_title=t("brief.area_map_title"),
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
