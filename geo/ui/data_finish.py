"""Steps ④ and ⑤ of the data page: preview the unsaved dataset on the map, then save it.

The preview is the overview's own choropleth, built from the atlas data extended in memory
with the unsaved dataset (:meth:`~geo.overview.AtlasData.with_user_data`), so it shows exactly
what the overview will show after saving. A boundary upload also draws its outlines on top,
with tooltip values HTML-escaped in Python (folium puts tooltip values into ``innerHTML``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import maps, overview
from geo.choropleth import ChoroplethStyle, encode_selection
from geo.classify import NO_DATA_COLOR
from geo.filters import FilterState
from geo.i18n import place, t
from geo.offline import localize
from geo.relocation.labels import escape
from geo.store.base import StoreError
from geo.ui import cache
from geo.ui.data_common import Joined, Reviewed, Upload, column_label, memo, show_problem, step
from geo.ui.filters import KEYS, set_value
from geo.ui.map_view import show_map
from geo.ui.page import BY_PATH
from geo.ui.text import md
from geo.upload import gcj02
from geo.upload.errors import UploadError
from geo.userdata import indicators
from geo.userdata.importer import build_dataset, status_label
from geo.userdata.model import MAX_NAME_CHARS, MAX_SOURCE_CHARS, Dataset, DatasetMeta

PREVIEW_MAP_KEY = "data_preview_map"
#: What the preview shows before a name and a source are typed: catalogue keys.
PREVIEW_NAME = "data.preview_name"
PREVIEW_SOURCE = "data.preview_source"
MATCHED_COLOR = "#9ecae1"
OUTLINE_STYLE = {"color": "#b3261e", "weight": 1.2, "fill": False, "opacity": 0.9}
OUTLINE_HIGHLIGHT = {"weight": 3, "color": "#7f0000"}
OVERLAY_MAX_FEATURES = 5000
OVERLAY_TOLERANCE = 0.002  # degrees (~200 m): the preview outline, not the saved geometry
OVERVIEW = BY_PATH[""].script


def overview_link(meta: DatasetMeta) -> dict[str, str] | None:
    """Query parameters that open the overview on the dataset's first column (None without columns)."""
    if not meta.columns:
        return None
    return {"indicator": indicators.indicator_id(meta.id, meta.columns[0].key)}


