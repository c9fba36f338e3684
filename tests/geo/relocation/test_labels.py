"""Relocation labels: what a people figure is, placement, sources without URLs."""

from __future__ import annotations

import math

import pytest

from geo.relocation.labels import PLACEMENT_KEYS, QUALIFIER_KEYS, people_label, source_label


@pytest.mark.parametrize(
    ("people", "qualifier", "label"),
    [
        (29_000, "approx", "2.9万人（约数）"),
        (29_000, "", "2.9万人"),
        (35_585, "", "35,585人"),
        (18_000, "lower_bound", "1.8万人（下限：原文为“超过/多”）"),
        (8_000, "capacity", "8,000人（设计容量，非实际入住）"),
        (230_000, "cumulative", "23万人（多年累计）"),
        (None, "approx", "人数暂无"),
        (math.nan, "", "人数暂无"),
    ],
)
def test_people_labels_say_what_the_figure_is(people, qualifier, label) -> None:
    assert people_label(people, qualifier) == label


def test_every_qualifier_in_the_data_has_a_label(sites) -> None:
    assert set(sites["people_qualifier"]) <= {"", *QUALIFIER_KEYS}
    assert set(sites["location_precision"]) <= set(PLACEMENT_KEYS)


def test_source_labels_keep_the_outlet_and_host_without_the_url() -> None:
    source = "https://a.example.com/x?y=1 (新华社 2020-03-17); http://b.example.org/z"
    assert source_label(source) == "新华社 2020-03-17（a.example.com）；b.example.org"
    assert source_label("seed ../shared/seeds/004.txt line 1581") == "seed ../shared/seeds/004.txt line 1581"
