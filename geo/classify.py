"""Class breaks for choropleths (``mapclassify``) with ColorBrewer colours and legend labels."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from branca.utilities import color_brewer

from geo.i18n import t

SCHEMES = ("quantiles", "fisher_jenks", "equal_interval", "thresholds")
NO_DATA_COLOR = "#bdbdbd"  # medium grey: stands out from the light grey of unselected counties
NO_DATA_CLASS = -1
DEFAULT_PALETTE = "YlGnBu"
MIN_K, MAX_K = 3, 7
# Exact Fisher-Jenks is O(k·n²) in pure Python (no numba): above this size it runs on evenly spaced
# order statistics of the data (deterministic, unlike mapclassify.FisherJenksSampled).
_JENKS_SAMPLE = 300

# Sequential ColorBrewer 2.0 palettes (colorbrewer2.org, © Cynthia Brewer, Mark Harrower and The
# Pennsylvania State University, Apache-2.0-style licence), as shipped by branca. YlGnBu is colour-blind safe.
PALETTES = ("YlGnBu", "YlOrRd", "Blues", "Purples", "Greens")

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
        """(colour, label) rows, lowest class first, plus "no data" (暂无数据) when any value is missing."""
        rows = list(zip(self.colors, self.labels, strict=True))
        if self.has_missing:
            rows.append((NO_DATA_COLOR, no_data_label()))
        return rows


def no_data_label() -> str:
    """The legend label of counties without a value, in the current language."""
    return t("legend.no_data")


def palette(name: str, n: int) -> tuple[str, ...]:
    """``n`` colours (1 ≤ n ≤ 7) of a ColorBrewer sequential palette."""
    if n >= MIN_K:
        return tuple(color_brewer(name, n))
    three = color_brewer(name, MIN_K)
    return (three[1],) if n == 1 else (three[0], three[2])


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


def _mapclassify():
    """``mapclassify``, imported on first use: it pulls in SciPy (~0.75 s), which the default
    exit-year map never needs, so the app starts faster."""
    import mapclassify

    return mapclassify


def _scheme_bins(data: np.ndarray, scheme: str, k: int) -> np.ndarray:
    mapclassify = _mapclassify()
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
    return _mapclassify().UserDefined(data, breaks).bins


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
