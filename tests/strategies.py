"""Hypothesis strategies: random VALID promotions in document form, and renderers.

`promotion()` draws the plain data a schema-valid `*.promo.yaml` document holds
(str keys, Decimal numbers, timestamps as strings). Values are chosen so that
checks do fire now and then (inverted thresholds, deep discounts, missing
limits...): the data is valid for the schema, not necessarily a good idea.

`yaml_text()` renders data as YAML with double-quoted strings and Decimals
written verbatim (never yaml.dump and floats); `dsl_text()` uses
promolint.source.dsl.render.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from promolint.core.config import DEFAULT_FIELDS
from promolint.expr import syntax as E
from promolint.model.promotion import CAMPAIGNS
from promolint.source.dsl.render import render_file

SKUS = ("GC-100", "GC-200", "TEE-001", "TEE-002", "TEA-50", "NUT 1KG", "游戏卡-1")
CATEGORIES = ("game-cards", "apparel", "grocery", "gift-cards")
RULES = ("below-market", "unbounded-cost", "long-window", "inverted-threshold")

_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("满减折扣全场包邮拼团会员秒杀"),
)
texts = st.text(_ALPHABET, min_size=1, max_size=24).filter(lambda s: s.strip())
ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True)


def decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Exact decimals in [low, high]: whole numbers or up to `places` places."""
    whole = st.integers(int(Decimal(low).to_integral_value("ROUND_CEILING")),
                        int(Decimal(high))).map(Decimal)
    frac = st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False,
                       allow_infinity=False)
    return st.one_of(whole, frac).filter(lambda d: Decimal(low) <= d <= Decimal(high))


money = decimals("0.01", "100000")
positive_int = st.integers(1, 10_000).map(Decimal)
percent = decimals("0.01", "100")


@st.composite
def window(draw) -> dict:
    start = datetime(2026, 1, 1) + timedelta(minutes=draw(st.integers(0, 500_000)))
    length = timedelta(minutes=draw(st.integers(1, 60 * 24 * 60)))
    offset = draw(st.sampled_from([0, 8, -5, 5.5]))
    zone = timezone(timedelta(hours=offset))
    end = start + length
    zulu = offset == 0 and draw(st.booleans())

    def stamp(moment: datetime) -> str:
        text = moment.replace(tzinfo=zone).isoformat()
        return text.replace("+00:00", "Z") if zulu else text
    return {"start": stamp(start), "end": stamp(end)}


def _literal(kind: str) -> st.SearchStrategy:
    strings = st.text(_ALPHABET, max_size=10)
    table = {
        "string": strings.map(E.Literal), "bool": st.booleans().map(E.Literal),
        "int": st.integers(0, 1000).map(lambda i: E.Literal(Decimal(i))),
        "money": money.map(E.Literal),
        "list": st.lists(strings.map(E.Literal), max_size=3).map(lambda x: E.ListLit(tuple(x))),
    }
    return table[kind]


@st.composite
def comparison(draw) -> E.Expr:
    name, kind = draw(st.sampled_from(sorted(DEFAULT_FIELDS.items())))
    field = E.Field(name)
    if kind == "bool" and draw(st.booleans()):
        return field
    if kind == "list":
        return E.Compare("contains", field, draw(_literal("string")))
    if kind == "string" and draw(st.booleans()):
        items = draw(st.lists(_literal("string"), min_size=1, max_size=3))
        return E.Compare(draw(st.sampled_from(["in", "not in"])), field, E.ListLit(tuple(items)))
    ops = ["==", "!="] if kind in ("string", "bool") else ["==", "!=", "<", "<=", ">", ">="]
    return E.Compare(draw(st.sampled_from(ops)), field, draw(_literal(kind)))


audience_exprs = st.recursive(
    comparison(),
    lambda inner: st.one_of(
        inner.map(E.Not),
        st.tuples(st.sampled_from(["and", "or"]), st.lists(inner, min_size=2, max_size=3))
        .map(lambda t: E.BoolOp(t[0], tuple(t[1])))),
    max_leaves=6)
audiences = audience_exprs.map(E.to_text)


def _tier(draw, threshold: Decimal) -> dict:
    if draw(st.booleans()):
        return {"threshold": threshold, "amount": draw(money)}
    return {"threshold": threshold, "percent": draw(percent)}


