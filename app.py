"""脱贫攻坚地图 — entry point: page config, navigation and the presentation frame only."""

import streamlit as st

from geo.ui import page, presentation

st.set_page_config(page_title="脱贫攻坚地图", page_icon="🗺️", layout="wide")

current = page.navigation()
presentation.frame(current.url_path)
current.run()
