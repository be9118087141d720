"""One readable line for a witness, in English or Chinese."""
from __future__ import annotations

from promolint.core.diagnostics import money, printable


def describe(witness, lang: str = "en") -> str:
    """The witness as one line: who, what cart, what they pay (the exact amount too when
    the shop's rounding changed it; against what market); escaped, as SKUs and user
    facts come from the promotion."""
    return printable(_describe(witness, lang))


def _describe(witness, lang: str) -> str:
    zh = lang == "zh"
    cart = ", ".join(f"{l.sku} x{l.quantity} @ {money(l.unit_price)}" for l in witness.cart)
    facts = ", ".join(f"{k}={_show(v)}" for k, v in (*witness.user, *witness.context))
    who = (f"用户 {facts}" if facts else "任意用户") if zh else (f"user {facts}" if facts else "any user")
    market = money(witness.market) if witness.market is not None else None
    exact = money(witness.exact_pays) if witness.exact_pays is not None else None
    if zh:
        text = f"反例:{who};购物车 {cart or '空'};实付 {money(witness.pays)}"
        text += f"(舍入前 {exact})" if exact else ""
        text += f"(市场价 {market})" if market else ""
        text += f";促销 {', '.join(witness.promotions)}" if witness.promotions else ""
        return text + (f";时间 {witness.at}" if witness.at else "")
    text = f"witness: {who}; cart {cart or 'empty'}; pays {money(witness.pays)}"
    text += f" ({exact} before rounding)" if exact else ""
    text += f" (market {market})" if market else ""
    text += f"; promotions {', '.join(witness.promotions)}" if witness.promotions else ""
    return text + (f"; at {witness.at}" if witness.at else "")


def affected_line(affected: tuple, lang: str, shown: int = 3) -> str:
    """The first few SKUs a finding stands for, then how many more (SKUs escaped)."""
    items = printable(", ".join(f"{sku} {money(market)} -> {money(pays)}"
                                for sku, market, pays, _ in affected[:shown]))
    rest = len(affected) - shown
    if lang == "zh":
        return f"涉及:{items}" + (f" 等,另有 {rest} 个" if rest > 0 else "")
    return f"affected: {items}" + (f" ... and {rest} more" if rest > 0 else "")


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "[" + ", ".join(_show(v) for v in items) + "]"
    return str(value)
