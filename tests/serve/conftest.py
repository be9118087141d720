"""A real page server over a copy of examples/shop, on a free loopback port."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from promolint.serve.repo import Repo
from promolint.serve.server import PageServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "shop", root)
    (tmp_path / "secret.promo.yaml").write_text("outside: the repo\n", encoding="utf-8")
    server = PageServer(Repo(root), 0, "en")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
