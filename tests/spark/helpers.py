"""Both engines on the same rows: promolint.spark.audit and the one-machine audit."""
from __future__ import annotations

import csv
import json

from promolint.audit.rows import FINDING_COLUMNS

PRICE_FIELDS = ("tenant", "sku", "currency", "market_price", "category")


def spark_findings(spark, rows: list[dict], prices: list[dict], settings) -> list[tuple]:
    from pyspark.sql.types import StringType, StructField, StructType
    import promolint.spark
    promo_schema = StructType([StructField(c, StringType()) for c in
                               ("tenant", "source", "promotion", "notes")])
    price_schema = StructType([StructField(c, StringType()) for c in PRICE_FIELDS])
    promos = spark.createDataFrame([tuple(_notes(r).get(c) for c in
                                          ("tenant", "source", "promotion", "notes"))
                                    for r in rows], promo_schema)
    listed = spark.createDataFrame([tuple(p.get(c) for c in PRICE_FIELDS) for p in prices],
                                   price_schema)
    found = promolint.spark.audit(promos, listed, settings, run_id="test")
    assert found.columns == [*FINDING_COLUMNS, "run_id"]
    return sorted(tuple(r[c] for c in FINDING_COLUMNS) for r in found.collect())


def local_findings(tmp_path, rows: list[dict], prices: list[dict], settings) -> list[tuple]:
    """What `promolint audit rows.jsonl --prices prices.csv --format jsonl` writes."""
    from promolint.audit.command import gather
    from promolint.audit.formats import render
    (tmp_path / "rows.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    with open(tmp_path / "prices.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, PRICE_FIELDS)
        writer.writeheader()
        writer.writerows(prices)
    report = gather(str(tmp_path / "rows.jsonl"), str(tmp_path / "prices.csv"), None, settings)[0]
    lines = render("jsonl", report).splitlines()
    return sorted(tuple(json.loads(line)[c] for c in FINDING_COLUMNS) for line in lines)


def _notes(row: dict) -> dict:
    if isinstance(row.get("notes"), list):
        return row | {"notes": json.dumps(row["notes"])}
    return row


def by_tenant(findings: list[tuple]) -> dict:
    out: dict = {}
    for f in findings:
        out.setdefault(f[0], []).append(f)
    return out
