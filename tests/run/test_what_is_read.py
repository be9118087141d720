"""Issue 11, part 4: what is read is what is linted.

Stdin is linted as piped (never the file of that name); a run without a repository
takes no context from the working directory; promotion files are found whatever their
case or name when they declare `apiVersion: promolint/v1`; a run that finds nothing
says so and fails; a file named twice is linted once; huge numbers are findings; a bug
in one file names it and keeps every other file's findings.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import Settings
from promolint.run.lint import lint_paths
from promolint.source.discover import find_files

GOOD = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: "test"
currency: CNY
window: {{start: "2026-11-11T00:00:00+08:00", end: "2026-11-12T00:00:00+08:00"}}
benefit: {{type: percent_off, percent: {percent}}}
limits: {{total: 10, per_user: 1}}
"""


def promo(id: str = "p1", percent: int = 10) -> str:
    return GOOD.format(id=id, percent=percent)


def run(args, cwd: Path, stdin: str | None = None):
    """The real command in a fresh process (no test's state leaks into it)."""
    return subprocess.run([sys.executable, "-m", "promolint", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PROMOLINT_CACHE_DIR": str(cwd / ".cache")})


def rules(stdout: str) -> list[str]:
    return sorted(f["rule"] for f in json.loads(stdout)["findings"])


# -- stdin ------------------------------------------------------------------------------
def test_stdin_without_context_lints_the_piped_text_not_the_file(tmp_path):
    (tmp_path / "a.promo.yaml").write_text(promo(percent=10), encoding="utf-8")  # clean on disk
    done = run(["check", "-", "--context", "none", "--stdin-filename", "a.promo.yaml",
                "--format", "json"], tmp_path, stdin=promo(percent=95))
    assert done.returncode == 1 and rules(done.stdout) == ["below-market"]
    clean = run(["check", "-", "--context", "none", "--stdin-filename", "a.promo.yaml",
                 "--format", "json"], tmp_path, stdin=promo(percent=10))
    assert clean.returncode == 0 and rules(clean.stdout) == []


def test_stdin_with_no_repository_takes_no_context_from_the_folder(tmp_path):
    assert not (tmp_path / ".git").exists()
    # Unrelated files in the working directory: one with the same id, one broken.
    (tmp_path / "other.promo.yaml").write_text(promo(id="p1"), encoding="utf-8")
    (tmp_path / "junk.promo.yaml").write_text("a: [", encoding="utf-8")
    done = run(["check", "-", "--stdin-filename", "draft.promo.yaml", "--format", "json"],
               tmp_path, stdin=promo(id="p1"))
    assert done.returncode == 0, done.stderr
    assert rules(done.stdout) == [] and json.loads(done.stdout)["summary"]["files"] == 1


def test_stdin_in_a_repository_still_has_the_repository_as_context(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "other.promo.yaml").write_text(promo(id="p1"), encoding="utf-8")
    done = run(["check", "-", "--stdin-filename", "draft.promo.yaml", "--format", "json"],
               tmp_path, stdin=promo(id="p1"))
    assert rules(done.stdout) == ["duplicate-id"]


# -- which files ------------------------------------------------------------------------
def test_promotion_files_are_found_whatever_their_name(tmp_path):
    (tmp_path / "d11.yaml").write_text(promo("a", 95), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d11.PROMO.YAML").write_text(promo("b", 95), encoding="utf-8")
    (tmp_path / "sub" / "quoted.yml").write_text("# header\n'apiVersion': \"promolint/v1\"\n"
                                                  + promo("c", 95).split("\n", 1)[1],
                                                  encoding="utf-8")
    (tmp_path / "k8s.yaml").write_text("apiVersion: apps/v1\nkind: Deployment\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("title: not ours\n", encoding="utf-8")
    found = [os.path.relpath(f, tmp_path) for f in find_files([str(tmp_path)], Settings())]
    assert found == ["d11.yaml", os.path.join("sub", "d11.PROMO.YAML"), os.path.join("sub", "quoted.yml")]
    report = lint_paths([str(tmp_path)], Settings())
    assert sorted(f.path for f in report.findings if f.rule == "below-market") == \
        [str(tmp_path / n) for n in ("d11.yaml", "sub/d11.PROMO.YAML", "sub/quoted.yml")]


def test_dsl_file_in_capitals_is_read_as_dsl(tmp_path):
    (tmp_path / "X.PROMO").write_text('promotion p1 "x" {\n  currency CNY\n'
                                      "  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00\n"
                                      "  benefit percent_off 95\n  limits per_user 1 total 5\n}\n",
                                      encoding="utf-8")
    report = lint_paths([str(tmp_path)], Settings())
    assert [f.rule for f in report.findings] == ["below-market"]


def test_a_run_that_finds_no_promotion_file_says_so_and_fails(tmp_path):
    (tmp_path / "README.md").write_text("nothing here\n", encoding="utf-8")
    done = run(["check", "."], tmp_path)
    assert done.returncode == 2 and "no promotion file found in ." in done.stderr
    assert "nothing was checked" in done.stderr
    zh = run(["check", ".", "--lang", "zh"], tmp_path)
    assert zh.returncode == 2 and "没有找到促销文件" in zh.stderr
    (tmp_path / "a.promo.yaml").write_text(promo(), encoding="utf-8")
    assert run(["check", "."], tmp_path).returncode == 0


def test_the_same_file_named_three_ways_is_linted_once(tmp_path):
    (tmp_path / "a.promo.yaml").write_text(promo(), encoding="utf-8")
    done = run(["check", "a.promo.yaml", "./a.promo.yaml", str(tmp_path / "a.promo.yaml"),
                ".", "--format", "json"], tmp_path)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["summary"]["files"] == 1
    (tmp_path / "b.promo.yaml").write_text(promo(), encoding="utf-8")  # a real duplicate id
    assert rules(run(["check", ".", "--format", "json"], tmp_path).stdout) == ["duplicate-id"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_named_symlink_and_its_file_are_one_file(tmp_path):
    (tmp_path / "a.promo.yaml").write_text(promo(), encoding="utf-8")
    os.symlink(tmp_path / "a.promo.yaml", tmp_path / "link.promo.yaml")
    names = find_files([str(tmp_path / "a.promo.yaml"), str(tmp_path / "link.promo.yaml")],
                       Settings())
    assert names == [str(tmp_path / "a.promo.yaml")]


# -- huge numbers -----------------------------------------------------------------------
BIG = "9" * 5000


@pytest.mark.parametrize("clause", [f"benefit spend 100 save {BIG}", f"benefit amount_off {BIG}",
                                    f"priority {BIG}\n  benefit percent_off 20",
                                    f"benefit buy {BIG} get 1"])
def test_huge_dsl_number_is_a_finding_at_its_position(tmp_path, clause):
    text = ('promotion p1 "x" {\n  currency CNY\n'
            "  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00\n"
            f"  {clause}\n  limits per_user 1 total 5\n}}\n")
    (tmp_path / "a.promo").write_text(text, encoding="utf-8")
    report = lint_paths([str(tmp_path / "a.promo")], Settings())
    syntax = [f for f in report.findings if f.rule == "syntax"]
    line = next(i for i, l in enumerate(text.split("\n"), 1) if BIG in l)
    assert [(f.line, f.column) for f in syntax] == [(line, text.split("\n")[line - 1].index(BIG) + 1)]
    assert "5000 characters" in dict(syntax[0].args)["text"]


@pytest.mark.parametrize("audience", [f"cart.subtotal >= {BIG}", f"user.order_count < 0.{BIG}",
                                      f"user.account_age_days > {BIG}.5"])
def test_huge_audience_number_is_a_syntax_finding_at_its_position(lint, audience):
    text = promo().replace("benefit:", f'audience: "{audience}"\nbenefit:')
    report = lint(text)
    syntax = [f for f in report.findings if f.rule == "syntax"]
    assert len(syntax) == 1 and syntax[0].line == 7
    assert syntax[0].column == 12 + audience.index(audience.split()[-1])
    small = lint(promo().replace("benefit:", 'audience: "cart.subtotal >= 99999999999"\nbenefit:'))
    assert [f.rule for f in small.findings] == []


def test_huge_numbers_never_reach_a_message_whole(tmp_path):
    (tmp_path / "a.promo.yaml").write_text(promo().replace("percent: 10", f"percent: {BIG}"),
                                           encoding="utf-8")
    done = run(["check", "a.promo.yaml"], tmp_path)
    assert done.returncode == 1 and "internal error" not in done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) < 600


# -- internal errors --------------------------------------------------------------------
def test_a_bug_in_one_rule_on_one_file_keeps_everything_else(tmp_path, monkeypatch):
    from promolint.checks import unbounded_cost
    (tmp_path / "a.promo.yaml").write_text(promo("a", 95), encoding="utf-8")
    (tmp_path / "b.promo.yaml").write_text(promo("b", 95), encoding="utf-8")
    real = unbounded_cost.check

    def broken(p, ctx):
        if p.id == "a":
            raise ZeroDivisionError("injected")
        return real(p, ctx)
    monkeypatch.setattr(unbounded_cost, "check", broken)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", str(tmp_path)])
    assert result.exit_code == 2
    out = result.stdout
    assert out.count("below-market") == 2  # a's other rules and b's findings are kept
    assert f"{tmp_path / 'a.promo.yaml'}: internal error in rule unbounded-cost: " \
           "ZeroDivisionError: injected" in result.stderr


def test_a_bug_loading_one_file_names_it_and_keeps_the_others(tmp_path, monkeypatch):
    from promolint.run import load as lint_mod
    (tmp_path / "a.promo.yaml").write_text(promo("a", 95), encoding="utf-8")
    (tmp_path / "b.promo.yaml").write_text(promo("b", 95), encoding="utf-8")
    real = lint_mod.parse_text

    def broken(name, text):
        if name.endswith("a.promo.yaml"):
            raise RuntimeError("injected")
        return real(name, text)
    monkeypatch.setattr(lint_mod, "parse_text", broken)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--format", "json",
                                       str(tmp_path)])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [f["path"].endswith("b.promo.yaml") for f in data["findings"]] == [True]
    assert "a.promo.yaml: internal error in loading: RuntimeError: injected" in result.stderr
    # and a clean run of the same files exits 1 (findings), not 2
    monkeypatch.setattr(lint_mod, "parse_text", real)
    assert CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)]).exit_code == 1


