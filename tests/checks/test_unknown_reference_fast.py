"""unknown-reference's did-you-mean is difflib.get_close_matches(n=1), only faster."""
import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.checks.unknown_reference import closest

words = st.text(st.sampled_from("abcde-01"), max_size=8)


@settings(max_examples=400, deadline=None)
@given(words, st.lists(words, max_size=30, unique=True))
def test_same_suggestion_as_difflib(word, known):
    expected = difflib.get_close_matches(word, sorted(known), n=1)
    assert closest(word, sorted(known)) == (expected[0] if expected else None)


def test_suggests_the_near_id_among_many():
    known = sorted(f"promo-{i:05d}" for i in range(5000)) + ["summer-sale-2026"]
    assert closest("sumer-sale-2026", known) == "summer-sale-2026"
    assert closest("zzzz", known) is None
