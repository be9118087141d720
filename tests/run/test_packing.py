"""Compact pickling of per-file results: exact round trips, shared timezones and Spans."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from promolint.core.config import Settings
from promolint.core.document import Span
from promolint.run.lint import lint_paths
from promolint.run.packing import FileResult, dumps, loads, pack, unpack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ZONES = [timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-3, minutes=-30)),
         timezone(timedelta(hours=5, microseconds=7)), timezone(timedelta(hours=1), "CET")]


@pytest.mark.parametrize("zone", ZONES)
def test_a_datetime_comes_back_exactly(zone):
    stamp = datetime(2026, 11, 11, 23, 59, 58, 123, tzinfo=zone)
    again = loads(dumps(stamp))
    assert again == stamp and again.tzinfo == zone
    assert (str(again), again.tzname(), repr(again.tzinfo)) == (str(stamp), stamp.tzname(), repr(zone))


def test_equal_timezones_and_spans_are_shared_after_loading():
    first, second = (loads(dumps([datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8))),
                                  Span(3, 4, 3, 9)])) for _ in range(2))
    assert first[0].tzinfo is second[0].tzinfo and first[1] is second[1]
    assert first[1] == Span(3, 4, 3, 9) and loads(dumps(timezone.utc)) is timezone.utc


def test_a_packed_result_unpacks_equal_with_its_text():
    report = lint_paths([str(EXAMPLES / "shop"), str(EXAMPLES / "broken")], Settings(), jobs=1)
    result = FileResult(report.promotions, report.findings, "the text")
    again = unpack(pack(result), "the text")
    assert (again.promotions, again.findings, again.text) == (result.promotions, result.findings,
                                                             "the text")
    assert [p.source.spans for p in again.promotions] == [p.source.spans for p in result.promotions]


def test_the_shared_classes_do_not_depend_on_what_ran_before():
    """Workers and the parent must agree on persistent ids, whatever each has parsed."""
    import subprocess
    import sys
    code = ("from promolint.expr import syntax as expr; {}; from promolint.run.packing import SHARED; "
            "print([f'{{c.__module__}}.{{c.__qualname__}}' for c in SHARED])")
    runs = [subprocess.run([sys.executable, "-c", code.format(first)], capture_output=True,
                           text=True, check=True).stdout
            for first in ("pass", "expr.parse('user.level >= 3')")]
    assert runs[0] == runs[1]
