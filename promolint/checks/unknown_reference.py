"""unknown-reference: stacking.with names an id that does not exist."""
from promolint.diagnostics import make

RULES = ("unknown-reference",)


def check_all(promos, ctx):
    import difflib
    ids = {p.id for p in promos}  # a set: `in` on the sorted list was O(n) per reference
    known = sorted(ids)
    for promo in promos:
        for i, other in enumerate(promo.stacking.with_ids):
            if other not in ids:
                guess = difflib.get_close_matches(other, known, n=1)
                extra = {"hint": guess[0]} if guess else {}
                yield make(promo.path, promo.source.span(("stacking", "with", i)),
                           "unknown-reference", "unknown-reference-hint" if guess else None,
                           promotion=promo.id, ref=other, **extra)
