"""Benchmarks for the atlas: run with ``make bench`` (not part of the test suite)."""
