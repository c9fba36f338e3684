"""The map component: renders a folium map with streamlit-folium and reports clicks."""

from __future__ import annotations

import folium
from streamlit_folium import st_folium

from geo.ui.presentation import map_height

# Only a click on a county reruns the app; pan and zoom stay in the browser.
RETURNED = ["last_active_drawing"]
MAP_KEY = "county_map"


def show_map(m: folium.Map, key: str = MAP_KEY, height: int = 620) -> None:
    """Draw ``m``; its last click lands in ``st.session_state[key]`` before the next rerun."""
    st_folium(m, key=key, height=map_height(height), use_container_width=True, returned_objects=RETURNED)


def clicked_properties(state: dict | None) -> dict | None:
    """The ``properties`` of the clicked GeoJSON feature in a streamlit-folium state."""
    if not state:
        return None
    feature = state.get("last_active_drawing") or {}
    props = feature.get("properties") if isinstance(feature, dict) else None
    return props if isinstance(props, dict) and props.get("adcode") else None
