"""The load test's protocol client against a live ``streamlit run app.py`` (no browser).

One server for the module (started like the browser tests' ``app_server``); the client opens
the overview as a new tab would and changes the province filter as the front end does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bench.load import COUNT_HEADING, OVERVIEW_TITLE, PROVINCE_KEY, start_server, stop_server
from bench.st_client import Session


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("st-client") / "streamlit.log"
    process, url = start_server(log=log)
    try:
        yield url
    finally:
        stop_server(process)


def test_opens_the_overview_and_filters_by_province(server_url: str) -> None:
    async def scenario() -> None:
        session, page = await Session.open(server_url + "/", timeout=60)
        async with session:
            assert page.ok, (page.outcome, page.exceptions, page.detail)
            assert session.page_title == "脱贫攻坚地图"
            assert OVERVIEW_TITLE in page.texts("heading")
            assert session.page_script_hash  # the server told the client which page it is on
            provinces = page.first("multiselect", key=PROVINCE_KEY)
            assert provinces is not None and "贵州省" in provinces.proto.options
            assert page.first("component_instance") is not None  # the map

            session.set_string_array(provinces.widget_id, ["贵州省"])
            filtered = await session.rerun()
            assert filtered.ok, (filtered.outcome, filtered.exceptions)
            assert "province=52" in session.query_string
            counts = [COUNT_HEADING.search(t) for t in (*page.texts("heading"), *filtered.texts("heading"))]
            before, after = (m.group(1) for m in counts if m)
            assert int(after.replace(",", "")) < int(before.replace(",", ""))

            again = await session.rerun()  # unchanged page: big elements come back as cache references
            assert again.ok and again.cached_refs > 0

    asyncio.run(scenario())
