"""Colours and line weights of the pairing page by side and recipient level, shared by the map and the Sankey."""

HELPER_FILL = "#c7e9c0"  # counties of the helper units (light green)
HELPER_NODE = "#41ab5d"  # helper nodes of the Sankey
#: Recipient fill (light → dark orange: a province's counties, a prefecture's, a county) and
#: link colour/width (blues, so links stay visible over the orange) by recipient level.
RECIPIENT_FILL: dict[str, str] = {"province": "#fdd49e", "prefecture": "#fc8d59", "county": "#d7301f"}
LINK_COLOR: dict[str, str] = {"province": "#08306b", "prefecture": "#2171b5", "county": "#4292c6"}
#: Catalogue keys naming the link colours in the legend (dark, mid, light blue).
LINK_SHADE_KEYS: dict[str, str] = {
    "province": "pairing.shade_dark_blue",
    "prefecture": "pairing.shade_mid_blue",
    "county": "pairing.shade_light_blue",
}
LINK_WEIGHT: dict[str, float] = {"province": 3.5, "prefecture": 2.5, "county": 1.6}
