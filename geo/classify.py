"""Class breaks for choropleths (``mapclassify``) with ColorBrewer colours and legend labels."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import mapclassify
import numpy as np
import pandas as pd

SCHEMES = ("quantiles", "fisher_jenks", "equal_interval", "thresholds")
NO_DATA_LABEL = "暂无数据"
NO_DATA_COLOR = "#e8e8e8"
NO_DATA_CLASS = -1
DEFAULT_PALETTE = "YlGnBu"
MIN_K, MAX_K = 3, 7
# Exact Fisher-Jenks is O(k·n²) in pure Python (no numba): above this size it runs on evenly spaced
# order statistics of the data (deterministic, unlike mapclassify.FisherJenksSampled).
_JENKS_SAMPLE = 300

# Sequential palettes from ColorBrewer 2.0 (colorbrewer2.org), © Cynthia Brewer, Mark Harrower and
# The Pennsylvania State University, Apache-2.0-style licence. YlGnBu is colour-blind safe.
PALETTES: dict[str, dict[int, tuple[str, ...]]] = {
    "YlGnBu": {
        3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
        4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
        5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
        6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
        7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
    },
    "YlOrRd": {
        3: ("#ffeda0", "#feb24c", "#f03b20"),
        4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
        5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
        6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
        7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
    },
    "Blues": {
        3: ("#deebf7", "#9ecae1", "#3182bd"),
        4: ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
        5: ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
        6: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
        7: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
    },
    "Purples": {
        3: ("#efedf5", "#bcbddc", "#756bb1"),
        4: ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"),
        5: ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
        6: ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),
        7: ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
    },
    "Greens": {
        3: ("#e5f5e0", "#a1d99b", "#31a354"),
        4: ("#edf8e9", "#bae4b3", "#74c476", "#238b45"),
        5: ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
        6: ("#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"),
        7: ("#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"),
    },
}

# Fixed policy breaks, keyed by an indicator id the data may later carry. County exit rule: poverty
# incidence <2% (western region <3%), seed 004:L2655–2663 (seeds_facts.md §4). No county incidence
# data exists in data/ yet (data/SOURCES.md, "Known gaps"), so nothing uses this key today.
POLICY_THRESHOLDS: dict[str, tuple[float, ...]] = {"poverty_incidence": (2.0, 3.0)}


@dataclass(frozen=True)
class Classes:
    """Class upper bounds, their labels and colours, and the class of every input value (-1 = no data)."""

    bins: tuple[float, ...]
    labels: tuple[str, ...]
    colors: tuple[str, ...]
    class_of: np.ndarray = field(compare=False, repr=False)

    @property
    def has_missing(self) -> bool:
        return bool((self.class_of == NO_DATA_CLASS).any())

    def color_of(self) -> list[str]:
        """Colour per input value (grey for no data)."""
        return [self.colors[c] if c >= 0 else NO_DATA_COLOR for c in self.class_of]

    def legend(self) -> list[tuple[str, str]]:
        """(colour, label) rows, lowest class first, plus 暂无数据 when any value is missing."""
        rows = list(zip(self.colors, self.labels, strict=True))
        if self.has_missing:
            rows.append((NO_DATA_COLOR, NO_DATA_LABEL))
        return rows


def palette(name: str, n: int) -> tuple[str, ...]:
    """``n`` colours (1 ≤ n ≤ 7) of a ColorBrewer sequential palette."""
    colours = PALETTES[name]
    if n >= MIN_K:
        return colours[n]
    return (colours[3][1],) if n == 1 else (colours[3][0], colours[3][2])


def format_number(x: float, step: float | None = None) -> str:
    """Thousands separators; decimals only as many as the magnitude (or the class width) needs."""
    scale = abs(step) if step else abs(x)
    whole = float(x).is_integer() and (step is None or float(step).is_integer())
    if whole or scale >= 100:
        decimals = 0
    elif scale >= 10:
        decimals = 1
    else:
        decimals = 2
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def classify(
    values: pd.Series,
    scheme: str,
    k: int = 5,
    thresholds: Sequence[float] | None = None,
    *,
    unit: str = "",
    palette_name: str = DEFAULT_PALETTE,
) -> Classes:
    """Classify ``values`` into at most ``k`` classes; NaN (and ±inf) get class -1.

    ``k`` is reduced to the number of distinct values; ``thresholds`` (required for scheme
    "thresholds") are fixed upper bounds, with one more class above the last when data exceed it.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {SCHEMES}")
    if scheme != "thresholds" and not MIN_K <= k <= MAX_K:
        raise ValueError(f"k must be between {MIN_K} and {MAX_K}, got {k}")
    if scheme == "thresholds" and not thresholds:
        raise ValueError("scheme 'thresholds' needs thresholds")
    if palette_name not in PALETTES:
        raise ValueError(f"unknown palette {palette_name!r}")

    numeric = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    valid = np.isfinite(numeric)
    data = numeric[valid]
    class_of = np.full(len(numeric), NO_DATA_CLASS, dtype=int)
    if data.size == 0:
        return Classes((), (), (), class_of)

    distinct = np.unique(data)
    if scheme == "thresholds":
        bins = _threshold_bins(data, thresholds or ())
    elif distinct.size == 1:
        bins = distinct.copy()
    else:
        bins = _scheme_bins(data, scheme, min(k, distinct.size))
    bins = np.unique(bins)
    if len(bins) > MAX_K:
        raise ValueError(f"{len(bins)} classes; at most {MAX_K} are supported")

    # Right-closed intervals, as in mapclassify: class i holds bins[i-1] < v <= bins[i].
    class_of[valid] = np.minimum(np.searchsorted(bins, data, side="left"), len(bins) - 1)
    fixed = scheme == "thresholds"
    above_last = fixed and data.max() > max(thresholds or (0,))
    labels = _labels(bins, float(distinct[0]), fixed, above_last, unit)
    return Classes(tuple(float(b) for b in bins), labels, palette(palette_name, len(bins)), class_of)


def _scheme_bins(data: np.ndarray, scheme: str, k: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if scheme == "quantiles":
            return mapclassify.Quantiles(data, k=k).bins
        if scheme == "equal_interval":
            return mapclassify.EqualInterval(data, k=k).bins
        sample = data
        if data.size > _JENKS_SAMPLE:
            sample = np.quantile(data, np.linspace(0, 1, _JENKS_SAMPLE))
        return mapclassify.FisherJenks(sample, k=k).bins


def _threshold_bins(data: np.ndarray, thresholds: Sequence[float]) -> np.ndarray:
    breaks = sorted({float(t) for t in thresholds})
    if data.max() > breaks[-1]:
        breaks.append(float(data.max()))
    return mapclassify.UserDefined(data, breaks).bins


def _labels(bins: np.ndarray, low: float, fixed: bool, above_last: bool, unit: str) -> tuple[str, ...]:
    """Range labels; for fixed thresholds the ends read "≤ t" and "> t"."""
    step = float(np.min(np.diff(bins))) if len(bins) > 1 else None
    if step is not None and math.isclose(step, 0.0):
        step = None

    def fmt(x: float) -> str:
        return format_number(float(x), step)

    labels = []
    for i, upper in enumerate(bins):
        if fixed and i == 0:
            text = f"≤ {fmt(upper)}"
        elif fixed and i == len(bins) - 1 and above_last:
            text = f"> {fmt(bins[i - 1])}"
        else:
            lower = low if i == 0 else bins[i - 1]
            text = fmt(upper) if fmt(lower) == fmt(upper) else f"{fmt(lower)}–{fmt(upper)}"
        labels.append(_with_unit(text, unit))
    return tuple(labels)
