"""`promolint diff [BASE] [PATHS]`: what a change to the promotions does to money.

BASE is a git ref (default: the merge base of HEAD with the default branch), compared
with the working tree; or name two folders or files to compare them. The command only
gathers options and prints; promolint.diff does the work. Exit 0 when no promotion's
grade reaches --fail-on-grade, 1 when one does, 2 when the diff could not be made.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

FAIL_LEVELS = ("P0", "P1", "P2", "P3", "none")


@click.command("diff")
@click.argument("args", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              help="markdown: a pull-request comment (a short table, details folded).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the output to FILE instead of standard output.")
@click.option("--fail-on-grade", type=click.Choice(FAIL_LEVELS), default="P0", show_default=True,
              help="Exit 1 when a promotion's risk grade is this or worse (P0 is the worst).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: promolint.toml or pyproject.toml, searched upward).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language (default from LC_ALL / LC_MESSAGES / LANG).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Worker processes for linting both sides (default 0 = auto; 1 = none).")
@click.option("--no-cache", is_flag=True,
              help="Do not reuse or store per-file results (a file unchanged since BASE is "
                   "otherwise linted once).")
def diff_cmd(args, fmt, output, fail_on_grade, config_path, lang, jobs, no_cache) -> None:
    """Compare the promotions at BASE (a git ref, default the merge base with the default
    branch) with the working tree, or two folders/files, in words and in money."""
    from promolint.core.config import load_settings
    from promolint.diff.compare import compare
    from promolint.diff.render import RENDERERS
    from promolint.run.gc import fewer_collections
    from promolint.run.cache import open_cache
    from promolint.run.lint import make_context
    from promolint.report.messages import pick_lang
    lang = pick_lang(lang)
    args = list(args)
    start = Path(args[-1] if args and os.path.exists(args[-1]) else ".").resolve()
    settings = load_settings(start if start.is_dir() else start.parent, config_path)
    ctx = make_context(settings)
    run = {"jobs": jobs, "cache": None if no_cache else open_cache(ctx, lang)}
    with fewer_collections():
        before, after = _sides(args, settings, ctx, lang, run)
        report = compare(before, after, ctx, lang, before_ctx=before.ctx)
    from promolint.core.diagnostics import json_safe, printable_lines
    shown = RENDERERS[fmt](report, lang, settings.max_below_market)
    shown = json_safe(shown) if fmt == "json" else printable_lines(shown)  # promotion text
    if output is not None:
        from promolint.report.outputs import replace_file  # never through a symlink
        replace_file(output, shown)
    else:
        click.echo(shown, nl=False)
    from promolint.core.diagnostics import printable
    for error in before.errors + after.errors:  # as check: reported last, and exit 2
        click.echo(f"promolint: {printable(error)}", err=True)
    sys.exit(2 if before.errors or after.errors else _exit(report.level, fail_on_grade))


def _sides(args: list[str], settings, ctx, lang: str, run: dict):
    from promolint.diff import sides
    from promolint.diff.words import say
    head = say("working_tree", lang)
    if len(args) == 2 and all(os.path.exists(a) for a in args):
        return (sides.worktree([args[0]], settings, ctx, args[0], _base(args[0]), **run),
                sides.worktree([args[1]], settings, ctx, args[1], _base(args[1]), **run))
    cwd = Path.cwd()
    if args and not os.path.exists(args[0]):
        if sides.resolve(args[0], cwd) is None:
            from promolint.cli.usage import BadValue
            raise BadValue(f"'{args[0]}' is neither a path nor a git ref", param_hint="BASE",
                           sentence="usage-diff-base", value=args[0])
        ref, paths = args[0], args[1:] or ["."]
        label = ref
    else:
        ref, paths = sides.default_base(cwd), args or ["."]
        label = ref[:12]
    old_ctx = sides.inputs_at(ref, settings, ctx, cwd)  # the config and prices at the ref
    run_old = run if old_ctx is ctx else dict(run, cache=None)  # the cache: today's inputs
    before = sides.at_ref(ref, paths, settings, old_ctx, cwd, **run_old)
    before.ctx = old_ctx
    before.label = label
    return before, sides.worktree(paths, settings, ctx, head, **run)


def _base(path: str) -> str:
    return path if os.path.isdir(path) else os.path.dirname(path) or "."


def _exit(level: int | None, fail_on: str) -> int:
    if level is None or fail_on == "none":
        return 0
    return 1 if level <= FAIL_LEVELS.index(fail_on) else 0
