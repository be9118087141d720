"""A plain (non-editable) install carries grammar/ and rules/ and works from anywhere."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # from a copy without build/: setuptools reuses build/lib, where a file the package
    # no longer has (a moved module, a moved schema) would still be found
    source = tmp_path_factory.mktemp("source") / "promolint"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                             "--disable-pip-version-check", "-w", str(out), str(source)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed: {result.stderr[-2000:]}")
    return next(out.glob("promolint-*.whl"))


def test_wheel_ships_grammar_rules_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    grammars = {p.name for p in (ROOT / "grammar").glob("*.lark")}
    rules = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert {f"promolint/grammar/{g}" for g in grammars} <= names
    assert {f"promolint/rules/{r}" for r in rules} <= names
    assert "promolint/schema/promotion.schema.json" in names


def test_wheel_ships_every_module(wheel):
    """Every module of the source tree is in the wheel (a package missing from
    pyproject's list would install without it)."""
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "promolint"
    modules = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert modules - names == set()


def test_installed_copy_lints_examples_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)], check=True)
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("import promolint, sys; assert promolint.__file__.startswith(sys.argv[1]), "
            "promolint.__file__; from promolint.cli import main; "
            "sys.argv = ['promolint', 'check', sys.argv[2]]; main()")
    run = subprocess.run([sys.executable, "-c", code, str(target), str(ROOT / "examples" / "shop")],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "promotion(s)" in run.stdout


def test_wheel_ships_the_serve_page_and_codemirror(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    static = "promolint/serve/static/"
    assert {static + n for n in ("index.html", "app.js", "app.css")} <= names
    vendor = static + "vendor/codemirror/"
    assert {vendor + n for n in ("codemirror.js", "codemirror.css", "yaml.js", "simple.js",
                                 "LICENSE.txt", "README.txt")} <= names


def _readme_install_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## Installing\n.*?```sh\n(.*?)```", readme, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_docs_install_only_what_exists():
    """No `pip install promolint` (it is not on PyPI): a clone's folder, a wheel built
    from it, or the pinned commit, one SHA everywhere."""
    args, pins = [], set()
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        args += re.findall(r"pip install ([^\s`)]+)", doc.read_text("utf-8"))
    for arg in args:
        pinned = re.fullmatch(r'"git\+https://github.com/promolint/promolint@([0-9a-f]{40})"', arg)
        if pinned:
            pins.add(pinned.group(1))
        else:
            assert re.match(r"""['"]?(\.|dist/)""", arg), arg
    assert len(pins) == 1, pins


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_install_lines_work(tmp_path):
    """Each line of the README's Installing block, run by a shell in a copy of the clone,
    with `pip` installing into a new virtualenv of its own (without dependencies; the
    GitHub URL replaced by this repository's path)."""
    import venv
    source = tmp_path / "clone"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".git"))
    lines = _readme_install_lines()
    assert len(lines) == 3 and all(line.startswith("pip ") for line in lines), lines

    def install(number: int, line: str) -> None:
        line = line.replace("git+https://github.com/promolint/promolint", f"git+file://{ROOT}")
        env_dir = tmp_path / f"venv{number}"
        venv.EnvBuilder(with_pip=False).create(env_dir)
        shim = env_dir / "bin" / "pip"  # this venv's pip, acting on the new one
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pip --python "{env_dir}/bin/python" "$@"\n')
        shim.chmod(0o755)
        env = dict(os.environ, PIP_NO_DEPS="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_QUIET="1",
                   PATH=f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
        cwd = tmp_path / f"clone{number}"  # each line in its own copy: `dist/` is the line's own
        shutil.copytree(source, cwd)
        done = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr[-2000:])
        assert list((env_dir / "lib").glob("python*/site-packages/promolint/rules")), line

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(len(lines)) as pool:  # three builds side by side: most is waiting
        for running in [pool.submit(install, n, line) for n, line in enumerate(lines)]:
            running.result()
