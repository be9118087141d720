"""SARIF 2.1.0: valid against the official schema, rules from the catalog, suppressions."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.report.catalog import rules
from tests import shared

SCHEMA = shared.SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json"


def sarif(*extra: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *extra, "."])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@shared.needs(SCHEMA)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_valid_against_the_official_schema(shop, lang):
    import jsonschema
    schema = json.loads(SCHEMA.read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(sarif("--lang", lang)), key=str)
    assert not errors, errors[0]


def test_rules_come_from_the_catalog(shop):
    driver = sarif()["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(rules())
    for entry in driver["rules"]:
        rule = rules()[entry["id"]]
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"] == rule.what.strip()
        assert rule.fix.strip() in entry["help"]["text"]
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert entry["defaultConfiguration"]["level"] == level


def test_results_have_rule_level_message_and_region(shop):
    run = sarif()["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "SRCROOT"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1


def test_suppressed_results_carry_the_justification(shop):
    results = sarif()["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in suppressed] == [
        ("inverted-threshold", [{"kind": "inSource", "status": "accepted",
                                 "justification": "staff-only test, FIN-123"}])]


def test_baselined_results_are_external_suppressions(shop):
    assert CliRunner().invoke(main, ["baseline", "-o", "base.json", "."]).exit_code == 0
    results = sarif("--baseline", "base.json")["runs"][0]["results"]
    kinds = {s["kind"] for r in results for s in r.get("suppressions", [])}
    assert kinds == {"inSource", "external"}
    assert all("suppressions" in r for r in results)
