"""What `promolint serve`'s page is given: findings worst first in both languages, a draft
linted with the repo as context, money curves whose steps sit where the benefit changes,
the evaluator's reasons. Called through the API functions (the browser test drives them too)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from promolint.serve import api
from promolint.serve.repo import Refused, Repo

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROMOLINT = Path(sys.executable).with_name("promolint")

YAML = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: Draft
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
scope: {{skus: [TEE-001]}}
benefit: {benefit}
limits: {{per_user: 1, budget: 10000}}
"""


@pytest.fixture
def shop(tmp_path) -> Repo:
    shutil.copytree(EXAMPLES / "shop", tmp_path / "shop")
    return Repo(tmp_path / "shop")


def draft(repo, benefit, id_="draft-1", path="drafts/d.promo.yaml"):
    return api.lint(repo, {"path": path, "text": YAML.format(id=id_, benefit=benefit)})


def test_repo_lists_every_promotion_worst_first_in_both_languages(tmp_path):
    shutil.copytree(EXAMPLES / "broken", tmp_path / "broken")
    shutil.copytree(EXAMPLES / "shop", tmp_path / "shop")  # the broken examples' price list
    data = api.repo(Repo(tmp_path / "broken"), {})
    ranks = {"error": 3, "warning": 2, "info": 1}
    worst = [max((ranks[data["findings"][i]["severity"]] for i in p["findings"]), default=0)
             for p in data["promotions"]]
    assert worst == sorted(worst, reverse=True) and worst[0] == 3
    severities = [ranks[f["severity"]] for f in data["findings"] if not f.get("suppressed")]
    assert severities == sorted(severities, reverse=True)
    inverted = next(f for f in data["findings"] if f["rule"] == "inverted-threshold")
    assert inverted["path"] == "inverted-threshold.promo.yaml" and inverted["line"] == 15
    assert "spend 50.00 CNY" in inverted["message"]["en"] and "满 50.00 CNY" in inverted["message"]["zh"]
    doc = data["rules"]["inverted-threshold"]
    assert doc["code"] == "PL101"
    for part in ("summary", "what", "why", "fix"):  # the catalog's own words, both languages
        assert doc[part]["en"] and doc[part]["zh"] and doc[part]["en"] != doc[part]["zh"]
    assert "witness" in inverted and inverted["witness_text"]["zh"].startswith("反例")


def test_a_draft_sees_the_repo_as_context(shop):
    data = draft(shop, "{type: percent_off, percent: 10}", id_="d11-spend200-save50")
    assert "duplicate-id" in {f["rule"] for f in data["findings"]}
    clean = draft(shop, "{type: threshold_off, threshold: 200, amount: 20}")
    assert [f for f in clean["findings"] if f["severity"] == "error"] == []


def test_a_dsl_draft_is_linted_as_dsl(shop):
    text = ('promotion dsl-draft "x" {\n  currency CNY\n  window 2026-11-11T00:00:00+08:00 .. '
            '2026-11-12T00:00:00+08:00\n  scope skus [TEE-001]\n  benefit spend 50 save 200\n'
            '  limits per_user 1 budget 1000\n}\n')
    data = api.lint(shop, {"path": "drafts/d.promo", "text": text})
    inverted = [f for f in data["findings"] if f["rule"] == "inverted-threshold"]
    assert inverted and inverted[0]["line"] == 5
    assert data["curves"][0]["sku"] == "TEE-001"


def units(curve) -> dict[int, str]:
    return {p["units"]: p["unit"] for p in curve["points"]}


def test_the_curve_steps_at_a_threshold(shop):
    curve = draft(shop, "{type: threshold_off, threshold: 200, amount: 50}")["curves"][0]
    assert (curve["sku"], curve["market"], curve["line"]) == ("TEE-001", "99.00", "49.50")
    by = units(curve)
    assert by[1] == by[2] == "99.00"          # 99 and 198: below the 200 threshold
    assert by[3] == "82.33"                   # 297 - 50 over 3 units
    assert not any(p["past"] for p in curve["points"])


def test_the_curve_shows_a_buy_x_get_y_step_and_the_line(shop):
    curve = draft(shop, "{type: buy_x_get_y, buy: 1, get: 1}")["curves"][0]
    by = units(curve)
    assert by[1] == "99.00" and by[2] == "49.50" and by[3] == "66.00"
    assert [p["past"] for p in curve["points"]][:2] == [False, False]  # exactly on the line


