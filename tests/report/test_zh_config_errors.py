"""Config, --format, --changed-since and baseline errors are one line in the run's language:
the Chinese line has no English words (the same checker as every message), the English
line is what it always was."""
from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import ConfigError
from promolint.report.messages import UI, config_error
from tests.report.test_zh_messages import _filled, english_words

SENTENCES = ["override-unknown-key", "override-unknown-key-guess", "override-files",
             "override-severity", "override-ignore", "unknown-rule", "unknown-rule-guess",
             "format-unknown", "format-same-place", "changed-bad-ref", "changed-no-repo",
             "changed-unknown-ref", "baseline-unreadable", "baseline-invalid"]
GOOD = """apiVersion: promolint/v1
kind: Promotion
id: a
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
scope: {skus: [TEE-001]}
benefit: {type: percent_off, percent: 10}
"""


@pytest.mark.parametrize("sentence", SENTENCES)
def test_each_sentence_is_chinese(sentence):
    assert english_words(_filled(UI[sentence]["zh"])) == [], UI[sentence]["zh"]


def run(tmp_path, *args, toml=""):
    (tmp_path / "a.promo.yaml").write_text(GOOD)
    (tmp_path / "promolint.toml").write_text(toml)
    out = {}
    for lang in ("en", "zh"):
        result = CliRunner().invoke(main, ["check", "--lang", lang, "--no-cache", *args,
                                           str(tmp_path / "a.promo.yaml")])
        assert result.exit_code == 2, result.output
        out[lang] = result.stderr.strip()
    assert "\n" not in out["zh"] and out["en"].startswith("promolint: ")
    # the config's own key names (overrides, files, ...) and format names are names, as schema keys are
    names = f"{tmp_path} overrides select ignore severity files text json sarif junit github gitlab"
    assert english_words(out["zh"].removeprefix("promolint: "), user_text=names) == [], out["zh"]
    return out


@pytest.mark.parametrize("toml, english", [
    ('select = ["below-markt"]', "no rule named 'below-markt' (did you mean 'below-market'?)"),
    ('ignore = ["zzz"]', "no rule named 'zzz' (see 'promolint rules')"),
    ('[[overrides]]\nfile = ["x/**"]', "unknown key 'file' (did you mean 'files'?)"),
    ('[[overrides]]\nfiles = []', "'files' must be a non-empty list of globs"),
    ('[[overrides]]\nfiles = ["x/**"]\nseverity = { below-market = "loud" }', "'severity' must map"),
    ('[[overrides]]\nfiles = ["x/**"]\nignore = "below-market"', "'ignore' must be a list"),
])
def test_config_errors_in_both_languages(tmp_path, toml, english):
    out = run(tmp_path, "--config", str(tmp_path / "promolint.toml"), toml=toml)
    assert english in out["en"]


def test_format_errors_in_both_languages(tmp_path):
    out = run(tmp_path, "--format", "yaml")
    assert "unknown format 'yaml'" in out["en"] and "'yaml'" in out["zh"]
    out = run(tmp_path, "--format", "json", "--format", "sarif")
    assert "same place" in out["en"]


def test_baseline_errors_in_both_languages(tmp_path):
    (tmp_path / "b.json").write_text(json.dumps({"version": 99, "findings": []}))
    out = run(tmp_path, "--baseline", str(tmp_path / "b.json"))
    assert "not a promolint baseline (version 1)" in out["en"]
    out = run(tmp_path, "--baseline", str(tmp_path / "missing.json"))
    assert "cannot read baseline" in out["en"]


def test_changed_since_errors_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run(tmp_path, "--changed-since", "-x")
    assert "is not a git ref" in out["en"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    out = run(tmp_path, "--changed-since", "no-such-branch")
    assert "git knows no commit 'no-such-branch'" in out["en"]


def test_english_is_the_exception_text():
    """The sentence's English is what str(err) says (one wording, two places)."""
    err = ConfigError("x: no rule named 'q' (see 'promolint rules')", "unknown-rule", where="x", name="q",
                      guess="")
    assert config_error(err, "en") == str(err)
