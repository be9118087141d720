"""Compare two sides promotion by promotion (matched by id): what was added, removed
or changed, in words and in money, with the findings it adds and removes and a grade.

A promotion whose id changed but nothing else is a rename, not a removal and an
addition. Findings are matched by promotion, rule, message and arguments (positions
masked), so moving a promotion to another file or rewriting YAML as DSL changes none.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from promolint.model import promotion as m
from promolint.core.diagnostics import Diagnostic
from promolint.diff import fields as f
from promolint.diff import grade as g
from promolint.diff import phrases
from promolint.diff.money import SkuMoney, sku_table, worst_case
from promolint.diff.sides import Side
from promolint.diff.words import say

_LOCATION = re.compile(r"[^\s:()]+:\d+(:\d+)?")


@dataclass
class PromotionDiff:
    """One promotion's change."""

    id: str
    status: str  # added | removed | changed | same | unreadable (its file no longer loads)
    # | affected (the same text, judged differently: new prices, config or neighbours)
    before: m.Promotion | None = None
    after: m.Promotion | None = None
    where_before: str | None = None
    where_after: str | None = None
    changes: list[f.Change] = field(default_factory=list)
    skus: list[SkuMoney] = field(default_factory=list)
    exposure_before: Decimal | None = Decimal(0)
    exposure_after: Decimal | None = Decimal(0)
    findings_added: list[Diagnostic] = field(default_factory=list)
    findings_removed: list[Diagnostic] = field(default_factory=list)
    approved_below_market: str | None = None  # a suppressed below-market finding's reason
    grade: g.Grade = field(default_factory=g.Grade)

    @property
    def currency(self) -> str:
        return (self.after or self.before).currency


@dataclass
class DiffReport:
    """Every promotion's diff, and findings that belong to no promotion (a file that
    does not parse)."""

    base: str
    head: str
    promotions: list[PromotionDiff] = field(default_factory=list)
    other_added: list[Diagnostic] = field(default_factory=list)
    other_removed: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> list[PromotionDiff]:
        return [d for d in self.promotions if d.status != "same"]

    @property
    def level(self) -> int | None:
        """The worst grade (0 = P0); None when nothing changed."""
        levels = [d.grade.level for d in self.changed]
        if any(x.severity == "error" for x in self.other_added):
            levels.append(0)
        elif self.other_added:
            levels.append(2)
        return min(levels) if levels else None

    def count(self, status: str) -> int:
        """Promotions of a status ("changed" counts the unreadable ones too)."""
        wanted = {status, "unreadable"} if status == "changed" else {status}
        return sum(1 for d in self.promotions if d.status in wanted)


def compare(before: Side, after: Side, ctx, lang: str = "en", before_ctx=None) -> DiffReport:
    """The diff from `before` to `after`, judged with `ctx` (settings and prices);
    `before_ctx`: the old side's, when its config or price list differ (a git ref)."""
    old, new = _by_id(before.promotions), _by_id(after.promotions)
    fields_ = ctx.settings.fields
    renames = _renames(old, new, fields_)
    report = DiffReport(before.label, after.label)
    old_f = _findings(_owned(before.findings, before.promotions))
    new_f = _findings(_owned(after.findings, after.promotions))
    limits = g.thresholds(ctx.settings)
    for ident in sorted(set(old) | set(new)):
        if ident in renames.values():
            continue
        a, b = old.get(ident), new.get(renames.get(ident, ident))
        item = _one(ident, a, b, before, after, ctx, lang, before_ctx or ctx)
        if a is not None and b is not None and a.id != b.id:
            item.changes.insert(0, f.Change("id", say("renamed", lang, before=a.id, after=b.id)))
            item.status = "changed"
        _attach_findings(item, old_f, new_f, after.findings)
        if item.status != "same":
            item.grade = g.grade(item, limits, ctx.settings.max_below_market, lang)
        report.promotions.append(item)
    report.other_added, report.other_removed = _delta(old_f.get(None, []), new_f.get(None, []))
    _unreadable(report, after, limits, ctx, lang)
    return report


def _unreadable(report: DiffReport, after: Side, limits, ctx, lang: str) -> None:
    """A promotion gone because its file no longer loads is not a removal: it carries
    that file's new findings (so its grade says it)."""
    by_file: dict[str, list[Diagnostic]] = {}
    for finding in report.other_added:
        by_file.setdefault(after.where_path(finding.path), []).append(finding)
    taken = set()
    for item in report.promotions:
        found = by_file.get(item.where_before) if item.status == "removed" else None
        if found:
            item.status = "unreadable"
            item.changes = [f.Change("promotion", say("unreadable_promotion", lang, rule=found[0].rule),
                                     f.WIDER)]
            item.findings_added = found + item.findings_added
            item.exposure_after = None  # unknown: assume the worst
            item.grade = g.grade(item, limits, ctx.settings.max_below_market, lang)
            taken.add(item.where_before)
    report.other_added = [x for x in report.other_added if after.where_path(x.path) not in taken]


