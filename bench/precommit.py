"""The pre-commit path: one staged file linted with the whole repository as context.

    .venv/bin/python bench/precommit.py                  # 50,000 files, 3,000 prices
    .venv/bin/python bench/precommit.py --files 2000 --price-rows 1000000

For each size: the first run (an empty cache: every file parsed, the context index
and the price table built), then warm runs of `promolint check --context repo FILE`
alternating over a few files of the corpus, each after touching that file (a
commit stages a changed file), and the full `promolint check .` warm for scale.
`--against EXE` times another promolint (e.g. an older checkout's venv) on the same
corpus, alternating run by run. Each tool runs its hook's entry: `--entry` (default
`check --changed`, what .pre-commit-hooks.yaml runs) for this checkout,
`--against-entry` (default `check --context repo`, the entry before --changed) for the
other. Medians of wall and CPU, the peak of one process.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Series, run  # noqa: E402
from run import corpus  # noqa: E402


def with_rows(root: Path, rows: int) -> None:
    """Append generated rows to the corpus's price list (once: the marker says how many)."""
    marker = root / ".price-rows"
    if rows <= 0 or (marker.exists() and marker.read_text() == str(rows)):
        return
    base = root / "market_prices.csv"
    original = root / "market_prices.base.csv"
    if not original.exists():
        shutil.copy(base, original)
    with open(base, "w", encoding="utf-8") as out:
        out.write(original.read_text(encoding="utf-8"))
        for i in range(rows):
            out.write(f"GEN-{i:07d},CNY,{100 + i % 90000}.90,generated-{i % 500}\n")
    marker.write_text(str(rows))


def targets(files: list[str], count: int) -> list[str]:
    step = max(1, len(files) // count)
    return files[::step][:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50000)
    parser.add_argument("--price-rows", type=int, default=0, help="rows added to the price list")
    parser.add_argument("--repeats", type=int, default=5, help="warm one-file runs per tool")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--against", help="another promolint executable to time alongside")
    parser.add_argument("--entry", default="check --changed", help="this checkout's hook entry")
    parser.add_argument("--against-entry", default="check --context repo",
                        help="the hook entry of --against")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get(
        "PROMOLINT_BENCH_DIR", Path(tempfile.gettempdir()) / "promolint-bench")))
    args = parser.parse_args()
    here = str(Path(sys.executable).parent / "promolint")
    tools = {"this": here} | ({"against": args.against} if args.against else {})
    entries = {"this": args.entry.split(), "against": args.against_entry.split()}
    files = corpus(args.workdir, args.files, args.seed)
    root = args.workdir / f"corpus-{args.files}"
    with_rows(root, args.price_rows)
    picks = targets(files, args.repeats)
    print(f"{args.files} files, price list +{args.price_rows} rows, "
          f"{len(picks)} staged files, cache per tool under {args.workdir}")
    series: dict[tuple[str, str], Series] = {}
    caches = {}
    for name in tools:
        caches[name] = args.workdir / f"cache-{name}"
        shutil.rmtree(caches[name], ignore_errors=True)
    for name, exe in tools.items():  # first run: empty cache
        env = dict(os.environ, PROMOLINT_CACHE_DIR=str(caches[name]))
        series.setdefault((name, "first run (empty cache)"), Series()).runs.append(
            run([exe, *entries[name], picks[0]], root, True, env))
    for target in picks:  # alternating tools, run by run
        for name, exe in tools.items():
            env = dict(os.environ, PROMOLINT_CACHE_DIR=str(caches[name]))
            os.utime(root / target)  # staged: its signature changed
            series.setdefault((name, "one staged file, warm"), Series()).runs.append(
                run([exe, *entries[name], target], root, True, env))
    for name, exe in tools.items():
        env = dict(os.environ, PROMOLINT_CACHE_DIR=str(caches[name]))
        series.setdefault((name, "check . (warm)"), Series()).runs.append(
            run([exe, "check", "."], root, True, env))
    print("| tool | run | n | wall | CPU | peak MiB |")
    print("|---|---|---|---|---|---|")
    for (name, what), s in series.items():
        print(f"| {name} | {what} | {len(s.runs)} | {s.median('wall'):.2f} s | "
              f"{s.median('cpu'):.2f} s | {s.peak():.0f} |")


if __name__ == "__main__":
    main()
