"""A baseline file is input too (issue 12): any malformed value is one clear line and exit
2, never an internal error; a BOM is fine; matching does not depend on the working folder."""
from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import INVERTED, run

ENTRY = {"fingerprint": "0" * 20, "rule": "inverted-threshold", "path": "a.promo.yaml",
         "promotion": "a", "message": "m", "count": 1}


def _with(**changes) -> str:
    return json.dumps({"version": 1, "findings": [{**ENTRY, **changes}]})


@pytest.mark.parametrize("content", [
    _with(count=float("inf")), '{"version": 1, "findings": [{"count": 1e400}]}',
    _with(count=1.5), _with(count=True), _with(count="3"), _with(count=0),
    _with(rule=["inverted-threshold"]), _with(path={"a": 1}), _with(promotion=5),
    _with(skus="A"), '{"version": true, "findings": []}', '{"version": "1", "findings": []}',
    '{"version": 1.0, "findings": []}', '[1]', '{"version": 1, "findings": [7]}',
    '{"version": 1, "findings": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"version": 1, "findings": [{"count": ' + "9" * 5000 + "}]}",
])
def test_a_malformed_baseline_is_one_clean_line(repo, content):
    repo("a.promo.yaml", INVERTED.format(id="a"))
    (repo.root / "bad.json").write_text(content, encoding="utf-8")
    result = run("check", "--baseline", "bad.json", ".")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("promolint: bad.json: not a promolint baseline")


def test_a_bom_prefixed_baseline_is_read(repo):
    repo("a.promo.yaml", INVERTED.format(id="a"))
    assert run("baseline", "-o", "base.json", ".").exit_code == 0
    path = repo.root / "base.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run("check", "--baseline", "base.json", ".").exit_code == 0


def test_matching_does_not_depend_on_the_working_folder(repo, monkeypatch):
    import subprocess

    from tests.cli.test_cli import GOOD
    repo("promos/a.promo.yaml", GOOD.format(id="dup"))
    repo("promos/b.promo.yaml", GOOD.format(id="dup"))
    assert run("baseline", ".").exit_code == 0  # from the repository's root
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=a"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    (repo.root / "promos" / "b.promo.yaml").write_text(GOOD.format(id="dup") + "# edited\n")
    monkeypatch.chdir(repo.root / "promos")
    for args in (["."], ["a.promo.yaml", "b.promo.yaml"], ["--changed-since", "HEAD"]):
        result = run("check", "--baseline", "../.promolint-baseline.json", *args)
        assert result.exit_code == 0, (args, result.output)
