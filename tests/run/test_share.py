"""lint_files makes equal value fields of promotions one object (memory), and only
fields whose equal values print the same (a window in another zone does not)."""
from __future__ import annotations

from promolint.core.config import Settings
from promolint.run.lint import lint_files, make_context, share
from promolint.run.load import load_file
from tests.cli.test_cli import GOOD


def _promos(ident: str, start: str = "2026-11-11T00:00:00+08:00"):
    text = GOOD.format(id=ident).replace("2026-11-11T00:00:00+08:00", start) \
        + "scope: {skus: [A, B]}\nstacking: stackable\n"
    promos, problems = load_file(f"{ident}.promo.yaml", Settings(), text)
    assert promos and not problems
    return promos


def test_equal_scopes_and_stacking_are_one_object():
    a, b = _promos("a")[0], _promos("b")[0]
    assert a.scope == b.scope and a.scope is not b.scope
    table: dict = {}
    share([a], table)
    share([b], table)
    assert a.scope is b.scope and a.stacking is b.stacking and a.currency is b.currency


def test_a_window_equal_in_another_zone_is_kept():
    a = _promos("a")[0]
    b = _promos("b", "2026-11-10T16:00:00Z")[0]
    assert a.window.start == b.window.start
    table: dict = {}
    share([a], table)
    share([b], table)
    assert b.window.start.isoformat() == "2026-11-10T16:00:00+00:00"


def test_a_run_reports_the_same_with_shared_values(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for ident in ("a", "b", "a2"):
        (tmp_path / f"{ident}.promo.yaml").write_text(
            GOOD.format(id="a" if ident == "a2" else ident) + "scope: {skus: [A]}\n")
    files = sorted(str(p.name) for p in tmp_path.glob("*.promo.yaml"))
    ctx = make_context(Settings())
    shared = lint_files(files, ctx, jobs=1)
    import promolint.run.lint as lint
    monkeypatch.setattr(lint, "share", lambda promos, table: promos)
    plain = lint_files(files, ctx, jobs=1)
    assert [(d.path, d.rule, d.args) for d in shared.findings] == \
        [(d.path, d.rule, d.args) for d in plain.findings]
    assert any(d.rule == "duplicate-id" for d in shared.findings)
