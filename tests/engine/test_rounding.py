"""The shop's rounding (docs/rounding.md): each promotion's discount on each line rounded
half-even to the minor unit of the promotion's currency; exact=True keeps every digit."""
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.core.currency import EXPONENTS, minor_unit, per_unit, shop_round
from promolint.engine.benefits import allocate, line_discounts, order_discount
from promolint.engine.evaluator import evaluate
from promolint.model import promotion as m
from promolint.source.prices import ISO_4217
from tests.engine.factory import AT, D, cart, promo


def priced(benefit, the_cart, currency="CNY", exact=False, **kw):
    return evaluate([replace(promo("p", benefit, **kw), currency=currency)], the_cart, {}, AT,
                    exact=exact)


def test_half_off_an_odd_cent_price():
    # 50% of 9.99 is 4.995 off: the shop takes 5.00 off (half-even: 4.99|5 -> 5.00), 4.99 paid
    rounded = priced(m.PercentOff(D(50)), cart(("A", 1, "9.99")))
    assert (rounded.total, rounded.discount) == (D("4.99"), D("5.00"))
    assert rounded.applied[0].discount == D("5.00")
    exact = priced(m.PercentOff(D(50)), cart(("A", 1, "9.99")), exact=True)
    assert (exact.total, exact.discount) == (D("4.995"), D("4.995"))


def test_a_tier_percent_is_rounded_before_it_is_shared():
    tiers = m.Tiered((m.Tier(D(100), None, D(5)), m.Tier(D(500), None, D(10))))
    one = priced(tiers, cart(("A", 1, "523.95")))
    assert one.discount == D("52.40") and one.total == D("471.55")
    # over three lines: the shares are whole cents and add up to the rounded 52.40
    three = priced(tiers, cart(("A", 1, "200.01"), ("B", 1, "123.93"), ("C", 1, "200.01")))
    assert three.discount == D("52.40")
    assert all(l.discount == l.discount.quantize(D("0.01")) for l in three.lines)
    assert priced(tiers, cart(("A", 1, "523.95")), exact=True).discount == D("52.395")


@pytest.mark.parametrize("amount,off", [("0.125", "0.12"), ("0.135", "0.14"), ("0.145", "0.14"),
                                        ("0.155", "0.16"), ("0.1251", "0.13")])
def test_ties_go_to_the_even_cent(amount, off):
    assert priced(m.AmountOff(D(amount)), cart(("A", 1, "10"))).discount == D(off)
    # a line's own discount too: 10% of 1.25 and 1.35
    assert shop_round(D(amount), D("0.01")) == D(off)


def test_per_line_ties():
    assert priced(m.PercentOff(D(10)), cart(("A", 1, "1.25"))).discount == D("0.12")
    assert priced(m.PercentOff(D(10)), cart(("A", 1, "1.35"))).discount == D("0.14")
    # each line rounded on its own: 0.125 + 0.135 -> 0.12 + 0.14, not round(0.26)
    both = priced(m.PercentOff(D(10)), cart(("A", 1, "1.25"), ("B", 1, "1.35")))
    assert [l.discount for l in both.lines] == [D("0.12"), D("0.14")]


def test_yen_are_whole():
    result = priced(m.PercentOff(D(15)), cart(("A", 1, "999"), ("B", 3, "333")), currency="JPY")
    assert [l.discount for l in result.lines] == [D(150), D(150)]  # 149.85 and 149.85
    assert all(l.total == l.total.to_integral_value() for l in result.lines)
    shared = priced(m.AmountOff(D(1000)), cart(("A", 1, "999"), ("B", 2, "1001")), currency="JPY")
    assert [l.discount for l in shared.lines] == [D(332), D(668)]  # 332.9 down, the rest last
    assert sum(l.discount for l in shared.lines) == D(1000)


def test_three_place_currencies():
    result = priced(m.PercentOff(D(15)), cart(("A", 1, "1.999")), currency="KWD")
    assert result.discount == D("0.300")  # 0.29985
    assert priced(m.PercentOff(D(15)), cart(("A", 1, "1.999")), currency="CNY").discount == D("0.30")


def test_a_capped_percent_never_passes_its_cap_after_rounding():
    # 50% of 9.99 on two lines is 9.99 exactly, within the 9.99 cap; rounded per line it
    # would be 5.00 + 5.00: the cap is shared instead
    capped = m.PercentOff(D(50), D("9.99"))
    result = priced(capped, cart(("A", 1, "9.99"), ("B", 1, "9.99")))
    assert result.discount == D("9.99")
    assert priced(capped, cart(("A", 1, "9.99"), ("B", 1, "9.99")), exact=True).discount == D("9.99")
    # a cap finer than the minor unit is rounded too
    assert priced(m.PercentOff(D(90), D("3.335")), cart(("A", 1, "100"))).discount == D("3.34")


