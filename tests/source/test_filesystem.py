"""The file system: every odd file is a finding or one clear line, the rest still linted,
and promolint never writes to what it lints."""
from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import Settings
from promolint.run import lint
from promolint.run.lint import lint_paths
from promolint.source import files

GOOD = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: Fine
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
benefit: {{type: amount_off, amount: 5}}
limits: {{budget: 1000, per_user: 1}}
"""


def _write(folder, name: str, id_: str) -> str:
    path = folder / name
    path.write_text(GOOD.format(id=id_), encoding="utf-8")
    return str(path)


def _by_file(report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in report.findings:
        out.setdefault(os.path.basename(f.path), []).append(f"{f.rule}:{f.message_id}")
    return out


def _ok_file_is_linted(report) -> None:
    assert any(p.id == "ok" for p in report.promotions)


def test_unreadable_file_is_a_finding_and_others_still_linted(tmp_path, monkeypatch):
    ok = _write(tmp_path, "ok.promo.yaml", "ok")
    locked = _write(tmp_path, "locked.promo.yaml", "locked")
    os.chmod(locked, 0)
    real_open = os.open

    def deny(name, *args, **kwargs):  # root ignores chmod 000: simulate the refusal
        if str(name) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)
    monkeypatch.setattr("os.open", deny)
    report = lint_paths([ok, locked], Settings())
    assert _by_file(report)["locked.promo.yaml"] == ["syntax:file-unreadable"]
    _ok_file_is_linted(report)


def test_directory_named_as_a_file(tmp_path):
    ok = _write(tmp_path, "ok.promo.yaml", "ok")
    folder = tmp_path / "dir.promo.yaml"
    folder.mkdir()
    report = lint.lint_files([ok, str(folder)], lint.make_context(Settings()))
    assert _by_file(report)["dir.promo.yaml"] == ["syntax:file-unreadable"]
    _ok_file_is_linted(report)


def test_symlink_loop(tmp_path):
    _write(tmp_path, "ok.promo.yaml", "ok")
    loop = tmp_path / "loop.promo.yaml"
    loop.symlink_to(loop)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    report = lint_paths([str(tmp_path)], Settings())
    assert _by_file(report)["loop.promo.yaml"] == ["syntax:file-unreadable"]
    _ok_file_is_linted(report)


def test_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.promo.yaml"
    os.mkfifo(fifo)
    report = lint_paths([str(fifo), _write(tmp_path, "ok.promo.yaml", "ok")], Settings())
    assert _by_file(report)["pipe.promo.yaml"] == ["syntax:file-not-regular"]


def test_empty_file(tmp_path):
    (tmp_path / "empty.promo.yaml").write_text("")
    report = lint_paths([str(tmp_path / "empty.promo.yaml")], Settings())
    assert _by_file(report) == {"empty.promo.yaml": ["syntax:file-empty"]}


def test_file_deleted_while_linting(tmp_path, monkeypatch):
    _write(tmp_path, "ok.promo.yaml", "ok")
    gone = _write(tmp_path, "gone.promo.yaml", "gone")
    real = files.read_text

    def delete_first(name, settings):
        if name == gone and os.path.exists(gone):
            os.remove(gone)
        return real(name, settings)
    monkeypatch.setattr(files, "read_text", delete_first)
    report = lint_paths([str(tmp_path)], Settings())
    assert _by_file(report)["gone.promo.yaml"] == ["syntax:file-unreadable"]
    _ok_file_is_linted(report)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_non_utf8_file_name(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.promo.yaml"), "wb") as handle:
        handle.write(GOOD.format(id="cafe").encode())
    with open(os.path.join(folder, b"bad\xff.promo.yaml"), "wb") as handle:
        handle.write(b"id: [unclosed\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert '"id": "cafe"' not in result.output  # linted: no finding about a clean file
    assert "bad\\\\xff.promo.yaml" in result.output
    assert "internal error" not in result.output


def _snapshot(top) -> dict:
    out = {}
    for folder, _, names in os.walk(top):
        for name in names:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            data = b"" if os.path.islink(path) else open(path, "rb").read()
            out[path] = (data, info.st_mtime_ns, info.st_mode)
    return out


def test_linting_never_writes_to_the_tree(tmp_path):
    _write(tmp_path, "ok.promo.yaml", "ok")
    (tmp_path / "broken.promo.yaml").write_text("id: [\n")
    (tmp_path / "crlf.promo.yaml").write_bytes(GOOD.format(id="crlf").replace("\n", "\r\n").encode())
    (tmp_path / "bom.promo.yaml").write_bytes(GOOD.format(id="bom").encode("utf-16"))
    (tmp_path / "promolint.toml").write_text("max_window_days = 31\n")
    before = _snapshot(tmp_path)
    for fmt in ("text", "json"):
        CliRunner().invoke(main, ["check", "--format", fmt, str(tmp_path)])
    assert _snapshot(tmp_path) == before
