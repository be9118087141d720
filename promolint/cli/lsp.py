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
        click.echo(f"promolint: 'promolint lsp' needs pygls ({err}); install it with "
                   "pip install 'promolint[lsp]'", err=True)
        sys.exit(EXIT_ERROR)
    serve()
