"""Downloads of what is shown: CSV (Excel-friendly UTF-8) and XLSX, safe to open.

Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR at the
start; OWASP "CSV injection") are prefixed with an apostrophe so they stay text.
"""

from __future__ import annotations

import io
import re

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
MAX_FILENAME_CHARS = 120


def _text(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` whose text cells and headers cannot be interpreted as spreadsheet formulas."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_text)
    out.columns = [_text(col) for col in out.columns]
    return out


def safe_filename(stem: str) -> str:
    """``stem`` without path separators, control or reserved characters (user text reaches file names)."""
    cleaned = _UNSAFE_IN_FILENAME.sub("_", stem).strip(" .") or "download"
    return cleaned[:MAX_FILENAME_CHARS]


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 BOM, so Excel shows the Chinese text correctly."""
    return neutralise(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "数据") -> bytes:
    """One-sheet XLSX workbook of ``df``."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(df).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
