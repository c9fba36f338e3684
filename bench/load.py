"""Load test: N concurrent Streamlit sessions over real websockets against a running server.

    python -m bench.load [--sessions 10,25,50] [--actions 20] [--url http://127.0.0.1:PORT]

Without ``--url`` it starts ``streamlit run app.py`` on a free loopback port (headless, like
the browser tests) and stops it afterwards. Each session is a :class:`bench.st_client.Session`
speaking the browser's protocol (no browser: at N=50 Chromium would measure itself, not the
server). A session opens the overview (a new tab: no widget state), then does ``--actions``
actions, each after a random think time: a province filter change in the sidebar (one or
two provinces, or back to all) or a click on a county of the map (the streamlit-folium value
the front end sends: ``{"last_active_drawing": <the clicked GeoJSON feature>}``, with the
county's geometry decoded from the same TopoJSON the browser loads). An action is timed from
sending its ``BackMsg`` to ``script_finished``.

Errors: an exception element in the page, a run that does not finish successfully, a
disconnect, a timeout (``--timeout``, 10 s), and an action without its effect: each session
checks its first filter change (the selected-county count and the KPI cards change) and its
first click (the county's panel opens and the URL names it), so a no-op cannot pass.

Sessions of a level are ramped in over ``--ramp`` seconds; levels run one after another on
the same server, each with fresh sessions. Think times come from a seeded RNG (``--seed``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench import row
from bench.st_client import RunResult, Session

REPO = Path(__file__).resolve().parents[1]
_TEMP_DIRS: dict[int, str] = {}  # server pid -> the empty dataset store made for it
TARGET_SESSIONS = 50
TARGET_P95_MS = 1000.0
PROVINCE_KEY = "flt_provinces"
MAP_COMPONENT = "streamlit_folium.st_folium"
COUNT_HEADING = re.compile(r"所选县（([\d,]+)）")
OVERVIEW_TITLE = "脱贫攻坚地图 · 全国总览"
# Provinces with national poverty counties: where users of this atlas mostly filter.
POVERTY_PROVINCES = [
    "河北省",
    "山西省",
    "内蒙古自治区",
    "吉林省",
    "黑龙江省",
    "安徽省",
    "江西省",
    "河南省",
    "湖北省",
    "湖南省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
]


# ---------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen | None = None, timeout: float = 60.0) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with opener.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not healthy after {timeout:.0f} s")


def start_server(
    app_dir: Path = REPO, script: str = "app.py", log: Path | None = None, options: list[str] = ()
) -> tuple[subprocess.Popen, str]:
    """``streamlit run`` on a free loopback port in its own process group; returns (process, URL).

    ``options`` are extra ``streamlit run`` flags, e.g. ``["--runner.postScriptGC", "false"]``.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *options,
    ]  # fmt: skip
    env = dict(os.environ)
    data_dir = None
    if not env.get("ATLAS_DATABASE_URL") and not env.get("ATLAS_DATA_DIR"):
        data_dir = env["ATLAS_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-load-data-")  # an empty dataset store
    sink = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        command,
        cwd=app_dir,
        env=env,
        stdout=sink,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    if data_dir:
        _TEMP_DIRS[process.pid] = data_dir
    try:
        wait_healthy(url, process)
    except BaseException:
        stop_server(process)
        raise
    return process, url


