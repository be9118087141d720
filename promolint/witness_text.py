"""One readable line for a witness, in English or Chinese."""
from __future__ import annotations

from promolint.diagnostics import money


def describe(witness, lang: str = "en") -> str:
    cart = ", ".join(f"{l.sku} x{l.quantity} @ {money(l.unit_price)}" for l in witness.cart)
    user = ", ".join(f"{k}={_show(v)}" for k, v in witness.user) or ("任意用户" if lang == "zh" else "any user")
    market = money(witness.market) if witness.market is not None else None
    if lang == "zh":
        text = f"反例:用户 {user};购物车 {cart or '空'};实付 {money(witness.pays)}"
        return text + (f"(市场价 {market})" if market else "")
    text = f"witness: user {user}; cart {cart or 'empty'}; pays {money(witness.pays)}"
    return text + (f" (market {market})" if market else "")


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)
