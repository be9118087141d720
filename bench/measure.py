"""Run one command in a fresh process and measure it: wall, CPU, peak memory.

CPU and the largest process's peak RSS come from os.wait4 (the child's own rusage,
which includes the children it reaped: pool workers). For commands that start
worker processes, the summed RSS of the whole process tree is also sampled
from /proc (10 Hz), since ru_maxrss is the peak of one process, not their sum.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float        # largest single process (ru_maxrss)
    tree_mib: float = 0.0  # sampled sum over the process tree (0 when not sampled)
    code: int = 0


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def peak(self) -> float:
        return max(max(r.peak_mib, r.tree_mib) for r in self.runs)


def run(cmd: list[str], cwd: Path, sample_tree: bool = False, env: dict | None = None) -> Run:
    """Run `cmd` once in `cwd`; its output goes to cwd/.bench-<tool>.out (for a look)."""
    log = cwd / f".bench-{Path(cmd[0]).name}.out"
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        sampler = _TreeSampler(proc.pid) if sample_tree else None
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tree = sampler.stop() if sampler else 0.0
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tree,
               proc.returncode)


class _TreeSampler:
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak * PAGE / 2**20

    def _loop(self) -> None:
        while not self.done.wait(0.1):
            self.peak = max(self.peak, _tree_pages(self.pid))


def _tree_pages(root: int) -> int:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(p for p, pp in parents.items() if pp == pid and p not in tree)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total
