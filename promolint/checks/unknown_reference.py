"""unknown-reference: stacking.with names an id that does not exist."""
from __future__ import annotations

from collections import Counter

from promolint.core.diagnostics import make

RULES = ("unknown-reference",)
NEEDS = ("id",)
CUTOFF = 0.6  # difflib.get_close_matches' default


def check_all(promos, ctx):
    ids = {p.id for p in promos}  # a set: `in` on the sorted list was O(n) per reference
    if ctx.known_ids is not None:  # context mode: the repository's ids, not only those loaded
        ids |= ctx.known_ids
    known: list[str] | None = None
    for promo in promos:
        if not ctx.in_focus(promo):
            continue
        for i, other in enumerate(promo.stacking.with_ids):
            if other not in ids:
                known = known if known is not None else sorted(ids)
                guess = closest(other, known)
                extra = {"hint": guess} if guess else {}
                yield make(promo.path, promo.source.span(("stacking", "with", i)),
                           "unknown-reference", "unknown-reference-hint" if guess else None,
                           promotion=promo.id, ref=other, **extra)


def closest(word: str, possibilities: list[str]) -> str | None:
    """difflib.get_close_matches(word, possibilities, n=1)[0] (or None), without computing
    the ratio of every id: ratio <= quick_ratio (matching characters counted as multisets),
    so candidates are tried best bound first and the search stops once the bound falls
    below the best ratio found (an equal bound may still win the tie on the larger id)."""
    import difflib
    need = Counter(word)
    bounded = []
    for x in possibilities:
        total = len(x) + len(word)
        if not total:  # two empty strings: difflib's ratio is 1.0
            bounded.append((1.0, x))
        elif 2.0 * min(len(x), len(word)) / total >= CUTOFF:  # real_quick_ratio
            common = sum(min(n, x.count(ch)) for ch, n in need.items())
            bound = 2.0 * common / total
            if bound >= CUTOFF:
                bounded.append((bound, x))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    for bound, x in bounded:
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(x)
        score = matcher.ratio()
        if score >= CUTOFF and (best is None or (score, x) > best):
            best = (score, x)
    return best[1] if best else None
