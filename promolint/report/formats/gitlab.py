"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues).

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
"""
from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from promolint.core.diagnostics import json_text
from promolint.report.formats.common import active
from promolint.report.messages import render as message

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report, lang: str = "en", **_) -> str:
    from promolint.report.fingerprint import fingerprint
    seen: Counter = Counter()
    issues = []
    for diag in active(report):
        base = fingerprint(diag, Path.cwd())
        seen[base] += 1  # GitLab needs a unique fingerprint per issue
        issues.append({
            "type": "issue", "check_name": diag.rule, "description": message(diag, lang),
            "categories": ["Bug Risk"], "severity": SEVERITIES[diag.severity],
            "fingerprint": hashlib.md5(f"{base}:{seen[base]}".encode(), usedforsecurity=False).hexdigest(),
            "location": {"path": diag.path.replace("\\", "/").removeprefix("./"),
                         "positions": {"begin": {"line": diag.span.line, "column": diag.span.column},
                                       "end": {"line": diag.span.end_line or diag.span.line,
                                               "column": diag.span.end_column or diag.span.column}}}})
    return json_text(issues) + "\n"
