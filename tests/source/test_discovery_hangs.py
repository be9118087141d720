"""Issue 21, "Hangs": discovery reads a plain .yaml file's head to see whether it
declares a promotion. A FIFO named *.yaml, or a repo symlink to /dev/stdin, must not be
opened for that (the read would block: `check`, the page's /api/repo and /api/file,
and the language server, whose stdin is its connection, all hung). Every wait here has
a timeout, so a hang fails fast; a FIFO left blocking is released by opening its other end.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.run.test_what_is_read import promo

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def release(fifo: Path) -> None:
    """Unblock a reader stuck opening `fifo` (a failed test must not stall the suite)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # nobody is reading it


def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", root)
    os.mkfifo(root / "pipe.yaml")
    return root


def within(seconds: float, work, fifo: Path):
    """work()'s result, or a failure when it is still running after `seconds`."""
    out: dict = {}
    thread = threading.Thread(target=lambda: out.setdefault("v", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    hung = thread.is_alive()
    while thread.is_alive():
        release(fifo)
        thread.join(0.2)
    assert not hung, f"still running after {seconds} s (a blocking open or read)"
    return out.get("v")


def test_check_skips_a_fifo_named_yaml(tmp_path):
    root = shop(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "promolint", "check", "."], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        release(root / "pipe.yaml")
        proc.kill()
        proc.communicate()
        pytest.fail("check hung on a FIFO named pipe.yaml")
    assert proc.returncode == 0, out + err


def test_check_does_not_read_its_own_stdin_through_a_repo_symlink(tmp_path):
    root = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", root)
    os.symlink("/dev/stdin", root / "ci.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "promolint", "check", "."], cwd=root,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # stdin left open: a read blocks
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("check read its own stdin through ci.yaml -> /dev/stdin")
    finally:
        out, err = proc.communicate()
    assert proc.returncode == 0, out + err


def test_a_named_fifo_is_a_finding_not_a_hang(tmp_path):
    """Named, a FIFO is read as a promotion file would be: refused before it is opened."""
    from promolint.core.config import Settings
    from promolint.run.lint import lint_paths
    root = shop(tmp_path)
    report = within(20, lambda: lint_paths([str(root / "pipe.yaml")], Settings()), root / "pipe.yaml")
    assert [(f.rule, f.message_id) for f in report.findings] == [("syntax", "file-not-regular")]


def test_the_page_lists_and_reads_the_repo_past_a_fifo(tmp_path):
    from promolint.serve import api
    from promolint.serve.repo import Repo
    root = shop(tmp_path)
    repo = Repo(root)
    data = within(30, lambda: api.repo(repo, {}), root / "pipe.yaml")
    assert data["promotions"] and "pipe.yaml" not in repo.files()
    read = within(30, lambda: api.read(repo, {"path": "promotions/double11.promo.yaml"}),
                  root / "pipe.yaml")
    assert "d11-spend200-save50" in read["text"]


def test_the_language_server_does_not_read_its_own_stdin(tmp_path):
    """A repo symlink ci.yaml -> /dev/stdin: the lint thread used to read the server's
    JSON-RPC input as a YAML file (diagnostics never came, messages were swallowed)."""
    pytest.importorskip("pygls")
    from tests.lsp.lsp_client import Client
    root = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", root)
    os.symlink("/dev/stdin", root / "ci.yaml")
    client = Client(cwd=root)
    try:
        client.initialize(root)
        mark = len(client.notifications)
        uri = client.open(root / "promotions" / "draft.promo.yaml", promo("draft", 95))
        note = client.wait_diagnostics(uri, mark, timeout=20)
        assert "below-market" in [d["code"] for d in note["params"]["diagnostics"]]
        assert client.request("shutdown", None, timeout=10) is None
    finally:
        client.close()


def test_the_hook_mode_opens_no_fifo_it_is_given(tmp_path):
    """`check --changed` sorts what it is given: a FIFO named like a config, a price
    list or a plain .yaml is not opened (a staged file is regular, a hand-typed one
    may not be)."""
    root = shop(tmp_path)  # pipe.yaml
    (root / "sub").mkdir()
    (root / "sub" / "promolint.toml").write_text("max_below_market = 0.4\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q"], ["add", "sub"], ["commit", "-qm", "sub"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    (root / "sub" / "promolint.toml").unlink()  # committed, now a FIFO: compared with HEAD's
    os.mkfifo(root / "sub" / "promolint.toml")
    os.mkfifo(root / "list.csv")
    proc = subprocess.Popen([sys.executable, "-m", "promolint", "check", "--changed", "pipe.yaml",
                             "sub/promolint.toml", "list.csv", "promolint.toml"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        for fifo in ("pipe.yaml", "sub/promolint.toml", "list.csv"):
            release(root / fifo)
        proc.kill()
        proc.communicate()
        pytest.fail("check --changed opened a FIFO")
    assert proc.returncode in (0, 1), out + err
