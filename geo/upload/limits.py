"""Size limits for uploads, with the reasoning behind each number.

The largest honest upload we expect is a detailed national county layer (about 3,000
polygons): 20–60 MB as a zipped Shapefile, a few hundred MB unzipped at most. Statistics
tables are far smaller. The limits leave room for that and stop everything bigger early,
before any parser sees the bytes.
"""

from __future__ import annotations

from geo.i18n import t
from geo.upload.errors import UploadError

MiB = 1024 * 1024

#: Raw bytes of one uploaded file. A detailed national county Shapefile zips to < 60 MB;
#: Streamlit's own default (200 MB) is far more than any county table needs.
MAX_UPLOAD_BYTES = 100 * MiB

#: Sum of the declared uncompressed sizes of all extracted zip members (and of the parts of an
#: XLSX, which is a zip too). Bounds disk and memory use even when each member looks harmless.
MAX_UNCOMPRESSED_BYTES = 1024 * MiB

#: Total uncompressed / total compressed size. Shapefile coordinates barely compress (≈1–3×),
#: space-padded .dbf text and spreadsheet XML reach 10–50×; a zip bomb is 1,000× and more.
MAX_COMPRESSION_RATIO = 200

#: Members in one archive. A Shapefile needs 4–6 files and an XLSX a few dozen parts; thousands
#: of entries only cost time (and are a known way to exhaust inodes or file handles).
MAX_MEMBERS = 500

#: Rows and columns of one statistics table: China has about 2,850 county-level units, so even a
#: long panel (county × year × indicator) stays well below these.
MAX_TABLE_ROWS = 500_000
MAX_TABLE_COLUMNS = 1_000


def format_bytes(n: int) -> str:
    """``52428800`` → ``"50.0 MB"`` (binary megabytes, as users read file sizes)."""
    if n >= MiB:
        return f"{n / MiB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return t("upload.bytes", count=n)


def check_upload_size(size: int, *, limit: int = MAX_UPLOAD_BYTES, name: str | None = None) -> None:
    """Raise :class:`UploadError` when ``size`` bytes exceed ``limit``; an empty file is rejected too.

    ``name`` says what was uploaded, in the current language (default ``t("upload.what_file")``).
    """
    name = name or t("upload.what_file")
    if size <= 0:
        raise UploadError(t("upload.empty_file", what=name), kind="empty")
    if size > limit:
        raise UploadError(
            t("upload.too_large", what=name, size=format_bytes(size), limit=format_bytes(limit)), kind="too_large"
        )
