"""Site markers: the sqrt scale, approximate placement drawn dashed, escaped popups."""

from __future__ import annotations

import math

import pytest

from geo.relocation.labels import is_approximate
from geo.relocation.markers import (
    COLOR_KNOWN,
    COLOR_UNKNOWN,
    DASH_COUNTY,
    DASH_PREFECTURE,
    R_MAX,
    R_MIN,
    R_UNKNOWN,
    radius,
    site_markers,
)

SITES = 45


def test_radius_grows_with_people_on_a_sqrt_scale() -> None:
    people = [1, 100, 1_000, 10_000, 50_000, 230_000]
    radii = [radius(p, 230_000) for p in people]
    assert radii == sorted(radii) and len(set(radii)) == len(radii)
    assert radii[-1] == R_MAX
    assert R_MIN <= radii[0] < R_MIN + 0.1
    # area ∝ people: four times the people, twice the radius above the minimum
    small, large = (radius(p, 100_000) - R_MIN for p in (10_000, 40_000))
    assert large == pytest.approx(2 * small, abs=0.02)
    assert radius(10**7, 100) == R_MAX  # capped


@pytest.mark.parametrize("people", [None, math.nan, 0])
def test_sites_without_a_figure_get_a_small_fixed_radius(people) -> None:
    assert radius(people, 230_000) == R_UNKNOWN < R_MIN


def test_approximate_placement_is_flagged_drawn_dashed_and_labelled(sites) -> None:
    assert not is_approximate("exact")
    assert is_approximate("county") and is_approximate("prefecture")
    assert sites["approximate"].all()  # no source gives coordinates
    markers = site_markers(sites, float(sites["people"].max()))
    assert len(markers) == SITES
    assert all(m.dash_array for m in markers)
    tongren = next(m for m in markers if m.site_id == "RS04")
    assert tongren.dash_array == DASH_PREFECTURE
    assert "位置为地市代表点（近似" in tongren.popup
    first = next(m for m in markers if m.site_id == "RS01")
    assert "位置为县域代表点（近似）" in first.popup
    assert "柏杨林街道易地扶贫搬迁安置点" in first.popup and "七星关区" in first.popup
    assert "2.9万人" in first.popup and "2019年" in first.popup and "科技日报" in first.popup
    assert first.dash_array == DASH_COUNTY
    assert first.color == COLOR_KNOWN
    unknown = next(m for m in markers if m.site_id == "RS09")  # 黎平: no figures
    assert unknown.radius == R_UNKNOWN and unknown.color == COLOR_UNKNOWN
    assert "人数暂无" in unknown.popup and "户数暂无" in unknown.popup and "年份暂无" in unknown.popup


def test_popups_escape_html_and_carry_no_urls(sites) -> None:
    hostile = sites.iloc[[0]].assign(
        site_name="<script>alert(1)</script>`${x}`", figures_as_stated="<b>x</b>", source="javascript:alert(1)"
    )
    (marker,) = site_markers(hostile, 1000.0)
    for text in (marker.popup, marker.tooltip):
        assert "<script>" not in text and "`" not in text and "${" not in text
    assert "&lt;script&gt;" in marker.popup
    for marker in site_markers(sites, 1000.0):
        assert "http" not in marker.popup and "//" not in marker.popup
