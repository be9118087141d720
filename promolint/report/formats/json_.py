"""`--format json`: the spec's machine-readable shape (section 6)."""

from promolint.core.diagnostics import json_text, money
from promolint.report.formats.common import finding_dict, summary


def render(report, lang: str = "en", stale=None, **_) -> str:
    from promolint.report.fixes import for_findings
    fixes = for_findings(report.findings, getattr(report, "texts", None))
    data = {"findings": [_with_fixes(finding_dict(d, lang), fixes.get(id(d)), lang)
                         for d in report.findings],
            "summary": {**summary(report, stale), "exposure": exposure(report)}}
    if stale:
        data["baseline_stale"] = [{"path": e.path, "rule": e.rule, "promotion": e.promotion,
                                   "message": e.message, "count": e.count} for e in stale]
    return json_text(data) + "\n"


def _with_fixes(out: dict, fixes, lang: str) -> dict:
    """A finding's suggested fixes (promolint.report.fixes), for tools that offer them."""
    if fixes:
        out["fixes"] = [fix.to_dict(lang) for fix in fixes]
    return out


def exposure(report) -> dict:
    """Worst-case money each promotion can give away (null: nothing bounds it), as the
    run computed it (Report.exposure)."""
    return {pid: {"amount": money(amount) if amount is not None else None, "currency": currency}
            for pid, (amount, currency) in report.exposure().items()}
