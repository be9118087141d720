"""Deterministic benchmark corpus: realistic ~35-line promotion files.

    python bench/gen_corpus.py --files 1000 --out /tmp/corpus [--seed 6] [--skus 3000]

Writes into OUT:
  promolint.toml            config (market_prices, cash-equivalent categories)
  market_prices.csv         a price list of --skus SKUs in several categories
  promotions/<team>/*.promo.yaml   --files YAML promotion files, one promotion each:
                            every benefit type, campaigns with the audience their
                            intent needs, SKU and category scopes, limits, coupons,
                            stacking (some stackable, some `with:` partners),
                            suppressions; a handful (1 in 200) broken
  dsl/*.promo               a few DSL files (about 2%) when promolint.source.dsl.parse exists
  yaml-files.txt            the YAML file names, one a line (what check-jsonschema gets)

--mistakes F (issue 16, "a repo full of mistakes"): every (1/F)-th promotion instead puts
a fixed price of 9.90 on a whole category (a typo'd flash sale): one below-market cause
per promotion, each touching the ~330 priced SKUs of that category.

Same seed and arguments -> byte-identical corpus.
"""
from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from importlib.util import find_spec
from pathlib import Path

CATEGORIES = {  # category -> (sku prefix, price range)
    "apparel": ("APP", (39, 899)), "shoes": ("SHO", (99, 1299)),
    "electronics": ("ELE", (49, 8999)), "grocery": ("GRO", (5, 199)),
    "beauty": ("BEA", (29, 999)), "home": ("HOM", (19, 2999)),
    "toys": ("TOY", (15, 599)), "books": ("BOK", (9, 199)),
    "game-cards": ("GC", (50, 500)),  # cash-equivalent: only free shipping scopes it
}
SALE_CATEGORIES = [c for c in CATEGORIES if c != "game-cards"]
TEAMS = ["growth", "crm", "category-apparel", "category-electronics", "category-grocery",
         "marketplace", "retention", "ops", "brand", "live-commerce"]
BENEFITS = ["percent_off", "amount_off", "threshold_off", "tiered", "fixed_price",
            "buy_x_get_y", "group_price", "free_shipping"]
AUDIENCES = {  # campaign -> audiences that guard its intent (spec 2.1)
    "general": [None, "not user.blocked", "cart.channel != 'wholesale'"],
    "flash_sale": [None, "not user.blocked"],
    "clearance": [None],
    "member": ["user.tier in ['gold', 'vip'] and not user.blocked",
               "user.tier in ['silver', 'gold', 'vip']", "user.tier == 'vip'"],
    "first_order": ["user.order_count == 0 and user.phone_verified and not user.blocked",
                    "user.is_first_order and not user.blocked"],
    "new_user": ["user.account_age_days <= 7 and user.phone_verified",
                 "user.account_age_days < 30 and user.device_verified and not user.blocked"],
    "compensation": ["user.tags contains 'incident-{n}'", "user.id in ['u-{n}1', 'u-{n}2']"],
}


@dataclass
class Corpus:
    rng: random.Random
    prices: dict[str, list[tuple[str, Decimal]]] = field(default_factory=dict)  # cat -> skus
    ids: list[str] = field(default_factory=list)
    group_size: int = 2


def price_list(rng: random.Random, count: int) -> tuple[str, dict]:
    """The market_prices.csv text and the SKUs by category."""
    lines = ["sku,currency,market_price,category"]
    by_cat: dict[str, list] = {c: [] for c in CATEGORIES}
    for i in range(count):
        cat = list(CATEGORIES)[i % len(CATEGORIES)]
        prefix, (low, high) = CATEGORIES[cat]
        sku, price = f"{prefix}-{i:05d}", Decimal(rng.randint(low, high)) + Decimal("0.90")
        by_cat[cat].append((sku, price))
        lines.append(f"{sku},CNY,{price},{cat}")
    return "\n".join(lines) + "\n", by_cat


def _money(value: Decimal | int) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')).normalize():f}"


def benefit_lines(kind: str, c: Corpus, skus: list) -> list[str]:
    """The benefit block, priced so that a realistic promotion passes below-market."""
    rng, low = c.rng, min((p for _, p in skus), default=Decimal(100))
    if kind == "percent_off":
        return ["  type: percent_off", f"  percent: {rng.choice([5, 10, 15, 20, 30])}",
                f"  max_amount: {rng.choice([20, 50, 100])}"]
    if kind == "amount_off":
        return ["  type: amount_off", f"  amount: {_money(low * Decimal('0.2'))}"]
    if kind == "threshold_off":
        t = rng.choice([99, 199, 299, 499])
        out = ["  type: threshold_off", f"  threshold: {t}", f"  amount: {t // 10}"]
        return out + (["  repeat: true", "  max_repeats: 3"] if rng.random() < 0.3 else [])
    if kind == "tiered":
        return ["  type: tiered", "  tiers:", "    - threshold: 300", "      amount: 30",
                "    - threshold: 600", "      amount: 80", "    - threshold: 1000",
                "      amount: 150"]
    if kind == "fixed_price":
        return ["  type: fixed_price", f"  price: {_money(low * Decimal('0.8'))}"]
    if kind == "buy_x_get_y":
        return ["  type: buy_x_get_y", "  buy: 2", "  get: 1", "  percent: 50"]
    if kind == "group_price":
        return ["  type: group_price", f"  price: {_money(low * Decimal('0.75'))}",
                f"  min_group_size: {c.group_size}"]
    return ["  type: free_shipping", f"  min_subtotal: {rng.choice([49, 99, 199])}"]


