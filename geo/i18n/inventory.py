"""Inventory of the Chinese string literals in the code: what the English conversion must cover.

``python -m geo.i18n.inventory [--output FILE] [PATH …]`` prints, per file, every string
literal (Python: constants and f-strings, not docstrings or comments; JavaScript: string and
template literals, not comments) that contains Chinese, with its line and a guess of its kind:

* ``ui``: text a user reads (labels, captions, legends, chart titles, table headers);
  it moves to ``catalogue/*.toml`` and is read with ``t()``;
* ``data``: not shown as such — column names used to index tables, values compared with
  data, name suffixes, regular expressions; stays Chinese;
* ``record``: a field of a curated record (a dataclass constructed at module level, e.g. a
  ``taxonomy.Programme``); its English belongs beside it in the record, like ``name_en``.

The guess reads the syntax around the literal (see :func:`_classify`); a line can be marked
by hand with a ``# i18n: data`` comment. :func:`ui_literals` is what a test can assert
empty for ``pages/`` and ``geo/ui/`` once they are converted; :func:`used_keys` finds every
literal ``t("…")`` key so a test can check they all exist in the catalogue.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.i18n.check import has_cjk
from geo.paths import REPO_ROOT

KINDS = ("ui", "data", "record")
MARK = re.compile(r"#\s*i18n:\s*data\b")

# Streamlit and plotly calls, and keyword arguments, whose strings a user reads.
_UI_CALLS = {
    "title", "header", "subheader", "caption", "markdown", "write", "text", "info", "warning", "error",
    "success", "toast", "metric", "button", "download_button", "link_button", "page_link", "selectbox",
    "multiselect", "radio", "toggle", "checkbox", "slider", "select_slider", "text_input", "text_area",
    "number_input", "file_uploader", "expander", "tabs", "popover", "spinner", "status", "set_page_config",
    "Page", "update_layout", "update_xaxes", "update_yaxes", "add_annotation", "add_trace", "Bar", "Scatter",
    "Sankey", "LegendItem", "LegendSpec", "Tooltip", "Popup", "TileLayer", "FeatureGroup",
}  # fmt: skip
_UI_KEYWORDS = {
    "label", "help", "placeholder", "title", "name", "caption", "text", "hovertemplate", "page_title",
    "show_spinner", "file_name", "file_stem", "note", "tooltip", "popup", "legendgroup",
}  # fmt: skip
# Methods (called on an object) whose string arguments are table or string operations on data.
_DATA_CALLS = {
    "rename", "sort_values", "startswith", "endswith", "removeprefix", "removesuffix", "replace", "contains",
    "split", "rsplit", "strip", "get", "isin", "set_index", "groupby", "merge", "fillna", "pivot",
    "pivot_table", "melt", "compile", "search", "match", "fullmatch", "sub", "findall", "finditer", "index",
    "count", "astype", "eq", "ne", "read_csv", "loc", "query", "assign",
}  # fmt: skip
_DATA_NAMES = re.compile(r"SUFFIX|PREFIX|PATTERN|ALIAS|STEM|_RE$|^RE_|REGEX|ETHNIC|UNITS$|COLUMN_ALIASES")


@dataclass(frozen=True)
class Literal:
    """One Chinese string literal: where it is, its source text, its kind and why."""

    path: str
    line: int
    text: str
    kind: str
    reason: str


def scan_python(path: Path, root: Path = REPO_ROOT) -> list[Literal]:
    """The Chinese string literals of a Python file (docstrings and other bare strings skipped)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    lines = source.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr):
            skip |= {id(n) for n in ast.walk(node.value)}  # docstrings and bare strings
        elif isinstance(node, ast.JoinedStr):
            skip |= {id(n) for n in ast.walk(node) if n is not node}  # reported as the whole f-string
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not _is_cjk_literal(node):
            continue
        text = ast.get_source_segment(source, node) or ""
        if MARK.search(lines[node.lineno - 1]):
            kind, reason = "data", "marked # i18n: data"
        else:
            kind, reason = _classify(node, parents)
            if kind == "ui" and _at_module_level(node, parents):
                reason += " · module level"  # evaluated at import: must become a key, translated at use
        found.append(((node.lineno, node.col_offset), Literal(_relative(path, root), node.lineno, text, kind, reason)))
    return [lit for _, lit in sorted(found, key=lambda pair: pair[0])]


