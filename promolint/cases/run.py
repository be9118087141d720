"""Run a case through the evaluator and compare each expectation: expected vs got."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from promolint.cases.load import Case, CaseProblem, placed
from promolint.core.document import Span
from promolint.core.sentences import say as said, table
from promolint.engine.cart import (cart_from_data, cart_problems, coupon_problems, currency_problems,
                                   user_from_data, user_problems)
from promolint.engine.evaluator import Result, evaluate

# The evaluator's reasons (engine.evaluator.why_not and the stacking rule) by short name.
REASON_OF = {
    "its benefit has errors": "broken",
    "outside its window": "window",
    "coupon not presented": "coupon",
    "no line in scope": "scope",
    "audience not met": "audience",
    "not combined: a better or higher-priority offer won": "not-combined",
}

APPLIED = "@applies"  # said in the reader's language
REASON_WORDS = table("cases.run.REASON_WORDS", {  # a reason key, glossed for the reader
    "broken": {"en": "broken (its benefit has errors)", "zh": "broken(优惠配置有错误)"},
    "window": {"en": "window (outside its window)", "zh": "window(不在活动时间内)"},
    "coupon": {"en": "coupon (code not presented)", "zh": "coupon(未出示优惠码)"},
    "scope": {"en": "scope (no line in scope)", "zh": "scope(没有商品在范围内)"},
    "audience": {"en": "audience (audience not met)", "zh": "audience(不满足人群条件)"},
    "not-combined": {"en": "not-combined (a better or higher-priority offer won)",
                     "zh": "not-combined(更优或优先级更高的优惠胜出)"},
})
WORDS = table("cases.run.WORDS", {
    "expected": {"en": "{key}: expected {expected}, got {got}",
                 "zh": "{key}:期望 {expected},实际 {got}"},
    "unknown-id": {"en": "{key}: no promotion has the id {id!r}",
                   "zh": "{key}:没有 id 为 {id!r} 的促销"},
    "applied": {"en": "applies", "zh": "生效"},
    "nothing": {"en": "nothing", "zh": "无"},
})


def say(word: str, lang: str, **args) -> str:
    return said(WORDS, word, lang, **args)


@dataclass
class Failure:
    """One expectation not met, at its position."""

    span: Span
    key: str
    expected: str
    got: str

    def message(self, lang: str = "en") -> str:
        if self.key.startswith("unknown-id:"):
            field_, ident = self.key.split(":", 2)[1:]
            return say("unknown-id", lang, key=field_, id=ident)
        got = say("applied", lang) if self.got == APPLIED else _gloss(self.got, lang)
        return say("expected", lang, key=self.key, expected=_gloss(self.expected, lang), got=got)


@dataclass
class Outcome:
    """A case's outcome: its failures, or the problems that kept it from running."""

    case: Case
    failures: list[Failure] = field(default_factory=list)
    problems: list[CaseProblem] = field(default_factory=list)
    result: Result | None = None

    @property
    def problem(self) -> CaseProblem | None:
        return self.problems[0] if self.problems else None

    @property
    def passed(self) -> bool:
        return not self.failures and not self.problems


def _gloss(value: str, lang: str) -> str:
    return said(REASON_WORDS, value, lang) if value in REASON_WORDS else value


def run(case: Case, promos: list, prices) -> Outcome:
    """Evaluate the case with `promos` and `prices`; compare every expectation. The cart
    is checked by engine.cart against the price list first (every problem at its
    position), then its coupons against the promotions' ids, and a cart that names its
    currency against the promotions priced for it."""
    found = placed(case.doc, case.where + ("cart",), cart_problems(case.cart, prices))
    found += placed(case.doc, case.where + ("user",), user_problems(case.user))
    if found:
        return Outcome(case, problems=found)
    # Once the promotions are known: a coupon naming none would be silently "not presented".
    found = placed(case.doc, case.where + ("cart",), coupon_problems(case.cart, promos))
    if found:
        return Outcome(case, problems=found)
    cart = cart_from_data(case.cart, prices, "cart")
    user = user_from_data(case.user, "user")
    result = evaluate(promos, cart, user, case.at)
    found = placed(case.doc, case.where + ("cart",), currency_problems(cart, promos, result))
    if found:
        return Outcome(case, problems=found, result=result)
    outcome = Outcome(case, result=result)
    known = {p.id for p in promos}
    outcome.failures = _money(case, result) + _applies(case, result, known) + \
        _not_applies(case, result, known)
    return outcome


def _money(case: Case, result: Result) -> list[Failure]:
    out = []
    got = {"total": result.total, "subtotal": result.subtotal, "discount": result.discount}
    for key, value in got.items():
        if key in case.expect and Decimal(case.expect[key]) != value:
            out.append(Failure(case.span("expect", key), key, _money_text(case.expect[key]),
                               _money_text(value)))
    if "free_shipping" in case.expect and case.expect["free_shipping"] != result.free_shipping:
        out.append(Failure(case.span("expect", "free_shipping"), "free_shipping",
                           str(case.expect["free_shipping"]).lower(), str(result.free_shipping).lower()))
    return out


def _money_text(value) -> str:
    from promolint.core.diagnostics import money
    return money(Decimal(value))


def _applies(case: Case, result: Result, known: set) -> list[Failure]:
    if "applies" not in case.expect:
        return []
    wanted = case.expect["applies"]
    out = _unknown(case, "applies", wanted, known)
    got = sorted(a.id for a in result.applied)
    if sorted(set(wanted)) != got:
        out.append(Failure(case.span("expect", "applies"), "applies",
                           _ids(sorted(set(wanted))), _ids(got)))
    return out


def _not_applies(case: Case, result: Result, known: set) -> list[Failure]:
    raw = case.expect.get("not_applies")
    if raw is None:
        return []
    wanted = dict.fromkeys(raw) if isinstance(raw, list) else dict(raw)
    out = _unknown(case, "not_applies", list(wanted), known)
    applied = {a.id for a in result.applied}
    reasons = {i: REASON_OF.get(r, r) for i, r in result.skipped}
    for i, (ident, reason) in enumerate(wanted.items()):
        if ident not in known:
            continue
        where = case.span("expect", "not_applies", ident if isinstance(raw, dict) else i)
        if ident in applied:
            out.append(Failure(where, f"not_applies {ident}", reason or "-", APPLIED))
        elif reason is not None and reasons.get(ident) != reason:
            out.append(Failure(where, f"not_applies {ident}", reason, reasons.get(ident, "-")))
    return out


def _unknown(case: Case, key: str, ids: list, known: set) -> list[Failure]:
    """An id no promotion has: the case would pass for the wrong reason (fail closed)."""
    return [Failure(case.span("expect", key), f"unknown-id:{key}:{i}", i, "-")
            for i in ids if i not in known]


def _ids(ids: list) -> str:
    return "[" + ", ".join(ids) + "]"
