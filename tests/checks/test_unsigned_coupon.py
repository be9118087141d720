"""unsigned-coupon: required codes must be signed and rate limited."""
from tests.checks.warning_helpers import hits, ids, promo

RULE = "unsigned-coupon"
BODY = "benefit: {type: threshold_off, threshold: 100, amount: 10}\nlimits: {per_user: 1}\n"


def test_signed_false_points_at_signed(lint):
    report = lint(promo(BODY + "coupon:\n  required: true\n  signed: false\n"
                        "  rate_limit_per_minute: 5\n"))
    assert hits(report, RULE) == ["11:11"]
    assert ids(report, RULE) == ["unsigned-coupon"]


def test_missing_rate_limit_points_at_required(lint):
    report = lint(promo(BODY + "coupon:\n  required: true\n  signed: true\n"))
    assert hits(report, RULE) == ["10:13"]
    assert ids(report, RULE) == ["unsigned-coupon-no-rate-limit"]


def test_both_gaps_are_two_findings(lint):
    report = lint(promo(BODY + "coupon: {required: true}\n"))
    assert hits(report, RULE) == ["9:20", "9:20"]
    assert ids(report, RULE) == ["unsigned-coupon", "unsigned-coupon-no-rate-limit"]


def test_signed_and_rate_limited_or_optional_codes_are_quiet(lint):
    good = lint(promo(BODY + "coupon: {required: true, signed: true, rate_limit_per_minute: 5}\n"))
    optional = lint(promo(BODY + "coupon: {required: false}\n"))
    assert hits(good, RULE) == [] and hits(optional, RULE) == []
