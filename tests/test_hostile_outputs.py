"""What promolint writes and prints cannot be turned against its user (issue 12): output
files are never written through a symlink or hard link, and text from a promotion is
escaped in every format."""
from __future__ import annotations

import json
import os

import pytest

from tests.test_cli import INVERTED, repo, run  # noqa: F401  (fixture)


@pytest.fixture
def planted(repo):  # noqa: F811
    """A repository with a bad promotion and an output name that points outside it."""
    repo("a.promo.yaml", INVERTED.format(id="a"))
    victim = repo.root.parent / f"{repo.root.name}-victim"
    victim.write_text("precious\n")
    return repo, victim


@pytest.mark.parametrize("args, name", [
    (["check", "--format", "sarif:promolint.sarif", "."], "promolint.sarif"),
    (["check", "--format", "json", "-o", "out.json", "."], "out.json"),
    (["baseline", "-o", "base.json", "."], "base.json"),
])
def test_an_output_symlink_is_replaced_never_written_through(planted, args, name):
    repo, victim = planted
    (repo.root / name).symlink_to(victim)
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    assert victim.read_text() == "precious\n"
    assert not (repo.root / name).is_symlink()
    json.loads((repo.root / name).read_text())  # the report itself, complete


def test_an_output_hard_link_is_replaced_not_written_in_place(planted):
    repo, victim = planted
    os.link(victim, repo.root / "out.json")
    run("check", "--format", "json", "-o", "out.json", ".")
    assert victim.read_text() == "precious\n"
    assert "findings" in json.loads((repo.root / "out.json").read_text())


def test_an_output_that_is_a_folder_is_one_clear_line(planted):
    repo, _ = planted
    (repo.root / "out.json").mkdir()
    result = run("check", "--format", "sarif:out.json", ".")
    assert result.exit_code == 2 and "cannot write out.json" in result.output
    assert "internal error" not in result.output
    assert [p.name for p in repo.root.iterdir() if p.name.endswith(".tmp")] == []
