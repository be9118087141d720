"""No promolint module writes a file by name (issue 12): every output goes through
report.outputs.replace_file (a new file renamed over the name), so a symlink a
repository commits where a report, baseline or case file goes is replaced, never
written through. The generators that rewrite promolint's own modules are the exception."""
from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "promolint"
GENERATORS = {"expr/gen.py", "schema/gen.py"}
WRITES = re.compile(r"\.write_(text|bytes)\(|\bopen\([^)]*['\"][wax]b?['\"]")


def test_outputs_are_written_only_through_replace_file():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in GENERATORS or name.endswith("_parser.py"):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if WRITES.search(line):
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []
