"""The baseline: today's findings, recorded so a legacy repo can adopt the gate on day one.

A finding's fingerprint is its rule, its file (relative to the baseline file's folder),
its promotion id, its message id and the message's arguments with any `file:line`
reference reduced to the file: no line or column, so moving a promotion within its file
keeps it baselined. Entries carry a count, so a second identical finding is new.

A finding that stands for several SKUs (one cause, spec 5: a category-wide price) is
fingerprinted by its cause alone (rule, file, promotion, the benefit field, the line),
not by its worst SKU or its count, and its entry records the SKUs it affected. It
stays baselined while it affects only recorded SKUs (fewer is fine: a SKU fixed or
gone); a SKU newly past the line is news, so the finding is then reported again, whole.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from promolint import __version__
from promolint.core.config import ConfigError
from promolint.core.diagnostics import json_text
from promolint.report.fingerprint import fingerprint, relative
from promolint.report.messages import render as message

VERSION = 1


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    path: str
    promotion: str | None
    message: str
    count: int = 1
    skus: tuple[str, ...] = ()  # the SKUs a finding standing for several affected


def entries(findings, base: Path) -> list[Entry]:
    """The active (not suppressed) findings as baseline entries, counted and sorted."""
    counts: Counter = Counter()
    first = {}
    skus: dict[str, set] = {}
    for diag in findings:
        if diag.suppressed:
            continue
        fp = fingerprint(diag, base)
        counts[fp] += 1
        first.setdefault(fp, diag)
        if diag.affected:
            skus.setdefault(fp, set()).update(a[0] for a in diag.affected)
    out = [Entry(fp, d.rule, relative(d.path, base), d.promotion, message(d, "en"), counts[fp],
                 tuple(sorted(skus.get(fp, ()))))
           for fp, d in first.items()]
    return sorted(out, key=lambda e: (e.path, e.rule, e.promotion or "", e.fingerprint))


def write(findings, out: Path) -> int:
    """Write the baseline file; returns how many findings it records."""
    items = entries(findings, out.resolve().parent)
    data = {"version": VERSION, "tool": f"promolint {__version__}",
            "findings": [{k: list(v) if k == "skus" else v for k, v in e.__dict__.items()
                          if v is not None and v != ()} for e in items]}
    from promolint.report.outputs import replace_file  # never through a symlink
    replace_file(out, json_text(data) + "\n")
    return sum(e.count for e in items)


def load(path: Path) -> list[Entry]:
    """Read a baseline file; a missing or malformed one is a ConfigError (exit 2). A BOM
    is allowed (editors on Windows add one); every value must have its own type (no
    `"version": true`, no `"count": 1e400`), checked before use."""
    try:
        data = json.loads(path.read_text("utf-8-sig"))
        if not isinstance(data, dict) or not _is_int(data.get("version"), VERSION, VERSION) \
                or not isinstance(data.get("findings"), list):
            raise ValueError("not a baseline")
        return [_entry(item) for item in data["findings"]]
    except OSError as err:
        from promolint.source.files import os_problem
        raise ConfigError(f"{path}: cannot read baseline: {err.strerror or err}", "baseline-unreadable",
                          path=str(path), problem=os_problem(err)) from None
    except (ValueError, RecursionError):  # bad JSON, too deep, a value of the wrong type
        raise ConfigError(f"{path}: not a promolint baseline (version {VERSION}); "
                          "write one with 'promolint baseline --output FILE'", "baseline-invalid",
                          path=str(path), version=VERSION) from None


def _entry(item) -> Entry:
    """One finding of a baseline file, every field checked (ValueError if not)."""
    if not isinstance(item, dict):
        raise ValueError("an entry is not an object")
    texts = [item.get(key) for key in ("fingerprint", "rule", "path")]
    promotion, note = item.get("promotion"), item.get("message", "")
    count, skus = item.get("count", 1), item.get("skus", [])
    if not all(isinstance(t, str) for t in texts) or not isinstance(note, str) \
            or not (promotion is None or isinstance(promotion, str)) \
            or not _is_int(count, 1, 10**9) \
            or not (isinstance(skus, list) and all(isinstance(s, str) for s in skus)):
        raise ValueError("an entry has a value of the wrong type")
    return Entry(*texts, promotion, note, count, tuple(skus))


def _is_int(value, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def apply(findings, baseline: list[Entry], path: Path, linted: list[str]):
    """Mark findings recorded in the baseline; return them and the entries that no
    longer occur (only for files that were linted this run)."""
    base = path.resolve().parent
    left = Counter({e.fingerprint: e.count for e in baseline})
    recorded: dict[str, set] = {}
    for e in baseline:
        recorded.setdefault(e.fingerprint, set()).update(e.skus)
    out = []
    for diag in findings:
        fp = fingerprint(diag, base) if not diag.suppressed else None
        news = fp and diag.affected and not {a[0] for a in diag.affected} <= recorded.get(fp, set())
        if fp and left[fp] > 0 and not news:
            left[fp] -= 1
            diag = replace(diag, suppressed=f"recorded in the baseline {path.name}",
                           suppressed_by="baseline")
        out.append(diag)
    scope = {relative(name, base) for name in linted}
    stale = [replace(e, count=left[e.fingerprint]) for e in baseline
             if left[e.fingerprint] > 0 and e.path in scope]
    return out, stale
