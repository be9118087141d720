"""promolint.spark.audit's benchmark (issue 23): the audit of generated shop rows
(bench/audit_rows.py's generator) in Spark local[1] and local[2], wall time of the audit
itself (the findings written to Spark's `noop` sink, session start not counted), and
the peak memory (VmHWM) of the Python workers, which hold one group at a time.

    .venv/bin/python bench/spark_bench.py [--rows 200000] [--tenants 2000] [--masters 1,2]

Each master runs in its own process (a session's master is fixed). Not part of the tests.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _descendants(root: int) -> list[int]:
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parent[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, pp in parent.items() if pp == pid]
        found += kids
        todo += kids
    return found


def _hwm(pid: int) -> tuple[str, int]:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return cmd, int(line.split()[1])
    except OSError:
        pass
    return "", 0


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


class Watch(threading.Thread):
    """The largest VmHWM of this process's Python workers and of its JVM, sampled."""

    def __init__(self):
        super().__init__(daemon=True)
        self.worker_kib = self.jvm_kib = 0
        self.cpu = {}  # pid -> CPU seconds of each Python worker (the audit's own work)
        self.stop = False

    def run(self):
        while not self.stop:
            for pid in _descendants(os.getpid()):
                cmd, kib = _hwm(pid)
                if "java" in cmd:
                    self.jvm_kib = max(self.jvm_kib, kib)
                elif "python" in cmd:
                    self.worker_kib = max(self.worker_kib, kib)
                    self.cpu[pid] = max(self.cpu.get(pid, 0), _cpu(pid))
            time.sleep(0.5)


def one(master: str, rows: Path, prices: Path, partitions: int) -> dict:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession
    import promolint.spark
    spark = (SparkSession.builder.master(master).config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(partitions))
             .config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    watch = Watch()
    watch.start()
    promos, listed = spark.read.parquet(str(rows)), spark.read.parquet(str(prices))
    promos.count(), listed.count()  # files opened and listed before the clock starts
    start = time.perf_counter()
    found = promolint.spark.audit(promos, listed, run_id="bench")
    found.write.format("noop").mode("overwrite").save()
    wall = time.perf_counter() - start
    time.sleep(1)
    watch.stop = True
    watch.join()
    workers_cpu = sum(watch.cpu.values())
    count = promolint.spark.audit(promos, listed, run_id="bench").count()
    spark.stop()
    return {"master": master, "audit_wall_s": round(wall, 1), "findings": count,
            "python_workers_cpu_s": round(workers_cpu, 1),
            "worker_peak_mib": round(watch.worker_kib / 1024), "jvm_peak_mib": round(watch.jvm_kib / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--tenants", type=int, default=2000)
    parser.add_argument("--skus", type=int, default=3000)
    parser.add_argument("--masters", default="1,2")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--mistakes", type=int, default=0,
                        help="one row in N a mistake (0: ordinary rows only)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(os.environ.get("TMPDIR", "/tmp")) / "promolint-spark-bench")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    rows, prices = args.workdir / "rows.parquet", args.workdir / "prices.parquet"
    if args.one:
        print(json.dumps(one(args.one, rows, prices, args.partitions)))
        return
    sys.path.insert(0, str(HERE))
    from audit_rows import generate
    generate(args.workdir, args.rows, args.tenants, args.skus, seed=23, mistakes=args.mistakes)
    results = []
    for n in args.masters.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", f"local[{n}]", "--workdir",
                              str(args.workdir), "--partitions", str(args.partitions)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1] | {"rows": args.rows, "tenants": args.tenants,
                                        "mistakes": args.mistakes}), flush=True)
    if len(results) == 2:
        print(json.dumps({"speedup_local2_over_local1":
                          round(results[0]["audit_wall_s"] / results[1]["audit_wall_s"], 2)}))


if __name__ == "__main__":
    main()
