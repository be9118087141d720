"""What every reporter shares: one dict per finding, the summary, the fail level."""
from __future__ import annotations

from promolint.core.diagnostics import affected_dict, severity_rank
from promolint.report.messages import render as message
from promolint.report.witness_text import affected_line, describe


def said(diag, lang: str = "en", affected: bool = True) -> list[str]:
    """A finding in words, a line each: its message, its witness when it has one, and the
    SKUs it affects when more than one (`affected`: the editor shows them elsewhere)."""
    lines = [message(diag, lang)]
    if diag.witness is not None:
        lines.append(describe(diag.witness, lang))
    if affected and len(diag.affected) > 1:
        lines.append(affected_line(diag.affected, lang))
    return lines


def finding_dict(diag, lang: str = "en") -> dict:
    """The spec's JSON shape for one finding (section 6), plus end, promotion, suppression."""
    out = {"path": diag.path, "line": diag.span.line, "column": diag.span.column,
           "end_line": diag.span.end_line or diag.span.line,
           "end_column": diag.span.end_column or diag.span.column,
           "rule": diag.rule, "severity": diag.severity, "message": message(diag, lang)}
    return out | finding_extras(diag, "comment")


def finding_extras(diag, suppress_kind: str) -> dict:
    """The keys a finding has only when they apply: promotion, witness, affected,
    suppressed (`suppress_kind` when the diagnostic does not say how)."""
    out = {}
    if diag.promotion:
        out["promotion"] = diag.promotion
    if diag.witness is not None:
        out["witness"] = diag.witness.to_dict()
    if diag.affected:
        out["affected"] = affected_dict(diag)
    if diag.suppressed:
        out["suppressed"] = {"reason": diag.suppressed, "kind": diag.suppressed_by or suppress_kind}
    return out


def summary(report, stale=None) -> dict:
    """Counts of the active findings; suppressed and baselined ones counted apart."""
    out = {"files": len(report.files), "promotions": len(report.promotions),
           "errors": report.count("error"), "warnings": report.count("warning"),
           "infos": report.count("info"),
           "suppressed": sum(1 for f in report.findings
                             if f.suppressed and f.suppressed_by != "baseline")}
    if stale is not None:
        out["baselined"] = sum(1 for f in report.findings if f.suppressed_by == "baseline")
        out["baseline_stale"] = sum(e.count for e in stale)
    return out


def active(report) -> list:
    """The findings that are not suppressed (nor baselined)."""
    return [f for f in report.findings if not f.suppressed]


def fails(diag, fail_on: str) -> bool:
    """Whether the finding makes the exit code 1 at this fail level."""
    return not diag.suppressed and severity_rank(diag.severity) >= severity_rank(fail_on)
