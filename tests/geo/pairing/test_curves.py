"""Curved links: ends, the bulge to the right of travel, parallel links apart, arrowheads."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.pairing.curves import SEGMENTS, arrowhead, bezier, curves
from geo.pairing.endpoints import LonLat


def _cross(a: LonLat, b: LonLat, p: LonLat) -> float:
    """> 0 when p is left of the direction a → b, < 0 when right."""
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])


def test_bezier_starts_and_ends_at_the_ends() -> None:
    start, end = (121.47, 31.22), (101.49, 24.98)
    curve = bezier(start, end)
    assert curve[0] == start and curve[-1] == end
    assert len(curve) == SEGMENTS + 1
    assert len(bezier(start, end, segments=4)) == 5


def test_bezier_bulges_to_the_right_of_travel() -> None:
    shanghai, kunming = (121.47, 31.22), (102.71, 25.05)
    out = bezier(shanghai, kunming)
    back = bezier(kunming, shanghai)
    assert all(_cross(shanghai, kunming, p) < 0 for p in out[1:-1])  # right of the way west
    assert all(_cross(kunming, shanghai, p) < 0 for p in back[1:-1])  # and right of the way back
    # a westward link bulges north
    west = bezier((120.0, 30.0), (100.0, 30.0))
    assert all(p[1] > 30.0 for p in west[1:-1])
    # the bulge grows with bend; bend 0 is the straight chord
    middle = SEGMENTS // 2
    assert bezier((120.0, 30.0), (100.0, 30.0), bend=0.3)[middle][1] > west[middle][1]
    assert bezier((120.0, 30.0), (100.0, 30.0), bend=0.0)[middle][1] == pytest.approx(30.0)


def test_parallel_links_do_not_overlap() -> None:
    frame = pd.DataFrame(
        {
            "pair_id": ["a", "b", "c"],
            "helper_point": [(120.0, 30.0), (120.0, 30.0), (121.0, 31.0)],
            "recipient_point": [(100.0, 30.0), (100.0, 30.0), (101.0, 31.0)],
        }
    )
    paths = curves(frame)
    mid = SEGMENTS // 2
    assert paths["a"][mid] != paths["b"][mid]  # same ends: spread apart
    assert paths["b"][mid][1] > paths["a"][mid][1]  # on the same side, further out
    # nearby parallel links bend the same way (both north), so they do not cross
    assert paths["c"][mid][1] - 31.0 == pytest.approx(paths["a"][mid][1] - 30.0, abs=0.3)


def test_arrowhead_points_at_the_end() -> None:
    curve = bezier((120.0, 30.0), (100.0, 30.0))
    left, tip, right = arrowhead(curve, size=0.5)
    assert tip == curve[-1]
    assert left[0] > tip[0] and right[0] > tip[0]  # the base is behind the tip (east of it)
    assert math.hypot(left[0] - right[0], left[1] - right[1]) > 0.2
