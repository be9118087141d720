"""Baseline round trip: a moved finding stays baselined, a new one fails, a fixed one is reported."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.cli.test_cli import GOOD, INVERTED


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def legacy(repo):
    repo("promolint.toml", 'select = ["inverted-threshold", "duplicate-id"]\n')
    repo("old.promo.yaml", INVERTED.format(id="old") + "---\n" + INVERTED.format(id="old2"))
    result = run("baseline", "--output", ".promolint-baseline.json", ".")
    assert result.exit_code == 0, result.output
    return repo


def test_baseline_records_findings(legacy):
    data = json.loads((legacy.root / ".promolint-baseline.json").read_text("utf-8"))
    assert data["version"] == 1
    assert sorted((e["rule"], e["promotion"]) for e in data["findings"]) == [
        ("inverted-threshold", "old"), ("inverted-threshold", "old2")]
    assert all("line" not in e for e in data["findings"])


def test_baselined_findings_pass(legacy):
    result = run("check", "--baseline", ".promolint-baseline.json", "--format", "json", ".")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"]["baselined"] == 2 and data["summary"]["errors"] == 0
    assert {f["suppressed"]["kind"] for f in data["findings"]} == {"baseline"}


def test_moved_finding_stays_baselined(legacy):
    path = legacy.root / "old.promo.yaml"
    path.write_text("# moved down by a comment\n\n\n" + path.read_text("utf-8"), encoding="utf-8")
    assert run("check", "--baseline", ".promolint-baseline.json", ".").exit_code == 0


def test_new_finding_fails(legacy):
    legacy("new.promo.yaml", INVERTED.format(id="new"))
    result = run("check", "--baseline", ".promolint-baseline.json", "--format", "json", ".")
    assert result.exit_code == 1
    active = [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"] if "suppressed" not in f]
    assert active == [("new.promo.yaml", "inverted-threshold")]


def test_a_second_identical_finding_is_new(legacy):
    path = legacy.root / "old.promo.yaml"
    path.write_text(path.read_text("utf-8") + "---\n" + INVERTED.format(id="old"), encoding="utf-8")
    result = run("check", "--baseline", ".promolint-baseline.json", "--format", "json", ".")
    assert result.exit_code == 1


def test_fixed_entries_are_reported(legacy):
    (legacy.root / "old.promo.yaml").write_text(INVERTED.format(id="old") + "---\n" + GOOD.format(id="old2"),
                                                encoding="utf-8")
    result = run("check", "--baseline", ".promolint-baseline.json", ".")
    assert result.exit_code == 0
    assert "1 baseline finding(s) no longer occur" in result.stdout
    result = run("check", "--baseline", ".promolint-baseline.json", "--format", "json", ".")
    data = json.loads(result.stdout)
    assert data["summary"]["baseline_stale"] == 1
    assert [e["promotion"] for e in data["baseline_stale"]] == ["old2"]
    assert "no longer occur" in run("check", "--baseline", ".promolint-baseline.json",
                                    "--format", "sarif", ".").stderr


@pytest.mark.parametrize("content", [None, "{}", "not json", '{"version": 1, "findings": 3}'])
def test_bad_baseline_exits_2(legacy, content):
    target = legacy.root / "bad.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    result = run("check", "--baseline", str(target), ".")
    assert result.exit_code == 2
    assert result.stderr.startswith("promolint: ")


def test_fingerprint_ignores_line_references():
    from pathlib import Path

    from promolint.core.diagnostics import make
    from promolint.core.document import Span
    from promolint.report.fingerprint import fingerprint
    one = make("a.promo.yaml", Span(4, 5), "duplicate-id", promotion="x", id="x", other="b.promo.yaml:4")
    two = make("a.promo.yaml", Span(9, 5), "duplicate-id", promotion="x", id="x", other="b.promo.yaml:12")
    assert fingerprint(one, Path(".")) == fingerprint(two, Path("."))
