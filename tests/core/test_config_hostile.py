"""Config values that used to be internal errors are one clean line, exit 2 (issue 12)."""
from __future__ import annotations

import pytest

from tests.core.test_config import check, one_line


@pytest.mark.parametrize("config, expect", [
    ("max_window_days = " + "9" * 5000 + "\n", "too many digits"),
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "nested too deeply"),
    ("max_window_days = 1000000000\n", "from 1 to 36,500"),
    ("max_file_bytes = " + "9" * 50 + "\n", "from 1 to 1,073,741,824"),
    ('select = "syntax"\n', "must be a list of strings"),
    ('market_prices = ["a.csv"]\n', "must be a path string"),
])
def test_hostile_values_are_one_line(tmp_path, config, expect):
    assert expect in one_line(check(tmp_path, config))


def test_the_largest_window_still_lints(tmp_path):
    assert check(tmp_path, "max_window_days = 36500\n").exit_code in (0, 1)