def campaign_for(kind: str, rng: random.Random) -> str:
    if kind == "group_price":
        return "group_buy"
    if kind == "fixed_price":
        return rng.choice(["flash_sale", "flash_sale", "clearance", "member"])
    return rng.choice(["general", "general", "member", "member", "first_order", "new_user",
                       "compensation", "clearance"])


def audience_for(campaign: str, c: Corpus, n: int) -> str | None:
    if campaign == "group_buy":
        return f"group.size >= {c.group_size}"
    text = c.rng.choice(AUDIENCES[campaign])
    return text.format(n=n) if text else None


def window(rng: random.Random, days: int = 0) -> tuple[str, str]:
    """RFC 3339 start and end in 2026; `days` long, else 1 to 8 days."""
    start = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.choice([0, 10, 20]))
    end = (start + timedelta(days=days or rng.randint(1, 8))).replace(hour=0)
    return start.isoformat() + "+08:00", end.isoformat() + "+08:00"


def scope_lines(kind: str, c: Corpus) -> tuple[list[str], list]:
    rng = c.rng
    if kind == "free_shipping" and rng.random() < 0.5:
        return [], []  # the whole order
    cat = rng.choice(SALE_CATEGORIES)
    if kind in ("fixed_price", "group_price", "amount_off") or rng.random() < 0.4:
        single = kind in ("fixed_price", "group_price")  # one price fits one SKU
        picked = rng.sample(c.prices[cat], 1 if single else rng.randint(1, 4))
        lines = ["scope:", "  skus:"] + [f"    - {sku}" for sku, _ in picked]
        if rng.random() < 0.3:
            lines += ["  exclude_skus:", f"    - {rng.choice(c.prices[cat])[0]}"]
        return lines, picked
    cats = [cat] + ([rng.choice(SALE_CATEGORIES)] if rng.random() < 0.4 else [])
    cats = list(dict.fromkeys(cats))
    return ["scope:", "  categories:"] + [f"    - {x}" for x in cats], \
        [p for x in cats for p in c.prices[x]]


def extra_lines(kind: str, c: Corpus, long_window: bool) -> list[str]:
    """limits, stacking, rollout, priority, coupon, suppressions."""
    rng = c.rng
    out = ["limits:", f"  per_user: {rng.choice([1, 1, 2, 3, 5])}"]
    out += [f"  total: {rng.choice([1000, 5000, 20000])}"] if rng.random() < 0.5 else []
    out += [f"  budget: {rng.choice([50000, 200000, 500000])}"]
    roll = rng.random()
    if roll < 0.15 and c.ids:
        out += ["stacking:", "  with:", f"    - {rng.choice(c.ids[-50:])}"]
    elif roll < 0.3 and kind in ("threshold_off", "amount_off", "free_shipping"):
        out += ["stacking: stackable"]
    else:
        out += ["stacking: exclusive"]
    if rng.random() < 0.2:
        out += [f"rollout: {rng.choice([10, 50])}"]
    out += [f"priority: {rng.randint(1, 100)}"]
    if rng.random() < 0.25:
        out += ["coupon:", "  required: true", "  signed: true", "  rate_limit_per_minute: 10"]
    if long_window:
        out += ["suppress:", "  - rule: long-window",
                f"    reason: \"approved by ops, ticket OPS-{rng.randint(100, 999)}\""]
    return out


def promotion(n: int, c: Corpus) -> tuple[str, str]:
    """(id, YAML text) of the n-th promotion."""
    rng = c.rng
    kind = BENEFITS[n % len(BENEFITS)]
    c.group_size = rng.randint(2, 5)
    team = TEAMS[n % len(TEAMS)]
    pid = f"{team}-{kind.replace('_', '-')}-{n:06d}"
    campaign = campaign_for(kind, rng)
    scope, skus = scope_lines(kind, c)
    long_window = rng.random() < 0.05  # a season-long promotion, with its approval
    start, end = window(rng, 45 if long_window else 0)
    audience = audience_for(campaign, c, n)
    lines = [f"# {kind} for the {team} team, generated promotion #{n}.",
             "# Reviewed in the weekly promotion meeting; owner is on call during the window.",
             f"# Ticket: PROMO-{1000 + n}. Budget approved by finance.",
             "apiVersion: promolint/v1", "kind: Promotion", f"id: {pid}",
             f'name: "{team.title()} {kind.replace("_", " ")} #{n}"',
             f"owner: {team}@example.com", f"campaign: {campaign}", "currency: CNY",
             "window:", f"  start: {start}", f"  end: {end}"]
    lines += [f'audience: "{audience}"'] if audience else []
    lines += scope + ["benefit:"] + benefit_lines(kind, c, skus)
    lines += extra_lines(kind, c, long_window)
    c.ids.append(pid)
    return pid, "\n".join(lines) + "\n"


