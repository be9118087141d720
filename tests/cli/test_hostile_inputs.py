"""Inputs are bounded and checked wherever they come from (issue 12): stdin has a file's
limits and encoding findings."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli.test_cli import GOOD, run


def _findings(result) -> list[tuple]:
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def test_stdin_over_max_file_bytes_is_a_finding(repo):
    repo("promolint.toml", "max_file_bytes = 100\n")
    result = run("check", "--format", "json", "-", "--stdin-filename", "x.promo.yaml",
                 input=GOOD.format(id="x") * 3)
    assert result.exit_code == 1
    assert [(rule, line) for rule, line, _ in _findings(result)] == [("syntax", 1)]
    assert "100-byte limit" in _findings(result)[0][2]


@pytest.mark.parametrize("data, line", [
    (GOOD.format(id="x").encode().replace(b"Spend", b"Sp\xffend"), 4),
    (b"id: x\n\x00\n", 1),
])
def test_stdin_that_is_not_utf8_text_is_a_finding_not_replaced(repo, data, line):
    result = run("check", "--format", "json", "-", "--stdin-filename", "x.promo.yaml", input=data)
    assert result.exit_code == 1
    assert [(rule, at) for rule, at, _ in _findings(result)] == [("syntax", line)]


def test_stdin_from_dev_zero_stops_at_the_limit(repo):
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([sys.executable, "-m", "promolint", "check", "-"], stdin=zero,
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "syntax" in done.stdout, done.stderr
