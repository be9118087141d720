"""Time and peak memory of the worst hostile files: `python bench/hostile_bench.py`.

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--mib", type=float, default=200.0)
    args = parser.parse_args()
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
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
