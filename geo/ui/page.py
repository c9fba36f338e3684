"""Make every page run under ``app.py``'s navigation, even when opened by a deep link.

Streamlit treats a folder named ``pages/`` next to the entry script as a v1 multipage
app until ``st.navigation`` has run once in the process. So on a fresh server, a shared
link such as ``/areas?province=52`` would run ``pages/areas.py`` on its own: no page
config, file names in the sidebar. The flag is private Streamlit state (pinned version,
see pyproject.toml); flipping it and rerunning hands the request to ``app.py``.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation() -> None:
    """Rerun through ``app.py`` if Streamlit ran this page as a v1 page script."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
