"""`check --select / --extend-select / --ignore` (like the config keys), `--statistics`,
`--quiet`, and severities said in the run's language."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.cli.test_fix import YAML

# inverted-threshold (error) and unbounded-cost (warning) in one promotion
TWO = YAML.replace("threshold: 200", "threshold: 50").replace("amount: 50", "amount: 200") \
    .replace("limits: {budget: 1000}\n", "")


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "a.promo.yaml").write_text(TWO, encoding="utf-8")
    return tmp_path


def rules_found(*args: str, config: str = "") -> list[str]:
    from pathlib import Path
    Path("promolint.toml").write_text(config, encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args, "a.promo.yaml"])
    assert done.exit_code in (0, 1), done.output
    return sorted(f["rule"] for f in json.loads(done.stdout)["findings"])


def test_select_ignore_and_extend_select_as_the_config_keys(shop):
    assert rules_found() == ["inverted-threshold", "unbounded-cost"]
    assert rules_found("--select", "inverted-threshold") == ["inverted-threshold"]
    assert rules_found("--select", "PL301") == ["unbounded-cost"]  # a code works too
    assert rules_found("--ignore", "unbounded-cost,inverted-threshold") == []
    assert rules_found("--select", "unbounded-cost", config='select = ["inverted-threshold"]\n') \
        == ["unbounded-cost"]  # --select replaces the config's
    assert rules_found("--extend-select", "unbounded-cost", config='select = ["inverted-threshold"]\n') \
        == ["inverted-threshold", "unbounded-cost"]
    assert rules_found("--ignore", "PL101", config='ignore = ["unbounded-cost"]\n') == []


def test_an_unknown_rule_on_the_command_line_is_exit_2(shop):
    done = CliRunner().invoke(main, ["check", "--select", "inverted-treshold", "a.promo.yaml"])
    assert done.exit_code == 2
    assert "Traceback" not in done.output


def test_statistics_counts_per_rule(shop):
    done = CliRunner().invoke(main, ["check", "--no-cache", "--statistics", "a.promo.yaml"])
    assert done.exit_code == 1
    rows = [line.split() for line in done.stdout.splitlines()]
    assert sorted(rows) == [["1", "PL101", "inverted-threshold"], ["1", "PL301", "unbounded-cost"]]


def test_quiet_prints_the_findings_only(shop):
    loud = CliRunner().invoke(main, ["check", "--no-cache", "a.promo.yaml"]).stdout.splitlines()
    quiet = CliRunner().invoke(main, ["check", "--no-cache", "-q", "a.promo.yaml"]).stdout.splitlines()
    assert quiet == [line for line in loud if line.startswith(("a.promo.yaml:", "    "))]
    assert len(quiet) == len(loud) - 1  # the summary line


def test_severities_in_a_chinese_run(shop):
    done = CliRunner().invoke(main, ["check", "--no-cache", "--lang", "zh", "a.promo.yaml"])
    first, second = [line.split()[1:3] for line in done.stdout.splitlines()[:3] if ": " in line
                     and line.startswith("a.promo")]
    assert sorted([first, second]) == [["警告", "unbounded-cost:"], ["错误", "inverted-threshold:"]]
