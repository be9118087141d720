"""evaluator.candidates builds each set with _Group (near-linear): the same sets as the
pairwise definition (every member compatible with every other), on random stacking."""
from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.engine.evaluator import candidates, compatible
from tests.engine.factory import promo

IDS = ["a", "b", "c", "d", "e"]
one = st.tuples(st.sampled_from(IDS), st.sampled_from(["exclusive", "stackable", "with"]),
                st.lists(st.sampled_from(IDS), max_size=4))


def pairwise(applicable):
    """The definition: a lead takes, in order, every promotion compatible with all taken."""
    out, seen = [], set()
    for lead in applicable:
        group = [lead]
        if lead.stacking.mode != "exclusive":
            for other in applicable:
                if other is not lead and all(compatible(other, g) for g in group):
                    group.append(other)
        key = frozenset(id(p) for p in group)
        if key not in seen:
            seen.add(key)
            out.append((lead, [p for p in applicable if id(p) in key]))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(one, max_size=7))
def test_candidates_are_the_pairwise_definition(specs):
    promos = [promo(pid, stacking=mode, with_ids=tuple(names)) for pid, mode, names in specs]
    assert candidates(promos) == pairwise(promos)


def test_a_hundred_stackable_promotions_make_one_set_per_lead_quickly():
    promos = [promo(f"p{i}", stacking="stackable") for i in range(300)]
    sets = candidates(promos)
    assert len(sets) == 1 and len(sets[0][1]) == 300
