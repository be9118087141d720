"""Where each format goes: `--format NAME[:FILE]` (repeatable) and `--output FILE`.

`--format text --format sarif:promolint.sarif` prints text and writes SARIF in one run.
A format without its own file goes to `--output` if given, else standard output; only
one format may go there.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from promolint.core.config import ConfigError
from promolint.report.formats import FORMATS, render


@dataclass(frozen=True)
class Output:
    format: str
    file: Path | None  # None = standard output


def parse(specs: tuple[str, ...], output: Path | None) -> list[Output]:
    """The outputs asked for; a bad name or two formats for one place is a ConfigError."""
    outs = []
    for spec in specs or ("text",):
        name, _, file = spec.partition(":")
        if name not in FORMATS:
            raise ConfigError(f"--format: unknown format '{name}'; use one of {', '.join(FORMATS)}"
                              " (optionally NAME:FILE)")
        outs.append(Output(name, Path(file) if file else output))
    places = [str(o.file) if o.file else "-" for o in outs]
    if len(places) != len(set(places)):
        raise ConfigError("--format: two formats would write to the same place; "
                          "give each its own file, e.g. --format text --format sarif:promolint.sarif")
    return outs


def use_colour(choice: str, out: Output) -> bool:
    """Colour only for text on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if out.format != "text" or out.file is not None or choice == "never":
        return False
    if choice == "always":
        return True
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def write_all(outs: list[Output], report, lang: str, colour: str = "auto", **options) -> None:
    """Render and write every output; an unwritable file is a ConfigError."""
    for out in outs:
        text = render(out.format, report, lang=lang, colour=use_colour(colour, out), **options)
        if out.file is None:
            _stdout(text)
            continue
        try:
            out.file.parent.mkdir(parents=True, exist_ok=True)
            out.file.write_text(text, encoding="utf-8")
        except OSError as err:
            raise ConfigError(f"cannot write {out.file}: {err.strerror or err}") from None


def _stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a console that cannot show Chinese: send UTF-8 bytes
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
