"""`promolint test`: case files, expected vs got at file:line, JUnit, --save-case."""
from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from promolint.cases.load import PROBLEMS, load
from promolint.cases.run import REASON_OF, REASON_WORDS, WORDS
from promolint.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "shop"
CARTS = ROOT / "examples" / "carts"

GOOD = """\
cases:
  - name: gold member, three T-shirts and sneakers
    at: 2026-11-11T10:00:00+08:00
    user: {user: {tier: gold, order_count: 12}}
    cart:
      lines:
        - {sku: TEE-001, quantity: 3}
        - {sku: SNK-200, quantity: 1}
    expect:
      total: 606.00
      applies: [d11-spend200-save50]
      not_applies: {first-order-15: audience, flash-hp300: window}
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    for case in root.rglob("*.cases.yaml"):
        case.unlink()
    return root


def run(shop: Path, *args: str):
    return CliRunner().invoke(main, ["test", *args, str(shop)], catch_exceptions=False)


def write(shop: Path, text: str, name: str = "promotions/d11.cases.yaml") -> Path:
    path = shop / name
    path.write_text(text, "utf-8")
    return path


def test_a_passing_case_is_exit_0(shop):
    write(shop, GOOD)
    done = run(shop)
    assert done.exit_code == 0, done.output
    assert "1 passed, 0 failed" in done.output


@pytest.mark.parametrize("old,new,line,key", [
    ("total: 606.00", "total: 600.00", 10, "total"),
    ("applies: [d11-spend200-save50]", "applies: [vip-tiered]", 11, "applies"),
    ("first-order-15: audience", "first-order-15: window", 12, "not_applies first-order-15"),
    ("flash-hp300: window", "d11-spend200-save50: window", 12, "not_applies d11-spend200-save50"),
])
def test_a_failure_is_expected_vs_got_at_its_line(shop, old, new, line, key):
    path = write(shop, GOOD.replace(old, new))
    done = run(shop)
    assert done.exit_code == 1
    [failure] = [x for x in done.output.splitlines() if "FAIL" in x]
    assert failure.startswith(f"{path}:{line}:") and f": {key}: expected " in failure


def test_an_id_no_promotion_has_fails_the_case(shop):
    write(shop, GOOD.replace("flash-hp300: window", "flash-hp3000: window"))
    done = run(shop)
    assert done.exit_code == 1 and "flash-hp3000" in done.output


@pytest.mark.parametrize("text,line", [
    ("cases: [\n", 2),
    ("just: text\n", 1),
    (GOOD.replace("    at: 2026-11-11T10:00:00+08:00\n", ""), 2),
    (GOOD.replace("2026-11-11T10:00:00+08:00", "2026-11-11T10:00:00"), 3),
    (GOOD.replace("total: 606.00", "total: lots"), 10),
    (GOOD.replace("total: 606.00", "totl: 606.00"), 10),
    (GOOD.replace("first-order-15: audience", "first-order-15: because"), 12),
    (GOOD.replace("quantity: 3", "quantity: 0"), 7),
    (GOOD.replace("TEE-001, quantity: 3", "NOPE-1, quantity: 3"), 7),
    (GOOD.replace("    expect:\n      total: 606.00\n", "    expect: {}\n    x:\n      total: 606.00\n"), 9),
    (GOOD + GOOD.replace("cases:\n", ""), 13),
    ("cases:\n  - 3\n", 2),
    (GOOD.replace("        - {sku: SNK-200, quantity: 1}\n", "        - {sku: SNK-200, category: 3}\n      channel: 7\n"), 8),
    ("cases: []\nother: 1\n", 1),
    ("\ufeffcases:\n  - name: x\n    name: y\n", 3),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_invalid_case_file_is_a_located_error_never_a_traceback(shop, text, line, lang):
    path = write(shop, text)
    done = run(shop, "--lang", lang)
    assert done.exit_code == 1, done.output
    invalid = [x for x in done.output.splitlines() if ("INVALID" if lang == "en" else "无效") in x]
    assert invalid and invalid[0].startswith(f"{path}:{line}:"), done.output
    assert "Traceback" not in done.output


def test_problem_words_exist_in_every_language_with_the_same_placeholders():
    import string
    for table in (PROBLEMS, WORDS, REASON_WORDS):
        for key, langs in table.items():
            fields = {lang: {f for _, f, _, _ in string.Formatter().parse(t) if f} for lang, t in langs.items()}
            assert set(langs) == {"en", "zh"} and fields["en"] == fields["zh"], key


def test_every_reason_the_evaluator_gives_has_a_short_name():
    import inspect
    from promolint.engine import evaluator
    source = inspect.getsource(evaluator)
    for sentence in REASON_OF:
        assert f'"{sentence}"' in source
    import re
    given = set(re.findall(r'return "([^"]+)"', inspect.getsource(evaluator.why_not)))
    assert given | {"not combined: a better or higher-priority offer won"} == set(REASON_OF)


def test_junit_output(shop, tmp_path):
    write(shop, GOOD.replace("total: 606.00", "total: 1"))
    write(shop, "cases: [", "promotions/bad.cases.yaml")
    out = tmp_path / "cases.xml"
    done = run(shop, "--format", "text", "--format", f"junit:{out}")
    assert done.exit_code == 1
    root = ET.parse(out).getroot()
    suites = {s.get("name").rsplit("/", 1)[-1]: s for s in root}
    assert suites["d11.cases.yaml"].get("failures") == "1"
    assert suites["bad.cases.yaml"].get("errors") == "1"


def test_no_case_file_is_exit_2(shop):
    assert run(shop).exit_code == 2


def test_a_promotion_that_does_not_load_fails_the_run(shop):
    write(shop, GOOD)
    (shop / "promotions" / "broken.promo.yaml").write_text("id: [", "utf-8")
    done = CliRunner().invoke(main, ["test", str(shop)])
    assert done.exit_code == 1


def test_save_case_then_test_passes_and_overwrite_needs_force(shop):
    case = shop / "promotions" / "saved.cases.yaml"
    args = ["eval", str(shop), "--cart", str(CARTS / "d11-apparel.cart.yaml"),
            "--user", str(CARTS / "gold.user.yaml"), "--at", "2026-11-11T10:00:00+08:00",
            "--save-case", str(case)]
    runner = CliRunner()
    assert runner.invoke(main, args).exit_code == 0
    text = case.read_text("utf-8")
    assert "total: 606.00" in text and "&" not in text
    assert run(shop).exit_code == 0
    again = runner.invoke(main, args)
    assert again.exit_code == 2 and case.read_text("utf-8") == text
    assert runner.invoke(main, args + ["--force", "--case-name", "again"]).exit_code == 0
    assert "name: again" in case.read_text("utf-8")


def test_save_case_wants_a_cases_yaml_name(shop):
    done = CliRunner().invoke(main, ["eval", str(shop), "--cart", str(CARTS / "d11-apparel.cart.yaml"),
                                     "--save-case", str(shop / "x.yaml")])
    assert done.exit_code == 2 and not (shop / "x.yaml").exists()


def test_the_shipped_example_cases_pass():
    done = CliRunner().invoke(main, ["test", str(SHOP)])
    assert done.exit_code == 0, done.output
    assert "0 failed, 0 invalid" in done.output


def test_load_accepts_a_plain_list_of_cases(tmp_path):
    path = tmp_path / "x.cases.yaml"
    path.write_text(GOOD.replace("cases:\n", "").replace("\n  ", "\n").lstrip(), "utf-8")
    cases, problems = load(str(path))
    assert problems == [] and [c.name for c in cases] == ["gold member, three T-shirts and sneakers"]


@pytest.mark.parametrize("doc", ["README.md", "docs/testing.md"])
def test_the_documented_case_passes_on_the_example_shop(shop, doc):
    text = (ROOT / doc).read_text("utf-8")
    block = next(b for b in text.split("```yaml\n")[1:] if "cases:\n" in b.split("```")[0])
    write(shop, block.split("```")[0])
    done = run(shop)
    assert done.exit_code == 0, done.output


def test_every_reason_key_is_glossed():
    from promolint.cases.load import REASONS
    assert set(REASON_WORDS) == set(REASONS) == set(REASON_OF.values())


FORGED = """\
cases:
  - name: "x\\n::error file=a::forged"
    at: 2026-11-11T10:00:00+08:00
    cart: {lines: [{sku: TEE-001, quantity: 3}]}
    expect: {total: 1}
  - name: "y\\n::error file=b::forged"
    at: 2026-11-11T10:00:00+08:00
    cart: {lines: [{sku: "TEE-001\\n::error file=c::forged", quantity: 3}]}
    expect: {total: 1}
  - name: "x\\n::error file=a::forged"
    at: 2026-11-11T10:00:00+08:00
    cart: {lines: [{sku: TEE-001, quantity: 3}]}
    expect: {applies: ["d\\n::error file=d::forged"]}
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_case_file_cannot_forge_a_github_annotation(shop, lang):
    """A case's name (and any value said back) is escaped: no line of the output is a
    GitHub workflow command, and the JUnit XML holds no raw control character."""
    write(shop, FORGED)
    done = run(shop, "--lang", lang)
    assert done.exit_code == 1
    lines = done.output.splitlines()
    assert sum(1 for x in lines if "forged" in x) >= 3  # each case is still reported
    assert [x for x in lines if x.startswith("::")] == []
    junit = run(shop, "--lang", lang, "--format", "junit").output
    names = [c.get("name") for c in ET.fromstring(junit).iter("testcase")]
    assert len(names) == 3 and all("\n" not in n for n in names)
