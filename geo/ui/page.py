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

from geo.i18n import t


@dataclass(frozen=True)
class PageSpec:
    script: str
    title_key: str  # catalogue key of the navigation title
    icon: str
    url_path: str  # "" for the default page

    @property
    def title(self) -> str:
        """The navigation title in the current language."""
        return t(self.title_key)


PAGES = (
    PageSpec("pages/overview.py", "page.overview", ":material/map:", ""),
    PageSpec("pages/areas.py", "page.areas", ":material/landscape:", "areas"),
    PageSpec("pages/pairing.py", "page.pairing", ":material/handshake:", "pairing"),
    PageSpec("pages/relocation.py", "page.relocation", ":material/home_work:", "relocation"),
    PageSpec("pages/county.py", "page.county", ":material/location_city:", "county"),
    PageSpec("pages/data.py", "page.import", ":material/upload_file:", "data"),
)
BY_PATH = {page.url_path: page for page in PAGES}


def navigation() -> st.navigation:
    """``st.navigation`` over :data:`PAGES` (the first is the default page), titled in the current language."""
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
