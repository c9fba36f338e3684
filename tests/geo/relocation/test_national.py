"""National relocation figures: from the data file, with their sources."""

from __future__ import annotations

from geo.relocation.national import national_caption, national_figures


def test_national_plan_and_completed_come_from_the_data_with_sources(totals) -> None:
    national = national_figures(totals)
    assert national["plan"].value == 981 and national["plan"].text == "约981万人" and national["plan"].year == 2016
    assert national["completed"].value == 960 and national["completed"].text == "960多万人"
    assert all(f.source for f in national.values())
    caption = national_caption(national)
    assert "981" in caption and "960" in caption and "http" not in caption
