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


# --- A cache someone else could write is not trusted (issue 12) ---

def _forge(repo, monkeypatch, packed_for):
    """Store `packed_for(name)` as the entry of every file, signed with the real key."""
    from promolint.run import cache
    from promolint.core.config import load_settings
    from promolint.run.lint import make_context
    from promolint.source.files import read_text
    ctx = make_context(load_settings(repo))
    store = cache.open_cache(ctx)
    for path in sorted(repo.glob("*.promo.yaml")):
        name = str(path)
        text, _ = read_text(name, ctx.settings)
        store.store(name, text, packed_for(name))


class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def test_a_forged_pickle_with_a_valid_key_runs_nothing_and_is_a_miss(repo, monkeypatch, tmp_path):
    import pickle
    before = _rules(_lint(repo))
    marker = str(tmp_path / "pwned")
    _forge(repo, monkeypatch, lambda name: pickle.dumps(parallel.FileResult([_Evil(marker)], [])))
    calls = _count_loads(monkeypatch)
    after = _rules(_lint(repo))
    assert not os.path.exists(marker)
    assert after == before and len(calls) == 2  # linted again: no false green


def _clean_result(name):
    return parallel.pack(parallel.FileResult([], []))


def test_a_world_writable_cache_root_is_not_used(repo, monkeypatch, tmp_path, capsys):
    _lint(repo)
    _forge(repo, monkeypatch, _clean_result)  # "no findings", correctly signed
    (tmp_path / "cache").chmod(0o777)
    report = _lint(repo)
    assert "inverted-threshold" in {r for _, _, r in _rules(report)}
    err = capsys.readouterr().err
    assert "not using the cache" in err and "writable" in err


def test_a_group_writable_project_folder_is_not_used(repo, monkeypatch, tmp_path, capsys):
    _lint(repo)
    _forge(repo, monkeypatch, _clean_result)
    for folder in (tmp_path / "cache").iterdir():
        if folder.is_dir():
            folder.chmod(0o775)
    assert "inverted-threshold" in {r for _, _, r in _rules(_lint(repo))}
    assert "not using the cache" in capsys.readouterr().err


@pytest.mark.parametrize("key", [b"short", b"k" * 33])
def test_a_key_of_the_wrong_length_is_not_used(repo, tmp_path, capsys, key):
    (tmp_path / "cache").mkdir(mode=0o700)
    (tmp_path / "cache" / "key").write_bytes(key)
    (tmp_path / "cache" / "key").chmod(0o600)
    assert "inverted-threshold" in {r for _, _, r in _rules(_lint(repo))}
    assert "32-byte key" in capsys.readouterr().err


def test_a_key_readable_by_others_or_a_symlink_is_not_used(repo, tmp_path, capsys):
    _lint(repo)
    key = tmp_path / "cache" / "key"
    key.chmod(0o644)
    _lint(repo)
    assert "readable by others" in capsys.readouterr().err
    key.chmod(0o600)
    key.rename(tmp_path / "elsewhere")
    key.symlink_to(tmp_path / "elsewhere")
    assert "inverted-threshold" in {r for _, _, r in _rules(_lint(repo))}
    assert "32-byte key" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_root_or_key_of_another_user_is_not_used(repo, tmp_path, capsys):
    _lint(repo)
    key = tmp_path / "cache" / "key"
    os.chown(key, 65534, 65534)
    assert "inverted-threshold" in {r for _, _, r in _rules(_lint(repo))}
    assert "another user" in capsys.readouterr().err
    os.chown(key, 0, 0)
    os.chown(tmp_path / "cache", 65534, 65534)
    _lint(repo)
    assert "another user" in capsys.readouterr().err


def test_the_unpickler_loads_only_promolints_own_classes():
    import pickle

    from promolint.run import packing
    with pytest.raises(pickle.UnpicklingError):
        packing.loads(pickle.dumps(_Evil("/nonexistent/x")))
    with pytest.raises(pickle.UnpicklingError):
        packing.loads(pickle.dumps(os.system))


def test_a_cached_run_looks_prices_up_in_the_kept_table(repo, monkeypatch):
    """With the cache on, the price list is parsed once and then read from its signed
    table (source.prices_db): the findings are those of a run that parses it."""
    from promolint.source import prices as prices_mod
    (repo / "prices.csv").write_text("sku,currency,market_price,category\n"
                                     "A,CNY,100,x\nB,CNY,9.90,x\n")
    (repo / "promolint.toml").write_text('max_window_days = 31\nmarket_prices = "prices.csv"\n')
    (repo / "c.promo.yaml").write_text(PROMO.format(id="c", amount=20).replace(
        "benefit:\n  type: threshold_off\n  threshold: 200\n  amount: 20",
        "scope: {categories: [x]}\nbenefit: {type: fixed_price, price: 1}"))
    parsed = lint_paths([str(repo)], Settings(), cache=False, jobs=1)
    first = _lint(repo)
    parses = []
    real = prices_mod._checked
    monkeypatch.setattr(prices_mod, "_checked", lambda *a: parses.append(a) or real(*a))
    from promolint.source import prices_db
    monkeypatch.setattr(prices_db, "_checked", prices_mod._checked)
    warm = _lint(repo)
    assert parses == []  # not parsed again
    assert _rules(parsed) == _rules(first) == _rules(warm)
    assert "below-market" in {r for _, _, r in _rules(warm)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_untrusted_cache_warning_is_in_the_runs_language(repo, tmp_path, lang):
    """check --lang zh said it in English (the language was Context.lang, which check
    never set)."""
    import re
    from click.testing import CliRunner
    from promolint.cli import main
    (tmp_path / "cache").mkdir(mode=0o700)
    (tmp_path / "cache").chmod(0o777)
    done = CliRunner().invoke(main, ["check", "--lang", lang, str(repo)])
    [line] = [x for x in done.stderr.splitlines() if str(tmp_path / "cache") in x]
    assert bool(re.search(r"[\u4e00-\u9fff]", line)) == (lang == "zh"), line
    assert done.exit_code == 1  # linted without the cache: the inverted threshold is found
