"""Severity, rule selection and suppressions: the engine's decisions, not the checks'."""
from __future__ import annotations

from dataclasses import replace

from promolint.catalog import rules
from promolint.diagnostics import Diagnostic


def apply_policy(raw: list[Diagnostic], promos, ctx) -> list[Diagnostic]:
    """Give each finding its severity, drop deselected rules, apply suppressions, sort."""
    settings = ctx.settings
    table = rules()
    out = []
    for diag in raw:
        severity = settings.severity.get(diag.rule) or table[diag.rule].severity
        if severity == "off" or not _selected(diag.rule, settings):
            continue
        out.append(replace(diag, severity=severity))
    out = _suppress(out, promos, ctx)
    return sorted(out, key=Diagnostic.sort_key)


def _selected(rule: str, settings) -> bool:
    if settings.select and rule not in settings.select:
        return False
    return rule not in settings.ignore


def _suppress(findings: list[Diagnostic], promos, ctx) -> list[Diagnostic]:
    """Apply each promotion's `suppress:` entries that are still in force."""
    by_id = {}
    for promo in promos:
        by_id.setdefault((promo.path, promo.id), promo)
    out = []
    for diag in findings:
        promo = by_id.get((diag.path, diag.promotion))
        entry = _matching(promo, diag.rule, ctx.today) if promo else None
        out.append(replace(diag, suppressed=entry.reason) if entry else diag)
    return out


def _matching(promo, rule: str, today):
    for entry in promo.suppress:
        if entry.rule == rule and (entry.until is None or entry.until >= today):
            return entry
    return None
