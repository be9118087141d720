"""The command line: gathers options, calls the library, picks a reporter.

Exit codes (spec section 7): 0 clean, 1 findings at or above --fail-on,
2 the tool could not do its job. Any unexpected exception is a bug: one line, exit 2.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from promolint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Group(click.Group):
    """Turns any internal exception into one line and exit 2."""

    def invoke(self, ctx):
        from promolint.config import ConfigError
        try:
            return super().invoke(ctx)
        except ConfigError as err:
            click.echo(f"promolint: {err}", err=True)
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as err:  # noqa: BLE001 - the contract: never a traceback
            click.echo(f"promolint: internal error: {type(err).__name__}: {err} "
                       "(this is a bug; please report it)", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="promolint")
def main() -> None:
    """promolint: stop dangerous promotion configurations before they ship."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
              help="Lowest severity that makes the exit code 1.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: promolint.toml or pyproject.toml, searched upward).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Message language (default from LANG / LC_ALL).")
def check(paths, fmt, fail_on, config_path, lang) -> None:
    """Lint promotion files and folders (default: the current folder)."""
    from promolint.config import load_settings
    from promolint.diagnostics import severity_rank
    from promolint.lint import lint_paths
    from promolint.messages import pick_lang
    from promolint.reporters import render
    settings = load_settings(explicit=config_path)
    report = lint_paths(list(paths) or ["."], settings)
    lang = pick_lang(lang)
    colour = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in __import__("os").environ
    click.echo(render(fmt, report, lang=lang, colour=colour), nl=False)
    worst = report.worst()
    failed = worst is not None and severity_rank(worst) >= severity_rank(fail_on)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@main.command("rules")
def rules_cmd() -> None:
    """List every rule: code, name, default severity, summary."""
    from promolint.catalog import rules
    for rule in rules().values():
        click.echo(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary}")


@main.command()
@click.argument("rule")
def explain(rule) -> None:
    """Show a rule's documentation, with a bad and a good example."""
    from promolint.catalog import lookup, rules
    from promolint.explain import explain_text
    entry = lookup(rule)
    if entry is None:
        import difflib
        guess = difflib.get_close_matches(rule, list(rules()), n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        click.echo(f"promolint: no rule named '{rule}'{hint}; see 'promolint rules'", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(explain_text(entry))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the YAML promotion format (for editors)."""
    from promolint.schema import schema_text
    click.echo(schema_text(), nl=False)
