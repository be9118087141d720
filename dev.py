#!/usr/bin/env python3
"""Bootstrap and run promolint from a fresh clone with only python3.

    python3 dev.py check examples/    # lint (any promolint arguments work)
    python3 dev.py test               # run the test suite
    python3 dev.py lint               # ruff's pyflakes rules over the project itself
    python3 dev.py bench [--sizes ..] # the benchmark (bench/README.md); installs its extra

Creates .venv beside this file on first use and installs the project into it.
"""
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def ensure_venv() -> None:
    """Create the venv and (re)install when pyproject.toml changed."""
    if not (BIN / "python").exists():
        print("dev.py: creating .venv (first run only)", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = (ROOT / "pyproject.toml").read_bytes()
    if STAMP.exists() and STAMP.read_bytes() == want:
        return
    print("dev.py: installing promolint and its test tools into .venv", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(pip + ["-e", f"{ROOT}[test]"], check=True)
    STAMP.write_bytes(want)


def ensure_bench() -> None:
    """The bench extra (check-jsonschema, ruamel.yaml.clib), installed once."""
    stamp = VENV / ".bench-installed"
    want = (ROOT / "pyproject.toml").read_bytes()
    if stamp.exists() and stamp.read_bytes() == want:
        return
    print("dev.py: installing the benchmark tools into .venv", file=sys.stderr)
    subprocess.run([str(BIN / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", "-e", f"{ROOT}[test,bench]"], check=True)
    stamp.write_bytes(want)


def main(argv: list[str]) -> int:
    ensure_venv()
    if argv[:1] == ["test"]:
        cmd = [str(BIN / "python"), "-m", "pytest", *argv[1:]]
    elif argv[:1] == ["lint"]:
        cmd = [str(BIN / "ruff"), "check", *(argv[1:] or [str(ROOT)])]
    elif argv[:1] == ["bench"]:
        ensure_bench()
        cmd = [str(BIN / "python"), str(ROOT / "bench" / "run.py"), *argv[1:]]
    else:
        cmd = [str(BIN / "promolint"), *argv]
    return subprocess.call(cmd, cwd=os.getcwd())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
