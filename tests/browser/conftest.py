"""Browser tests: a live ``streamlit run`` server driven by Debian's Chromium via Playwright.

Fixtures (all tests in this folder get the ``browser`` marker automatically):

- ``app_server(script) -> base_url``: starts (once per session and script) a Streamlit
  server for ``script`` (path relative to the repo root) and returns
  ``http://127.0.0.1:<port>``.
- ``browser``: one headless Chromium for the session (skipped without /usr/bin/chromium,
  failed instead when ``CI`` is set).
- ``page`` / ``page_log``: a fresh context + page per test (1400x900, zh-CN) and what it
  did: ``external_requests``, ``failed_requests`` (network errors and HTTP >= 400),
  ``console_errors``, ``page_errors``; assert on them at the end of a test. Default
  timeouts (actions and ``expect``) are 15 s. A failing test leaves
  ``test-artifacts/<test>.png`` (full page) and ``<test>.log.json``.
- ``map_frame(page) -> FrameLocator`` of the streamlit-folium iframe, and
  ``wait_for_polygons(frame, min_count)`` (SVG paths in Leaflet's overlay pane).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SERVER_START_TIMEOUT_S = 60.0
DEFAULT_TIMEOUT_MS = 15_000

#: The streamlit-folium component iframe. Streamlit titles a v1 component's iframe with
#: the component's registered name, "streamlit_folium.st_folium".
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
_NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
_REPORT_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ with ``browser``."""
    for item in items:
        if item.path.is_relative_to(BROWSER_DIR):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    """Keep each phase's report on the item, so fixtures can tell a failed test at teardown."""
    report = yield
    item.stash.setdefault(_REPORT_KEY, {})[report.when] = report
    return report


# ---------------------------------------------------------------------------- server


@dataclass
class _Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _main_script(script: Path, shim_root: Path) -> Path:
    """Script path to hand to ``streamlit run``.

    Streamlit serves ``static/`` from the *main script's* folder. For a script outside
    the repo root (a fixture app) run it through a symlink in a temporary folder whose
    ``static`` links to the repo's, so ``/app/static/vendor/...`` resolves the same.
    """
    if script.parent == REPO_ROOT:
        return script
    shim = Path(tempfile.mkdtemp(prefix=f"{script.stem}-", dir=shim_root))
    (shim / "static").symlink_to(REPO_ROOT / "static", target_is_directory=True)
    (shim / script.name).symlink_to(script)
    return shim / script.name


def _start_server(script: Path, shim_root: Path, log_dir: Path) -> _Server:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = log_dir / f"{script.stem}-{port}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(_main_script(script, shim_root)),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # own process group: teardown ends it and its children
        )
    server = _Server(process, url, log)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"streamlit run {script} exited with {process.returncode}:\n{_tail(log)}",
                pytrace=False,
            )
        try:
            with opener.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    _stop_server(server)
    pytest.fail(
        f"streamlit run {script} not healthy after {SERVER_START_TIMEOUT_S:.0f} s:\n{_tail(log)}",
        pytrace=False,
    )


def _stop_server(server: _Server) -> None:
    if server.process.poll() is not None:
        return
    pgid = os.getpgid(server.process.pid)
    os.killpg(pgid, signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str | Path], str]]:
    """Factory: ``app_server("app.py")`` -> base URL of a live server for that script.

    One server per script for the whole session (started on first use); paths are
    relative to the repo root.
    """
    shim_root = tmp_path_factory.mktemp("streamlit-shims")
    log_dir = tmp_path_factory.mktemp("streamlit-logs")
    servers: dict[Path, _Server] = {}

    def start(script: str | Path) -> str:
        path = (REPO_ROOT / script).resolve()
        if not path.is_file():
            raise FileNotFoundError(path)
        if path not in servers:
            servers[path] = _start_server(path, shim_root, log_dir)
        elif servers[path].process.poll() is not None:
            pytest.fail(f"streamlit server for {script} died:\n{_tail(servers[path].log)}", pytrace=False)
        return servers[path].url

    yield start
    for server in servers.values():
        _stop_server(server)


