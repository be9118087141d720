"""Start-up: each command imports only what it uses (a cold start is most of a pre-commit run)."""
from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
sys.argv = ["promolint", *sys.argv[1:]]
from promolint.cli import main
try:
    main()
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)))
"""

PROMO = """apiVersion: promolint/v1
kind: Promotion
id: spring-10
name: Spring ten percent
owner: growth@example.com
currency: CNY
window: {start: 2026-03-01T00:00:00+08:00, end: 2026-03-08T00:00:00+08:00}
scope: {skus: [SKU-1]}
benefit: {type: percent_off, percent: 10, max_amount: 20}
limits: {per_user: 1, total: 100, budget: 2000}
"""


def imported(tmp_path, *args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout
    return set(out.rsplit("MODULES ", 1)[1].split())


def test_a_yaml_file_without_audience_imports_no_parser_or_git(tmp_path):
    (tmp_path / "a.promo.yaml").write_text(PROMO)
    modules = imported(tmp_path, "check", "a.promo.yaml", "--no-cache")
    assert "promolint.model.promotion" in modules  # it did lint
    assert not {"lark", "promolint.expr._parser", "promolint.run.changed", "subprocess"} & modules
    # the schema test is generated ahead (promolint.schema._check); the schema JSON is
    # read and jsonschema imported only for an invalid file
    assert not {"jsonschema", "json", "importlib.resources", "tempfile"} & modules


def test_an_audience_uses_the_generated_parser_not_lark(tmp_path):
    (tmp_path / "a.promo.yaml").write_text(PROMO + 'audience: "user.tier == \'gold\'"\n')
    modules = imported(tmp_path, "check", "a.promo.yaml", "--no-cache")
    assert "promolint.expr._parser" in modules and "lark" not in modules
    assert "logging" not in modules  # the generated parser's logger is a no-op (promolint.expr.gen)


@pytest.mark.parametrize("args", [("--version",), ("rules",), ("explain", "below-market")])
def test_info_commands_do_not_load_the_linter(tmp_path, args):
    modules = imported(tmp_path, *args)
    assert not {"lark", "promolint.run.lint", "promolint.model.promotion", "promolint.run.changed"} & modules
    if args == ("--version",):
        assert "yaml" not in modules and "promolint.report.catalog" not in modules
