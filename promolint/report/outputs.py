"""Where each format goes: `--format NAME[:FILE]` (repeatable) and `--output FILE`.

`--format text --format sarif:promolint.sarif` prints text and writes SARIF in one run.
A format without its own file goes to `--output` if given, else standard output; only
one format may go there. Files are written whole to a new file beside them, then renamed
over them: never written through a symlink (a repository that commits
`promolint.sarif -> ../victim` gets its symlink replaced, not the victim overwritten) or
a hard link, and never left half-written.
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
                              " (optionally NAME:FILE)", "format-unknown", name=name,
                              formats=", ".join(FORMATS))
        outs.append(Output(name, Path(file) if file else output))
    places = [str(o.file) if o.file else "-" for o in outs]
    if len(places) != len(set(places)):
        raise ConfigError("--format: two formats would write to the same place; "
                          "give each its own file, e.g. --format text --format sarif:promolint.sarif",
                          "format-same-place")
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
        replace_file(out.file, text)


def replace_file(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Write `text` (UTF-8, or bytes as they are) as the file `path`, replacing whatever
    is there (a symlink itself, not its target), with `mode` if given (else the umask's);
    an unwritable place is a ConfigError."""
    import secrets
    tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(21, "it is a folder")
        # O_EXCL: never an existing file or symlink; mode from the umask as for any new file
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        from promolint.source.files import os_problem
        raise ConfigError(f"cannot write {path}: {err.strerror or err}", "output-unwritable",
                          path=str(path), problem=os_problem(err)) from None


def _stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a console that cannot show Chinese: send UTF-8 bytes
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
