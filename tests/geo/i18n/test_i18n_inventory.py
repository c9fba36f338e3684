"""The inventory of Chinese literals, run on tiny sample files."""

from pathlib import Path

from geo.i18n.inventory import main, render, scan, scan_js, scan_python, ui_literals, used_keys

SAMPLE_PY = '''"""模块说明：不是界面文字。"""
import streamlit as st

SUFFIXES = ("自治县", "县")  # 注释也不算
LABELS = {"exit_year": "摘帽年份"}
UNITS = {"万人": 1e4}
NOTE = "来源说明"  # i18n: data


def page(table, year):
    """函数说明。"""
    st.title("全国总览")
    st.selectbox("省份", ["a"], help=f"{year}年数据")
    table = table.sort_values("区划代码")
    if table["省份"].iloc[0] == "贵州省":
        st.info(t("common.no_data"))
    return {"区划代码": table.index, "年份": year}
'''

SAMPLE_JS = """// 注释：不算
/* 块注释
   也不算 */
var ESC = /[&<>"']/g;
var label = "暂无数据";
var tpl = `第${n}年`;
var plain = "ascii only";
"""


def _write(tmp_path: Path) -> tuple[Path, Path]:
    py = tmp_path / "sample.py"
    py.write_text(SAMPLE_PY, encoding="utf-8")
    js = tmp_path / "sample.js"
    js.write_text(SAMPLE_JS, encoding="utf-8")
    return py, js


def test_python_literals_with_kinds(tmp_path: Path) -> None:
    py, _ = _write(tmp_path)
    found = [(lit.line, lit.text, lit.kind) for lit in scan_python(py, tmp_path)]
    assert found == [
        (4, '"自治县"', "data"),
        (4, '"县"', "data"),
        (5, '"摘帽年份"', "ui"),
        (6, '"万人"', "data"),
        (7, '"来源说明"', "data"),
        (12, '"全国总览"', "ui"),
        (13, '"省份"', "ui"),
        (13, 'f"{year}年数据"', "ui"),
        (14, '"区划代码"', "data"),
        (15, '"省份"', "data"),
        (15, '"贵州省"', "data"),
        (17, '"区划代码"', "ui"),
        (17, '"年份"', "ui"),
    ]
    assert {lit.path for lit in scan_python(py, tmp_path)} == {"sample.py"}


def test_javascript_literals_skip_comments_and_regexes(tmp_path: Path) -> None:
    _, js = _write(tmp_path)
    assert [(lit.line, lit.text) for lit in scan_js(js, tmp_path)] == [(5, '"暂无数据"'), (6, "`第${n}年`")]


def test_used_keys_and_ui_literals(tmp_path: Path) -> None:
    py, js = _write(tmp_path)
    assert used_keys([py], tmp_path) == {"common.no_data": ["sample.py:16"]}
    assert len(ui_literals([py, js], tmp_path)) == 8


def test_render_and_main(tmp_path: Path, capsys) -> None:
    py, js = _write(tmp_path)
    text = render(scan([py, js], tmp_path))
    assert "| `sample.py` | 6 | 7 | 0 | 13 |" in text
    assert "| `sample.js` | 2 | 0 | 0 | 2 |" in text
    assert '- L12 **ui** (title()): `"全国总览"`' in text
    out = tmp_path / "inventory.md"
    assert main(["--root", str(tmp_path), "--output", str(out), str(py), str(js)]) == 0
    assert out.read_text(encoding="utf-8") == text
    assert main(["--root", str(tmp_path), str(js)]) == 0
    assert "`sample.js` (2)" in capsys.readouterr().out
