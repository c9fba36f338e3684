"""The app shell, the overview and the areas page are converted: no Chinese UI literal is left in
their code (genuine data literals carry ``# i18n: data``), and every key they use exists."""

from pathlib import Path

import pytest

from geo.i18n import catalogue
from geo.i18n.inventory import ui_literals, used_keys
from geo.paths import REPO_ROOT

#: The files of the shell, the overview and areas pages, and the pure modules behind them.
CONVERTED = [
    "app.py",
    "pages/overview.py",
    "pages/areas.py",
    "geo/ui/page.py",
    "geo/ui/language.py",
    "geo/ui/filters.py",
    "geo/ui/presentation.py",
    "geo/ui/table.py",
    "geo/ui/summary.py",
    "geo/ui/cache.py",
    "geo/ui/map_view.py",
    "geo/ui/exports.py",
    "geo/ui/area_view.py",
    "geo/ui/county_panel.py",
    "geo/ui/text.py",
    "geo/maps.py",
    "geo/overview.py",
    "geo/classify.py",
    "geo/choropleth.py",
    "geo/facts.py",
    "geo/areas.py",
    "geo/charts.py",
    "geo/filters.py",
    "geo/taxonomy.py",
    "geo/static_map.py",
    "geo/url_state.py",
    "geo/boundaries.py",
    "geo/userdata/indicators.py",
    "static/atlas/atlas_map.js",
]
PATHS = [REPO_ROOT / path for path in CONVERTED]


@pytest.mark.parametrize("path", PATHS, ids=CONVERTED)
def test_no_chinese_ui_literal_is_left(path: Path) -> None:
    assert [f"L{lit.line}: {lit.text}" for lit in ui_literals([path])] == []


def test_every_key_of_these_files_exists() -> None:
    missing = {key: where for key, where in used_keys(PATHS).items() if key not in catalogue()}
    assert missing == {}