def _is_cjk_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and has_cjk(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and has_cjk(str(v.value)) for v in node.values)
    return False


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _classify(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> tuple[str, str]:
    """(kind, reason) from the syntax around a literal, innermost context first."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.Subscript) and child is parent.slice:
            return "data", "table column / key"
        if isinstance(parent, ast.Compare):
            return "data", "compared with data"
        if isinstance(parent, ast.Dict) and any(child is k for k in parent.keys):
            value = parent.values[[id(k) for k in parent.keys].index(id(child))]
            if _constant(value):
                return "data", "lookup key"
            return "ui", "row key (a column header)"
        if isinstance(parent, ast.keyword) and parent.arg in _UI_KEYWORDS:
            return "ui", f"{parent.arg}="
        if isinstance(parent, ast.Call):
            name = _call_name(parent)
            if name in _UI_CALLS:
                return "ui", f"{name}()"
            if name in _DATA_CALLS and isinstance(parent.func, ast.Attribute):
                return "data", f".{name}()"
            if name[:1].isupper() and _at_module_level(parent, parents):
                return "record", f"{name}(…) record"
        if isinstance(parent, ast.Assign | ast.AnnAssign):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if any(_DATA_NAMES.search(n) for n in names):
                return "data", f"{names[0]} (matching)"
            break
        if isinstance(parent, ast.stmt):
            break
        child, parent = parent, parents.get(parent)
    return "ui", "text"


def _constant(node: ast.AST) -> bool:
    """A literal value, or a tuple/list/set of them (what a lookup table maps to)."""
    if isinstance(node, ast.Constant | ast.UnaryOp):
        return True
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and all(_constant(e) for e in node.elts)


def _at_module_level(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while (node := parents.get(node)) is not None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
    return True


_JS_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^") | {""}


def scan_js(path: Path, root: Path = REPO_ROOT) -> list[Literal]:
    """The Chinese string and template literals of a JavaScript file (comments and regexes skipped)."""
    source = path.read_text(encoding="utf-8")
    found = []
    i, line, last = 0, 1, ""
    while i < len(source):
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = len(source) if i < 0 else i
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = len(source) if end < 0 else end + 2
            line += source.count("\n", i, end)
            i = end
        elif c in "\"'`" or (c == "/" and last in _JS_REGEX_BEFORE):
            end = _js_literal_end(source, i)
            text = source[i:end]
            if c != "/" and has_cjk(text):
                found.append(Literal(_relative(path, root), line, text, "ui", "browser text"))
            line += text.count("\n")
            i, last = end, "x"
        else:
            if c == "\n":
                line += 1
            if not c.isspace():
                last = c
            i += 1
    return found


def _js_literal_end(source: str, start: int) -> int:
    """Index just past the string, template or regex literal starting at ``start``."""
    quote, i, in_class = source[start], start + 1, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if quote == "/" and c == "[":
            in_class = True
        elif quote == "/" and c == "]":
            in_class = False
        elif c == quote and not in_class:
            if quote == "/":
                while i + 1 < len(source) and source[i + 1].isalpha():  # flags
                    i += 1
            return i + 1
        elif c == "\n" and quote != "`":
            return i  # unterminated: stop at the line end
        i += 1
    return i


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def default_paths(root: Path = REPO_ROOT) -> list[Path]:
    """``app.py``, ``pages/*.py``, ``geo/**/*.py`` except ``geo/i18n``, ``static/atlas/atlas_map.js``."""
    geo = [p for p in sorted((root / "geo").rglob("*.py")) if "i18n" not in p.relative_to(root / "geo").parts]
    app = [root / "app.py"] if (root / "app.py").exists() else []
    js = [root / "static" / "atlas" / "atlas_map.js"]
    return app + sorted((root / "pages").glob("*.py")) + geo + [p for p in js if p.exists()]


def scan(paths: Iterable[Path], root: Path = REPO_ROOT) -> list[Literal]:
    """Every Chinese literal of ``paths`` (``.py`` and ``.js``), file by file."""
    out: list[Literal] = []
    for path in paths:
        out += scan_js(path, root) if path.suffix == ".js" else scan_python(path, root)
    return out


def ui_literals(paths: Iterable[Path], root: Path = REPO_ROOT) -> list[Literal]:
    """The literals that look like user-visible text (what a conversion test asserts is empty)."""
    return [lit for lit in scan(paths, root) if lit.kind == "ui"]


def used_keys(paths: Iterable[Path], root: Path = REPO_ROOT) -> dict[str, list[str]]:
    """Every literal key passed to ``t(…)`` (or ``i18n.t(…)``) → the places (``path:line``) using it."""
    keys: dict[str, list[str]] = {}
    for path in paths:
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _call_name(node) == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.setdefault(node.args[0].value, []).append(f"{_relative(path, root)}:{node.lineno}")
    return keys


def render(literals: Sequence[Literal], title: str = "Chinese string literals") -> str:
    """The inventory as Markdown: a count table, then each file's literals by line."""
    by_file: dict[str, list[Literal]] = {}
    for lit in literals:
        by_file.setdefault(lit.path, []).append(lit)
    totals = Counter(lit.kind for lit in literals)
    out = [
        f"# {title}",
        "",
        "Kinds (a guess from the syntax around each literal; see `geo/i18n/inventory.py`): "
        "**ui** = user-visible text → catalogue + `t()`; **data** = column names, compared values, "
        "suffixes, patterns → stays Chinese; **record** = field of a curated record → English beside it.",
        "",
        "| file | ui | data | record | total |",
        "|---|---:|---:|---:|---:|",
    ]
    for path, lits in by_file.items():
        counts = Counter(lit.kind for lit in lits)
        out.append(f"| `{path}` | {counts['ui']} | {counts['data']} | {counts['record']} | {len(lits)} |")
    out.append(f"| **total** | {totals['ui']} | {totals['data']} | {totals['record']} | {len(literals)} |")
    repeated = Counter(_plain_text(lit.text) for lit in literals if lit.kind == "ui" and _plain_text(lit.text))
    common = [(text, n) for text, n in repeated.most_common() if n >= 3]
    if common:
        out += ["", "## Repeated UI literals (candidates for one shared key)", ""]
        out += ["| text | times |", "|---|---:|"] + [f"| `{_shown(text)}` | {n} |" for text, n in common]
    for path, lits in by_file.items():
        out += ["", f"## `{path}` ({len(lits)})", ""]
        for lit in lits:
            out.append(f"- L{lit.line} **{lit.kind}** ({lit.reason}): `{_shown(lit.text)}`")
    return "\n".join(out) + "\n"


def _plain_text(source: str) -> str:
    """The value of a plain string literal's source (``""`` for f-strings and JavaScript)."""
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return ""
    return value if isinstance(value, str) else ""


def _shown(text: str, limit: int = 110) -> str:
    text = " ".join(text.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files to scan (default: the app's code)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="paths are shown relative to this")
    parser.add_argument("--output", type=Path, help="write the Markdown here instead of stdout")
    args = parser.parse_args(argv)
    text = render(scan(args.paths or default_paths(args.root), args.root))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
