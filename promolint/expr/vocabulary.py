"""The expression vocabulary: which fields exist, their types, and value types.

Field types (spec section 4 and config `fields`): string, int, bool, money, list
(a list of strings). Literal values have the kinds number, string, bool and list.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from promolint.core.config import DEFAULT_FIELDS
from promolint.expr.syntax import BoolOp, Compare, Field, ListLit, Literal, Not

NUMERIC = ("int", "money")

# Natural lower bounds of the default numeric fields: counts and money are never negative,
# and a group has at least its buyer. Only applied while the field keeps its default type.
DOMAIN_MIN = {"user.order_count": 0, "user.account_age_days": 0, "cart.item_count": 0,
              "cart.subtotal": 0, "group.size": 1}

# The field types in Chinese, for people.
TYPE_WORDS_ZH = {"string": "字符串", "int": "整数", "bool": "布尔值", "money": "金额", "list": "字符串列表"}

# What each default field means (en, zh): for hovers and the editor schema.
MEANINGS = {
    "user.id": ("the user's account id", "用户账号 ID"),
    "user.tier": ("membership tier, e.g. basic, silver, gold, vip", "会员等级,如 basic、silver、gold、vip"),
    "user.order_count": ("orders the user placed before this one", "用户此前下过的订单数"),
    "user.is_first_order": ("true when the user has no earlier order", "用户此前没有订单时为 true"),
    "user.account_age_days": ("days since the account was created", "账号注册至今的天数"),
    "user.phone_verified": ("the phone number is verified", "手机号已验证"),
    "user.device_verified": ("the device is verified", "设备已验证"),
    "user.blocked": ("the account is blocked for abuse", "账号因滥用被封禁"),
    "user.tags": ("tags on the user, e.g. an incident tag for compensation", "用户标签,如补偿用的事件标签"),
    "user.region": ("the user's region", "用户所在地区"),
    "cart.subtotal": ("the cart's subtotal, in the promotion's currency", "购物车小计,以促销币种计"),
    "cart.item_count": ("units in the cart", "购物车内商品件数"),
    "cart.channel": ("where the order is placed, e.g. app, web, mini-program", "下单渠道,如 app、web、小程序"),
    "group.size": ("people in the group (group buy)", "拼团的人数"),
}


def kind_of_value(value: Any) -> str:
    """The kind of a literal value: bool, number, string or list."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "list"


def kind_of_type(field_type: str) -> str:
    """The value kind a field type compares with (int and money compare with numbers)."""
    return "number" if field_type in NUMERIC else field_type


def operand_kind(node, fields: dict[str, str]) -> str | None:
    """The kind of an operand: a field's kind, a literal's, `bool` for a sub-condition,
    `list` for a list literal, None for an unknown field."""
    if isinstance(node, Field):
        field_type = fields.get(node.name)
        return kind_of_type(field_type) if field_type else None
    if isinstance(node, Literal):
        return kind_of_value(node.value)
    if isinstance(node, ListLit):
        return "list"
    if isinstance(node, (BoolOp, Not, Compare)):
        return "bool"
    return None


def suggest(name: str, fields: dict[str, str]) -> str | None:
    """The known field a mistyped `name` most likely meant (`tier` -> `user.tier`)."""
    known = sorted(fields)
    by_last = [f for f in known if f.rsplit(".", 1)[-1] == name.rsplit(".", 1)[-1]]
    if len(by_last) == 1:
        return by_last[0]
    import difflib  # only for an unknown field: a cold start without one skips it
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return close[0]
    tails = {f.rsplit(".", 1)[-1]: f for f in known}
    close = difflib.get_close_matches(name.rsplit(".", 1)[-1], sorted(tails), n=1, cutoff=0.7)
    return tails[close[0]] if close else None


def default_fields() -> dict[str, str]:
    return dict(DEFAULT_FIELDS)


def assumed_types(expr, fields: dict[str, str]) -> dict[str, str]:
    """`fields` plus a type for each unknown field of `expr`, read from what it is
    compared with (a string, a number, a bool, a list it is `in`/`contains`).

    For the money rules: an unknown field (a typo) is reported by unknown-field, and
    the benefit is still judged as if the condition could be met (assume the worst)."""
    if expr is None:
        return fields
    found = _ASSUMED.get(id(expr))
    if found is None or found[0] is not expr or found[1] is not fields:
        found = (expr, fields, _assume(expr, fields))
        if len(_ASSUMED) > 4096:
            _ASSUMED.clear()
        _ASSUMED[id(expr)] = found
    return found[2]


_ASSUMED: dict[int, tuple] = {}


def _assume(expr, fields: dict[str, str]) -> dict[str, str]:
    from promolint.expr.syntax import walk
    unknown: dict[str, str] = {}
    for node in walk(expr):
        if isinstance(node, Field) and node.name not in fields:
            unknown.setdefault(node.name, "bool")  # a bare field is a condition
        elif isinstance(node, Compare):
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(side, Field) and side.name not in fields:
                    unknown[side.name] = _kind_against(node.op, side is node.left, other)
    if not unknown:
        return fields
    return {**fields, **unknown}


def _kind_against(op: str, on_left: bool, other) -> str:
    if op == "contains" and on_left or op in ("in", "not in") and not on_left:
        return "list"
    if isinstance(other, ListLit):
        items = [kind_of_value(i.value) for i in other.items]
        return "money" if items and all(k == "number" for k in items) else "string"
    if isinstance(other, Literal):
        kind = kind_of_value(other.value)
        return {"number": "money", "bool": "bool"}.get(kind, "string")
    return "string"
