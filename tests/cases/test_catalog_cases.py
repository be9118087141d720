"""The rule catalog's examples carry `promolint test` cases: each runs and passes, so an
example's story (what the bad promotion gives away, what the good one does) is checked."""
from __future__ import annotations

from pathlib import Path

import pytest

from promolint.cases.suite import run_suite
from promolint.report.catalog import rules
from promolint.core.config import load_settings

EXAMPLES = [(rule.name, kind, example) for rule in rules().values()
            for kind, examples in (("bad", rule.bad), ("good", rule.good))
            for example in examples if example.cases]


def test_catalog_examples_have_cases():
    assert len(EXAMPLES) >= 10
    assert {kind for _, kind, _ in EXAMPLES} == {"bad", "good"}


@pytest.mark.parametrize("rule,kind,example", EXAMPLES,
                         ids=[f"{r}-{k}-{e.file}" for r, k, e in EXAMPLES])
def test_catalog_example_cases_pass(tmp_path: Path, rule, kind, example):
    config = example.config
    if example.prices:
        (tmp_path / "market_prices.csv").write_text(example.prices, "utf-8")
        config = 'market_prices = "market_prices.csv"\n' + config
    (tmp_path / "promolint.toml").write_text(config, "utf-8")
    (tmp_path / example.file).write_text(example.text, "utf-8")
    (tmp_path / "example.cases.yaml").write_text(example.cases, "utf-8")
    result = run_suite([str(tmp_path)], load_settings(explicit=tmp_path / "promolint.toml"))
    assert result.problems == [] and result.load_errors == []
    failures = [(o.case.name, f.message()) for o in result.outcomes for f in o.failures]
    assert failures == [] and all(o.problem is None for o in result.outcomes)
    assert result.outcomes
