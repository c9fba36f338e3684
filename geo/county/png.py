"""PNG export of plotly figures with kaleido and the system Chromium, offline.

Kaleido 1.x drives a Chrome; it would download one, which cannot work here, so it is
pointed at Debian's ``/usr/bin/chromium`` via ``BROWSER_PATH`` (choreographer reads it).
CJK glyphs come from ``fonts-noto-cjk`` (the figures name "Noto Sans CJK SC" first).
The page template loads plotly.js from the installed plotly package and no MathJax, so
an export makes no network request. Renders are cached per key (county + chart).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path

import plotly.graph_objects as go

CHROMIUM = "/usr/bin/chromium"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH = 1000
SCALE = 2
CACHE_SIZE = 64

_lock = threading.Lock()
_cache: OrderedDict[Hashable, bytes] = OrderedDict()


class ExportUnavailableError(RuntimeError):
    """No Chromium to render with."""


def browser_path() -> str | None:
    """The Chromium kaleido will use: ``BROWSER_PATH`` if set, else Debian's, else None."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and Path(configured).exists():
        return configured
    return CHROMIUM if Path(CHROMIUM).exists() else None


def available() -> bool:
    return browser_path() is not None


def _printable(fig: go.Figure) -> go.Figure:
    """A copy on white paper (the page's transparent background turns black in some viewers)."""
    out = go.Figure(fig)
    out.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    return out


def render_png(fig: go.Figure, width: int = WIDTH, scale: int = SCALE) -> bytes:
    """PNG bytes of ``fig`` rendered by kaleido in the system Chromium (blocking, ~2 s)."""
    path = browser_path()
    if path is None:
        raise ExportUnavailableError(f"PNG export needs Chromium at {CHROMIUM} (or BROWSER_PATH)")
    os.environ.setdefault("BROWSER_PATH", path)
    import kaleido  # imported on demand: it is only needed for an export

    height = int(fig.layout.height or 400)
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    page = kaleido.PageGenerator(mathjax=False)  # default MathJax is a CDN URL
    data = kaleido.calc_fig_sync(_printable(fig), opts=opts, kopts={"page_generator": page})
    if not isinstance(data, bytes) or not data.startswith(PNG_SIGNATURE):
        raise RuntimeError("kaleido did not return a PNG")
    return data


def cached_png(key: Hashable, fig: go.Figure) -> bytes:
    """``render_png(fig)``, rendered once per ``key`` (e.g. ``(adcode, chart)``), LRU-bounded.

    Thread-safe: Streamlit runs a download button's callable outside the script thread.
    """
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        data = render_png(fig)
        _cache[key] = data
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return data
