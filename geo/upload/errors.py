"""The one error type of the upload readers.

Every rejection of an uploaded file raises :class:`UploadError`. Its message comes from the
catalogue (``geo/i18n/catalogue/data.toml``) in the language current when it is raised (the
Streamlit run's), says what is wrong and what to do, and is safe to show the user as plain text
(it may quote file or column names verbatim, so the UI must still escape it like any other data). ``kind`` is a short
machine-readable tag the UI (and tests) can branch on, e.g. to offer a CRS picker.
"""

from __future__ import annotations


class UploadError(ValueError):
    """An uploaded file was rejected; ``str(err)`` is the message for the user."""

    def __init__(self, message: str, *, kind: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind

    def __str__(self) -> str:
        return self.message
