"""One SparkSession for every Spark test (the JVM takes seconds to start): local[2],
no UI, few shuffle partitions, the workers on this interpreter. Skipped, saying why,
only when java or pyspark is absent."""
from __future__ import annotations

import os
import shutil
import sys

import pytest


@pytest.fixture(scope="session")
def spark():
    if shutil.which("java") is None:
        pytest.skip("java is not installed (Debian: apt-get install openjdk-17-jre-headless)")
    pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed "
                                  "(in promolint's clone: pip install '.[spark]')")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]").appName("promolint-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.default.parallelism", "2")
               .config("spark.sql.adaptive.enabled", "false")
               .config("spark.driver.memory", "1g")
               .config("spark.sql.session.timeZone", "UTC")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    assert pyspark.__version__
    yield session
    session.stop()
