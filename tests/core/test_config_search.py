"""The config search stops at the repository root and uses no config someone else could
have written: a shared parent such as /tmp must not turn a repository's rules off."""
from __future__ import annotations

import os
import subprocess

import pytest
from click.testing import CliRunner

from promolint.cli import main

INVERTED = """\
apiVersion: promolint/v1
kind: Promotion
id: d11-typo
name: Spend 200, save 50
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
benefit: {type: threshold_off, threshold: 50, amount: 200}
limits: {budget: 1000, per_user: 1}
"""
PLANTED = 'select = ["unknown-field"]\n'  # every other rule off: 满50减200 would pass


@pytest.fixture
def shared(tmp_path, monkeypatch):
    """A shared parent holding a planted config, and an empty project folder below it."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "promolint.toml").write_text(PLANTED, encoding="utf-8")
    project = tmp_path / "work" / "shop"
    (project / "promos").mkdir(parents=True)
    (project / "promos" / "d11.promo.yaml").write_text(INVERTED, encoding="utf-8")
    monkeypatch.chdir(project)
    return tmp_path, project


def run(*args):
    return CliRunner().invoke(main, ["check", "--format", "json", *args])


def rules(result) -> list[str]:
    import json
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


def test_a_git_repository_does_not_use_a_config_above_its_top(shared):
    _, project = shared
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    result = run("promos")
    assert result.exit_code == 1 and "inverted-threshold" in rules(result)


def test_a_pyproject_marks_the_root_outside_git(shared):
    _, project = shared
    (project / "pyproject.toml").write_text("[project]\nname = 'shop'\n", encoding="utf-8")
    result = run("promos")
    assert result.exit_code == 1 and "inverted-threshold" in rules(result)


def test_inside_git_a_nested_pyproject_does_not_hide_the_repository_config(shared):
    _, project = shared
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / "promolint.toml").write_text('ignore = ["inverted-threshold"]\n', encoding="utf-8")
    (project / "promos" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    result = run("promos")
    assert result.exit_code == 0 and "inverted-threshold" not in rules(result)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_own_config_others_can_write_stops_the_run(shared, lang):
    """Yours but writable by others: neither used (someone may have turned rules off) nor
    left out (its price list and limits would be lost): exit 2 with one line."""
    planted, _ = shared
    os.chmod(planted / "promolint.toml", 0o666)
    result = run("--lang", lang, "promos")
    assert result.exit_code == 2 and "chmod go-w" in result.stderr
    [line] = [x for x in result.stderr.splitlines() if str(planted / "promolint.toml") in x]
    assert ("可被同组" in line) == (lang == "zh") and "Traceback" not in result.stderr


def test_a_group_writable_pyproject_stops_the_run(shared):
    planted, _ = shared
    (planted / "promolint.toml").unlink()
    (planted / "pyproject.toml").write_text('[tool.promolint]\n' + PLANTED, encoding="utf-8")
    os.chmod(planted / "pyproject.toml", 0o664)
    result = run("promos")
    assert result.exit_code == 2 and str(planted / "pyproject.toml") in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another user needs root")
def test_another_users_config_is_not_used(shared):
    planted, _ = shared
    os.chown(planted / "promolint.toml", 65534, 65534)  # nobody
    result = run("promos")
    assert result.exit_code == 1 and "inverted-threshold" in rules(result)
    assert str(planted / "promolint.toml") in result.stderr


def test_an_own_config_in_a_parent_is_still_found_outside_a_repository(shared):
    planted, _ = shared
    (planted / "promolint.toml").write_text('ignore = ["inverted-threshold"]\n', encoding="utf-8")
    result = run("promos")
    assert result.exit_code == 0 and result.stderr == ""


def test_the_library_refuses_an_own_config_others_can_write(shared):
    from promolint.core.config import ConfigError, load_settings
    planted, project = shared
    os.chmod(planted / "promolint.toml", 0o646)
    with pytest.raises(ConfigError) as caught:
        load_settings(project)
    assert caught.value.sentence == "config-writable"