@st.composite
def benefit(draw) -> dict:
    kind = draw(st.sampled_from(["percent_off", "amount_off", "threshold_off", "tiered",
                                 "fixed_price", "buy_x_get_y", "group_price", "free_shipping"]))
    out: dict = {"type": kind}
    optional = lambda key, strategy: out.update({key: draw(strategy)}) if draw(st.booleans()) else None  # noqa: E731
    if kind == "percent_off":
        out["percent"] = draw(percent)
        optional("max_amount", money)
    elif kind == "amount_off":
        out["amount"] = draw(money)
    elif kind == "threshold_off":
        out.update(threshold=draw(money), amount=draw(money))
        optional("repeat", st.booleans())
        optional("max_repeats", positive_int)
    elif kind == "tiered":
        thresholds = draw(st.lists(money, min_size=2, max_size=4, unique=True))
        out["tiers"] = [_tier(draw, t) for t in thresholds]
    elif kind in ("fixed_price", "group_price"):
        out["price"] = draw(decimals("0", "10000"))
        if kind == "group_price":
            out["min_group_size"] = draw(st.integers(1, 10).map(Decimal))
    elif kind == "buy_x_get_y":
        out.update(buy=draw(st.integers(1, 5).map(Decimal)), get=draw(st.integers(1, 3).map(Decimal)))
        optional("percent", percent)
    else:
        optional("min_subtotal", money)
    return out


def _some(draw, keys: dict) -> dict:
    """A mapping with a random subset (at least one) of `keys`' strategies."""
    chosen = draw(st.lists(st.sampled_from(sorted(keys)), min_size=1, unique=True))
    return {key: draw(keys[key]) for key in sorted(chosen, key=list(keys).index)}


def _list_of(items) -> st.SearchStrategy:
    return st.lists(st.sampled_from(items), min_size=1, max_size=3, unique=True)


@st.composite
def promotion(draw, ident: str | None = None, others: tuple[str, ...] = ()) -> dict:
    """One schema-valid promotion; `others` are ids `stacking.with` may name."""
    data: dict = {"apiVersion": "promolint/v1", "kind": "Promotion",
                  "id": ident or draw(ids), "name": draw(texts)}
    maybe = lambda: draw(st.booleans())  # noqa: E731
    if maybe():
        data["owner"] = draw(st.one_of(texts, st.just("growth-team@example.com")))
    if maybe():
        data["campaign"] = draw(st.sampled_from(CAMPAIGNS))
    data["currency"] = draw(st.sampled_from(["CNY", "USD", "EUR"]))
    data["window"] = draw(window())
    if maybe():
        data["audience"] = draw(audiences)
    if maybe():
        data["scope"] = _some(draw, {"skus": _list_of(SKUS), "categories": _list_of(CATEGORIES),
                                     "exclude_skus": _list_of(SKUS)})
    data["benefit"] = draw(benefit())
    if maybe():
        data["limits"] = _some(draw, {"per_user": positive_int, "total": positive_int,
                                      "budget": money})
    if maybe():
        partners = _list_of(others or ("someone-else",))
        data["stacking"] = draw(st.one_of(st.sampled_from(["exclusive", "stackable"]),
                                          partners.map(lambda w: {"with": w})))
    if maybe():
        data["rollout"] = draw(decimals("1", "100"))
    if maybe():
        data["priority"] = draw(st.integers(-100, 100).map(Decimal))
    if maybe():
        data["coupon"] = _some(draw, {"required": st.booleans(), "signed": st.booleans(),
                                      "rate_limit_per_minute": positive_int})
    if maybe():
        data["suppress"] = draw(st.lists(suppression(), min_size=1, max_size=2))
    return data


@st.composite
def suppression(draw) -> dict:
    entry = {"rule": draw(st.sampled_from(RULES)), "reason": draw(texts)}
    if draw(st.booleans()):
        entry["until"] = draw(st.dates(datetime(2025, 1, 1).date(),
                                       datetime(2027, 12, 31).date())).isoformat()
    return entry


@st.composite
def promotion_files(draw, max_size: int = 3) -> list[dict]:
    """Promotions with distinct ids (one file's worth)."""
    idents = draw(st.lists(ids, min_size=1, max_size=max_size, unique=True))
    return [draw(promotion(i, tuple(x for x in idents if x != i))) for i in idents]


# -- renderers -----------------------------------------------------------------------
def yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{text}"'


def yaml_lines(value, indent: str = "") -> list[str]:
    """Block-style YAML for plain data (mappings, lists, scalars)."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{indent}{key}:")
                lines.extend(yaml_lines(item, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {_flow(item)}")
    else:
        for item in value:
            inner = yaml_lines(item, indent + "  ") if isinstance(item, (dict, list)) else None
            if inner:
                lines.append(f"{indent}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{indent}- {_flow(item)}")
    return lines


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return yaml_scalar(value)


def yaml_text(promotions: list[dict]) -> str:
    """A YAML stream, one document per promotion."""
    return "".join("---\n" + "\n".join(yaml_lines(p)) + "\n" for p in promotions)


def dsl_text(promotions: list[dict]) -> str:
    return render_file(promotions)
