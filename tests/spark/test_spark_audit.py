"""promolint.spark.audit in local[2] gives the one-machine audit's findings, tenant by
tenant, whatever the rows (platform-wide ones, duplicate ids, stacks); a tenant past
the bounds is checked in parts and said to be not fully checked."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from promolint.core.config import Settings
from tests.audit.helpers import promo, row
from tests.spark.helpers import by_tenant, local_findings, spark_findings

SKUS = ("S1", "S2", "S3", "S4")
BENEFITS = st.one_of(
    st.builds(lambda p: {"type": "fixed_price", "price": p}, st.sampled_from([1, 40, 90])),
    st.builds(lambda p: {"type": "percent_off", "percent": p}, st.sampled_from([10, 30, 60])),
    st.builds(lambda a: {"type": "amount_off", "amount": a}, st.sampled_from([5, 60])),
    st.builds(lambda t, a: {"type": "threshold_off", "threshold": t, "amount": a},
              st.sampled_from([50, 100]), st.sampled_from([10, 45, 120])))
SCOPES = st.one_of(st.none(), st.builds(lambda s: {"skus": s}, st.lists(st.sampled_from(SKUS),
                                                                       min_size=1, max_size=2)),
                   st.just({"categories": ["c1"]}), st.just({"categories": ["c2"], "skus": ["S4"]}))
STACKING = st.sampled_from([None, "exclusive", "stackable", {"with": ["a"]}])


@st.composite
def promotions(draw, tenant: str, number: int):
    extra = {}
    scope, stacking = draw(SCOPES), draw(STACKING)
    if scope:
        extra["scope"] = scope
    if stacking:
        extra["stacking"] = stacking
    data = promo(draw(st.sampled_from("abc")), draw(BENEFITS), **extra)
    if draw(st.booleans()) and draw(st.booleans()):
        return row(tenant, f"t#{number}", json.dumps(data)[:-7])  # a broken row
    return row(tenant, f"t#{number}", data)


@st.composite
def examples(draw, n: int):
    """One example's rows and prices, its tenants e<n>-... (platform rows stay "")."""
    tenants = draw(st.lists(st.sampled_from(["", "x", "y"]), min_size=1, max_size=5))
    rows = [draw(promotions(f"e{n}-{t}" if t else "", i)) for i, t in enumerate(tenants)]
    prices = [{"tenant": f"e{n}-{t}" if t else "", "sku": sku, "currency": "CNY",
               "market_price": draw(st.sampled_from(["10", "99.90", "200"])),
               "category": draw(st.sampled_from(["", "c1", "c2"]))}
              for t in draw(st.lists(st.sampled_from(["", "x"]), max_size=2, unique=True))
              for sku in draw(st.lists(st.sampled_from(SKUS), max_size=3, unique=True))]
    return rows, prices


