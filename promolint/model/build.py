"""Build the model from a Document, schema-valid or not (every valid part is built).

Findings here are the ones the schema cannot see: timestamps (`invalid-window`),
audience text (`syntax`), suppression dates.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Document, Span
from promolint.core.phrases import phrase
from promolint.expr import syntax as expr_mod
from promolint.model import promotion as m

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def build(doc: Document, broken=(), unknown=()) -> tuple[m.Promotion | None, list[Diagnostic]]:
    """The Promotion for `doc` and findings; None only when `doc` is not a mapping.

    `broken`: paths of values that break the schema; `unknown`: paths of unknown keys
    (both from promolint.schema.validate.check). Unknown keys are left out. Each part is built
    from what is valid; a part with a broken value gets a neutral default and its
    dotted path goes into `Promotion.broken`, so only the checks needing it are skipped.
    """
    if not isinstance(doc.data, dict):
        return None, []
    findings: list[Diagnostic] = []
    marks = {_mark(path) for path in broken}
    items = _bad_items(doc.data, broken) if broken else {}
    data = _pruned(doc.data, set(broken) | set(unknown), items) if broken or unknown else doc.data
    source, dropped = doc, frozenset()
    if items:
        source = replace(doc, data=data, moved=_moved(doc.data, items))
        dropped = frozenset(_mark(where + (i,)) for where, bad in items.items() for i in bad)
    window = _window(doc, data, findings, marks)
    audience = _audience(doc, data, findings, marks)
    # An entry with an unknown key (`untill:`) would suppress for ever: it is not trusted.
    suppress = _suppressions(doc, data, findings, marks | {
        _mark(path) for path in unknown if path[:1] == ("suppress",)})
    parts = {}
    blocking = [b for b in marks if not m.inside(b, dropped)]
    for name, make_part, default in _PARTS:
        if any(b == name or (b.startswith(name + ".") and name not in _FIELDWISE)
               for b in blocking):
            parts[name] = default
            continue
        try:
            parts[name] = make_part(data)
        except (KeyError, TypeError, ValueError, ArithmeticError):  # defensive: schema let it by
            parts[name], marks = default, marks | {name}
    unplaced = _unplaced(doc.data, items.get(TIERS, {}))
    if unplaced and isinstance(parts["benefit"], m.Tiered):
        parts["benefit"] = replace(parts["benefit"], unplaced=unplaced)
    promo = m.Promotion(
        id=_text(data, "id"), name=_text(data, "name"), currency=_text(data, "currency"),
        window=window, audience=audience, suppress=suppress, broken=frozenset(marks),
        dropped=dropped, source=source, **parts)
    return promo, findings


# Lists whose items stand alone: a malformed item is a schema finding and is left out,
# the others still count (spec section 5). A list with no good item left stays broken
# as a whole (its part gets its neutral default, as any broken field): nothing would be
# left to count, and an empty `skus` or `with` would mean something else (the whole
# order, no partner). The `suppress` list drops its broken entries by itself.
TIERS = ("benefit", "tiers")
ITEM_LISTS = (("scope", "skus"), ("scope", "categories"), ("scope", "exclude_skus"),
              ("stacking", "with"), TIERS)


def _bad_items(data: dict, broken) -> dict[tuple, dict[int, set]]:
    """{list path: {index of a malformed item: the broken paths inside it}} for the
    lists of ITEM_LISTS that keep at least one good item (or a tier that only lacks
    its place, see _unplaced)."""
    found: dict[tuple, dict[int, set]] = {}
    for path in broken:
        for where in ITEM_LISTS:
            n = len(where)
            if path[:n] == where and len(path) > n and isinstance(path[n], int):
                found.setdefault(where, {}).setdefault(path[n], set()).add(path[n + 1:])
    out = {}
    for where, bad in found.items():
        node = data
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, list) and len(bad) < len(node):
            out[where] = bad
    return out


def _unplaced(data: dict, bad: dict[int, set]) -> tuple[tuple[int, m.Tier], ...]:
    """The tiers whose threshold alone is missing or malformed: their amount or percent
    is known, their place is not. Money rules assume the worst place, which is any
    basket at all (for each basket, some threshold makes that tier the highest one
    reached), so below-market judges each as that discount with no threshold; the
    rules that need its place (inverted-threshold, non-monotonic-tiers) leave it out."""
    out = []
    for i in sorted(bad):
        if bad[i] == {("threshold",)}:
            raw = data["benefit"]["tiers"][i]
            out.append((i, m.Tier(Decimal(0), raw.get("amount"), raw.get("percent"))))
    return tuple(out)


def _moved(data: dict, items: dict[tuple, dict[int, set]]) -> dict:
    """Document.moved for the lists without their malformed items: each kept item's
    path now, to its path in the file."""
    out = {}
    for where, bad in items.items():
        node = data
        for key in where:
            node = node[key]
        kept = [i for i in range(len(node)) if i not in bad]
        out.update({where + (new,): where + (old,) for new, old in enumerate(kept) if new != old})
    return out


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


_PARTS = (
    ("benefit", lambda d: benefit(d["benefit"]), None),
    ("campaign", lambda d: d.get("campaign", "general"), "general"),
    ("owner", lambda d: d.get("owner"), None),
    ("scope", lambda d: _scope(d.get("scope")), m.Scope()),
    ("limits", lambda d: _limits(d.get("limits")), m.Limits()),
    ("stacking", lambda d: _stacking(d.get("stacking")), m.Stacking()),
    ("rollout", lambda d: d.get("rollout", Decimal(100)), Decimal(100)),
    ("priority", lambda d: _int(d.get("priority")), None),
    ("coupon", lambda d: _coupon(d.get("coupon")), None),
)


def _mark(path: tuple) -> str:
    """A path as Promotion.broken keys it ("benefit.tiers.1"): a key, not a message's
    words (those are core.document.dotted)."""
    return ".".join(str(part) for part in path)


# Parts whose fields stand alone: one broken field (a per_user too long to read) leaves
# the others (the budget) as written, and only the checks needing it are skipped.
_FIELDWISE = frozenset({"limits"})


def _pruned(node, drop: set, items: dict, path: tuple = ()):
    """`node` without the values at `drop` paths; list items keep their indexes, but
    for the malformed `items` of a list (_bad_items), which are left out."""
    if isinstance(node, dict):
        return {k: _pruned(v, drop, items, path + (k,)) for k, v in node.items()
                if path + (k,) not in drop}
    if isinstance(node, list):
        bad = items.get(path, ())
        return [_pruned(v, drop, items, path + (i,)) for i, v in enumerate(node) if i not in bad]
    return node


def _int(value) -> int | None:
    return None if value is None else int(value)


# RFC 3339 (date-time, offset optional here so that a missing one gets its own finding):
# fromisoformat alone also takes `+08`, `+0800`, week dates and bare dates.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?")


def parse_timestamp(text: str) -> datetime | None:
    """RFC 3339 timestamp, or None when it does not parse (`+08` is not an offset: +08:00)."""
    text = text.strip()
    if not _RFC3339.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None


def _window(doc: Document, data: dict, findings: list, marks: set) -> m.Window:
    """The window; when a timestamp is missing or does not parse, `window` is marked
    broken and a stand-in day from the other timestamp (or 1970) takes its place."""
    stamps = {}
    raw = data.get("window") if isinstance(data.get("window"), dict) else {}
    for part in ("start", "end"):
        text = raw.get(part)
        if not isinstance(text, str):
            continue  # a schema finding already says so
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
        marks.add("window")
        day = timedelta(days=1)
        start = stamps.get("start") or (stamps["end"] - day if "end" in stamps else _EPOCH)
        return m.Window(start, start + day)
    if stamps["end"] <= stamps["start"]:
        findings.append(make(doc.path, doc.span(("window", "end")), "invalid-window",
                             "window-end-before-start", start=doc.data["window"]["start"],
                             end=doc.data["window"]["end"]))
    return m.Window(stamps["start"], stamps["end"])


def _audience(doc: Document, data: dict, findings: list, marks: set) -> expr_mod.Expr | None:
    """The audience's AST; None when absent, and None marked broken when it does not
    parse (money rules then assume anyone can get the benefit)."""
    text = data.get("audience")
    if not isinstance(text, str) or not text.strip():
        return None
    base = doc.text_span(("audience",))
    marks.add("audience")  # until it parses
    try:
        expr = _placed(text, base)
        marks.discard("audience")
        return expr
    except expr_mod.ExprSyntaxError as err:
        findings.extend(keyboard_findings(doc.path, text, base)
                        or [make(doc.path, base.shift(err.span), "syntax", "expr-syntax",
                                 found=err.found, expected=expr_mod.expected_phrase(err))])
    except RecursionError:  # expr.parse turns the parser's into a finding, not its AST pass's
        findings.append(make(doc.path, base, "syntax", "expr-syntax",
                             found=phrase("nesting-too-deep"), expected=""))
    return None


def keyboard_findings(path: str, text: str, base: Span) -> list[Diagnostic]:
    """An audience that does not parse because of what a Chinese keyboard types (a
    full-width quote or bracket) or `=` for `==`: a finding at each such character."""
    from promolint.source import keyboard
    out = []
    for problem in keyboard.in_code(text):
        message_id, args = problem.finding_args()
        out.append(make(path, base.shift(_char_span(problem)), "syntax", message_id, **args))
    for problem in keyboard.single_equals(text):
        out.append(make(path, base.shift(_char_span(problem)), "syntax", "expr-single-equals"))
    return out


def _char_span(problem) -> Span:
    return Span(problem.line, problem.column, problem.line, problem.column + 1)


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


def _suppressions(doc: Document, data: dict, findings: list, marks: set) -> tuple[m.Suppression, ...]:
    """The valid `suppress` entries: a broken one suppresses nothing."""
    out = []
    entries = data.get("suppress", ())
    for i, raw in enumerate(entries if isinstance(entries, list) else ()):
        own = f"suppress.{i}"
        if any(b in ("suppress", own) or b.startswith(own + ".") for b in marks) \
                or not isinstance(raw, dict):
            continue
        until = None
        if "until" in raw:
            try:
                until = date.fromisoformat(str(raw["until"]).strip())
            except ValueError:
                findings.append(make(doc.path, doc.span(("suppress", i, "until")), "schema",
                                     "schema-bad-date", field=f"suppress[{i}].until",
                                     value=str(raw["until"])))
                continue  # no date is not "for ever": it suppresses nothing
        out.append(m.Suppression(raw["rule"], raw["reason"], until, i))
    return tuple(out)
