"""The project's shared folder beside the clone (../shared): the contract
(spec/promotion-format.md) and test data (the YAML test suite, the SARIF schema).
A test that needs it is skipped without it, saying so (`-rs` shows the reason)."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def needs(path: Path) -> pytest.MarkDecorator:
    """Skip unless `path` (inside ../shared) exists, with a reason that says why."""
    return pytest.mark.skipif(not path.exists(), reason=reason(path))


def reason(path: Path) -> str:
    return (f"needs {path}: the shared folder (contract and test data) is not checked out "
            "beside this clone as ../shared (README: Installing)")
