"""Render a promotion's YAML-form data as DSL text (the inverse of promolint.source.dsl.parse).

Used by the YAML<->DSL equivalence tests and handy for converting files. The
input is schema-valid data as `Document.data` holds it (Decimals for numbers).
`repeat: false` is written by leaving `every` out, which means the same.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_WORD = re.compile(r"[\w][\w.@+:/-]*")
_STAMP = re.compile(r"[0-9]{4}-(?:[0-9A-Za-z:+\-]|\.(?!\.))*")
_KEYWORDS = frozenset("""promotion campaign owner currency window audience scope skus categories
    exclude exclude_skus benefit percent_off max max_amount amount_off spend save every
    max_repeats tiers percent fixed_price buy get group_price min_group_size free_shipping
    min_subtotal limits per_user total budget stacking with rollout priority coupon required
    signed rate_limit_per_minute suppress reason until true false""".split())


def render_file(promotions: list[dict]) -> str:
    """Several promotions as one `.promo` file."""
    return "\n".join(render(data) for data in promotions)


def render(data: dict) -> str:
    """One `promotion <id> "<name>" { ... }` block."""
    lines = [f"promotion {word(data['id'])} {string(data['name'])} {{"]
    for key, writer in _WRITERS.items():
        if key in data:
            lines.extend("  " + line for line in writer(data[key]))
    lines.append("}")
    return "\n".join(lines) + "\n"


def string(text: str) -> str:
    """A double-quoted DSL string (backslash escapes for \\, ", newline and tab)."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\t", "\\t"))
    return f'"{escaped}"'


def word(text: str) -> str:
    """A bare word when it lexes as one and is not a keyword, else a string."""
    return text if _WORD.fullmatch(text) and text not in _KEYWORDS else string(text)


def number(value: Decimal) -> str:
    return format(value, "f")


def _stamp(text: str) -> str:
    return text if _STAMP.fullmatch(text) else string(text)


def _list(items: list) -> str:
    return "[" + ", ".join(word(item) for item in items) + "]"


def _benefit(raw: dict) -> list[str]:
    kind = raw["type"]
    if kind == "tiered":
        tiers = [f"spend {number(t['threshold'])} "
                 + (f"save {number(t['amount'])}" if "amount" in t
                    else f"percent {number(t['percent'])}") for t in raw["tiers"]]
        return ["benefit tiers {", *("  " + t for t in tiers), "}"]
    parts = ["free_shipping"] if kind == "free_shipping" else []
    for key, keyword in _BENEFIT_FIELDS[kind]:
        if key == "repeat":
            parts += ["every"] if raw.get("repeat") else []
        elif key in raw:
            parts += [keyword, number(raw[key])]
    return ["benefit " + " ".join(parts)]


_BENEFIT_FIELDS = {
    "percent_off": (("percent", "percent_off"), ("max_amount", "max")),
    "amount_off": (("amount", "amount_off"),),
    "threshold_off": (("threshold", "spend"), ("amount", "save"), ("repeat", "every"),
                      ("max_repeats", "max_repeats")),
    "fixed_price": (("price", "fixed_price"),),
    "buy_x_get_y": (("buy", "buy"), ("get", "get"), ("percent", "percent")),
    "group_price": (("price", "group_price"), ("min_group_size", "min_group_size")),
    "free_shipping": (("min_subtotal", "min_subtotal"),),
}


def _scope(raw: dict) -> list[str]:
    parts = [f"{keyword} {_list(raw[key])}" for key, keyword in
             (("skus", "skus"), ("categories", "categories"), ("exclude_skus", "exclude"))
             if key in raw]
    return [" ".join(["scope", *parts])]


def _limits(raw: dict) -> list[str]:
    parts = [f"{key} {number(raw[key])}" for key in ("per_user", "total", "budget") if key in raw]
    return [" ".join(["limits", *parts])]


def _stacking(raw: Any) -> list[str]:
    if isinstance(raw, dict):
        return [f"stacking with {_list(raw['with'])}"]
    return [f"stacking {word(raw)}"]


def _coupon(raw: dict) -> list[str]:
    parts = []
    for flag in ("required", "signed"):
        if flag in raw:
            parts.append(flag if raw[flag] else f"{flag} false")
    if "rate_limit_per_minute" in raw:
        parts.append(f"rate_limit_per_minute {number(raw['rate_limit_per_minute'])}")
    return [" ".join(["coupon", *parts])]


def _suppress(entries: list) -> list[str]:
    lines = []
    for entry in entries:
        line = f"suppress {word(entry['rule'])}"
        if "reason" in entry:
            line += f" reason {string(entry['reason'])}"
        if "until" in entry:
            line += f" until {_stamp(entry['until'])}"
        lines.append(line)
    return lines


_WRITERS = {
    "owner": lambda v: [f"owner {word(v)}"],
    "campaign": lambda v: [f"campaign {word(v)}"],
    "currency": lambda v: [f"currency {word(v)}"],
    "window": lambda v: [f"window {_stamp(v['start'])} .. {_stamp(v['end'])}"],
    "audience": lambda v: [f"audience {v}"],
    "scope": _scope,
    "benefit": _benefit,
    "limits": _limits,
    "stacking": _stacking,
    "rollout": lambda v: [f"rollout {number(v)}"],
    "priority": lambda v: [f"priority {number(v)}"],
    "coupon": _coupon,
    "suppress": _suppress,
}
