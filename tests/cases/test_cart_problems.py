"""One cart validator, three places: a case file reports every problem of its cart at its
line:column, `promolint eval` and the page's try-a-cart report the first, and all three
say the same sentence in the same language (they cannot drift apart again)."""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.serve import api
from promolint.serve.repo import Refused, Repo
from tests.report.test_zh_messages import english_words

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-11T10:00:00+08:00"
HEAD = f"cases:\n  - name: c\n    at: {AT}\n    expect: {{total: 1}}\n    cart:\n"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", root)
    for case in root.rglob("*.cases.yaml"):
        case.unlink()
    return root


def indented(cart: str) -> str:
    return "".join(f"      {line}\n" for line in cart.splitlines())


def case_lines(shop: Path, cart: str, lang: str = "en") -> list[tuple[int, int, str]]:
    """(line, column, message) of each INVALID line of a case with this cart, in the
    cart's own coordinates (line 1 is the cart's first line)."""
    (shop / "promotions" / "c.cases.yaml").write_text(HEAD + indented(cart), "utf-8")
    done = CliRunner().invoke(main, ["test", "--lang", lang, str(shop)], catch_exceptions=False)
    assert done.exit_code == 1, done.output
    word = "INVALID" if lang == "en" else "无效"
    out = []
    for line in done.output.splitlines():
        match = re.match(rf".*c\.cases\.yaml:(\d+):(\d+): {word}(?: c)?: (.*)$", line)
        if match:
            out.append((int(match[1]) - 5, int(match[2]) - 6, match[3]))
    return out


def eval_line(shop: Path, cart: str, lang: str = "en") -> tuple[int, int, str] | None:
    path = shop / "c.cart.yaml"
    path.write_text(cart, "utf-8")
    done = CliRunner().invoke(main, ["eval", str(shop), "--cart", str(path), "--at", AT,
                                     "--lang", lang])
    assert done.exit_code == 2, done.output
    [line] = done.stderr.splitlines()
    match = re.match(rf"promolint: {re.escape(str(path))}:(\d+):(\d+): ?(.*)$", line)
    return (int(match[1]), int(match[2]), match[3].lstrip(":")) if match else None


def page_line(shop: Path, cart: str) -> dict:
    with pytest.raises(Refused) as err:
        api.evaluate(Repo(shop), {"cart": cart, "user": "", "at": AT})
    assert err.value.status == 422
    return api.error_text(err.value.key, **err.value.args_)


BAD = [
    "lines:\n  - {sku: TEE-001, quantity: 0}\n",
    "lines:\n  - {sku: TEE-001, quantiy: 3}\n",
    "lines:\n  - {sku: NOPE-1, quantity: 1}\n",
    "lines:\n  - {sku: TEE-001, unit_price: -1}\n",
    "lines:\n  - {sku: TEE-001, category: 7}\n",
    "lines:\n  - TEE-001\n",
    "lines: [{sku: TEE-001}]\ncoupons: [d11, '']\n",
    "lines: [{sku: TEE-001}]\ncoupons: d11\n",
    "lines: [{sku: TEE-001}]\nchannel: 7\n",
    "lines: [{sku: TEE-001}]\ncolour: red\n",
    "lines: []\n",
    "currency: rmb\nlines: [{sku: TEE-001}]\n",
    "currency: USD\nlines: [{sku: TEE-001}]\n",
    "currency: USD\nlines: [{sku: TEE-001, quantity: 3, unit_price: 99}]\n",
    "lines: [{sku: TEE-001}]\ncoupons: [member-week-tea, d11-spend200-save5O]\n",
    "lines: [{sku: TEE-001}]\ncoupons: [zzzz]\n",
]


@pytest.mark.parametrize("cart", BAD)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_eval_the_page_and_a_case_say_the_same_first_problem_at_the_same_place(shop, cart, lang):
    cases = case_lines(shop, cart, lang)
    evaluated = eval_line(shop, cart, lang)
    assert cases and evaluated == cases[0], (evaluated, cases)
    line, column, said = evaluated
    assert page_line(shop, cart)[lang] == f"cart:{line}:{column}:{' ' if lang == 'en' else ''}{said}"
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", said) and english_words(said, cart) == [], said


