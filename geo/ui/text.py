"""User text inside Streamlit markdown (captions, messages, toasts) shown literally.

``st.markdown`` and friends interpret ``*``, ``[link](…)``, ``$math$``, ``:red[…]`` and raw HTML.
Dataset names, file names and column headers come from uploads, so every such string goes
through :func:`md` before it is put into markdown; tables and ``st.text`` need no escaping.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MARKDOWN_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=])")
MAX_SHOWN_CHARS = 200


def md(value: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """``value`` as one line of literal text for markdown (cut to ``limit`` characters)."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN_SIGNIFICANT.sub(r"\\\1", text)
