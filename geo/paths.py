"""Where the atlas finds its curated data and keeps its rebuildable caches."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
STATIC_DIR = REPO_ROOT / "static"


def cache_dir() -> Path:
    """Directory for derived, rebuildable files (never tracked by git).

    ``ATLAS_CACHE_DIR`` overrides the default ``<repo>/.cache``.
    """
    path = Path(os.environ.get("ATLAS_CACHE_DIR", REPO_ROOT / ".cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path
