"""Step ② for a boundary layer: .dbf encoding, CRS (asked when missing), GCJ-02 check, columns."""

from __future__ import annotations

import functools

import streamlit as st
from pyproj import CRS

from geo.i18n import t
from geo.ui import cache
from geo.ui.data_common import Joined, Upload, gazetteer, memo, show_problem, step, tag
from geo.ui.data_plan import plan_controls
from geo.ui.text import md
from geo.upload.boundaries import TARGET_CRS, BoundaryRead, read_boundaries
from geo.upload.errors import UploadError
from geo.userdata.importer import check_alignment, match_boundaries

#: .dbf encodings offered: how each is shown ("" = detect: a catalogue key, resolved at use).
DBF_ENCODINGS = {"": "data.dbf_encoding_auto", "UTF-8": "UTF-8", "GB18030": "GBK / GB18030"}
#: Formats read: how each is named (catalogue keys where the name has words).
FORMAT_LABELS = {"shapefile": "data.format_shapefile", "geojson": "GeoJSON", "gpkg": "GeoPackage"}
#: UploadError kinds that mean "tell us the CRS".
CRS_KINDS = frozenset({"crs_missing_geographic", "crs_missing_projected", "crs_mismatch"})
GEOGRAPHIC = (4490, 4326)
#: CGCS2000 Gauss-Krüger 3° (central meridian, then zone-prefixed) and 6° zones, WGS 84 / UTM 43N–53N.
PROJECTED = (*range(4534, 4555), *range(4513, 4534), *range(4502, 4513), *range(4491, 4502), *range(32643, 32654))
OTHER = "other"
_ZIP_MAGIC = b"PK\x03\x04"


@functools.cache
def crs_label(code: int) -> str:
    """``4547`` → ``"EPSG:4547 · CGCS2000 / 3-degree Gauss-Kruger CM 114E"``."""
    return f"EPSG:{code} · {CRS.from_epsg(code).name}"


def _shown(label: str) -> str:
    """An entry of :data:`DBF_ENCODINGS` / :data:`FORMAT_LABELS`: a catalogue key, or a name as is."""
    return t(label) if label.startswith("data.") else label


def crs_options(kind: str) -> list[str]:
    """The CRS choices offered for a refusal ``kind`` (plus "other": type an EPSG code)."""
    codes = GEOGRAPHIC if kind == "crs_missing_geographic" else PROJECTED
    return [f"EPSG:{c}" for c in codes] + [OTHER]


def _assumed_crs(upload: Upload) -> str | None:
    """The CRS the user picked for a file without one (read before the picker is drawn again)."""
    choice = st.session_state.get(upload.key("crs"))
    if choice == OTHER:
        typed = str(st.session_state.get(upload.key("crs_other"), "")).strip()
        if not typed:
            return None
        return f"EPSG:{typed}" if typed.isdigit() else typed
    return choice


def _crs_picker(upload: Upload, kind: str) -> None:
    options = crs_options(kind)
    left, right = st.columns([3, 1])
    other = t("data.crs_other")
    choice = left.selectbox(
        t("data.crs"),
        options,
        index=None,
        format_func=lambda o: other if o == OTHER else crs_label(int(o.removeprefix("EPSG:"))),
        placeholder=t("data.crs_placeholder"),
        key=upload.key("crs"),
        help=t("data.crs_help"),
    )
    if choice == OTHER:
        right.text_input(
            t("data.epsg_code"), key=upload.key("crs_other"), placeholder=t("data.epsg_placeholder"), max_chars=12
        )


def _read(upload: Upload, encoding: str, assumed: str | None, layer: str | None) -> BoundaryRead | None:
    kind_key = upload.key("crs_kind")
    try:
        with st.spinner(t("data.reading_boundaries")):
            read = memo(
                upload,
                ("read", encoding, assumed, layer),
                lambda: read_boundaries(
                    upload.data, upload.filename, assume_crs=assumed, encoding=encoding or None, layer=layer
                ),
            )
    except UploadError as err:
        if err.kind in CRS_KINDS:
            st.session_state[kind_key] = err.kind
            st.warning(md(err, limit=1500))
            _crs_picker(upload, err.kind)
        elif err.kind == "choose_layer":
            st.warning(md(err, limit=1500))
            st.text_input(t("data.layer"), key=upload.key("layer"), placeholder=t("data.layer_placeholder"))
        else:
            show_problem(err)
            if kind_key in st.session_state:  # e.g. the chosen CRS does not parse: let the user change it
                _crs_picker(upload, st.session_state[kind_key])
        return None
    if read.crs_assumed and kind_key in st.session_state:
        _crs_picker(upload, st.session_state[kind_key])
    if layer:
        st.text_input(t("data.layer"), key=upload.key("layer"))
    return read


def summary_lines(read: BoundaryRead) -> list[str]:
    """What was read, as markdown list lines: format, CRS (and how it was chosen), .dbf encoding."""
    if read.crs_assumed:
        crs = t("data.crs_as_chosen", crs=md(read.source_crs)) if read.source_crs else t("data.crs_chosen")
    else:
        crs = md(read.source_crs) if read.source_crs else t("data.crs_undeclared")
    lines = [
        t("data.read_format", format=_shown(FORMAT_LABELS.get(read.format, read.format))),
        t("data.read_crs", crs=crs, target=TARGET_CRS),
    ]
    if read.encoding:
        lines.append(t("data.read_encoding", encoding=md(read.encoding)))
    return lines


def _summary(read: BoundaryRead) -> None:
    with st.status(t("data.read_boundaries", count=len(read.frame)), state="complete", expanded=True):
        st.markdown("".join(f"- {line}\n" for line in summary_lines(read)))
        for note in read.notes:
            (st.warning if note in read.warnings else st.info)(md(note, limit=600))


def boundary_step(upload: Upload) -> Joined | None:
    """Read the layer (asking for a CRS when it has none), pick columns, join, check the alignment."""
    step(t("data.step_boundaries"))
    encoding = ""
    if upload.data.startswith(_ZIP_MAGIC):
        encoding = st.selectbox(
            t("data.dbf_encoding"),
            list(DBF_ENCODINGS),
            format_func=lambda e: _shown(DBF_ENCODINGS[e]),
            key=upload.key("dbf_encoding"),
            help=t("data.dbf_encoding_help"),
        )
    assumed = _assumed_crs(upload)
    layer = str(st.session_state.get(upload.key("layer"), "")).strip() or None
    read = _read(upload, encoding, assumed, layer)
    if read is None:
        return None
    _summary(read)

    scope = tag(encoding, assumed, layer)
    plan = plan_controls(upload, read.frame, scope, boundaries=True)
    key = ("match", scope, plan)
    try:
        with st.spinner(t("data.matching_boundaries")):
            match = memo(upload, key, lambda: match_boundaries(read, plan, gazetteer()))
            check = memo(upload, ("align", *key), lambda: check_alignment(match, cache.county_polygons("full")))
    except UploadError as err:
        show_problem(err)
        return None
    correct = False
    if check.needs_attention:
        st.warning(md(check.message, limit=600))
        correct = st.checkbox(
            t("data.gcj02_correct"),
            value=check.looks_gcj02,
            key=upload.key("gcj02"),
            help=t("data.gcj02_correct_help"),
        )
    else:
        st.caption(md(check.message, limit=600))
    return Joined(match=match, key=(*key, correct), correct_gcj02=correct, shown_notes=frozenset(read.notes))
