"""Only a real comment is a suppression: `# promolint: ignore` inside a YAML scalar or a
DSL string is text (issue 12), in both syntaxes alike."""
from __future__ import annotations

import pytest

from promolint.run.suppress import scan

RULES = {"inverted-threshold", "below-market"}
IGNORE = '# promolint: ignore inverted-threshold reason="FIN-1"'


def _targets(name: str, text: str) -> list[int]:
    return [item.target_line for item in scan(name, text, RULES)]


@pytest.mark.parametrize("text", [
    f"owner: |\n  {IGNORE}\nbenefit: x\n",              # a literal block scalar
    f"owner: >\n  folded text\n  {IGNORE}\nbenefit: x\n",  # a folded one
    f"owner: '{IGNORE}'\nbenefit: x\n",                   # single-quoted
    f'owner: "text\n  {IGNORE.replace(chr(34), chr(39))}"\nbenefit: x\n',  # a quoted string over lines
    f"name: plain text\n  continued\nowner: |-\n  a\n\n  {IGNORE}\n",
])
def test_yaml_scalar_text_is_not_a_suppression(text):
    assert _targets("a.promo.yaml", text) == []


def test_yaml_real_comments_still_count():
    text = f"owner: |\n  text\n{IGNORE}\nbenefit: x  {IGNORE}\n"
    assert _targets("a.promo.yaml", text) == [4, 4]


def test_yaml_after_a_syntax_error_nothing_is_trusted():
    """An unterminated quoted scalar swallows the rest: a marker there is its text."""
    assert _targets("a.promo.yaml", f"{IGNORE}\na: 'unclosed\n{IGNORE}\nb: 1\n") == [2]


@pytest.mark.parametrize("text", [
    f'promotion a "{IGNORE.replace(chr(34), chr(39))}" {{\n  benefit spend 200 save 50\n}}\n',
    f'promotion a "A" {{\n  owner "x {IGNORE.replace(chr(34), "")}"\n  benefit spend 1 save 2\n}}\n',
    f"promotion a \"A\" {{\n  audience user.id == '{IGNORE.replace(chr(34), '')}'\n}}\n",
])
def test_dsl_string_text_is_not_a_suppression(text):
    assert _targets("a.promo", text) == []


def test_dsl_real_comments_still_count():
    text = f'promotion a "A # not a comment" {{  {IGNORE}\n  {IGNORE}\n  benefit spend 1 save 2\n}}\n'
    assert _targets("a.promo", text) == [1, 3]


def test_a_block_scalar_suppression_does_not_hide_a_finding(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from promolint.cli import main
    from tests.cli.test_cli import INVERTED
    monkeypatch.chdir(tmp_path)
    text = INVERTED.format(id="a").replace("benefit:", f"owner: |\n  {IGNORE}\nbenefit:")
    (tmp_path / "a.promo.yaml").write_text(text)
    result = CliRunner().invoke(main, ["check", "--format", "json", "a.promo.yaml"])
    assert result.exit_code == 1 and '"inverted-threshold"' in result.stdout
