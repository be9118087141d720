"""`promolint lsp`: the language server (promolint.lsp) on stdin/stdout, for editors."""
from __future__ import annotations

import sys

import click

from promolint.cli.main import EXIT_ERROR, main


@main.command()
def lsp() -> None:
    """Run the language server on stdin/stdout (for editors; needs the lsp extra)."""
    try:
        from promolint.lsp.server import main as serve
    except ImportError as err:  # pygls is the optional `lsp` extra
        from promolint.cli.main import run_lang
        from promolint.report.messages import ui
        click.echo(ui("lsp-needs-pygls", run_lang(None), problem=str(err)), err=True)
        sys.exit(EXIT_ERROR)
    serve()
