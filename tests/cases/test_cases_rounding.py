"""`promolint test` expects what the shop charges (each discount rounded to the cent,
half-even: docs/rounding.md), not the exact arithmetic."""
from __future__ import annotations

from click.testing import CliRunner

from promolint.cli import main

PROMO = """\
apiVersion: promolint/v1
kind: Promotion
id: half-tee
name: half off tees
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
scope: {skus: [TEE]}
benefit: {type: percent_off, percent: 50}
limits: {budget: 1000, per_user: 1}
"""
CASE = """\
cases:
  - name: one tee at 9.99
    at: 2026-11-11T10:00:00+08:00
    cart: {{lines: [{{sku: TEE, unit_price: 9.99}}]}}
    expect: {{total: {total}, discount: {discount}}}
"""


def run(tmp_path, total: str, discount: str):
    (tmp_path / "promolint.toml").write_text("", "utf-8")
    (tmp_path / "tee.promo.yaml").write_text(PROMO, "utf-8")
    (tmp_path / "tee.cases.yaml").write_text(CASE.format(total=total, discount=discount), "utf-8")
    return CliRunner().invoke(main, ["test", "--config", str(tmp_path / "promolint.toml"),
                                     str(tmp_path)], catch_exceptions=False)


def test_the_case_expects_the_rounded_total(tmp_path):
    done = run(tmp_path, "4.99", "5.00")
    assert done.exit_code == 0, done.output


def test_the_exact_total_is_not_what_the_shop_charges(tmp_path):
    done = run(tmp_path, "4.995", "4.995")
    assert done.exit_code == 1
    assert "total: expected 4.995, got 4.99" in done.output
    assert "discount: expected 4.995, got 5.00" in done.output
