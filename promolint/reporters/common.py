"""What every reporter shares: one dict per finding, the summary."""
from __future__ import annotations

from promolint.messages import render as message


def finding_dict(diag, lang: str = "en") -> dict:
    out = {"path": diag.path, "line": diag.span.line, "column": diag.span.column,
           "end_line": diag.span.end_line or diag.span.line,
           "end_column": diag.span.end_column or diag.span.column,
           "rule": diag.rule, "severity": diag.severity, "message": message(diag, lang)}
    if diag.promotion:
        out["promotion"] = diag.promotion
    if diag.witness is not None:
        out["witness"] = diag.witness.to_dict()
    if diag.suppressed:
        out["suppressed"] = {"reason": diag.suppressed}
    return out


def summary(report) -> dict:
    return {"files": len(report.files), "promotions": len(report.promotions),
            "errors": report.count("error"), "warnings": report.count("warning"),
            "infos": report.count("info"),
            "suppressed": sum(1 for f in report.findings if f.suppressed)}
