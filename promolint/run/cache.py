"""An on-disk cache of per-file results, for re-runs on unchanged files (pre-commit).

What is cached: one file's promotions and its load and per-promotion findings
(promolint.run.packing.FileResult). Cross-file checks are never cached: they always
run over every promotion. An entry is found by the file's name and exact text,
inside a folder named by everything else a result depends on: the promolint
version and the installed code itself (file sizes and times), the settings, the
price list's bytes, the date (suppressions expire) and the language. Anything
changes, the folder changes, and older folders of that project are removed.

Where: $PROMOLINT_CACHE_DIR, else $XDG_CACHE_HOME/promolint, else
~/.cache/promolint; one sub-folder per config root. Never inside the linted
files' folders, so a repository cannot plant entries. Entries are pickles signed
with a per-user random key (HMAC), so only entries this user wrote are loaded, and
read by promolint.run.packing's restricted unpickler (promolint's own classes and a few
stdlib types: a forged entry cannot run code). A root, folder or key that someone
else could have written (not this user's, group/world-writable, a key of the wrong
size) is not used, with a warning: on a shared runner or a restored CI cache anyone
who can write there could forge entries that say "no findings".
Any other cache problem (read-only home, a corrupt entry) just means no cache.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import promolint

FORMAT = "5"  # bump when what an entry holds changes: older folders are then never read
KEY_BYTES = 32


class Untrusted(Exception):
    """A cache root, folder or key that someone other than this user could have written."""

    def __init__(self, problem: str, path: str):
        super().__init__(problem, path)
        self.problem, self.path = problem, path


def cache_root() -> Path:
    if os.environ.get("PROMOLINT_CACHE_DIR"):
        return Path(os.environ["PROMOLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "promolint"


class Cache:
    """Per-file results under one fingerprint folder. Picklable (for pool workers)."""

    def __init__(self, folder: Path, key: bytes):
        self.folder, self.key = folder, key
        self._prefix = os.path.join(folder, "")  # plain strings: pathlib cost 6 us an entry

    def _entry(self, name: str, text: str) -> str:
        digest = hashlib.sha256(f"{name}\0{text}".encode("utf-8", "surrogateescape"))
        return self._prefix + digest.hexdigest()

    def get(self, name: str, text: str):
        """The cached FileResult for this exact file name and text, or None."""
        from promolint.run.packing import unpack
        data = self.read_signed(self._entry(name, text))
        if data is None:
            return None
        try:
            return unpack(data, text)
        except Exception:  # noqa: BLE001 - a corrupt entry is a miss
            return None

    def read_signed(self, path: str) -> memoryview | None:
        """A file's content after its signature, when this user's key signed it."""
        try:
            with open(path, "rb", buffering=0) as handle:
                blob = handle.readall()
        except OSError:
            return None
        data = memoryview(blob)[32:]  # no copy of the pickle for the check and the load
        if not hmac.compare_digest(blob[:32], hmac.digest(self.key, data, "sha256")):
            return None
        return data

    def index_path(self) -> str:
        """The context index (promolint.run.neighbours) of this fingerprint."""
        return self._prefix + "context-index"

    def put(self, name: str, result) -> None:
        """Store a FileResult (its text is the key, not stored twice). Documents are
        stored as LazyDocuments: a warm run unpickles only the ones it reads."""
        from promolint.run.packing import pack
        try:
            self.store(name, result.text, pack(result))
        except (pickle.PicklingError, RecursionError, TypeError):
            pass

    def store(self, name: str, text: str, packed: bytes) -> None:
        """Store a result packed by promolint.run.packing.pack for this file name and text."""
        self.write_signed(self._entry(name, text), packed)

    def write_signed(self, path: str, data: bytes) -> None:
        """Write `data` signed with this user's key, atomically (a failure: no entry)."""
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(hmac.digest(self.key, data, "sha256") + data)
            os.replace(tmp, path)
        except OSError:
            pass


def open_cache(ctx, lang: str = "en") -> Cache | None:
    """The cache for linting with `ctx`, or None when it cannot be used (an untrusted
    one with a warning on stderr, in `lang`)."""
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        _check_owned(root)
        key = _secret(root)
        project = root / _digest(str(ctx.settings.config_path or ctx.settings.root))[:16]
        folder = project / _digest(fingerprint(ctx))[:24]
        if not folder.is_dir():
            _prune(project)
            folder.mkdir(parents=True, mode=0o700)
        _check_owned(project)
        _check_owned(folder)
        return Cache(folder, key)
    except Untrusted as err:
        _warn(err, lang)
        return None
    except OSError:
        return None


def prices_store() -> tuple[Path, bytes] | None:
    """(the folder for parsed price lists, the key that signs them), or None when the
    cache cannot be used (an untrusted one is warned about when the cache is opened)."""
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        _check_owned(root)
        key = _secret(root)
        folder = root / "prices"
        folder.mkdir(exist_ok=True, mode=0o700)
        _check_owned(folder)
        return folder, key
    except (Untrusted, OSError):
        return None


_WARNED: set = set()


def _warn(err: Untrusted, lang: str) -> None:
    """One warning per problem and process (a run opens the cache once per config)."""
    from promolint.report.messages import ui
    if err.args not in _WARNED:
        _WARNED.add(err.args)
        problem = ui(err.problem, lang)
        sys.stderr.write(ui("cache-untrusted", lang, path=err.path, problem=problem) + "\n")


def _check_owned(path, info: os.stat_result | None = None) -> None:
    """Raise Untrusted unless `path` is this user's and only this user can write it."""
    info = info or os.stat(path)
    if info.st_uid != _uid():
        raise Untrusted("cache-not-yours", str(path))
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise Untrusted("cache-writable-by-others", str(path))


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0


def fingerprint(ctx) -> str:
    """Everything besides the file itself that a per-file result depends on."""
    # The prices' own digest: the bytes the linting used (a second read could see a
    # list replaced meanwhile, and store old results under the new list's key).
    return "\n".join([FORMAT, promolint.__version__, code_stamp(), repr(ctx.settings),
                      ctx.prices.fingerprint(), ctx.today.isoformat()])


def code_stamp() -> str:
    """Names, sizes and times of promolint's own files (an edited check = a new cache)."""
    base = Path(promolint.__file__).parent
    parts = []
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml", ".lark", ".json")):
                info = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    for extra in ("rules", "grammar"):  # shipped from top-level folders in a checkout
        spot = base.parent / extra
        if spot.is_dir():
            parts += [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(spot.iterdir())]
    return _digest("\n".join(parts))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _secret(root: Path) -> bytes:
    """The per-user key: made on first use; not followed through a symlink, and only
    this user's regular file of KEY_BYTES bytes that no one else can read or write."""
    path = root / "key"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        key = os.urandom(KEY_BYTES)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError as err:  # a symlink (ELOOP) or unreadable: not ours to trust
        raise Untrusted("cache-key-bad", str(path)) from err
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES:
            raise Untrusted("cache-key-bad", str(path))
        _check_owned(path, info)
        if info.st_mode & (stat.S_IRGRP | stat.S_IROTH):
            raise Untrusted("cache-key-readable", str(path))
        key = handle.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise Untrusted("cache-key-bad", str(path))
    return key


def _prune(project: Path) -> None:
    """Remove this project's older fingerprint folders (they can never match again)."""
    if project.is_dir():
        for old in project.iterdir():
            shutil.rmtree(old, ignore_errors=True)
