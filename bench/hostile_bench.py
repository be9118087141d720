"""Time and peak memory of the worst hostile files: `python bench/hostile_bench.py`.

Part 2 (`--shapes`, issue 12): shapes a pull request can send whose cost once grew
faster than their size. Each is linted whole (every check, cross-file ones too) at two
sizes in fresh subprocesses; `growth` is (CPU at n / CPU at n/4) / 4: 1.0 is linear,
4.0 quadratic. Target: growth <= 1.5 (near-linear). `--shapes-only` skips part 1.

Each case is written to a temporary file and linted (load_file: read, pre-pass, compose,
build, schema) in a fresh subprocess, which reports its wall time, the growth of its
peak RSS over the process after imports (+MiB, the target: under 200 MiB) and the
absolute peak RSS. Time target: under 1 s each.
Prints a table; exit status 1 when a case misses a target.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT = 4 * 1024 * 1024 - 64
ONE = """apiVersion: promolint/v1
kind: Promotion
id: p{i}
name: "Double 11 #{i}"
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
scope: {{skus: [GC-100, GC-200]}}
benefit: {{type: threshold_off, threshold: 200, amount: 50}}
limits: {{per_user: 1, budget: 1000}}
---
"""


def _fill(unit: str) -> str:
    return unit * (LIMIT // len(unit))


def _quoted_aliases(n: int, pieces: int) -> str:
    """n aliases of a quoted string with escapes (4 characters a piece): each expansion
    once rebuilt the string's position map (issue 21)."""
    return 'name: &a "' + 'ab\\"' * pieces + '"\nl: [' + "*a, " * n + "]\n"


