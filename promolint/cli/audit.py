"""`promolint audit`: check promotions where they live (rows in files, or a shop's
database through its adapter). A thin shell over promolint.audit."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from promolint.cli.main import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, gate_outputs, run_lang

FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab")


@click.command("audit")
@click.argument("source")
@click.option("--prices", "prices_path", metavar="FILE",
              help="Price table for row files: Parquet, CSV or JSON Lines (tenant, sku, currency, "
                   "market_price, category).")
@click.option("--shop", metavar="NAME",
              help="The shop adapter of a database (default: guessed from its tables), or a .py "
                   "file of your own adapter.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: promolint.toml or pyproject.toml, searched upward).")
@click.option("--format", "formats", multiple=True, metavar="NAME[:FILE]",
              help="Output format: " + ", ".join(FORMATS) + "; repeat it, NAME:FILE writes to FILE.")
@gate_outputs
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings not recorded in this baseline (a nightly audit: what is new).")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record today's findings in FILE for later --baseline runs.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Message language (default from LC_ALL / LC_MESSAGES / LANG).")
def audit_cmd(source, prices_path, shop, config_path, formats, output, fail_on, exit_zero,
              baseline_path, write_baseline, lang) -> None:
    """Audit promotion rows: a Parquet, CSV or JSON Lines file or folder (with --prices),
    or a shop's database: mysql://user[:password]@host[:port]/db (read-only)."""
    from promolint.audit import command
    from promolint.core.config import load_settings
    from promolint.report.messages import ui
    lang = run_lang(lang)
    targets = command.outputs(formats, output)
    settings = load_settings(explicit=config_path)
    report, problems, columns = command.gather(source, prices_path, shop, settings)
    stale = None
    if baseline_path is not None:
        stale = command.apply_baseline(report, baseline_path)
    command.write(targets, report, lang, fail_on=fail_on, stale=stale, columns=columns)
    if write_baseline is not None:
        count = command.write_baseline(report, write_baseline)
        click.echo(ui("audit-baseline-written", lang, count=count, path=write_baseline), err=True)
    _stop(report, problems, lang)
    if exit_zero:
        sys.exit(EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if command.fails(report, fail_on) else EXIT_CLEAN)


def _stop(report, problems, lang) -> None:
    """After every finding is out: what kept the audit from checking everything, one
    located line each, exit 2 (a partly read database is not known to be safe)."""
    from promolint.core.diagnostics import printable
    from promolint.report.messages import config_error
    for err in problems:
        click.echo(f"promolint: {printable(config_error(err, lang))}", err=True)
    for line in report.errors:
        click.echo(f"promolint: {printable(line)} (this is a bug; please report it)", err=True)
    if problems or report.errors:
        sys.exit(EXIT_ERROR)
