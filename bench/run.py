"""promolint vs check-jsonschema, side by side: `python bench/run.py`.

Needs the bench extra (installs nothing itself):
    .venv/bin/pip install -e '.[bench]'        # check-jsonschema + ruamel.yaml.clib
    .venv/bin/python bench/run.py               # 1, 1,000, 10,000 files, 3 repeats
    .venv/bin/python bench/run.py --sizes 1,1000 --repeats 5 --crossfile 10000

For each size it generates a deterministic corpus (bench/gen_corpus.py, cached in
--workdir), then runs, alternating order each repeat, every variant in a fresh
process: check-jsonschema --schemafile <promolint schema> on the N YAML files,
and promolint check on the corpus folder (the same N YAML files plus about 2% DSL
files: promolint does strictly more work). It prints medians of wall and CPU
time, peak memory, the ratio to check-jsonschema and the time per file, then
the issue-6 targets, then the cross-file analysis table (in process).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus  # noqa: E402
from measure import Series, run  # noqa: E402

INSTALL = "install the bench extra: .venv/bin/pip install -e '.[bench]' (or pip install -e '.[bench]')"


def tool(name: str) -> str:
    """The executable next to this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"bench: {name} not found; {INSTALL}")
    return found


def corpus_dir(workdir: Path, size: int, mistakes: float = 0.0) -> Path:
    return workdir / (f"corpus-{size}-mistakes-{mistakes:g}" if mistakes else f"corpus-{size}")


def corpus(workdir: Path, size: int, seed: int, mistakes: float = 0.0) -> list[str]:
    """The corpus for `size` files (regenerated when the generator or seed changed)."""
    out = corpus_dir(workdir, size, mistakes)
    stamp = hashlib.sha256(Path(gen_corpus.__file__).read_bytes()).hexdigest()[:12]
    marker = out / ".generated"
    if not marker.exists() or marker.read_text() != f"{stamp} {seed}":
        gen_corpus.generate(out, size, seed, mistakes=mistakes)
        marker.write_text(f"{stamp} {seed}")
    root = str(out) + os.sep
    return [line[len(root):] for line in (out / "yaml-files.txt").read_text().splitlines()]


def variants(promolint: str, cj: str, schema: Path, files: list[str], opts: set[str]) -> dict:
    """name -> (command, sample the process tree?)."""
    base = [promolint, "check", "."]
    out = {"check-jsonschema": ([cj, "--schemafile", str(schema), *files], False)}
    no_cache = ["--no-cache"] if "--no-cache" in opts else []
    if "--jobs" in opts:
        out["promolint --jobs 1"] = (base + ["--jobs", "1"] + no_cache, False)
        out["promolint (parallel)"] = (base + no_cache, True)
    else:
        out["promolint"] = (base, True)
    if no_cache:
        out["promolint (warm cache)"] = (base, True)
    return out


def child_env(workdir: Path) -> dict:
    """Both tools run with compiled bytecode (as installed tools do), kept in workdir,
    and promolint's cache in workdir (never the user's)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["PROMOLINT_CACHE_DIR"] = str(workdir / "promolint-cache")
    return env


def measure_size(size: int, args, tools: tuple, schema: Path, opts: set[str]) -> dict:
    files = corpus(args.workdir, size, args.seed, args.mistakes)
    cwd = corpus_dir(args.workdir, size, args.mistakes)
    table = variants(*tools, schema, files, opts)
    series = {name: Series() for name in table}
    env = child_env(args.workdir)
    for name in table:  # warm-up: bytecode written, OS file cache filled, cache filled
        run(table[name][0], cwd, env=env)
    for repeat in range(args.repeats):
        order = list(table) if repeat % 2 == 0 else list(reversed(table))
        for name in order:
            cmd, sample = table[name]
            result = run(cmd, cwd, sample, env)
            if result.code not in (0, 1):
                sys.exit(f"bench: {name} exited {result.code} at {size} files; "
                         f"see {cwd / ('.bench-' + Path(cmd[0]).name + '.out')}")
            series[name].runs.append(result)
    return series


def print_size(size: int, series: dict) -> None:
    ref, ref_cpu = (series["check-jsonschema"].median(a) for a in ("wall", "cpu"))
    print(f"\n{size:,} file(s)")
    print(f"  {'tool':<24}{'wall':>9}{'CPU':>9}{'peak MiB':>10}{'ratio':>8}{'CPU ratio':>10}"
          f"{'ms/file':>9}")
    for name, s in series.items():
        wall, cpu = s.median("wall"), s.median("cpu")
        print(f"  {name:<24}{wall:>8.2f}s{cpu:>8.2f}s{s.peak():>10.0f}"
              f"{wall / ref:>8.2f}{cpu / ref_cpu:>10.2f}{1000 * wall / size:>9.2f}")


def print_mistake_targets(results: dict) -> None:
    """Issue 16's targets on the corpus full of mistakes (--mistakes)."""
    print("\ntargets (issue 16, a repo full of mistakes)")
    for size, s in results.items():
        ref = s["check-jsonschema"].median("wall")
        for name, limit in (("promolint --jobs 1", 1.0), ("promolint (parallel)", 1.0),
                            ("promolint (warm cache)", 0.3)):
            if name in s:
                value = s[name].median("wall") / ref
                print(f"  {'ok  ' if value <= limit else 'MISS'} {size:,} files, {name}: "
                      f"ratio {value:.2f} <= {limit}")
        peak = max(x.peak() for n, x in s.items() if n != "check-jsonschema")
        print(f"  {'ok  ' if peak < 300 else 'MISS'} {size:,} files, peak {peak:.0f} MiB < 300")
        if "promolint --jobs 1" in s and "promolint (parallel)" in s:
            names = ("promolint --jobs 1", "promolint (parallel)")
            one, auto = (s[n].median("wall") for n in names)
            one_cpu, auto_cpu = (s[n].median("cpu") for n in names)
            print(f"  {'ok  ' if auto <= one * 1.1 else 'MISS'} {size:,} files, default --jobs "
                  f"{auto:.2f} s vs --jobs 1 {one:.2f} s wall (CPU {auto_cpu:.2f} vs "
                  f"{one_cpu:.2f} s; within 10%: the same one process on < 4 CPUs)")


