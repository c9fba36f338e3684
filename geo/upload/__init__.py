"""Pure, safe readers for user-uploaded files (issue 6): no Streamlit, no storage.

- :mod:`geo.upload.errors` — :class:`UploadError`, a ``ValueError`` with a message for the user (``geo.i18n``).
- :mod:`geo.upload.limits` — size limits and :func:`check_upload_size`.
- :mod:`geo.upload.archive` — zip validation and extraction (zip-slip, symlinks, zip bombs).
- :mod:`geo.upload.tables` — CSV/XLSX statistics tables as a raw grid, then a DataFrame.
- :mod:`geo.upload.boundaries` — Shapefile (zipped), GeoJSON, GeoPackage → EPSG:4490.
"""

from geo.upload.errors import UploadError

__all__ = ["UploadError"]
