"""`--format text`: path:line:col: severity rule: message, then the witness."""
from __future__ import annotations

from promolint.reporters.common import summary
from promolint.messages import render as message
from promolint.witness_text import describe

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render(report, lang: str = "en", colour: bool = False, **_) -> str:
    lines = []
    for diag in report.findings:
        if diag.suppressed:
            continue
        sev = diag.severity
        if colour:
            sev = f"{_COLOURS.get(sev, '')}{sev}{_RESET}"
        lines.append(f"{diag.path}:{diag.span.line}:{diag.span.column}: {sev} {diag.rule}: "
                     f"{message(diag, lang)}")
        if diag.witness is not None:
            lines.append(f"    {describe(diag.witness, lang)}")
    lines.append(_summary_line(summary(report), lang))
    return "\n".join(lines) + "\n"


def _summary_line(s: dict, lang: str) -> str:
    if lang == "zh":
        text = (f"检查了 {s['files']} 个文件、{s['promotions']} 个促销:"
                f"{s['errors']} 个错误,{s['warnings']} 个警告")
        return text + (f",{s['suppressed']} 个已豁免" if s["suppressed"] else "")
    text = (f"{s['files']} file(s), {s['promotions']} promotion(s): "
            f"{s['errors']} error(s), {s['warnings']} warning(s)")
    return text + (f", {s['suppressed']} suppressed" if s["suppressed"] else "")
