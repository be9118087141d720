"""Baselines of rows: today's findings by fingerprint (tenant + source + rule + cause),
so a nightly audit reports only what is new. Entries carry a count, so a second
identical finding is new."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from promolint import __version__
from promolint.core.config import ConfigError
from promolint.core.diagnostics import json_text

VERSION = 1
KIND = "promolint audit baseline"


def write(report, path: Path) -> int:
    from promolint.report.outputs import replace_file
    counts: Counter = Counter()
    first = {}
    for f in report.findings:
        if not f["_diag"].suppressed:
            counts[f["fingerprint"]] += 1
            first.setdefault(f["fingerprint"], f)
    items = [{"fingerprint": fp, "tenant": f["tenant"], "source": f["source"], "rule": f["rule"],
              "message": f["message_en"], "count": counts[fp]} for fp, f in first.items()]
    items.sort(key=lambda e: (e["tenant"], e["source"], e["rule"], e["fingerprint"]))
    replace_file(path, json_text({"version": VERSION, "kind": KIND, "tool": f"promolint {__version__}",
                                  "findings": items}) + "\n")
    return sum(counts.values())


def load(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text("utf-8-sig"))
        ok = isinstance(data, dict) and data.get("kind") == KIND and data.get("version") == VERSION \
            and isinstance(data.get("findings"), list) and all(_entry(e) for e in data["findings"])
        if not ok:
            raise ValueError("not a baseline")
        return data["findings"]
    except OSError as err:
        raise ConfigError(f"{path}: cannot read baseline: {err.strerror or err}",
                          "baseline-unreadable", path=str(path),
                          problem=str(err.strerror or err)) from None
    except (ValueError, RecursionError):
        raise ConfigError(f"{path}: not a promolint baseline (version {VERSION}); write one with "
                          "'promolint audit SOURCE --write-baseline FILE'", "baseline-invalid",
                          path=str(path), version=VERSION) from None


def _entry(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("fingerprint"), str) \
        and type(item.get("count", 1)) is int and item.get("count", 1) >= 1


def apply(report, entries: list[dict], path: Path) -> list[dict]:
    """Mark recorded findings as baselined; return the entries that no longer occur."""
    left = Counter()
    for e in entries:
        left[e["fingerprint"]] += e.get("count", 1)
    for f in report.findings:
        diag = f["_diag"]
        if not diag.suppressed and left[f["fingerprint"]] > 0:
            left[f["fingerprint"]] -= 1
            f["_diag"] = diag.with_(suppressed=f"recorded in the baseline {path.name}",
                                    suppressed_by="baseline")
    return [dict(e, count=left[e["fingerprint"]]) for e in entries if left[e["fingerprint"]] > 0]
