"""Step ③ of the data page: matched / unmatched / ambiguous rows, and the user's fixes.

The fixes (row → adcode or skip) live in the session, per upload, so they survive reruns and
changes of the column plan. They are edited in a data editor (a select box of the suggested
counties) or, for any code, in a one-row form below it; both are validated with
:func:`~geo.userdata.importer.apply_overrides` before they are kept.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.i18n import place, t
from geo.ui.data_common import Joined, Reviewed, Upload, gazetteer, show_problem, step
from geo.ui.language import in_language
from geo.ui.text import md
from geo.upload.errors import UploadError
from geo.userdata.importer import (
    REVIEW_COLUMNS,
    ImportMatch,
    apply_overrides,
    review_label,
    skip_choice,
    status_label,
)

#: Headers of the matched rows' table (:meth:`ImportMatch.matched_rows`): catalogue keys.
MATCHED_LABELS = {
    "row": "importer.col_row",
    "input_code": "importer.col_input_code",
    "input_province": "importer.col_input_province",
    "input_name": "importer.col_input_name",
    "adcode": "data.col_adcode",
    "matched_name": "data.col_matched_name",
    "method": "data.col_method",
    "reason": "data.col_reason",
}
EDITOR_HEIGHT_ROWS = 12
EDITOR_CONTAINER = "data_review_editor"
#: The editable column right after the input, before the long explanations.
EDITOR_ORDER = (
    "row",
    "input_code",
    "input_province",
    "input_name",
    "status",
    "choice",
    "current",
    "problem",
    "options",
)


def overrides_of(upload: Upload) -> dict[int, str]:
    """The user's kept fixes for this upload: source row → adcode (or the skip word)."""
    return dict(st.session_state.get(upload.key("overrides"), {}))


def editor_rows(base: ImportMatch, match: ImportMatch, overrides: dict[int, str]) -> pd.DataFrame:
    """Rows for the review editor: every row that needed a look or was fixed, as it stands now.

    ``base`` is the match before the fixes, ``match`` after them; ``choice`` holds the kept fix.
    """
    wanted = set(base.review_rows()["row"]) | set(match.review_rows()["row"]) | set(overrides)
    now = match.review_rows(include_matched=True)
    rows = now[now["row"].isin(wanted)].copy()
    manual = set(match.report.rows.loc[match.report.rows["method"] == "manual", "row"])
    rows["status"] = [
        status_label(s) + (t("data.status_manual") if r in manual else "")
        for r, s in zip(rows["row"], rows["status"], strict=True)
    ]
    rows["options"] = rows["options"].map(t("common.clause_separator").join)
    rows["choice"] = [overrides.get(int(r)) for r in rows["row"]]  # None: no fix (the editor's placeholder)
    return rows[list(REVIEW_COLUMNS)].reset_index(drop=True)


def _commit(upload: Upload, base: ImportMatch, choices: dict[int, object]) -> bool:
    """Keep ``choices`` as the fixes if every one is valid; otherwise keep the message."""
    cleaned = {int(r): str(c).strip() for r, c in choices.items() if c is not None and str(c).strip()}
    try:
        apply_overrides(base, cleaned, gazetteer())
    except UploadError as err:
        st.session_state[upload.key("review_error")] = str(err)
        return False
    st.session_state[upload.key("overrides")] = cleaned
    st.session_state[upload.key("editor_version")] = st.session_state.get(upload.key("editor_version"), 0) + 1
    st.session_state.pop(upload.key("review_error"), None)
    return True


def matched_table(match: ImportMatch) -> pd.DataFrame:
    """The matched rows with headers in the current language and county names through ``place``."""
    rows = match.matched_rows()
    rows["matched_name"] = rows["matched_name"].map(place)
    labels = {column: t(key) for column, key in MATCHED_LABELS.items()}
    if match.kind == "boundaries":
        labels["row"] = t("data.col_feature")
    return rows.rename(columns=labels)


@in_language
def _apply_editor(upload: Upload, base: ImportMatch) -> None:
    """Button callback: the editor's edits (by row position) on top of the kept fixes.

    Reads the editor that was drawn last (not arguments bound when the button was drawn: a run
    interrupted by a quick next click can leave a button's arguments one run behind).
    """
    editor_key, editor_rows_shown = st.session_state.get(upload.key("editor_shown"), (None, []))
    choices: dict[int, object] = dict(overrides_of(upload))
    for position, change in ((st.session_state.get(editor_key) or {}).get("edited_rows") or {}).items():
        if "choice" in change and int(position) < len(editor_rows_shown):
            choices[editor_rows_shown[int(position)]] = change["choice"]
    _commit(upload, base, choices)


