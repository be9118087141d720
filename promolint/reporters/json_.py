"""`--format json`: the spec's machine-readable shape (section 6)."""
import json

from promolint.reporters.common import finding_dict, summary


def render(report, lang: str = "en", stale=None, **_) -> str:
    data = {"findings": [finding_dict(d, lang) for d in report.findings],
            "summary": summary(report, stale)}
    if stale:
        data["baseline_stale"] = [{"path": e.path, "rule": e.rule, "promotion": e.promotion,
                                   "message": e.message, "count": e.count} for e in stale]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
