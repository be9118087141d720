"""The current result of a cart as a case (`promolint eval ... --save-case FILE`): a
fixture taken from a real cart. Money is written as the decimal text it is (never a
float); an existing file is refused unless overwriting is asked for."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import yaml

from promolint.cases.run import REASON_OF
from promolint.engine.evaluator import Result


class CaseExists(Exception):
    """The case file exists and overwriting was not asked for."""


def case_data(name: str, cart, user, at: datetime, result: Result) -> dict:
    """One case: the inputs as given, the outcome as expectations."""
    expect = {"total": result.total.quantize(Decimal("0.01")),
              "discount": result.discount.quantize(Decimal("0.01")),
              "applies": sorted(a.id for a in result.applied)}
    if result.free_shipping:
        expect["free_shipping"] = True
    # Promotions that reach none of the cart's lines are left out: in a repository of
    # hundreds they would bury the few that matter (out of window, audience, coupon).
    skipped = {i: REASON_OF.get(r, r) for i, r in sorted(result.skipped)}
    skipped = {i: r for i, r in skipped.items() if r != "scope"}
    if skipped:
        expect["not_applies"] = skipped
    case = {"name": name, "at": at.isoformat()}
    if user is not None:
        case["user"] = user
    case |= {"cart": cart, "expect": expect}
    return case


def dump(cases: list[dict]) -> str:
    """YAML text of a case file."""
    header = "# promolint test cases (promolint eval --save-case); run: promolint test\n"
    return header + yaml.dump({"cases": cases}, Dumper=_Dumper, allow_unicode=True,
                              sort_keys=False, default_flow_style=False, width=100)


def write(path: Path, cases: list[dict], force: bool = False) -> None:
    if path.exists() and not force:
        raise CaseExists(str(path))
    from promolint.report.outputs import replace_file  # never through a symlink
    replace_file(path, dump(cases))


class _Dumper(yaml.SafeDumper):
    """Decimals as plain numbers: 247.00 stays 247.00, 3 stays 3; no anchors (equal
    values the loader shares are written out each time)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal):
    text = format(value, "f")
    tag = "tag:yaml.org,2002:int" if value == value.to_integral_value() and "." not in text \
        else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)
