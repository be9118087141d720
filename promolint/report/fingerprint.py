"""A finding's fingerprint: what it is about, never where in the file (baselines, SARIF, GitLab)."""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

_LINE_REF = re.compile(r"^(.+\S):\d+(?::\d+)?$")
_CAUSE_ARGS = ("field", "limit", "currency")  # what a several-SKU finding's fingerprint keeps


def fingerprint(diag, base: Path) -> str:
    """A short stable hash of what the finding is about, never where in the file."""
    import hashlib  # here: the policy imports this module on every run, a hash is seldom asked
    import json
    if diag.affected:  # one cause for several SKUs: the cause, not its worst SKU or count
        args = [[key, value] for key, value in diag.args if key in _CAUSE_ARGS]
        key = [diag.rule, relative(diag.path, base), diag.promotion or "",
               diag.message_id.removesuffix("-many"), args, "affected"]
    else:
        args = [[key, _unlined(value, base)] for key, value in diag.args]
        key = [diag.rule, relative(diag.path, base), diag.promotion or "", diag.message_id, args]
    return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:20]


def _unlined(value, base: Path):
    """A `file:line` reference as the file, relative to `base` like the finding's own
    path (the reference is written relative to the working folder: a run from a
    sub-folder must match the same baseline)."""
    if isinstance(value, str):
        match = _LINE_REF.match(value)
        if match is None:
            return value
        name = match.group(1)
        return relative(name, base) if os.path.isfile(name) else name
    return str(value)


def relative(path: str, root: Path) -> str:
    """`path` relative to the config folder, in / form (as given if outside it)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        rel = path
    if rel.startswith(".."):
        rel = path
    return PurePosixPath(*Path(rel).parts).as_posix() if rel else rel
