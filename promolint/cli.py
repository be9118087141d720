"""The command line: gathers options, calls the library, picks a reporter.

Exit codes (spec section 7): 0 clean, 1 findings at or above --fail-on,
2 the tool could not do its job. Any unexpected exception is a bug: one line, exit 2.
"""
from __future__ import annotations

import os
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
        except BrokenPipeError:  # `promolint rules | head`: the reader left, not a bug
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FINDINGS)
        except Exception as err:  # noqa: BLE001 - the contract: never a traceback
            click.echo(f"promolint: internal error: {type(err).__name__}: {err} "
                       "(this is a bug; please report it)", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="promolint")
def main() -> None:
    """promolint: stop dangerous promotion configurations before they ship."""


FORMAT_HELP = ("Output format: text, json, sarif, junit, github, gitlab. Repeat it for "
               "several formats in one run; NAME:FILE writes that one to FILE "
               "(e.g. --format text --format sarif:promolint.sarif).")


def _shared(func):
    """Options `check` and `baseline` share."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Config file (default: promolint.toml or pyproject.toml, searched upward)."),
        click.option("--context", "context", default=None, metavar="repo|none|DIR",
                     help="Lint the named files with every promotion under DIR (repo: the config's "
                          "folder or the git root) as context for cross-file rules; findings are "
                          "reported for the named files only. Default: repo with --changed-since "
                          "and stdin, else none."),
        click.option("--changed-since", metavar="REF",
                     help="Lint only promotion files changed since the git REF (and untracked), "
                          "with the rest of the repo as context."),
        click.option("--stdin-filename", metavar="NAME",
                     help="With '-' as the path: the name of the text read from stdin."),
        click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
                     help="Message language (default from LC_ALL / LC_MESSAGES / LANG)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@_shared
@click.option("--format", "formats", multiple=True, metavar="NAME[:FILE]", help=FORMAT_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the output to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
              help="Lowest severity that makes the exit code 1 (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Fail only on findings not recorded in this baseline file.")
@click.option("--color", "--colour", "colour", type=click.Choice(["auto", "always", "never"]),
              default="auto", help="Colour text output (auto: on a terminal, unless NO_COLOR).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Worker processes (default 0 = auto: one per CPU for many files; 1 = none).")
@click.option("--no-cache", is_flag=True,
              help="Do not reuse or store per-file results of unchanged files.")
def check(paths, config_path, context, changed_since, stdin_filename, lang, formats, output,
          fail_on, exit_zero, baseline_path, colour, jobs, no_cache) -> None:
    """Lint promotion files and folders (default: the current folder; '-' reads stdin)."""
    from promolint.lint import fewer_collections
    from promolint.messages import pick_lang
    from promolint.reporters import outputs
    lang = pick_lang(lang)
    targets = outputs.parse(formats, output)  # bad --format fails before any work
    with fewer_collections():  # every run (context, stdin, changed-since) and its output
        report = _lint(paths, config_path, context, changed_since, stdin_filename, lang,
                       jobs=jobs, cache=not no_cache)
        stale = None
        if baseline_path is not None:
            report, stale = _apply_baseline(report, baseline_path, lang, targets)
        outputs.write_all(targets, report, lang, colour, fail_on=fail_on, stale=stale)
    sys.exit(_exit_code(report, fail_on, exit_zero))


@main.command()
@_shared
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(".promolint-baseline.json"), show_default=True,
              help="Where to write the baseline.")
def baseline(paths, config_path, context, changed_since, stdin_filename, lang, output) -> None:
    """Record today's findings, so `check --baseline FILE` fails only on new ones."""
    from promolint import baseline as base
    from promolint.lint import fewer_collections
    from promolint.messages import pick_lang, ui
    lang = pick_lang(lang)
    with fewer_collections():
        report = _lint(paths, config_path, context, changed_since, stdin_filename, lang)
        count = base.write(report.findings, output)
    click.echo(ui("baseline-written", lang, count=count, path=output), err=True)


def _lint(paths, config_path, context, changed_since, stdin_filename, lang, jobs=None,
          cache=False):
    """The Report for what the options ask: paths, stdin or changed files, with context."""
    from promolint.config import load_settings
    from promolint.lint import lint_paths
    settings = load_settings(explicit=config_path)
    texts = None
    if paths == ("-",):
        name = stdin_filename or "<stdin>"
        texts, paths = {name: _read_stdin(name)}, (name,)
    elif "-" in paths:
        raise click.UsageError("'-' (stdin) must be the only path")
    elif changed_since:
        paths = tuple(_changed(changed_since, paths, lang))
        if not paths:
            from promolint.lint import Report
            return Report()
    root = _context_root(context, settings, default=bool(texts or changed_since))
    if root is None:
        return lint_paths(list(paths) or ["."], settings, jobs=jobs, cache=cache)
    from promolint import changed, discover  # git and context mode only: not every run
    files = list(texts) if texts else discover.find_files(list(paths) or ["."], settings)
    return changed.lint_in_context(files, settings, root, texts, jobs=jobs, cache=cache)


def _context_root(context, settings, default: bool):
    choice = context or ("repo" if default else "none")
    if choice == "none":
        return None
    if choice == "repo":
        from promolint import changed
        return changed.context_root(settings)
    if not Path(choice).is_dir():
        raise click.BadParameter(f"'{choice}' is not repo, none or a folder", param_hint="--context")
    return Path(choice)


def _changed(ref, paths, lang) -> list[str]:
    from promolint import changed
    from promolint.messages import ui
    names = changed.changed_files(ref)
    under = [os.path.abspath(p) for p in paths]
    if under:
        names = [n for n in names if any(_inside(os.path.abspath(n), u) for u in under)]
    if not names:
        click.echo(ui("no-changed", lang, ref=ref), err=True)
    return names


def _inside(name: str, folder: str) -> bool:
    return name == folder or name.startswith(folder.rstrip(os.sep) + os.sep)


def _read_stdin(name: str) -> str:
    from promolint.lint import decode
    data = sys.stdin.buffer.read()
    text, problem = decode(name, data)
    return data.decode("utf-8", errors="replace") if problem else text


def _apply_baseline(report, path, lang, targets):
    """Mark baselined findings; note fixed entries on stderr unless text shows them."""
    from promolint import baseline as base
    from promolint.messages import ui
    report.findings, stale = base.apply(report.findings, base.load(path), path, report.files)
    shows_stale = any(t.format == "text" and t.file is None for t in targets)
    if stale and not shows_stale:
        click.echo(ui("baseline-stale", lang, count=sum(e.count for e in stale)), err=True)
        for entry in stale:
            click.echo(ui("baseline-stale-item", lang, path=entry.path, rule=entry.rule,
                          promotion=entry.promotion or ""), err=True)
    return report, stale


def _exit_code(report, fail_on: str, exit_zero: bool) -> int:
    from promolint.reporters.common import fails
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(fails(d, fail_on) for d in report.findings) else EXIT_CLEAN


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              help="markdown prints the README's rules table.")
def rules_cmd(fmt) -> None:
    """List every rule: code, name, default severity, summary."""
    from promolint.catalog import rules, rules_table
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

from promolint.cli_eval import eval_cmd  # noqa: E402 - registered last: the eval command
main.add_command(eval_cmd)