def stop_server(process: subprocess.Popen) -> None:
    """End the server's process group (it was started in its own) and remove its temporary store."""
    if process.poll() is None:
        pgid = os.getpgid(process.pid)
        os.killpg(pgid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            process.wait(timeout=10)
    if data_dir := _TEMP_DIRS.pop(process.pid, None):
        shutil.rmtree(data_dir, ignore_errors=True)


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the server processes (psutil if installed, else /proc)."""
    total = 0.0
    for pid in pids:
        try:
            import psutil  # type: ignore[import-not-found]

            total += psutil.Process(pid).memory_info().rss / 2**20
            continue
        except ImportError:
            pass
        except Exception:
            continue
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the server processes so far (/proc; 0 where unreadable)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


# ---------------------------------------------------------------------------- the map


class Topology:
    """The county TopoJSON the browser loads, decoded on demand into Leaflet-style features."""

    def __init__(self, topo: dict, object_name: str = "counties") -> None:
        self.scale = topo["transform"]["scale"]
        self.translate = topo["transform"]["translate"]
        self.arcs = topo["arcs"]
        self.geometries = topo["objects"][object_name]["geometries"]
        self.by_code = {g["properties"]["adcode"]: g for g in self.geometries}
        self.index = {g["properties"]["adcode"]: i for i, g in enumerate(self.geometries)}
        self._decoded: dict[int, list[list[float]]] = {}

    @classmethod
    def fetch(cls, base_url: str, script: str) -> Topology:
        """Find the topology's URL in the map component's script and fetch it like the browser."""
        match = re.search(r'"topology":\s*"([^"]+)"', script)
        if not match:
            raise RuntimeError("no topology URL in the map script")
        object_name = re.search(r'"object":\s*"([^"]+)"', script)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(base_url + match.group(1), timeout=30) as response:
            return cls(json.load(response), object_name.group(1) if object_name else "counties")

    def _arc(self, index: int) -> list[list[float]]:
        if index not in self._decoded:
            x = y = 0
            points = []
            (sx, sy), (tx, ty) = self.scale, self.translate
            for dx, dy in self.arcs[index]:
                x, y = x + dx, y + dy
                points.append([round(x * sx + tx, 6), round(y * sy + ty, 6)])
            self._decoded[index] = points
        return self._decoded[index]

    def _ring(self, arc_indices: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for i in arc_indices:
            arc = self._arc(~i if i < 0 else i)
            arc = arc[::-1] if i < 0 else arc
            points.extend(arc[1:] if points else arc)
        if len(points) < 4:
            points.append(points[0])
        return points

    def feature(self, adcode: str) -> dict:
        """What ``layer.toGeoJSON()`` gives for the clicked county (properties incl. ``_i``)."""
        g = self.by_code[adcode]
        if g["type"] == "Polygon":
            coordinates = [self._ring(r) for r in g["arcs"]]
        else:
            coordinates = [[self._ring(r) for r in polygon] for polygon in g["arcs"]]
        properties = dict(g["properties"], _i=self.index[adcode])
        return {
            "type": "Feature",
            "id": g.get("id"),
            "properties": properties,
            "geometry": {"type": g["type"], "coordinates": coordinates},
        }


# ---------------------------------------------------------------------------- sessions


@dataclass
class Stats:
    """What one level's sessions measured."""

    sessions: int
    opens: list[float] = field(default_factory=list)
    actions: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_details: list[str] = field(default_factory=list)
    bytes: int = 0
    wall: float = 0.0
    server_cpu: float = 0.0
    driver_cpu: float = 0.0

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.error_details) < 10:
            self.error_details.append(f"{kind}: {detail}")

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _count(result: RunResult) -> str | None:
    for text in result.texts("heading"):
        if match := COUNT_HEADING.search(text):
            return match.group(1)
    return None


class Shared:
    """State shared by a level's sessions: the decoded topology (fetched once)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.topology: Topology | None = None
        self._lock = asyncio.Lock()

    async def topo(self, result: RunResult) -> Topology | None:
        async with self._lock:
            if self.topology is None:
                component = result.first("component_instance")
                if component is None or component.proto.component_name != MAP_COMPONENT:
                    return None
                script = json.loads(component.proto.json_args)["script"]
                self.topology = await asyncio.to_thread(Topology.fetch, self.base_url, script)
        return self.topology


def _record(stats: Stats, kind: str, result: RunResult) -> bool:
    """Count a run's latency (finished runs) or its error; True if the session can go on."""
    stats.bytes += result.bytes
    if result.outcome in ("timeout", "disconnected"):
        stats.error(result.outcome, f"{kind}: {result.detail}")
        return False
    if result.outcome == "exception":
        stats.error("exception", f"{kind}: {'; '.join(result.exceptions)[:300]}")
    elif result.outcome != "finished":
        stats.error("status", f"{kind}: script_finished {result.outcome}")
    target = stats.opens if kind == "open" else stats.actions
    target.append(result.seconds)
    if kind != "open":
        stats.by_kind.setdefault(kind, []).append(result.seconds)
    return True


