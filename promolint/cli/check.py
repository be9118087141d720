"""`promolint check` and `promolint baseline`: lint paths, stdin or changed files, report."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from promolint.cli.main import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, gate_outputs, main, run_lang

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
        click.option("--changed", "hook", is_flag=True,
                     help="The PATHS are changed files, as pre-commit passes them: lint the "
                          "promotion files among them (a .yaml/.yml one only when it declares "
                          "apiVersion: promolint/v1) and, for a changed config or price list, "
                          "every promotion it can affect; other files are ignored. Implies "
                          "--context repo."),
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
@gate_outputs
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Fail only on findings not recorded in this baseline file.")
@click.option("--color", "--colour", "colour", type=click.Choice(["auto", "always", "never"]),
              default="auto", help="Colour text output (auto: on a terminal, unless NO_COLOR).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Worker processes, at most one per CPU (default 0 = auto: one per CPU for many "
                   "files on 4+ CPUs, else none; 1 = none).")
@click.option("--no-cache", is_flag=True,
              help="Do not reuse or store per-file results of unchanged files.")
@click.option("--select", multiple=True, metavar="RULE[,RULE]",
              help="Run only these rules (names or codes), instead of the config's select.")
@click.option("--extend-select", multiple=True, metavar="RULE[,RULE]",
              help="Add these rules to the config's select.")
@click.option("--ignore", multiple=True, metavar="RULE[,RULE]",
              help="Skip these rules, besides the config's ignore.")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes (what a Chinese input method typed where ASCII is "
                   "needed, a tab indent), then report what is left.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also the fixes that change money or meaning (the "
                   "满减 swap, a did-you-mean), where exactly one is offered.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff and write nothing (exit 1 when there is one).")
@click.option("--statistics", is_flag=True, help="Count the findings per rule instead of listing them.")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary, no notes.")
def check(paths, config_path, context, changed_since, hook, stdin_filename, lang, formats, output,
          fail_on, exit_zero, baseline_path, colour, jobs, no_cache, select, extend_select,
          ignore, fix, unsafe_fixes, show_diff, statistics, quiet) -> None:
    """Lint promotion files and folders (default: the current folder; '-' reads stdin)."""
    from promolint.cli import fixing
    from promolint.core.config import command_line
    from promolint.report import outputs
    from promolint.run.gc import fewer_collections
    lang = run_lang(lang)
    targets = outputs.parse(formats, output)  # bad --format fails before any work
    chosen = {"select": fixing.rule_names(select, "--select"),
              "extend_select": fixing.rule_names(extend_select, "--extend-select"),
              "ignore": fixing.rule_names(ignore, "--ignore")}
    with fewer_collections(), command_line(**chosen):  # every run and its output
        def lint():
            return _lint(paths, config_path, context, changed_since, stdin_filename, lang,
                         jobs=jobs, cache=not no_cache, hook=hook)
        report = lint()
        if fix or show_diff:
            report = fixing.apply_fixes(report, config_path, unsafe_fixes, show_diff, lang,
                                        quiet, relint=lint)
        stale = None
        if baseline_path is not None:
            report, stale = _apply_baseline(report, baseline_path, lang, targets)
        if statistics:  # instead of the findings on standard output; files as asked
            click.echo(fixing.statistics(report, lang), nl=False)
            targets = [t for t in targets if t.file is not None]
        outputs.write_all(targets, report, lang, colour, fail_on=fail_on, stale=stale,
                          quiet=quiet)
    _internal_errors(report)
    sys.exit(_exit_code(report, fail_on, exit_zero))


def _internal_errors(report) -> None:
    """Every file's findings are out; now the bugs met on the way: one line each, exit 2
    (a file promolint could not finish checking is not known to be safe)."""
    from promolint.core.diagnostics import printable
    for line in report.errors:  # names a file and an exception's text: escaped
        click.echo(f"promolint: {printable(line)} (this is a bug; please report it)", err=True)
    if report.errors:
        sys.exit(EXIT_ERROR)


@main.command()
@_shared
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(".promolint-baseline.json"), show_default=True,
              help="Where to write the baseline.")
def baseline(paths, config_path, context, changed_since, hook, stdin_filename, lang, output) -> None:
    """Record today's findings, so `check --baseline FILE` fails only on new ones."""
    from promolint.report.messages import ui
    from promolint.run import baseline as base
    from promolint.run.gc import fewer_collections
    lang = run_lang(lang)
    with fewer_collections():
        report = _lint(paths, config_path, context, changed_since, stdin_filename, lang, hook=hook)
        _internal_errors(report)  # a baseline of a half-checked repo would hide findings
        count = base.write(report.findings, output)
    click.echo(ui("baseline-written", lang, count=count, path=output), err=True)