@in_language
def _apply_one(upload: Upload, base: ImportMatch) -> None:
    """Button callback of the one-row form: any code typed for one row (empty: undo the fix)."""
    row = st.session_state.get(upload.key("fix_row"))
    if row is None:
        return
    code = str(st.session_state.get(upload.key("fix_code"), "")).strip()
    choices: dict[int, object] = dict(overrides_of(upload))
    if code:
        choices[int(row)] = code
    else:
        choices.pop(int(row), None)
    if _commit(upload, base, choices):
        st.session_state[upload.key("fix_code")] = ""


def _metrics(match: ImportMatch) -> None:
    summary = match.summary()
    cols = st.columns(4)
    cols[0].metric(status_label("matched"), f"{summary['matched']:,}")
    cols[1].metric(status_label("unmatched"), f"{summary['unmatched']:,}")
    cols[2].metric(status_label("ambiguous"), f"{summary['ambiguous']:,}")
    cols[3].metric(t("data.metric_manual"), f"{summary['manual']:,}")


def review_step(upload: Upload, joined: Joined) -> Reviewed:
    """Show the join and the rows to fix; return the match with the kept fixes applied."""
    step(t("data.step_review"))
    base = joined.match
    present = {int(r) for r in base.report.rows["row"]}
    kept = {r: c for r, c in overrides_of(upload).items() if r in present}
    try:
        match = apply_overrides(base, kept, gazetteer()) if kept else base
    except UploadError as err:  # a kept fix no longer applies (e.g. another key column): drop them all
        show_problem(err, t("data.fixes_dropped"))
        match, kept = base, {}
    _metrics(match)
    features = match.kind == "boundaries"
    row_label = t("data.col_feature") if features else review_label("row")
    for note in match.notes:
        if note not in joined.shown_notes:
            st.caption(md(note, limit=600))
    matched = match.summary()["matched"]
    with st.expander(t("data.matched_features" if features else "data.matched_rows", count=matched)):
        st.dataframe(matched_table(match), hide_index=True, width="stretch")

    rows = editor_rows(base, match, kept)
    if rows.empty:
        st.success(t("data.all_features_matched" if features else "data.all_rows_matched"))
        return Reviewed(match=match, key=(*joined.key, ()))
    skip = skip_choice()
    if not match.duplicates().empty:
        st.warning(t("data.duplicates_warning", status=status_label("duplicate"), skip=skip))
    st.markdown(t("data.review_intro", column=review_label("choice"), skip=skip, apply=t("data.apply")))
    version = st.session_state.get(upload.key("editor_version"), 0)
    editor_key = upload.key("editor", version)
    options = list(dict.fromkeys([*base.choice_options(), *match.choice_options(), *kept.values(), skip]))
    config = {c: st.column_config.TextColumn(review_label(c)) for c in REVIEW_COLUMNS}
    config["row"] = st.column_config.NumberColumn(row_label, format="%d")
    config["choice"] = st.column_config.SelectboxColumn(
        review_label("choice"), options=options, width="medium", help=t("data.choice_help", skip=skip)
    )
    config["problem"] = st.column_config.TextColumn(review_label("problem"), width="large")
    with st.container(key=EDITOR_CONTAINER):  # a stable hook (class st-key-…) for styling and browser tests
        st.data_editor(
            rows,
            key=editor_key,
            column_config=config,
            disabled=[c for c in REVIEW_COLUMNS if c != "choice"],
            column_order=EDITOR_ORDER,
            hide_index=True,
            width="stretch",
            height=min(len(rows), EDITOR_HEIGHT_ROWS) * 35 + 40,
            placeholder=t("data.choice_placeholder"),
        )
    st.session_state[upload.key("editor_shown")] = (editor_key, [int(r) for r in rows["row"]])
    st.button(t("data.apply"), key=upload.key("apply"), on_click=_apply_editor, args=(upload, base))
    with st.expander(t("data.fix_by_row")):
        names = dict(zip(rows["row"], rows["input_name"], strict=True))
        option = "data.fix_feature_option" if features else "data.fix_row_option"
        left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
        left.selectbox(
            row_label,
            [int(r) for r in rows["row"]],
            key=upload.key("fix_row"),
            format_func=lambda r: t(option, row=r, name=names.get(r, "")),
        )
        middle.text_input(
            t("data.fix_code", skip=skip), key=upload.key("fix_code"), placeholder=t("data.fix_code_placeholder")
        )
        right.button(t("data.fix_apply"), key=upload.key("fix_apply"), on_click=_apply_one, args=(upload, base))
    error = st.session_state.pop(upload.key("review_error"), None)
    if error:
        show_problem(UploadError(error), t("data.not_applied"))
    return Reviewed(match=match, key=(*joined.key, tuple(sorted(kept.items()))))
