"""A rule's catalog entry as text, ruff-style sections, in English or Chinese."""
from __future__ import annotations

TITLES = {
    "en": ("default severity", "What it does", "Why is this bad?", "How to fix", "Options",
           "Example (bad)", "Use instead (good)"),
    "zh": ("默认级别", "检查什么", "为什么有害", "如何修复", "选项", "错误示例", "正确写法"),
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def explain_text(rule, lang: str = "en") -> str:
    """The rule's documentation: what, why, fix, options, a bad and a good example."""
    words = TITLES.get(lang, TITLES["en"])
    severity = SEVERITY_ZH.get(rule.severity, rule.severity) if lang == "zh" else rule.severity
    parts = [f"{rule.name} ({rule.code}) - {words[0]}: {severity}", "", rule.text("summary", lang)]
    for title, part in zip(words[1:4], ("what", "why", "fix")):
        parts += ["", f"## {title}", rule.text(part, lang).strip()]
    if rule.options:
        parts += ["", f"## {words[4]}", rule.text("options", lang).strip()]
    for title, examples in ((words[5], rule.bad), (words[6], rule.good)):
        for example in examples[:1]:
            parts += ["", f"## {title}", f"# {example.file}", example.text.rstrip()]
    return "\n".join(parts)


def rule_page(rule) -> str:
    """docs/rules/<name>.md: the rule's documentation in English, then in Chinese, every
    example of the catalog entry (tests/report/test_rule_pages.py keeps the files in sync)."""
    parts = [f"# {rule.name} ({rule.code})", "",
             "<!-- generated from rules/ by `python -m promolint.report.explain`; do not edit -->"]
    for lang in ("en", "zh"):
        words = TITLES[lang]
        severity = SEVERITY_ZH[rule.severity] if lang == "zh" else rule.severity
        parts += ["", f"{words[0]}: **{severity}**", "", rule.text("summary", lang)]
        for title, part in zip(words[1:4], ("what", "why", "fix")):
            parts += ["", f"## {title}", "", rule.text(part, lang).strip()]
        if rule.options:
            parts += ["", f"## {words[4]}", "", rule.text("options", lang).strip()]
        for title, examples in ((words[5], rule.bad), (words[6], rule.good)):
            for example in examples if lang == "en" else ():
                fence = "text" if example.file.endswith(".promo") else "yaml"
                parts += ["", f"## {title}", "", f"```{fence}", f"# {example.file}",
                          example.text.rstrip(), "```"]
    return "\n".join(parts) + "\n"


def write_rule_pages(folder) -> None:
    """Write every rule's page into `folder` (docs/rules) and remove pages of no rule."""
    from pathlib import Path

    from promolint.report.catalog import rules
    from promolint.report.outputs import replace_file
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = rules()
    for rule in table.values():
        replace_file(folder / f"{rule.name}.md", rule_page(rule))
    for page in folder.glob("*.md"):
        if page.stem not in table:
            page.unlink()


if __name__ == "__main__":  # python -m promolint.report.explain [docs/rules]
    import sys
    write_rule_pages(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
