"""The per-file cache: hits on unchanged files, never stale, never in the linted tree."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from promolint.core.config import Settings
from promolint.run import workers as parallel
from promolint.run.lint import lint_paths

PROMO = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: "Spend 200 save 20"
currency: CNY
window:
  start: 2026-11-11T00:00:00+08:00
  end: 2026-11-12T00:00:00+08:00
benefit:
  type: threshold_off
  threshold: 200
  amount: {amount}
limits:
  per_user: 1
  budget: 1000
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMOLINT_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    root.mkdir()
    (root / "promolint.toml").write_text("max_window_days = 31\n")
    (root / "a.promo.yaml").write_text(PROMO.format(id="a", amount=20))
    (root / "b.promo.yaml").write_text(PROMO.format(id="b", amount=300))
    return root


def _lint(root, **kw):
    return lint_paths([str(root)], Settings(), cache=True, jobs=1, **kw)


def _rules(report):
    return sorted((Path(d.path).name, d.line, d.rule) for d in report.findings)


def _count_loads(monkeypatch):
    calls = []
    real = parallel.lint_one
    monkeypatch.setattr(parallel, "lint_one", lambda *a: calls.append(a[0]) or real(*a))
    return calls


def test_unchanged_files_come_from_the_cache(repo, monkeypatch):
    first = _lint(repo)
    calls = _count_loads(monkeypatch)
    second = _lint(repo)
    assert calls == [] and _rules(first) == _rules(second)
    assert "inverted-threshold" in {r for _, _, r in _rules(second)}


def test_an_edited_file_is_linted_again_and_cross_file_checks_always_run(repo, monkeypatch):
    _lint(repo)
    (repo / "b.promo.yaml").write_text(PROMO.format(id="a", amount=30))
    calls = _count_loads(monkeypatch)
    report = _lint(repo)
    assert [Path(c).name for c in calls] == ["b.promo.yaml"]
    assert "duplicate-id" in {r for _, _, r in _rules(report)}
    assert "inverted-threshold" not in {r for _, _, r in _rules(report)}


def test_a_config_change_invalidates(repo, monkeypatch):
    _lint(repo)
    (repo / "promolint.toml").write_text('ignore = ["inverted-threshold"]\n')
    calls = _count_loads(monkeypatch)
    report = _lint(repo)
    assert len(calls) == 2 and "inverted-threshold" not in {r for _, _, r in _rules(report)}


def test_tampered_entries_are_ignored(repo, monkeypatch, tmp_path):
    before = _rules(_lint(repo))
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file() and entry.name != "key":
            entry.write_bytes(b"x" * 32 + entry.read_bytes()[32:])
    calls = _count_loads(monkeypatch)
    assert _rules(_lint(repo)) == before and len(calls) == 2


def test_nothing_is_written_in_the_linted_tree(repo):
    before = sorted(os.listdir(repo))
    _lint(repo)
    assert sorted(os.listdir(repo)) == before


def test_an_unwritable_cache_is_no_cache(repo, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PROMOLINT_CACHE_DIR", str(blocker / "cache"))
    assert "inverted-threshold" in {r for _, _, r in _rules(_lint(repo))}


def test_a_new_entry_format_ignores_older_entries(repo, monkeypatch):
    from promolint.run import cache
    _lint(repo)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + "-next")
    calls = _count_loads(monkeypatch)
    _lint(repo)
    assert len(calls) == 2


def test_entries_written_by_workers_are_read_back(repo, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES_PER_JOB", 1)
    first = lint_paths([str(repo)], Settings(), cache=True, jobs=2)
    calls = _count_loads(monkeypatch)
    assert _rules(_lint(repo)) == _rules(first) and calls == []