def _lint(paths, config_path, context, changed_since, stdin_filename, lang, jobs=None,
          cache=False, hook=False):
    """The Report for what the options ask: paths, stdin or changed files, with context."""
    from promolint.core.config import load_settings
    from promolint.run.lint import lint_paths
    settings = load_settings(explicit=config_path)
    texts = None
    if paths == ("-",):
        name = stdin_filename or "<stdin>"
        from promolint.source.files import read_stream
        text, problem = read_stream(name, sys.stdin.buffer, settings)
        if problem is not None:  # too large, not UTF-8, binary: a finding, as for a file
            return _unread(problem, settings)
        texts, paths = {name: text}, (name,)
    elif "-" in paths:
        from promolint.cli.usage import Misuse
        raise Misuse("'-' (stdin) must be the only path", sentence="usage-stdin-alone")
    elif any(not os.path.lexists(p) for p in paths):  # a typo: the run could not do its job
        from promolint.report.messages import ui
        missing = [p for p in paths if not os.path.lexists(p)]
        click.echo(ui("no-such-path", lang, paths=", ".join(missing)), err=True)
        sys.exit(EXIT_ERROR)
    elif changed_since is not None:  # "" too: refused by name, never "lint everything"
        paths = tuple(_changed(changed_since, paths, settings, lang, jobs, cache))
        if not paths:
            from promolint.run.lint import Report
            return Report()
    elif hook:  # what pre-commit staged: nothing promolint reads is a quiet 0
        from promolint.run.inputs import sort_out
        named = [n for p in paths for n in
                 (discover_files([p], settings) if os.path.isdir(p) else [p])]
        paths = tuple(_with_inputs(sort_out(named), settings, "HEAD", True, jobs, cache, lang))
        if not paths:
            from promolint.run.lint import Report
            return Report()
    root = _context_root(context, settings,
                         default=bool(texts or changed_since is not None or hook))
    if root is None:  # the piped text is what is linted, never the file of that name
        report = lint_paths(list(paths) or ["."], settings, jobs=jobs, cache=cache, texts=texts,
                            lang=lang)
    else:
        from promolint.run import changed
        from promolint.source import discover  # git and context mode only: not every run
        files = list(texts) if texts else discover.find_files(list(paths) or ["."], settings)
        report = changed.lint_in_context(files, settings, root, texts, jobs=jobs, cache=cache,
                                         lang=lang)
    report.texts = texts or {}  # suggested fixes are made on the piped text, not the file
    if not report.files:  # 0 files checked is not "safe": exit 2, as eslint and mypy do
        from promolint.report.messages import ui
        from promolint.source import discover
        if discover.all_excluded(list(paths), settings):  # the config's choice: nothing to do
            click.echo(ui("all-excluded", lang), err=True)
            return report
        click.echo(ui("no-files", lang, paths=", ".join(paths or (".",))), err=True)
        sys.exit(EXIT_ERROR)
    return report


def _unread(problem, settings):
    """The Report for input that could not be read: its one finding, with the policy
    (severity) applied as to any other."""
    from promolint.run.lint import Report, make_context
    from promolint.run.policy import apply_policy
    findings = apply_policy([problem], [], make_context(settings), files=[problem.path], texts={})
    return Report(findings=findings, files=[problem.path])


def _context_root(context, settings, default: bool):
    choice = context or ("repo" if default else "none")
    if choice == "none":
        return None
    if choice == "repo":  # none found (no config, no git): no context, not the whole cwd
        from promolint.run import changed
        return changed.context_root(settings)
    if not Path(choice).is_dir():
        from promolint.cli.usage import BadValue
        raise BadValue(f"'{choice}' is not repo, none or a folder", param_hint="--context",
                       sentence="usage-context", value=choice)
    return Path(choice)


def _changed(ref, paths, settings, lang, jobs, cache) -> list[str]:
    from promolint.report.messages import ui
    from promolint.run import changed
    from promolint.run.inputs import sort_out
    names, base = changed.changed_names(ref)
    under = [os.path.abspath(p) for p in paths]
    found = sort_out(names)
    if under:  # paths narrow the promotion files; a changed config or price list counts
        found.promotions = [n for n in found.promotions
                            if any(_inside(os.path.abspath(n), u) for u in under)]
    names = _with_inputs(found, settings, base, False, jobs, cache, lang)
    if under:
        names = [n for n in names if any(_inside(os.path.abspath(n), u) for u in under)]
    if not names:
        click.echo(ui("no-changed", lang, ref=ref), err=True)
    return names


def discover_files(paths, settings) -> list[str]:
    from promolint.source import discover
    return discover.find_files(paths, settings)


def _with_inputs(found, settings, rev, strict, jobs, cache, lang="en") -> list[str]:
    """The changed promotion files, and those a changed config or price list can
    affect (promolint.run.inputs), compared with their versions at git `rev`."""
    from promolint.run import changed, inputs
    if not found.configs and not found.others:
        return found.promotions
    root = changed.context_root(settings) or Path.cwd()
    old = inputs.OldVersions(rev, Path.cwd(), strict)
    return list(dict.fromkeys(found.promotions + inputs.affected(found, settings, root, old,
                                                                 jobs=jobs, cache=cache, lang=lang)))


def _inside(name: str, folder: str) -> bool:
    return name == folder or name.startswith(folder.rstrip(os.sep) + os.sep)


def _apply_baseline(report, path, lang, targets):
    """Mark baselined findings; note fixed entries on stderr unless text shows them."""
    from promolint.report.messages import ui
    from promolint.run import baseline as base
    report.findings, stale = base.apply(report.findings, base.load(path), path, report.files)
    shows_stale = any(t.format == "text" and t.file is None for t in targets)
    if stale and not shows_stale:
        click.echo(ui("baseline-stale", lang, count=sum(e.count for e in stale)), err=True)
        for entry in stale:
            click.echo(ui("baseline-stale-item", lang, path=entry.path, rule=entry.rule,
                          promotion=entry.promotion or ""), err=True)
    return report, stale


def _exit_code(report, fail_on: str, exit_zero: bool) -> int:
    from promolint.report.formats.common import fails
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(fails(d, fail_on) for d in report.findings) else EXIT_CLEAN
