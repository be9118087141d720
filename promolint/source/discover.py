"""Which files to lint: promotion files under directories, named files as given.

In a folder, a promotion file is one whose name ends in a promotion suffix (any case:
`d11.PROMO.YAML`), or a `.yaml`/`.yml` file that declares `apiVersion: promolint/v1`
as a top-level key of one of its documents, in its first SNIFF_BYTES (`d11.yaml`): a
promotion is never skipped in silence. The same words inside a block scalar (a
Kubernetes ConfigMap's `data:`, the rule catalog's examples) are text, not a declaration.
A file named twice (`a.promo.yaml ./a.promo.yaml $PWD/a.promo.yaml`) is linted once.
"""
from __future__ import annotations

import fnmatch
import os
import re
import stat

from promolint.core.config import Settings

SUFFIXES = (".promo.yaml", ".promo.yml", ".promo")
EXPLICIT_SUFFIXES = SUFFIXES + (".yaml", ".yml")
SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "build", "dist"}


SNIFF_BYTES = 64 * 1024  # how much of a plain .yaml file is read to see if it is one of ours
# A quick test for the words anywhere; a YAML parse of the head then says whether they
# are a top-level key (only files that mention them pay for it).
_MENTIONS = re.compile(r"^[ \t]*['\"]?apiVersion['\"]?[ \t]*:[ \t]*['\"]?promolint/", re.M)


def is_promotion_file(name: str) -> bool:
    return name.endswith(SUFFIXES) or name.lower().endswith(SUFFIXES)


def declares_promotion(path: str) -> bool:
    """True when a YAML file declares `apiVersion: promolint/...` (see `declares`).

    Only a regular file is read, and it is opened without blocking: a repo symlink to
    /dev/tty or /dev/stdin, or a FIFO named *.yaml, would otherwise hang the run (or an
    editor's language server, whose stdin is its connection)."""
    head = read_head(path, SNIFF_BYTES)
    return head is not None and declares(head)


def read_head(path: str, size: int) -> bytes | None:
    """The first `size` bytes of a regular file, None for anything else (a FIFO, a
    device, a folder, an unreadable file). The type is checked on the open descriptor,
    which O_NONBLOCK opened: a FIFO swapped in after a check cannot block the open."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def declares(head: bytes) -> bool:
    """Whether a file's first bytes (diff reads them from git) declare `apiVersion:
    promolint/...` as a top-level key of a YAML document: the key of the document's
    root mapping, not text inside a block scalar or a nested mapping."""
    text = head[:SNIFF_BYTES]
    if len(head) >= SNIFF_BYTES and b"\n" in text:  # cut at a line end, not inside a character
        text = text[: text.rfind(b"\n") + 1]
    words = text.decode("utf-8", "replace")
    mentions = [m.start() for m in _MENTIONS.finditer(words)]
    return bool(mentions) and _top_level(words, mentions)


def _top_level(text: str, mentions: list[int]) -> bool:
    """Whether a document of `text` has a root mapping key apiVersion whose value starts
    with promolint/. Text that does not parse cannot rule it out when the parse stopped
    before the last mention, or a mention starts a line (a top-level key, were the text
    whole): the file is then read as a promotion, and its syntax finding says why."""
    import yaml
    from yaml import events as ev
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stack: list[list] = []  # [is a mapping, children seen] per open collection
    key = None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, ev.DocumentStartEvent):
                stack, key = [], None
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, ev.NodeEvent):
                if len(stack) == 1 and stack[0][0]:  # a key or value of the root mapping
                    is_key = stack[0][1] % 2 == 0
                    stack[0][1] += 1
                    scalar = event.value if isinstance(event, ev.ScalarEvent) else None
                    if is_key:
                        key = scalar
                    elif key == "apiVersion" and scalar is not None and scalar.startswith("promolint/"):
                        return True
                if isinstance(event, ev.CollectionStartEvent):
                    stack.append([isinstance(event, ev.MappingStartEvent), 0])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        return (mark is None or mark.index <= mentions[-1]
                or any(at == 0 or text[at - 1] == "\n" for at in mentions))
    except RecursionError:
        return True
    return False


def find_files(paths: list[str], settings: Settings) -> list[str]:
    """Files under `paths` (sorted, each file once). Named files are linted as given."""
    out: dict[str, str] = {}  # same file -> the first name it was given as
    for path in paths:
        if os.path.isdir(path):
            for name in _walk(path, settings):
                out.setdefault(_same(name, False), name)
        elif not _excluded(path, settings):  # named (pre-commit, --changed-since) too
            out.setdefault(_same(path, True), path)
    return sorted(out.values())


def all_excluded(paths: list[str], settings: Settings) -> bool:
    """Whether every path is a file that `exclude` leaves out (nothing to check, by the
    config's own choice: pre-commit passing only an excluded file is not an error)."""
    return bool(paths) and all(not os.path.isdir(p) and _excluded(p, settings) for p in paths)


def _same(name: str, named: bool) -> str:
    """A key equal for two names of one file: the absolute path, and for a named
    symlink (named files are few: the system call is cheap) the file behind it."""
    try:
        full = os.path.realpath(name) if named and os.path.islink(name) else os.path.abspath(name)
    except (OSError, ValueError):
        return name
    return os.path.normcase(full)


def _walk(top: str, settings: Settings):
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                         and not _excluded(os.path.join(folder, d), settings))
        for name in sorted(names):
            full = os.path.normpath(os.path.join(folder, name))
            if _excluded(full, settings):
                continue
            if is_promotion_file(name) or (name.lower().endswith((".yaml", ".yml"))
                                           and declares_promotion(full)):
                yield full


def _excluded(path: str, settings: Settings) -> bool:
    """Whether an `exclude` glob matches the path as given (less a leading ./) or the
    path relative to the config's folder (the same whatever the working folder, and for
    the absolute paths of --context repo)."""
    if not settings.exclude:
        return False
    clean = path[2:] if path.startswith("./") else path
    names = [clean]
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(settings.root))
    except ValueError:  # another drive on Windows
        rel = ".."
    if not rel.startswith(".."):
        names.append(rel.replace(os.sep, "/"))
    return any(fnmatch.fnmatch(name, pattern) for name in names for pattern in settings.exclude)
