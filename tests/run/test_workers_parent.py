"""Pool workers end when promolint is killed (issue 12): `kill -9` of the parent used to
leave them sleeping for ever (a forked worker holds the task pipe's write end too)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

SCRIPT = r"""
import os, sys, time
from pathlib import Path
from promolint.run import workers
from promolint.run.lint import make_context
from promolint.core.config import Settings
out = Path(sys.argv[1])

def slow(name, text, ctx):  # each worker reports itself, then works "for ever"
    (out / f"{os.getpid()}.pid").write_text("")
    time.sleep(120)

workers.lint_one = slow
workers.cpu_count = lambda: 2
names = [f"f{i}.promo.yaml" for i in range(4)]
workers._run([(n, "") for n in names], make_context(Settings()), 2, None)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"  # a zombie is dead
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_parent_is_killed(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)])
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("*.pid"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        pids = [int(p.stem) for p in tmp_path.glob("*.pid")]
        assert len(pids) == 2, "the workers did not start"
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
