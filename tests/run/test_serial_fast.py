"""The parent's shortcuts give what the plain versions give: comment scan, folders, spans."""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.core.config import Settings
from promolint.report.catalog import rules
from promolint.run import suppress
from promolint.run.lint import _folder
from promolint.run.load import load_file
from promolint.run.packing import LazyDocument, parent_paths

pieces = st.sampled_from(["#", " ", "\t", "\x0b", "\n", "promolint", ":", "ignore", "x",
                          "below-market", ' reason="r"', "a: 1", "promolint/v1"])


def _next_code(lines, number):
    """The former target: the next line holding more than a comment, else the next line."""
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return number + 1


def line_by_line(path, text, known):
    """The former scan: MARKER searched on every line (real comments only, as scan), each
    comment's target searched anew."""
    lines = text.split("\n")
    is_comment = suppress._comment_test(path, text)
    out = []
    for number, line in enumerate(lines, start=1):
        match = suppress.MARKER.search(line)
        if match is None or not is_comment(number, line, match.start(1)):
            continue
        own = not line[: match.start(1)].strip()
        target = _next_code(lines, number) if own else number
        span = suppress.Span(number, match.start(1) + 1, number, len(line) + 1)
        out.append(suppress.parse(path, span, target, match.group(2), known))
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_scan_finds_what_a_line_by_line_search_finds(text):
    known = rules()
    assert suppress.scan("f", text, known) == line_by_line("f", text, known)


def test_folder_is_the_resolved_parent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.promo.yaml").write_text("")
    (tmp_path / "a" / "b" / "y.promo.yaml").write_text("")
    os.symlink(tmp_path / "real" / "x.promo.yaml", tmp_path / "a" / "link.promo.yaml")
    names = ["a/b/y.promo.yaml", "a/link.promo.yaml", "a/b/../b/y.promo.yaml", "missing/z.promo",
             "a/..", ".", str(tmp_path / "a" / "b" / "y.promo.yaml")]
    resolved: dict = {}
    for name in names:
        assert _folder(name, resolved) == Path(name).resolve().parent, name


def test_lazy_document_keeps_the_parents_spans(tmp_path):
    text = ("apiVersion: promolint/v1\nkind: Promotion\nid: a\nname: a\ncurrency: CNY\n"
            "window: {start: '2026-11-01T00:00:00+08:00', end: '2026-11-02T00:00:00+08:00'}\n"
            "benefit: {type: percent_off, percent: 10}\nstacking: {with: [b, c]}\n"
            "suppress:\n  - rule: below-market\n    reason: clearance\n")
    promos, _ = load_file("a.promo.yaml", Settings(), text)
    doc = promos[0].source
    lazy = LazyDocument.wrap(doc)
    for path in parent_paths(doc) + [("benefit", "percent"), ("nowhere",)]:
        assert lazy.span(path) == doc.span(path), path
    assert ("suppress", 0, "rule") in parent_paths(doc) and ("stacking", "with", 1) in parent_paths(doc)