def test_the_curve_shows_a_cap(shop):
    curve = draft(shop, "{type: percent_off, percent: 80, max_amount: 100}")["curves"][0]
    by = units(curve)
    assert by[1] == "19.80"                   # 80% off one tee: past the line
    assert curve["points"][0]["past"] is True
    assert by[2] == "49.00"                   # 198 - 100 (the cap) over 2
    assert float(by[6]) > float(by[2])        # the cap pulls the unit price back up


def test_an_unpriced_scope_draws_a_stand_in(shop):
    text = YAML.format(id="x", benefit="{type: threshold_off, threshold: 50, amount: 200}")
    text = text.replace("skus: [TEE-001]", "skus: [NOT-PRICED]")
    curve = api.lint(shop, {"path": "drafts/d.promo.yaml", "text": text})["curves"][0]
    assert curve["stand_in"] is True and curve["market"] == "50.00"


def test_eval_says_which_apply_and_why_the_others_do_not(shop):
    body = {"cart": "lines:\n  - {sku: TEE-001, quantity: 3}\n", "user": "user: {tier: gold}\n",
            "at": "2026-11-11T10:00:00+08:00", "path": "drafts/d.promo.yaml",
            "text": YAML.format(id="draft-1", benefit="{type: amount_off, amount: 5}")}
    data = api.evaluate(shop, body)
    applied = {a["id"] for a in data["applied"]}
    reasons = {s["id"]: s["reason"] for s in data["not_applied"]}
    assert applied and applied.isdisjoint(reasons)
    assert reasons["member-week-tea"] == {"en": "outside its window", "zh": "不在活动时间内"}
    assert len(applied) + len(reasons) == 8  # the repo's seven and the draft
    assert data["subtotal"] == "297.00"


def test_eval_refuses_a_bad_cart_in_one_line(shop):
    with pytest.raises(Refused) as err:
        api.evaluate(shop, {"cart": "lines: [{sku: NOPE}]", "user": ""})
    assert err.value.status == 422 and "NOPE" in api.error_text(err.value.key, **err.value.args_)["en"]


def test_read_gives_a_repo_file(shop):
    data = api.read(shop, {"path": "promotions/member-week.promo"})
    assert data["text"].startswith("# Member week")


