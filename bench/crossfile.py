"""Cross-file analysis at scale: the check_all modules on 10,000 and 50,000 promotions.

Promotions are built once from a few hundred generated files (the real loader),
then replicated with fresh ids, windows shifted over 365 days per 1,000
promotions (the same density of overlaps at every size: a repository with 5x the
promotions spans 5x the time, or 5x the catalogue) and some made stackable, so
the checks that look across promotions (duplicate ids, stacking, references) see
many promotions sharing SKUs and categories with overlapping windows.
A linear check takes 5x as long at 50,000 as at 10,000; `x linear` shows
(time at 50k / time at 10k) / 5: about 1.0 is linear, 5.0 is quadratic.
"""
from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import datetime, timedelta

import gen_corpus

TEMPLATES = 400


def promotions(count: int, seed: int = 6):
    """`count` promotions and the check Context, deterministic."""
    from promolint.checks import Context
    from promolint.core.config import Settings
    from promolint.run.load import load_file
    from promolint.source.prices import parse_prices
    rng = random.Random(seed)
    csv_text, by_cat = gen_corpus.price_list(rng, 3000)
    ctx = Context(settings=Settings(), prices=parse_prices(csv_text, "market_prices.csv"))
    corpus = gen_corpus.Corpus(rng, by_cat)
    templates = []
    for n in range(TEMPLATES):
        pid, text = gen_corpus.promotion(n, corpus)
        promos, _ = load_file(f"t/{pid}.promo.yaml", ctx.settings, text)
        templates.extend(promos)
    return [_variant(templates, i, rng, count) for i in range(count)], ctx


EPOCH = datetime.fromisoformat("2026-01-01T00:00:00+08:00")
DAYS_PER_1000 = 365  # a 1,000-promotion repository spans a year; 5x the promotions, 5x the time


def _variant(templates, i: int, rng: random.Random, count: int):
    base = templates[i % len(templates)]
    span_hours = 24 * max(1, DAYS_PER_1000 * count // 1000)
    start = EPOCH + timedelta(hours=(i * 37) % span_hours)
    window = replace(base.window, start=start, end=start + (base.window.end - base.window.start))
    stacking = base.stacking
    if stacking.mode == "with":
        stacking = replace(stacking, with_ids=(f"p{max(i - 3, 0):06d}",))
    elif rng.random() < 0.15:
        stacking = replace(stacking, mode="stackable")
    return replace(base, id=f"p{i:06d}", window=window, stacking=stacking)


def time_checks(promos, ctx) -> dict[str, float]:
    """Seconds per cross-file check module (check_all), and their sum."""
    from promolint.checks import load_checks
    out = {}
    for module in load_checks():
        if hasattr(module, "check_all"):
            start = time.perf_counter()
            for _ in module.check_all(promos, ctx):
                pass
            out[module.__name__.rsplit(".", 1)[1]] = time.perf_counter() - start
    out["all cross-file checks"] = sum(out.values())
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
