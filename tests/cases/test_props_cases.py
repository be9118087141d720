"""Property: a case saved from any cart (eval --save-case) loads without a problem and
passes, so the saved file says exactly what the evaluator did."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.cases.load import load
from promolint.cases.run import run
from promolint.cases.save import case_data, dump
from promolint.cases.suite import load_promotions
from promolint.core.config import load_settings
from promolint.engine.cart import cart_from_data, user_from_data
from promolint.engine.evaluator import evaluate
from promolint.run.lint import make_context

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"
SETTINGS = load_settings(SHOP)
PROMOS, _ = load_promotions(str(SHOP), SETTINGS)
PRICES = make_context(SETTINGS).prices
PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

lines = st.lists(st.fixed_dictionaries(
    {"sku": st.sampled_from(sorted(PRICES)), "quantity": st.integers(1, 12).map(Decimal)},
    optional={"unit_price": st.decimals(0, 2000, places=2)}), min_size=1, max_size=4)
users = st.fixed_dictionaries({}, optional={
    "user": st.fixed_dictionaries({}, optional={
        "tier": st.sampled_from(["regular", "gold", "vip"]),
        "order_count": st.integers(0, 9).map(Decimal), "is_first_order": st.booleans(),
        "phone_verified": st.booleans(), "blocked": st.booleans()}),
    "group": st.fixed_dictionaries({"size": st.integers(1, 5).map(Decimal)})})
moments = st.integers(0, 60 * 24 * 30).map(
    lambda m: datetime(2026, 11, 1, tzinfo=timezone(timedelta(hours=8))) + timedelta(minutes=m))


@PROPS
@given(lines, users, moments, st.lists(st.sampled_from(sorted(p.id for p in PROMOS)), max_size=2))
def test_a_saved_case_passes(tmp_path_factory, cart_lines, user, at, coupons):
    cart = {"lines": cart_lines, "coupons": coupons}
    result = evaluate(PROMOS, cart_from_data(cart, PRICES), user_from_data(user), at)
    path = tmp_path_factory.mktemp("case") / "saved.cases.yaml"
    path.write_text(dump([case_data("saved", cart, user, at, result)]), "utf-8")
    cases, problems = load(str(path))
    assert problems == [] and len(cases) == 1
    outcome = run(cases[0], PROMOS, PRICES)
    assert outcome.passed, [f.message() for f in outcome.failures] or outcome.problem
