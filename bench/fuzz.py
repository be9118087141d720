"""A longer fuzz campaign, run on demand (not in CI): `python bench/fuzz.py --minutes 5`.

Hypothesis drives these targets until the time is up, in rounds with fresh seeds:
- YAML text mutated from the examples and the YAML test suite, through load_file and the
  whole lint (checks included): findings only, never an exception;
- DSL text mutated from the examples and docs, the same way;
- raw bytes (BOMs, NULs, broken UTF-8) through decode and the loader;
- promolint.toml text through the config loader: Settings or a ConfigError;
- price-list CSV text through parse_prices: a PriceList or a ConfigError;
- through the command line (click's runner, in-process), exit 0, 1 or 2 only and no
  internal error: cart and user files mutated from examples/carts through `eval` (and
  `--save-case`), case files mutated from the example shop's through `test`, and
  promolint.toml text (mutated from the examples, or random) through `check`.
Each input has 10 s (SIGALRM): longer is a hang. Any exception, hang or bad exit is
printed with the input (saved under --out) and counted; the counts per target are printed.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from promolint.checks import Context  # noqa: E402
from promolint.core.config import ConfigError, Settings, from_table  # noqa: E402
from promolint.run.lint import lint_files  # noqa: E402
from promolint.source.files import decode
from promolint.source.prices import parse_prices  # noqa: E402

SUITE = ROOT.parent / "shared" / "data" / "yaml-test-suite"
EXAMPLES = ROOT / "examples"
SEEDS = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("**/*.promo.yaml"))]
SEEDS += [p.read_text("utf-8", "replace") for p in sorted(SUITE.glob("**/in.yaml"))[:400]]


def _catalog(suffix: str) -> list[str]:
    """The rule catalog's example texts of files named *suffix, and its examples' cases."""
    import yaml

    def walk(value):
        if isinstance(value, dict):
            name, text = value.get("file"), value.get("text")
            if isinstance(name, str) and isinstance(text, str) and name.endswith(suffix):
                yield text
            if suffix == ".cases.yaml" and isinstance(value.get("cases"), str):
                yield value["cases"]
            for inner in value.values():
                yield from walk(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner)
    return [t for f in sorted((ROOT / "rules").glob("*.yaml"))
            for t in walk(yaml.safe_load(f.read_text("utf-8")))]


DSL_SEEDS = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("**/*.promo"))]
DSL_SEEDS += [p.read_text("utf-8") for p in sorted((ROOT / "tests").glob("**/*.promo"))]
DSL_SEEDS += re.findall(r"```\n(promotion .*?)```", (ROOT / "docs" / "dsl.md").read_text("utf-8"), re.S)
DSL_SEEDS += _catalog(".promo")
CART_SEEDS = [p.read_text("utf-8") for p in sorted((EXAMPLES / "carts").glob("*.yaml"))]
CASE_SEEDS = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("**/*.cases.yaml"))]
CASE_SEEDS += _catalog(".cases.yaml")
CONFIG_SEEDS = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("**/promolint.toml"))]
CONFIG_SEEDS += re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
ALPHABET = "[]{}:,-?#&*!|>'\"\n\t %@<=.0123456789eE_+~ abcxyz价\u2028\x85\ufeff"
FAILURES: list[tuple[str, object, str]] = []
RUNS: collections.Counter = collections.Counter()  # inputs tried per target
EXITS: collections.Counter = collections.Counter()  # (target, exit code) through the CLI
HANG_SECONDS = 10


class Hang(Exception):
    """An input took longer than HANG_SECONDS."""


def _alarm(signum, frame):
    raise Hang(f"over {HANG_SECONDS} s")


def timed(target: str, data: object, work) -> None:
    """Run work() for one input under the hang alarm; record any exception."""
    RUNS[target] += 1
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        work()
    except Exception:  # noqa: BLE001 - that is what we hunt (Hang included)
        record(target, data)
    finally:
        signal.alarm(0)


@st.composite
def mutated(draw, seeds=None) -> str:
    """A seed text with a few random inserts, deletes and duplications."""
    seeds = seeds or SEEDS
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "repeat", "splice"]))
        if kind == "insert":
            text = text[:at] + draw(st.text(ALPHABET, max_size=8)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif kind == "repeat":
            piece = text[at:at + draw(st.integers(1, 40))]
            text = text[:at] + piece * draw(st.integers(2, 60)) + text[at:]
        else:
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            text = text[:at] + other[start:start + 200] + text[at:]
    return text


def record(target: str, data: object) -> None:
    FAILURES.append((target, data, traceback.format_exc()))
    print(f"\n!! {target}: {traceback.format_exc().splitlines()[-1]}\n   input: {data!r:.300}")


def lint_text(text: str, name: str = "f.promo.yaml", target: str = "yaml") -> None:
    ctx = Context(Settings())
    timed(target, text, lambda: lint_files([name], ctx, {name: text}))


class Workspace:
    """A copy of the example shop in a temporary folder, for the command-line targets."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="promolint-fuzz-"))
        shutil.copytree(EXAMPLES / "shop", self.root / "shop")
        shutil.copytree(EXAMPLES / "carts", self.root / "carts")
        (self.root / "conf").mkdir()
        shutil.copy(EXAMPLES / "broken" / "inverted-threshold.promo.yaml", self.root / "conf")
        os.environ["PROMOLINT_CACHE_DIR"] = str(self.root / "cache")

    def cli(self, target: str, data: object, args: list[str]) -> None:
        """Run promolint `args`: exit 0/1/2 only, no traceback, no internal error."""
        from click.testing import CliRunner

        from promolint.cli import main

        def work():
            done = CliRunner().invoke(main, args)
            EXITS[(target, done.exit_code)] += 1
            if done.exception is not None and not isinstance(done.exception, SystemExit):
                raise done.exception
            said = done.output + (done.stderr if done.stderr_bytes is not None else "")
            if done.exit_code not in (0, 1, 2) or "internal error" in said or "Traceback" in said:
                raise AssertionError(f"exit {done.exit_code}: {said[-500:]}")
        timed(target, data, work)