def cases() -> dict[str, str]:
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
    return {
        "billion laughs (9 x 10 aliases)": bomb,
        "100,000 '['": "[" * 100_000,
        "100,000 '[' then ']'": "[" * 100_000 + "]" * 100_000,
        "100,000 '{a: '": "{a: " * 100_000 + "1" + "}" * 100_000,
        "100,000 '- '": "- " * 100_000 + "x\n",
        "2,000 indented 'a:' levels": "".join(" " * i + "a:\n" for i in range(2_000)),
        "4 MiB of '[' (max size)": "[" * LIMIT,
        "4 MiB one string": "name: " + "x" * (LIMIT - 10) + "\n",
        "4 MiB of '--- 1' documents": _fill("--- 1\n"),
        "4 MiB of glued '#' in comments": "# " + "a#" * (LIMIT // 2 - 4) + "\n",
        "4 MiB of aliases to one anchor": "a: &a [1]\nb: [" + "*a, " * (LIMIT // 4 - 8) + "]\n",
        "1,000 aliases of a 20 KB quoted string": _quoted_aliases(1_000, 5_000),
        "4 MiB of valid promotions": "".join(ONE.format(i=i) for i in range(LIMIT // len(ONE))),
        "1,000 promotions (a large real file)": "".join(ONE.format(i=i) for i in range(1000)),
    }


CHILD = r"""
import json, resource, sys, time
from promolint.core.config import Settings
from promolint.run.load import load_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
promos, findings = load_file(sys.argv[1], Settings())
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "mib": (peak - before) / 1024, "rss": peak / 1024,
                  "findings": sorted({f.message_id for f in findings})[:3],
                  "promotions": len(promos)}))
"""


def measure(name: str, text: str, folder: Path) -> dict:
    path = folder / "case.promo.yaml"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=300)
    if done.returncode:
        return {"seconds": float("nan"), "mib": float("nan"), "findings": ["CRASH"],
                "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


PROMO = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: "shape {id}"
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
scope: {{skus: [A-1]}}
benefit: {{type: percent_off, percent: 1, max_amount: 1}}
limits: {{per_user: 1, total: 10}}
stacking: {stacking}
"""
DSL = """promotion {id} "shape {id}" {{
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  scope skus [A-1]
  benefit percent_off 1 max 1
  limits per_user 1 total 10
  stacking exclusive
}}
"""
PRICES = "sku,currency,market_price,category\nA-1,CNY,100.00,x\n"


def _spread(n: int, stacking: str, per_file: int = 500) -> dict[str, str]:
    """n promotions on one SKU, per_file to a YAML file (a file holds at most 5,000)."""
    out = {}
    for start in range(0, n, per_file):
        out[f"p{start:06d}.promo.yaml"] = "---\n".join(
            PROMO.format(id=f"p{i}", stacking=stacking) for i in range(start, min(n, start + per_file)))
    return out


SHAPES = {  # name -> (files for size n, n)
    "`# promolint: ignore` lines": (lambda n: {"x.promo.yaml": PROMO.format(id="p", stacking="exclusive")
                                    + "".join(f"# promolint: ignore below-market reason=\"r{i}\"\n"
                                              for i in range(n)) + "owner: x\n"}, 20_000),
    "stackable promotions on one SKU": (lambda n: _spread(n, "stackable"), 1_000),
    "stacking.with lists on one SKU": (lambda n: _spread(n, "{with: [%s]}" % ", ".join(
        f"p{i}" for i in range(n))), 400),
    "stackable DSL blocks on one SKU": (lambda n: {"x.promo": "".join(
        DSL.replace("stacking exclusive", "stacking stackable").format(id=f"p{i}")
        for i in range(n))}, 9_000),
    "exclusive promotions on one SKU": (lambda n: _spread(n, "exclusive"), 8_000),
    "broken DSL blocks": (lambda n: {"x.promo": "promotion p {\n  currency\n}\n" * n}, 50_000),
    "valid DSL blocks on one SKU": (lambda n: {"x.promo": "".join(
        DSL.format(id=f"p{i}") for i in range(n))}, 10_000),
    "duplicate keys": (lambda n: {"x.promo.yaml": "a: 1\n" * n}, 830_000),
    "aliases of a 2 KB quoted string": (lambda n: {"x.promo.yaml": _quoted_aliases(n, 500)}, 2_000),
}

SHAPE_CHILD = r"""
import json, resource, sys, time
from promolint.core.config import Settings
from promolint.run.lint import lint_paths
start, cpu = time.perf_counter(), time.process_time()
report = lint_paths([sys.argv[1]], Settings())
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "findings": len(report.findings)}))
"""


def measure_shape(files: dict[str, str], timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "promolint.toml").write_text('market_prices = "prices.csv"\n')
        (root / "prices.csv").write_text(PRICES)
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([sys.executable, "-c", SHAPE_CHILD, tmp], capture_output=True,
                                  text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"seconds": float("inf"), "cpu": float("inf"), "rss": float("nan"), "findings": -1}
    if done.returncode:
        return {"seconds": float("nan"), "cpu": float("nan"), "rss": float("nan"), "findings": -1,
                "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


def shapes(names: list[str], scale: float, timeout: float, growth: float) -> int:
    """Part 2: each shape at n/4 and n; returns how many miss the growth target."""
    missed = 0
    print(f"\n{'shape':<34} {'n':>8} {'CPU s':>7} {'n/4':>7} {'CPU s':>7} {'growth':>7}"
          f" {'RSS MiB':>8} findings")
    for name, (make, size) in SHAPES.items():
        if names and not any(n in name for n in names):
            continue
        big = max(4, int(size * scale))
        small_got, big_got = (measure_shape(make(n), timeout) for n in (big // 4, big))
        ratio = big_got["cpu"] / max(small_got["cpu"], 1e-3) / 4
        late = not ratio <= growth
        missed += late
        print(f"{name:<34} {big:>8} {big_got['cpu']:>7.2f} {big // 4:>7} {small_got['cpu']:>7.2f}"
              f" {ratio:>7.2f} {big_got['rss']:>8.0f} {big_got['findings']}"
              f"{'  <-- super-linear' if late else ''}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--mib", type=float, default=200.0)
    parser.add_argument("--shapes", nargs="*", default=None, metavar="NAME",
                        help="part 2: the issue-12 shapes (all, or those whose name has NAME)")
    parser.add_argument("--shapes-only", action="store_true", help="skip part 1")
    parser.add_argument("--scale", type=float, default=1.0, help="shape sizes times this")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per shape run")
    parser.add_argument("--growth", type=float, default=1.5, help="the growth target")
    args = parser.parse_args()
    if args.shapes_only:
        return 1 if shapes(args.shapes or [], args.scale, args.timeout, args.growth) else 0
    missed = 0
    print(f"{'case':<40} {'bytes':>9} {'seconds':>8} {'+MiB':>6} {'RSS MiB':>8}  findings")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases().items():
            got = measure(name, text, Path(tmp))
            late = not got["seconds"] < args.seconds or not got["mib"] < args.mib
            missed += late
            print(f"{name:<40} {len(text.encode()):>9} {got['seconds']:>8.3f} {got['mib']:>6.1f}"
                  f" {got.get('rss', float('nan')):>8.1f}"
                  f"  {', '.join(got['findings']) or '-'}{'  <-- over target' if late else ''}")
    if args.shapes is not None:
        missed += shapes(args.shapes, args.scale, args.timeout, args.growth)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
