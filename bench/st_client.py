"""A small Streamlit 1.67 client that speaks the browser's websocket protocol (for load tests).

What the browser's front end does, and so what :class:`Session` does:

* opens ``ws://host/_stcore/stream`` with the subprotocol list ``streamlit[, xsrf token,
  session id]`` (only the first entry is needed without auth; the server then runs nothing
  until asked);
* asks for a run with a ``BackMsg.rerun_script`` carrying a ``ClientState``: the URL's query
  string, the page (``page_name`` from the path on the first run, then the
  ``page_script_hash`` the server announced in its ``navigation`` message), the state of
  every widget on the page, the hashes of the cacheable messages it still holds (the server
  answers with a ``ref_hash`` reference instead of resending them) and the browser context;
* reads ``ForwardMsg``\\s until ``script_finished``. Every run resends the whole page (the
  front end diffs it), so the elements received during one run *are* the page.

Widget states are kept like the front end's ``WidgetStateManager``: a widget's value is
recorded when it is first drawn (or when the server sets it, ``set_value``), overwritten by
user actions (:meth:`Session.set_widget`), and dropped when the widget is no longer on the
page. A custom component (streamlit-folium) has no value until it calls
``Streamlit.setComponentValue``; the front end sends that as ``json_value`` (a JSON string).

Only the standard library, ``websockets`` (a Streamlit dependency) and Streamlit's own
protobufs are used; nothing here imports the app.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

STREAM_PATH = "_stcore/stream"
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "finished",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "early_for_rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_finished",
}


@dataclass(frozen=True)
class Element:
    """One element of the page: its delta path, type (``metric``, ``multiselect``…) and proto."""

    path: tuple[int, ...]
    kind: str
    proto: Any

    @property
    def widget_id(self) -> str:
        return getattr(self.proto, "id", "") or ""

    @property
    def label(self) -> str:
        return getattr(self.proto, "label", "") or ""

    @property
    def text(self) -> str:
        """The visible text of a heading, markdown, metric (label: value) or alert."""
        if self.kind == "metric":
            return f"{self.proto.label}: {self.proto.body}"
        return getattr(self.proto, "body", "") or self.label


@dataclass
class RunResult:
    """What one script run sent back, and how long it took (send → ``script_finished``)."""

    outcome: str  # finished | compile_error | exception | timeout | disconnected
    seconds: float
    elements: list[Element] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    messages: int = 0
    bytes: int = 0
    cached_refs: int = 0
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "finished" and not self.exceptions

    def find(self, kind: str | None = None, label: str | None = None, key: str | None = None) -> Iterator[Element]:
        """Elements of ``kind``, with a label, and/or whose widget id ends with ``-<key>``."""
        for element in self.elements:
            if kind and element.kind != kind:
                continue
            if label is not None and element.label != label:
                continue
            if key is not None and not element.widget_id.endswith(f"-{key}"):
                continue
            yield element

    def first(self, kind: str | None = None, label: str | None = None, key: str | None = None) -> Element | None:
        return next(self.find(kind, label, key), None)

    def texts(self, kind: str) -> list[str]:
        return [e.text for e in self.find(kind)]


class ProtocolError(RuntimeError):
    """The server sent something a browser would not accept."""


def _initial_state(element: Element) -> WidgetState | None:
    """The value the front end records when it first draws a widget (``None``: no value yet)."""
    p, kind = element.proto, element.kind
    state = WidgetState(id=element.widget_id)
    if kind in ("selectbox", "radio"):
        if p.set_value and p.HasField("raw_value"):
            state.string_value = p.raw_value
        elif p.HasField("default") and 0 <= p.default < len(p.options):
            state.string_value = p.options[p.default]
        else:
            return None
    elif kind == "multiselect":
        values = list(p.raw_values) if p.set_value else [p.options[i] for i in p.default]
        state.string_array_value.data.extend(values)
    elif kind == "slider":
        state.double_array_value.data.extend(list(p.value) if p.set_value else list(p.default))
    elif kind == "checkbox":
        state.bool_value = p.value if p.set_value else p.default
    else:
        return None  # buttons (triggers), components, dataframes: nothing until the user acts
    return state


class Session:
    """One browser tab's Streamlit session over a real websocket.

    ``await Session.open(url)`` connects and runs the page of ``url`` (path + query string);
    :meth:`set_widget` / :meth:`set_json` change widget values like a user would and
    :meth:`rerun` sends them. Each run's elements are in :attr:`page`.
    """

    def __init__(self, url: str, timeout: float = 10.0, locale: str = "zh-CN") -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ValueError(f"expected an http(s) URL, got {url!r}")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}/{STREAM_PATH}"
        self.page_name = parts.path.strip("/")
        self.query_string = parts.query
        self.timeout = timeout
        self.locale = locale
        self.page_script_hash = ""
        self.session_id = ""
        self.page_title = ""
        self.page: RunResult | None = None
        self.widget_states: dict[str, WidgetState] = {}
        self.max_cached_message_age = 2
        self._cache: dict[str, list[Any]] = {}  # hash -> [ForwardMsg, last run it was used]
        self._runs = 0
        self._ws: ClientConnection | None = None

    # ------------------------------------------------------------------ connection

    @classmethod
    async def open(cls, url: str, timeout: float = 10.0) -> tuple[Session, RunResult]:
        """Connect and run the page at ``url`` with no widget state (a new tab)."""
        session = cls(url, timeout)
        await session.connect()
        return session, await session.rerun()

    async def connect(self, load_page: bool = True) -> None:
        """Open the websocket; first GET the page's HTML like a tab does (``load_page``).

        The page's cookies go along with the websocket handshake, so a reverse proxy that
        pins sessions by cookie sends both to the same app process.
        """
        headers = {}
        if load_page:
            cookies = await asyncio.to_thread(self._load_page)
            if cookies:
                headers["Cookie"] = cookies
        # Like a browser: no websocket-level pings (the front end sends app heartbeats
        # instead), permessage-deflate offered (websockets' default), no size limit.
        self._ws = await asyncio.wait_for(
            connect(
                self.ws_url,
                subprotocols=["streamlit"],
                origin=self.origin,
                additional_headers=headers,
                ping_interval=None,
                max_size=None,
                open_timeout=self.timeout,
            ),
            self.timeout,
        )

    def _load_page(self) -> str:
        """GET the page (never through a proxy); its cookies as a ``Cookie`` header value."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar))
        url = f"{self.origin}/{self.page_name}" + (f"?{self.query_string}" if self.query_string else "")
        with opener.open(url, timeout=self.timeout) as response:
            response.read()
        return "; ".join(f"{c.name}={c.value}" for c in jar)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------------ widgets

    def set_widget(self, state: WidgetState) -> None:
        """Record a user's change of a widget (sent with the next :meth:`rerun`)."""
        self.widget_states[state.id] = state

    def set_string_array(self, widget_id: str, values: list[str]) -> None:
        state = WidgetState(id=widget_id)
        state.string_array_value.data.extend(values)
        self.set_widget(state)

    def set_string(self, widget_id: str, value: str) -> None:
        self.set_widget(WidgetState(id=widget_id, string_value=value))

    def set_json(self, widget_id: str, value: object) -> None:
        """A component's ``Streamlit.setComponentValue(value)``: JSON text, as the front end sends it."""
        self.set_widget(WidgetState(id=widget_id, json_value=json.dumps(value, ensure_ascii=False)))

    # ------------------------------------------------------------------ runs

    def _back_msg(self) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        if not self.page_script_hash:
            state.page_name = self.page_name
        state.widget_states.SetInParent()
        state.widget_states.widgets.extend(self.widget_states.values())
        state.cached_message_hashes.extend(self._cache)
        info = state.context_info
        info.timezone = "Asia/Shanghai"
        info.timezone_offset = -480
        info.locale = self.locale
        info.url = f"{self.origin}/{self.page_name}" + (f"?{self.query_string}" if self.query_string else "")
        info.is_embedded = False
        info.color_scheme = "light"
        return msg

    async def rerun(self) -> RunResult:
        """Send the current client state and read until the run finishes (or fails)."""
        if self._ws is None:
            return RunResult("disconnected", 0.0, detail="not connected")
        payload = self._back_msg().SerializeToString()
        start = time.perf_counter()
        deadline = start + self.timeout
        result = RunResult("timeout", 0.0)
        elements: dict[tuple[int, ...], Element] = {}
        self._runs += 1
        try:
            await self._ws.send(payload)
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise TimeoutError
                raw = await asyncio.wait_for(self._ws.recv(), remaining)
                result.messages += 1
                result.bytes += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                if msg.WhichOneof("type") == "ref_hash":
                    result.cached_refs += 1
                    msg = self._from_cache(msg)
                elif msg.metadata.cacheable and msg.hash:
                    self._cache[msg.hash] = [msg, self._runs]
                finished = self._handle(msg, elements, result)
                if finished is not None:
                    result.outcome = finished
                    if finished != "early_for_rerun":  # the app's st.rerun(): keep reading
                        break
                    elements.clear()
        except TimeoutError:
            result.outcome = "timeout"
            result.detail = f"no script_finished within {self.timeout:.0f} s"
        except ConnectionClosed as error:
            result.outcome = "disconnected"
            result.detail = f"websocket closed: {error}"
            self._ws = None
        except (OSError, ProtocolError, DecodeError) as error:
            result.outcome = "disconnected"
            result.detail = f"{type(error).__name__}: {error}"
        result.seconds = time.perf_counter() - start
        result.elements = [elements[path] for path in sorted(elements)]
        if result.exceptions and result.outcome == "finished":
            result.outcome = "exception"
        if result.outcome in ("finished", "exception"):
            self._after_run(result)
        return result

    def _from_cache(self, ref: ForwardMsg) -> ForwardMsg:
        entry = self._cache.get(ref.ref_hash)
        if entry is None:
            raise ProtocolError(f"reference to a message this client never had: {ref.ref_hash}")
        entry[1] = self._runs
        msg = ForwardMsg()
        msg.CopyFrom(entry[0])
        msg.metadata.CopyFrom(ref.metadata)
        return msg

    def _handle(self, msg: ForwardMsg, elements: dict, result: RunResult) -> str | None:
        kind = msg.WhichOneof("type")
        if kind == "delta":
            delta = msg.delta
            path = tuple(msg.metadata.delta_path)
            if delta.WhichOneof("type") == "new_element":
                element_kind = delta.new_element.WhichOneof("type")
                proto = getattr(delta.new_element, element_kind)
                elements[path] = Element(path, element_kind, proto)
                if element_kind == "exception":
                    result.exceptions.append(f"{proto.type}: {proto.message}")
            elif delta.WhichOneof("type") == "add_block":
                elements.pop(path, None)  # a container now stands where an element was
        elif kind == "script_finished":
            return FINISHED.get(msg.script_finished, f"status {msg.script_finished}")
        elif kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id or self.session_id
            age = msg.new_session.config.max_cached_message_age
            self.max_cached_message_age = age or self.max_cached_message_age
        elif kind == "navigation":
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_config_changed":
            self.page_title = msg.page_config_changed.title or self.page_title
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            result.exceptions.append(f"page not found: {msg.page_not_found.page_name}")
        return None

    def _after_run(self, result: RunResult) -> None:
        """Front-end bookkeeping at the end of a run: the page, widget states, message cache."""
        self.page = result
        drawn: dict[str, Element] = {e.widget_id: e for e in result.elements if e.widget_id}
        for widget_id in list(self.widget_states):
            if widget_id not in drawn:
                del self.widget_states[widget_id]
        for widget_id, element in drawn.items():
            if widget_id not in self.widget_states or getattr(element.proto, "set_value", False):
                state = _initial_state(element)
                if state is not None:
                    self.widget_states[widget_id] = state
        oldest = self._runs - self.max_cached_message_age
        for digest in [h for h, (_, used) in self._cache.items() if used < oldest]:
            del self._cache[digest]
