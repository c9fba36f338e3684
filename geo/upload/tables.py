"""Statistics tables from uploaded bytes: CSV (UTF-8, UTF-8-BOM, GBK/GB18030, UTF-16 with BOM;
comma or tab) and XLSX (openpyxl, including yearbook sheets with title and unit rows).

Reading is two steps so the UI can let the user choose the header row:

1. :func:`read_grid` decodes the file into a :class:`RawGrid` — every cell a stripped string
   (``""`` when empty), nothing inferred — and records the encoding and delimiter it used;
2. :func:`table_from_grid` builds a DataFrame from a chosen header row (:func:`guess_header_row`
   proposes one). Its index holds the 1-based row numbers of the source file, so messages can
   point at "第 12 行".

:func:`check_numeric` parses one column as numbers and reports the cells that are not numbers
instead of silently turning them into NaN. Cell text is never altered beyond trimming
whitespace: escaping (HTML) and formula neutralisation belong to display and export.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

import pandas as pd

from geo.i18n import t
from geo.upload.archive import inspect_zip, open_zip
from geo.upload.errors import UploadError
from geo.upload.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_UPLOAD_BYTES, check_upload_size

Grid = list[list[str]]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
#: The delimiters read, with the catalogue key of their name.
_DELIMITERS = {",": "upload.delimiter_comma", "\t": "upload.delimiter_tab"}
#: Codec → how the page names it (a catalogue key where the name has words to translate).
_ENCODING_LABELS = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030", "utf-16": "UTF-16"}
_ENCODING_KEYS = {"utf-8-sig": "upload.encoding_utf8_bom"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class RawGrid:
    """The cells of one sheet or CSV file, before a header row is chosen."""

    rows: Grid
    format: Literal["csv", "xlsx"]
    encoding: str | None = None  # CSV only: the codec used, e.g. "gb18030"
    delimiter: str | None = None  # CSV only: "," or "\t"
    sheet: str | None = None  # XLSX only: the sheet read
    sheet_names: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """A short note for the UI, e.g. ``"CSV，编码 GBK/GB18030，分隔符 制表符"`` (current language)."""
        if self.format == "xlsx":
            return t("upload.grid_xlsx", sheet=self.sheet)
        codec = self.encoding or ""
        enc = t(_ENCODING_KEYS[codec]) if codec in _ENCODING_KEYS else _ENCODING_LABELS.get(codec, codec or "?")
        delimiter = self.delimiter or ""
        shown = t(_DELIMITERS[delimiter]) if delimiter in _DELIMITERS else delimiter
        return t("upload.grid_csv", encoding=enc, delimiter=shown)


@dataclass(frozen=True)
class NumericCheck:
    """Result of :func:`check_numeric`: parsed values plus the cells that are not numbers."""

    column: str
    values: pd.Series  # float, NaN where the cell is empty/missing or not a number
    bad_cells: list[tuple[int, str]] = field(default_factory=list)  # (source row number, cell text)
    n_missing: int = 0

    @property
    def ok(self) -> bool:
        return not self.bad_cells

    def message(self, max_listed: int = 5) -> str:
        """The message naming the first ``max_listed`` bad cells (``""`` when all are numbers)."""
        if self.ok:
            return ""
        return t("upload.non_numeric", column=self.column, cells=cells_listed(self.bad_cells, max_listed))

    def raise_if_bad(self) -> pd.Series:
        if not self.ok:
            raise UploadError(self.message(), kind="non_numeric")
        return self.values


def cells_listed(cells: Sequence[tuple[object, str]], max_listed: int = 5) -> str:
    """``第 4 行“一万二”、第 5 行（空）等共 7 处`` (current language): the first cells, then the count."""
    listed = t("common.list_separator").join(
        t("upload.cell_at", row=row, text=text) if text else t("upload.cell_empty_at", row=row)
        for row, text in cells[:max_listed]
    )
    return listed + (t("upload.more_cells", count=len(cells)) if len(cells) > max_listed else "")


# --------------------------------------------------------------------------- reading


def read_grid(
    data: bytes,
    filename: str = "",
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> RawGrid:
    """Read CSV or XLSX ``data`` into a :class:`RawGrid`.

    The format is taken from the content (a zip is XLSX), not trusted from ``filename``.
    ``encoding``/``delimiter`` force a choice for CSV (e.g. after the user saw a wrong guess);
    ``sheet`` picks an XLSX sheet (default: the first).
    """
    check_upload_size(len(data), limit=max_bytes, name=t("upload.what_table_upload"))
    if data.startswith(_OLE_MAGIC):
        raise UploadError(t("upload.xls_unsupported"), kind="unsupported_format")
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, sheet=sheet)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise UploadError(t("upload.xlsx_not_workbook"), kind="bad_xlsx")
    return _read_csv(data, encoding=encoding, delimiter=delimiter)


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise UploadError(t("upload.encoding_failed", encoding=encoding), kind="encoding") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: Sequence[str] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "gb18030")
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            codec = "utf-8"
        return text, codec
    raise UploadError(t("upload.encoding_unknown"), kind="encoding")


def _parse(text: str, delimiter: str) -> Grid:
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)]
    except csv.Error as exc:
        raise UploadError(t("upload.bad_csv", error=exc), kind="bad_csv") from exc


def _delimiter_score(text: str, delimiter: str) -> tuple[int, int]:
    sample = [r for r in _parse("\n".join(text.splitlines()[:200]), delimiter) if any(c.strip() for c in r)]
    widths = Counter(len(r) for r in sample if len(r) > 1)
    if not widths:
        return (0, 0)
    width, count = widths.most_common(1)[0]
    return (count, width)


def _read_csv(data: bytes, *, encoding: str | None, delimiter: str | None) -> RawGrid:
    text, codec = _decode(data, encoding)
    if "\x00" in text:
        raise UploadError(t("upload.binary_content"), kind="unsupported_format")
    if not text.strip():
        raise UploadError(t("upload.table_empty"), kind="empty")
    if delimiter is None:
        delimiter = "\t" if _delimiter_score(text, "\t") > _delimiter_score(text, ",") else ","
    elif delimiter not in _DELIMITERS:
        raise UploadError(t("upload.bad_delimiter"), kind="bad_csv")
    rows = _clean(_parse(text, delimiter))
    return RawGrid(rows=rows, format="csv", encoding=codec, delimiter=delimiter)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes, *, sheet: str | None) -> RawGrid:
    import openpyxl  # local: only XLSX uploads pay for the import

    with open_zip(data, what=t("upload.what_excel")) as zf:
        inspect_zip(zf, what=t("upload.what_excel"))  # an .xlsx is a zip: same bomb limits
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UploadError(t("upload.xlsx_unreadable"), kind="bad_xlsx") from exc
    try:
        names = tuple(wb.sheetnames)
        if not names:
            raise UploadError(t("upload.xlsx_no_sheets"), kind="empty")
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            raise UploadError(
                t("upload.xlsx_no_such_sheet", sheet=sheet, sheets=t("common.list_separator").join(names)), kind="sheet"
            )
        ws = wb[sheet]
        rows: Grid = []
        for values in ws.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_TABLE_ROWS + 100:
                break
    finally:
        wb.close()
    return RawGrid(rows=_clean(rows), format="xlsx", sheet=sheet, sheet_names=names)


def _clean(rows: Grid) -> Grid:
    """Strip cells (incl. full-width spaces), drop trailing empty rows/columns, pad to a rectangle."""
    out = [[c.strip() for c in r] for r in rows]
    while out and not any(out[-1]):
        out.pop()
    if not out:
        raise UploadError(t("upload.table_empty"), kind="empty")
    if len(out) > MAX_TABLE_ROWS:
        raise UploadError(t("upload.too_many_rows", limit=MAX_TABLE_ROWS), kind="too_large")
    width = max((max((j + 1 for j, c in enumerate(r) if c), default=0) for r in out), default=0)
    if width > MAX_TABLE_COLUMNS:
        raise UploadError(t("upload.too_many_columns", limit=MAX_TABLE_COLUMNS), kind="too_large")
    return [(r + [""] * width)[:width] for r in out]


# --------------------------------------------------------------------------- header and frame


def _is_number(text: str) -> bool:
    return _parse_number(text) is not None


def guess_header_row(grid: RawGrid | Grid, *, scan: int = 30) -> int:
    """Index (0-based) of the likely header row: skips yearbook title and unit rows.

    The first of the top ``scan`` rows that fills most of the table's width with mostly
    non-numeric text. The UI should show this as a default the user can change.
    """
    rows = grid.rows if isinstance(grid, RawGrid) else grid
    top = rows[:scan]
    if not top:
        return 0
    widest = max(sum(1 for c in r if c) for r in top)
    need = max(2, math.ceil(0.6 * widest)) if widest > 1 else 1
    for i, r in enumerate(top):
        filled = [c for c in r if c]
        if len(filled) >= need and sum(not _is_number(c) for c in filled) * 2 > len(filled):
            return i
    return 0


def table_from_grid(grid: RawGrid | Grid, header_row: int = 0) -> pd.DataFrame:
    """A string DataFrame from the rows below ``header_row`` (0-based).

    Columns are named by the header cells (an empty header above data becomes ``"第N列"``, in the
    current language);
    fully empty rows and columns are dropped. The index, named ``"行号"``, is the 1-based row
    number in the source sheet/file. Raises :class:`UploadError` for a header row out of range,
    duplicate column names, or no data rows.
    """
    rows = grid.rows if isinstance(grid, RawGrid) else grid
    if not 0 <= header_row < len(rows):
        raise UploadError(t("upload.header_out_of_range", row=header_row + 1, rows=len(rows)), kind="header")
    header = rows[header_row]
    body = [(header_row + 2 + i, r) for i, r in enumerate(rows[header_row + 1 :]) if any(r)]
    keep = [j for j in range(len(header)) if header[j] or any(r[j] for _, r in body)]
    names = [header[j] or t("upload.column_n", number=j + 1) for j in keep]
    counts = Counter(names)
    dupes = [n for n, c in counts.items() if c > 1]
    if dupes:
        detail = t("common.clause_separator").join(
            t(
                "upload.duplicate_column",
                name=n,
                count=counts[n],
                columns=t("common.list_separator").join(str(keep[k] + 1) for k, m in enumerate(names) if m == n),
            )
            for n in dupes
        )
        raise UploadError(t("upload.duplicate_columns", row=header_row + 1, detail=detail), kind="duplicate_columns")
    if not body:
        raise UploadError(t("upload.no_rows_below_header", row=header_row + 1), kind="no_rows")
    return pd.DataFrame(
        [[r[j] for j in keep] for _, r in body],
        columns=names,
        index=pd.Index([n for n, _ in body], name="行号"),  # i18n: data (an index name, never shown)
        dtype=object,
    )


# --------------------------------------------------------------------------- numbers


def _parse_number(text: str) -> float | None:
    clean = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if _THOUSANDS.match(clean):
        clean = clean.replace(",", "")
    if not _NUMBER.match(clean):
        return None
    value = float(clean)
    return value if math.isfinite(value) else None


def check_numeric(frame: pd.DataFrame, column: str, *, missing: Sequence[str] = ("",)) -> NumericCheck:
    """Parse ``column`` as numbers; list (row number, text) of cells that are not numbers.

    Accepted: plain and scientific numbers, thousands separators (``1,234.5``), full-width
    digits. Cells equal to one of ``missing`` (default: only empty cells) become NaN and are
    counted, never reported. Nothing else is coerced: ``"12万"`` or ``"…"`` is reported.
    """
    if column not in frame.columns:
        raise UploadError(t("upload.no_such_column", column=column), kind="column")
    missing_set = {m.strip() for m in missing}
    values: list[float] = []
    bad: list[tuple[int, str]] = []
    n_missing = 0
    for row, cell in zip(frame.index, frame[column], strict=True):
        text = "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell).strip()
        if text in missing_set:
            values.append(math.nan)
            n_missing += 1
            continue
        number = _parse_number(text)
        if number is None:
            bad.append((int(row), text))
            values.append(math.nan)
        else:
            values.append(number)
    series = pd.Series(values, index=frame.index, name=column, dtype="float64")
    return NumericCheck(column=column, values=series, bad_cells=bad, n_missing=n_missing)
