"""Every case of the YAML test suite, linted as a promotion file: never a crash.

The suite lives beside the clone (../shared/data/yaml-test-suite); a case folder holds
`in.yaml` and, when the YAML is invalid, an `error` file.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import Settings
from promolint.run.load import load_file
from promolint.source.yaml import load as yamlload
from tests import shared

SUITE = Path(__file__).resolve().parents[3] / "shared" / "data" / "yaml-test-suite"
CASES = sorted(SUITE.glob("**/in.yaml")) if SUITE.is_dir() else []
pytestmark = pytest.mark.skipif(not CASES, reason=shared.reason(SUITE))


def _id(path: Path) -> str:
    return str(path.parent.relative_to(SUITE))


def _invalid(path: Path) -> bool:
    return (path.parent / "error").exists()


@pytest.mark.parametrize("loader", ["C", "python"])
@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_case_gives_findings_not_a_crash(case, loader, monkeypatch):
    if loader == "python":
        monkeypatch.setattr(yamlload, "Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    promos, findings = load_file(str(case), Settings())
    syntax = [f for f in findings if f.rule == "syntax"]
    for finding in findings:
        assert finding.span.line >= 1 and finding.span.column >= 1
    if _invalid(case):
        assert syntax, "invalid YAML must give a syntax finding"
        # only the documents before the one that does not parse are checked (spec 5)
        first = min(f.line for f in syntax)
        assert all(p.source.span(()).line < first for p in promos)


def test_suite_has_all_cases():
    assert len(CASES) == 402
    assert sum(_invalid(c) for c in CASES) == 94


CLI_CASES = [c for c in CASES if _id(c) in {"236B", "9JBA", "SU5Z", "229Q", "JTV5", "U9NS"}]


@pytest.mark.parametrize("case", CLI_CASES, ids=[_id(c) for c in CLI_CASES])
def test_cli_exit_code_is_a_finding_not_an_error(case):
    result = CliRunner().invoke(main, ["check", "--format", "json", str(case)])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if _invalid(case):
        assert result.exit_code == 1
        assert '"rule": "syntax"' in result.output
