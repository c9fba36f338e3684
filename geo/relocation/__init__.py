"""易地扶贫搬迁 (poverty-relief relocation) as pure functions of the filter state.

Inputs are the curated tables ``relocation_sites.csv`` and ``relocation_totals.csv`` (see
``data/SOURCES.md``); one concern a module: :mod:`~geo.relocation.labels` (texts and
labels), :mod:`~geo.relocation.sites` (the site table, its filters and per-county sums),
:mod:`~geo.relocation.markers` (site markers), :mod:`~geo.relocation.totals` (province and
local figures), :mod:`~geo.relocation.national` (national figures),
:mod:`~geo.relocation.chart` (the province chart), :mod:`~geo.relocation.tables` (the
page's tables), :mod:`~geo.relocation.base_map` (county shading and legend) and
:mod:`~geo.relocation.view` (the page for one filter state, and its map). No Streamlit
here: :mod:`geo.ui.relocation_view` caches :func:`geo.relocation.view.build_view`.
"""
