"""A DiffReport as text, markdown (a pull-request comment: a short table, details folded)
or json (plain data: money as decimal strings, unbounded as null)."""
from __future__ import annotations

import json
from decimal import Decimal

from promolint.core.diagnostics import money
from promolint.diff.compare import DiffReport, PromotionDiff
from promolint.diff.grade import GRADES
from promolint.diff.words import say
from promolint.report.messages import render as render_finding

MAX_SKUS = 10  # per promotion in text and markdown; json lists them all


def grade_name(report: DiffReport) -> str:
    return GRADES[report.level] if report.level is not None else "-"


def summary(report: DiffReport, lang: str) -> str:
    if report.level is None:
        return say("nothing", lang)
    text = say("summary", lang, added=report.count("added"), removed=report.count("removed"),
               changed=report.count("changed"), same=report.count("same"), grade=grade_name(report))
    if report.count("affected"):  # before ": grade"
        head, _, grade = text.rpartition(":")
        text = head + say("summary_affected", lang, affected=report.count("affected")) + ":" + grade
    return text


def title(report: DiffReport, lang: str) -> str:
    return say("title", lang, base=report.base, head=report.head)


def text(report: DiffReport, lang: str, line: Decimal) -> str:
    out = [f"{title(report, lang)}: {summary(report, lang)}"]
    for item in report.changed:
        out.append("")
        out.append(f"{item.grade.name} {say('status_' + item.status, lang)} {item.id} ({_where(item, lang)})")
        out += ["  " + x for x in details(item, lang, line)]
    out += _other(report, lang)
    return "\n".join(out) + "\n"


def _where(item: PromotionDiff, lang: str) -> str:
    a, b = item.where_before, item.where_after
    if a and b and a != b:
        return say("moved", lang, before=a, after=b)
    return b or a or ""


def details(item: PromotionDiff, lang: str, line: Decimal) -> list[str]:
    """The change in words, the money, the findings, the grade's reasons and advice."""
    out = [f"- {c.text}" for c in item.changes]
    if item.status != "same" or item.skus:
        out.append(say("exposure", lang, before=_exposure(item.exposure_before, item, lang),
                       after=_exposure(item.exposure_after, item, lang)))
    out += [_sku(row, item, lang, line) for row in item.skus[:MAX_SKUS]]
    if len(item.skus) > MAX_SKUS:
        out.append(say("sku_more", lang, count=len(item.skus) - MAX_SKUS))
    out += _finding_lines(say("findings_added", lang), item.findings_added, lang)
    out += _finding_lines(say("findings_removed", lang), item.findings_removed, lang)
    out.append(say("why", lang, grade=item.grade.name) + say("sep", lang).join(item.grade.reasons))
    if item.grade.advice:
        out.append(say("advice", lang) + " ".join(item.grade.advice))
    return out


def _exposure(value: Decimal | None, item: PromotionDiff, lang: str) -> str:
    return f"{money(value)} {item.currency}" if value is not None else say("unbounded", lang)


def _sku(row, item: PromotionDiff, lang: str, line: Decimal) -> str:
    def side(name: str) -> str:
        pays = getattr(row, name)
        if pays is None:
            return "-"
        shown = money(pays.quantize(Decimal("0.01")))
        below = row.below(name)
        if below and below > 0:
            shown += say("sku_below", lang, percent=_pct(below))
        if row.past(name, line):
            shown += say("sku_past", lang, limit=_pct(line))
        return shown
    return say("sku_line", lang, sku=row.sku, market=money(row.market),
               before=side("before"), after=side("after"))


def _finding_lines(head: str, findings, lang: str) -> list[str]:
    if not findings:
        return []
    return [head] + [f"  {x.path}:{x.line}:{x.column}: {x.severity} {x.rule}: "
                     f"{render_finding(x, lang)}" for x in findings]


def _other(report: DiffReport, lang: str) -> list[str]:
    out = _finding_lines(say("findings_added", lang), report.other_added, lang)
    out += _finding_lines(say("findings_removed", lang), report.other_removed, lang)
    return [""] + out if out else []


def _pct(fraction: Decimal) -> str:
    text_ = f"{(fraction * 100).quantize(Decimal('0.1')):f}"
    return text_[:-2] if text_.endswith(".0") else text_


def markdown(report: DiffReport, lang: str, line: Decimal) -> str:
    """A short table first, then each promotion's details folded in <details>."""
    out = [f"### {title(report, lang)}", "", f"**{summary(report, lang)}**", ""]
    if report.changed:
        cols = [say(k, lang) for k in ("col_grade", "col_promotion", "col_change",
                                       "col_exposure", "col_findings")]
        out += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for item in report.changed:
            first = item.changes[0].text if item.changes else say("status_" + item.status, lang)
            more = f" (+{len(item.changes) - 1})" if len(item.changes) > 1 else ""
            worst = (f"{_exposure(item.exposure_before, item, lang)} → "
                     f"{_exposure(item.exposure_after, item, lang)}")
            found = f"+{len(item.findings_added)} / -{len(item.findings_removed)}"
            out.append(f"| **{item.grade.name}** | `{item.id}` {say('status_' + item.status, lang)} | "
                       f"{_cell(first)}{more} | {worst} | {found} |")
        out.append("")
    for item in report.changed:
        out += [f"<details><summary>{item.grade.name} <code>{item.id}</code>: "
                f"{_cell(_where(item, lang))}</summary>", "", "```text"]
        out += details(item, lang, line)
        out += ["```", "", "</details>", ""]
    other = _other(report, lang)
    if other:
        out += ["```text", *other[1:], "```", ""]
    return "\n".join(out)


def _cell(text_: str) -> str:
    return text_.replace("|", "\\|").replace("\n", " ")


def as_json(report: DiffReport, lang: str, line: Decimal) -> str:
    data = {"base": report.base, "head": report.head, "grade": grade_name(report),
            "summary": {s: report.count(s) for s in ("added", "removed", "changed", "affected", "same")},
            "promotions": [_item_json(item, line, lang) for item in report.changed],
            "findings_added": [_finding(x, lang) for x in report.other_added],
            "findings_removed": [_finding(x, lang) for x in report.other_removed]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _item_json(item: PromotionDiff, line: Decimal, lang: str) -> dict:
    plain = lambda v: money(v) if v is not None else None  # noqa: E731
    return {
        "id": item.id, "status": item.status, "grade": item.grade.name,
        "reasons": item.grade.reasons, "advice": item.grade.advice,
        "path_before": item.where_before, "path_after": item.where_after,
        "currency": item.currency,
        "changes": [{"field": c.field, "text": c.text, "direction": c.direction} for c in item.changes],
        "exposure": {"before": plain(item.exposure_before), "after": plain(item.exposure_after)},
        "skus": [{"sku": r.sku, "market": money(r.market),
                  "before": plain(r.before and r.before.quantize(Decimal("0.01"))),
                  "after": plain(r.after and r.after.quantize(Decimal("0.01"))),
                  "past_line_before": r.past("before", line), "past_line_after": r.past("after", line)}
                 for r in item.skus],
        "findings_added": [_finding(x, lang) for x in item.findings_added],
        "findings_removed": [_finding(x, lang) for x in item.findings_removed],
    }


def _finding(x, lang: str) -> dict:
    return {"path": x.path, "line": x.line, "column": x.column, "rule": x.rule,
            "severity": x.severity, "message": render_finding(x, lang)}


RENDERERS = {"text": text, "markdown": markdown, "json": as_json}
