"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""
from __future__ import annotations

from promolint.core.diagnostics import printable
from promolint.report.formats.common import active, said

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report, lang: str = "en", **_) -> str:
    lines = []
    for diag in active(report):
        span = diag.span
        props = {"file": diag.path, "line": span.line, "col": span.column}
        if span.end_line:
            props.update(endLine=span.end_line, endColumn=span.end_column or span.column)
        props["title"] = f"promolint {diag.rule}"
        text = "\n".join(said(diag, lang))
        fields = ",".join(f"{k}={_property(printable(str(v)))}" for k, v in props.items())
        lines.append(f"::{COMMANDS[diag.severity]} {fields}::{_data(text)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
