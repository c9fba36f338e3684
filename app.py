"""脱贫攻坚地图 — entry point: page config and navigation only."""

import streamlit as st

st.set_page_config(page_title="脱贫攻坚地图", page_icon="🗺️", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/overview.py", title="全国总览", icon=":material/map:", default=True),
        st.Page("pages/areas.py", title="集中连片特困地区", icon=":material/landscape:", url_path="areas"),
        st.Page("pages/pairing.py", title="东西部扶贫协作", icon=":material/handshake:", url_path="pairing"),
        st.Page("pages/relocation.py", title="易地扶贫搬迁", icon=":material/home_work:", url_path="relocation"),
        st.Page("pages/county.py", title="县域档案", icon=":material/location_city:", url_path="county"),
    ],
)
navigation.run()
