"""PNG export through kaleido and the system Chromium (one real render, ~2–4 s)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from geo.charts import LAYOUT
from geo.county import png

pytestmark = pytest.mark.skipif(not png.available(), reason="PNG export needs /usr/bin/chromium")


def test_a_chinese_figure_renders_to_png_once_per_key() -> None:
    fig = go.Figure(go.Bar(x=["阜平县", "河北省国家贫困县中位数"], y=[10829, 11000]))
    fig.update_layout(**LAYOUT, title="农村居民人均可支配收入", height=300)
    first = png.cached_png(("test", "income"), fig)
    assert first.startswith(png.PNG_SIGNATURE) and len(first) > 1000
    width = int.from_bytes(first[16:20], "big")
    assert width == png.WIDTH * png.SCALE
    again = png.cached_png(("test", "income"), go.Figure())  # same key: no second render
    assert again is first


def test_without_chromium_the_export_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(png, "browser_path", lambda: None)
    assert not png.available()
    with pytest.raises(png.ExportUnavailableError):
        png.render_png(go.Figure())
