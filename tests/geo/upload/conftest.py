from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest

from geo.upload.errors import UploadError

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _check(err: pytest.ExceptionInfo[UploadError] | UploadError, *fragments: str, kind: str | None = None) -> str:
    exc = err.value if isinstance(err, pytest.ExceptionInfo) else err
    message = str(exc)
    assert len(_CJK.findall(message)) >= 10, message  # a real Chinese sentence, not an English traceback
    assert "请" in message, message  # says what to do
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    if kind is not None:
        assert exc.kind == kind, (exc.kind, message)
    return message


@pytest.fixture
def assert_chinese() -> Callable[..., str]:
    """``assert_chinese(excinfo, "片段", kind="…")``: a specific Chinese message with advice."""
    return _check


@pytest.fixture
def make_zip() -> Callable[..., bytes]:
    """``make_zip({"a.shp": b"…"})`` → zip bytes (deflated)."""

    def build(members: dict[str, bytes], *, infos: list[tuple[zipfile.ZipInfo, bytes]] = ()) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, payload in members.items():
                zf.writestr(name, payload)
            for info, payload in infos:
                zf.writestr(info, payload)
        return buf.getvalue()

    return build
