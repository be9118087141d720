"""The page's server under the two loads of issue 21 (not part of the tests).

    .venv/bin/python bench/serve_bench.py [--promolint-src DIR] [--conns 1020] [--kb 480]

- slowloris: `--conns` connections each send part of a request head and stop (the server
  runs with 1,024 open files, a desktop's usual limit); then one ordinary request. Prints
  whether it was answered, how long it took, and the server's CPU over 3 s meanwhile.
- typing: a `--kb` draft linted at six typing pauses 0.3 s apart, then a Save. Prints the
  server's CPU for it all and how long the Save waited.

`--promolint-src` runs another checkout's package (e.g. `git archive` of an older commit)
for a before/after.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Client:
    """Logs in the way the page does (a one-time code, or the old ?token=)."""

    def __init__(self, address: str):
        self.port = int(re.search(r":(\d+)/", address)[1])
        self.headers = {"Host": f"127.0.0.1:{self.port}"}
        if "token=" in address:
            self.headers["X-Promolint-Token"] = address.split("token=")[1]
            return
        status, headers, _ = self.call("GET", "/?code=" + address.split("code=")[1])
        self.headers["Cookie"] = headers["Set-Cookie"].split(";")[0]
        _, _, page = self.call("GET", "/")
        self.headers["X-Promolint-Token"] = re.search(rb'promolint-token" content="([^"]+)"', page)[1].decode()

    def call(self, method, path, body=None, timeout=60):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        out = resp.status, dict(resp.getheaders()), resp.read()
        conn.close()
        return out


def start(src: Path | None, root: Path):
    env = dict(os.environ, PYTHONPATH=str(src) if src else "")
    limit = lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))  # noqa: E731
    proc = subprocess.Popen([sys.executable, "-c", "from promolint.cli import main; main()", "serve",
                             "--no-browser", str(root)], stdout=subprocess.PIPE, text=True, env=env,
                            preexec_fn=limit, cwd=root.parent)  # not this checkout's folder
    address = re.search(r"http://\S+", proc.stdout.readline())[0]
    return proc, Client(address)


def slowloris(src, root, conns: int) -> None:
    proc, client = start(src, root)
    try:
        client.call("GET", "/api/repo")
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, conns + 100)), hard))
        socks = []
        for _ in range(conns):
            try:
                sock = socket.create_connection(("127.0.0.1", client.port), timeout=2)
                sock.sendall(b"GET /api/repo HTTP/1.1\r\nHost: x\r\n")
                socks.append(sock)
                time.sleep(0.005)  # at the pace the server accepts (its backlog is small)
            except OSError:
                pass
        stop = threading.Event()

        def trickle():  # one header line every 5 s: each read is quick, the head never ends
            while not stop.wait(5):
                for sock in socks:
                    try:
                        sock.sendall(b"X-Slow: 1\r\n")
                    except OSError:
                        pass

        threading.Thread(target=trickle, daemon=True).start()
        fds, began = -1, time.monotonic()
        while time.monotonic() - began < 30:  # until the server has taken what it will take
            time.sleep(1)
            now = len(os.listdir(f"/proc/{proc.pid}/fd"))
            if now == fds:
                break
            fds = now
        threads = len(os.listdir(f"/proc/{proc.pid}/task"))
        before = cpu_seconds(proc.pid)
        time.sleep(3)
        cpu = cpu_seconds(proc.pid) - before
        began, during = time.monotonic(), cpu_seconds(proc.pid)
        try:
            answered = client.call("GET", "/api/repo", timeout=15)[0]
        except OSError as err:
            answered = type(err).__name__
        during = (cpu_seconds(proc.pid) - during) / max(time.monotonic() - began, 0.1)
        print(f"slowloris: {len(socks)} slow connections ({fds} files open, {threads} threads in the "
              f"server); server CPU {cpu / 3:.0%} over 3 s; "
              f"an ordinary request: {answered} after {time.monotonic() - began:.1f} s (server CPU {during:.0%} meanwhile)")
        stop.set()
        for sock in socks:
            sock.close()
    finally:
        proc.kill()
        proc.wait()


def typing(src, root, kb: int) -> None:
    one = (ROOT / "examples" / "shop" / "promotions" / "double11.promo.yaml").read_text("utf-8")
    docs, n = [], 0
    while sum(map(len, docs)) < kb * 1024:
        docs.append(re.sub(r"^id: .*$", f"id: typed-{n}", one, count=1, flags=re.M))
        n += 1
    draft = "---\n".join(docs)
    proc, client = start(src, root)
    try:
        client.call("GET", "/api/repo")
        before = cpu_seconds(proc.pid)
        threads, answers = [], []

        def lint(body):
            try:
                status, _, data = client.call("POST", "/api/lint", body, 600)
                answers.append("dropped" if b'"superseded"' in data[:40] else status)
            except OSError as err:
                answers.append(type(err).__name__)

        for pause in range(6):
            body = {"path": "drafts/big.promo.yaml", "text": draft + f"# pause {pause}\n"}
            threads.append(threading.Thread(target=lint, args=(body,)))
            threads[-1].start()
            time.sleep(0.3)
        began = time.monotonic()
        status = client.call("POST", "/api/save", {"path": "drafts/other.promo.yaml", "text": "x: 1\n"}, 600)[0]
        waited = time.monotonic() - began
        for thread in threads:
            thread.join()
        print(f"typing: {len(draft) // 1024} KB draft, six pauses (answers {answers}): server CPU "
              f"{cpu_seconds(proc.pid) - before:.1f} s; Save ({status}) waited {waited:.2f} s")
    finally:
        proc.kill()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--promolint-src", type=Path)
    parser.add_argument("--conns", type=int, default=1020)
    parser.add_argument("--kb", type=int, default=480)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "shop"
        shutil.copytree(ROOT / "examples" / "shop", root)
        slowloris(args.promolint_src, root, args.conns)
        typing(args.promolint_src, root, args.kb)


if __name__ == "__main__":
    main()
