"""A longer fuzz campaign, run on demand (not in CI): `python bench/fuzz.py --minutes 5`.

Hypothesis drives four targets until the time is up, in rounds with fresh seeds:
- YAML text mutated from the examples and the YAML test suite, through load_file and the
  whole lint (checks included): findings only, never an exception;
- raw bytes (BOMs, NULs, broken UTF-8) through decode and the loader;
- promolint.toml text through the config loader: Settings or a ConfigError;
- price-list CSV text through parse_prices: a PriceList or a ConfigError.
Any exception is printed with the input that raised it (saved under --out) and counted.
"""
from __future__ import annotations

import argparse
import sys
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
SEEDS = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("**/*.promo.yaml"))]
SEEDS += [p.read_text("utf-8", "replace") for p in sorted(SUITE.glob("**/in.yaml"))[:400]]
ALPHABET = "[]{}:,-?#&*!|>'\"\n\t %@<=.0123456789eE_+~ abcxyz价\u2028\x85\ufeff"
FAILURES: list[tuple[str, object, str]] = []


@st.composite
def mutated(draw) -> str:
    """A seed text with a few random inserts, deletes and duplications."""
    text = draw(st.sampled_from(SEEDS))
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
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(other)))
            text = text[:at] + other[start:start + 200] + text[at:]
    return text


def record(target: str, data: object) -> None:
    FAILURES.append((target, data, traceback.format_exc()))
    print(f"\n!! {target}: {traceback.format_exc().splitlines()[-1]}\n   input: {data!r:.300}")


def lint_text(text: str) -> None:
    ctx = Context(Settings())
    try:
        lint_files(["f.promo.yaml"], ctx, {"f.promo.yaml": text})
    except Exception:  # noqa: BLE001 - that is what we hunt
        record("yaml", text)


def targets(examples: int, seed: int):
    opts = settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                    suppress_health_check=list(HealthCheck), print_blob=False)

    @opts
    @given(mutated())
    def yaml_text(text):
        lint_text(text)

    @opts
    @given(st.binary(max_size=300) | st.sampled_from(SEEDS).map(lambda s: s.encode("utf-16")))
    def raw_bytes(data):
        try:
            text, problem = decode("f.promo.yaml", data)
            if problem is None:
                lint_text(text)
        except Exception:  # noqa: BLE001
            record("bytes", data)

    @opts
    @given(st.text(ALPHABET + "=\"'", max_size=120))
    def config_text(text):
        import tomllib
        from decimal import Decimal
        try:
            table = tomllib.loads(text, parse_float=Decimal)
        except tomllib.TOMLDecodeError:
            return
        try:
            from_table(table, Path("promolint.toml"))
        except ConfigError:
            pass
        except Exception:  # noqa: BLE001
            record("config", text)

    @opts
    @given(st.text(ALPHABET + "ABC,\x00\r", max_size=200))
    def price_text(text):
        try:
            parse_prices("sku,currency,market_price,category\n" + text, "p.csv")
        except ConfigError:
            pass
        except Exception:  # noqa: BLE001
            record("prices", text)

    return [yaml_text, raw_bytes, config_text, price_text]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--examples", type=int, default=300, help="per target per round")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    stop, rounds = time.monotonic() + args.minutes * 60, 0
    while time.monotonic() < stop:
        for target in targets(args.examples, rounds):
            target()
        rounds += 1
        print(f"round {rounds}: {len(FAILURES)} failure(s) so far", flush=True)
    if FAILURES:
        args.out.mkdir(exist_ok=True)
        for i, (name, data, trace) in enumerate(FAILURES):
            (args.out / f"{i:03d}-{name}.txt").write_text(f"{data!r}\n\n{trace}", "utf-8")
    print(f"{rounds} rounds, {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
