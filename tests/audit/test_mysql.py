"""`promolint audit mysql://...` against a real MariaDB (tests/audit/conftest.py), with
an account that may only SELECT, and the database unchanged afterwards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main

HERE = Path(__file__).parent
SHOP = str(HERE / "example_shop.py")
SQL = (HERE / "example_shop.sql").read_text("utf-8")


@pytest.fixture(scope="module")
def shopdb(mariadb):
    mariadb.load("shop", SQL)
    return mariadb


def audit(*args, env=None):
    result = CliRunner().invoke(main, ["audit", *args], env=env or {})
    return result.exit_code, result.stdout, result.stderr


def findings(url: str, *extra, env=None) -> tuple[int, list[dict], str]:
    code, out, err = audit(url, "--shop", SHOP, "--format", "jsonl", *extra, env=env)
    return code, [json.loads(line) for line in out.splitlines()], err


def rules_at(rows) -> set[tuple]:
    return {(r["tenant"], r["source"], r["pointer"], r["rule"]) for r in rows}


def test_a_select_only_account_audits_the_shop(shopdb):
    code, rows, err = findings(shopdb.url("shop"))
    assert code == 1, err
    found = rules_at(rows)
    assert ("", "promo#1", "/benefit/amount", "inverted-threshold") in found
    assert ("1", "promo#2", "/benefit/price", "below-market") in found
    assert ("1", "promo#3", "", "unmapped-field") in found  # the daily slot, said
    assert not any(r["source"] == "promo#4" for r in rows)  # soft-deleted: not a promotion
    assert ("2", "promo#6", "", "schema") in found  # the ladder's JSON is cut short
    assert ("2", "promo#5", "/benefit/amount", "inverted-threshold") not in found
    # the platform row's own finding is reported once, not once per tenant
    assert sum(r["source"] == "promo#1" and r["rule"] == "inverted-threshold" for r in rows) == 1


def test_the_database_is_unchanged_after_an_audit(shopdb):
    before = shopdb.checksums("shop")
    assert findings(shopdb.url("shop"))[0] == 1
    assert shopdb.checksums("shop") == before


def test_the_session_is_read_only_even_for_an_account_that_may_write(shopdb):
    import pymysql
    from promolint.audit import mysql
    target = mysql.parse_url(f"mysql://admin:{shopdb.admin_password}@127.0.0.1:{shopdb.port}/shop")
    conn = mysql.connect(target)
    try:
        with conn.cursor() as cur, pytest.raises(pymysql.err.OperationalError) as err:
            cur.execute("UPDATE goods SET price = 1 WHERE sku = 'GC-100'")
        assert err.value.args[0] == 1792  # cannot execute in a READ ONLY transaction
    finally:
        conn.close()


def test_text_names_the_row_and_field_and_no_password(shopdb):
    code, out, err = audit(shopdb.url("shop"), "--shop", SHOP)
    assert "1 / promo#2 benefit.price: error below-market" in out
    code, out, _ = audit(shopdb.url("shop"), "--shop", SHOP, "--format", "sarif")
    sarif = json.loads(out)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert f"mysql://127.0.0.1:{shopdb.port}/shop/promo%232" in uris
    assert "reader-pw" not in out and "reader" not in "".join(uris)
    code, out, _ = audit(shopdb.url("shop"), "--shop", SHOP, "--format", "json")
    first = next(f for f in json.loads(out)["findings"] if f["rule"] == "below-market")
    assert first["source"] == {"table": "promo", "key": "2", "column": "price"}
    assert first["path"] == f"mysql://127.0.0.1:{shopdb.port}/shop/promo#2"


def test_password_from_the_environment(shopdb):
    url = f"mysql://reader@127.0.0.1:{shopdb.port}/shop"
    assert findings(url, env={"MYSQL_PWD": "reader-pw"})[0] == 1


def test_password_from_my_cnf(shopdb, tmp_path, monkeypatch):
    (tmp_path / ".my.cnf").write_text("[client]\nuser = reader\npassword = reader-pw\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert findings(f"mysql://127.0.0.1:{shopdb.port}/shop", env={"MYSQL_PWD": ""})[0] == 1


@pytest.mark.parametrize("url,sentence", [
    ("mysql://reader:wrong@127.0.0.1:{port}/shop", "refused the login"),
    ("mysql://reader:reader-pw@127.0.0.1:{closed}/shop", "cannot reach the database"),
])
def test_login_and_connection_failures_are_one_located_line(shopdb, url, sentence):
    from tests.audit.conftest import _free_port
    code, out, err = audit(url.format(port=shopdb.port, closed=_free_port()), "--shop", SHOP)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and sentence in lines[0] and "mysql://127.0.0.1:" in lines[0]
    assert "wrong" not in err and "reader-pw" not in err


def test_missing_table_and_odd_column_still_check_the_rest(shopdb):
    odd = SQL.replace("amount DECIMAL(10,2)", "amount VARCHAR(20)").split("CREATE TABLE goods")[0]
    odd += "INSERT INTO promo (id, title, kind, threshold, amount, start_ms, end_ms) VALUES " \
           "(1, 'odd', 'full_reduction', 50, 'twenty', 1794412800000, 1794499200000), " \
           "(2, 'inverted', 'full_reduction', 50, '200', 1794412800000, 1794499200000)"
    shopdb.load("odd", odd)
    code, rows, err = findings(shopdb.url("odd"))
    assert code == 2
    assert "table goods is missing" in err and len(err.strip().splitlines()) == 1
    found = rules_at(rows)
    assert ("", "promo#1", "", "schema") in found  # 'twenty' is no amount: said on the row
    assert ("", "promo#2", "/benefit/amount", "inverted-threshold") in found


def test_the_shop_is_guessed_from_the_tables(shopdb, monkeypatch):
    from promolint.audit import shops
    assert shops.guess(["promo", "goods", "users"]) is None or shops.guess(["promo", "goods"]) in shops.SHOPS
    code, out, err = audit(shopdb.url("shop"))  # the example adapter is not built in
    assert code == 2 and "--shop" in err and len(err.strip().splitlines()) == 1


def test_chinese_lines(shopdb):
    code, out, err = audit("mysql://reader:wrong@127.0.0.1:%d/shop" % shopdb.port,
                           "--shop", SHOP, "--lang", "zh")
    assert code == 2 and "数据库拒绝了登录" in err