# ---------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (``playwright install`` cannot download browsers here)."""
    in_ci = bool(os.environ.get("CI"))
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing (apt-get install chromium)"
    elif importlib.util.find_spec("playwright") is None:
        problem = "the playwright Python package is missing (pip install -e '.[dev]')"
    if problem:
        if in_ci:
            pytest.fail(f"browser tests cannot run in CI: {problem}", pytrace=False)
        pytest.skip(f"browser tests skipped: {problem}")

    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)  # Playwright's 5 s is short for a big map's rerun
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@dataclass
class PageLog:
    """What one test's page did on the network and in the console."""

    requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def is_external(url: str) -> bool:
    """True for a network URL whose host is not this machine (data:, blob:, about: are not)."""
    parts = urlsplit(url)
    return parts.scheme in _NETWORK_SCHEMES and (parts.hostname or "") not in _LOCAL_HOSTS


@pytest.fixture
def _page_and_log(browser, request: pytest.FixtureRequest) -> Iterator[tuple[object, PageLog]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    log = PageLog()

    def on_request(req) -> None:  # context-level: covers iframes (the map) too
        log.requests.append(req.url)
        if is_external(req.url):
            log.external_requests.append(req.url)

    def on_failed(req) -> None:
        log.failed_requests.append(f"{req.failure} {req.method} {req.url}")

    def on_response(resp) -> None:
        if resp.status >= 400:
            log.failed_requests.append(f"HTTP {resp.status} {resp.request.method} {resp.url}")

    def on_console(message) -> None:
        if message.type == "error":
            log.console_errors.append(f"{message.text} @ {message.location.get('url', '')}")

    def on_websocket(ws) -> None:
        log.requests.append(ws.url)
        if is_external(ws.url):
            log.external_requests.append(ws.url)

    context.on("request", on_request)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("websocket", on_websocket)
    yield page, log

    reports = request.node.stash.get(_REPORT_KEY, {})
    if any(r.failed for r in reports.values()):
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True, timeout=10_000)
        except Exception as error:  # a dead page must not hide the test's own failure
            print(f"screenshot failed: {error}", file=sys.stderr)
        (ARTIFACTS_DIR / f"{name}.log.json").write_text(
            json.dumps(asdict(log), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    context.close()


@pytest.fixture
def page(_page_and_log):
    """A fresh Playwright page (own context: 1400x900, locale zh-CN) for this test."""
    return _page_and_log[0]


@pytest.fixture
def page_log(_page_and_log) -> PageLog:
    """The network/console record of ``page`` (``external_requests`` etc.)."""
    return _page_and_log[1]


@pytest.fixture
def external_requests(page_log: PageLog) -> list[str]:
    """Shortcut for ``page_log.external_requests`` (live list)."""
    return page_log.external_requests


# ---------------------------------------------------------------------------- map helpers


def map_frame_of(page, index: int = 0):
    """FrameLocator of the ``index``-th streamlit-folium map on the page."""
    return page.locator(MAP_IFRAME).nth(index).content_frame


def wait_for_polygons_in(frame, min_count: int, timeout_ms: float = DEFAULT_TIMEOUT_MS):
    """Wait until Leaflet's overlay pane holds >= ``min_count`` SVG paths; return their locator."""
    from playwright.sync_api import expect

    paths = frame.locator(".leaflet-overlay-pane svg path")
    expect(paths.nth(min_count - 1)).to_be_attached(timeout=timeout_ms)
    return paths


@pytest.fixture
def map_frame() -> Callable[..., object]:
    """``map_frame(page, index=0)`` -> FrameLocator of a streamlit-folium iframe."""
    return map_frame_of


@pytest.fixture
def wait_for_polygons() -> Callable[..., object]:
    """``wait_for_polygons(frame, min_count, timeout_ms=15000)`` -> Locator of the paths."""
    return wait_for_polygons_in


# ---------------------------------------------------------------------------- page helpers


def eventually(condition: Callable[[], bool], timeout_s: float = 15) -> None:
    """Poll ``condition`` until it holds (fails after ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)


def choose_province(page, query: str, option: str) -> None:
    """Pick ``option`` in the sidebar's 省份 multiselect (its list is virtualised: filter first)."""
    provinces = page.get_by_test_id("stMultiSelect").filter(has_text="省份")
    provinces.locator("input").click()
    provinces.locator("input").press_sequentially(query)
    page.get_by_role("option", name=option).click()
    page.keyboard.press("Escape")


@pytest.fixture
def helpers() -> object:
    """``helpers.eventually(...)`` and ``helpers.choose_province(page, "贵州", "贵州省")``."""
    import types

    return types.SimpleNamespace(eventually=eventually, choose_province=choose_province)
