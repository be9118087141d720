"""Minor units of currencies, and the rounding a shop applies to a discount.

A shop charges whole minor units: cents for CNY, USD and EUR, whole yen for JPY, fils for
KWD. The minor unit is 10 ** -exponent, the exponent being ISO 4217's; 2 for every
currency not listed below (and for an unknown code). A discount is rounded half-even
(banker's rounding: a tie goes to the even digit, 0.125 -> 0.12, 0.135 -> 0.14), the
default of commercetools' carts; docs/rounding.md says what is rounded where.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# ISO 4217 exponents other than 2 (the ISO 4217 list, amendment 2024).
EXPONENTS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                     "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}
_UNITS = {code: Decimal(1).scaleb(-places) for code, places in EXPONENTS.items()}


def minor_unit(currency: str | None) -> Decimal:
    """The smallest amount of `currency` a shop charges: Decimal('0.01') by default,
    Decimal('1') for JPY, Decimal('0.001') for KWD."""
    return _UNITS.get(currency, CENT) if currency else CENT


def shop_round(amount: Decimal, unit: Decimal) -> Decimal:
    """`amount` rounded half-even to a multiple of `unit` (a minor unit). An amount too
    large for the decimal context to hold at that exponent is left as it is."""
    try:
        return amount.quantize(unit, ROUND_HALF_EVEN)
    except InvalidOperation:
        return amount


def per_unit(total: Decimal, quantity: int, currency: str | None) -> Decimal:
    """What a unit of a line costs on average, for a message: `total` / `quantity` to the
    minor unit, half up (a 满减 spread over 3 units is 13.333... a unit, said 13.33). A
    display figure, not a charge: the shop charges the line's `total`."""
    try:
        return (total / quantity).quantize(minor_unit(currency), ROUND_HALF_UP)
    except InvalidOperation:
        return total / quantity
