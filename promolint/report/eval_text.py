"""`promolint eval`'s data and its text output, in English or Chinese.

The evaluation's data (`evaluation`: eval's `--format json` and the page's try-a-cart,
one shape) says each reason and note in both languages, `{"en": ..., "zh": ...}`, as the
page says every sentence; the text output picks the run's language from it. The reasons
and notes the engine gives are said in Chinese from a table here
(tests/report/test_eval_text.py lists every reason the engine can give).
"""
from __future__ import annotations

import re
from decimal import Decimal

from promolint.core.currency import CENT, minor_unit
from promolint.core.diagnostics import money

WORDS = {
    "en": {"head": ("SKU", "QTY", "UNIT", "LIST", "DISCOUNT", "PAYS", "PROMOTIONS"),
           "at": "at {at}", "totals": "subtotal {subtotal}  discount {discount}  total {total}",
           "free": "  (free shipping)", "applied": "applied: {id} (-{discount})",
           "skipped": "not applied: {id} ({reason})", "note": "note: {note}",
           "exposure": "worst-case cost per promotion (from limits):",
           "unbounded": "unbounded (no budget, or no total with a bounded discount)"},
    "zh": {"head": ("SKU", "数量", "单价", "原价小计", "优惠", "实付", "促销"),
           "at": "时间 {at}", "totals": "小计 {subtotal}  优惠 {discount}  实付 {total}",
           "free": "  (包邮)", "applied": "已生效:{id}(-{discount})",
           "skipped": "未生效:{id}({reason})", "note": "提示:{note}",
           "exposure": "每个促销的最坏成本(按 limits 计算):",
           "unbounded": "无上限(没有 budget,或优惠无上限时没有 total)"},
}
# The engine's reasons (promolint.engine.evaluator.why_not and _best), in Chinese.
REASONS_ZH = {
    "outside its window": "不在活动时间内",
    "coupon not presented": "没有出示券码",
    "no line in scope": "购物车里没有参与活动的商品",
    "audience not met": "用户不满足受众条件",
    "its benefit has errors": "优惠配置有错误(请运行 promolint check)",
    "not combined: a better or higher-priority offer won": "未叠加:更优惠或优先级更高的促销胜出",
}
_ROLLOUT = re.compile(r"^(?P<id>.+): rollout (?P<pct>[0-9.]+)% \(gray release\): ")


def reason(text: str, lang: str) -> str:
    return REASONS_ZH.get(text, "其他原因") if lang == "zh" else text


_TOTAL = re.compile(r"^limits\.total (?P<n>\d+) x (?P<per>[0-9.]+) ")


def bound(text: str, lang: str) -> str:
    """What bounds an exposure (promolint.engine.exposure.bound); in Chinese the figures."""
    if lang != "zh" or not text:
        return text
    if text == "limits.budget":
        return "以 limits.budget 为上限"
    match = _TOTAL.match(text)
    return f"limits.total {match['n']} 次 × 每次最多 {match['per']}" if match else ""


def note(text: str, lang: str) -> str:
    if lang != "zh":
        return text
    match = _ROLLOUT.match(text)
    if match:
        return (f"{match['id']}:灰度发布,流量比例 {match['pct']}%:按生效计算,"
                "但只有部分流量能享受")
    return "引擎提示(详见 --format json)"


def render_text(data: dict, lang: str = "en") -> str:
    words = WORDS.get(lang, WORDS["en"])
    out = _cart_text(data, words, lang) if "lines" in data else []
    if "exposure" in data:
        out.append(words["exposure"])
        for row in data["exposure"]:
            value = row["exposure"]
            shown = f"{value} {row['currency']}" if value != "unbounded" else words["unbounded"]
            why = bound(row.get("bound", ""), lang)
            out.append(f"  {row['id']:<28} {shown}" + (f": {why}" if why else ""))
    return "\n".join(out)


def _cart_text(data: dict, words: dict, lang: str) -> list[str]:
    from promolint.report.vocabulary_doc import pad, shown_width
    rows = [words["head"]]
    rows += [(l["sku"], str(l["quantity"]), l["unit_price"], l["list"], l["discount"], l["pays"],
              ", ".join(l["promotions"]) or "-") for l in data["lines"]]
    widths = [max(shown_width(r[i]) for r in rows) for i in range(6)]
    out = [words["at"].format(at=data["at"])]
    out += ["  ".join(pad(c, w) for c, w in zip(r, widths)) + "  " + r[6] for r in rows]
    out.append(words["totals"].format(**data) + (words["free"] if data["free_shipping"] else ""))
    out += [words["applied"].format(**a) for a in data["applied"]]
    out += [words["skipped"].format(id=s["id"], reason=_in(s["reason"], lang))
            for s in data["not_applied"]]
    out += [words["note"].format(note=_in(n, lang)) for n in data["notes"]]
    return out


def _in(said: dict, lang: str) -> str:
    return said.get(lang) or said["en"]


LANGS = ("en", "zh")


def evaluation(promos, cart, user, result, at) -> dict:
    """A priced cart as data (eval's JSON, the page's try-a-cart): the time, lines, totals
    and applied promotions (`priced`), and for each promotion that gave nothing its true
    reason (promolint.engine.reasons), each reason and note as {"en": ..., "zh": ...}."""
    from promolint.engine.reasons import true_reasons
    applied, skipped = true_reasons(promos, cart, user, result)
    return {
        "at": at.isoformat(),
        **priced(result, applied, shown_unit(promos, cart, result)),
        "not_applied": [{"id": i, "reason": {"en": r, "zh": zh or reason(r, "zh")}}
                        for i, r, zh in skipped],
        "notes": [{lang: note(n, lang) for lang in LANGS} for n in result.notes],
    }


def priced(result, applied, unit: Decimal = CENT) -> dict:
    """A priced cart's lines, totals and applied promotions as data (eval's JSON and the
    page's try-a-cart): money as strings to the minor unit `unit` (shown_unit), as the
    text shows it."""
    return {
        "lines": [{"sku": l.sku, "quantity": l.quantity, "unit_price": money(l.unit_price, unit),
                   "list": money(l.list_total, unit), "discount": money(l.discount, unit),
                   "pays": money(l.total, unit), "promotions": list(l.promotions)}
                  for l in result.lines],
        "subtotal": money(result.subtotal, unit), "discount": money(result.discount, unit),
        "total": money(result.total, unit), "free_shipping": result.free_shipping,
        "applied": [{"id": a.id, "discount": money(a.discount, unit),
                     "free_shipping": a.free_shipping} for a in applied],
    }


def shown_unit(promos, cart, result) -> Decimal:
    """The minor unit a priced cart is shown in: its currency's, the currency being the
    one the cart names (engine.cart checks the promotions priced for it are in it), else
    that of the promotions that applied (their discounts are rounded to it), else of those
    with a line in scope; two places when that is none or several currencies."""
    if cart.currency is not None:
        return minor_unit(cart.currency)
    applied = {a.id for a in result.applied}
    currencies = {p.currency for p in promos if p.id in applied} or {
        p.currency for p in promos
        if any(p.scope.covers(line.sku, line.category) for line in cart.lines)}
    return minor_unit(currencies.pop()) if len(currencies) == 1 else CENT
