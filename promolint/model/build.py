"""Build the model from a schema-valid Document.

Findings here are the ones the model cannot exist without fixing:
timestamps (`invalid-window`), audience text (`syntax`), suppression dates.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Document
from promolint.expr import syntax as expr_mod
from promolint.model import promotion as m


def build(doc: Document) -> tuple[m.Promotion | None, list[Diagnostic]]:
    """The Promotion for `doc` (None when it cannot be built) and findings."""
    data, findings = doc.data, []
    window = _window(doc, findings)
    audience = _audience(doc, findings)
    suppress = _suppressions(doc, findings)
    if window is None:
        return None, findings
    promo = m.Promotion(
        id=data["id"], name=data["name"], currency=data["currency"], window=window,
        benefit=benefit(data["benefit"]), campaign=data.get("campaign", "general"),
        owner=data.get("owner"), audience=audience, scope=_scope(data.get("scope")),
        limits=_limits(data.get("limits")), stacking=_stacking(data.get("stacking")),
        rollout=data.get("rollout", Decimal(100)), priority=_int(data.get("priority")),
        coupon=_coupon(data.get("coupon")), suppress=suppress, source=doc)
    return promo, findings


def _int(value) -> int | None:
    return None if value is None else int(value)


def parse_timestamp(text: str) -> datetime | None:
    """RFC 3339 timestamp, or None when it does not parse."""
    try:
        return datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        return None


def _window(doc: Document, findings: list) -> m.Window | None:
    stamps = {}
    for part in ("start", "end"):
        text = doc.data["window"][part]
        stamp = parse_timestamp(text)
        where = doc.span(("window", part))
        if stamp is None:
            findings.append(make(doc.path, where, "invalid-window", "window-bad-timestamp",
                                 field=f"window.{part}", value=text))
        elif stamp.tzinfo is None:
            findings.append(make(doc.path, where, "invalid-window", "window-no-offset",
                                 field=f"window.{part}", value=text))
        else:
            stamps[part] = stamp
    if len(stamps) < 2:
        return None
    if stamps["end"] <= stamps["start"]:
        findings.append(make(doc.path, doc.span(("window", "end")), "invalid-window",
                             "window-end-before-start", start=doc.data["window"]["start"],
                             end=doc.data["window"]["end"]))
    return m.Window(stamps["start"], stamps["end"])


def _audience(doc: Document, findings: list) -> expr_mod.Expr | None:
    text = doc.data.get("audience")
    if text is None or not text.strip():
        return None
    base = doc.text_span(("audience",))
    try:
        return _placed(text, base)
    except expr_mod.ExprSyntaxError as err:
        findings.append(make(doc.path, base.shift(err.span), "syntax", "expr-syntax",
                             found=err.found, expected=", ".join(err.expected)))
    except RecursionError:  # expr.parse turns the parser's into a finding, not its AST pass's
        findings.append(make(doc.path, base, "syntax", "expr-syntax",
                             found="nesting too deep", expected=""))
    return None


@lru_cache(maxsize=4096)
def _parse(text: str) -> expr_mod.Expr:
    """expr.parse once per distinct audience text: repos repeat audiences, and the AST
    is immutable with text-relative spans (shifted per use)."""
    return expr_mod.parse(text)


@lru_cache(maxsize=4096)
def _placed(text: str, base) -> expr_mod.Expr:
    """The audience's AST at file position `base`: files repeat audiences at the same
    place, and the AST is immutable, so promotions may share it."""
    return _shift(_parse(text), base)


def _shift(node, base):
    """Move expression spans from text-relative to file positions."""
    span = base.shift(node.span)
    kind = type(node)
    if kind is expr_mod.Compare:
        return kind(node.op, _shift(node.left, base), _shift(node.right, base), span)
    if kind is expr_mod.BoolOp:
        return kind(node.op, tuple(_shift(i, base) for i in node.items), span)
    if kind is expr_mod.Not:
        return kind(_shift(node.operand, base), span)
    if kind is expr_mod.ListLit:
        return kind(tuple(_shift(i, base) for i in node.items), span)
    if kind is expr_mod.Field:
        return kind(node.name, span)
    if kind is expr_mod.Literal:
        return kind(node.value, span)
    raise TypeError(f"not an expression node: {kind.__name__}")


def benefit(raw: dict) -> m.Benefit:
    kind = raw["type"]
    if kind == "tiered":
        return m.Tiered(tuple(m.Tier(t["threshold"], t.get("amount"), t.get("percent"))
                              for t in raw["tiers"]))
    fields = {k: v for k, v in raw.items() if k != "type"}
    for name in ("buy", "get", "min_group_size", "max_repeats"):
        if name in fields:
            fields[name] = int(fields[name])
    return m.BENEFIT_TYPES[kind](**fields)


def _scope(raw: dict | None) -> m.Scope:
    raw = raw or {}
    return m.Scope(tuple(raw.get("skus", ())), tuple(raw.get("categories", ())),
                   tuple(raw.get("exclude_skus", ())))


def _limits(raw: dict | None) -> m.Limits:
    raw = raw or {}
    return m.Limits(_int(raw.get("per_user")), _int(raw.get("total")), raw.get("budget"))


def _stacking(raw) -> m.Stacking:
    if raw is None:
        return m.Stacking()
    if isinstance(raw, dict):
        return m.Stacking("with", tuple(raw["with"]))
    return m.Stacking(raw)


def _coupon(raw: dict | None) -> m.Coupon | None:
    if raw is None:
        return None
    return m.Coupon(raw.get("required", False), raw.get("signed", False),
                    _int(raw.get("rate_limit_per_minute")))


def _suppressions(doc: Document, findings: list) -> tuple[m.Suppression, ...]:
    out = []
    for i, raw in enumerate(doc.data.get("suppress", ())):
        until = None
        if "until" in raw:
            try:
                until = date.fromisoformat(str(raw["until"]).strip())
            except ValueError:
                findings.append(make(doc.path, doc.span(("suppress", i, "until")), "schema",
                                     "schema-bad-date", field=f"suppress[{i}].until",
                                     value=str(raw["until"])))
        out.append(m.Suppression(raw["rule"], raw["reason"], until, i))
    return tuple(out)
