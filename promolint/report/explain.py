"""A rule's catalog entry as text, ruff-style sections."""
from __future__ import annotations


def explain_text(rule) -> str:
    parts = [f"{rule.name} ({rule.code}) - default severity: {rule.severity}", "",
             rule.summary, "", "## What it does", rule.what.strip(), "",
             "## Why is this bad?", rule.why.strip(), "", "## How to fix", rule.fix.strip()]
    if rule.options:
        parts += ["", "## Options", rule.options.strip()]
    for title, examples in (("## Example (bad)", rule.bad), ("## Use instead (good)", rule.good)):
        for example in examples[:1]:
            parts += ["", title, f"# {example.file}", example.text.rstrip()]
    return "\n".join(parts)
