"""Parallel linting gives the same report as one process; results pickle."""
from __future__ import annotations

import pickle
from pathlib import Path

from promolint.core.config import Settings
from promolint.run.lint import lint_paths
from promolint.run.workers import pick_jobs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _view(report):
    return [(d.sort_key(), d.severity, d.suppressed, d.witness) for d in report.findings]


def test_jobs_do_not_change_the_report():
    paths = [str(EXAMPLES / "shop"), str(EXAMPLES / "broken")]
    one = lint_paths(paths, Settings(), jobs=1)
    two = lint_paths(paths, Settings(), jobs=2)
    assert _view(one) == _view(two) and one.findings
    assert [p.id for p in one.promotions] == [p.id for p in two.promotions]


def test_auto_uses_workers_only_for_many_files(monkeypatch):
    from promolint.run import workers
    monkeypatch.setattr(workers, "cpu_count", lambda: 8)
    assert pick_jobs(None, 1) == 1
    assert pick_jobs(0, 10) == 1
    assert pick_jobs(1, 10_000) == 1
    assert pick_jobs(4, 2) == 2
    assert pick_jobs(None, 10_000) == 8


def test_auto_is_one_process_on_few_cpus_and_jobs_are_capped_at_the_cpus(monkeypatch):
    from promolint.run import workers
    monkeypatch.setattr(workers, "cpu_count", lambda: 2)
    assert pick_jobs(None, 10_000) == 1 and pick_jobs(0, 10_000) == 1
    assert pick_jobs(64, 10_000) == 2


def test_promotions_and_findings_pickle():
    report = lint_paths([str(EXAMPLES / "shop"), str(EXAMPLES / "broken")], Settings(), jobs=1)
    again = pickle.loads(pickle.dumps((report.promotions, report.findings)))
    assert again == (report.promotions, report.findings)
    assert again[0][0].source.spans == report.promotions[0].source.spans


def test_a_lazy_document_behaves_like_the_document():
    from promolint.run.packing import LazyDocument
    report = lint_paths([str(EXAMPLES / "shop")], Settings(), jobs=1)
    doc = report.promotions[0].source
    lazy = pickle.loads(pickle.dumps(LazyDocument.wrap(doc)))
    assert lazy.path == doc.path and lazy.span(()) == doc.span(())
    assert lazy.span(("benefit",)) == doc.span(("benefit",)) and lazy.data == doc.data
    assert isinstance(lazy, LazyDocument)
    assert lazy.span(("benefit",)) == doc.span(("benefit",)) and lazy.data == doc.data
    assert all(getattr(lazy, f) == getattr(doc, f) for f in ("spans", "key_spans", "index"))
    again = pickle.loads(pickle.dumps(lazy))  # once loaded it travels as a Document
    assert type(again) is type(doc) and again == doc
