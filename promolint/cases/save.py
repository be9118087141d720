"""The current result of a cart as a case (`promolint eval ... --save-case FILE`): a
fixture taken from a real cart, meant to be committed. Money is written as the decimal
text it is (never a float); an existing file is refused unless overwriting is asked for.

What is saved is what the case needs, never a source file copied: the cart's lines (and
coupons, channel, currency) and, of the user file, only the facts the promotions'
audiences read. A case is small: one over MAX_CASE_BYTES is refused. A cart or user file
named inside the case file's repository that resolves outside it (a symlink) is refused;
a file outside is used only when named by its own path (`leaves_repository`).
"""
from __future__ import annotations

import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import yaml

from promolint.cases.run import REASON_OF
from promolint.engine.evaluator import Result


MAX_CASE_BYTES = 1024 * 1024  # a real cart's case is a few KB


class CaseExists(Exception):
    """The case file exists and overwriting was not asked for."""


class CaseTooLarge(Exception):
    """The case's text would be over MAX_CASE_BYTES."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def needed_cart(data) -> dict:
    """The cart as the case needs it: its lines, coupons, channel and currency (the
    keys engine.cart reads; `data` was checked by it, so nothing else is there)."""
    from promolint.engine.cart import CART_KEYS, LINE_KEYS
    cart = {"lines": data} if isinstance(data, list) else data
    out = {k: cart[k] for k in CART_KEYS if k in cart and k != "lines"}
    lines = [{k: line[k] for k in LINE_KEYS if k in line} for line in cart["lines"]]
    return {"lines": lines, **out}


def needed_user(facts: dict, promos) -> dict | None:
    """The facts the promotions' audiences read, as a user file writes them
    ({user: {tier: gold}, group: {size: 3}}); None when they read none."""
    from promolint.expr.syntax import Field, walk
    read = {node.name for p in promos if p.audience is not None
            for node in walk(p.audience) if isinstance(node, Field)}
    out: dict = {}
    for name in sorted(read & set(facts)):
        head, _, rest = name.partition(".")
        if head in ("user", "group", "cart") and rest:
            out.setdefault(head, {})[rest] = facts[name]
        else:
            out[name] = facts[name]
    return out or None


def leaves_repository(source: Path, case_path: Path) -> bool:
    """True when `source` is named inside the repository of `case_path` (its git top
    level or pyproject.toml folder, else its folder) but resolves outside it: a symlink
    would carry a file from elsewhere (a secret) into a file meant to be committed. A
    source named by a path outside the repository was named explicitly: not refused."""
    from promolint.core.config import project_root
    folder = Path(os.path.abspath(case_path)).parent
    root = project_root(folder) or folder  # as named: its path may hold a symlink too
    real = root.resolve()
    named = Path(os.path.abspath(source))
    return (_under(named, root) or _under(named, real)) and not _under(source.resolve(), real)


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def reaching(promos, lines) -> frozenset[str]:
    """The ids of the promotions whose scope covers at least one of the cart's lines."""
    return frozenset(p.id for p in promos
                     if any(p.scope.covers(line.sku, line.category) for line in lines))


def case_data(name: str, cart, user, at: datetime, result: Result,
              reach: frozenset[str] | None = None) -> dict:
    """One case: the inputs as given, the outcome as expectations. `reach`: the ids of
    the promotions that cover one of the cart's lines (`reaching`); the others are not
    listed under not_applies, whatever stopped them first (a window, an audience)."""
    expect = {"total": result.total.quantize(Decimal("0.01")),
              "discount": result.discount.quantize(Decimal("0.01")),
              "applies": sorted(a.id for a in result.applied)}
    if result.free_shipping:
        expect["free_shipping"] = True
    # Promotions that reach none of the cart's lines are left out: in a repository of
    # hundreds they would bury the few that matter (out of window, audience, coupon).
    skipped = {i: REASON_OF.get(r, r) for i, r in sorted(result.skipped)}
    skipped = {i: r for i, r in skipped.items() if r != "scope" and (reach is None or i in reach)}
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
    text = dump(cases)
    size = len(text.encode("utf-8"))
    if size > MAX_CASE_BYTES:
        raise CaseTooLarge(size)
    from promolint.report.outputs import replace_file  # never through a symlink
    replace_file(path, text)


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
