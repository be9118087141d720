"""Cross-file analysis at scale: run_checks on 10,000 and 50,000 promotions, in process.

Promotions are built once from a few hundred generated files (the real loader),
then replicated with fresh ids, shifted windows and rotated scopes, so the
checks that look across promotions (duplicate ids, stacking, references) see
many promotions sharing SKUs and categories with overlapping windows.
A linear check takes 5x as long at 50,000 as at 10,000; `x linear` shows
(time at 50k / time at 10k) / 5: about 1.0 is linear, 5.0 is quadratic.
"""
from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import timedelta

import gen_corpus

TEMPLATES = 400


def promotions(count: int, seed: int = 6):
    """`count` promotions and the check Context, deterministic."""
    from promolint.checks import Context
    from promolint.config import Settings
    from promolint.lint import load_file
    from promolint.prices import parse_prices
    rng = random.Random(seed)
    csv_text, by_cat = gen_corpus.price_list(rng, 3000)
    ctx = Context(settings=Settings(), prices=parse_prices(csv_text, "market_prices.csv"))
    corpus = gen_corpus.Corpus(rng, by_cat)
    templates = []
    for n in range(TEMPLATES):
        pid, text = gen_corpus.promotion(n, corpus)
        promos, _ = load_file(f"t/{pid}.promo.yaml", ctx.settings, text)
        templates.extend(promos)
    return [_variant(templates, i, rng) for i in range(count)], ctx


def _variant(templates, i: int, rng: random.Random):
    base = templates[i % len(templates)]
    shift = timedelta(hours=(i * 37) % (24 * 300))
    window = replace(base.window, start=base.window.start + shift, end=base.window.end + shift)
    stacking = base.stacking
    if stacking.mode == "with":
        stacking = replace(stacking, with_ids=(f"p{max(i - 3, 0):06d}",))
    elif rng.random() < 0.15:
        stacking = replace(stacking, mode="stackable")
    return replace(base, id=f"p{i:06d}", window=window, stacking=stacking)


def time_checks(promos, ctx) -> dict[str, float]:
    """Seconds per cross-file check module, and for all checks (run_checks)."""
    from promolint.checks import load_checks
    from promolint.lint import run_checks
    out = {}
    for module in load_checks():
        if hasattr(module, "check_all"):
            start = time.perf_counter()
            for _ in module.check_all(promos, ctx):
                pass
            out[module.__name__.rsplit(".", 1)[1]] = time.perf_counter() - start
    start = time.perf_counter()
    run_checks(promos, ctx)
    out["run_checks (all checks)"] = time.perf_counter() - start
    return out


def report(sizes: list[int]) -> list[str]:
    """Lines of the cross-file table."""
    results = {}
    for size in sizes:
        promos, ctx = promotions(size)
        results[size] = time_checks(promos, ctx)
    lines = [f"{'check':<28}" + "".join(f"{n:>12,}" for n in sizes) +
             ("    x linear" if len(sizes) > 1 else "")]
    for name in results[sizes[0]]:
        row = f"{name:<28}" + "".join(f"{results[n][name]:>11.3f}s" for n in sizes)
        if len(sizes) > 1 and results[sizes[0]][name] > 0.002:
            growth = results[sizes[-1]][name] / results[sizes[0]][name]
            row += f"{growth / (sizes[-1] / sizes[0]):>12.2f}"
        lines.append(row)
    return lines
