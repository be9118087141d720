"""long-window: the window is longer than settings.max_window_days (default 31)."""
from datetime import timedelta
from decimal import Decimal

from promolint.checks._shown import percent_text
from promolint.core.diagnostics import make

RULES = ("long-window",)
NEEDS = ("window",)


def check(promo, ctx):
    limit = ctx.settings.max_window_days
    length = promo.window.end - promo.window.start
    if length > timedelta(days=limit):
        days = Decimal(int(length.total_seconds())) / Decimal(86400)
        yield make(promo.path, promo.source.span(("window", "end")), "long-window",
                   promotion=promo.id, days=percent_text(days), limit=limit)
