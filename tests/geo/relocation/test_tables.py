"""The relocation tables: the totals table marks what the chart uses."""

from __future__ import annotations

from geo.relocation.tables import totals_table
from geo.relocation.totals import people_totals, province_totals


def test_totals_table_marks_what_the_chart_uses(totals) -> None:
    rows = people_totals(totals, "province")
    chosen = province_totals(totals)
    table = totals_table(rows, chosen)
    used = table[table["用于图表"] == "是"]
    assert len(used) == chosen["relocated_wan"].notna().sum() + chosen["plan_wan"].notna().sum()
    assert "relocated (headline figure)" in set(table.loc[table["用于图表"] == "否", "指标（原文）"])
