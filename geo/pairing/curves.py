"""Curved links: quadratic Bézier curves and arrowheads, computed in Web-Mercator space.

Web-Mercator space makes the curves look perpendicular on the map; a curve always bulges
to the right of the direction of travel, so links between nearby ends bend the same way
instead of crossing, and links with the same ends are spread apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from geo.pairing.endpoints import LonLat

BEND = 0.18  # control-point offset as a share of the chord length
SEGMENTS = 24  # straight pieces per curve


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def bezier(start: LonLat, end: LonLat, bend: float = BEND, segments: int = SEGMENTS) -> list[LonLat]:
    """Quadratic Bézier from ``start`` to ``end`` as ``segments + 1`` (lon, lat) points.

    The control point sits ``bend`` × the chord length from the chord's midpoint,
    perpendicular to it and to the *right* of the direction of travel (so a westward link
    bulges north); computed in Web-Mercator space. The first and last points are exactly
    ``start`` and ``end``.
    """
    if segments < 1:
        raise ValueError("a curve needs at least one segment")
    x0, y0 = start[0], _mercator_y(start[1])
    x2, y2 = end[0], _mercator_y(end[1])
    dx, dy = x2 - x0, y2 - y0
    cx, cy = (x0 + x2) / 2 + bend * dy, (y0 + y2) / 2 - bend * dx  # (dy, -dx): right-hand normal
    points: list[LonLat] = [start]
    for i in range(1, segments):
        t = i / segments
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        points.append((round(a * x0 + b * cx + c * x2, 5), round(_latitude(a * y0 + b * cy + c * y2), 5)))
    points.append(end)
    return points


def arrowhead(curve: Sequence[LonLat], size: float | None = None) -> list[LonLat]:
    """A triangle (three lon/lat points) whose tip is the curve's end, along its last tangent.

    ``size`` is the arrow's length in degrees (default: 7 % of the chord, 0.25°–0.6°).
    """
    if len(curve) < 2:
        raise ValueError("a curve needs two points")
    (x0, y0), (x1, y1) = curve[0], curve[-1]
    if size is None:
        size = min(0.6, max(0.25, 0.07 * math.hypot(x1 - x0, y1 - y0)))
    px, py = curve[-2][0], _mercator_y(curve[-2][1])
    tx, ty = x1, _mercator_y(y1)
    length = math.hypot(tx - px, ty - py) or 1.0
    ux, uy = (tx - px) / length, (ty - py) / length
    bx, by = tx - size * ux, ty - size * uy
    half = size * 0.45
    left = (round(bx - half * uy, 5), round(_latitude(by + half * ux), 5))
    right = (round(bx + half * uy, 5), round(_latitude(by - half * ux), 5))
    return [left, (x1, y1), right]


def curves(links: pd.DataFrame, bend: float = BEND) -> dict[str, list[LonLat]]:
    """pair_id → curve; links sharing both ends get growing bends so they do not overlap."""
    seen: dict[tuple[LonLat, LonLat], int] = {}
    out: dict[str, list[LonLat]] = {}
    for pair_id, start, end in zip(links["pair_id"], links["helper_point"], links["recipient_point"], strict=True):
        key = (tuple(round(v, 2) for v in start), tuple(round(v, 2) for v in end))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        out[pair_id] = bezier(start, end, bend * (1 + 0.6 * nth))
    return out
