"""Same input, byte-identical output: across runs, hash seeds and path orders."""
from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from promolint.cli import main

BASE = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: "{id}"
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-12-30T00:00:00+08:00}}
scope: {{skus: [A, B, C]}}
benefit: {{type: threshold_off, threshold: 50, amount: {amount}}}
stacking: stackable
"""


@pytest.fixture
def tree(tmp_path):
    files = {
        "a.promo.yaml": BASE.format(id="dup", amount=60),
        "b.promo.yaml": BASE.format(id="dup", amount=10) + "---\n" + BASE.format(id="z", amount=5),
        "c.promo.yaml": "id: [unclosed\n",
        "sub/d.promo.yaml": BASE.format(id="d", amount=1) + "extra: 1\nextra: 2\n",
        "e.promo.yaml": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path, sorted(files)


def run(paths, fmt):
    result = CliRunner().invoke(main, ["check", "--format", fmt, "--lang", "en", *paths])
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_any_path_order_gives_the_same_bytes(tree, fmt, monkeypatch):
    root, names = tree
    monkeypatch.chdir(root)
    outputs = {run(list(order), fmt) for order in itertools.islice(
        itertools.permutations(names), 0, None, 17)}
    assert len(outputs) == 1
    assert run(["."], fmt) == run(["sub", "."], fmt) == run(names, fmt)


def test_separate_processes_with_different_hash_seeds(tree):
    root, names = tree
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "LANG": "C.UTF-8"}
        done = subprocess.run([sys.executable, "-m", "promolint", "check", "--format", "json",
                               *reversed(names)], cwd=root, env=env, capture_output=True,
                              timeout=120)
        assert done.returncode == 1, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
