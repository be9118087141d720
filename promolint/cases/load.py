"""Read and validate case files.

    cases:
      - name: gold member, three T-shirts          # required, unique in the file
        at: 2026-11-11T10:00:00+08:00             # required: RFC 3339 with an offset
        user: {user: {tier: gold}}                # optional: a user file's facts
        cart: {lines: [{sku: TEE-001, quantity: 3}]}   # required: a cart file's content
        expect:                                   # required, at least one key
          total: 247.00                           # subtotal, discount too (exact money)
          free_shipping: false
          applies: [d11-spend200-save50]          # exactly these apply
          not_applies: {first-order-15: audience} # or a list of ids; reasons below

A whole file may also be a plain list of cases. A problem is a CaseProblem at the
value's line and column, in English and Chinese; nothing here raises past the loader.
A case's cart and user are checked by engine.cart (the one validator of carts: every
problem at its key path, said by its sentence), here without the price list; the
price list and the promotions' currency are checked when the case runs (cases.run).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from promolint.core.document import Document, Span
from promolint.core.sentences import say, table
from promolint.engine.cart import CartProblem, cart_problems, user_problems

REASONS = ("window", "coupon", "scope", "audience", "not-combined", "broken")
EXPECT_KEYS = ("total", "subtotal", "discount", "free_shipping", "applies", "not_applies")
CASE_KEYS = ("name", "at", "user", "cart", "expect")

PROBLEMS = table("cases.load.PROBLEMS", {
    "not-utf8": {"en": "the case file is not UTF-8 text", "zh": "用例文件不是 UTF-8 文本"},
    "unreadable": {"en": "cannot read the case file: {problem}", "zh": "无法读取用例文件:{problem}"},
    "yaml": {"en": "the case file is not valid YAML: {problem}", "zh": "用例文件不是合法的 YAML:{problem}"},
    "shape": {"en": "expected `cases:` with a list of cases (or a list of cases)",
              "zh": "应为 `cases:` 加用例列表(或直接是用例列表)"},
    "case": {"en": "a case must be a mapping with name, at, cart and expect",
             "zh": "每个用例必须是包含 name、at、cart、expect 的映射"},
    "missing": {"en": "the case has no `{key}`", "zh": "用例缺少 `{key}`"},
    "unknown": {"en": "unknown key `{key}`; use {known}", "zh": "未知的键 `{key}`;可用的键:{known}"},
    "name": {"en": "`name` must be a non-empty string", "zh": "`name` 必须是非空字符串"},
    "duplicate-name": {"en": "another case in this file is named {name!r}",
                       "zh": "本文件中已有名为 {name!r} 的用例"},
    "at": {"en": "`at` must be an RFC 3339 time with an offset, such as 2026-11-11T20:00:00+08:00",
           "zh": "`at` 必须是带时区偏移的 RFC 3339 时间,例如 2026-11-11T20:00:00+08:00"},
    "expect": {"en": "`expect` must be a mapping with at least one of {known}",
               "zh": "`expect` 必须是映射,且至少包含 {known} 之一"},
    "money": {"en": "`{key}` must be an amount such as 247.00", "zh": "`{key}` 必须是金额,例如 247.00"},
    "bool": {"en": "`{key}` must be true or false", "zh": "`{key}` 必须是 true 或 false"},
    "ids": {"en": "`{key}` must be a list of promotion ids", "zh": "`{key}` 必须是促销 id 的列表"},
    "reason": {"en": "reason {reason!r} is not one of {known}", "zh": "原因 {reason!r} 不在 {known} 之中"},
})


@dataclass
class CaseProblem:
    """A case file that cannot be used as written: where and why."""

    path: str
    span: Span
    key: str   # a key of PROBLEMS, or of a cart or user problem's sentence (messages.UI)
    args: dict = field(default_factory=dict)
    # Which case of the file it belongs to (its path in the document, e.g. ("cases", 2)),
    # None for a problem of the whole file: a case with five problems is one invalid case.
    case: tuple | None = field(default=None, compare=False)
    case_name: str | None = field(default=None, compare=False)

    def message(self, lang: str = "en") -> str:
        if self.key not in PROBLEMS:
            from promolint.report.messages import ui
            return ui(self.key, lang, **self.args)
        return say(PROBLEMS, self.key, lang, **self.args)


def placed(doc: Document, where: tuple, found: list[CartProblem]) -> list[CaseProblem]:
    """Cart or user problems (key paths inside the value at `where`) at their positions."""
    return [CaseProblem(doc.path, doc.key_span(where + p.path) if p.on_key else doc.span(where + p.path),
                        p.sentence, dict(p.args)) for p in found]


@dataclass
class Case:
    """One validated case; `doc` and `where` locate its values for failures."""

    path: str
    name: str
    at: datetime
    cart: Any          # the cart's data, as a cart file holds it
    user: Any          # the user's data, as a user file holds it (None: no facts)
    expect: dict
    doc: Document
    where: tuple       # the case's path inside the document, e.g. ("cases", 2)

    def span(self, *keys) -> Span:
        return self.doc.span(self.where + keys)


def load(path: str, text: str | None = None) -> tuple[list[Case], list[CaseProblem]]:
    """The cases of one file, and the problems that keep some (or all) from running."""
    if text is None:
        text, problem = _read(path)
        if problem is not None:
            return [], [problem]
    from promolint.source.yaml.load import load_yaml
    docs, findings = load_yaml(text, path)
    errors = [f for f in findings if f.rule in ("syntax", "duplicate-key")]
    if errors:
        from promolint.report.messages import render
        return [], [CaseProblem(path, errors[0].span, "yaml", {"problem": render(errors[0])})]
    if not docs:
        return [], [CaseProblem(path, Span(1, 1), "shape")]
    doc = docs[0]
    items, where = _items(doc.data)
    if items is None:
        return [], [CaseProblem(path, doc.span(), "shape")]
    cases, problems, names = [], [], set()
    for i, raw in enumerate(items):
        case, found = _case(doc, where + (i,), raw, names)
        problems += found
        if case is not None:
            cases.append(case)
    return cases, sorted(problems, key=lambda p: (p.span.line, p.span.column))


def _read(path: str):
    from promolint.core.config import Settings
    from promolint.source.files import read_text
    text, finding = read_text(path, Settings())
    if finding is None:
        return text, None
    key = "not-utf8" if finding.message_id == "file-not-utf8" else "unreadable"
    from promolint.report.messages import render
    return "", CaseProblem(path, Span(1, 1), key, {"problem": render(finding)})


def _items(data) -> tuple[list | None, tuple]:
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict) and set(data) == {"cases"} and isinstance(data["cases"], list):
        return data["cases"], ("cases",)
    return None, ()


def _case(doc: Document, where: tuple, raw, names: set) -> tuple[Case | None, list[CaseProblem]]:
    path = doc.path
    at = lambda *keys: doc.span(where + keys)  # noqa: E731
    if not isinstance(raw, dict):
        return None, [CaseProblem(path, at(), "case")]
    problems = [CaseProblem(path, doc.key_span(where + (k,)), "unknown",
                            {"key": k, "known": ", ".join(CASE_KEYS)})
                for k in raw if k not in CASE_KEYS]
    problems += [CaseProblem(path, at(), "missing", {"key": k})
                 for k in ("name", "at", "cart", "expect") if k not in raw]
    name = raw.get("name")
    if "name" in raw and (not isinstance(name, str) or not name.strip()):
        problems.append(CaseProblem(path, at("name"), "name"))
    elif isinstance(name, str) and name in names:
        problems.append(CaseProblem(path, at("name"), "duplicate-name", {"name": name}))
    names.add(name if isinstance(name, str) else None)
    moment = _moment(raw.get("at"))
    if "at" in raw and moment is None:
        problems.append(CaseProblem(path, at("at"), "at"))
    if "cart" in raw:
        problems += placed(doc, where + ("cart",), cart_problems(raw["cart"]))
    if "user" in raw:
        problems += placed(doc, where + ("user",), user_problems(raw["user"]))
    if "expect" in raw:
        problems += _expect(doc, where + ("expect",), raw["expect"])
    if problems:
        label = name if isinstance(name, str) and name.strip() else None
        for problem in problems:
            problem.case, problem.case_name = where, label
        return None, problems
    return Case(path, name, moment, raw["cart"], raw.get("user"), raw["expect"], doc, where), []


def _moment(value) -> datetime | None:
    from promolint.model.build import parse_timestamp
    if not isinstance(value, str):
        return None
    stamp = parse_timestamp(value)
    return stamp if stamp is not None and stamp.tzinfo is not None else None


def _expect(doc: Document, where: tuple, raw) -> list[CaseProblem]:
    path, known = doc.path, ", ".join(EXPECT_KEYS)
    if not isinstance(raw, dict) or not raw:
        return [CaseProblem(path, doc.span(where), "expect", {"known": known})]
    out = [CaseProblem(path, doc.key_span(where + (k,)), "unknown", {"key": k, "known": known})
           for k in raw if k not in EXPECT_KEYS]
    for key in ("total", "subtotal", "discount"):
        if key in raw and not _is_money(raw[key]):
            out.append(CaseProblem(path, doc.span(where + (key,)), "money", {"key": key}))
    if "free_shipping" in raw and not isinstance(raw["free_shipping"], bool):
        out.append(CaseProblem(path, doc.span(where + ("free_shipping",)), "bool", {"key": "free_shipping"}))
    if "applies" in raw and not _ids(raw["applies"]):
        out.append(CaseProblem(path, doc.span(where + ("applies",)), "ids", {"key": "applies"}))
    if "not_applies" in raw:
        out += _not_applies(doc, where + ("not_applies",), raw["not_applies"])
    return out


def _not_applies(doc: Document, where: tuple, raw) -> list[CaseProblem]:
    if isinstance(raw, list):
        return [] if _ids(raw) else [CaseProblem(doc.path, doc.span(where), "ids", {"key": "not_applies"})]
    if not isinstance(raw, dict) or not _ids(list(raw)):
        return [CaseProblem(doc.path, doc.span(where), "ids", {"key": "not_applies"})]
    return [CaseProblem(doc.path, doc.span(where + (k,)), "reason",
                        {"reason": v, "known": ", ".join(REASONS)})
            for k, v in raw.items() if v is not None and v not in REASONS]


def _is_money(value) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value >= 0


def _ids(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)
