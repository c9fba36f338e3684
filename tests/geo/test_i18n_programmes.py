"""The pairing, relocation and county pages are converted: no Chinese UI literal left in their code.

:func:`geo.i18n.inventory.ui_literals` over the pages, their Streamlit views and their plain
modules (and the PDF brief) must be empty; a literal that is data (a unit as the tables write
it, a column of the data, a regular expression) carries a ``# i18n: data`` comment.
"""

from __future__ import annotations

from geo.i18n import catalogue
from geo.i18n.inventory import ui_literals, used_keys
from geo.paths import REPO_ROOT

FILES = sorted(
    [
        *(REPO_ROOT / "pages" / name for name in ("pairing.py", "relocation.py", "county.py")),
        *(REPO_ROOT / "geo" / "ui" / name for name in ("pairing_view.py", "relocation_view.py", "county_view.py")),
        *(REPO_ROOT / "geo" / "pairing").glob("*.py"),
        *(REPO_ROOT / "geo" / "relocation").glob("*.py"),
        *(REPO_ROOT / "geo" / "county").glob("*.py"),
        REPO_ROOT / "geo" / "brief.py",
    ]
)


def test_the_files_exist() -> None:
    assert len(FILES) > 30 and all(path.exists() for path in FILES)


def test_no_chinese_ui_literal_is_left() -> None:
    assert [f"{lit.path}:{lit.line} {lit.text}" for lit in ui_literals(FILES)] == []


def test_every_key_they_use_exists() -> None:
    assert {key: where for key, where in used_keys(FILES).items() if key not in catalogue()} == {}
