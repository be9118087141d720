"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.

Rules come from the catalog (one source for docs and metadata). Columns count code
points, as promolint does (`columnKind`). Suppressed and baselined findings stay in
the log with a `suppressions` entry, so a code-scanning alert can show who approved it.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from promolint import __version__
from promolint.core.diagnostics import json_text
from promolint.report.catalog import rules
from promolint.report.formats.common import said
from promolint.core.diagnostics import affected_dict

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFO_URI = "https://github.com/promolint/promolint"


def render(report, lang: str = "en", **_) -> str:
    from promolint.report.fixes import for_findings
    table = list(rules().values())
    fixes = for_findings(report.findings, getattr(report, "texts", None))
    index = {rule.name: i for i, rule in enumerate(table)}
    run = {"tool": {"driver": {"name": "promolint", "version": __version__,
                               "semanticVersion": __version__, "informationUri": INFO_URI,
                               "rules": [rule_metadata(r, lang) for r in table]}},
           "columnKind": "unicodeCodePoints",
           "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
           "results": [result(d, index, lang, fixes.get(id(d))) for d in report.findings],
           "invocations": [{"executionSuccessful": True}]}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(log) + "\n"


def rule_metadata(rule, lang: str) -> dict:
    """One reportingDescriptor from a catalog entry."""
    short = rule.summary_zh if lang == "zh" and rule.summary_zh else rule.summary
    help_text = f"{rule.why.strip()}\n\nHow to fix: {rule.fix.strip()}"
    from promolint.report.catalog import doc_url
    return {"id": rule.name, "name": _camel(rule.name), "helpUri": doc_url(rule.name),
            "shortDescription": {"text": short},
            "fullDescription": {"text": rule.what.strip()},
            "help": {"text": help_text,
                     "markdown": f"**Why is this bad?** {rule.why.strip()}\n\n"
                                 f"**How to fix:** {rule.fix.strip()}"},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"code": rule.code, "tags": ["promotion", rule.severity]}}


def result(diag, index: dict, lang: str, fixes=None) -> dict:
    """One SARIF result; the witness goes in the message and in properties, suggested
    fixes (promolint.report.fixes) in `fixes`."""
    from promolint.report.fingerprint import fingerprint
    text = "\n".join(said(diag, lang))
    out = {"ruleId": diag.rule, "ruleIndex": index.get(diag.rule, -1),
           "level": LEVELS[diag.severity], "message": {"text": text},
           "locations": [{"physicalLocation": {"artifactLocation": _artifact(diag.path),
                                               "region": _region(diag.span)}}],
           "partialFingerprints": {"promolint/v1": fingerprint(diag, Path.cwd())}}
    if out["ruleIndex"] < 0:
        del out["ruleIndex"]
    if diag.witness is not None or diag.promotion or diag.affected:
        out["properties"] = {k: v for k, v in (("promotion", diag.promotion),
                             ("witness", diag.witness.to_dict() if diag.witness else None),
                             ("affected", affected_dict(diag) if diag.affected else None)) if v}
    if fixes:
        out["fixes"] = [_fix(fix, diag.path, lang) for fix in fixes]
    if diag.suppressed:
        kind = "external" if diag.suppressed_by == "baseline" else "inSource"
        out["suppressions"] = [{"kind": kind, "status": "accepted",
                                "justification": diag.suppressed}]
    return out


def _fix(fix, path: str, lang: str) -> dict:
    """A SARIF fix: one artifactChange of replacements (regions written out in full)."""
    replacements = [{"deletedRegion": {"startLine": e.span.line, "startColumn": e.span.column,
                                       "endLine": e.span.end_line, "endColumn": e.span.end_column},
                     "insertedContent": {"text": e.text}} for e in fix.edits]
    return {"description": {"text": fix.title(lang)},
            "artifactChanges": [{"artifactLocation": _artifact(path), "replacements": replacements}]}


def _artifact(path: str) -> dict:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    rel = PurePosixPath(*Path(os.path.normpath(path)).parts).as_posix()
    if rel.startswith("../"):
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(rel), "uriBaseId": "SRCROOT"}


def _region(span) -> dict:
    region = {"startLine": span.line, "startColumn": span.column}
    if span.end_line and (span.end_line, span.end_column) > (span.line, span.column):
        region["endLine"] = span.end_line
        region["endColumn"] = span.end_column
    return region


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))
