"""Risk grades, money per SKU and the gray-release advice (promolint.diff.grade, compare)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import ConfigError, Settings
from promolint.diff.compare import compare
from promolint.diff.grade import thresholds
from promolint.diff.sides import Side
from promolint.run.lint import lint_files
from tests.diff.helpers import context, data
from tests.strategies import yaml_text


def side(docs: list[dict], ctx, name: str = "p.promo.yaml") -> Side:
    report = lint_files([name], ctx, texts={name: yaml_text(docs)}, jobs=1) if docs else None
    return Side(name, report.promotions if report else [], report.findings if report else [])


def diff_of(before: list[dict], after: list[dict], ctx=None):
    ctx = ctx or context()
    report = compare(side(before, ctx), side(after, ctx), ctx)
    return report, {d.id: d for d in report.changed}


def test_new_error_finding_is_p0():
    after = data(benefit={"type": "threshold_off", "threshold": Decimal(50), "amount": Decimal(200)})
    report, items = diff_of([data()], [after])
    item = items["d11"]
    assert item.grade.name == "P0" and report.level == 0
    assert any(f.rule == "inverted-threshold" for f in item.findings_added)


def test_worst_unit_price_before_and_after_per_sku():
    after = data(scope={"skus": ["TEE-001"]}, benefit={"type": "fixed_price", "price": Decimal(10)})
    _, items = diff_of([data(scope={"skus": ["TEE-001"]})], [after])
    [row] = items["d11"].skus
    assert row.sku == "TEE-001" and row.market == Decimal("99.00")
    assert row.after == Decimal(10) and row.before > Decimal(70)  # 满200减50 over 3 units
    assert row.past("after", Decimal("0.5")) and not row.past("before", Decimal("0.5"))
    assert items["d11"].grade.name == "P0"


def test_narrowing_is_p3():
    after = data(limits={"per_user": Decimal(1), "budget": Decimal(100)})
    _, items = diff_of([data()], [after])
    assert items["d11"].grade.name == "P3"
    assert items["d11"].exposure_after == Decimal(100)


def test_small_widening_is_p2():
    after = data(rollout=Decimal(50), limits={"per_user": Decimal(1), "budget": Decimal(50500)})
    _, items = diff_of([data(rollout=Decimal(50))], [after])
    assert items["d11"].grade.name == "P2"


def test_widening_a_big_promotion_at_full_traffic_is_p1():
    after = data(limits={"per_user": Decimal(1), "budget": Decimal(50500)})
    _, items = diff_of([data()], [after])
    assert items["d11"].grade.name == "P1" and items["d11"].grade.advice


def test_unbounded_after_a_change_is_at_least_p1():
    after = data(limits={"per_user": Decimal(1)})
    _, items = diff_of([data()], [after])
    item = items["d11"]
    assert item.exposure_after is None and item.grade.level <= 1


def test_new_big_promotion_at_full_traffic_gets_the_gray_release_advice():
    big = data(id="big", limits={"per_user": Decimal(1), "budget": Decimal(20000)})
    _, items = diff_of([data()], [data(), big])
    item = items["big"]
    assert item.status == "added" and item.grade.name == "P1"
    assert item.grade.advice and "rollout" in item.grade.advice[0]


def test_gray_release_itself_avoids_the_advice():
    big = data(id="big", rollout=Decimal(5), limits={"per_user": Decimal(1), "budget": Decimal(20000)})
    _, items = diff_of([data()], [data(), big])
    assert items["big"].grade.name == "P2" and not items["big"].grade.advice


def test_thresholds_come_from_the_config():
    ctx = context()
    ctx.settings.extra["diff"] = {"gray_release_exposure": Decimal(30000)}
    big = data(id="big", limits={"per_user": Decimal(1), "budget": Decimal(20000)})
    _, items = diff_of([data()], [data(), big], ctx)
    assert items["big"].grade.name == "P2"


def test_bad_thresholds_are_a_config_error():
    settings = Settings()
    settings.extra["diff"] = {"p1_exposur": 5}
    with pytest.raises(ConfigError):
        thresholds(settings)


def test_removed_promotion_and_rename():
    renamed = data(id="d11-renamed")
    report, items = diff_of([data(), data(id="gone")], [renamed])
    assert items["gone"].status == "removed" and items["gone"].grade.name == "P3"
    assert items["d11"].status == "changed" and items["d11"].changes[0].field == "id"
    assert items["d11"].grade.name == "P3"


def test_cli_two_folders_fail_on_grade_and_lang(tmp_path):
    for name, doc in (("a", data()), ("b", data(limits={"per_user": Decimal(1)}))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "p.promo.yaml").write_text(yaml_text([doc]), "utf-8")
    runner = CliRunner()
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    done = runner.invoke(main, ["diff", a, b])
    assert done.exit_code == 0, done.output  # P1 < the default P0 fail level
    assert "budget removed" in done.output
    assert runner.invoke(main, ["diff", a, b, "--fail-on-grade", "P1"]).exit_code == 1
    zh = runner.invoke(main, ["diff", a, b, "--lang", "zh"])
    assert "取消了预算" in zh.output


def test_bad_diff_table_in_config_is_exit_2(tmp_path):
    (tmp_path / "promolint.toml").write_text("[diff]\np1_exposure = 'lots'\n", "utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.promo.yaml").write_text(yaml_text([data()]), "utf-8")
    done = CliRunner().invoke(main, ["diff", str(tmp_path / "a"), str(tmp_path / "a")])
    assert done.exit_code == 2


def test_a_promotion_whose_file_no_longer_loads_is_unreadable_p0():
    ctx = context()
    before = side([data()], ctx)
    broken = lint_files(["p.promo.yaml"], ctx, texts={"p.promo.yaml": "id: [\n"}, jobs=1)
    report = compare(before, Side("p", broken.promotions, broken.findings), ctx)
    [item] = report.changed
    assert item.status == "unreadable" and item.grade.name == "P0"
    assert report.other_added == [] and report.count("changed") == 1


def test_a_raised_limit_under_an_unchanged_budget_is_p2_not_a_gray_release():
    before = data(limits={"per_user": Decimal(1), "total": Decimal(1000), "budget": Decimal(50000)})
    after = data(limits={"per_user": Decimal(3), "total": Decimal(1000), "budget": Decimal(50000)})
    _, items = diff_of([before], [after])
    assert items["d11"].grade.name == "P2" and not items["d11"].grade.advice


@pytest.mark.parametrize("change", [
    {"limits": {"per_user": Decimal(1), "budget": "lots"}},
    {"benefit": {"type": "threshold_off", "threshold": "lots", "amount": Decimal(50)}},
    {"window": {"start": "soon", "end": "2026-11-12T00:00:00+08:00"}},
])
def test_a_field_that_breaks_the_schema_is_said_and_p0(change):
    ctx = context()
    name = "p.promo.yaml"
    broken = lint_files([name], ctx, texts={name: yaml_text([data(**change)])}, jobs=1)
    report = compare(side([data()], ctx), Side(name, broken.promotions, broken.findings), ctx)
    [item] = report.changed
    assert item.grade.name == "P0"
    if item.status == "changed":
        assert "has errors" in item.changes[0].text


def test_a_p0_gets_no_gray_release_advice():
    """A new promotion past P1's gray-release rule but with an error is P0: it must not
    ship at all, so no advice on how to ship it."""
    inverted = {"type": "threshold_off", "threshold": Decimal(50), "amount": Decimal(200)}
    _, items = diff_of([], [data(benefit=inverted, limits={"per_user": Decimal(1)})])
    assert items["d11"].grade.name == "P0" and items["d11"].grade.advice == []
    _, items = diff_of([], [data(limits={"per_user": Decimal(1)})])  # the same, no error
    assert items["d11"].grade.name == "P1" and items["d11"].grade.advice


def test_an_unchanged_promotion_judged_differently_is_not_changed():
    """New prices make the same promotion break the line: listed, graded, but `affected`,
    not `changed` (its text did not change)."""
    from promolint.source.prices import Price, PriceList
    from tests.diff.helpers import PRICES
    ctx = context()
    dear = context(PriceList({**PRICES, "TEE-001": Price("TEE-001", "CNY", Decimal("990.00"), "apparel")}))
    after = side([data(benefit={"type": "fixed_price", "price": Decimal(80)})], dear)
    before = side([data(benefit={"type": "fixed_price", "price": Decimal(80)})], ctx)
    report = compare(before, after, dear, before_ctx=ctx)
    [item] = report.changed
    assert item.status == "affected" and item.grade.name == "P0"
    assert report.count("changed") == 0 and report.count("affected") == 1
    from promolint.diff.render import summary
    said = summary(report, "en")
    assert "0 changed" in said and "1 more unchanged, with findings changed" in said