def test_a_case_reports_every_problem_of_its_cart_at_its_place(shop):
    cart = ("colour: red\n"
            "lines:\n"
            "  - {sku: TEE-001, quantity: 0}\n"
            "  - {sku: NOPE-1, quantiy: 2}\n"
            "coupons: [ok, '']\n"
            "channel: 7\n")
    assert case_lines(shop, cart) == [
        (1, 1, "unknown key `colour`; use `lines`, `coupons`, `channel`, `currency`"),
        (3, 30, "`quantity` must be a whole number of at least 1"),
        (4, 19, "unknown key `quantiy`; use `sku`, `quantity`, `unit_price`, `category`"),
        (5, 15, "`coupons` must be a list of promotion ids"),
        (6, 10, "`channel` must be a string"),
    ]
    # the price list is consulted when the case runs: every line it cannot price
    assert case_lines(shop, "lines:\n  - {sku: NOPE-1}\n  - {sku: TEE-001}\n  - {sku: NOPE-2}\n") == [
        (2, 11, "NOPE-1 has no unit_price and no market price in the price list"),
        (4, 11, "NOPE-2 has no unit_price and no market price in the price list"),
    ]


def test_a_case_in_the_promotions_currency_runs(shop):
    cart = "currency: CNY\nlines:\n  - {sku: TEE-001, quantity: 3}\n"
    (shop / "promotions" / "c.cases.yaml").write_text(
        HEAD.replace("{total: 1}", "{total: 247.00}") + indented(cart), "utf-8")
    done = CliRunner().invoke(main, ["test", str(shop)])
    assert done.exit_code == 0, done.output


def test_a_currency_mismatch_is_an_invalid_case_in_junit_too(shop, tmp_path):
    cart = "currency: USD\nlines:\n  - {sku: TEE-001, quantity: 3, unit_price: 99}\n"
    (shop / "promotions" / "c.cases.yaml").write_text(HEAD + indented(cart), "utf-8")
    out = tmp_path / "cases.xml"
    done = CliRunner().invoke(main, ["test", "--format", "text", "--format", f"junit:{out}", str(shop)])
    assert done.exit_code == 1 and "1 invalid" in done.output
    xml = out.read_text("utf-8")
    assert "<error" in xml and "the cart is in USD, but promotions priced for it are in CNY" in xml


def test_a_coupon_naming_no_promotion_is_a_located_problem_with_the_closest_id(shop):
    cart = "lines: [{sku: TEE-001}]\ncoupons: [member-week-tea, d11-spend200-save5O, qqqq]\n"
    assert case_lines(shop, cart) == [
        (2, 28, "coupon 'd11-spend200-save5O' names no promotion; did you mean 'd11-spend200-save50'?"),
        (2, 49, "coupon 'qqqq' names no promotion"),
    ]
    assert eval_line(shop, cart, "en")[2].startswith("coupon 'd11-spend200-save5O' names no promotion")
    zh = case_lines(shop, cart, "zh")[0][2]
    assert zh == "优惠券 `d11-spend200-save5O` 没有对应的促销;是否应为 `d11-spend200-save50`?"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_case_with_many_problems_is_one_invalid_case_in_text_and_junit(shop, tmp_path, lang):
    cart = ("colour: red\nlines:\n  - {sku: TEE-001, quantity: 0}\n  - {sku: NOPE-1, quantiy: 2}\n"
            "coupons: [ok, '']\nchannel: 7\n")
    good = f"  - name: fine\n    at: {AT}\n    expect: {{total: 247.00}}\n    cart:\n" \
           "      lines: [{sku: TEE-001, quantity: 3}]\n"
    (shop / "promotions" / "c.cases.yaml").write_text(HEAD + indented(cart) + good, "utf-8")
    out = tmp_path / "cases.xml"
    done = CliRunner().invoke(main, ["test", "--lang", lang, "--format", "text",
                                     "--format", f"junit:{out}", str(shop)])
    assert done.exit_code == 1, done.output
    lines = done.output.splitlines()
    assert len([line for line in lines if "c.cases.yaml:" in line]) == 5   # every problem, located
    summary = {"en": "2 case(s) in 1 file(s): 1 passed, 0 failed, 1 invalid",
               "zh": "1 个文件中共 2 个用例:1 个通过,0 个失败,1 个无效"}[lang]
    assert lines[-1] == summary, done.output
    xml = ET.fromstring(out.read_text("utf-8"))
    suite = xml.find("testsuite")
    assert (suite.get("tests"), suite.get("errors")) == ("2", "1")
    invalid = [c for c in suite.iter("testcase") if c.find("error") is not None]
    assert [c.get("name") for c in invalid] == ["c"]
    assert len(invalid[0].find("error").text.splitlines()) == 5


def test_a_file_that_is_not_yaml_is_still_one_invalid_entry(shop):
    (shop / "promotions" / "c.cases.yaml").write_text("cases: [\n", "utf-8")
    done = CliRunner().invoke(main, ["test", str(shop)])
    assert done.exit_code == 1 and "1 case(s) in 1 file(s): 0 passed, 0 failed, 1 invalid" in done.output
