"""`--format json`: the spec's machine-readable shape."""
import json

from promolint.reporters.common import finding_dict, summary


def render(report, lang: str = "en", **_) -> str:
    data = {"findings": [finding_dict(d, lang) for d in report.findings],
            "summary": summary(report)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
