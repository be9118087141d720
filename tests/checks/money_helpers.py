"""Helpers for the money checks' hand-computed cases: promotions built in code (no
source text: every span is 1:1), price lists, a check run on them."""
from promolint.checks import Context, below_market
from promolint.core.config import Settings
from promolint.source.prices import Price, PriceList
from tests.engine.factory import D, promo  # noqa: F401 - the cases' builders, from here


class _Doc:
    """Stands in for the source Document: every span is 1:1."""
    path = "x.promo.yaml"

    def span(self, path=()):
        from promolint.core.document import Span
        return Span(1, 1)

    def get(self, path=()):
        return None

    def origin(self, path):
        return tuple(path)


def sourced(p):
    object.__setattr__(p, "source", _Doc())
    return p


def prices(*rows) -> PriceList:
    out = PriceList()
    for sku, price, cat in rows:
        out[sku] = Price(sku, "CNY", D(price), cat)
    return out


def below(p, price_list=PriceList(), line="0.5"):
    ctx = Context(Settings(max_below_market=D(line)), price_list)
    return list(below_market.check(sourced(p), ctx))


def run_all(module, promos, price_list=PriceList()):
    return list(module.check_all([sourced(p) for p in promos], Context(Settings(), price_list)))