def targets(examples: int, seed: int, space: Workspace):
    opts = settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                    suppress_health_check=list(HealthCheck), print_blob=False)
    shop, at = str(space.root / "shop"), "2026-11-11T10:00:00+08:00"

    @opts
    @given(mutated(DSL_SEEDS))
    def dsl_text(text):
        lint_text(text, "f.promo", "dsl")

    @opts
    @given(mutated(CART_SEEDS), mutated(CART_SEEDS) | st.none(), st.booleans())
    def cart_files(cart, user, save):
        (space.root / "f.cart.yaml").write_text(cart, "utf-8")
        args = ["eval", shop, "--at", at, "--cart", str(space.root / "f.cart.yaml")]
        if user is not None:
            (space.root / "f.user.yaml").write_text(user, "utf-8")
            args += ["--user", str(space.root / "f.user.yaml")]
        if save:
            args += ["--save-case", str(space.root / "shop" / "saved.cases.yaml"), "--force"]
        space.cli("cart", (cart, user), args)
        if save:  # a saved case must load and run
            space.cli("cart", (cart, user), ["test", str(space.root / "shop" / "saved.cases.yaml"),
                                             "--promotions", shop])

    @opts
    @given(mutated(CASE_SEEDS))
    def case_file(text):
        (space.root / "shop" / "saved.cases.yaml").unlink(missing_ok=True)
        (space.root / "f.cases.yaml").write_text(text, "utf-8")
        space.cli("case", text, ["test", str(space.root / "f.cases.yaml"), "--promotions", shop])

    @opts
    @given(mutated(CONFIG_SEEDS) | st.text(ALPHABET + "=\"'", max_size=120))
    def config_check(text):
        (space.root / "conf" / "promolint.toml").write_text(text, "utf-8")
        space.cli("config-cli", text, ["check", "--format", "json", str(space.root / "conf")])

    @opts
    @given(mutated())
    def yaml_text(text):
        lint_text(text)

    @opts
    @given(st.binary(max_size=300) | st.sampled_from(SEEDS).map(lambda s: s.encode("utf-16")))
    def raw_bytes(data):
        def work():
            text, problem = decode("f.promo.yaml", data)
            if problem is None:
                lint_files(["f.promo.yaml"], Context(Settings()), {"f.promo.yaml": text})
        timed("bytes", data, work)

    @opts
    @given(st.text(ALPHABET + "=\"'", max_size=120))
    def config_text(text):
        import tomllib
        from decimal import Decimal
        try:
            table = tomllib.loads(text, parse_float=Decimal)
        except tomllib.TOMLDecodeError:
            return

        def work():
            try:
                from_table(table, Path("promolint.toml"))
            except ConfigError:
                pass
        timed("config", text, work)

    @opts
    @given(st.text(ALPHABET + "ABC,\x00\r", max_size=200))
    def price_text(text):
        def work():
            try:
                parse_prices("sku,currency,market_price,category\n" + text, "p.csv")
            except ConfigError:
                pass
        timed("prices", text, work)

    return [yaml_text, dsl_text, raw_bytes, config_text, price_text, cart_files, case_file,
            config_check]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--examples", type=int, default=300, help="per target per round")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    stop, rounds, space = time.monotonic() + args.minutes * 60, 0, Workspace()
    while time.monotonic() < stop:
        for target in targets(args.examples, rounds, space):
            target()
        rounds += 1
        print(f"round {rounds}: {len(FAILURES)} failure(s) so far; inputs {dict(RUNS)}", flush=True)
    shutil.rmtree(space.root, ignore_errors=True)
    print("exit codes through the CLI:", dict(sorted(EXITS.items())))
    if FAILURES:
        args.out.mkdir(exist_ok=True)
        for i, (name, data, trace) in enumerate(FAILURES):
            (args.out / f"{i:03d}-{name}.txt").write_text(f"{data!r}\n\n{trace}", "utf-8")
    print(f"{rounds} rounds, {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
