"""A file's text: bounded reads, refusing what is not a regular file, decoding with findings."""
from __future__ import annotations

import os
import stat

from promolint.core.config import Settings
from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Span
from promolint.core.phrases import phrase

# Promotions one file may hold, in either syntax (YAML documents, DSL blocks): more is a
# generator gone wrong. Past it the rest of the file is not read, with one finding.
MAX_PROMOTIONS = 5_000


def display_name(name: str) -> str:
    """The name as printable text: bytes that are not UTF-8 become \\xNN escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def path_key(name: str) -> str:
    """One spelling per file (a relative and an absolute name of it are equal). Not
    memoised: a relative name means another file after a chdir (tests, a server)."""
    return os.path.normcase(os.path.abspath(name))


def read_text(name: str, settings: Settings) -> tuple[str, Diagnostic | None]:
    """The file's text, or a `syntax` finding saying why it cannot be read.

    Reads at most max_file_bytes + 1 bytes, so /dev/zero or a file growing while we
    read cannot exhaust memory; FIFOs and devices are refused before they are opened.
    """
    shown = display_name(name)
    limit = settings.max_file_bytes
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            return "", make(shown, Span(1, 1), "syntax", "file-unreadable", problem=phrase("is-a-directory"))
        if not stat.S_ISREG(info.st_mode):
            return "", make(shown, Span(1, 1), "syntax", "file-not-regular")
        data = _read_at_most(name, min(info.st_size, limit), limit + 1)
        if data is None:  # swapped for a FIFO or device between the stat and the open
            return "", make(shown, Span(1, 1), "syntax", "file-not-regular")
    except OSError as err:
        return "", make(shown, Span(1, 1), "syntax", "file-unreadable",
                        problem=os_problem(err))
    if len(data) > limit:
        return "", make(shown, Span(1, 1), "syntax", "file-too-large",
                        size=max(info.st_size, len(data)), limit=limit)
    return decode(shown, data)


def os_problem(err: OSError):
    """What the system said, as a phrase: said in Chinese for the common errors."""
    import errno
    code = errno.errorcode.get(err.errno or 0, "")
    text = err.strerror or type(err).__name__
    key = f"os-{code}" if code in ("EACCES", "ENOENT", "EISDIR", "ELOOP") else "os-error"
    return phrase(key, text=text, code=code or type(err).__name__)


def read_stream(name: str, stream, settings: Settings) -> tuple[str, Diagnostic | None]:
    """Text from a binary stream (stdin) with a file's limits and checks: at most
    max_file_bytes read (`< /dev/zero` stops there), decoded as a file is (bad UTF-8 is
    a finding, not replaced)."""
    shown = display_name(name)
    limit = settings.max_file_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        return "", make(shown, Span(1, 1), "syntax", "stdin-too-large", limit=limit)
    return decode(shown, data)


def _read_at_most(name: str, expected: int, most: int) -> bytes | None:
    """Up to `most` bytes; None when what was opened is not a regular file (opened
    without blocking, so a FIFO put there after the stat cannot hang the open). Reading
    `expected` (the size stat gave) + 1 first avoids allocating a max_file_bytes buffer
    per file (that alone was 0.4 ms a file); plain os.read on a descriptor is ~8 us a
    file cheaper than a buffered file object."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, expected + 1)
        while expected < len(data) < most:  # the file grew, or /proc-like sizes
            more = os.read(fd, most - len(data))
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    return data


def decode(name: str, data: bytes) -> tuple[str, Diagnostic | None]:
    """Text from UTF-8 (BOM optional) or BOM-marked UTF-16/32; CRLF becomes LF."""
    encoding = _encoding(data)
    if encoding == "utf-8-sig" and b"\x00" in data:
        return "", make(name, Span(1, 1), "syntax", "file-binary")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding != "utf-8-sig":
            return "", make(name, Span(1, 1), "syntax", "file-not-utf8")
        line = data[: err.start].count(b"\n") + 1
        column = len(data[data.rfind(b"\n", 0, err.start) + 1: err.start].decode("utf-8", "replace")) + 1
        return "", make(name, Span(line, column), "syntax", "file-not-utf8")
    if "\x00" in text:
        return "", make(name, Span(1, 1), "syntax", "file-binary")
    return text.replace("\r\n", "\n"), None


def _encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"
