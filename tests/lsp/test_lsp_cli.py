"""`promolint lsp` without pygls (the optional `lsp` extra): a clear message, exit 2."""
from __future__ import annotations

import sys

from click.testing import CliRunner

from promolint.cli import main


def test_missing_pygls_is_explained(monkeypatch):
    for name in [n for n in sys.modules if n == "pygls" or n.startswith(("pygls.", "promolint.lsp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls -> ImportError
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert "pip install 'promolint[lsp]'" in result.stderr
