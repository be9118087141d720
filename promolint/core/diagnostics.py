"""One frozen Diagnostic for every finding, and the witness that proves it."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from promolint.core.document import Span
from promolint.core.frozen import frozen

SEVERITIES = ("info", "warning", "error")
AFFECTED_SHOWN = 20  # affected SKUs listed in JSON and SARIF (the count is always there)


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


# What must not reach a terminal, a CI log or an XML file raw: control characters (a
# newline would start a forged `::error` GitHub annotation line, ESC and BEL drive the
# terminal), line and paragraph separators, bidi overrides (text that reads differently
# from what it is), lone surrogates and the two non-characters XML forbids.
_BEYOND_ASCII = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_BEYOND_ASCII}]")
_RAW_IN_JSON = re.compile(f"[{_BEYOND_ASCII}]")  # json.dumps escapes the C0 controls itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every character above as an escape (\\n, \\x1b, \\u202e)."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def json_text(data) -> str:
    """`data` as indented JSON (UTF-8 text, Chinese as is) with the characters above as
    \\uXXXX escapes: the same data once parsed, but nothing raw on a terminal (JSON
    itself escapes only C0 controls; a lone surrogate could not even be written)."""
    import json
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def json_safe(text: str) -> str:
    """JSON text (as json.dumps writes it) with the characters above as \\uXXXX."""
    if _RAW_IN_JSON.search(text) is None:
        return text
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable_lines(text: str) -> str:
    """Lines of text, each escaped (the newlines between them kept)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def printable_path(path: str) -> str:
    """A path as printed at the start of a line: escaped, and never starting with `::`
    (a file named `::error::x.promo` would otherwise be a GitHub workflow command)."""
    shown = printable(path)
    return "./" + shown if shown.startswith(":") else shown


def money(value: Decimal, unit: Decimal = Decimal("0.01")) -> str:
    """Money as a decimal string to `unit` (a minor unit: two places by default, 9.9 ->
    "9.90"; Decimal(1) for yen, 100 -> "100"); a value finer than that in full, never cut."""
    shown = value.quantize(unit)
    return f"{shown:f}" if shown == value else f"{value.normalize():f}"


@frozen
class WitnessLine:
    """One line of a witness cart."""

    sku: str
    quantity: int
    unit_price: Decimal
    category: str | None = None  # set when the scope is by category and the SKU is not priced

    def to_dict(self) -> dict:
        out = {"sku": self.sku, "quantity": self.quantity, "unit_price": money(self.unit_price)}
        return out | ({"category": self.category} if self.category else {})


@frozen
class Witness:
    """The smallest cart and user that show the bad outcome."""

    cart: tuple[WitnessLine, ...]
    user: tuple[tuple[str, Any], ...]  # sorted (field, value) pairs
    pays: Decimal
    market: Decimal | None = None
    promotions: tuple[str, ...] = ()
    at: str | None = None
    context: tuple[tuple[str, Any], ...] = ()  # e.g. (("group.size", 1),)
    # What the cart pays before the shop's rounding, when that differs from `pays` (the
    # checks judge the exact price; `pays` is what the shop charges: docs/rounding.md).
    exact_pays: Decimal | None = None
    # Stacks priced in an order of their own (spec 5: every order counts): the ids in
    # the order applied, and "list" when thresholds were measured on the list subtotal.
    order: tuple[str, ...] = ()
    basis: str | None = None

    def to_dict(self) -> dict:
        out: dict[str, Any] = {
            "cart": [line.to_dict() for line in self.cart],
            "user": {k: _plain(v) for k, v in self.user},
            "pays": money(self.pays),
        }
        if self.exact_pays is not None:
            out["exact_pays"] = money(self.exact_pays)
        if self.market is not None:
            out["market"] = money(self.market)
        if self.promotions:
            out["promotions"] = list(self.promotions)
        if self.at:
            out["at"] = self.at
        if self.context:
            out["context"] = {k: _plain(v) for k, v in self.context}
        if self.order:
            out["order"] = list(self.order)
        if self.basis:
            out["thresholds_on"] = self.basis
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (tuple, list, frozenset, set)):
        return [_plain(v) for v in sorted(value, key=str)] if isinstance(value, (set, frozenset)) else [_plain(v) for v in value]
    return value


@frozen
class Diagnostic:
    """A finding. Checks leave `severity` empty; the engine fills it from config."""

    path: str
    span: Span
    rule: str
    message_id: str
    args: tuple[tuple[str, Any], ...] = ()
    witness: Witness | None = None
    severity: str = ""
    promotion: str | None = None  # the promotion id, when known
    suppressed: str | None = None  # the justification, when suppressed
    suppressed_by: str | None = None  # "comment", "suppress-list" or "baseline"
    # One cause that reaches several SKUs is one finding (spec 5): every SKU it reaches,
    # worst first, as (sku, market price, unit price paid, quantity); reporters show a
    # bounded part (AFFECTED_SHOWN), with the count.
    affected: tuple[tuple[str, Decimal, Decimal, int], ...] = ()

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.rule, self.message_id, str(self.args))

    def with_(self, **changes: Any) -> "Diagnostic":
        return replace(self, **changes)


def affected_dict(diag: Diagnostic, shown: int = AFFECTED_SHOWN) -> dict:
    """The spec's `affected`: the total count and the first `shown` SKUs, worst first."""
    return {"count": len(diag.affected),
            "skus": [{"sku": sku, "market": money(market), "pays": money(pays),
                      "quantity": quantity} for sku, market, pays, quantity in diag.affected[:shown]]}


def make(path: str, span: Span, rule: str, message_id: str | None = None, *,
         witness: Witness | None = None, promotion: str | None = None,
         affected: tuple = (), **args: Any) -> Diagnostic:
    """Build a Diagnostic; keyword arguments become the message's placeholders."""
    return Diagnostic(path, span, rule, message_id or rule, tuple(sorted(args.items())),
                      witness, promotion=promotion, affected=affected)
