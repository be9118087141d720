"""`check --fix`, `--unsafe-fixes` and `--diff`: each fix, what is kept byte for byte,
symlinks, and the property that a fixed finding does not come back."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.cli import main

YAML = """\
apiVersion: promolint/v1
kind: Promotion
id: d11
name: "双11: spend 200, save 50"   # a name may hold anything
campaign: general
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
scope: {skus: [TEE-001, TEE-002]}
benefit:
  type: threshold_off
  threshold: 200
  amount: 50
limits: {budget: 1000}
"""
DSL = """\
# member week
promotion member-week "Member week" {
  campaign member
  currency CNY
  window 2026-11-20T00:00:00+08:00 .. 2026-11-27T00:00:00+08:00
  audience user.tier in ["gold", "vip"]
  benefit percent_off 20 max 30
  limits per_user 2 budget 60000
}
"""


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", *args])


def findings(path) -> list[dict]:
    done = run("--format", "json", str(path))
    return json.loads(done.stdout)["findings"]


def message_ids(path) -> set[str]:
    from promolint.core.config import load_settings
    from promolint.run.lint import lint_paths
    return {d.message_id for d in lint_paths([str(path)], load_settings()).findings}


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "promolint.toml").write_text("", encoding="utf-8")
    return tmp_path


SAFE_CASES = [  # (file, text with what a keyboard typed, the message id it is found as)
    ("a.promo.yaml", YAML.replace("  threshold: 200", "  threshold：200"), "keyboard-colon-space"),
    ("a.promo.yaml", YAML.replace("  threshold: 200", "  threshold： 200"), "keyboard-fullwidth"),
    ("a.promo.yaml", YAML.replace("[TEE-001, TEE-002]", "［TEE-001， TEE-002］"), "keyboard-fullwidth"),
    ("a.promo.yaml", YAML.replace("campaign: general", "campaign: “general”"), "keyboard-fullwidth"),
    ("a.promo.yaml", YAML.replace("  amount: 50", "\tamount: 50"), "keyboard-tab"),
    ("a.promo.yaml", YAML.replace("currency: CNY", "currency:\u3000CNY"), "keyboard-space"),
    ("a.promo", DSL.replace('["gold", "vip"]', "[“gold”, “vip”]"), "keyboard-fullwidth"),
    ("a.promo", DSL.replace("currency CNY", "currency：CNY"), "keyboard-dsl-colon"),
    ("a.promo", DSL.replace('["gold", "vip"]', '["gold"， "vip"]'), "keyboard-fullwidth"),
]


@pytest.mark.parametrize("name,text,message_id", SAFE_CASES)
def test_each_safe_fix_repairs_its_finding(shop, name, text, message_id):
    (shop / name).write_text(text, encoding="utf-8")
    assert message_id in message_ids(name)
    done = run("--fix", name)
    assert done.exit_code == 0, done.output
    assert findings(name) == []
    original = YAML if name.endswith(".yaml") else DSL
    if "“general”" in text:  # quotes stay quotes, ASCII ones
        original = original.replace("campaign: general", 'campaign: "general"')
    assert (shop / name).read_text("utf-8") == original  # the ASCII meant, nothing else


def test_unsafe_fixes_only_when_asked(shop):
    inverted = YAML.replace("threshold: 200", "threshold: 50").replace("amount: 50", "amount: 200")
    typo = inverted.replace("campaign: general", "campaign: genral")
    (shop / "a.promo.yaml").write_text(typo, encoding="utf-8")
    done = run("--fix", "a.promo.yaml")
    assert done.exit_code == 1
    assert (shop / "a.promo.yaml").read_text("utf-8") == typo  # money and meaning kept
    assert "--unsafe-fixes" in done.stderr
    done = run("--fix", "--unsafe-fixes", "a.promo.yaml")
    assert done.exit_code == 0, done.output
    assert (shop / "a.promo.yaml").read_text("utf-8") == YAML  # swapped, genral -> general


def test_a_fix_that_lets_the_file_parse_is_followed_by_the_fixes_it_reveals(shop):
    text = YAML.replace("  threshold: 200", "  threshold：50").replace("amount: 50", "amount: 200")
    (shop / "a.promo.yaml").write_text(text, encoding="utf-8")
    assert run("--fix", "--unsafe-fixes", "a.promo.yaml").exit_code == 0
    assert (shop / "a.promo.yaml").read_text("utf-8") == YAML


def test_diff_shows_and_writes_nothing(shop):
    text = YAML.replace("  threshold: 200", "  threshold：200")
    (shop / "a.promo.yaml").write_text(text, encoding="utf-8")
    done = run("--diff", "a.promo.yaml")
    assert done.exit_code == 1
    assert "-  threshold：200\n+  threshold: 200\n" in done.stdout
    assert done.stdout.startswith("--- a/a.promo.yaml\n+++ b/a.promo.yaml\n")
    assert (shop / "a.promo.yaml").read_text("utf-8") == text
    (shop / "a.promo.yaml").write_text(YAML, encoding="utf-8")
    done = run("--diff", "a.promo.yaml")
    assert (done.exit_code, done.stdout) == (0, "")


def test_bytes_elsewhere_are_kept(shop):
    """BOM, CRLF line ends, comments and the file's mode survive; only the character changes."""
    text = YAML.replace("  threshold: 200", "  threshold：200 # spend")
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    path = shop / "a.promo.yaml"
    path.write_bytes(data)
    os.chmod(path, 0o640)
    assert run("--fix", "a.promo.yaml").exit_code == 0
    want = data.replace("threshold：200".encode("utf-8"), b"threshold: 200")
    assert path.read_bytes() == want
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_utf16_file_is_fixed_in_utf16(shop):
    text = YAML.replace("  threshold: 200", "  threshold：200")
    path = shop / "a.promo.yaml"
    path.write_bytes(text.encode("utf-16"))  # with its BOM
    assert run("--fix", "a.promo.yaml").exit_code == 0
    assert path.read_bytes() == YAML.encode("utf-16")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_never_writes_through_a_symlink(shop):
    text = YAML.replace("  threshold: 200", "  threshold：200")
    (shop / "real").mkdir()
    target = shop / "real" / "a.promo.yaml"
    target.write_text(text, encoding="utf-8")
    (shop / "link.promo.yaml").symlink_to(target)
    done = run("--fix", "link.promo.yaml")
    assert done.exit_code == 1  # not fixed, and said so; the finding is still reported
    assert "link.promo.yaml" in done.stderr
    assert target.read_text("utf-8") == text
    assert (shop / "link.promo.yaml").is_symlink()


