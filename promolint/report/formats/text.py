"""`--format text`: path:line:col: severity rule: message, then the witness."""
from __future__ import annotations

from promolint.core.diagnostics import printable_path
from promolint.report.formats.common import active, said, summary
from promolint.report.explain import SEVERITY_ZH
from promolint.report.messages import ui

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(report, lang: str = "en", colour: bool = False, stale=None, quiet: bool = False,
           **_) -> str:
    """Each finding (its severity in the run's language; the rule name stays as it is),
    then the summary line unless `quiet`."""
    lines = []
    for diag in active(report):
        sev = SEVERITY_ZH.get(diag.severity, diag.severity) if lang == "zh" else diag.severity
        where = f"{printable_path(diag.path)}:{diag.span.line}:{diag.span.column}:"
        if colour:
            sev = f"{_COLOURS.get(diag.severity, '')}{sev}{_RESET}"
            where = f"{_BOLD}{where}{_RESET}"
        first, *more = said(diag, lang)
        lines.append(f"{where} {sev} {diag.rule}: {first}")
        lines += [f"    {_DIM}{line}{_RESET}" if colour else f"    {line}" for line in more]
    if quiet:
        return "".join(line + "\n" for line in lines)
    lines.append(summary_line(summary(report, stale), lang))
    for entry in stale or ():
        lines.append(ui("baseline-stale-item", lang, path=entry.path, rule=entry.rule,
                        promotion=entry.promotion or ""))
    return "\n".join(lines) + "\n"


def summary_line(s: dict, lang: str) -> str:
    """One line of counts; zero counts of the optional kinds are left out."""
    text = ui("summary", lang, **s)
    for key, part in (("infos", "summary-infos"), ("suppressed", "summary-suppressed"),
                      ("baselined", "summary-baselined")):
        if s.get(key):
            text += ui(part, lang, **s)
    if s.get("baseline_stale"):
        text += "\n" + ui("baseline-stale", lang, count=s["baseline_stale"])
    return text
