"""`promolint audit` output: every format `check` has, plus `jsonl` (section 8's columns).

A row has no line and column: text says `sms_coupon#7 benefit.amount:`, and the other
formats carry the row's locator (`mysql://host:port/db/sms_coupon#7`, never a password)
and the JSON pointer.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from promolint.audit import rowdoc
from promolint.audit.core import public
from promolint.audit.rows import split_source
from promolint.core.diagnostics import json_safe, json_text, printable
from promolint.core.document import Span
from promolint.report.explain import SEVERITY_ZH
from promolint.report.formats.common import finding_extras
from promolint.report.messages import render as message
from promolint.report.messages import ui
from promolint.report.witness_text import affected_line, describe

FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab")


def render(name: str, report, lang: str = "en", colour: bool = False, **options) -> str:
    return globals()["_" + name](report, lang, colour=colour, **options)


def active(report) -> list[dict]:
    return [f for f in report.findings if not f["_diag"].suppressed]


def locator(report, finding: dict) -> str:
    """The row as a locator: the source alone for files, prefixed for a database."""
    return report.locator + finding["source"]


def where(finding: dict) -> str:
    """`sms_coupon#7 benefit.amount` (`tenant / ...` for a tenant's row)."""
    field = rowdoc.dotted(finding["_diag"].span)
    text = finding["source"] + (" " + field if field else "")
    return printable(f"{finding['tenant']} / {text}" if finding["tenant"] else text)


def source_dict(finding: dict, columns=None) -> dict:
    table, key = split_source(finding["source"])
    out = {"table": table, "key": key}
    column = (columns or {}).get(table, {}).get(finding["pointer"])
    return out | ({"column": column} if column else {})


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}


def _text(report, lang, colour=False, stale=None, **_):
    lines = []
    for f in active(report):
        diag, sev = f["_diag"], f["severity"]
        sev = SEVERITY_ZH.get(sev, sev) if lang == "zh" else sev
        if colour:
            sev = f"{_COLOURS.get(sev, '')}{sev}\033[0m"
        lines.append(f"{where(f)}: {sev} {f['rule']}: {message(diag, lang)}")
        lines.extend("    " + extra for extra in _extras(diag, lang))
    lines.append(summary_line(report, lang, stale))
    return "\n".join(lines) + "\n"


def _extras(diag, lang: str) -> list[str]:
    out = [describe(diag.witness, lang)] if diag.witness is not None else []
    return out + ([affected_line(diag.affected, lang)] if len(diag.affected) > 1 else [])


def summary(report, stale=None) -> dict:
    out = {"rows": report.rows, "tenants": report.tenants, "errors": report.count("error"),
           "warnings": report.count("warning"), "infos": report.count("info"),
           "suppressed": sum(1 for f in report.findings
                             if f["_diag"].suppressed and f["_diag"].suppressed_by != "baseline"),
           "baselined": sum(1 for f in report.findings if f["_diag"].suppressed_by == "baseline")}
    if stale is not None:
        out["baseline_stale"] = len(stale)
    return out


def summary_line(report, lang: str, stale=None) -> str:
    s = summary(report, stale)
    text = ui("audit-summary", lang, **s)
    for key, part in (("infos", "summary-infos"), ("suppressed", "summary-suppressed"),
                      ("baselined", "summary-baselined")):
        if s.get(key):
            text += ui(part, lang, **s)
    if stale:
        text += "\n" + ui("audit-baseline-stale", lang, count=len(stale))
    return text


def finding_dict(report, f: dict, lang: str, columns=None) -> dict:
    diag = f["_diag"]
    out = {"path": locator(report, f), "tenant": f["tenant"], "source": source_dict(f, columns),
           "pointer": f["pointer"], "rule": f["rule"], "severity": f["severity"],
           "message": message(diag, lang), "fingerprint": f["fingerprint"]}
    return out | finding_extras(diag, "suppress-list")


def _json(report, lang, stale=None, columns=None, **_):
    data = {"findings": [finding_dict(report, f, lang, columns) for f in report.findings],
            "summary": summary(report, stale)}
    if stale:
        data["baseline_stale"] = stale
    return json_text(data) + "\n"


def _jsonl(report, lang, **_):
    """One finding a line, section 8's columns: what promolint.spark.audit writes."""
    return "".join(json_safe(json.dumps(public(f), ensure_ascii=False)) + "\n"
                   for f in active(report))


def _sarif(report, lang, columns=None, **_):
    from promolint import __version__
    from promolint.report.catalog import rules
    from promolint.report.formats.sarif import INFO_URI, LEVELS, SCHEMA, rule_metadata
    table = list(rules().values())
    index = {rule.name: i for i, rule in enumerate(table)}
    results = []
    for f in report.findings:
        diag = f["_diag"]
        text = "\n".join([f"{where(f)}: {message(diag, lang)}", *_extras(diag, lang)])
        result = {"ruleId": f["rule"], "level": LEVELS[f["severity"]], "message": {"text": text},
                  "locations": [{"physicalLocation": {"artifactLocation": {
                      "uri": quote(locator(report, f), safe=":/@")}},
                      "logicalLocations": [{"fullyQualifiedName": f["source"] + f["pointer"],
                                            "kind": "member"}]}],
                  "partialFingerprints": {"promolint/row/v1": f["fingerprint"]},
                  "properties": finding_dict(report, f, lang, columns)}
        if f["rule"] in index:
            result["ruleIndex"] = index[f["rule"]]
        if diag.suppressed:
            kind = "external" if diag.suppressed_by == "baseline" else "inSource"
            result["suppressions"] = [{"kind": kind, "status": "accepted",
                                       "justification": diag.suppressed}]
        results.append(result)
    run = {"tool": {"driver": {"name": "promolint", "version": __version__,
                               "semanticVersion": __version__, "informationUri": INFO_URI,
                               "rules": [rule_metadata(r, lang) for r in table]}},
           "results": results, "invocations": [{"executionSuccessful": True}]}
    return json_text({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}) + "\n"


def _github(report, lang, **_):
    from promolint.report.formats.github import COMMANDS, _data, _property
    lines = []
    for f in active(report):
        text = "\n".join([f"{where(f)}: {message(f['_diag'], lang)}", *_extras(f["_diag"], lang)])
        props = f"file={_property(printable(locator(report, f)))},title={_property('promolint ' + f['rule'])}"
        lines.append(f"::{COMMANDS[f['severity']]} {props}::{_data(text)}")
    return "".join(line + "\n" for line in lines)


class _Shim:
    """A check Report of the findings at their locators (junit, gitlab group by path)."""

    def __init__(self, report):
        self.findings = [f["_diag"].with_(path=locator(report, f), span=Span(1, 1))
                         for f in report.findings]
        self.files = sorted({d.path for d in self.findings})


def _junit(report, lang, fail_on="error", **_):
    from promolint.report.formats import junit
    return junit.render(_Shim(report), lang=lang, fail_on=fail_on)


def _gitlab(report, lang, **_):
    from promolint.report.formats import gitlab
    return gitlab.render(_Shim(report), lang=lang)
