"""The data page (数据导入, issue 6): bring a statistics table or a boundary layer into the atlas.

Numbered steps, each in its own module and shared by both kinds of upload where they can be:

① type and file (here) → ② reading options and columns (:mod:`geo.ui.data_table` for tables,
:mod:`geo.ui.data_layer` for boundaries: CRS picker, GCJ-02 check; both use
:mod:`geo.ui.data_plan`) → ③ match results and fixes (:mod:`geo.ui.data_review`) → ④ preview on
the map and ⑤ save (:mod:`geo.ui.data_finish`) → ⑥ saved datasets (:mod:`geo.ui.data_saved`).

Everything after "the bytes of a file arrived" is :func:`import_flow`, a plain function of an
:class:`~geo.ui.data_common.Upload`. Every refusal (:class:`~geo.upload.errors.UploadError`,
:class:`~geo.store.base.StoreError`) is shown as a message in the session's language and nothing
is saved. The page's texts are ``data.*`` in ``geo/i18n/catalogue/data.toml``.
"""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.ui import cache
from geo.ui.data_common import Upload
from geo.ui.data_finish import preview_step, save_requested, save_step
from geo.ui.data_layer import boundary_step
from geo.ui.data_review import review_step
from geo.ui.data_saved import saved_step
from geo.ui.data_table import table_step
from geo.ui.filters import seed_from_url, shared_state
from geo.upload.limits import MAX_UPLOAD_BYTES, MiB, format_bytes

KIND_KEY = "data_kind"
#: The two kinds of upload → catalogue keys of their names and of what the file may be.
KIND_LABELS = {"table": "data.kind_table", "boundaries": "data.kind_boundaries"}
FILE_TYPES = {"table": ["csv", "tsv", "txt", "xlsx", "xlsm"], "boundaries": ["zip", "geojson", "json", "gpkg"]}
KIND_HELP = {"table": "data.kind_table_help", "boundaries": "data.kind_boundaries_help"}
#: Per-file limit of the uploader, in Streamlit's megabytes (MiB); ``server.maxUploadSize`` agrees.
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // MiB


def choose_file() -> Upload | None:
    """Step ①: what kind of data, and the file."""
    st.subheader(t("data.step_file"), anchor=False)
    kind = st.radio(
        t("data.kind"), list(KIND_LABELS), format_func=lambda k: t(KIND_LABELS[k]), key=KIND_KEY, horizontal=True
    )
    st.caption(t("data.file_caption", help=t(KIND_HELP[kind]), size=format_bytes(MAX_UPLOAD_BYTES)))
    file = st.file_uploader(
        t("data.choose_file"),
        type=FILE_TYPES[kind],
        key=f"data_file_{kind}",
        max_upload_size=MAX_UPLOAD_MB,
        help=t("data.choose_file_help"),
    )
    if file is None:
        return None
    return Upload(kind=kind, filename=file.name, data=file.getvalue(), token=file.file_id)


def import_flow(upload: Upload) -> None:
    """Steps ②–⑤ for one received file; each step stops the flow when it cannot go on."""
    requested = save_requested(upload)  # a save click is for this run only (dropped if the flow stops early)
    joined = table_step(upload) if upload.kind == "table" else boundary_step(upload)
    if joined is None:
        return
    reviewed = review_step(upload, joined)
    if preview_step(upload, reviewed, joined):
        save_step(upload, reviewed, joined, requested=requested)


def show_page() -> None:
    seed_from_url(cache.vocabulary())  # the shared filters stay in the URL for the way back
    shared_state()
    st.title(t("page.import"))
    st.caption(t("data.intro", overview=t("page.overview"), county=t("page.county")))
    upload = choose_file()
    if upload is not None:
        import_flow(upload)
    st.divider()
    saved_step()