async def run_session(
    index: int, base_url: str, shared: Shared, stats: Stats, args: argparse.Namespace, rng: random.Random
) -> None:
    await asyncio.sleep(args.ramp * index / max(stats.sessions, 1))
    session = Session(base_url + "/", timeout=args.timeout)
    try:
        try:
            await session.connect()
        except Exception as error:
            stats.error("disconnected", f"connect: {type(error).__name__}: {error}")
            return
        page = await session.rerun()
        if not _record(stats, "open", page):
            return
        if OVERVIEW_TITLE not in page.texts("heading"):
            stats.error("no-effect", f"open: no overview title in {page.texts('heading')[:5]}")
        topology = await shared.topo(page)
        checked = {"filter": False, "click": False}
        selected: list[str] = []
        for _ in range(args.actions):
            await asyncio.sleep(rng.uniform(*args.think))
            before = session.page
            kind = "click" if rng.random() < args.click_share and topology is not None else "filter"
            if kind == "filter":
                widget = before.first("multiselect", key=PROVINCE_KEY) if before else None
                if widget is None:
                    stats.error("no-effect", "filter: no province multiselect on the page")
                    return
                options = [p for p in POVERTY_PROVINCES if p in widget.proto.options] or list(widget.proto.options)
                draw = rng.random()
                if checked["filter"] and draw < 0.15:
                    choice: list[str] = []
                elif draw < 0.3:
                    choice = rng.sample(options, 2)
                else:
                    choice = [rng.choice([p for p in options if [p] != selected])]
                if not checked["filter"] and not choice:
                    choice = [rng.choice(options)]
                session.set_string_array(widget.widget_id, choice)
                selected = choice
                result = await session.rerun()
                if not _record(stats, kind, result):
                    return
                if not checked["filter"] and result.ok:
                    checked["filter"] = True
                    kpis_before, kpis_after = before.texts("metric"), result.texts("metric")
                    if _count(result) == _count(before) or kpis_after == kpis_before:
                        stats.error(
                            "no-effect", f"filter {choice}: count {_count(before)}→{_count(result)}, KPIs unchanged"
                        )
            else:
                component = before.first("component_instance") if before else None
                if component is None:
                    stats.error("no-effect", "click: no map component on the page")
                    return
                prefix = ""
                if selected:
                    prefix = rng.choice(selected)
                codes = [c for c, g in topology.by_code.items() if not prefix or g["properties"]["prov"] == prefix]
                adcode = rng.choice(codes or list(topology.by_code))
                session.set_json(component.widget_id, {"last_active_drawing": topology.feature(adcode)})
                result = await session.rerun()
                if not _record(stats, kind, result):
                    return
                if not checked["click"] and result.ok:
                    checked["click"] = True
                    name = topology.by_code[adcode]["properties"]["name"]
                    if name not in result.texts("heading") or f"county={adcode}" not in session.query_string:
                        stats.error("no-effect", f"click {adcode} {name}: panel/URL did not follow")
    finally:
        await session.close()


async def run_level(base_url: str, sessions: int, args: argparse.Namespace, pids: list[int]) -> Stats:
    stats = Stats(sessions)
    shared = Shared(base_url)
    master = random.Random(args.seed * 1000 + sessions)
    rngs = [random.Random(master.random()) for _ in range(sessions)]
    cpu0, wall0, driver0 = cpu_seconds(pids), time.perf_counter(), _driver_cpu()
    await asyncio.gather(*(run_session(i, base_url, shared, stats, args, rngs[i]) for i in range(sessions)))
    stats.wall = time.perf_counter() - wall0
    stats.server_cpu = cpu_seconds(pids) - cpu0
    stats.driver_cpu = _driver_cpu() - driver0
    return stats


def _driver_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------------------- report


