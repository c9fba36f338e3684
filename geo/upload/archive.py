"""Safe zip handling with the standard library only.

:func:`inspect_zip` validates every member of an archive *before* anything is written:
absolute paths, ``..`` components, symlinks, encrypted members, too many members, and the total
uncompressed size / compression ratio (zip bombs) each reject the whole archive.
:func:`extract_zip` then writes only members with an expected extension, flattened to their
base names, into a directory the caller owns (normally a ``TemporaryDirectory``), streaming
with a byte budget so that a member lying about its size cannot exceed the limits either.
Nothing is ever unpickled, evaluated or executed.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geo.i18n import t
from geo.upload.errors import UploadError
from geo.upload.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_MEMBERS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    check_upload_size,
    format_bytes,
)

SHAPEFILE_EXTENSIONS: frozenset[str] = frozenset({".shp", ".shx", ".dbf", ".prj", ".cpg"})

_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class ZipMember:
    """One regular file of a validated archive."""

    info: zipfile.ZipInfo
    name: str  # decoded path inside the archive ("/"-separated)

    @property
    def basename(self) -> str:
        return PurePosixPath(self.name).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """The member name, re-decoded as UTF-8 or GBK when the zip did not flag it as UTF-8.

    Windows tools in China write names such as ``县界.shp`` in GBK without the UTF-8 flag;
    ``zipfile`` then decodes them as CP437 and they become unreadable.
    """
    name = info.filename
    if info.flag_bits & _UTF8_FLAG:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _check_name(name: str) -> None:
    shown = name if len(name) <= 80 else name[:77] + "…"
    normalized = name.replace("\\", "/")
    if "\x00" in name:
        raise UploadError(t("upload.zip_name_illegal", name=shown), kind="unsafe_path")
    if normalized.startswith("/") or _DRIVE.match(normalized):
        raise UploadError(t("upload.zip_absolute_path", name=shown), kind="unsafe_path")
    if ".." in normalized.split("/"):
        raise UploadError(t("upload.zip_parent_path", name=shown), kind="unsafe_path")


def _is_junk(name: str) -> bool:
    """macOS resource forks (``__MACOSX/``, ``._x.shp``) share the real files' extensions."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return "__MACOSX" in parts or (bool(parts) and parts[-1].startswith("._"))


def open_zip(data: bytes, *, what: str | None = None) -> zipfile.ZipFile:
    """Open ``data`` as a zip, turning every parse failure into :class:`UploadError`.

    ``what`` names the file in messages, in the current language (default ``t("upload.what_archive")``).
    """
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadError(t("upload.zip_unreadable", what=what or t("upload.what_archive")), kind="bad_zip") from exc


def inspect_zip(
    zf: zipfile.ZipFile,
    *,
    max_members: int = MAX_MEMBERS,
    max_total_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
    what: str | None = None,
) -> list[ZipMember]:
    """Validate the whole archive and return its regular (non-directory, non-junk) members.

    ``what`` names the file in messages, in the current language (default ``t("upload.what_archive")``).
    """
    what = what or t("upload.what_archive")
    infos = zf.infolist()
    if len(infos) > max_members:
        raise UploadError(
            t("upload.zip_too_many_members", what=what, count=len(infos), limit=max_members), kind="too_many_members"
        )
    members: list[ZipMember] = []
    total = 0
    compressed = 0
    for info in infos:
        name = decode_member_name(info)
        _check_name(name)
        if _is_symlink(info):
            raise UploadError(t("upload.zip_symlink", what=what, name=name), kind="unsafe_path")
        if info.flag_bits & _ENCRYPTED_FLAG:
            raise UploadError(t("upload.zip_encrypted", what=what, name=name), kind="encrypted")
        total += info.file_size
        compressed += info.compress_size
        if info.is_dir() or _is_junk(name):
            continue
        members.append(ZipMember(info=info, name=name))
    if total > max_total_bytes:
        raise UploadError(
            t("upload.zip_too_big", what=what, total=format_bytes(total), limit=format_bytes(max_total_bytes)),
            kind="zip_bomb",
        )
    if total > _CHUNK and total / max(compressed, 1) > max_ratio:
        raise UploadError(
            t("upload.zip_ratio", what=what, ratio=total / max(compressed, 1), limit=max_ratio), kind="zip_bomb"
        )
    return members


def _copy_limited(src: io.BufferedIOBase, dst: io.BufferedIOBase, *, budget: int, declared: int, name: str) -> int:
    written = 0
    while chunk := src.read(_CHUNK):
        written += len(chunk)
        if written > declared or written > budget:
            raise UploadError(t("upload.zip_member_too_big", name=name), kind="zip_bomb")
        dst.write(chunk)
    return written


def extract_zip(
    data: bytes,
    dest: Path,
    *,
    extensions: Iterable[str] = SHAPEFILE_EXTENSIONS,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    max_members: int = MAX_MEMBERS,
    max_total_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
) -> list[Path]:
    """Validate ``data`` and extract members with one of ``extensions`` into ``dest``.

    Members are flattened to their base names (folders inside the archive are dropped); two
    members with the same base name are rejected. Returns the written paths, all directly
    inside ``dest``. Raises :class:`UploadError` before writing anything if the archive is unsafe.
    """
    check_upload_size(len(data), limit=max_upload_bytes, name=t("upload.what_archive_upload"))
    wanted = {e.lower() for e in extensions}
    root = Path(dest).resolve()
    with open_zip(data) as zf:
        members = inspect_zip(zf, max_members=max_members, max_total_bytes=max_total_bytes, max_ratio=max_ratio)
        chosen = [m for m in members if m.suffix in wanted]
        seen: dict[str, str] = {}
        for m in chosen:
            key = m.basename.lower()
            if key in seen:
                raise UploadError(
                    t("upload.zip_duplicate_member", first=seen[key], second=m.name), kind="duplicate_member"
                )
            seen[key] = m.name
        budget = max_total_bytes
        written: list[Path] = []
        for m in chosen:
            target = (root / m.basename).resolve()
            if target.parent != root:  # defence in depth: never write outside dest
                raise UploadError(t("upload.zip_unsafe_name", name=m.name), kind="unsafe_path")
            try:
                with zf.open(m.info) as src, open(target, "xb") as dst:
                    budget -= _copy_limited(src, dst, budget=budget, declared=m.info.file_size, name=m.name)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
                raise UploadError(t("upload.zip_member_unreadable", name=m.name), kind="bad_zip") from exc
            written.append(target)
    return written
