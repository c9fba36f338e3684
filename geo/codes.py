"""Administrative division codes: the MCA code history, province names, name variants.

The crosswalk ``data/areacodes_history.csv`` (yescallop/areacodes, CC0) lists every
county-level-and-above code since 1981 with its successor codes. A code can appear in
several rows (a 变更 row for an old name, an 在用 row for today's), so entries are
grouped by code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from geo.paths import DATA_DIR

CROSSWALK_PATH = DATA_DIR / "areacodes_history.csv"

# Province-level suffixes, longest first so 壮族自治区 wins over 自治区.
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")

# The 55 minority ethnic groups, used to strip "<族名>族自治县" from county names
# (禄劝彝族苗族自治县 -> 禄劝). Longest first so 柯尔克孜 wins over shorter prefixes.
_ETHNIC_GROUPS = sorted(
    [
        "蒙古",
        "回",
        "藏",
        "维吾尔",
        "苗",
        "彝",
        "壮",
        "布依",
        "朝鲜",
        "满",
        "侗",
        "瑶",
        "白",
        "土家",
        "哈尼",
        "哈萨克",
        "傣",
        "黎",
        "傈僳",
        "佤",
        "畲",
        "高山",
        "拉祜",
        "水",
        "东乡",
        "纳西",
        "景颇",
        "柯尔克孜",
        "土",
        "达斡尔",
        "仫佬",
        "羌",
        "布朗",
        "撒拉",
        "毛南",
        "仡佬",
        "锡伯",
        "阿昌",
        "普米",
        "塔吉克",
        "怒",
        "乌孜别克",
        "俄罗斯",
        "鄂温克",
        "德昂",
        "保安",
        "裕固",
        "京",
        "塔塔尔",
        "独龙",
        "鄂伦春",
        "赫哲",
        "门巴",
        "珞巴",
        "基诺",
    ],
    key=len,
    reverse=True,
)
_AUTONOMOUS = re.compile(r"^(.+?)(?:(?:" + "|".join(_ETHNIC_GROUPS) + r")族?)+自治(?:县|旗)$")
_UNIT_SUFFIXES = ("行政委员会", "自治县", "自治旗", "行委", "特区", "林区", "县", "市", "区", "旗")
_SUCCESSOR = re.compile(r"^(\d{6})(\[\d{4}\])?$")


def province_short(name: str) -> str:
    """云南省 -> 云南, 广西壮族自治区 -> 广西, 北京市 -> 北京 (idempotent)."""
    name = name.strip()
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def county_stem(name: str) -> str:
    """Reduce a county-level name to its stem for variant-tolerant matching.

    禄劝彝族苗族自治县 -> 禄劝, 大柴旦行委 -> 大柴旦, 科尔沁右翼中旗 -> 科尔沁右翼中,
    鄂伦春自治旗 -> 鄂伦春. A name is never reduced to fewer than two characters.
    """
    name = re.sub(r"\s+", "", name)
    match = _AUTONOMOUS.match(name)
    if match and len(match.group(1)) >= 2:
        return match.group(1)
    for suffix in _UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class CodeEntry:
    code: str
    name: str
    province: str
    prefecture: str
    level: str
    status: str
    successors: tuple[str, ...]


@dataclass(frozen=True)
class CodeBook:
    """All code entries, grouped by code, with lookups for current codes."""

    entries: dict[str, tuple[CodeEntry, ...]]
    current: dict[str, CodeEntry] = field(repr=False)

    def resolve(self, code: str) -> tuple[str, ...]:
        """Current code(s) that an old or current code leads to.

        Returns ``(code,)`` for a code in use, the chain of single successors for a
        retired code, several codes when the unit was split, and ``()`` when the code
        is unknown or was abolished without successor.
        """
        return _resolve(self, code, depth=0)

    def province_codes(self) -> dict[str, str]:
        """Map province short names (云南) to their 2-digit prefixes (53)."""
        return {province_short(e.name): code[:2] for code, e in self.current.items() if e.level == "省级"}


def _resolve(book: CodeBook, code: str, depth: int) -> tuple[str, ...]:
    if code in book.current:
        return (code,)
    if depth > 10 or code not in book.entries:
        return ()
    successors: list[str] = []
    for entry in book.entries[code]:
        successors.extend(entry.successors)
    resolved: list[str] = []
    for successor in dict.fromkeys(successors):
        for final in _resolve(book, successor, depth + 1):
            if final not in resolved:
                resolved.append(final)
    return tuple(resolved)


def _main_successors(raw: str) -> tuple[str, ...]:
    """Successor codes of a retired entry, ignoring earlier partial transfers ``[year]``."""
    if not isinstance(raw, str) or not raw:
        return ()
    out = []
    for part in raw.split(";"):
        match = _SUCCESSOR.match(part.strip())
        if match and not match.group(2):
            out.append(match.group(1))
    return tuple(out)


def read_codebook(path: Path = CROSSWALK_PATH) -> CodeBook:
    """Read the crosswalk CSV into a :class:`CodeBook`."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    grouped: dict[str, list[CodeEntry]] = {}
    current: dict[str, CodeEntry] = {}
    for row in df.itertuples(index=False):
        in_use = row.status == "在用"
        entry = CodeEntry(
            code=row.code,
            name=row.name,
            province=row.province,
            prefecture=row.prefecture,
            level=row.level,
            status=row.status,
            successors=() if in_use else _main_successors(row.new_code),
        )
        grouped.setdefault(row.code, []).append(entry)
        if in_use:
            current[row.code] = entry
    return CodeBook(entries={k: tuple(v) for k, v in grouped.items()}, current=current)


@cache
def codebook() -> CodeBook:
    """The project's crosswalk, read once per process."""
    return read_codebook()