def test_after_fixing_what_is_left_is_reported(shop):
    left = YAML.replace("  threshold: 200", "  threshold：200").replace("limits: {budget: 1000}\n", "")
    (shop / "a.promo.yaml").write_text(left, encoding="utf-8")
    done = run("--fix", "--format", "json", "a.promo.yaml")
    rules = [f["rule"] for f in json.loads(done.stdout)["findings"]]
    assert rules == ["unbounded-cost"] and done.exit_code == 0  # a warning is left


def test_json_offers_keyboard_fixes_marked_safe(shop):
    (shop / "a.promo.yaml").write_text(YAML.replace("  threshold: 200", "  threshold：200"), encoding="utf-8")
    found = findings("a.promo.yaml")
    fixes = [fix for f in found for fix in f.get("fixes", [])]
    assert [(fx["kind"], fx["safe"], fx["edits"][0]["text"]) for fx in fixes] == [("keyboard", True, ": ")]


# Property: what a Chinese keyboard types in place of the YAML's punctuation is fixed,
# and no finding the fixes claimed to repair is found again at its place.
PUNCTUATION = {":": "：", ",": "，", "[": "［", "]": "］", "{": "｛", "}": "｝"}
SPOTS = [i for i, c in enumerate(YAML) if c in PUNCTUATION and not YAML[i - 1].isdigit()
         and not YAML[YAML.rfind("\n", 0, i) + 1:].startswith("name:")]  # not in times, quotes


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.sampled_from(SPOTS), min_size=1, max_size=4), st.booleans())
def test_property_fix_then_check_finds_none_of_what_it_fixed(tmp_path, spots, tab):
    from promolint.core.config import load_settings
    from promolint.run import fix
    from promolint.run.lint import lint_paths
    text = "".join(PUNCTUATION[c] if i in spots else c for i, c in enumerate(YAML))
    if tab:
        text = text.replace("\n  type:", "\n\ttype:")
    path = tmp_path / f"p{abs(hash((tuple(sorted(spots)), tab)))}.promo.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_settings(start=tmp_path)
    report = lint_paths([str(path)], config)
    planned = fix.plan(report, config, unsafe=False)
    fix.write(planned)
    claimed = {(d.message_id, d.line, d.column) for c in planned.changes for d in c.fixed}
    after = lint_paths([str(path)], config)
    assert claimed
    assert not claimed & {(d.message_id, d.line, d.column) for d in after.findings}
    assert not [d for d in after.findings if d.message_id.startswith("keyboard-")]


FIRST_ORDER = YAML.replace("campaign: general", "campaign: first_order") \
    .replace("limits: {budget: 1000}", "limits: {budget: 1000, per_user: 1}")


@pytest.mark.parametrize("audience,fixed", [
    (None, 'audience: "user.order_count == 0"'),
    ('audience: "not user.blocked"', 'audience: "not user.blocked and user.order_count == 0"'),
    ("audience: user.order_count >= 0 or user.is_first_order",
     "audience: (user.order_count >= 0 or user.is_first_order) and user.order_count == 0"),
])
def test_the_first_order_guard_is_an_unsafe_fix(shop, audience, fixed):
    text = FIRST_ORDER if audience is None else FIRST_ORDER.replace("currency: CNY", f"{audience}\ncurrency: CNY")
    (shop / "a.promo.yaml").write_text(text, encoding="utf-8")
    assert run("--fix", "--select", "missing-eligibility", "a.promo.yaml").exit_code == 1
    done = run("--fix", "--unsafe-fixes", "--select", "missing-eligibility", "a.promo.yaml")
    assert done.exit_code == 0, done.output
    assert fixed in (shop / "a.promo.yaml").read_text("utf-8")


def test_the_group_buy_guard_in_the_dsl(shop):
    text = DSL.replace("campaign member", "campaign group_buy").replace(
        '  audience user.tier in ["gold", "vip"]\n', "").replace(
        "benefit percent_off 20 max 30", "scope skus [NUT-1KG]\n  benefit group_price 59 min_group_size 3")
    (shop / "a.promo").write_text(text, encoding="utf-8")
    done = run("--fix", "--unsafe-fixes", "--select", "missing-eligibility", "a.promo")
    assert done.exit_code == 0, done.output
    assert "  campaign group_buy\n  audience group.size >= 3\n" in (shop / "a.promo").read_text("utf-8")


def test_standard_input_is_not_fixed_and_says_so(shop):
    text = YAML.replace("  threshold: 200", "  threshold：200")
    done = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "-", "--stdin-filename", "a.promo.yaml"],
                              input=text)
    assert done.exit_code == 1 and "a.promo.yaml" in done.stderr
    assert not (shop / "a.promo.yaml").exists()
