"""`promolint eval`: every promotion that gave nothing says its true reason (issue 16):
not reached (how much more), not eligible (which condition), lost (to which offer);
never "applied (-0.00)"."""
import json

from tests.engine.test_cli_eval import CARTS, run


def _eval(tmp_path, cart: str, user: str = "gold"):
    path = tmp_path / "c.cart.yaml"
    path.write_text(cart)
    result = run("--cart", str(path), "--user", str(CARTS / f"{user}.user.yaml"),
                 "--at", "2026-11-11T10:00:00+08:00", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert all(set(r["reason"]) == {"en", "zh"} for r in data["not_applied"])  # both, always
    return data, {r["id"]: r["reason"]["en"] for r in data["not_applied"]}


def test_a_threshold_not_reached_says_how_much_more(tmp_path):
    data, why = _eval(tmp_path, "lines:\n  - {sku: TEE-001, quantity: 1}\n")  # 99.00 of 200
    assert all(a["discount"] != "0.00" for a in data["applied"])
    assert why["d11-spend200-save50"] == "not reached: spend 101.00 more on its items (99.00 of 200.00)"
    zh = {r["id"]: r["reason"]["zh"] for r in data["not_applied"]}
    assert zh["d11-spend200-save50"] == "未达门槛:参与商品还差 101.00(已 99.00,需 200.00)"
    assert zh["flash-hp300"] == "不在活动时间内"  # an evaluator's own reason, from the table


def test_not_eligible_names_the_condition_and_a_loser_names_the_winner(tmp_path):
    data, why = _eval(tmp_path, "lines:\n  - {sku: TEE-001, quantity: 3}\n  - {sku: SNK-200, quantity: 1}\n")
    assert [a["id"] for a in data["applied"]] == ["d11-spend200-save50"]
    assert why["vip-tiered"].startswith("lost to a better offer: d11-spend200-save50 won")
    data, why = _eval(tmp_path, "lines:\n  - {sku: TEE-001, quantity: 1}\n", user="new-customer")
    assert why["vip-tiered"].startswith("not eligible: user.tier in")


def test_the_chinese_text_says_the_true_reason_in_chinese(tmp_path):
    path = tmp_path / "c.cart.yaml"
    path.write_text("lines:\n  - {sku: TEE-001, quantity: 1}\n")
    result = run("--cart", str(path), "--user", str(CARTS / "gold.user.yaml"),
                 "--at", "2026-11-11T10:00:00+08:00", "--lang", "zh", "--exposure")
    assert "未达门槛:参与商品还差 101.00" in result.stdout, result.stdout
    assert "limits.total 1000 次 × 每次最多 400.00" in result.stdout


def test_a_note_is_said_in_both_languages_in_json_and_in_the_run_language_as_text(tmp_path):
    path = tmp_path / "c.cart.yaml"
    path.write_text("lines:\n  - {sku: TEA-50, quantity: 2}\ncoupons: [member-week-tea]\n")
    args = ["--cart", str(path), "--user", str(CARTS / "gold.user.yaml"), "--at", "2026-11-21T10:00:00+08:00"]
    data = json.loads(run(*args, "--format", "json").stdout)
    [note] = data["notes"]
    assert note["en"].startswith("member-week-tea: rollout 50% (gray release)") and "灰度发布" in note["zh"]
    assert "灰度发布" in run(*args, "--lang", "zh").stdout
    assert note["en"] in run(*args, "--lang", "en").stdout
