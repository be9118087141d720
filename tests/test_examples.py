"""The shipped examples behave as the README promises."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import Settings
from promolint.run.lint import lint_paths

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_shop_is_clean():
    report = lint_paths([str(EXAMPLES / "shop")], Settings(root=ROOT))
    assert [(f.path, f.line, f.rule) for f in report.findings if not f.suppressed] == []
    assert len(report.promotions) >= 5


def test_broken_shows_each_core_rule():
    report = lint_paths([str(EXAMPLES / "broken")], Settings(root=ROOT))
    fired = {f.rule for f in report.findings}
    core = {"inverted-threshold", "schema", "duplicate-key", "duplicate-id", "invalid-window",
            "currency-mismatch", "unknown-reference", "non-monotonic-tiers"}
    assert core <= fired, core - fired


def test_cli_exit_codes_on_examples(monkeypatch):
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "examples/shop"]).exit_code == 0
    assert runner.invoke(main, ["check", "examples/broken"]).exit_code == 1


def test_nearest_config_applies_per_folder(monkeypatch):
    """Linting examples/ from the repo root still uses each folder's own promolint.toml."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "examples", "--format", "json"])
    assert '"currency-mismatch"' in result.output  # needs broken/'s price list
