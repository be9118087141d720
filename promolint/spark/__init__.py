"""promolint.spark.audit: the audit of section 8 on Apache Spark, one group per tenant.

The plan (nothing is collected to the driver):
1. rows numbered in input order (a file's order, as one machine reads it), grouped by
   tenant; a tenant past max_tenant_rows is split into parts by a hash of the row, each
   part checked row by row (tenant-too-large says so);
2. the platform-wide rows (empty tenant) joined to every other tenant's group, and
   audited once alone as tenant "" (with the platform-wide prices only);
3. each group's reachable prices: the SKUs its rows list, every price of the
   categories they list, every price of the tenant for a whole-order row (reach.py),
   plus the tenant's first SKU (a group whose price list is not empty sees it so); a
   tenant's own price of a SKU wins over a platform-wide one, as on one machine; past
   max_tenant_prices only the listed SKUs are kept (tenant-too-large says so);
4. cogroup + applyInArrow (Spark 4), applyInPandas (Spark 3.4, 3.5): group.run;
5. a finding on a platform row in a tenant's group is kept only when the platform
   rows' own group does not have it (by fingerprint), as local.py does.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from pathlib import Path

from promolint.audit.rows import FINDING_COLUMNS

MAX_ROWS = 50_000     # a tenant's rows in one group (settings.max_tenant_rows)
MAX_PRICES = 500_000  # prices one group carries (settings.max_tenant_prices)
_PROMO = ("tenant", "source", "promotion", "notes", "_order")
_PRICE = ("tenant", "sku", "currency", "market_price", "category")


def audit(promotions, prices, config=None, *, run_id: str | None = None,
          today: date | None = None):
    """Findings of `promotions` (tenant, source, promotion[, notes]) against `prices`
    (tenant, sku, currency, market_price, category): a DataFrame of section 8's finding
    columns plus `run_id` (default: this run's UTC time and a random tag). `config`: a
    promolint.toml path or Settings (None: the defaults)."""
    settings = _settings(config)
    job = {"settings": settings, "today": today or date.today(),
           "run_id": run_id or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-")
           + uuid.uuid4().hex[:8],
           "max_rows": settings.max_tenant_rows or MAX_ROWS,
           "max_prices": settings.max_tenant_prices or MAX_PRICES}
    from pyspark.sql import functions as F
    rows, targets = _keyed(_promotion_frame(promotions), job["max_rows"])
    price = _price_frame(prices)
    groups = _renamed(rows.join(targets, "tenant"), "")
    reached = _renamed(_reached(rows, targets, price, job["max_prices"]), "")
    found = _cogroup(groups, reached, job)
    alone = found.filter(F.col("_group") == "").select(F.col("fingerprint").alias("_alone"))
    kept = found.filter(F.col("_group") != "").join(alone.distinct(), "_alone", "left_anti")
    result = found.filter(F.col("_group") == "").unionByName(kept)
    return result.filter(~F.col("_suppressed")).select(*FINDING_COLUMNS) \
        .withColumn("run_id", F.lit(job["run_id"]))


def _settings(config):
    from promolint.core.config import Settings, load_settings
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    return load_settings(explicit=Path(config))


def _clean(column):
    """A cell as one machine reads it: text, surrounding blanks stripped, "" for null."""
    from pyspark.sql import functions as F
    return F.coalesce(F.regexp_replace(column.cast("string"), r"^\s+|\s+$", ""), F.lit(""))


def _promotion_frame(df):
    from pyspark.sql import functions as F
    types = dict(df.dtypes)

    def text(name):
        if name not in types:
            return F.lit(None).cast("string")
        kind = types[name]
        return F.to_json(F.col(name)) if kind.startswith(("struct", "map", "array")) \
            else F.col(name).cast("string")
    return df.select(
        _clean(F.col("tenant")).alias("tenant") if "tenant" in types else F.lit("").alias("tenant"),
        _clean(F.col("source")).alias("source") if "source" in types else F.lit("").alias("source"),
        text("promotion").alias("promotion"), text("notes").alias("notes"),
        F.monotonically_increasing_id().alias("_order"))


def _price_frame(df):
    from pyspark.sql import functions as F
    types = dict(df.dtypes)
    category = _clean(F.col("category")) if "category" in types else F.lit("")
    return df.select(
        _clean(F.col("tenant")).alias("tenant") if "tenant" in types else F.lit("").alias("tenant"),
        _clean(F.col("sku")).alias("sku"), F.col("currency"), F.col("market_price"),
        F.when(category != "", category).alias("category"))


def _keyed(rows, max_rows: int):
    """(rows with `_part`: -1, or its part of a tenant past max_rows, `_count` and
    `_first`; tenant -> `_gt`, the groups a row's tenant joins: its own, and for the
    platform rows "" and every tenant not split into parts)."""
    from pyspark.sql import functions as F
    sizes = rows.groupBy("tenant").agg(F.count(F.lit(1)).alias("_count"),
                                       F.min("source").alias("_first"))
    big = (F.col("tenant") != "") & (F.col("_count") > max_rows)
    # about half the bound a part: a hash does not split evenly
    sizes = sizes.withColumn("_parts", F.when(
        big, F.ceil(F.col("_count") * 2 / max_rows)).otherwise(F.lit(0)).cast("long"))
    keyed = rows.join(sizes, "tenant").withColumn("_part", F.when(
        F.col("_parts") > 0, F.pmod(F.xxhash64("_order", "source"), F.col("_parts")))
        .otherwise(F.lit(-1)).cast("long")).drop("_parts")
    plain = sizes.filter((F.col("tenant") != "") & (F.col("_parts") == 0))
    targets = sizes.select("tenant", F.col("tenant").alias("_gt")).unionByName(
        plain.select(F.lit("").alias("tenant"), F.col("tenant").alias("_gt")))
    return keyed, targets


def _reached(rows, targets, price, max_prices: int):
    """The price rows each group (_gt, _part) can reach, own and platform-wide: its rows'
    reach (reach.py) probed against an index of the prices by (tenant, kind, key), once
    with the group's tenant and once with "" (the platform-wide prices)."""
    from pyspark.sql import functions as F
    from promolint.spark import reach
    keys = rows.select("tenant", "_part", "promotion").mapInArrow(
        reach.reach_batches, _ddl(reach.schema()))
    keys = keys.join(targets, "tenant").select("_gt", "_part", "kind", "key").distinct()
    probes = keys.withColumn("_pt", F.explode(F.array_distinct(F.array("_gt", F.lit("")))))
    # the first SKU of each tenant: a price list that is not empty is not empty in any
    # group (unpriced-sku asks), and a tenant with own prices is seen to have them
    firsts = price.groupBy("tenant").agg(F.min("sku").alias("sku")) \
        .select("tenant", "sku", F.lit("first").alias("kind"), F.lit("").alias("key"))
    index = price.select("tenant", "sku", F.explode(F.array(
        F.struct(F.lit("sku").alias("kind"), F.col("sku").alias("key")),
        F.struct(F.lit("cat").alias("kind"), F.coalesce("category", F.lit("\0")).alias("key")),
        F.struct(F.lit("all").alias("kind"), F.lit("").alias("key")))).alias("k")) \
        .select("tenant", "sku", "k.kind", "k.key").unionByName(firsts)
    hits = probes.join(index, (probes._pt == index.tenant) & (probes.kind == index.kind)
                       & (probes.key == index.key)).select(
        "_gt", "_part", "sku", probes.kind.isin("cat", "all").alias("_wide"))
    skus = hits.groupBy("_gt", "_part", "sku").agg(F.min("_wide").alias("_wide"))
    counts = skus.groupBy("_gt", "_part").agg(F.count(F.lit(1)).alias("_reach"))
    skus = skus.join(counts, ["_gt", "_part"]).filter(
        (F.col("_reach") <= max_prices) | ~F.col("_wide")).select(
        "_gt", "_part", "sku", F.when(F.col("_reach") > max_prices, F.col("_reach"))
        .cast("long").alias("_many_prices"))
    # every entry of a reached SKU, own and platform-wide (the group's price list lets
    # the tenant's own win, as on one machine)
    skus = skus.withColumn("_pt", F.explode(F.array_distinct(F.array("_gt", F.lit("")))))
    entries = _renamed(price)
    return skus.join(entries, (F.col("_pt") == F.col("p_tenant"))
                     & (F.col("sku") == F.col("p_sku"))).select(
        "_gt", "_part", *(F.col("p_" + c).alias(c) for c in _PRICE), "_many_prices")


def _renamed(df, prefix: str = "p_"):
    """The columns under new names (new ones even for prefix ""): frames of one
    lineage joined or cogrouped are not an ambiguous self-join."""
    from pyspark.sql import functions as F
    return df.select(*(F.col(c).alias(prefix + c) for c in df.columns))


def _cogroup(groups, reached, job: dict):
    from promolint.spark import group
    import pyspark
    left = groups.groupBy("_gt", "_part")
    right = reached.groupBy("_gt", "_part")
    schema = _ddl(group.schema())
    if int(pyspark.__version__.split(".")[0]) >= 4:
        def arrow(key, rows, prices):
            return group.run(key, rows, prices, job)
        return left.cogroup(right).applyInArrow(arrow, schema)

    def pandas(key, rows, prices):  # Spark 3.4, 3.5: through pandas, read as Arrow
        import pyarrow as pa
        table = group.run(key, pa.Table.from_pandas(rows, preserve_index=False),
                          pa.Table.from_pandas(prices, preserve_index=False), job)
        return table.to_pandas()
    return left.cogroup(right).applyInPandas(pandas, schema)


def _ddl(schema) -> str:
    """A pyarrow schema of strings, longs and booleans as Spark's DDL text."""
    names = {"string": "string", "int64": "bigint", "bool": "boolean"}
    return ", ".join(f"`{f.name}` {names[str(f.type)]}" for f in schema)


__all__ = ["audit"]
