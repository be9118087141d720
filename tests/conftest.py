"""Shared test helpers: lint text in a temporary folder, as a user would."""
from __future__ import annotations

from pathlib import Path

import pytest

from promolint.core.config import load_settings
from promolint.run.lint import lint_paths


def lint_example(tmp_path: Path, file: str, text: str, config: str = "", prices: str = ""):
    """Write a promotion (plus optional config and price list) and lint it."""
    if prices and "market_prices" not in config:
        config = 'market_prices = "market_prices.csv"\n' + config
    if prices:
        (tmp_path / "market_prices.csv").write_text(prices, encoding="utf-8")
    (tmp_path / "promolint.toml").write_text(config, encoding="utf-8")
    target = tmp_path / file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    settings = load_settings(explicit=tmp_path / "promolint.toml")
    if file.endswith(".jsonl"):  # rows (promolint audit): the findings as Diagnostics
        from types import SimpleNamespace
        from promolint.audit.command import gather
        report = gather(str(target), None, None, settings)[0]
        return SimpleNamespace(findings=[f["_diag"] for f in report.findings])
    return lint_paths([str(target)], settings)


@pytest.fixture
def lint(tmp_path):
    """lint(text, file="x.promo.yaml", config="", prices="") -> Report."""
    def run(text: str, file: str = "x.promo.yaml", config: str = "", prices: str = ""):
        return lint_example(tmp_path, file, text, config, prices)
    return run


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never write promolint's cache into the user's ~/.cache."""
    if "PROMOLINT_CACHE_DIR" not in __import__("os").environ:
        monkeypatch.setenv("PROMOLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A folder with a config; write(name, text) adds a file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "promolint.toml").write_text("", encoding="utf-8")

    def write(name: str, text: str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    write.root = tmp_path
    return write
