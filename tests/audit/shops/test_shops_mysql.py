"""Each built-in adapter end to end: `promolint audit mysql://... --shop NAME` against
its schema fixture in a real MariaDB (tests/audit/conftest.py), read by a SELECT-only
account. Each fixture holds dangerous rows (their findings must be there), clean rows
(no error on them) and soft-deleted or not-in-force rows (nothing on them at all)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main

SQL = Path(__file__).parent / "sql"

# shop: (findings that must be there, sources with no error, sources never reported)
EXPECTED = {
    "newbee": (
        {("tb_newbee_mall_seckill#1", "/benefit/price", "below-market"),
         ("tb_newbee_mall_coupon#2", "/benefit/amount", "inverted-threshold"),
         ("tb_newbee_mall_coupon#3", "/audience", "missing-eligibility"),
         ("tb_newbee_mall_coupon#4", "", "unmapped-field")},
        {"tb_newbee_mall_seckill#2", "tb_newbee_mall_coupon#1"},
        {"tb_newbee_mall_seckill#3", "tb_newbee_mall_coupon#5"}),
    "litemall": (
        {("litemall_groupon_rules#1", "/benefit/price", "below-market"),
         ("litemall_groupon_rules#3", "/benefit/min_group_size", "missing-eligibility"),
         ("litemall_coupon#2", "/benefit/amount", "below-market"),
         ("litemall_coupon#1", "", "unmapped-field"),
         # 100.00 lamp: group price 55.00 (45% off), then the coupon's 10 off 50: 55% off
         ("litemall_groupon_rules#5", "/stacking", "stacking-below-market")},
        {"litemall_groupon_rules#2", "litemall_coupon#1", "litemall_coupon#3"},
        {"litemall_groupon_rules#4", "litemall_coupon#5"}),
    "crmeb": (
        {("eb_store_combination#39", "/benefit/price", "below-market"),
         ("eb_store_combination#38", "/scope/skus/0", "price-increase"),
         ("eb_store_combination#40", "/audience", "missing-eligibility"),
         ("eb_store_bargain#28", "/benefit/price", "below-market"),
         ("eb_store_seckill#51", "", "unmapped-field")},
        {"eb_store_combination#41", "eb_store_seckill#51", "eb_store_coupon#30",
         "eb_store_coupon#31"},
        {"eb_store_combination#42"}),
    "yshop": (
        {("yx_store_coupon#66", "/benefit/amount", "below-market"),
         ("yx_store_coupon#66", "", "unmapped-field")},
        {"yx_store_coupon#3"},
        {"yx_store_coupon#2", "yx_store_coupon#9"}),
    "mall": (
        {("sms_flash_promotion_product_relation#1", "/benefit/price", "below-market"),
         ("sms_coupon#28", "/benefit/amount", "inverted-threshold"),
         ("pms_product_ladder#27", "", "unmapped-field")},
        {"sms_flash_promotion_product_relation#2", "pms_sku_stock#106", "pms_sku_stock#107",
         "pms_product_full_reduction#28", "pms_product_ladder#27", "sms_coupon#27",
         "sms_coupon#29"},
        {"pms_member_price#1", "pms_product_ladder#30", "pms_product_ladder#31",
         "sms_flash_promotion_product_relation#3"}),
}


@pytest.fixture(scope="module")
def shops_db(mariadb):
    for shop in EXPECTED:
        mariadb.load(f"shop_{shop}", (SQL / f"{shop}.sql").read_text("utf-8"))
    return mariadb


def audit(url: str, *args) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["audit", url, "--format", "jsonl", *args], env={})
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("shop", sorted(EXPECTED))
def test_each_shop_is_audited_with_known_answers(shops_db, shop):
    present, clean, absent = EXPECTED[shop]
    code, rows = audit(shops_db.url(f"shop_{shop}"), "--shop", shop)
    assert code == 1
    found = {(r["source"], r["pointer"], r["rule"]) for r in rows}
    assert present <= found, present - found
    assert not [r for r in rows if r["source"] in clean and r["severity"] == "error"]
    assert not [r for r in rows if r["source"] in absent]
    # the stacking lists name only promotions the adapter makes
    assert not [r for r in rows if r["rule"] == "unknown-reference"]


def test_a_coupon_and_a_group_buy_rule_stack_in_litemall(shops_db):
    _, rows = audit(shops_db.url("shop_litemall"), "--shop", "litemall")
    overlaps = {r["source"] for r in rows if r["rule"] == "overlapping-exclusive"}
    assert not overlaps & {"litemall_coupon#4", "litemall_groupon_rules#5"}
    [stack] = [r for r in rows if r["rule"] == "stacking-below-market"]
    assert set(json.loads(stack["witness"])["promotions"]) == {"coupon-4", "groupon-5"}


def test_the_shop_is_guessed_from_its_tables_and_nothing_is_written(shops_db):
    before = shops_db.checksums("shop_crmeb")
    code, rows = audit(shops_db.url("shop_crmeb"))
    assert code == 1 and any(r["source"] == "eb_store_combination#39" for r in rows)
    assert shops_db.checksums("shop_crmeb") == before


def test_a_finding_names_the_shop_column_it_comes_from(shops_db):
    result = CliRunner().invoke(main, ["audit", shops_db.url("shop_newbee"), "--shop", "newbee",
                                       "--format", "json"], env={})
    sources = [f["source"] for f in json.loads(result.stdout)["findings"]
               if f["rule"] == "below-market"]
    assert {"table": "tb_newbee_mall_seckill", "key": "1", "column": "seckill_price"} in sources
