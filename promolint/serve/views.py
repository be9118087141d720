"""What the page shows, as plain JSON-ready data, in both languages at once (the page's
language switch needs no second request). Words come from the catalog and messages."""
from __future__ import annotations

from promolint.report.catalog import lookup
from promolint.core.diagnostics import severity_rank
from promolint.report.messages import render
from promolint.report.fixes import fixes
from promolint.report.formats.common import finding_dict
from promolint.report.witness_text import describe

LANGS = ("en", "zh")


def finding(diag, rel, text: str | None = None, root: str | None = None) -> dict:
    """One finding: location, severity, message and witness line in en and zh; with the
    text of its file, the fixes a person may apply in the editor (never applied here).
    Paths under `root` inside the sentences are said relative to it, as everywhere."""
    inside = (lambda said: said.replace(root.rstrip("/") + "/", "")) if root else (lambda said: said)
    out = finding_dict(diag, "en")
    if text is not None and not diag.suppressed:
        out["fixes"] = [{"title": {lang: fix.title(lang) for lang in LANGS},
                         "edits": [e.to_dict() for e in fix.edits]} for fix in fixes(diag, text)]
    out["path"] = rel(diag.path)
    out["message"] = {lang: inside(render(diag, lang)) for lang in LANGS}
    if diag.witness is not None:
        out["witness_text"] = {lang: inside(describe(diag.witness, lang)) for lang in LANGS}
        out["witness_cur"] = str(dict(diag.args).get("currency", ""))
    rule = lookup(diag.rule)
    out["code"] = rule.code if rule else ""
    return out


def worst_first(findings: list[dict]) -> list[dict]:
    """Errors before warnings before infos, suppressed last; then by place."""
    return sorted(findings, key=lambda f: (bool(f.get("suppressed")), -severity_rank(f["severity"]),
                                           f["path"], f["line"], f["column"], f["rule"]))


def rule_doc(name: str) -> dict | None:
    """A rule's catalog entry for the page: summary, what, why and fix in both languages."""
    rule = lookup(name)
    if rule is None:
        return None
    doc = {"name": rule.name, "code": rule.code, "severity": rule.severity}
    for part in ("summary", "what", "why", "fix"):
        doc[part] = {lang: rule.text(part, lang).strip() for lang in LANGS}
    return doc


def promotion(promo, rel) -> dict:
    line = promo.source.span(()).line if promo.source else 1
    return {"id": promo.id, "name": promo.name, "path": rel(promo.path), "line": line,
            "campaign": promo.campaign, "currency": promo.currency,
            "benefit": type(promo.benefit).__name__}


def repo_view(report, rel, root: str | None = None) -> dict:
    """Every promotion with its findings (worst promotion first), and the files."""
    findings = worst_first([finding(d, rel, root=root) for d in report.findings])
    promos = [promotion(p, rel) for p in report.promotions]
    for promo in promos:
        promo["findings"] = [i for i, f in enumerate(findings)
                             if f.get("promotion") == promo["id"] and f["path"] == promo["path"]]
    promos.sort(key=lambda p: (_worst(p, findings), p["path"], p["line"]))
    claimed = {i for p in promos for i in p["findings"]}
    rules = {f["rule"] for f in findings}
    return {"promotions": promos, "findings": findings,
            "loose": [i for i in range(len(findings)) if i not in claimed],
            "files": sorted({rel(f) for f in report.files}),
            "rules": {name: rule_doc(name) for name in sorted(rules) if lookup(name)},
            "counts": _counts(findings)}


def _worst(promo: dict, findings: list[dict]) -> int:
    active = [findings[i]["severity"] for i in promo["findings"] if not findings[i].get("suppressed")]
    return -max((severity_rank(s) + 1 for s in active), default=0)


def _counts(findings: list[dict]) -> dict:
    out = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for f in findings:
        out["suppressed" if f.get("suppressed") else f["severity"]] += 1
    return out


HAS_ERRORS = {"en": "has errors (see its findings): not priced",
              "zh": "有错误(见其问题),不参与计算"}
