"""`promolint rules`, `explain` and `schema`: the rule catalog and the JSON Schema."""
from __future__ import annotations

import sys

import click

from promolint.cli.main import EXIT_ERROR, main


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              help="markdown prints the README's rules table.")
def rules_cmd(fmt) -> None:
    """List every rule: code, name, default severity, summary."""
    from promolint.report.catalog import rules, rules_table
    if fmt == "markdown":
        click.echo(rules_table(), nl=False)
        return
    table = list(rules().values())
    width = max(len(rule.name) for rule in table)
    for rule in table:
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity:<8} {rule.summary}")


@main.command()
@click.argument("rule")
def explain(rule) -> None:
    """Show a rule's documentation, with a bad and a good example."""
    from promolint.report.catalog import lookup, rules
    from promolint.report.explain import explain_text
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
    from promolint.schema.validate import schema_text
    click.echo(schema_text(), nl=False)
