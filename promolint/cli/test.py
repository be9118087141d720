"""`promolint test [PATHS]`: run the promotion test cases (`*.cases.yaml`) under PATHS.

Exit codes as for check: 0 every case passed, 1 a case failed or a case file (or a
promotion) is invalid, 2 the tool could not run (bad options or config, no case file).
The command only gathers options and prints; promolint.cases does the work.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "formats", multiple=True, metavar="NAME[:FILE]",
              help="text (default) or junit; NAME:FILE writes that one to FILE "
                   "(e.g. --format text --format junit:promolint-cases.xml).")
@click.option("--promotions", type=click.Path(exists=True, file_okay=False),
              help="Folder of the promotions to test (default: the repository's: the config's "
                   "folder, else the git root).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: promolint.toml or pyproject.toml, searched upward).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Message language (default from LC_ALL / LC_MESSAGES / LANG).")
def test_cmd(paths, formats, promotions, config_path, lang) -> None:
    """Run the cases in *.cases.yaml files (default: under the current folder)."""
    from promolint.cases import report
    from promolint.cases.suite import run_suite
    from promolint.core.config import load_settings
    from promolint.report.messages import pick_lang, render
    lang = pick_lang(lang)
    targets = _targets(formats)
    paths = list(paths) or ["."]
    start = Path(promotions or paths[0]).resolve()
    settings = load_settings(start if start.is_dir() else start.parent, config_path)
    result = run_suite(paths, settings, promotions)
    if not result.files:
        click.echo(report.say("none", lang, paths=", ".join(paths)), err=True)
        sys.exit(2)
    loading = [report.say("promotions", lang, path=finding.path, line=finding.line,
                          column=finding.column, rule=finding.rule) + ": " + render(finding, lang)
               for finding in result.load_errors]
    if not any(name == "text" and file is None for name, file in targets):
        for line in loading:  # no text on stdout to carry them
            click.echo(line, err=True)
    for name, file in targets:
        shown = (report.junit(result.outcomes, result.problems, lang) if name == "junit" else
                 report.text(result.outcomes, result.problems, len(result.files), lang, loading))
        if file is None:
            click.echo(shown, nl=False)
        else:
            from promolint.report.outputs import replace_file  # never through a symlink
            replace_file(Path(file), shown)
    sys.exit(0 if result.ok else 1)


def _targets(formats) -> list[tuple[str, str | None]]:
    out = []
    for spec in formats or ("text",):
        name, _, file = spec.partition(":")
        if name not in ("text", "junit"):
            from promolint.cli.usage import BadValue
            raise BadValue(f"'{name}': use text or junit", param_hint="--format",
                           sentence="usage-test-format", value=name)
        out.append((name, file or None))
    return out
