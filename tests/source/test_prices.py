"""Bad price lists: one clear line naming the row, exit 2."""
from __future__ import annotations

import pytest
from test_config import check, one_line

from promolint.core.config import ConfigError
from promolint.source.prices import ISO_4217, parse_prices

HEADER = "sku,currency,market_price,category\n"


@pytest.mark.parametrize("text, where", [
    ("sku,price\nA,1\n", ":1:"),
    ("", ":1:"),
    (HEADER + "A,CNY\n", ":2:"),
    (HEADER + "A,CNY,-5\n", ":2:"),
    (HEADER + "A,CNY,abc\n", ":2:"),
    (HEADER + "A,CNY,0\n", ":2:"),
    (HEADER + "A,CNY,1e5\n", ":2:"),
    (HEADER + "A,CNY,1" + "0" * 30 + "\n", ":2:"),
    (HEADER + "A,CNY,1\nA,CNY,2\n", ":3:"),
    (HEADER + "A,cny,1\n", ":2:"),
    (HEADER + "A,RMB,1\n", ":2:"),
    (HEADER + "A,XYZ,1\n", ":2:"),
    (HEADER + ",CNY,1\n", ":2:"),
])
def test_bad_rows_name_their_line(text, where):
    with pytest.raises(ConfigError) as err:
        parse_prices(text, "p.csv")
    assert f"p.csv{where}" in str(err.value)


def test_csv_errors_are_config_errors():
    with pytest.raises(ConfigError):
        parse_prices(HEADER + "A,CNY,1\x00\n", "p.csv")
    with pytest.raises(ConfigError):
        parse_prices(HEADER + "A,CNY,1,\"" + "x" * 200_000 + "\"\n", "p.csv")


def test_good_list():
    prices = parse_prices(HEADER + "A,CNY,9.90,toys\n\nB,USD,1,\n", "p.csv")
    assert str(prices["A"].market_price) == "9.90" and prices.category("A") == "toys"
    assert prices["B"].category is None


def test_iso_list_is_real_codes():
    assert {"CNY", "USD", "EUR", "JPY", "HKD"} <= ISO_4217
    assert not {"RMB", "XYZ", "CYN"} & ISO_4217
    assert all(len(code) == 3 and code.isupper() for code in ISO_4217)


@pytest.mark.parametrize("prices", [HEADER + "A,CNY,-1\n", "sku\n", HEADER + "A,CNY,1\x00\n"])
def test_cli_one_line(tmp_path, prices):
    line = one_line(check(tmp_path, 'market_prices = "market_prices.csv"\n', prices=prices))
    assert "market_prices.csv" in line


ROWS = [["A", "CNY", "9.90"], ["A", "CNY", "9.90", "toys"], ["A", "CNY", "9.90", ""],
        [" A", "CNY", "1"], ["A", " CNY", "1"], ["A", "CNY", "1 "], ["A", "CNY", "1", " toys "],
        ["A", "CNY", "0"], ["A", "CNY", "0.00"], ["A", "CNY", "007.50"], ["A", "RMB", "1"],
        ["A", "cny", "1"], ["", "CNY", "1"], ["A", "CNY"], ["A", "CNY", "1", "x", "y"],
        ["A", "CNY", "1" * 20], ["A", "CNY", "1" * 21], ["A", "CNY", "0" * 5 + "1" * 20],
        ["A", "CNY", "1" * 19 + ".5"], ["A", "CNY", "1e5"], ["A", "CNY", "-1"], ["A", "CNY", "١"]]


@pytest.mark.parametrize("has_category", [True, False])
@pytest.mark.parametrize("row", ROWS)
def test_plain_rows_take_the_quick_path_with_the_same_result(row, has_category):
    """`_plain` either declines (None) or gives exactly the Price `_row` gives."""
    from promolint.source.prices import _plain, _row
    quick = _plain(list(row), has_category)
    try:
        full = _row(list(row), 2, "p.csv", has_category)
    except ConfigError:
        assert quick is None
        return
    assert quick is None or (quick == full and repr(quick) == repr(full))
    if row == ["A", "CNY", "9.90"] or (has_category and row == ["A", "CNY", "9.90", "toys"]):
        assert quick is not None
