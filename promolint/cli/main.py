"""The command group: the version option, and any unexpected exception as one line.

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
LANG_KEY = "promolint.lang"  # in click's ctx.meta (shared by the command's contexts)


def run_lang(explicit: str | None) -> str:
    """The run's language (--lang, else the environment), remembered for error lines."""
    from promolint.report.messages import pick_lang
    lang = pick_lang(explicit)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.meta[LANG_KEY] = lang
    return lang


def usage_lang(meta: dict, argv) -> str:
    """The language of a usage error: the run's, once a command decided it, else
    `--lang` as the command line gives it, else the environment's (as `pick_lang`)."""
    from promolint.cli.usage import argv_lang
    from promolint.report.messages import pick_lang
    return meta.get(LANG_KEY) or pick_lang(argv_lang(argv))


class Group(click.Group):
    """Turns any internal exception into one line and exit 2, and says usage errors in
    the run's language (promolint/cli/usage.py)."""

    def make_context(self, info_name, args, parent=None, **extra):
        from promolint.cli.usage import ARGV_KEY, translated
        argv = list(args)
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as err:  # the group's own options (`promolint --bogus`)
            meta = err.ctx.meta if err.ctx is not None else {}
            meta[ARGV_KEY] = argv
            said = translated(err, usage_lang(meta, argv), info_name)
            if said is err:  # English: click's own text
                raise
            raise said from err
        ctx.meta[ARGV_KEY] = argv
        return ctx

    def invoke(self, ctx):
        import warnings

        from promolint.core.config import ConfigError
        from promolint.core.diagnostics import printable
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning(ctx)
                return super().invoke(ctx)
        except click.UsageError as err:  # the command's name, options, arguments and values
            from promolint.cli.usage import ARGV_KEY, translated
            path = " ".join(filter(None, (ctx.command_path, ctx.invoked_subcommand)))
            said = translated(err, usage_lang(ctx.meta, ctx.meta.get(ARGV_KEY, ())), path)
            if said is err:  # English: click's own text
                raise
            raise said from err
        except ConfigError as err:
            from promolint.report.messages import config_error, pick_lang
            lang = ctx.meta.get(LANG_KEY) or pick_lang()
            click.echo(f"promolint: {printable(config_error(err, lang))}", err=True)
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `promolint rules | head`: the reader left, not a bug
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FINDINGS)
        except Exception as err:  # noqa: BLE001 - the contract: never a traceback
            click.echo(f"promolint: internal error: {type(err).__name__}: {printable(str(err))} "
                       "(this is a bug; please report it)", err=True)
            sys.exit(EXIT_ERROR)


def _show_warning(ctx):
    """showwarning for a run: an untrusted config is said once, in the run's language."""
    import warnings

    from promolint.core.config import UntrustedConfig
    shown, default = set(), warnings.showwarning
    warnings.simplefilter("always", UntrustedConfig)  # inside catch_warnings: this run only

    def show(message, category, *args, **kwargs):
        if not isinstance(message, UntrustedConfig):
            return default(message, category, *args, **kwargs)
        if message.path not in shown:
            shown.add(message.path)
            from promolint.report.messages import config_warning, pick_lang
            lang = ctx.meta.get(LANG_KEY) or pick_lang()
            from promolint.core.diagnostics import printable
            click.echo(printable(config_warning(message, lang)), err=True)
    return show


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="promolint")
def main() -> None:
    """promolint: stop dangerous promotion configurations before they ship."""


def gate_outputs(func):
    """--output, --fail-on and --exit-zero, the same for check and audit."""
    func = click.option("--exit-zero", is_flag=True,
                        help="Exit 0 even when there are findings.")(func)
    func = click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
                        default="error",
                        help="Lowest severity that makes the exit code 1 (default: error).")(func)
    return click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write the output to FILE instead of standard output.")(func)
