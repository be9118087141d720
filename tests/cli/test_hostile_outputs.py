"""What promolint writes and prints cannot be turned against its user (issue 12): output
files are never written through a symlink or hard link, and text from a promotion is
escaped in every format."""
from __future__ import annotations

import json
import os

import pytest

from tests.cli.test_cli import INVERTED, run


@pytest.fixture
def planted(repo):
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


# --- Text from a promotion is escaped in every format ---

FORGED = "SKU\\n::error file=README.md,line=1::forged\\u001b]0;owned\\u0007\\u202e\\r"


def _evil(ident: str) -> str:
    return INVERTED.format(id=ident).replace("limits:", f'scope: {{skus: ["{FORGED}"]}}\nlimits:')

RAW = ("\x1b", "\x07", "\u202e", "\r")


@pytest.fixture
def evil(repo):
    repo("promolint.toml", 'market_prices = "prices.csv"\n')
    repo("prices.csv", "sku,currency,market_price\nOTHER,CNY,10\n")
    repo("a.promo.yaml", _evil("a"))
    repo("::warning::b.promo.yaml", _evil("b"))
    return repo


def _no_raw(text: str, github: bool = False) -> None:
    """No control character, and no line a GitHub runner would read as a command
    (the runner strips leading blanks), except the github format's own, one a finding."""
    for bad in RAW:
        assert bad not in text, bad
    for line in text.splitlines():
        if github:
            assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        else:
            assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "json", "sarif", "gitlab"])
def test_promotion_text_is_escaped(evil, fmt):
    result = run("check", "--format", fmt, "--color", "always", ".")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "unpriced-sku" in out or fmt == "gitlab" and "unpriced" in out
    _no_raw(out.replace("\033[", "<CSI>") if fmt == "text" else out, fmt == "github")
    if fmt == "junit":
        from xml.etree import ElementTree
        ElementTree.fromstring(out.encode("utf-8"))  # valid XML
    elif fmt not in ("text", "github"):
        json.loads(out)
    assert "\\x1b" in out or "\\\\x1b" in out  # shown, escaped


def test_the_escape_keeps_text_readable():
    from promolint.core.diagnostics import printable, printable_path
    assert printable("满 200 减 50 · ok") == "满 200 减 50 · ok"
    assert printable("a\nb\x1b\u2028\ud800") == "a\\nb\\x1b\\u2028\\ud800"
    assert printable_path("::error::x.promo") == "./::error::x.promo"


def test_a_witness_is_escaped():
    from decimal import Decimal

    from promolint.core.diagnostics import Witness, WitnessLine
    from promolint.report.witness_text import describe
    witness = Witness((WitnessLine("A\n::error::x\x1b", 1, Decimal(1)),), (("user.id", "\x07"),),
                      Decimal(0))
    for lang in ("en", "zh"):
        _no_raw(describe(witness, lang))


def test_a_config_error_is_escaped(repo):
    repo("promolint.toml", '"bad\\u001b[2Jkey\\n::error::x" = 1\n')
    result = run("check", ".")
    assert result.exit_code == 2
    _no_raw(result.output)


def test_diff_and_eval_output_is_escaped(evil, tmp_path):
    """The diff and eval commands print promotion text too (SKUs, names)."""
    import subprocess
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=a"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    evil("c.promo.yaml", _evil("c"))
    for fmt in ("text", "markdown", "json"):
        result = run("diff", "HEAD", "--format", fmt)
        assert result.exit_code in (0, 1), result.output
        _no_raw(result.stdout)
        if fmt == "json":
            json.loads(result.stdout)
    result = run("eval", "a.promo.yaml", "--exposure")
    _no_raw(result.stdout)
