"""The row path's benchmark (issues 22 and 23): `promolint audit rows.parquet --prices
prices.parquet --format jsonl` on generated shop rows; rows per CPU second, peak memory.

    .venv/bin/python bench/audit_rows.py [--rows 100000] [--tenants 1000] [--skus 3000]
                                         [--workdir DIR] [--profile]

Rows are what a shop's admin console holds: coupons (amount off, spend X save Y),
full reductions with tiers, seckill and group-buy prices on one SKU, member discounts,
free shipping; one in --mistakes (default 50) with a mistake (an inverted threshold, a price past the line),
the first 20 platform-wide (they join every tenant). Deterministic per --seed. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

WINDOW = {"start": "2026-11-11T00:00:00+08:00", "end": "2026-11-18T00:00:00+08:00"}


def promotion(rng: random.Random, n: int, skus: list[tuple[str, Decimal]], mistakes: int) -> dict:
    sku, price = rng.choice(skus)
    kind = rng.choice(["coupon", "threshold", "tiered", "seckill", "group", "member", "shipping"])
    scope = {"skus": [sku]}
    extra: dict = {}
    if kind == "coupon":  # 满99减10 on a category, claimed with a code
        t = rng.choice([99, 199])
        benefit = {"type": "threshold_off", "threshold": t, "amount": t // 10 + 1}
        scope = {"categories": [rng.choice(["apparel", "home", "toys"])]}
        extra["coupon"] = {"required": True, "signed": True, "rate_limit_per_minute": 10}
    elif kind == "threshold":
        t = rng.choice([99, 199, 299])
        benefit = {"type": "threshold_off", "threshold": t, "amount": t // 10}
        scope = {}
    elif kind == "tiered":
        benefit = {"type": "tiered", "tiers": [{"threshold": 100, "amount": 10},
                                               {"threshold": 200, "amount": 25}]}
        scope = {}
    elif kind == "seckill":
        benefit = {"type": "fixed_price", "price": float((price * Decimal("0.8")).quantize(Decimal("0.01")))}
        extra["campaign"] = "flash_sale"
    elif kind == "group":
        benefit = {"type": "group_price", "price": float((price * Decimal("0.85")).quantize(Decimal("0.01"))),
                   "min_group_size": 3}
        extra |= {"campaign": "group_buy", "audience": "group.size >= 3"}
    elif kind == "member":
        benefit = {"type": "percent_off", "percent": 10, "max_amount": 50}
        extra |= {"campaign": "member", "audience": "user.tier in ['gold', 'vip']"}
    else:
        benefit = {"type": "free_shipping", "min_subtotal": 59}
        scope, extra["stacking"] = {}, "stackable"
    if mistakes and n % mistakes == 7:  # a mistake: 满50减200, a flash price far past the line, or a
        # no-threshold coupon on a category (it takes the whole price of its cheap items)
        benefit = rng.choice([{"type": "threshold_off", "threshold": 50, "amount": 200},
                              {"type": "fixed_price", "price": 1},
                              {"type": "amount_off", "amount": 20}])
    out = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": f"p-{n}", "name": f"promo {n}",
           "currency": "CNY", "window": WINDOW, "benefit": benefit,
           "limits": {"total": 1000, "per_user": 1, "budget": 20000}} | extra
    return out | ({"scope": scope} if scope else {})


def generate(out: Path, rows: int, tenants: int, skus: int, seed: int,
             platform: int = 20, mistakes: int = 50) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    rng = random.Random(seed)
    cats = ["apparel", "home", "toys", "grocery"]
    priced = [(f"SKU-{i:06d}", Decimal(rng.randint(500, 50000)) / 100) for i in range(skus)]
    prices = pa.table({"tenant": [""] * skus, "sku": [s for s, _ in priced],
                       "currency": ["CNY"] * skus,
                       "market_price": pa.array([p for _, p in priced], pa.decimal128(12, 2)),
                       "category": [cats[i % len(cats)] for i in range(skus)]})
    tenant, source, text = [], [], []
    for n in range(rows):
        tenant.append("" if n < platform else f"shop-{n % tenants}")
        source.append(f"promotion#{n}")
        text.append(json.dumps(promotion(rng, n, priced, mistakes), separators=(",", ":")))
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"tenant": tenant, "source": source, "promotion": text}),
                   out / "rows.parquet")
    pq.write_table(prices, out / "prices.parquet")
    return out / "rows.parquet", out / "prices.parquet"


def measure(rows_file: Path, prices_file: Path, out: Path) -> dict:
    promolint = Path(sys.executable).with_name("promolint")
    start = time.perf_counter()
    proc = subprocess.Popen([str(promolint), "audit", str(rows_file), "--prices", str(prices_file),
                             "--format", "jsonl", "--output", str(out / "findings.jsonl")])
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return {"exit": os.waitstatus_to_exitcode(status), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "peak_mib": round(usage.ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--skus", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--mistakes", type=int, default=50,
                        help="one row in N has a mistake (0: none, only ordinary rows)")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "promolint-audit-bench")
    parser.add_argument("--profile", action="store_true", help="cProfile the audit in this process")
    args = parser.parse_args()
    rows_file, prices_file = generate(args.workdir, args.rows, args.tenants, args.skus,
                                     args.seed, mistakes=args.mistakes)
    if args.profile:
        import cProfile
        import pstats
        from promolint.audit.command import gather
        from promolint.core.config import Settings
        cProfile.runctx("gather(str(rows_file), str(prices_file), None, Settings())", globals(),
                        {"gather": gather, "rows_file": rows_file, "prices_file": prices_file,
                         "Settings": Settings}, str(args.workdir / "audit.prof"))
        pstats.Stats(str(args.workdir / "audit.prof")).sort_stats("cumulative").print_stats(45)
        return
    result = measure(rows_file, prices_file, args.workdir)
    lines = sum(1 for _ in open(args.workdir / "findings.jsonl", encoding="utf-8"))
    result |= {"rows": args.rows, "tenants": args.tenants, "mistakes": args.mistakes, "findings": lines,
               "rows_per_cpu_s": round(args.rows / result["cpu_s"])}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
