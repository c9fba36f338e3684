"""Downloads of what is shown: CSV (Excel-friendly UTF-8) and XLSX, safe to open.

Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR at the
start; OWASP "CSV injection") are prefixed with an apostrophe so they stay text.
"""

from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` whose text cells cannot be interpreted as spreadsheet formulas."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 BOM, so Excel shows the Chinese text correctly."""
    return neutralise(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "数据") -> bytes:
    """One-sheet XLSX workbook of ``df``."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(df).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