def print_targets(results: dict) -> None:
    """The issue-6 targets that the measured sizes allow checking."""
    def ratio(size, name):
        s = results.get(size, {})
        return s[name].median("wall") / s["check-jsonschema"].median("wall") if name in s else None
    serial = "promolint --jobs 1" if "promolint --jobs 1" in results.get(10000, {}) else "promolint"
    parallel = "promolint (parallel)" if "promolint (parallel)" in results.get(10000, {}) else "promolint"
    checks = [("10,000 files, one process: ratio <= 1.0", ratio(10000, serial), 1.0),
              ("10,000 files, parallel: ratio <= 0.5", ratio(10000, parallel), 0.5),
              ("one file, cold: ratio <= 0.6", ratio(1, parallel), 0.6)]
    if 10000 in results:
        peak = max(s.peak() for n, s in results[10000].items() if n != "check-jsonschema")
        checks.append(("peak memory at 10,000 < 300 MiB", peak, 300))
    if 10000 in results and 1000 in results:
        per = [results[n][serial].median("wall") / n for n in (1000, 10000)]
        checks.append(("per file at 10,000 / at 1,000 <= 1.2", per[1] / per[0], 1.2))
    print("\ntargets (issue 6)")
    for label, value, limit in checks:
        if value is not None:
            print(f"  {'ok  ' if value <= limit else 'MISS'} {label}: {value:.2f}")


def startup(promolint: str, repeats: int, workdir: Path) -> None:
    print("\nstartup (no linting), median wall")
    for args in (["--version"], ["rules"], ["explain", "schema"]):
        env = child_env(workdir)
        run([promolint, *args], workdir, env=env)
        s = Series([run([promolint, *args], workdir, env=env) for _ in range(repeats)])
        print(f"  promolint {' '.join(args):<22}{s.median('wall') * 1000:>7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description="promolint vs check-jsonschema")
    parser.add_argument("--sizes", default="1,1000,10000", help="file counts (comma separated)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per variant and size")
    parser.add_argument("--crossfile", default="10000,50000",
                        help="promotion counts for the in-process cross-file table ('' to skip)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--mistakes", type=float, default=0.0,
                        help="issue 16's corpus: this fraction of promotions fix 9.90 on a "
                             "whole category (e.g. --sizes 2000 --mistakes 0.2)")
    parser.add_argument("--promolint", help="promolint executable to time (default: this venv's)")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get(
        "TMPDIR", "/tmp")) / "promolint-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.workdir = args.workdir.resolve()
    tools = (args.promolint or tool("promolint"), tool("check-jsonschema"))
    schema = args.workdir / "promotion.schema.json"
    import subprocess
    schema.write_text(subprocess.run([tools[0], "schema"], capture_output=True, text=True,
                                     check=True).stdout)
    help_text = subprocess.run([tools[0], "check", "--help"], capture_output=True, text=True).stdout
    opts = {o for o in ("--jobs", "--no-cache") if o in help_text}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, repeats {args.repeats}, "
          f"workdir {args.workdir}")
    results = {}
    for size in [int(s) for s in args.sizes.split(",") if s]:
        results[size] = measure_size(size, args, tools, schema, opts)
        print_size(size, results[size])
    if args.mistakes:
        print_mistake_targets(results)
        return
    print_targets(results)
    startup(tools[0], args.repeats, args.workdir)
    if args.crossfile:
        import crossfile
        print("\ncross-file analysis (in process)")
        for line in crossfile.report([int(s) for s in args.crossfile.split(",")]):
            print("  " + line)


if __name__ == "__main__":
    main()
