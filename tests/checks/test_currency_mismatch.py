"""currency-mismatch: a category's or the whole order's prices in another currency."""
from promolint.checks import (
    Context,
    currency_mismatch,
)
from promolint.core.config import Settings
from promolint.source.prices import Price
from tests.checks.money_helpers import D, prices, promo, sourced


def test_currency_mismatch_covers_category_and_whole_order_scopes():
    pl = prices(("A", "10", "c"), ("B", "20", "c"))
    pl["U"] = Price("U", "USD", D(5), "c")
    pl["V"] = Price("V", "USD", D(6), "d")
    ctx = Context(Settings(), pl)

    def ids_(p):
        return [(f.message_id, dict(f.args).get("count")) for f in currency_mismatch.check(sourced(p), ctx)]
    assert ids_(promo("p", categories=["c"])) == [("currency-mismatch-scope", 1)]
    assert ids_(promo("p", categories=["c"], exclude=["U"])) == []
    assert ids_(promo("p", categories=["c", "d"])) == [("currency-mismatch-scope", 1)] * 2
    assert ids_(promo("p")) == [("currency-mismatch-scope", 2)]  # the whole order
    assert ids_(promo("p", skus=["U"])) == [("currency-mismatch", None)]
    assert ids_(promo("p", skus=["A"])) == []
