"""The README's facts come from the catalog and the CI script, not from memory."""
from __future__ import annotations

import re
from pathlib import Path

from promolint.report.catalog import rules_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def test_rules_table_is_generated_from_the_catalog():
    found = re.search(r"<!-- rules-table:[^\n]*-->\n(.*?)<!-- end rules-table -->", README, re.S)
    assert found, "rules-table markers missing from README.md"
    assert found.group(1) == rules_table(), \
        "README rules table is stale: paste `promolint rules --format markdown` between the markers"


def test_ci_runs_the_readme_test_command():
    command = "python3 dev.py test"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text("utf-8")


def test_a_clone_alone_says_where_the_contract_is_and_why_tests_skip():
    """Someone with the clone alone reads where the contract lives; the tests that need
    ../shared say why they are skipped, in the summary (-rs)."""
    import tomllib
    from tests import shared
    assert "../shared/spec/promotion-format.md" in README
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]["addopts"]
    assert "-rs" in addopts.split()
    assert "../shared" in shared.reason(shared.SHARED / "x")
