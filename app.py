"""脱贫攻坚地图 — entry point: page config and navigation only."""

import streamlit as st

st.set_page_config(page_title="脱贫攻坚地图", page_icon="🗺️", layout="wide")

navigation = st.navigation(
    [st.Page("pages/overview.py", title="全国总览", icon="🗺️", default=True)],
)
navigation.run()
