from geo.ui.text import md


def test_markdown_and_html_syntax_is_escaped() -> None:
    assert md("<img src=x onerror=alert(1)>") == r"\<img src\=x onerror\=alert\(1\)\>"
    assert md("[点我](javascript:alert(1))") == r"\[点我\]\(javascript\:alert\(1\)\)"
    assert md(":red[警告] $x$ **粗**") == r"\:red\[警告\] \$x\$ \*\*粗\*\*"


def test_one_line_and_bounded() -> None:
    assert md("第一行\n# 标题") == r"第一行 \# 标题"
    assert md("长" * 300) == "长" * 199 + "…"
    assert md("贵州省2021年统计") == "贵州省2021年统计"
