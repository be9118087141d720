"""Helpers for the warning and incident check tests: a promotion's YAML text from
its body, and the positions of one rule's findings."""
from __future__ import annotations

import textwrap

HEADER = """\
apiVersion: promolint/v1
kind: Promotion
id: {id}
name: Test promotion
currency: {currency}
window: {{start: {start}, end: {end}}}
"""
BODY_LINE = 7  # the first line after HEADER


def promo(body: str, *, id: str = "p", currency: str = "CNY",
          start: str = "2026-11-11T00:00:00+08:00", end: str = "2026-11-12T00:00:00+08:00") -> str:
    """A promotion whose body (benefit, scope, limits...) starts on line 7."""
    head = HEADER.format(id=id, currency=currency, start=start, end=end)
    return head + textwrap.dedent(body).lstrip("\n")


def hits(report, rule: str) -> list[str]:
    """Sorted "line:column" of the unsuppressed findings of `rule`."""
    return sorted(f"{f.line}:{f.column}" for f in report.findings
                  if f.rule == rule and not f.suppressed)


def ids(report, rule: str) -> list[str]:
    """Sorted message ids of `rule`'s findings."""
    return sorted(f.message_id for f in report.findings if f.rule == rule)


PRICES = """\
sku,currency,market_price,category
TEE-001,CNY,99.00,apparel
TEE-002,CNY,129.00,apparel
HP-300,CNY,899.00,electronics
TEA-50,CNY,68.00,grocery
GC-100,CNY,100.00,gift-cards
TOP-50,CNY,50.00,phone-top-up
CAM-1,JPY,50000,cameras
LENS-800,USD,13000.00,cameras
"""