def test_serve_refuses_a_missing_folder(tmp_path):
    run = subprocess.run([str(PROMOLINT), "serve", "--no-browser", str(tmp_path / "nope")],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_a_far_threshold_and_a_tier_jump_are_still_drawn(shop):
    far = draft(shop, "{type: threshold_off, threshold: 10000, amount: 500}")["curves"][0]
    by = units(far)
    assert by[101] == "99.00" and float(by[102]) < 99  # 102 tees reach 10,000
    tiers = "{type: tiered, tiers: [{threshold: 100, amount: 10}, {threshold: 500, percent: 30}]}"
    by = units(draft(shop, tiers)["curves"][0])
    assert by[1] == "99.00" and by[2] == "94.00" and by[6] == "69.30"  # 198-10; 594 at 30% off


def test_the_page_language_defaults_from_the_system(tmp_path):
    import os
    import re
    import signal
    import urllib.request
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LC_MESSAGES="")
    proc = subprocess.Popen([str(PROMOLINT), "serve", "--no-browser", str(EXAMPLES / "shop")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/\?code=\S+", line)[0]
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())  # keeps the cookie
        page = browser.open(url, timeout=10).read().decode()
        assert '<meta name="promolint-lang" content="zh">' in page
        assert "按 Ctrl-C 停止" in proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        proc.kill()


def test_a_draft_that_stacks_with_a_repo_promotion_is_caught(shop):
    other = YAML.format(id="tee-30", benefit="{type: percent_off, percent: 30}")
    (shop.root / "promotions" / "tee-30.promo.yaml").write_text(
        other + "stacking: stackable\n", encoding="utf-8")
    text = YAML.format(id="draft-1", benefit="{type: percent_off, percent: 30}") + "stacking: stackable\n"
    data = api.lint(shop, {"path": "drafts/d.promo.yaml", "text": text})
    stacked = [f for f in data["findings"] if f["rule"] == "stacking-below-market"]
    assert stacked and set(stacked[0]["witness"]["promotions"]) == {"draft-1", "tee-30"}
    assert "叠加" in stacked[0]["message"]["zh"]


def test_a_draft_finding_offers_its_fix_in_both_languages(shop):
    data = draft(shop, "{type: threshold_off, threshold: 50, amount: 200}")
    inverted = next(f for f in data["findings"] if f["rule"] == "inverted-threshold")
    (fix,) = inverted["fixes"]
    assert fix["title"]["en"] and fix["title"]["zh"] and fix["title"]["en"] != fix["title"]["zh"]
    assert sorted(e["text"] for e in fix["edits"]) == ["200", "50"]


def test_serve_refuses_a_port_in_use(tmp_path):
    import socket
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run([str(PROMOLINT), "serve", "--no-browser", "--port", str(port),
                              str(EXAMPLES / "shop")], capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and f"127.0.0.1:{port}" in run.stderr and "Traceback" not in run.stderr


def test_a_broken_promotion_is_not_priced_and_says_why(shop):
    text = YAML.format(id="draft-1", benefit="{type: percent_off, percent: 10}").replace(
        "scope: {skus: [TEE-001]}", "scope: {skus: [TEE-001]}\naudience: 42")  # a broken audience
    body = {"cart": "lines:\n  - {sku: TEE-001, quantity: 1}\n", "user": "",
            "at": "2026-11-11T10:00:00+08:00", "path": "drafts/d.promo.yaml", "text": text}
    data = api.evaluate(shop, body)
    assert "draft-1" not in {a["id"] for a in data["applied"]}
    reason = next(s["reason"] for s in data["not_applied"] if s["id"] == "draft-1")
    assert "not priced" in reason["en"] and "不参与计算" in reason["zh"]
    assert api.lint(shop, {"path": "drafts/d.promo.yaml", "text": text})["curves"] == []


def test_eval_gives_the_true_reason_as_promolint_eval_does(shop):
    text = YAML.format(id="draft-1", benefit="{type: threshold_off, threshold: 500, amount: 50}")
    body = {"cart": "lines:\n  - {sku: TEE-001, quantity: 1}\n", "user": "",
            "at": "2026-11-11T10:00:00+08:00", "path": "drafts/d.promo.yaml", "text": text}
    data = api.evaluate(shop, body)
    assert "draft-1" not in {a["id"] for a in data["applied"]}  # never "applied (-0.00)"
    reason = next(s["reason"] for s in data["not_applied"] if s["id"] == "draft-1")
    assert "401.00 more" in reason["en"] and "401.00" in reason["zh"] and "未达门槛" in reason["zh"]


def test_the_page_and_eval_json_give_one_shape(shop):
    """The page's try-a-cart and `promolint eval --format json` are one function's data:
    the same dict for the same cart, each reason and note as {"en": ..., "zh": ...}."""
    import json
    from click.testing import CliRunner
    from promolint.cli import main
    cart = EXAMPLES / "carts" / "d11-apparel.cart.yaml"
    user = EXAMPLES / "carts" / "gold.user.yaml"
    at = "2026-11-11T10:00:00+08:00"
    done = CliRunner().invoke(main, ["eval", str(shop.root), "--cart", str(cart), "--user", str(user),
                                     "--at", at, "--format", "json"])
    assert done.exit_code == 0, done.output
    page = api.evaluate(shop, {"cart": cart.read_text("utf-8"), "user": user.read_text("utf-8"), "at": at})
    assert json.loads(done.stdout) == json.loads(json.dumps(page))
    assert page["not_applied"] and all(set(s) == {"id", "reason"} and set(s["reason"]) == {"en", "zh"}
                                       for s in page["not_applied"])


def test_a_bad_cart_user_or_time_is_refused_in_both_languages(shop):
    from tests.report.test_zh_messages import english_words
    for body, en in [
        ({"cart": "lines:\n  - {sku: TEE-001, quantity: 0}\n"},
         "cart:2:30: `quantity` must be a whole number of at least 1"),
        ({"cart": "lines: [{sku: TEE-001}]\n", "user": "- gold\n"},
         "user:1:1: expected a mapping of facts such as `user: {tier: gold}`"),
        ({"cart": "lines: [{sku: TEE-001}]\n", "at": "tomorrow"}, "time 'tomorrow': expected an RFC 3339"),
        ({"cart": "lines: [\n"}, "cart:2:1: "),
        ({"cart": "currency: USD\nlines: [{sku: TEE-001, unit_price: 250}]\n", "at": "2026-11-11T10:00:00+08:00"},
         "cart:1:11: the cart is in USD, but promotions priced for it are in CNY (d11-spend200-save50)"),
    ]:
        with pytest.raises(Refused) as err:
            api.evaluate(shop, {"user": ""} | body)
        said = api.error_text(err.value.key, **err.value.args_)
        assert err.value.status == 422 and said["en"].startswith(en), said
        assert re.search(r"[\u4e00-\u9fff]", said["zh"]) and english_words(said["zh"], str(body)) == [], said
