"""`promolint audit FILE`: rows from JSON Lines, CSV and Parquet, tenants, pointers,
formats, baselines."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.audit.helpers import promo, row, write_jsonl

PRICES = "tenant,sku,currency,market_price,category\n,GC-100,CNY,100.00,cards\nt2,GC-100,CNY,10.00,cards\n"
FLASH = promo("flash", {"type": "fixed_price", "price": 10}, scope={"skus": ["GC-100"]})
INVERTED = promo("inverted", {"type": "threshold_off", "threshold": 50, "amount": 200})


def audit(*args):
    result = CliRunner().invoke(main, ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


def jsonl(*args):
    code, out, err = audit(*args, "--format", "jsonl")
    return code, [json.loads(line) for line in out.splitlines()], err


def found(rows) -> set:
    return {(r["tenant"], r["source"], r["pointer"], r["rule"]) for r in rows}


@pytest.fixture
def prices(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(PRICES, "utf-8")
    return str(path)


def test_tenant_prices_and_platform_rows(tmp_path, prices):
    rows = write_jsonl(tmp_path / "rows.jsonl", [
        row("", "coupon#1", INVERTED), row("t1", "seckill#1", FLASH), row("t2", "seckill#2", FLASH)])
    code, out, err = jsonl(rows, "--prices", prices)
    assert code == 1, err
    hits = found(out)
    assert ("t1", "seckill#1", "/benefit/price", "below-market") in hits
    # t2's own price of GC-100 is 10.00: the flash price is no discount there
    assert not any(h[1] == "seckill#2" and h[3] == "below-market" for h in hits)
    assert [h for h in hits if h[1] == "coupon#1" and h[3] == "inverted-threshold"] == [
        ("", "coupon#1", "/benefit/amount", "inverted-threshold")]


def test_duplicate_ids_count_within_a_tenant_and_with_the_platform(tmp_path, prices):
    same = promo("same", {"type": "amount_off", "amount": 1})
    rows = write_jsonl(tmp_path / "rows.jsonl", [
        row("t1", "a#1", same), row("t2", "a#2", same), row("t2", "a#3", same)])
    _, out, _ = jsonl(rows, "--prices", prices)
    dups = {(r["tenant"], r["source"]) for r in out if r["rule"] == "duplicate-id"}
    assert dups == {("t2", "a#3")}
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("", "p#1", same), row("t1", "a#1", same)])
    _, out, _ = jsonl(rows, "--prices", prices)
    assert {(r["tenant"], r["source"]) for r in out if r["rule"] == "duplicate-id"} == {("t1", "a#1")}


def test_schema_errors_have_json_pointers(tmp_path):
    bad = promo("bad", {"type": "threshold_off", "threshold": 50, "amonut": 5})
    bad["limits"] = {"total": "lots"}
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("", "c#1", bad)])
    _, out, _ = jsonl(rows)
    pointers = {r["pointer"] for r in out if r["rule"] == "schema"}
    assert {"/limits/total", "/benefit/amonut"} <= pointers


def test_malformed_rows_are_findings_and_the_rest_is_checked(tmp_path):
    path = tmp_path / "rows.jsonl"
    write_jsonl(path, [row("", "c#1", "{not json"), row("", "c#2", INVERTED),
                       row("", "c#3", json.dumps(INVERTED)[:-1] + ', "id": "x"}'), row("", "c#4", "")])
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("{broken line\n")
    code, out, _ = jsonl(str(path))
    assert code == 1
    hits = found(out)
    assert ("", "c#1", "", "syntax") in hits and ("", "c#4", "", "syntax") in hits
    assert ("", "c#3", "", "duplicate-key") in hits
    assert ("", "rows.jsonl:5", "", "syntax") in hits
    assert ("", "c#2", "/benefit/amount", "inverted-threshold") in hits


def test_notes_column_becomes_info(tmp_path):
    rows = write_jsonl(tmp_path / "rows.jsonl", [
        row("", "s#1", FLASH, notes=[["quantity-ladder", {"ladder": "2+: 8.00"}]])])
    code, out, _ = jsonl(rows, "--fail-on", "error")
    info = [r for r in out if r["rule"] == "unmapped-field"]
    assert info and info[0]["severity"] == "info" and "8.00" in info[0]["message_zh"]


def test_csv_and_parquet_give_the_same_findings_as_jsonl(tmp_path, prices):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    items = [row("", "coupon#1", INVERTED), row("t1", "seckill#1", FLASH)]
    write_jsonl(tmp_path / "rows.jsonl", items)
    with open(tmp_path / "rows.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["tenant", "source", "promotion"])
        writer.writeheader()
        writer.writerows(items)
    pq.write_table(pa.Table.from_pylist(items), tmp_path / "rows.parquet")
    results = [jsonl(str(tmp_path / name), "--prices", prices)[1]
               for name in ("rows.jsonl", "rows.csv", "rows.parquet")]
    assert results[0] == results[1] == results[2] and results[0]


def test_parquet_prices_and_a_folder(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    from decimal import Decimal
    folder = tmp_path / "rows"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [row("t1", "seckill#1", FLASH)])
    write_jsonl(folder / "b.jsonl", [row("t1", "seckill#2", FLASH | {"id": "other"})])
    prices = pa.table({"sku": ["GC-100"], "currency": ["CNY"],
                       "market_price": pa.array([Decimal("100.00")], pa.decimal128(10, 2))})
    pq.write_table(prices, tmp_path / "prices.parquet")
    _, out, _ = jsonl(str(folder), "--prices", str(tmp_path / "prices.parquet"))
    assert {r["source"] for r in out if r["rule"] == "below-market"} == {"seckill#1", "seckill#2"}


def test_a_column_of_the_wrong_type_is_one_located_line(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"tenant": [""], "source": ["x#1"], "promotion": [12]}),
                   tmp_path / "rows.parquet")
    code, out, err = audit(str(tmp_path / "rows.parquet"))
    assert code == 2 and out == "" and "rows.parquet" in err and "promotion" in err
    assert len(err.strip().splitlines()) == 1
    pq.write_table(pa.table({"tenant": [""], "source": ["x#1"]}), tmp_path / "rows.parquet")
    code, _, err = audit(str(tmp_path / "rows.parquet"))
    assert code == 2 and "no column promotion" in err


def test_bad_price_row_is_one_located_line(tmp_path):
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("t1", "seckill#1", FLASH)])
    (tmp_path / "prices.csv").write_text("sku,currency,market_price\nGC-100,RMB,100\n")
    code, out, err = audit(rows, "--prices", str(tmp_path / "prices.csv"))
    assert code == 2 and "prices.csv:2" in err and len(err.strip().splitlines()) == 1


def test_text_and_github_carry_the_row(tmp_path, prices):
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("t1", "seckill#1", FLASH)])
    _, out, _ = audit(rows, "--prices", prices)
    assert out.startswith("t1 / seckill#1 benefit.price: error below-market:")
    _, out, _ = audit(rows, "--prices", prices, "--format", "github")
    assert out.startswith("::error file=seckill#1,title=promolint below-market::")
    for fmt in ("json", "sarif", "junit", "gitlab"):
        code, out, err = audit(rows, "--prices", prices, "--format", fmt)
        assert code == 1 and "seckill#1" in out, (fmt, err)


def test_baseline_reports_only_what_is_new(tmp_path, prices):
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("t1", "seckill#1", FLASH)])
    base = tmp_path / "base.json"
    assert audit(rows, "--prices", prices, "--write-baseline", str(base))[0] == 1
    assert audit(rows, "--prices", prices, "--baseline", str(base))[0] == 0
    write_jsonl(tmp_path / "rows.jsonl", [row("t1", "seckill#1", FLASH), row("t1", "coupon#9", INVERTED)])
    code, out, _ = jsonl(rows, "--prices", prices, "--baseline", str(base))
    assert code == 1 and {r["source"] for r in out} == {"coupon#9"}


def test_suppress_list_in_a_row(tmp_path, prices):
    quiet = FLASH | {"suppress": [{"rule": "below-market", "reason": "clearance, ticket FIN-1"}]}
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("t1", "seckill#1", quiet)])
    code, out, _ = jsonl(rows, "--prices", prices)
    assert code == 0 and not any(r["rule"] == "below-market" for r in out)


def test_missing_extra_is_one_line(tmp_path):
    import subprocess
    import sys
    pytest.importorskip("pyarrow")
    (tmp_path / "rows.parquet").write_bytes(b"PAR1")
    code = ("import sys; sys.modules['pyarrow'] = None; from promolint.cli import main; "
            "sys.argv = ['promolint', 'audit', sys.argv[1]]; main()")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "rows.parquet")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "pip install '.[audit]'" in done.stderr
    assert "promolint[audit]" not in done.stderr
    code = code.replace("pyarrow", "pymysql")
    done = subprocess.run([sys.executable, "-c", code, "mysql://u@127.0.0.1:1/db"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "PyMySQL" in done.stderr and "'.[audit]'" in done.stderr


def test_audit_batches_matches_the_one_machine_audit(tmp_path, prices):
    pa = pytest.importorskip("pyarrow")
    from promolint.audit.core import audit_batches
    from promolint.core.config import Settings
    items = [row("t1", "seckill#1", FLASH), row("t1", "coupon#1", INVERTED)]
    batch = audit_batches(pa.RecordBatch.from_pylist(items), None,
                          pa.RecordBatch.from_pylist([{"tenant": "", "sku": "GC-100", "currency": "CNY",
                                                       "market_price": "100.00", "category": "cards"}]),
                          Settings())
    rows = write_jsonl(tmp_path / "rows.jsonl", items)
    _, out, _ = jsonl(rows, "--prices", prices)
    assert sorted(batch.to_pylist(), key=str) == sorted(out, key=str)


def test_the_readme_example_audits_as_printed():
    from pathlib import Path
    root = Path(__file__).parents[2]
    readme = (root / "README.md").read_text("utf-8")
    assert "python3 dev.py audit examples/audit/rows.jsonl --prices examples/audit/prices.csv" in readme
    code, out, err = audit(str(root / "examples/audit/rows.jsonl"), "--prices",
                           str(root / "examples/audit/prices.csv"))
    assert code == 1 and "2 error(s)" in out, err
    assert "card-shop / sms_flash_promotion_product_relation#3 benefit.price: error below-market:" in out


def test_csv_rows_leave_the_process_csv_limit_as_it_was(tmp_path):
    """A promotion's JSON may pass csv's 128 KB field limit; the price list reader (same
    process: tests, the LSP) keeps its own limit after an audit."""
    with open(tmp_path / "rows.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["tenant", "source", "promotion"])
        writer.writeheader()
        writer.writerow(row("", "coupon#1", INVERTED))
    before = csv.field_size_limit()
    assert audit(str(tmp_path / "rows.csv"))[0] == 1
    assert csv.field_size_limit() == before


def test_audit_group_per_tenant_equals_the_one_machine_audit(tmp_path, prices):
    """The engine-neutral function, called per tenant with the platform rows (as Spark
    does), gives the findings `audit FILE --format jsonl` gives: cross-promotion ones too."""
    from promolint.audit import tables
    from promolint.audit.core import audit_group, public
    from promolint.core.config import Settings
    same = promo("same", {"type": "amount_off", "amount": 1})
    items = [row("", "p#1", INVERTED), row("", "p#2", same), row("t1", "a#1", same),
             row("t1", "a#2", FLASH), row("t2", "b#1", FLASH), row("t2", "b#2", INVERTED | {"id": "x"})]
    path = write_jsonl(tmp_path / "rows.jsonl", items)
    rows, price_rows = list(tables.promotion_rows(path)), tables.price_rows(prices)
    platform = [r for r in rows if not r.tenant]
    found = []
    for tenant in ("", "t1", "t2"):
        mine = [r for r in rows if r.tenant == tenant] if tenant else []
        reach = [p for p in price_rows if p.tenant in ("", tenant)]
        found += audit_group(mine, platform, reach, Settings()) if tenant else \
            audit_group([], platform, reach, Settings())
    _, out, _ = jsonl(path, "--prices", prices)
    assert sorted((public(f) for f in found), key=str) == sorted(out, key=str)
    assert {r["rule"] for r in out} >= {"duplicate-id", "below-market", "inverted-threshold"}


def test_chinese_text(tmp_path, prices):
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("t1", "seckill#1", FLASH)])
    code, out, _ = audit(rows, "--prices", prices, "--lang", "zh")
    assert code == 1 and out.startswith("t1 / seckill#1 benefit.price: 错误 below-market:")
    assert "检查了 1 个商户的 1 行" in out


def test_a_bug_in_a_check_names_the_row_and_keeps_the_other_findings(tmp_path, prices, monkeypatch):
    from promolint.checks import unbounded_cost

    def broken(promo, ctx):
        if promo.id == "inverted":
            raise RuntimeError("boom")
        return iter(())
    monkeypatch.setattr(unbounded_cost, "check", broken)
    rows = write_jsonl(tmp_path / "rows.jsonl", [row("t1", "coupon#1", INVERTED), row("t1", "seckill#1", FLASH)])
    code, out, err = jsonl(rows, "--prices", prices)
    assert code == 2 and "coupon#1: internal error in rule unbounded-cost" in err
    assert {(r["source"], r["rule"]) for r in out} >= {("coupon#1", "inverted-threshold"),
                                                        ("seckill#1", "below-market")}