def test_a_line_never_goes_below_zero():
    # a cart price finer than the currency: 100% off 0.005 rounds to 0.00 or 0.01, capped at 0.005
    result = priced(m.PercentOff(D(100)), cart(("A", 1, "0.015")))
    assert result.total >= 0 and result.lines[0].discount <= D("0.015")
    assert priced(m.AmountOff(D(50)), cart(("A", 1, "9.99"))).total == 0


def test_stacked_promotions_are_each_rounded():
    a = promo("a", m.PercentOff(D(10)), stacking="stackable")
    b = promo("b", m.PercentOff(D(10)), stacking="stackable")
    result = evaluate([a, b], cart(("A", 1, "9.99")), {}, AT)
    # 0.999 -> 1.00 off, then 10% of 8.99 = 0.899 -> 0.90 off
    assert [x.discount for x in result.applied] == [D("1.00"), D("0.90")]
    assert result.total == D("8.09")
    assert evaluate([a, b], cart(("A", 1, "9.99")), {}, AT, exact=True).total == D("8.0919")


def test_minor_units():
    assert (minor_unit("CNY"), minor_unit("USD"), minor_unit("JPY"), minor_unit("KRW"),
            minor_unit("VND"), minor_unit("KWD"), minor_unit("BHD")) == (
        D("0.01"), D("0.01"), D(1), D(1), D(1), D("0.001"), D("0.001"))
    assert minor_unit("XYZ") == D("0.01") and minor_unit(None) == D("0.01")
    # the fund codes (CLF, UYI, UYW) are not in the price list's set; every other is
    assert set(EXPONENTS) - {"CLF", "UYI", "UYW"} <= ISO_4217


def test_per_unit_is_half_up_to_the_minor_unit():
    assert per_unit(D("40.00"), 3, "CNY") == D("13.33")
    assert per_unit(D("10.05"), 2, "CNY") == D("5.03")
    assert per_unit(D("1000"), 3, "JPY") == D(333)


UNITS = st.sampled_from([D("0.01"), D(1), D("0.001")])


@settings(max_examples=300, deadline=None)
@given(UNITS, st.lists(st.integers(1, 10**6), min_size=1, max_size=5), st.integers(1, 10**7))
def test_allocated_shares_add_up_to_the_rounded_amount(unit, minors, amount_minors):
    totals = [unit * n for n in minors]
    amount = min(unit * amount_minors / 7, sum(totals))  # an amount with sub-unit digits
    rounded = shop_round(amount, unit)
    shares = allocate(min(rounded, sum(totals)), totals, unit)
    assert sum(shares) == min(rounded, sum(totals))
    assert all(0 <= s <= t for s, t in zip(shares, totals))
    assert all(s == s.quantize(unit) for s in shares)


BENEFITS = st.one_of(
    st.builds(m.PercentOff, st.sampled_from([D(1), D("33.3"), D(50), D("66.67")]),
              st.sampled_from([None, D("9.99"), D("100.005")])),
    st.builds(m.AmountOff, st.sampled_from([D("0.125"), D("9.995"), D(100)])),
    st.builds(lambda p: m.Tiered((m.Tier(D(10), None, D(5)), m.Tier(D(50), None, p))),
              st.sampled_from([D("7.5"), D("12.345")])),
    st.builds(m.FixedPrice, st.sampled_from([D("0.995"), D("4.99")])),
    st.builds(lambda b, g, p: m.BuyXGetY(b, g, p), st.integers(1, 3), st.integers(1, 2),
              st.sampled_from([D(50), D("33.3")])),
)


@settings(max_examples=300, deadline=None)
@given(BENEFITS, st.sampled_from(["CNY", "JPY", "KWD"]),
       st.lists(st.tuples(st.integers(1, 99999), st.integers(1, 5)), min_size=1, max_size=4))
def test_rounded_lines_are_whole_minor_units_near_the_exact_ones(benefit, currency, rows):
    unit = minor_unit(currency)
    lines = [(unit * n * qty, qty) for n, qty in rows]
    subtotal = sum(total for total, _ in lines)
    exact = line_discounts(benefit, lines, {})
    shop = line_discounts(benefit, lines, {}, unit)
    assert all(d == d.quantize(unit) for d in shop)
    assert all(0 <= d <= total for d, (total, _) in zip(shop, lines))
    if isinstance(benefit, (m.AmountOff, m.Tiered)):
        # order-level: the amount rounded once, then shared: the total is the rounded amount
        amount = order_discount(benefit, subtotal)
        assert sum(shop) == min(shop_round(amount, unit), subtotal)
        assert abs(sum(shop) - sum(exact)) <= unit / 2
    elif isinstance(benefit, m.PercentOff) and benefit.max_amount is not None:
        assert sum(shop) <= shop_round(benefit.max_amount, unit)
    else:  # per line: each within half a unit of its exact discount
        assert all(abs(s - e) <= unit / 2 for s, e in zip(shop, exact))
