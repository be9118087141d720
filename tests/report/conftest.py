"""The shop every reporter test renders: a config, two promotion files with findings
(YAML and DSL) and one that does not parse."""
from __future__ import annotations

import pytest

CONFIG = ('select = ["syntax", "schema", "inverted-threshold", "duplicate-id", '
          '"invalid-suppression", "unused-suppression"]\n')
A = """\
apiVersion: promolint/v1
kind: Promotion
id: spend50
name: Spend 50, save 200
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
benefit: {type: threshold_off, threshold: 50, amount: 200}
limits: {budget: 1000}
---
apiVersion: promolint/v1
kind: Promotion
id: staff-test
name: "Staff test: spend 10, save 10"
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
# promolint: ignore inverted-threshold reason="staff-only test, FIN-123"
benefit: {type: threshold_off, threshold: 10, amount: 10}
limits: {budget: 100}  # promolint: ignore duplicate-id reason="nothing to hide"
"""
B = """\
promotion spend50 "Copy, 100% off" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  benefit spend 200 save 50
  limits budget 1000
}
"""
C = "apiVersion: promolint/v1\nkind: [unclosed\n"

@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for name, text in (("promolint.toml", CONFIG), ("a.promo.yaml", A), ("b.promo", B),
                       ("c.promo.yaml", C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path
