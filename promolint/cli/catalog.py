"""`promolint rules`, `explain` and `schema`: the rule catalog and the JSON Schema (for editors)."""
from __future__ import annotations

import sys

import click

from promolint.cli.main import EXIT_ERROR, main, run_lang


LANG_OPTION = click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
                           help="Language (default from LC_ALL / LC_MESSAGES / LANG).")


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              help="markdown prints the README's rules table; json one object per rule "
                   "(code, name, severity, summary in en and zh, fixable, url).")
@LANG_OPTION
def rules_cmd(fmt, lang) -> None:
    """List every rule: code, name, default severity, summary."""
    from promolint.report.catalog import rules, rules_table
    from promolint.report.explain import SEVERITY_ZH
    from promolint.report.vocabulary_doc import pad
    if fmt == "markdown":
        click.echo(rules_table(), nl=False)
        return
    if fmt == "json":
        click.echo(_rules_json(), nl=False)
        return
    lang = run_lang(lang)
    table = list(rules().values())
    width = max(len(rule.name) for rule in table)
    for rule in table:
        severity = SEVERITY_ZH[rule.severity] if lang == "zh" else rule.severity
        click.echo(f"{rule.code}  {rule.name:<{width}}  {pad(severity, 8)} {rule.text('summary', lang)}")


def _rules_json() -> str:
    import json

    from promolint.report.catalog import doc_url, rules
    from promolint.report.fixes import FIXABLE_RULES
    out = [{"code": r.code, "name": r.name, "severity": r.severity,
            "summary": {"en": r.summary, "zh": r.summary_zh or r.summary},
            "fixable": FIXABLE_RULES.get(r.name, "none"), "url": doc_url(r.name)}
           for r in rules().values()]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


@main.command()
@click.argument("rule")
@LANG_OPTION
def explain(rule, lang) -> None:
    """Show a rule's documentation, with a bad and a good example."""
    from promolint.report.catalog import lookup, rules
    from promolint.report.explain import explain_text
    from promolint.report.messages import ui
    lang = run_lang(lang)
    entry = lookup(rule)
    if entry is None:
        import difflib
        guess = difflib.get_close_matches(rule, list(rules()), n=1)
        key = "no-rule-hint" if guess else "no-rule"
        click.echo(ui(key, lang, rule=rule, hint=guess[0] if guess else ""), err=True)
        sys.exit(EXIT_ERROR)
    click.echo(explain_text(entry, lang))


@main.command("fields")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              help="markdown prints docs/vocabulary.md (both languages).")
@LANG_OPTION
def fields_cmd(fmt, lang) -> None:
    """The vocabulary: every audience field (type, meaning; with the fields of the
    promolint.toml found from here), every benefit type and its fields, every campaign
    and what its audience must require."""
    from promolint.report.vocabulary_doc import fields_text, vocabulary_doc
    if fmt == "markdown":
        click.echo(vocabulary_doc(), nl=False)
        return
    from promolint.core.config import load_settings
    click.echo(fields_text(run_lang(lang), load_settings().fields), nl=False)


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
