"""long-window: windows longer than max_window_days."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "long-window"
BODY = "benefit: {type: percent_off, percent: 10}\nlimits: {budget: 100}\n"


def _window(start: str, end: str) -> str:
    return promo(BODY, start=start, end=end)


def test_a_year_long_window_fires_at_end(lint):
    report = lint(_window("2026-11-11T00:00:00+08:00", "2027-11-11T00:00:00+08:00"))
    assert hits(report, RULE) == ["6:49"]


@pytest.mark.parametrize("end,fires", [
    ("2026-12-02T00:00:00+08:00", False),   # exactly 31 days
    ("2026-12-02T00:00:01+08:00", True),    # one second more
    ("2026-12-01T16:00:00+00:00", False),   # the same instant written in UTC
    ("2026-12-01T17:00:00+00:00", True),    # one hour more, in UTC
])
def test_the_limit_is_exclusive_and_offsets_count(lint, end, fires):
    report = lint(_window("2026-11-01T00:00:00+08:00", end))
    assert bool(hits(report, RULE)) is fires


def test_max_window_days_is_configurable(lint):
    text = _window("2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")
    assert hits(lint(text, config="max_window_days = 92\n"), RULE) == []
    assert hits(lint(text, config="max_window_days = 91\n"), RULE) == ["6:49"]
