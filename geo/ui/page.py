"""The atlas's pages, and making every page run under ``app.py``'s navigation.

Streamlit treats a folder named ``pages/`` next to the entry script as a v1 multipage
app until ``st.navigation`` has run once in the process. So on a fresh server, a shared
link such as ``/areas?province=52`` would run ``pages/areas.py`` on its own: no page
config, file names in the sidebar. The flag is private Streamlit state (pinned version,
see pyproject.toml); flipping it and rerunning hands the request to ``app.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    icon: str
    url_path: str  # "" for the default page


PAGES = (
    PageSpec("pages/overview.py", "全国总览", ":material/map:", ""),
    PageSpec("pages/areas.py", "集中连片特困地区", ":material/landscape:", "areas"),
    PageSpec("pages/pairing.py", "东西部扶贫协作", ":material/handshake:", "pairing"),
    PageSpec("pages/relocation.py", "易地扶贫搬迁", ":material/home_work:", "relocation"),
    PageSpec("pages/county.py", "县域档案", ":material/location_city:", "county"),
)
BY_PATH = {page.url_path: page for page in PAGES}


def navigation() -> st.navigation:
    """``st.navigation`` over :data:`PAGES` (the first is the default page)."""
    pages = [
        st.Page(p.script, title=p.title, icon=p.icon, default=not p.url_path, url_path=p.url_path or None)
        for p in PAGES
    ]
    return st.navigation(pages)


def ensure_navigation() -> None:
    """Rerun through ``app.py`` if Streamlit ran this page as a v1 page script."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