def data_bounds(polygons: pd.DataFrame, adcodes: pd.Series) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the counties with values (the preview zooms there)."""
    chosen = polygons[polygons["adcode"].isin(set(adcodes))]
    if chosen.empty:
        return None
    return [
        [round(float(chosen["miny"].min()), 3), round(float(chosen["minx"].min()), 3)],
        [round(float(chosen["maxy"].max()), 3), round(float(chosen["maxx"].max()), 3)],
    ]


def preview_dataset(upload: Upload, reviewed: Reviewed) -> Dataset:
    """The dataset as it would be saved, under a stable preview id and the name typed so far."""
    dataset = memo(
        upload,
        ("preview", reviewed.key),
        lambda: build_dataset(reviewed.match, name=t(PREVIEW_NAME), source=t(PREVIEW_SOURCE), filename=upload.filename),
    )
    name = str(st.session_state.get(upload.key("name"), "")).strip() or t(PREVIEW_NAME)
    source = str(st.session_state.get(upload.key("source"), "")).strip() or t(PREVIEW_SOURCE)
    preview_id = hashlib.md5(upload.token.encode()).hexdigest()
    meta = dataclasses.replace(dataset.meta, id=preview_id, name=name[:MAX_NAME_CHARS], source=source)
    return dataclasses.replace(dataset, meta=meta)


def outline_frame(reviewed: Reviewed, correct_gcj02: bool) -> gpd.GeoDataFrame:
    """The uploaded features for the preview: escaped name and matched county, simplified outline."""
    match = reviewed.match
    assert match.features is not None and match.feature_names is not None
    rows = match.report.rows.set_index("row").reindex(match.features.index)
    matched = rows["status"] == "matched"
    unmatched = status_label("unmatched")
    county = [
        escape(f"{a} {place(n)}") if ok else unmatched
        for a, n, ok in zip(rows["adcode"], rows["matched_name"], matched, strict=True)
    ]
    names = [escape(n) for n in match.feature_names.reindex(match.features.index).fillna("")]
    frame = gpd.GeoDataFrame(
        {"name": names, "county": county}, geometry=match.features.geometry.values, crs=match.features.crs
    )
    if correct_gcj02:
        frame = gcj02.correct_gcj02(frame)
    return frame.set_geometry(frame.geometry.simplify(OVERLAY_TOLERANCE, preserve_topology=True))


def _outline_layer(upload: Upload, reviewed: Reviewed, joined: Joined) -> maps.UserGeoJson | None:
    if reviewed.match.features is None or len(reviewed.match.features) > OVERLAY_MAX_FEATURES:
        return None
    data = memo(
        upload, ("outline", reviewed.key), lambda: json.loads(outline_frame(reviewed, joined.correct_gcj02).to_json())
    )
    return maps.UserGeoJson(
        data,
        name=t("data.outline_layer"),
        style_function=lambda _: OUTLINE_STYLE,
        highlight_function=lambda _: OUTLINE_HIGHLIGHT,
        tooltip=folium.GeoJsonTooltip(["name", "county"], aliases=[t("data.outline_name"), t("data.outline_county")]),
    )


def _matched_style(
    reviewed: Reviewed, polygons: pd.DataFrame, order: tuple[str, ...]
) -> tuple[ChoroplethStyle, maps.LegendSpec]:
    """A boundary upload without values: the matched counties in one colour."""
    rows = reviewed.match.report.rows
    matched = set(rows.loc[rows["status"] == "matched", "adcode"])
    style = ChoroplethStyle(
        indicator=None,
        classes="".join("0" if code in matched else "-" for code in order),
        colors=(MATCHED_COLOR,),
        values=("",) * len(order),
        selection=encode_selection(order, set(order)),
        fit=data_bounds(polygons, pd.Series(sorted(matched))),
    )
    legend = maps.LegendSpec(
        t("data.legend_title"),
        (
            maps.LegendItem(MATCHED_COLOR, t("data.legend_matched")),
            maps.LegendItem(NO_DATA_COLOR, t("data.legend_unmatched")),
        ),
        note=t("data.legend_note", boundary_note=maps.boundary_note()),
    )
    return style, legend


def preview_step(upload: Upload, reviewed: Reviewed, joined: Joined) -> bool:
    """The unsaved dataset on the county map; False (with the reason) when it cannot be saved as is."""
    step(t("data.step_preview"))
    try:
        dataset = preview_dataset(upload, reviewed)
    except UploadError as err:  # nothing matched, duplicate keys, no numbers
        show_problem(err)
        return False
    meta = dataset.meta
    atlas = cache.atlas_data()
    if meta.columns:
        labels = {c.key: column_label(c) for c in meta.columns}
        left, right = st.columns([3, 1])
        column = left.selectbox(
            t("data.preview_column"), list(labels), format_func=labels.get, key=upload.key("preview_column")
        )
        values = dataset.values.assign(dataset_id=meta.id)
        atlas = atlas.with_user_data(indicators.catalogue([meta], values), indicators.stats([meta], values))
        indicator = indicators.indicator_id(meta.id, column)
        years = overview.indicator_years(atlas, indicator)
        year = years[0]
        if len(years) > 1:
            year = right.selectbox(t("data.year"), years, key=upload.key("preview_year"))
        view = overview.build_view(FilterState(poverty_only=False, indicator=indicator, year=year), atlas)
        style = dataclasses.replace(view.style, fit=data_bounds(atlas.polygons, dataset.values["adcode"]))
        legend = view.legend
        counted = int(((dataset.values["column"] == column) & (dataset.values["year"].fillna(0) == year)).sum())
        st.caption(t("data.preview_caption", indicator=md(view.indicator_label), count=counted))
    else:
        style, legend = _matched_style(reviewed, atlas.polygons, atlas.attrs.order)
        st.caption(t("data.preview_boundaries_only"))
    m = maps.county_map(atlas.attrs, style, cache.web_layers(), legend)
    outlines = _outline_layer(upload, reviewed, joined)
    if outlines is not None:
        outlines.add_to(m)
        localize(m)
    elif reviewed.match.features is not None:
        st.caption(t("data.preview_no_outlines", limit=OVERLAY_MAX_FEATURES))
    show_map(m, key=PREVIEW_MAP_KEY, height=520)
    return True


def show_in_overview(meta: DatasetMeta) -> None:
    """Make the new dataset the shared indicator, so the overview opens on it."""
    params = overview_link(meta)
    if params:
        set_value(KEYS["indicator"], params["indicator"])
        set_value(KEYS["year"], None)


def _saved_notice(meta: DatasetMeta) -> None:
    st.success(
        t(
            "data.saved",
            name=md(meta.name),
            counties=meta.rows,
            columns=len(meta.columns),
            time=indicators.imported_label(meta),
        )
    )
    params = overview_link(meta)
    if params:
        st.page_link(OVERVIEW, label=t("data.show_in_overview"), icon=":material/map:", query_params=params)


def _request_save(upload: Upload) -> None:
    """Button callback: note the request; the page saves what it shows in this run (:func:`save_step`).

    Not the save itself: a callback's arguments are bound when the button was drawn, and a run
    interrupted by a quick next action can leave them one run behind (e.g. before a fix).
    """
    st.session_state[upload.key("save_requested")] = True


def save_requested(upload: Upload) -> bool:
    """Take the pending save request of this upload (the page calls it once per run, first)."""
    return bool(st.session_state.pop(upload.key("save_requested"), False))


def _save(upload: Upload, reviewed: Reviewed, joined: Joined) -> DatasetMeta | None:
    name = str(st.session_state.get(upload.key("name"), ""))
    source = str(st.session_state.get(upload.key("source"), ""))
    try:
        dataset = build_dataset(
            reviewed.match, name=name, source=source, filename=upload.filename, correct_gcj02=joined.correct_gcj02
        )
        meta = cache.store().save(dataset)
    except (UploadError, StoreError) as err:
        show_problem(err, t("data.not_saved"))
        return None
    st.session_state[upload.key("saved")] = meta
    show_in_overview(meta)
    return meta


def save_step(upload: Upload, reviewed: Reviewed, joined: Joined, *, requested: bool = False) -> None:
    """Name and source (both required), then save; any refusal leaves the store unchanged."""
    step(t("data.step_save"))
    left, right = st.columns([1, 2])
    left.text_input(
        t("data.name"), key=upload.key("name"), max_chars=MAX_NAME_CHARS, placeholder=t("data.name_placeholder")
    )
    right.text_input(
        t("data.source"),
        key=upload.key("source"),
        max_chars=MAX_SOURCE_CHARS,
        placeholder=t("data.source_placeholder"),
    )
    st.caption(t("data.save_caption", overview=t("page.overview"), county=t("page.county")))
    st.button(t("data.save"), type="primary", key=upload.key("save"), on_click=_request_save, args=(upload,))
    if requested:  # no spinner: an element here could be where a quick next click interrupts the save
        _save(upload, reviewed, joined)
    saved = st.session_state.get(upload.key("saved"))
    if saved is not None:
        _saved_notice(saved)
