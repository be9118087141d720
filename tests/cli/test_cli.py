"""The check command: exit codes, outputs, per-path overrides, stdin, colour."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from promolint.cli import main

GOOD = """\
apiVersion: promolint/v1
kind: Promotion
id: {id}
name: Spend 200, save 50
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
benefit: {{type: threshold_off, threshold: 200, amount: 50}}
limits: {{budget: 1000}}
"""
INVERTED = GOOD.replace("threshold: 200, amount: 50", "threshold: 50, amount: 200")
UNUSED = GOOD.replace("benefit:", '# promolint: ignore inverted-threshold reason="FIN-1"\nbenefit:')


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


def rules_in(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)["findings"] if "suppressed" not in f]


def test_clean_exits_0(repo):
    repo("a.promo.yaml", GOOD.format(id="a"))
    assert run("check", ".").exit_code == 0


def test_error_exits_1(repo):
    repo("a.promo.yaml", INVERTED.format(id="a"))
    result = run("check", "--format", "json", ".")
    assert result.exit_code == 1
    assert "inverted-threshold" in rules_in(result)


def test_fail_on_warning_and_exit_zero(repo):
    repo("a.promo.yaml", UNUSED.format(id="a"))
    assert run("check", ".").exit_code == 0
    assert run("check", "--fail-on", "warning", ".").exit_code == 1
    assert run("check", "--fail-on", "info", ".").exit_code == 1
    assert run("check", "--fail-on", "warning", "--exit-zero", ".").exit_code == 0


@pytest.mark.parametrize("args", [["--format", "nope"], ["--fail-on", "fatal"],
                                  ["--format", "json", "--format", "sarif"],
                                  ["--context", "no-such-dir"], ["-", "x.promo.yaml"]])
def test_bad_arguments_exit_2(repo, args):
    repo("a.promo.yaml", GOOD.format(id="a"))
    result = run("check", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_output_file_and_several_formats(repo):
    repo("a.promo.yaml", INVERTED.format(id="a"))
    result = run("check", "--format", "text", "--format", "sarif:out/r.sarif",
                 "--format", "json:r.json", ".")
    assert result.exit_code == 1
    assert "inverted-threshold" in result.stdout
    assert json.loads((repo.root / "out/r.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert json.loads((repo.root / "r.json").read_text("utf-8"))["findings"]
    result = run("check", "--format", "json", "--output", "all.json", ".")
    assert result.stdout == ""
    assert json.loads((repo.root / "all.json").read_text("utf-8"))["summary"]["errors"] >= 1


def test_per_path_overrides(repo):
    repo("promolint.toml", '[[overrides]]\nfiles = ["legacy/**"]\n'
                           'severity = {inverted-threshold = "warning"}\nignore = ["below-market"]\n')
    repo("legacy/old.promo.yaml", INVERTED.format(id="old"))
    repo("new/fresh.promo.yaml", INVERTED.format(id="fresh"))
    found = json.loads(run("check", "--format", "json", ".").stdout)["findings"]
    legacy = {f["rule"]: f["severity"] for f in found if f["path"].startswith("legacy")}
    fresh = {f["rule"]: f["severity"] for f in found if f["path"].startswith("new")}
    assert legacy.get("inverted-threshold") == "warning" and "below-market" not in legacy
    assert fresh["inverted-threshold"] == "error"


def test_overrides_in_pyproject(repo):
    (repo.root / "promolint.toml").unlink()
    repo("pyproject.toml", '[tool.promolint]\n[[tool.promolint.overrides]]\n'
                           'files = ["*.promo.yaml"]\nseverity = {inverted-threshold = "off"}\n')
    repo("a.promo.yaml", INVERTED.format(id="a"))
    assert "inverted-threshold" not in rules_in(run("check", "--format", "json", "."))


@pytest.mark.parametrize("config", [
    '[[overrides]]\nseverity = {inverted-threshold = "warning"}\n',          # no files
    '[[overrides]]\nfiles = ["x"]\nseverity = {inverted-treshold = "warning"}\n',  # typo
    '[[overrides]]\nfiles = ["x"]\nseverity = {inverted-threshold = "loud"}\n',
    '[[overrides]]\nfiles = ["x"]\nignroe = ["schema"]\n',
    'ignore = ["not-a-rule"]\n',
])
def test_bad_override_config_exits_2_with_one_line(repo, config):
    repo("promolint.toml", config)
    repo("a.promo.yaml", GOOD.format(id="a"))
    result = run("check", ".")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "promolint.toml" in result.stderr


def test_stdin_with_filename_uses_repo_as_context(repo):
    repo("live.promo.yaml", GOOD.format(id="same"))
    repo("drafts/x.promo.yaml", GOOD.format(id="other"))
    result = run("check", "--format", "json", "-", "--stdin-filename", "drafts/x.promo.yaml",
                 input=GOOD.format(id="same"))
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["rule"]) for f in found] == [("drafts/x.promo.yaml", "duplicate-id")]
    assert result.exit_code == 1


def test_stdin_clean(repo):
    result = run("check", "-", "--stdin-filename", "x.promo.yaml", input=GOOD.format(id="x"))
    assert result.exit_code == 0


def test_context_repo_for_named_files(repo):
    repo("a.promo.yaml", GOOD.format(id="same"))
    repo("b.promo.yaml", GOOD.format(id="same"))
    alone = run("check", "--format", "json", "a.promo.yaml")
    assert rules_in(alone) == []
    for name in ("a.promo.yaml", "b.promo.yaml"):
        result = run("check", "--format", "json", "--context", "repo", name)
        found = json.loads(result.stdout)["findings"]
        assert [(f["path"], f["rule"]) for f in found] == [(name, "duplicate-id")]


def test_colour_only_when_asked_or_on_a_tty(repo):
    repo("a.promo.yaml", INVERTED.format(id="a"))
    assert "\033[" not in run("check", ".").stdout  # CliRunner is not a TTY
    assert "\033[" in run("check", "--color", "always", ".").stdout
    assert "\033[" not in run("check", "--color", "always", "--format", "json", ".").stdout


def test_no_color_is_respected(repo, monkeypatch):
    from promolint.report.outputs import Output, use_colour
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour("auto", Output("text", None))
    monkeypatch.delenv("NO_COLOR")
    assert use_colour("auto", Output("text", None))


def test_rules_explain_schema_still_work():
    assert run("rules").exit_code == 0
    assert "expired-suppression" in run("rules").stdout
    assert run("explain", "unused-suppression").exit_code == 0
    assert run("explain", "unused-supression").exit_code == 2
    assert run("schema").exit_code == 0


def test_every_lint_run_collects_garbage_less_often(repo, monkeypatch):
    """The GC threshold covers context runs (stdin, --context, --changed-since) too."""
    import gc

    from promolint.run import changed
    from promolint.run.gc import GC_THRESHOLD
    seen = []
    real = changed.lint_in_context
    monkeypatch.setattr(changed, "lint_in_context",
                        lambda *a, **k: seen.append(gc.get_threshold()[0]) or real(*a, **k))
    before = gc.get_threshold()
    repo("a.promo.yaml", GOOD.format(id="a"))
    assert run("check", "--context", "repo", "a.promo.yaml").exit_code == 0
    assert seen and seen[0] >= GC_THRESHOLD and gc.get_threshold() == before