def _by_id(promos: list[m.Promotion]) -> dict[str, m.Promotion]:
    out: dict[str, m.Promotion] = {}
    for promo in promos:
        out.setdefault(promo.id, promo)  # a duplicate id is its own finding
    return out


def _renames(old: dict, new: dict, fields_: dict) -> dict[str, str]:
    """{old id: new id} for promotions identical but for their id."""
    gone = [old[i] for i in old if i not in new]
    came = [new[i] for i in new if i not in old]
    out = {}
    for a in gone:
        for b in came:
            if b.id not in out.values() and f.same(replace(a, id=b.id), b, fields_):
                out[a.id] = b.id
                break
    return out


def _one(ident, a, b, before: Side, after: Side, ctx, lang, old_ctx) -> PromotionDiff:
    status = "added" if a is None else "removed" if b is None else "changed"
    item = PromotionDiff(ident, status, a, b, before.where(a) if a else None,
                         after.where(b) if b else None)
    types = ctx.settings.fields
    item.exposure_before, item.exposure_after = worst_case(a, old_ctx.prices), worst_case(b, ctx.prices)
    if status == "changed":
        if f.same(a, b, types):
            item.status = "same"  # no SKU table: the prices are the same on both sides
            return item
        item.changes = f.changes(a, b, ctx.prices, types, lang)
    else:
        item.changes = [_summary(a or b, status, lang)]
    item.skus = sku_table(a, b, ctx.prices, types)
    return item


def _summary(promo: m.Promotion, status: str, lang: str) -> f.Change:
    args = {"benefit": phrases.benefit(promo.benefit, lang), "scope": phrases.scope(promo.scope, lang)}
    if status == "removed":
        return f.Change("promotion", say("removed_promotion", lang, **args), f.NARROWER)
    return f.Change("promotion", say("new_promotion", lang, window=phrases.window(promo.window, lang),
                                     stacking=phrases.stacking(promo.stacking, lang),
                                     audience=phrases.audience(promo.audience, lang), **args), f.WIDER)


def key(finding: Diagnostic) -> tuple:
    """What identifies a finding across versions: not its file or position."""
    args = tuple((k, _LOCATION.sub("<location>", v) if isinstance(v, str) else v)
                 for k, v in finding.args)
    return (finding.promotion, finding.rule, finding.message_id, repr(args))


def _owned(findings: list[Diagnostic], promos: list[m.Promotion]) -> list[Diagnostic]:
    """Findings without a promotion id (a schema error) given to the promotion whose
    document holds them, so its grade counts them."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for promo in promos:
        if promo.source is not None:
            root = promo.source.span(())
            spans.setdefault(promo.path, []).append((root.line, root.end_line or root.line, promo.id))
    out = []
    for finding in findings:
        if finding.promotion is None:
            owner = [i for lo, hi, i in spans.get(finding.path, ()) if lo <= finding.line <= hi]
            finding = replace(finding, promotion=owner[0]) if len(owner) == 1 else finding
        out.append(finding)
    return out


def _findings(findings: list[Diagnostic]) -> dict:
    """Active (unsuppressed) findings by promotion id (None: not about one promotion)."""
    out: dict = {}
    for finding in findings:
        if not finding.suppressed:
            out.setdefault(finding.promotion, []).append(finding)
    return out


def _delta(old: list[Diagnostic], new: list[Diagnostic]) -> tuple[list, list]:
    """(added, removed), as multisets by key."""
    before, after = Counter(map(key, old)), Counter(map(key, new))
    added, removed = after - before, before - after
    return _take(new, added), _take(old, removed)


def _take(findings: list[Diagnostic], wanted: Counter) -> list[Diagnostic]:
    out = []
    for finding in findings:
        k = key(finding)
        if wanted[k] > 0:
            wanted[k] -= 1
            out.append(finding)
    return out


def _attach_findings(item: PromotionDiff, old_f: dict, new_f: dict, after_all) -> None:
    old_id = item.before.id if item.before else item.id
    new_id = item.after.id if item.after else item.id
    old = [replace(x, promotion=new_id) for x in old_f.get(old_id, [])]
    item.findings_added, item.findings_removed = _delta(old, new_f.get(new_id, []))
    for finding in after_all:
        if finding.promotion == new_id and finding.rule == "below-market" and finding.suppressed:
            item.approved_below_market = finding.suppressed
    if item.status == "same" and (item.findings_added or item.findings_removed):
        item.status = "affected"  # the promotion is the same; what it is checked against is not
