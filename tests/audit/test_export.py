"""docs/audit.md's generic row export, run as printed through the mysql client on the
tests' MariaDB, and audited."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main

DOC = (Path(__file__).parents[2] / "docs" / "audit.md").read_text("utf-8")
TABLES = """CREATE TABLE coupon (id INT PRIMARY KEY, shop_id INT NOT NULL, name VARCHAR(60),
  min_spend DECIMAL(10,2), amount DECIMAL(10,2), start_time DATETIME, end_time DATETIME,
  per_user INT, quantity INT, deleted TINYINT NOT NULL DEFAULT 0);
CREATE TABLE goods (sku VARCHAR(20) PRIMARY KEY, price DECIMAL(10,2), category VARCHAR(20));
INSERT INTO coupon VALUES (1, 0, '满50减200', 50.00, 200.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 1, 100, 0),
  (2, 7, 'Spend 199 save 20', 199.00, 20.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 1, 100, 0),
  (3, 7, 'deleted', 10.00, 90.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 1, 100, 1);
INSERT INTO goods VALUES ('TEA-1', 39.00, 'tea')"""


def test_the_generic_export_runs_and_audits(mariadb, tmp_path):
    client = shutil.which("mysql") or shutil.which("mariadb")
    if client is None:
        pytest.skip("no mysql client (apt-get install mariadb-client)")
    mariadb.load("export", TABLES)
    query = re.search(r"```sql\n(SELECT JSON_OBJECT\(.*?)```", DOC, re.S).group(1)
    login = ["-h", "127.0.0.1", "-P", str(mariadb.port), "-u", "reader", "-preader-pw"]
    rows = subprocess.run([client, *login, "-N", "--raw", "export"], input=query,
                          capture_output=True, text=True, check=True).stdout
    prices = re.search(r'-e "(SELECT JSON_OBJECT\(.*?)" shop', DOC).group(1)
    price_rows = subprocess.run([client, *login, "-N", "--raw", "-e", prices, "export"],
                                capture_output=True, text=True, check=True).stdout
    (tmp_path / "rows.jsonl").write_text(rows, "utf-8")
    (tmp_path / "prices.jsonl").write_text(price_rows, "utf-8")
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "rows.jsonl"), "--prices",
                                       str(tmp_path / "prices.jsonl"), "--format", "jsonl"])
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1, result.stderr
    assert ("", "coupon#1", "/benefit/amount", "inverted-threshold") in {
        (f["tenant"], f["source"], f["pointer"], f["rule"]) for f in found}
    assert not any(f["source"] == "coupon#3" for f in found)
    assert not any(f["rule"] in ("schema", "syntax") for f in found)
