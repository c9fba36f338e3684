"""数据导入: bring a county statistics table or a boundary layer into the atlas (issue 6)."""

from geo.ui.data_view import show_page
from geo.ui.page import ensure_navigation

ensure_navigation()

show_page()
