"""Usage errors (a mistyped option, a bad value, a missing argument, an unknown command) in
the run's language.

English is click's own text, untouched (usage line, `Try ... --help`, `Error: ...`). In a
Chinese run (`--lang zh` anywhere before `--`, else LC_ALL / LC_MESSAGES / LANG, as
`pick_lang` decides) the error is one line, `promolint: ` and a sentence of
`promolint.report.messages.UI` naming the option, value or command as code, click's
did-you-mean and the `promolint COMMAND --help` to run; exit 2 as click's.
"""
from __future__ import annotations

import os
import re

import click

LANGS = ("en", "zh")
ARGV_KEY = "promolint.argv"  # the whole command line, in click's ctx.meta (shared by all contexts)


class BadValue(click.BadParameter):
    """promolint's own bad value: click's English (`Invalid value for HINT: MESSAGE`),
    and a UI sentence for the other languages."""

    def __init__(self, message: str, param_hint: str, sentence: str, **details):
        super().__init__(message, param_hint=param_hint)
        self.sentence, self.details = sentence, details


class Misuse(click.UsageError):
    """promolint's own usage error (no option to name): click's English, a UI sentence."""

    def __init__(self, message: str, sentence: str, **details):
        super().__init__(message)
        self.sentence, self.details = sentence, details


class Said(click.UsageError):
    """A usage error already said in the run's language: shown as its one line."""

    def __init__(self, line: str, original: click.UsageError):
        super().__init__(line, original.ctx)
        self.original = original

    def show(self, file=None) -> None:
        click.echo(self.message, file=file, err=file is None)


def argv_lang(args) -> str | None:
    """The last language promolint speaks that the command line gives as `--lang X` or
    `--lang=X` (before `--`); None when there is none (`--lang fr` alone is itself the
    error, said in the environment's language)."""
    found = None
    args = list(args or ())
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else (
            arg.removeprefix("--lang=") if arg.startswith("--lang=") else None)
        if value in LANGS:
            found = value
    return found


def translated(err: click.UsageError, lang: str, command: str | None = None):
    """`err` said in `lang`: itself in English (click shows it), else a `Said`.
    `command` is the command path for the help hint when `err` has no context."""
    if lang == "en" or isinstance(err, (Said, click.exceptions.NoArgsIsHelpError)):
        return err
    from promolint.report.messages import ui
    try:
        key, details = _sentence(err)
        what = ui(key, lang, **details)
        path = err.ctx.command_path if err.ctx is not None else command or "promolint"
        line = ui("usage-line", lang, what=what, help=f"{path} --help")
    except Exception:  # noqa: BLE001 - an error line must never fail; click's English then
        return err
    return Said(f"promolint: {line}", err)


def _sentence(err: click.UsageError) -> tuple[str, dict]:
    """The UI sentence for `err` and its details."""
    if isinstance(err, (BadValue, Misuse)):
        return err.sentence, err.details
    no_command = getattr(click.exceptions, "NoSuchCommand", ())  # click 8.4+
    if isinstance(err, no_command):
        return _guess("usage-no-command", command=err.command_name, guesses=err.possibilities)
    if isinstance(err, click.NoSuchOption):
        return _guess("usage-no-option", option=err.option_name, guesses=err.possibilities)
    if isinstance(err, click.MissingParameter):
        kind = err.param_type or (err.param.param_type_name if err.param else "parameter")
        key = "usage-missing-option" if kind == "option" else "usage-missing-argument"
        return key, {"name": _names(err)}
    if isinstance(err, click.BadParameter):
        return _bad_value(err)
    if isinstance(err, click.BadOptionUsage):
        if "does not take" in err.message:
            return "usage-takes-no-value", {"option": err.option_name}
        if "requires" in err.message:
            return "usage-needs-value", {"option": err.option_name}
        return "usage-option-misused", {"option": err.option_name}
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", err.message, re.S)
    if extra:
        return "usage-extra-arguments", {"args": extra.group(1)}
    if err.message == "Missing command.":
        return "usage-missing-command", {}
    return "usage-misused", {}