BROKEN = [  # (what, edit of a valid text)
    ("syntax", lambda t: t.replace("window:\n  start:", "window:\n start:", 1)),
    ("schema", lambda t: t.replace("benefit:", "benifit:", 1)),
    ("swapped-window", lambda t: t.replace("start: 2026", "start: 2027", 1)),
    ("duplicate-key", lambda t: t + "currency: USD\n"),
    ("bad-enum", lambda t: t.replace("currency: CNY", "currency: cny", 1)),
]


def dsl_text(pid: str, n: int, c: Corpus) -> str:
    """One DSL promotion (grammar/promo.lark), a threshold_off or percent_off."""
    rng = c.rng
    cat = rng.choice(SALE_CATEGORIES)
    start, end = window(rng)
    benefit = (f"spend {rng.choice([199, 299])} save 20" if n % 2 else
               f"percent_off {rng.choice([5, 10])} max 50")
    return "\n".join([
        f"# DSL promotion #{n}", f'promotion {pid} "DSL promotion {n}" {{',
        "  campaign member", "  owner crm@example.com", "  currency CNY",
        f"  window {start} .. {end}",
        "  audience user.tier in [\"gold\", \"vip\"] and not user.blocked",
        f"  scope categories [{cat}]", f"  benefit {benefit}",
        f"  limits per_user 1 total 5000 budget {rng.choice([50000, 100000])}",
        "  stacking exclusive", f"  priority {rng.randint(1, 100)}", "}", ""])


def mistake(n: int, c: Corpus) -> tuple[str, str]:
    """(id, YAML text) of a fixed price of 9.90 on a whole category (issue 16's corpus)."""
    cat = SALE_CATEGORIES[n % len(SALE_CATEGORIES)]
    pid = f"flash-{cat}-{n:06d}"
    start, end = window(random.Random(n))
    lines = [f"# flash sale on all of {cat}, generated promotion #{n} (a price typo)",
             "apiVersion: promolint/v1", "kind: Promotion", f"id: {pid}",
             f'name: "Flash sale: all {cat} at 9.90 #{n}"', "campaign: flash_sale",
             "currency: CNY", "window:", f"  start: {start}", f"  end: {end}",
             "scope:", "  categories:", f"    - {cat}",
             "benefit:", "  type: fixed_price", "  price: 9.90",
             "limits:", "  per_user: 1", "  total: 1000", "stacking: exclusive"]
    return pid, "\n".join(lines) + "\n"


def generate(out: Path, files: int, seed: int = 6, skus: int = 3000,
             dsl: bool | None = None, mistakes: float = 0.0) -> list[Path]:
    """Write the corpus; return the YAML file paths (sorted)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "promotions").mkdir(parents=True)
    csv_text, by_cat = price_list(rng, skus)
    (out / "market_prices.csv").write_text(csv_text)
    (out / "promolint.toml").write_text(
        'market_prices = "market_prices.csv"\nmax_window_days = 31\n'
        'cash_equivalent_categories = ["game-cards", "phone-top-up"]\n')
    c = Corpus(rng, by_cat)
    broken_every = 200 if files >= 200 else 0
    mistake_every = round(1 / mistakes) if mistakes else 0
    paths = []
    for n in range(files):
        pid, text = promotion(n, c)  # always drawn: the rest of the corpus stays the same
        if mistake_every and n % mistake_every == 1:
            pid, text = mistake(n, c)
            c.ids[-1] = pid  # `with:` partners name promotions that exist
        if broken_every and n % broken_every == broken_every // 2:
            text = BROKEN[(n // broken_every) % len(BROKEN)][1](text)
        folder = out / "promotions" / TEAMS[n % len(TEAMS)]
        folder.mkdir(exist_ok=True)
        path = folder / f"{pid}.promo.yaml"
        path.write_text(text)
        paths.append(path)
    _write_dsl(out, files, c, dsl)
    paths.sort()
    (out / "yaml-files.txt").write_text("".join(f"{p}\n" for p in paths))
    return paths


def _write_dsl(out: Path, files: int, c: Corpus, dsl: bool | None) -> None:
    if dsl is None:
        dsl = find_spec("promolint.source.dsl.parse") is not None
    count = files // 50 if dsl else 0
    if count:
        (out / "dsl").mkdir()
    for n in range(count):
        pid = f"dsl-member-{n:06d}"
        (out / "dsl" / f"{pid}.promo").write_text(dsl_text(pid, n, c))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--skus", type=int, default=3000)
    parser.add_argument("--no-dsl", action="store_true", help="YAML files only")
    parser.add_argument("--mistakes", type=float, default=0.0,
                        help="fraction of promotions that fix a price on a whole category")
    args = parser.parse_args()
    paths = generate(args.out, args.files, args.seed, args.skus, False if args.no_dsl else None,
                     args.mistakes)
    print(f"{len(paths)} YAML files in {args.out}")


if __name__ == "__main__":
    main()
