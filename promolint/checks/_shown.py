"""How the checks show numbers in their messages (one place, not borrowed from each
other's modules): percentages."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(value: Decimal, past: Decimal | None = None) -> str:
    """A percentage for a message: 90, 66.7; with `past` (a line the value is beyond),
    as many decimals as it takes to show it beyond: 50.01, never "50% ... past the 50% line"."""
    for places in range(1, 29):
        shown = value.quantize(Decimal(1).scaleb(-places))
        if past is None or shown > past or shown == value:
            break
    text = f"{shown:f}".rstrip("0") if "." in f"{shown:f}" else f"{shown:f}"
    return text.rstrip(".")


def percent_text(value: Decimal) -> str:
    """A number for messages, one decimal at most: a percentage (90, 33.3), days (44.6)."""
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded.normalize():f}" if rounded != rounded.to_integral() else f"{rounded.to_integral():f}"