def report(levels: list[Stats], args: argparse.Namespace, pids: list[int], url: str) -> None:
    lo, hi = args.think
    print(
        f"\nload test against {url}: {args.actions} actions per session (province filter / county click,"
        f" {args.click_share:.0%} clicks), think time {lo:g}–{hi:g} s, ramp {args.ramp:g} s, seed {args.seed};"
        f" load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    header = (
        f"{'N':>4} {'actions':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'act/s':>6}"
        f" {'open p50':>9} {'open p95':>9} {'filter p95':>10} {'click p95':>9} {'MB/act':>7} {'srv CPU':>8}"
    )
    print(header)
    for s in levels:
        ms = [t * 1000 for t in s.actions]
        opens = [t * 1000 for t in s.opens]
        filters = [t * 1000 for t in s.by_kind.get("filter", [])]
        clicks = [t * 1000 for t in s.by_kind.get("click", [])]
        runs = len(s.actions) + len(s.opens)
        print(
            f"{s.sessions:>4} {len(s.actions):>8} {s.error_count:>6} {_percentile(ms, 50):>8.0f}"
            f" {_percentile(ms, 95):>8.0f} {max(ms, default=float('nan')):>8.0f} {len(s.actions) / s.wall:>6.1f}"
            f" {_percentile(opens, 50):>9.0f} {_percentile(opens, 95):>9.0f} {_percentile(filters, 95):>10.0f}"
            f" {_percentile(clicks, 95):>9.0f} {s.bytes / max(runs, 1) / 1e6:>7.3f} {s.server_cpu / s.wall:>7.0%}"
        )
    print("(srv CPU: server CPU time over wall time, 100 % = one core; MB/act: bytes received per run)")
    for s in levels:
        if s.errors:
            print(f"  N={s.sessions} errors: {s.errors}")
            for detail in s.error_details:
                print(f"    {detail}")
        print(
            f"  N={s.sessions}: {s.wall:.1f} s wall, server CPU {s.server_cpu:.1f} s, load driver CPU"
            f" {s.driver_cpu:.1f} s ({s.driver_cpu / s.wall:.0%} of a core)"
        )
    print()
    print(f"{'figure':<62} {'value':>10} unit target")
    for s in levels:
        ms = [t * 1000 for t in s.actions]
        target = f"(≤{TARGET_P95_MS:.0f} ms, 0 errors)" if s.sessions == TARGET_SESSIONS else ""
        row(f"{s.sessions} sessions: rerun p95 (filter changes + county clicks)", _percentile(ms, 95), "ms", target)
        row(f"{s.sessions} sessions: errors", s.error_count, "", "(0)" if s.sessions == TARGET_SESSIONS else "")
    if pids:
        row("server RSS after the load test", rss_mb(pids), "MB", "(≤400 MB)" if len(pids) == 1 else "")


def _pair(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(",")
    return float(lo), float(hi or lo)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="10,25,50", help="comma-separated session counts, run in turn")
    parser.add_argument("--actions", type=int, default=20, help="actions per session (default 20)")
    parser.add_argument("--url", help="a running server (default: start `streamlit run app.py` here)")
    parser.add_argument("--pid", default="", help="with --url: server process ids (comma-separated) for CPU/RSS")
    parser.add_argument("--think", type=_pair, default=(1.0, 4.0), help="think time range in s (default 1,4)")
    parser.add_argument("--click-share", type=float, default=0.5, help="share of actions that are clicks")
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds over which sessions start")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a run counts as timed out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--app-dir", type=Path, default=REPO, help="where to `streamlit run app.py`")
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra streamlit config for the server started here, e.g. runner.postScriptGC=false (repeatable)",
    )
    args = parser.parse_args(argv)
    args.levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    return args


async def _warm(url: str, sessions: int = 6) -> None:
    """A few sessions open the page first, so the first level does not measure cold caches.

    Several, because behind a proxy each new tab may land on another app process.
    """

    async def one() -> None:
        session = Session(url + "/", timeout=120)
        try:
            await session.connect()
            result = await session.rerun()
            if not result.ok:
                raise RuntimeError(f"the overview does not open: {result.outcome} {result.exceptions} {result.detail}")
        finally:
            await session.close()

    await one()
    await asyncio.gather(*(one() for _ in range(sessions - 1)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    process = None
    url = (args.url or "").rstrip("/")
    pids = [int(p) for p in args.pid.split(",") if p.strip()]
    log = Path(tempfile.gettempdir()) / f"bench-load-streamlit-{os.getpid()}.log"
    levels: list[Stats] = []
    try:
        if not url:
            started = time.perf_counter()
            options = [part for o in args.server_option for part in ("--" + o.partition("=")[0], o.partition("=")[2])]
            process, url = start_server(args.app_dir, log=log, options=options)
            pids = [process.pid]
            extra = f" with {' '.join(args.server_option)}" if args.server_option else ""
            print(f"started streamlit on {url}{extra} in {time.perf_counter() - started:.1f} s (log: {log})")
        asyncio.run(_warm(url))
        for n in args.levels:
            stats = asyncio.run(run_level(url, n, args, pids))
            levels.append(stats)
            print(
                f"N={n}: {len(stats.actions)} actions, {stats.error_count} errors,"
                f" p95 {_percentile([t * 1000 for t in stats.actions], 95):.0f} ms",
                flush=True,
            )
        report(levels, args, pids, url)
    finally:
        if process is not None:
            stop_server(process)
    return 0 if all(s.error_count == 0 for s in levels) else 1


if __name__ == "__main__":
    sys.exit(main())
