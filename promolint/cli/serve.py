"""`promolint serve`: the marketer's page for a promotion repo (promolint.serve)."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("serve")
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="The page's first language (default from LC_ALL / LC_MESSAGES / LANG).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: promolint.toml or pyproject.toml, searched upward).")
def serve_cmd(path, port, no_browser, lang, config_path) -> None:
    """Open a local page to review PATH's promotions, edit a draft and see its money."""
    from promolint.report.messages import pick_lang
    from promolint.serve.repo import Repo
    from promolint.serve.server import serve_forever
    try:
        repo = Repo(path, config_path)
    except OSError as err:
        click.echo(f"promolint: {path}: {err.strerror or err}", err=True)
        sys.exit(2)
    try:
        serve_forever(repo, port, pick_lang(lang), open_browser=not no_browser,
                      say=lambda line: click.echo(line, err=False))
    except OSError as err:  # the port is taken
        click.echo(f"promolint: cannot listen on 127.0.0.1:{port}: {err.strerror or err}", err=True)
        sys.exit(2)
