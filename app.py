"""脱贫攻坚地图 — entry point: language, page config, navigation and the presentation frame only."""

import streamlit as st

from geo.i18n import t
from geo.ui import language, page, presentation

language.apply()  # first: every run is a new thread context (see geo.i18n)
st.set_page_config(page_title=t("app.title"), page_icon="🗺️", layout="wide")
language.switch()

current = page.navigation()
presentation.frame(current.url_path)
current.run()
language.sync_url()  # after the page: most pages have written lang=… with their filters already
