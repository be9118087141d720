"""The risk grade of one promotion's change, P0 (worst) to P3, and the advice.

- P0: a new error finding, or a scoped SKU whose worst unit price is now past the
  below-market line (and was not, or is now cheaper), or money at risk at least
  `p0_exposure` (when configured);
- P1: money at risk at least `p1_exposure`, or an unbounded worst case that the change
  brought in or widened; and a new or widened promotion (REACH, or a higher worst case)
  whose worst case is above `gray_release_exposure` going to 100% of traffic at once
  (advice: a gray release);
- P2: any change that widens it (more money, people, time or stacking), a cheaper worst
  unit price, or a new warning;
- P3: the rest (narrowed, moved, renamed, removed without new findings).

Money at risk is the rise of the worst-case exposure (engine.exposure); unbounded counts
as more than any amount: doubt is never silence. Thresholds are amounts in the
promotion's currency, set under [diff] in promolint.toml.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from promolint.core.config import ConfigError, Settings
from promolint.core.diagnostics import money
from promolint.diff.fields import WIDER
from promolint.diff.words import num, say

GRADES = ("P0", "P1", "P2", "P3")
# Changes that reach more people, SKUs, time or money at once: a gray release is advised.
# A raised limit counts through the worst case it raises (a budget-capped promotion
# whose per-user limit goes 3 -> 5 gives away no more at worst).
REACH = ("benefit", "scope", "audience", "window", "stacking", "rollout", "coupon", "promotion")


@dataclass
class Thresholds:
    """[diff] in promolint.toml."""

    p0_exposure: Decimal | None = None
    p1_exposure: Decimal = Decimal(100000)
    gray_release_exposure: Decimal = Decimal(10000)


def thresholds(settings: Settings) -> Thresholds:
    """The [diff] table of the config (a bad value is a ConfigError: exit 2)."""
    table = settings.extra.get("diff", {})
    out = Thresholds()
    for key, value in table.items():
        if key not in Thresholds.__dataclass_fields__:
            raise ConfigError(f"{settings.config_path}: [diff]: unknown key '{key}'; "
                              f"use {', '.join(Thresholds.__dataclass_fields__)}")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value < 0:
            raise ConfigError(f"{settings.config_path}: [diff] {key} must be an amount such as 10000")
        setattr(out, key, Decimal(value))
    return out


@dataclass
class Grade:
    level: int = 3
    reasons: list[str] = None
    advice: list[str] = None

    def __post_init__(self):
        self.reasons, self.advice = self.reasons or [], self.advice or []

    def at_least(self, level: int, reason: str) -> None:
        if level < self.level:
            self.level, self.reasons = level, []
        if level == self.level:
            self.reasons.append(reason)

    @property
    def name(self) -> str:
        return GRADES[self.level]


def grade(diff, limits: Thresholds, line: Decimal, lang: str) -> Grade:
    """The grade of a PromotionDiff (promolint.diff.compare)."""
    out = Grade()
    _findings(diff, out, lang)
    _prices(diff, out, line, lang)
    risk = money_at_risk(diff)
    _risk(diff, risk, limits, out, lang)
    _gray(diff, limits, out, lang)
    if out.level == 3 and (any(c.direction == WIDER for c in diff.changes) or diff.status == "added"):
        out.at_least(2, say("why_wider", lang))
    if out.level == 3 and not out.reasons:
        out.reasons.append(say("why_narrower", lang))
    return out


def _findings(diff, out: Grade, lang: str) -> None:
    for finding in diff.findings_added:
        if finding.severity == "error":
            out.at_least(0, say("why_new_error", lang, rule=finding.rule))
        elif finding.severity == "warning":
            out.at_least(2, say("why_warning", lang, rule=finding.rule))


def _prices(diff, out: Grade, line: Decimal, lang: str) -> None:
    approved = diff.approved_below_market
    for row in diff.skus:
        if not row.past("after", line):
            continue
        if row.before is not None and row.after >= row.before and row.past("before", line):
            continue  # past the line already, and no cheaper now
        if approved is not None:
            out.at_least(1, say("why_past_line_approved", lang, sku=row.sku, reason=approved))
            continue
        out.at_least(0, say("why_past_line", lang, sku=row.sku, pays=money(row.after),
                            market=money(row.market), percent=_pct(row.below("after")),
                            limit=_pct(line)))
        return  # one SKU says it; the details list the rest
    if any(r.after is not None and (r.before is None or r.after < r.before) for r in diff.skus):
        out.at_least(2, say("why_wider", lang))


def money_at_risk(diff) -> Decimal | None:
    """How much more the worst case can give away (None: unbounded)."""
    before, after = diff.exposure_before, diff.exposure_after
    if after is None:
        widened = diff.status == "added" or any(c.direction == WIDER for c in diff.changes)
        return None if before is not None or widened else Decimal(0)
    if before is None:
        return Decimal(0)
    return max(Decimal(0), after - before)


def _risk(diff, risk: Decimal | None, limits: Thresholds, out: Grade, lang: str) -> None:
    if risk is None:
        level = 0 if limits.p0_exposure is not None else 1
        out.at_least(level, say("why_risk_unbounded", lang))
        return
    for level, limit in ((0, limits.p0_exposure), (1, limits.p1_exposure)):
        if limit is not None and risk > 0 and risk >= limit:
            out.at_least(level, say("why_risk", lang, amount=num(risk), currency=diff.currency,
                                    level=level, limit=num(limit)))
            return
    if risk > 0:
        out.at_least(2, say("why_risk", lang, amount=num(risk), currency=diff.currency,
                            level=2, limit="0"))


def _gray(diff, limits: Thresholds, out: Grade, lang: str) -> None:
    after = diff.after
    if after is None or after.rollout < 100 or out.level == 0:
        return  # a P0 must not ship at all: no advice on how to ship it
    risk = money_at_risk(diff)
    widened = diff.status == "added" or risk is None or risk > 0 or any(
        c.direction == WIDER and c.field in REACH for c in diff.changes)
    worst = diff.exposure_after
    if widened and (worst is None or worst > limits.gray_release_exposure):
        shown = num(worst) if worst is not None else say("unbounded", lang)
        out.at_least(1, say("why_gray", lang, exposure=shown, currency=diff.currency))
        out.advice.append(say("advice_gray", lang))


def _pct(fraction: Decimal) -> str:
    text = f"{(fraction * 100).quantize(Decimal('0.1')):f}"
    return text[:-2] if text.endswith(".0") else text
