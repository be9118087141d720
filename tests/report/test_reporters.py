"""Every output format on one small repository, compared with golden files.

The golden files in tests/report/golden/ are generated, never edited by hand:
    PROMOLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/report/test_reporters.py
Structure tests (XML parses, GitHub lines, GitLab issues) run on top of them.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from promolint.cli import main

GOLDEN = Path(__file__).parent / "golden"
FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab"]


def output(fmt: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["check", "--format", fmt, *extra, "."])
    assert result.exit_code == 1, result.output
    return re.sub(r'"uri": "file://[^"]*"', '"uri": "file:///SRCROOT/"', result.stdout)


@pytest.mark.parametrize("fmt,lang", [(f, "en") for f in FORMATS] + [("text", "zh"), ("sarif", "zh")])
def test_matches_golden(shop, fmt, lang):
    text = output(fmt, "--lang", lang)
    if fmt == "sarif":
        text = _without_catalog(text)
    golden = GOLDEN / f"{fmt}.{lang}.txt"
    if os.environ.get("PROMOLINT_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), "run with PROMOLINT_UPDATE_GOLDEN=1 to create the golden files"
    assert text == golden.read_text("utf-8")


def _without_catalog(text: str) -> str:
    """SARIF minus the rule table and indexes, which grow with the catalog (test_sarif checks them)."""
    log = json.loads(text)
    run = log["runs"][0]
    run["tool"]["driver"]["rules"] = "(the catalog; see test_sarif.py)"
    for result in run["results"]:
        result.pop("ruleIndex", None)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def test_json_has_the_spec_shape(shop):
    data = json.loads(output("json"))
    assert set(data) == {"findings", "summary"}
    for finding in data["findings"]:
        assert {"path", "line", "column", "rule", "severity", "message"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
    suppressed = [f for f in data["findings"] if "suppressed" in f]
    assert suppressed == [f for f in suppressed if f["suppressed"]["reason"] == "staff-only test, FIN-123"]
    assert len(suppressed) == 1


def test_junit_is_xml_with_one_testcase_per_file(shop):
    root = ET.fromstring(output("junit"))
    cases = root.findall("./testsuite/testcase")
    assert sorted(c.get("name") for c in cases) == ["a.promo.yaml", "b.promo", "c.promo.yaml"]
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == {"a.promo.yaml", "b.promo", "c.promo.yaml"}
    assert root.find("testsuite").get("failures") == "3"
    a = next(c for c in cases if c.get("name") == "a.promo.yaml")
    assert "unused-suppression" in a.find("system-out").text  # a warning: not a failure at --fail-on error


def test_junit_fail_on_warning_moves_warnings_into_failures(shop):
    root = ET.fromstring(output("junit", "--fail-on", "warning"))
    a = next(c for c in root.iter("testcase") if c.get("name") == "a.promo.yaml")
    assert "unused-suppression" in a.find("failure").text and a.find("system-out") is None


GITHUB = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+)"
                    r"(,endLine=\d+,endColumn=\d+)?,title=promolint ([a-z-]+)::(.+)$")


def test_github_annotations(shop):
    lines = output("github").splitlines()
    parsed = [GITHUB.match(line) for line in lines]
    assert all(parsed), lines
    seen = {(m.group(2), m.group(6), m.group(1)) for m in parsed}
    assert ("a.promo.yaml", "inverted-threshold", "error") in seen
    assert ("a.promo.yaml", "unused-suppression", "warning") in seen
    assert ("b.promo", "duplicate-id", "error") in seen
    assert all("%" not in m.group(7).replace("%25", "").replace("%0A", "") for m in parsed)


def test_github_escapes_newlines_and_percent():
    from promolint.report.formats.github import _data, _property
    assert _data("50%\nnext") == "50%25%0Anext"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_gitlab_code_quality(shop):
    issues = json.loads(output("gitlab"))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] and issue["location"]["positions"]["begin"]["line"] >= 1
        assert issue["description"] and issue["check_name"]


def test_json_summary_carries_each_promotions_worst_case_exposure():
    import json
    from pathlib import Path

    from promolint.core.config import Settings
    from promolint.report.formats import render
    from promolint.run.lint import lint_paths
    shop = Path(__file__).resolve().parents[2] / "examples" / "shop"
    data = json.loads(render("json", lint_paths([str(shop)], Settings())))
    exposure = data["summary"]["exposure"]
    assert exposure["d11-spend200-save50"] == {"amount": "500000.00", "currency": "CNY"}
    assert exposure["flash-hp300"]["amount"] is None  # a fixed price: nothing caps units per order