def _guess(key: str, guesses, **details) -> tuple[str, dict]:
    if not guesses:
        return key, details
    return f"{key}-guess", details | {"guesses": _codes(sorted(guesses))}


def _codes(items):
    """Names as code, listed in the sentence's language: `a`、`b`."""
    from promolint.core.phrases import listing
    return listing([f"`{item}`" for item in items])


def _names(err: click.BadParameter) -> str:
    """The parameter as the user would type it: `--jobs`, `RULE`."""
    if err.param_hint is not None:
        hints = [err.param_hint] if isinstance(err.param_hint, str) else list(err.param_hint)
    elif err.param is not None:
        hints = re.findall(r"'([^']*)'", err.param.get_error_hint(err.ctx))
    else:
        hints = []
    return "/".join(hint.strip("[]") for hint in hints) or "?"


def _bad_value(err: click.BadParameter) -> tuple[str, dict]:
    """A value click's type refused: the value (found again on the command line) and
    what the type takes."""
    details = {"name": _names(err)}
    param = err.param
    kind = getattr(param, "type", None)
    value = _refused_value(err)
    if value is None:
        return "usage-bad-value", details
    details["value"] = value
    if isinstance(kind, click.Choice):
        return "usage-bad-choice", details | {"choices": _codes(str(c) for c in kind.choices)}
    if isinstance(kind, click.IntRange):
        return _range(kind, details, value)
    if isinstance(kind, click.types.IntParamType):
        return "usage-not-integer", details
    if isinstance(kind, click.Path):
        if not os.path.exists(value):
            return "usage-path-missing", details
        if os.path.isdir(value):
            return "usage-path-is-folder", details
        if not kind.file_okay:
            return "usage-path-is-file", details
    return "usage-bad-value-of", details


def _range(kind, details, value) -> tuple[str, dict]:
    try:
        int(value)
    except ValueError:
        return "usage-not-integer", details
    low, high = kind.min, kind.max
    if low is not None and kind.min_open:
        low += 1
    if high is not None and kind.max_open:
        high -= 1
    if low is not None and high is not None:
        return "usage-int-between", details | {"low": low, "high": high}
    if low is not None:
        return "usage-int-at-least", details | {"low": low}
    return "usage-int-at-most", details | {"high": high}


def _refused_value(err: click.BadParameter) -> str | None:
    """The command-line value `err` is about: the one its type refuses with the same
    message (click's error keeps the message, not the value)."""
    param, ctx = err.param, err.ctx
    if param is None or ctx is None:
        return None
    args = _command_line(ctx)
    for candidate in _candidates(args, getattr(param, "opts", ()), param.param_type_name):
        try:
            param.type.convert(candidate, param, ctx)
        except click.BadParameter as again:
            if again.message == err.message:
                return candidate
        except Exception:  # noqa: BLE001 - a type that fails otherwise is not this one
            continue
    return None


def _command_line(ctx) -> list[str]:
    while ctx.parent is not None:
        ctx = ctx.parent
    return list(ctx.meta.get(ARGV_KEY, ()))


def _candidates(args: list[str], opts, param_type: str) -> list[str]:
    """The values the command line gives the option `opts` (`--jobs 3`, `--jobs=3`, `-j3`),
    or every word for an argument."""
    if param_type == "argument":
        return [a for a in args if not a.startswith("-") or a == "-"]
    out = []
    for index, arg in enumerate(args):
        for opt in opts:
            if arg == opt and index + 1 < len(args):
                out.append(args[index + 1])
            elif opt.startswith("--") and arg.startswith(opt + "="):
                out.append(arg[len(opt) + 1:])
            elif not opt.startswith("--") and arg.startswith(opt) and len(arg) > len(opt):
                out.append(arg[len(opt):])
    return out