def test_spark_and_one_machine_give_the_same_findings(spark, tmp_path):
    """Many hypothesis examples, one Spark job: each example's tenants are its own, its
    platform-wide rows join every tenant of the union (both engines see the same rows)."""
    drawn = []

    @hsettings(max_examples=80, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(data):
        drawn.append(data.draw(examples(len(drawn))))
    collect()
    rows = [r for rs, _ in drawn for r in rs]
    prices = [p for _, ps in drawn for p in ps]
    # the same (tenant, sku) twice is a conflict either engine resolves its own way
    prices = list({(p["tenant"], p["sku"]): p for p in prices}.values())
    rows = [r | {"source": f"{r['source']}-{i}"} if i % 7 == 0 else r for i, r in enumerate(rows)]
    settings = Settings()
    want = by_tenant(local_findings(tmp_path, rows, prices, settings))
    got = by_tenant(spark_findings(spark, rows, prices, settings))
    rules = {f[3] for fs in want.values() for f in fs}
    assert {"duplicate-id", "below-market"} <= rules, rules  # the property has teeth
    for tenant in sorted(set(want) | set(got)):
        mine, theirs = got.get(tenant, []), want.get(tenant, [])
        assert mine == theirs, (tenant, set(mine) - set(theirs), set(theirs) - set(mine))


def test_a_tenant_past_the_bounds_is_checked_in_parts_and_said_so(spark, tmp_path):
    """One tenant 100x the others: past max_tenant_rows its rows are each checked (in
    parts of at most the bound), the checks between them are not, and one
    tenant-too-large finding says so; past max_tenant_prices the same."""
    settings = Settings(max_tenant_rows=40, max_tenant_prices=50)
    cheap = promo("same-id", {"type": "fixed_price", "price": 1}, scope={"skus": ["S1"]})
    rows = [row(f"small-{i}", f"s#{i}", cheap) for i in range(10)]
    rows += [row("big", f"b#{i:03}", cheap) for i in range(200)]  # 100x: 2 rows vs 200
    rows += [row(f"small-{i}", f"s2#{i}", cheap) for i in range(10)]
    rows.append(row("wide", "w#1", promo("w", {"type": "percent_off", "percent": 80},
                                         scope={"categories": ["many"]})))
    prices = [{"tenant": "", "sku": "S1", "currency": "CNY", "market_price": "100",
               "category": ""}]
    prices += [{"tenant": "wide", "sku": f"M{i}", "currency": "CNY", "market_price": "10",
                "category": "many"} for i in range(120)]
    got = by_tenant(spark_findings(spark, rows, prices, settings))
    big = got["big"]
    assert [f[1] for f in big if f[3] == "tenant-too-large"] == ["b#000"]
    assert sorted(f[1] for f in big if f[3] == "below-market") == [f"b#{i:03}" for i in range(200)]
    assert not [f for f in big if f[3] == "duplicate-id"]  # not run past the bound
    assert all(any(f[3] == "duplicate-id" for f in got[f"small-{i}"]) for i in range(10))
    assert [f[3] for f in got["wide"] if f[3] == "tenant-too-large"] == ["tenant-too-large"]
    want = by_tenant(local_findings(tmp_path, rows, prices, settings))
    assert {t: f for t, f in got.items() if t != "wide"} == \
        {t: f for t, f in want.items() if t != "wide"}


def test_parts_hold_at_most_the_bound(spark):
    from pyspark.sql import functions as F
    from promolint.spark import _keyed
    frame = spark.range(2000).select(F.lit("big").alias("tenant"),
                                     F.col("id").cast("string").alias("source"),
                                     F.col("id").alias("_order"))
    keyed, _ = _keyed(frame, 100)
    sizes = [r["count"] for r in keyed.groupBy("_part").count().collect()]
    assert len(sizes) == 40 and max(sizes) <= 100


def test_the_docs_job_reads_parquet_and_appends_findings(spark, tmp_path):
    """examples/spark/audit_job.py (docs/spark.md) end to end on Parquet files."""
    import importlib.util
    from pathlib import Path
    job = Path(__file__).resolve().parents[2] / "examples" / "spark" / "audit_job.py"
    spec = importlib.util.spec_from_file_location("audit_job", job)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [row("shop", "c#1", promo("c", {"type": "fixed_price", "price": 1},
                                     scope={"skus": ["S1"]}))]
    spark.createDataFrame(rows).write.parquet(str(tmp_path / "rows.parquet"))
    spark.createDataFrame([("shop", "S1", "CNY", "100.00", "")],
                          "tenant string, sku string, currency string, market_price string, "
                          "category string").write.parquet(str(tmp_path / "prices.parquet"))
    out = str(tmp_path / "findings")
    for night in ("20261206", "20261207"):
        module.main(spark, ["--promotions", str(tmp_path / "rows.parquet"), "--prices",
                            str(tmp_path / "prices.parquet"), "--findings", out,
                            "--run-id", night])
    found = spark.read.parquet(out)
    assert sorted((r.run_id, r.rule) for r in found.collect()) == \
        [("20261206", "below-market"), ("20261207", "below-market")]
