"""The county drill-down (县域档案): search, profile facts, peer statistics, charts, PNG export.

Plain modules, no Streamlit; ``geo/ui/county_view.py`` and ``pages/county.py`` draw them.
"""
