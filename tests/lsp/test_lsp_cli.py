"""`promolint lsp` without pygls (the optional `lsp` extra): a clear message, exit 2."""
from __future__ import annotations

import sys

from click.testing import CliRunner

from promolint.cli import main


def test_missing_pygls_is_explained(monkeypatch):
    for name in [n for n in sys.modules if n == "pygls" or n.startswith(("pygls.", "promolint.lsp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls -> ImportError
    result = CliRunner().invoke(main, ["lsp"], env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 2
    # an install command that works today (promolint is not on PyPI: README, Installing)
    assert "pip install '.[lsp]'" in result.stderr and "promolint[lsp]" not in result.stderr
    said = CliRunner().invoke(main, ["lsp"], env={"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert said.exit_code == 2 and "需要 pygls" in said.stderr
