"""Benchmarks for the atlas: run with ``make bench`` (not part of the test suite)."""


def row(name: str, value: float, unit: str, target: str = "") -> None:
    print(f"{name:<62} {value:>10.2f} {unit:<4} {target}")
