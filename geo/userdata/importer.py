"""Turn an uploaded statistics table or boundary layer into a :class:`~geo.userdata.model.Dataset`.

Pure functions, no Streamlit. The data page calls them step by step; each step returns plain
data it can show, and every refusal is an :class:`~geo.upload.errors.UploadError` with a message
(what is wrong, what to do) in the current language and a ``kind`` tag. Text a step returns
(notes, reasons, review problems) is in the language of the run that computed it. A refused step changes nothing: inputs
are never modified and every result is a new object.

Statistics table (after ``geo.upload.tables.read_grid`` → ``guess_header_row`` → ``table_from_grid``)::

    plan = suggest_plan(table)                       # defaults for the column pickers
    match = match_table(table, plan, gazetteer)      # numbers checked, rows joined to counties
    match.summary(); match.review_rows()             # counts; rows to fix in a data editor
    match = apply_overrides(match, edited, gazetteer)  # the user's adcodes (or SKIP) → "manual"
    dataset = build_dataset(match, name=..., source=..., filename=...)

Boundary layer (after ``geo.upload.boundaries.read_boundaries``)::

    plan = suggest_plan(read.frame)
    match = match_boundaries(read, plan, gazetteer)
    check = check_alignment(match, geo.boundaries.counties("full"))   # GCJ-02 or other shift
    match = apply_overrides(match, edited, gazetteer)
    dataset = build_dataset(match, name=..., source=..., filename=..., correct_gcj02=check.looks_gcj02)

Unmatched and ambiguous rows are never guessed: they are left out of the values (and counted
in ``join_summary``) unless the user assigns them a county. Every string from the upload (headers,
names, units) is kept verbatim; escaping is the display layer's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import place, t
from geo.join import CANDIDATE_SEP, Gazetteer, JoinReport, county_label, match_counties, normalise_code
from geo.upload import gcj02
from geo.upload.boundaries import BoundaryRead
from geo.upload.errors import UploadError
from geo.upload.tables import cells_listed, check_numeric
from geo.userdata.model import (
    FEATURE_COLUMNS,
    MAX_NAME_CHARS,
    MAX_SOURCE_CHARS,
    VALUE_COLUMNS,
    Column,
    Dataset,
    DatasetMeta,
    Kind,
)

#: Typed into the review table's ``choice`` column to leave a row out on purpose (the Chinese
#: word; :func:`skip_choice` is the one offered in the current language, and both are accepted).
SKIP = "跳过"  # i18n: data
_SKIP_WORDS = frozenset({SKIP, "-", "skip"})  # i18n: data (compared case-insensitively)
MIN_YEAR, MAX_YEAR = 1900, 2100  # as geo.store.validate accepts
MAX_LABEL_CHARS = 200  # column headers, units and feature names (geo.store.validate's limit)
MAX_LISTED = 5  # rows quoted in one message

#: Columns of :meth:`ImportMatch.review_rows`; ``choice`` is the one the user edits.
REVIEW_COLUMNS = (
    "row",
    "input_code",
    "input_province",
    "input_name",
    "status",
    "problem",
    "options",
    "current",
    "choice",
)
#: Catalogue keys of the headers of those columns (e.g. for ``st.column_config``): :func:`review_label`.
REVIEW_LABELS = {column: f"importer.col_{column}" for column in REVIEW_COLUMNS}
#: Catalogue keys of the row statuses: :func:`status_label`.
STATUS_LABELS = {status: f"importer.status_{status}" for status in ("matched", "unmatched", "ambiguous", "duplicate")}
#: Catalogue keys of how each row was matched (``method`` in the report): :func:`method_label`.
METHOD_LABELS = {
    "code": "importer.method_code",
    "historical_code": "importer.method_historical_code",
    "name": "importer.method_name",
    "former_name": "importer.method_former_name",
    "name_variant": "importer.method_name_variant",
    "former_name_variant": "importer.method_former_name_variant",
    "code+name": "importer.method_code_name",
    "manual": "importer.method_manual",
}
#: The plan's roles of a column: catalogue keys of their names in a sentence (:meth:`ImportPlan.roles`).
ROLE_KEYS = {
    "code": "importer.role_code",
    "province": "importer.role_province",
    "prefecture": "importer.role_prefecture",
    "name": "importer.role_name",
    "year_column": "importer.role_year",
}


def review_label(column: str) -> str:
    """The header of a :data:`REVIEW_COLUMNS` column in the current language."""
    return t(REVIEW_LABELS[column])


def status_label(status: str) -> str:
    """``"matched"`` → ``"已匹配"`` / ``"Matched"`` (unknown statuses unchanged)."""
    return t(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def method_label(method: str) -> str:
    """``"historical_code"`` → ``"旧区划代码"`` / ``"Former code"`` (unknown methods unchanged)."""
    return t(METHOD_LABELS[method]) if method in METHOD_LABELS else method


def skip_choice() -> str:
    """The "leave this row out" choice as offered in the current language (跳过 / Skip)."""
    return t("importer.skip")


def is_skip(choice: str) -> bool:
    """True for any spelling of "leave this row out": 跳过, Skip, skip, -."""
    return choice.casefold() in _SKIP_WORDS or choice == skip_choice()


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class ValueChoice:
    """One column the user chose as values, with an optional unit (e.g. ``"万元"``)."""

    column: str
    unit: str = ""


@dataclass(frozen=True)
class ImportPlan:
    """The user's column choices: the key columns, the value columns and the year.

    Keys: ``code``, or ``name`` (best with ``province``; ``prefecture`` narrows repeated names),
    or both (then they must agree). Year: a fixed ``year`` for every row, a ``year_column``, or
    neither (values without a year).
    """

    code: str | None = None
    province: str | None = None
    name: str | None = None
    prefecture: str | None = None
    values: tuple[ValueChoice, ...] = ()
    year: int | None = None
    year_column: str | None = None

    def roles(self) -> dict[str, str]:
        """Chosen column → its role in the current language (for messages and the page)."""
        out: dict[str, str] = {}
        for role in ("code", "province", "prefecture", "name", "year_column"):
            col = getattr(self, role)
            if col:
                out.setdefault(col, t(ROLE_KEYS[role]))
        return out


# Header words of yearbooks and GIS exports that tell a column's role (matched, never shown).
_CODE_HINTS = ("代码", "编码", "区划码", "adcode", "code", "pac", "gb")  # i18n: data
_NAME_HINTS = ("县", "区县", "名称", "name", "county", "地名")  # i18n: data
_PROVINCE_HINTS = ("省", "province")  # i18n: data
_PREFECTURE_HINTS = ("地市", "市州", "地级", "地区", "所属市", "市名", "prefecture", "city")  # i18n: data
_YEAR_HINTS = ("年份", "年度", "year")  # i18n: data
_NOT_CODE_HINTS = ("省", "市级", "province")  # i18n: data
_KEY_HINTS = ("代码", "编码", "code")  # i18n: data (a code column is no name, province or prefecture)
_NOT_VALUES = re.compile(r"^(fid|objectid|id|shape_?(leng|length|area)|perimeter|area|length)$", re.IGNORECASE)
_UNIT = re.compile(r"[（(]\s*(?:单位[：:]\s*)?([^()（）]{1,12}?)\s*[)）]\s*$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?\s*年?$")


def _hinted(column: str, hints: Sequence[str]) -> bool:
    low = column.lower()
    return any(h in low for h in hints)


def _text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as trimmed text ("" for missing); whole floats lose their ".0" (codes, years)."""

    def text(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return ""
        if isinstance(value, float | np.floating) and float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return str(value).strip()

    return pd.DataFrame({c: [text(v) for v in frame[c]] for c in frame.columns}, index=frame.index, dtype=object)


def _share(cells: pd.Series, test) -> float:
    filled = [c for c in cells if c]
    return sum(1 for c in filled if test(c)) / len(filled) if filled else 0.0


def _parse_year(text: str) -> int | None:
    m = _YEAR.match(unicodedata.normalize("NFKC", text).strip())
    return int(m.group(1)) if m else None


def guess_unit(header: str) -> str:
    """The unit written in a header: ``"人均收入（元）"`` → ``"元"``; ``""`` when there is none."""
    m = _UNIT.search(header)
    return m.group(1) if m else ""


def attribute_columns(frame: pd.DataFrame) -> list[str]:
    """The columns the user can pick from (a GeoDataFrame's geometry excluded)."""
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    return [str(c) for c in frame.columns if c != geometry]


def suggest_plan(frame: pd.DataFrame, *, values: bool | None = None) -> ImportPlan:
    """Defaults for the column pickers, from headers and contents; the user confirms or changes them.

    ``values`` (default: yes for a table, no for a boundary layer) proposes every remaining
    numeric column as a value column, with the unit found in its header.
    """
    if values is None:
        values = not isinstance(frame, gpd.GeoDataFrame)
    columns = attribute_columns(frame)
    text = _text_frame(frame[columns]) if columns else pd.DataFrame(index=frame.index)
    taken: set[str] = set()

    def pick(hints: Sequence[str], ok=None, exclude: Sequence[str] = ()) -> str | None:
        for col in columns:
            if col not in taken and _hinted(col, hints) and not _hinted(col, exclude) and (ok is None or ok(col)):
                taken.add(col)
                return col
        return None

    def is_code(col: str) -> bool:
        return _share(text[col], lambda c: bool(normalise_code(c))) >= 0.8

    code = pick(_CODE_HINTS, is_code, exclude=_NOT_CODE_HINTS)
    if code is None:  # no telling header: a column of 6-digit codes (not one of numbers)
        for col in columns:
            if is_code(col) and text[col].nunique() == (text[col] != "").sum() and not _hinted(col, _YEAR_HINTS):
                code = col
                taken.add(col)
                break
    year_column = pick(_YEAR_HINTS, lambda c: _share(text[c], lambda t: _parse_year(t) is not None) >= 0.9)

    def is_text(col: str) -> bool:  # names, not numbers ("地区生产总值" is no prefecture)
        check = check_numeric(text, col)
        filled = len(text) - check.n_missing
        return filled > 0 and len(check.bad_cells) >= 0.8 * filled

    not_names = (*_KEY_HINTS, *_PROVINCE_HINTS, *_PREFECTURE_HINTS)
    name = pick(_NAME_HINTS, is_text, exclude=not_names)
    province = pick(_PROVINCE_HINTS, is_text, exclude=_KEY_HINTS)
    prefecture = pick(_PREFECTURE_HINTS, is_text, exclude=_KEY_HINTS)
    if name is None and prefecture is not None:  # yearbooks often head the county names "地区"
        name, prefecture = prefecture, None
    chosen: list[ValueChoice] = []
    if values:
        for col in columns:
            if col in taken or _NOT_VALUES.match(col):
                continue
            check = check_numeric(text, col)
            if check.ok and check.values.notna().any():
                chosen.append(ValueChoice(col, guess_unit(col)))
    return ImportPlan(code, province, name, prefecture, tuple(chosen), None, year_column)


# --------------------------------------------------------------------------- the match


@dataclass(frozen=True)
class ImportMatch:
    """A table or layer joined to the counties, ready for review, overrides and saving.

    ``report.rows`` has one row per input row (``row`` = the source row number: 1-based line of
    the file for tables, the 1-based feature number for layers) with the join's status, adcode,
    method and reason, plus ``options`` (county labels such as "130624 保定市阜平县" the user may
    pick: an ambiguous row's candidates, an unmatched row's similar names) and
    ``uploaded_code/province/name`` (the key cells as uploaded; ``input_*`` are whitespace-cleaned).
    ``numbers`` holds the parsed values (one float column per :class:`Column` key, NaN where the
    cell was empty) and ``years`` the year of each row (nullable), both indexed by ``row``.
    """

    kind: Kind
    plan: ImportPlan
    columns: tuple[Column, ...]
    report: JoinReport
    numbers: pd.DataFrame
    years: pd.Series
    features: gpd.GeoDataFrame | None = None  # boundary uploads, indexed by ``row``
    feature_names: pd.Series | None = None  # the name column's text per feature ("" if none)
    notes: tuple[str, ...] = field(default_factory=tuple)  # lines for the page (the matching run's language)

    def summary(self) -> dict[str, int]:
        """Rows matched (of which ``manual``), unmatched and ambiguous."""
        rows = self.report.rows
        out = self.report.summary()
        out["manual"] = int(((rows["status"] == "matched") & (rows["method"] == "manual")).sum())
        return out

    def matched_rows(self) -> pd.DataFrame:
        """Matched rows (row, input, adcode, matched_name, method in words, reason) for a preview."""
        rows = self.report.of("matched")
        out = pd.DataFrame(
            {
                "row": rows["row"],
                "input_code": rows["uploaded_code"],
                "input_province": rows["uploaded_province"],
                "input_name": rows["uploaded_name"],
                "adcode": rows["adcode"],
                "matched_name": rows["matched_name"],
                "method": rows["method"].map(method_label),
                "reason": rows["reason"],
            }
        )
        return out.reset_index(drop=True)

    def duplicates(self) -> pd.DataFrame:
        """Groups of matched rows that give one county the same column and year twice or more.

        Columns: ``adcode``, ``matched_name``, ``year`` (nullable), ``column`` (the header),
        ``rows`` (tuple of row numbers).
        """
        long = _long_values(self)
        if long.empty:
            return pd.DataFrame(columns=["adcode", "matched_name", "year", "column", "rows"])
        labels = {c.key: c.label for c in self.columns}
        key = ["adcode", "column", "year"]
        dup = long[long.duplicated(key, keep=False)]
        if dup.empty:
            return pd.DataFrame(columns=["adcode", "matched_name", "year", "column", "rows"])
        groups = (
            dup.groupby(key, sort=False, dropna=False)
            .agg(rows=("row", lambda r: tuple(sorted(r))), matched_name=("matched_name", "first"))
            .reset_index()
        )
        groups["column"] = groups["column"].map(labels)
        return groups[["adcode", "matched_name", "year", "column", "rows"]]

    def review_rows(self, *, include_matched: bool = False) -> pd.DataFrame:
        """Rows the user should look at, as :data:`REVIEW_COLUMNS` (``choice`` empty, to be edited).

        Unmatched, ambiguous and duplicate rows (``include_matched`` adds all the others). The
        page shows this in a data editor; the user types or picks an adcode from ``options`` into
        ``choice`` (or :data:`SKIP` to leave a row out) and hands the edited frame to
        :func:`apply_overrides`.
        """
        rows = self.report.rows
        dup_rows: dict[object, set[object]] = {}
        for group in self.duplicates()["rows"]:
            for r in group:
                dup_rows.setdefault(r, set()).update(o for o in group if o != r)
        status = rows["status"].where(~rows["row"].isin(list(dup_rows)), "duplicate")
        keep = status != "matched" if not include_matched else pd.Series(True, index=rows.index)
        out = rows.loc[keep, ["row", "options"]].copy()
        for col in ("input_code", "input_province", "input_name"):  # as uploaded, not whitespace-cleaned
            out[col] = rows.loc[keep, f"uploaded_{col.removeprefix('input_')}"]
        out["status"] = status[keep]
        problems = []
        for r, s in zip(rows.loc[keep].itertuples(index=False), status[keep], strict=True):
            if s == "duplicate":
                others = _rows_listed(sorted(dup_rows[r.row]))
                problems.append(t("importer.problem_duplicate", rows=others, county=place(r.matched_name)))
            elif r.reason:
                problems.append(t("importer.problem", status=status_label(s), reason=r.reason))
            else:
                problems.append(status_label(s))
        out["problem"] = problems
        out["current"] = [
            f"{r.adcode} {place(r.matched_name)}" if r.status == "matched" else "" for r in rows.loc[keep].itertuples()
        ]
        out["options"] = out["options"].map(list)
        out["choice"] = ""
        return out[list(REVIEW_COLUMNS)].reset_index(drop=True)

    def choice_options(self) -> list[str]:
        """Every candidate label of the rows under review, plus :func:`skip_choice` (for a select box)."""
        seen: dict[str, None] = {}
        for options in self.review_rows()["options"]:
            seen.update(dict.fromkeys(options))
        return [*seen, skip_choice()]


def _check_plan(frame: pd.DataFrame, plan: ImportPlan, *, values_required: bool, what: str) -> None:
    columns = set(attribute_columns(frame))
    if not plan.code and not plan.name:
        raise UploadError(t("importer.no_key", what=what), kind="no_key")
    if values_required and not plan.values:
        raise UploadError(t("importer.no_values_chosen"), kind="no_values")
    chosen = [c for c in (plan.code, plan.province, plan.name, plan.prefecture, plan.year_column) if c]
    chosen += [v.column for v in plan.values]
    missing = [c for c in chosen if c not in columns]
    if missing:
        raise UploadError(
            t("importer.no_such_columns", what=what, columns=_quoted(dict.fromkeys(missing))), kind="column"
        )
    roles = plan.roles()
    labels = [v.column for v in plan.values]
    twice = [c for c in dict.fromkeys(labels) if labels.count(c) > 1]
    if twice:
        raise UploadError(t("importer.values_twice", columns=_quoted(twice)), kind="column_roles")
    clash = [c for c in labels if c in roles]
    if clash:
        clashes = t("common.list_separator").join(t("importer.chosen_as", column=c, role=roles[c]) for c in clash)
        raise UploadError(t("importer.role_clash", clashes=clashes), kind="column_roles")
    keys = [c for c in (plan.code, plan.province, plan.name, plan.prefecture, plan.year_column) if c]
    same = [c for c in dict.fromkeys(keys) if keys.count(c) > 1]
    if same:
        raise UploadError(t("importer.several_roles", columns=_quoted(same)), kind="column_roles")
    if plan.year is not None and plan.year_column:
        raise UploadError(t("importer.year_both"), kind="year")
    if plan.year is not None and (
        isinstance(plan.year, bool) or not isinstance(plan.year, int) or not MIN_YEAR <= plan.year <= MAX_YEAR
    ):
        raise UploadError(t("importer.bad_year", year=plan.year, min=MIN_YEAR, max=MAX_YEAR), kind="bad_year")
    long_labels = [v for v in plan.values if len(v.column) > MAX_LABEL_CHARS or len(v.unit) > MAX_LABEL_CHARS]
    if long_labels:
        raise UploadError(t("importer.label_too_long", limit=MAX_LABEL_CHARS), kind="too_long")


def _quoted(names: Iterable[str]) -> str:
    """``“a”、“b”`` (the user's column names, quoted and listed)."""
    return t("common.list_separator").join(f"“{name}”" for name in names)


def _rows_listed(rows: Sequence[object], features: bool = False) -> str:
    """``第 3、17 行`` / ``第 1、2、3、4、5 行等共 9 行`` (or features), in the current language."""
    kind = "features" if features else "rows"
    shown = t("common.list_separator").join(str(r) for r in rows[:MAX_LISTED])
    listed = t(f"importer.{kind}_listed" if len(rows) > 1 else f"importer.{kind}_listed_one", rows=shown)
    return listed + (t(f"importer.{kind}_more", count=len(rows)) if len(rows) > MAX_LISTED else "")


def _years(text: pd.DataFrame, plan: ImportPlan) -> pd.Series:
    if plan.year_column:
        parsed = [_parse_year(cell) for cell in text[plan.year_column]]
        bad = [
            (row, cell)
            for row, cell, y in zip(text.index, text[plan.year_column], parsed, strict=True)
            if y is None or not MIN_YEAR <= y <= MAX_YEAR
        ]
        if bad:
            raise UploadError(
                t(
                    "importer.bad_years",
                    column=plan.year_column,
                    cells=cells_listed(bad, MAX_LISTED),
                    min=MIN_YEAR,
                    max=MAX_YEAR,
                ),
                kind="bad_year",
            )
        return pd.Series(parsed, index=text.index, dtype="Int64")
    return pd.Series(plan.year, index=text.index, dtype="Int64")


def _numbers(frame: pd.DataFrame, text: pd.DataFrame, plan: ImportPlan) -> tuple[pd.DataFrame, list[str]]:
    columns, messages, notes = {}, [], []
    for j, choice in enumerate(plan.values, start=1):
        raw = frame[choice.column]
        if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
            values = pd.Series(raw.to_numpy(dtype="float64", na_value=np.nan), index=frame.index)
            values = values.where(np.isfinite(values))
            n_missing = int(values.isna().sum())
        else:
            check = check_numeric(text, choice.column)
            if not check.ok:
                messages.append(check.message())
                continue
            values, n_missing = check.values, check.n_missing
        if values.notna().sum() == 0:
            messages.append(t("importer.no_numbers", column=choice.column))
            continue
        if n_missing:
            notes.append(t("importer.note_empty_cells", column=choice.column, count=n_missing))
        columns[f"c{j}"] = values.to_numpy(dtype="float64")
    if messages:
        raise UploadError("\n".join(messages), kind="non_numeric")
    return pd.DataFrame(columns, index=frame.index, dtype="float64"), notes


def _with_options(report: JoinReport, gazetteer: Gazetteer, text: pd.DataFrame, plan: ImportPlan) -> JoinReport:
    """Add ``options`` (the ambiguous rows' candidates, the unmatched rows' similar names) and
    ``uploaded_code/province/name``: the key cells as uploaded (the join strips all whitespace)."""
    options: list[tuple[str, ...]] = []
    for r in report.rows.itertuples(index=False):
        if r.status == "ambiguous" and r.candidates:
            options.append(tuple(c for c in r.candidates.split(CANDIDATE_SEP) if c))
        elif r.status == "unmatched" and r.input_name:
            prefix = gazetteer.province_prefix(r.input_province) if r.input_province else None
            close = gazetteer.similar(r.input_name, prefix)
            options.append(tuple(_label(gazetteer, code) for _, _, code in close))
        else:
            options.append(())
    uploaded = {
        f"uploaded_{role}": text[col].to_numpy() if col else ""
        for role, col in (("code", plan.code), ("province", plan.province), ("name", plan.name))
    }
    return JoinReport(report.rows.assign(options=options, **uploaded))


def _label(gazetteer: Gazetteer, adcode: str) -> str:
    return county_label(gazetteer, adcode)


def _join(
    kind: Kind,
    frame: pd.DataFrame,
    plan: ImportPlan,
    gazetteer: Gazetteer,
    *,
    values_required: bool,
    what: str,
    features: gpd.GeoDataFrame | None = None,
    notes: Sequence[str] = (),
) -> ImportMatch:
    if len(frame) == 0:
        raise UploadError(t("importer.no_rows", what=what), kind="no_rows")
    _check_plan(frame, plan, values_required=values_required, what=what)
    text = _text_frame(frame[attribute_columns(frame)])
    numbers, number_notes = _numbers(frame, text, plan)
    years = _years(text, plan)
    report = match_counties(text, gazetteer, code=plan.code, province=plan.province, name=plan.name,
                            prefecture=plan.prefecture)  # fmt: skip
    columns = tuple(Column(f"c{j}", v.column, v.unit.strip()) for j, v in enumerate(plan.values, start=1))
    names = text[plan.name] if (features is not None and plan.name) else None
    if features is not None and names is None:
        names = pd.Series("", index=frame.index, dtype=object)
    return ImportMatch(
        kind=kind,
        plan=plan,
        columns=columns,
        report=_with_options(report, gazetteer, text, plan),
        numbers=numbers,
        years=years,
        features=features,
        feature_names=names,
        notes=(*notes, *number_notes),
    )


def match_table(table: pd.DataFrame, plan: ImportPlan, gazetteer: Gazetteer) -> ImportMatch:
    """Check the chosen columns and numbers, then match every row of ``table`` to a county.

    ``table`` comes from ``table_from_grid`` (its index = source row numbers). Refuses an empty
    table, a plan without key or value columns, non-numeric value cells (listing them) and bad
    years. Unmatched and ambiguous rows are reported, not refused.
    """
    index = table.index if table.index.is_unique else pd.RangeIndex(1, len(table) + 1, name="行号")  # i18n: data
    what = t("importer.what_table")
    return _join("table", table.set_axis(index, axis=0), plan, gazetteer, values_required=True, what=what)


def match_boundaries(read: BoundaryRead, plan: ImportPlan, gazetteer: Gazetteer) -> ImportMatch:
    """Match each feature of an uploaded layer to a county by its attributes.

    Value columns are optional here (a layer may be boundaries only). Features are numbered 1..N
    in file order; the read notes (reprojection, repairs) are carried into ``notes``.
    """
    frame = read.frame
    if len(frame) == 0:
        raise UploadError(t("upload.layer_empty"), kind="no_rows")
    index = pd.RangeIndex(1, len(frame) + 1, name="要素序号")  # i18n: data (an index name, never shown)
    frame = frame.set_axis(index, axis=0)
    features = gpd.GeoDataFrame(geometry=frame.geometry.values, index=index, crs=frame.crs)
    attrs = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    return _join("boundaries", attrs, plan, gazetteer, values_required=False, what=t("importer.what_attributes"),
                 features=features, notes=read.notes)  # fmt: skip


# --------------------------------------------------------------------------- overrides

_CODE_AT_START = re.compile(r"^\s*(\d{6})(?:\s|$)")


def _parse_choice(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _CODE_AT_START.match(text)  # "130624 保定市阜平县" as offered in ``options``
    return m.group(1) if m else text


def apply_overrides(
    match: ImportMatch, choices: Mapping[int, object] | pd.DataFrame, gazetteer: Gazetteer
) -> ImportMatch:
    """Apply the user's county choices: ``{row: adcode}`` or the edited :meth:`~ImportMatch.review_rows`.

    A choice is a current 6-digit adcode of the gazetteer (optionally followed by a label, as in
    ``options``), :data:`SKIP` (or :func:`skip_choice`, ``skip``, ``-``) to leave the row out, or
    empty for no change. Chosen rows become
    ``matched`` (or ``unmatched`` for SKIP) with method ``"manual"``. Every choice is validated
    first; if any is invalid the whole edit is refused with a message listing them, and nothing
    is applied.
    """
    if isinstance(choices, pd.DataFrame):
        if not {"row", "choice"} <= set(choices.columns):
            raise UploadError(
                t("importer.override_columns", row=review_label("row"), choice=review_label("choice")),
                kind="bad_override",
            )
        pairs = list(zip(choices["row"], choices["choice"], strict=True))
    else:
        pairs = list(choices.items())
    rows = match.report.rows.set_index("row", drop=False)
    updates: dict[object, tuple[str, str]] = {}
    errors: list[str] = []
    for row, value in pairs:
        choice = _parse_choice(value)
        if not choice:
            continue
        if row not in rows.index:
            errors.append(t("importer.override_no_row", row=row))
            continue
        if is_skip(choice):
            updates[row] = ("", "")
            continue
        code = normalise_code(choice)
        if not code:
            errors.append(t("importer.override_not_code", row=row, text=choice))
        elif code not in gazetteer.places:
            current = [c for c in gazetteer.book.resolve(code) if c in gazetteer.places]
            if len(current) == 1:
                hint = t("importer.override_old_code", county=_label(gazetteer, current[0]))
            else:
                hint = t("importer.override_not_in_boundaries")
            errors.append(t("importer.override_invalid", row=row, code=code, hint=hint))
        else:
            updates[row] = (code, gazetteer.places[code].name)
    if errors:
        more = t("upload.more_cells", count=len(errors)) if len(errors) > 10 else ""
        raise UploadError(
            t(
                "importer.override_refused",
                errors=t("common.clause_separator").join(errors[:10]) + more,
                skip=skip_choice(),
            ),
            kind="bad_override",
        )
    if not updates:
        return match
    new = match.report.rows.copy()
    at = new["row"].isin(list(updates))
    for i in new.index[at]:
        code, name = updates[new.at[i, "row"]]
        new.loc[i, ["status", "adcode", "matched_name", "method", "reason"]] = [
            "matched" if code else "unmatched",
            code,
            name,
            "manual",
            t("importer.reason_manual") if code else t("importer.reason_skipped"),
        ]
    return replace(match, report=JoinReport(new))


def check_alignment(match: ImportMatch, reference: gpd.GeoDataFrame) -> gcj02.ShiftCheck:
    """GCJ-02 / offset check of a boundary upload's matched features against ``reference``
    (``geo.boundaries.counties("full")``); see :func:`geo.upload.gcj02.detect_gcj02_shift`."""
    if match.features is None:
        raise ValueError("check_alignment needs a boundary upload")
    return gcj02.detect_gcj02_shift(_features(match), reference)


# --------------------------------------------------------------------------- the dataset


def _long_values(match: ImportMatch) -> pd.DataFrame:
    """Matched rows × value columns with a number: row, adcode, matched_name, column, year, value."""
    rows = match.report.rows
    matched = rows[rows["status"] == "matched"]
    if matched.empty or not match.columns:
        return pd.DataFrame(columns=["row", "adcode", "matched_name", "column", "year", "value"])
    numbers = match.numbers.loc[matched["row"].to_numpy()]
    years = match.years.loc[matched["row"].to_numpy()]
    parts = []
    for col in match.columns:
        part = pd.DataFrame(
            {
                "row": matched["row"].to_numpy(),
                "adcode": matched["adcode"].to_numpy(),
                "matched_name": matched["matched_name"].to_numpy(),
                "column": col.key,
                "year": years.to_numpy(),
                "value": numbers[col.key].to_numpy(),
            }
        )
        parts.append(part[part["value"].notna()])
    long = pd.concat(parts, ignore_index=True)
    long["year"] = long["year"].astype("Int64")
    return long


def _features(match: ImportMatch) -> gpd.GeoDataFrame:
    assert match.features is not None and match.feature_names is not None
    rows = match.report.rows.set_index("row")
    codes = rows["adcode"].where(rows["status"] == "matched", "").reindex(match.features.index).fillna("")
    return gpd.GeoDataFrame(
        {"adcode": codes.astype(str).to_numpy(), "name": match.feature_names.reindex(match.features.index).to_numpy()},
        geometry=match.features.geometry.values,
        crs=match.features.crs,
    )


def _check_text(value: str, what: str, limit: int, kind: str) -> str:
    """``value`` stripped; ``what`` names it in messages (current language, e.g. "the dataset name")."""
    text = (value or "").strip()
    if not text:
        raise UploadError(t("importer.text_missing", what=what), kind=kind)
    if len(text) > limit:
        raise UploadError(t("importer.text_too_long", what=what, limit=limit, count=len(text)), kind="too_long")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise UploadError(t("importer.text_control", what=what), kind="bad_text")
    return text


def build_dataset(
    match: ImportMatch, *, name: str, source: str, filename: str = "", correct_gcj02: bool = False
) -> Dataset:
    """The :class:`Dataset` to save: matched rows only, one value per county × column × year.

    Refuses an empty ``name`` or ``source``, a match without any matched row, and duplicate keys
    (two rows giving one county the same column and year: the message lists them and how to fix).
    For a boundary upload, ``features`` holds every feature (adcode ``""`` when unmatched), moved
    back from GCJ-02 when ``correct_gcj02`` is set.
    """
    name = _check_text(name, t("importer.what_name"), MAX_NAME_CHARS, "name_missing")
    source = _check_text(source, t("importer.what_source"), MAX_SOURCE_CHARS, "source_missing")
    summary = match.summary()
    if summary["matched"] == 0:
        what = t("importer.what_row" if match.kind == "table" else "importer.what_feature")
        raise UploadError(
            t("importer.no_match", what=what, unmatched=summary["unmatched"], ambiguous=summary["ambiguous"]),
            kind="no_match",
        )
    dups = match.duplicates()
    if not dups.empty:
        listed = t("common.clause_separator").join(
            t(
                "importer.duplicate_group",
                rows=_rows_listed(list(d.rows)),
                county=place(d.matched_name),
                adcode=d.adcode,
                year="" if pd.isna(d.year) else t("importer.duplicate_year", year=d.year),
                column=d.column,
            )
            for d in dups.head(MAX_LISTED).itertuples()
        )
        more = t("importer.duplicate_groups_more", count=len(dups)) if len(dups) > MAX_LISTED else ""
        raise UploadError(t("importer.duplicate_keys", groups=listed + more, skip=skip_choice()), kind="duplicate_keys")
    long = _long_values(match)
    if match.kind == "table" and long.empty:
        raise UploadError(t("importer.no_values"), kind="no_values")
    values = pd.DataFrame(
        {
            "adcode": long["adcode"].astype(str),
            "column": long["column"].astype(str),
            "year": long["year"].astype("Int64"),
            "value": long["value"].astype("float64"),
        }
    )[list(VALUE_COLUMNS)].reset_index(drop=True)
    features = None
    if match.kind == "boundaries":
        features = _features(match)
        too_long = [
            str(r) for r, n in zip(match.features.index, features["name"], strict=True) if len(n) > MAX_LABEL_CHARS
        ]
        if too_long:
            raise UploadError(
                t(
                    "importer.feature_names_too_long",
                    features=_rows_listed(too_long, features=True),
                    limit=MAX_LABEL_CHARS,
                ),
                kind="too_long",
            )
        if correct_gcj02:
            features = gcj02.correct_gcj02(features)
        features = features[[*FEATURE_COLUMNS, "geometry"]]
    meta = DatasetMeta(
        id=DatasetMeta.new_id(),
        name=name,
        source=source,
        imported_at=DatasetMeta.now(),
        kind=match.kind,
        filename=str(filename or "")[:255],
        columns=match.columns,
        rows=summary["matched"],
        join_summary=summary,
    )
    return Dataset(meta=meta, values=values, features=features)
