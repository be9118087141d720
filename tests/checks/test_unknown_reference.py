"""unknown-reference: stacking.with names an id no promotion has."""
from tests.checks.warning_helpers import hits, ids, promo

RULE = "unknown-reference"


def _body(*partners: str) -> str:
    return ("benefit: {type: percent_off, percent: 10}\nlimits: {budget: 100}\n"
            f"stacking: {{mode: stackable, with: [{', '.join(partners)}]}}\n")


def test_an_unknown_partner_fires_at_it_with_a_did_you_mean(lint):
    text = promo(_body("d11-spend200"), id="a") + "---\n" + promo(_body("a"), id="d11-spend300")
    report = lint(text)
    assert hits(report, RULE) == ["9:36"]
    assert ids(report, RULE) == ["unknown-reference-hint"]


def test_known_partners_are_fine_and_nothing_close_has_no_hint(lint):
    text = promo(_body("b"), id="a") + "---\n" + promo(_body("a", "zzzzzz"), id="b")
    report = lint(text)
    assert len(hits(report, RULE)) == 1
    assert ids(report, RULE) == ["unknown-reference"]
