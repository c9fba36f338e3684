"""Class breaks, labels, colours and no-data handling of geo.classify."""

from __future__ import annotations

import mapclassify
import numpy as np
import pandas as pd
import pytest

from geo.classify import NO_DATA_COLOR, PALETTES, POLICY_THRESHOLDS, classify, format_number, no_data_label, palette

VALUES = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50, 100])


@pytest.mark.parametrize(
    ("scheme", "reference"),
    [("quantiles", mapclassify.Quantiles), ("equal_interval", mapclassify.EqualInterval)],
)
def test_breaks_match_mapclassify(scheme: str, reference: type) -> None:
    expected = reference(VALUES.to_numpy(), k=4)
    classes = classify(VALUES, scheme, 4)
    np.testing.assert_allclose(classes.bins, expected.bins)
    np.testing.assert_array_equal(classes.class_of, expected.yb)


@pytest.mark.filterwarnings("ignore:Numba not installed")
def test_fisher_jenks_matches_mapclassify_on_small_data() -> None:
    data = np.array([1.0, 1.5, 2, 10, 11, 12, 50, 52, 55, 100])
    classes = classify(pd.Series(data), "fisher_jenks", 4)
    expected = mapclassify.FisherJenks(data, k=4)
    np.testing.assert_allclose(classes.bins, expected.bins)
    np.testing.assert_array_equal(classes.class_of, expected.yb)


def test_fisher_jenks_large_input_is_deterministic_and_covers_all() -> None:
    data = pd.Series(np.random.default_rng(0).lognormal(8, 1, 3000))
    first, second = classify(data, "fisher_jenks", 7), classify(data, "fisher_jenks", 7)
    assert first.bins == second.bins
    assert len(first.bins) == 7 and first.bins[-1] == data.max()
    assert set(first.class_of) == set(range(7))


def test_nan_gets_minus_one_and_legend_entry() -> None:
    values = pd.Series([3200.0, np.nan, 5100, 4100, None, np.inf])
    classes = classify(values, "quantiles", 3, unit="元")
    assert list(classes.class_of[[1, 4, 5]]) == [-1, -1, -1]
    assert (classes.class_of[[0, 2, 3]] >= 0).all()
    assert classes.legend()[-1] == (NO_DATA_COLOR, no_data_label())
    assert classes.labels == ("3,200–3,800 元", "3,800–4,433 元", "4,433–5,100 元")


def test_no_legend_entry_without_missing_values() -> None:
    classes = classify(VALUES, "quantiles", 5)
    assert no_data_label() not in [label for _, label in classes.legend()]
    assert len(classes.legend()) == len(classes.bins) == len(classes.colors) == 5


def test_labels_are_ranges_with_unit() -> None:
    classes = classify(pd.Series([2000.0, 3200, 3200, 5100, 5100]), "equal_interval", 3, unit="元")
    assert classes.labels[0] == "2,000–3,033 元"
    assert all(label.endswith(" 元") for label in classes.labels)


def test_k_is_reduced_to_distinct_values() -> None:
    classes = classify(pd.Series([1, 1, 1, 2, 2, np.nan]), "quantiles", 5)
    assert classes.bins == (1.0, 2.0)
    assert list(classes.class_of) == [0, 0, 0, 1, 1, -1]
    assert len(classes.colors) == 2
    for scheme in ("fisher_jenks", "equal_interval"):
        assert len(classify(pd.Series([1, 2, 3]), scheme, 7).bins) == 3


def test_all_nan_and_single_value() -> None:
    empty = classify(pd.Series([np.nan, np.nan]), "fisher_jenks", 5)
    assert empty.bins == () and list(empty.class_of) == [-1, -1]
    assert empty.legend() == [(NO_DATA_COLOR, no_data_label())]
    assert classify(pd.Series([], dtype=float), "quantiles", 5).legend() == []
    single = classify(pd.Series([7.0, 7.0, np.nan]), "equal_interval", 5, unit="%")
    assert single.bins == (7.0,) and single.labels == ("7%",)
    assert list(single.class_of) == [0, 0, -1]


def test_thresholds_use_user_defined_breaks() -> None:
    data = pd.Series([0.5, 1.9, 2.0, 2.5, 3.0, 4.2])
    classes = classify(data, "thresholds", 5, thresholds=POLICY_THRESHOLDS["poverty_incidence"], unit="%")
    expected = mapclassify.UserDefined(data.to_numpy(), [2.0, 3.0])
    np.testing.assert_allclose(classes.bins, expected.bins)
    np.testing.assert_array_equal(classes.class_of, expected.yb)
    assert classes.labels == ("≤ 2%", "2–3%", "> 3%")


def test_thresholds_below_last_break_keep_policy_classes() -> None:
    classes = classify(pd.Series([0.5, 1.0]), "thresholds", 5, thresholds=(2, 3), unit="%")
    assert classes.bins == (2.0, 3.0) and classes.labels == ("≤ 2%", "2–3%")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"scheme": "kmeans", "k": 5}, "scheme"),
        ({"scheme": "quantiles", "k": 9}, "k must"),
        ({"scheme": "thresholds", "k": 5}, "thresholds"),
        ({"scheme": "quantiles", "k": 5, "palette_name": "Jet"}, "palette"),
    ],
)
def test_bad_arguments_raise(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        classify(VALUES, **kwargs)


def test_palettes_are_sequential_colorbrewer() -> None:
    assert palette("YlGnBu", 5) == ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
    for name in PALETTES:
        for k in range(1, 8):
            colours = palette(name, k)
            assert len(colours) == len(set(colours)) == k, (name, k)


@pytest.mark.parametrize(
    ("x", "step", "text"),
    [(3200, None, "3,200"), (12345.678, None, "12,346"), (2.5, None, "2.5"), (0.123, None, "0.12"), (2.0, 0.5, "2")],
)
def test_format_number(x: float, step: float | None, text: str) -> None:
    assert format_number(x, step) == text
