"""The province chart: kinds as traces, national figures as context, sources."""

from __future__ import annotations

from geo.relocation.chart import chart_caption, province_chart
from geo.relocation.national import national_figures
from geo.relocation.totals import kind_label, province_totals


def test_province_chart_labels_kinds_and_national_context(totals) -> None:
    table = province_totals(totals)
    fig = province_chart(table, national_figures(totals))
    names = [trace.name for trace in fig.data]
    assert names == [kind_label(k) for k in ("completed", "progress", "plan")]
    annotation = fig.layout.annotations[0].text
    assert "约981万人" in annotation and "960多万人" in annotation
    assert fig.layout.font.family.startswith("Noto Sans CJK SC")
    assert list(fig.layout.yaxis.categoryarray)[-1] == "贵州省"  # largest on top, whatever its kind
    assert "来源" in chart_caption(table)
