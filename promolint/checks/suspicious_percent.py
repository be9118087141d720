"""suspicious-percent: a percent below 1, most likely a fraction (0.15 for 15%) or a
per-mille value typed where a percent was meant."""
from decimal import Decimal

from promolint.core.diagnostics import make
from promolint.core.phrases import percent_off
from promolint.model import promotion as m

RULES = ("suspicious-percent",)
NEEDS = ("benefit",)


def check(promo, ctx):
    for path, value in _percents(promo.benefit):
        if value < 1:
            yield _finding(promo, path, value)


def _finding(promo, path, value: Decimal):
    """0.9 is most likely 9折 written as a fraction (pays 90%: percent 10), or 90% off
    (percent 90): the message gives both readings, the smaller discount first, never
    only the one that turns a 10%-off into a 90%-off."""
    readings = sorted({r for r in (value * 100, 100 - value * 100) if 0 < r <= 100})
    args = {f"meant{i}": f"{r.normalize():f}" for i, r in enumerate(readings, 1)}
    args |= {f"reading{i}": percent_off(r) for i, r in enumerate(readings, 1)}
    message_id = "suspicious-percent" if len(readings) == 2 else "suspicious-percent-one"
    return make(promo.path, promo.source.span(path), "suspicious-percent", message_id,
                promotion=promo.id, percent=f"{value.normalize():f}", **args)


def _percents(benefit):
    if isinstance(benefit, m.PercentOff):
        yield ("benefit", "percent"), benefit.percent
    elif isinstance(benefit, m.BuyXGetY):
        yield ("benefit", "percent"), Decimal(benefit.percent)
    elif isinstance(benefit, m.Tiered):
        for i, tier in enumerate(benefit.tiers):
            if tier.percent is not None:
                yield ("benefit", "tiers", i, "percent"), tier.percent
