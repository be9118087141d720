"""suspicious-percent: a percent below 1, most likely a fraction (0.15 for 15%) or a
per-mille value typed where a percent was meant."""
from decimal import Decimal

from promolint.core.diagnostics import make
from promolint.model import promotion as m

RULES = ("suspicious-percent",)
NEEDS = ("benefit",)


def check(promo, ctx):
    for path, value in _percents(promo.benefit):
        if value < 1:
            yield make(promo.path, promo.source.span(path), "suspicious-percent",
                       promotion=promo.id, percent=f"{value.normalize():f}",
                       meant=f"{(value * 100).normalize():f}")


def _percents(benefit):
    if isinstance(benefit, m.PercentOff):
        yield ("benefit", "percent"), benefit.percent
    elif isinstance(benefit, m.BuyXGetY):
        yield ("benefit", "percent"), Decimal(benefit.percent)
    elif isinstance(benefit, m.Tiered):
        for i, tier in enumerate(benefit.tiers):
            if tier.percent is not None:
                yield ("benefit", "tiers", i, "percent"), tier.percent
