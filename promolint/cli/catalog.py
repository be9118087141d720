"""`promolint rules`, `explain` and `schema`: the rule catalog and the JSON Schema (for editors)."""
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
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of the descriptions (default from LC_ALL / LC_MESSAGES / LANG).")
@click.option("--plain", is_flag=True, help="The validation schema alone, without descriptions.")
def schema(lang, plain) -> None:
    """Print the JSON Schema of the YAML promotion format, for editors: a title and a
    description on every field, the allowed values and their meaning, the audience fields
    (with the fields of the promolint.toml found from here)."""
    if plain:
        from promolint.schema.validate import schema_text
        click.echo(schema_text(), nl=False)
        return
    from promolint.core.config import load_settings
    from promolint.report.editor_schema import editor_schema_text
    from promolint.report.messages import pick_lang
    click.echo(editor_schema_text(pick_lang(lang), load_settings().fields), nl=False)
