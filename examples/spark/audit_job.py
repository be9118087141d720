"""A nightly promolint audit as a Spark job (docs/spark.md).

    PYSPARK_PYTHON=/opt/promolint/venv/bin/python \
    spark-submit examples/spark/audit_job.py \
        --promotions warehouse/promotions.parquet --prices warehouse/prices.parquet \
        --findings warehouse/promolint_findings

--promotions/--prices are Parquet paths or Hive tables (db.table); findings are appended
to --findings (a Parquet folder, or a Hive table with --hive), one run_id per night.
"""
from __future__ import annotations

import argparse
import os
import sys


def read(spark, name: str):
    """A Hive table (db.table) or a Parquet path."""
    if "/" not in name and "." in name and not name.endswith(".parquet"):
        return spark.table(name)
    return spark.read.parquet(name)


def main(spark, argv: list[str]) -> None:
    import promolint.spark
    parser = argparse.ArgumentParser(prog="audit_job.py")
    parser.add_argument("--promotions", required=True)
    parser.add_argument("--prices", required=True)
    parser.add_argument("--findings", required=True)
    parser.add_argument("--config", help="a promolint.toml (max_below_market, ...)")
    parser.add_argument("--hive", action="store_true", help="--findings is a Hive table")
    parser.add_argument("--run-id", help="this run's id (default: its UTC time and a tag)")
    args = parser.parse_args(argv)
    found = promolint.spark.audit(read(spark, args.promotions), read(spark, args.prices),
                                  args.config, run_id=args.run_id)
    writer = found.write.mode("append")
    if args.hive:  # the metastore keeps run_id a string
        writer.partitionBy("run_id").saveAsTable(args.findings)
    else:  # not partitioned: a folder's partition values would be read back as numbers
        writer.parquet(args.findings)


if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    session = SparkSession.builder.appName("promolint-audit").enableHiveSupport().getOrCreate()
    main(session, sys.argv[1:])
    session.stop()