def test_a_bug_in_a_cross_file_rule_keeps_the_per_file_findings(tmp_path, monkeypatch):
    from promolint.checks import duplicate_id
    (tmp_path / "a.promo.yaml").write_text(promo("a", 95), encoding="utf-8")

    def broken(promos, ctx):
        raise KeyError("injected")
        yield  # unreachable: a generator like the real one
    monkeypatch.setattr(duplicate_id, "check_all", broken)
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2 and "below-market" in result.stdout
    assert "internal error in rule duplicate-id" in result.stderr


def test_a_file_with_an_internal_error_is_not_cached(tmp_path, monkeypatch):
    from promolint.checks import unbounded_cost
    (tmp_path / "a.promo.yaml").write_text(promo("a", 95), encoding="utf-8")
    monkeypatch.setenv("PROMOLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(unbounded_cost, "check", lambda p, ctx: 1 / 0)
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 2
    monkeypatch.undo()
    monkeypatch.setenv("PROMOLINT_CACHE_DIR", str(tmp_path / "cache"))
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 1


@pytest.mark.parametrize("line", [f"max_window_days = {BIG}", "max_window_days = 99999999999999"])
def test_huge_config_numbers_are_a_config_error_not_a_bug(tmp_path, line):
    (tmp_path / "promolint.toml").write_text(line + "\n", encoding="utf-8")
    (tmp_path / "a.promo.yaml").write_text(promo(), encoding="utf-8")
    done = run(["check", "."], tmp_path)
    assert done.returncode == 2 and "internal error" not in done.stderr
    assert "promolint.toml" in done.stderr and len(done.stderr.splitlines()) == 1
    (tmp_path / "promolint.toml").write_text("max_window_days = 60\n", encoding="utf-8")
    assert run(["check", "."], tmp_path).returncode == 0


def test_evaluator_consumers_price_only_whole_promotions(tmp_path):
    """eval prices promotions as written: one with a schema error is not priced with
    neutral defaults (the checks still see it: test_fail_closed)."""
    (tmp_path / "a.promo.yaml").write_text(
        promo("a", 95).replace("limits: {total: 10", "limits: {total: 0"), encoding="utf-8")
    (tmp_path / "b.promo.yaml").write_text(
        promo("b", 10).replace("percent_off", "percentoff"), encoding="utf-8")
    from promolint.cli.eval import load_promotions
    promos, _, loading = load_promotions([str(tmp_path)], None)
    assert promos == [] and loading == 2
    from promolint.run.load import load_file
    assert [p.id for p in load_file(str(tmp_path / "a.promo.yaml"), Settings())[0]] == ["a"]


def test_cases_outside_a_repository_use_the_working_directory(tmp_path, monkeypatch):
    from promolint.cases.suite import run_suite
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.cases.yaml").write_text("cases: []\n", encoding="utf-8")
    run_suite([str(tmp_path)], Settings())  # no config, no git: no TypeError
