"""duplicate-id: two promotions share an id."""
from tests.checks.warning_helpers import hits, promo

RULE = "duplicate-id"
BODY = "benefit: {type: percent_off, percent: 10}\nlimits: {budget: 100}\n"


def test_the_second_of_two_promotions_with_one_id_fires_at_its_id(lint):
    text = promo(BODY, id="d11") + "---\n" + promo(BODY, id="d11")
    assert hits(lint(text), RULE) == ["12:5"]


def test_distinct_ids_are_fine(lint):
    assert hits(lint(promo(BODY, id="a") + "---\n" + promo(BODY, id="b")), RULE) == []


def test_three_promotions_with_one_id_are_two_findings(lint):
    text = "---\n".join(promo(BODY, id="x") for _ in range(3))
    assert hits(lint(text), RULE) == ["12:5", "21:5"]
