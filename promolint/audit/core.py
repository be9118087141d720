"""The engine-neutral audit: one tenant's rows in, findings out (spec section 8).

`check_group` gives Diagnostics (the one-machine audit reports them in every format);
`audit_group` gives the finding rows of rows.FINDING_COLUMNS, which Spark's grouped map
and `--format jsonl` both write; `audit_batches` wraps it for Arrow. Checks between
promotions see the tenant's rows and the platform-wide ones together.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable

from promolint.audit import rowdoc
from promolint.audit.notes import phrase_of
from promolint.audit.rows import FINDING_COLUMNS, PriceRow, PromotionRow, RowProblem
from promolint.checks import Context
from promolint.core.config import Settings
from promolint.core.diagnostics import Diagnostic, affected_dict, make
from promolint.core.document import Span
from promolint.core.phrases import phrase
from promolint.source.prices import Price, PriceList


@dataclass
class Checked:
    """One group's findings (policy applied; each path is its row's source)."""

    findings: list[Diagnostic]
    tenant_of: dict[str, str]           # source -> its row's tenant ("" platform-wide)
    promotions: int = 0                 # rows checked
    errors: list[str] = field(default_factory=list)  # internal errors, each naming a row


def check_group(promotions: Iterable[PromotionRow], platform: Iterable[PromotionRow],
                prices, settings: Settings, today: date | None = None, *,
                loaded: dict | None = None, platform_checked: bool = False,
                cross: bool = True) -> Checked:
    """Every rule over one tenant's rows and the platform-wide rows, with the prices they
    can reach (PriceRows, a tenant's own price of a SKU winning over a platform-wide
    one, or a PriceList). `loaded`: a dict kept across groups, so each platform row is
    parsed and built once. `platform_checked`: the platform rows' own findings are known
    from their group alone and cannot change here (this tenant has no prices of its
    own), so only the checks between promotions see them again. `cross=False`: a
    tenant past max_tenant_rows, checked a part at a time: each row alone, no checks
    between promotions (so no suppression can be judged unused); too_large says so."""
    from promolint.run.policy import apply_policy
    from promolint.run.workers import cross_file, per_promotion
    platform, promotions = list(platform), list(promotions)
    reach = prices if isinstance(prices, PriceList) else price_list(prices)
    ctx = Context(settings=settings, prices=reach)
    if today is not None:
        ctx.today = today
    raw, shared, own, errors = [], [], [], []
    for row in platform:
        found = _loaded(row, shared, errors, loaded)
        if not platform_checked:
            raw.extend(found)
    for row in promotions:
        raw.extend(_load(row, own, errors))
    raw.extend(per_promotion(own if platform_checked else shared + own, ctx, errors))
    if cross:
        raw.extend(cross_file(shared + own, ctx, errors))
    rows = platform + promotions
    texts = dict.fromkeys((row.source for row in rows), "")  # rows carry no comments
    findings = apply_policy(raw, shared + own, ctx, files=(), texts=texts)
    tenant_of = {row.source: row.tenant for row in rows}
    if not cross:
        findings = [d for d in findings if d.rule != "unused-suppression"]
    if platform and promotions:  # a platform row's suppressions are judged in its own group
        findings = [d for d in findings
                    if not (d.rule == "unused-suppression" and tenant_of.get(d.path) == "")]
    return Checked([_unlined(d, tenant_of) for d in findings], tenant_of, len(rows), errors)


def too_large(first_source: str, rows: int, limit: int, prices: int = 0) -> Diagnostic:
    """The finding of a tenant past a bound (fail closed: never silently partial), on
    its first row (by source): past max_tenant_rows its rows were checked each alone
    (`prices` 0); past max_tenant_prices its category and whole-order scopes were
    checked without their prices."""
    if prices:
        return make(first_source, Span(1, 1), "tenant-too-large", "tenant-too-many-prices",
                    prices=prices, limit=limit)
    return make(first_source, Span(1, 1), "tenant-too-large", rows=rows, limit=limit)


def _loaded(row: PromotionRow, promos: list, errors: list, cache: dict | None) -> list:
    """_load, once per row when a cache is kept (the platform rows of every group)."""
    if cache is None:
        return _load(row, promos, errors)
    if id(row) not in cache:
        mine: list = []
        cache[id(row)] = (row, mine, _load(row, mine, errors))
    _, mine, found = cache[id(row)]
    promos.extend(mine)
    return found


def _load(row: PromotionRow, promos: list, errors: list) -> list[Diagnostic]:
    """One row into its promotion (appended to `promos`) and the findings of loading it."""
    from promolint.model.build import build
    from promolint.schema.validate import check
    path = row.source
    found = [make(path, Span(1, 1), "unmapped-field", note=phrase_of(note_id, args))
             for note_id, args in row.notes]
    if isinstance(row.promotion, RowProblem):
        return found + [make(path, Span(1, 1), "schema", "row-unreadable",
                             problem=phrase("value-problem", text=row.promotion.problem))]
    try:
        data, problems = rowdoc.parse(row.promotion, path)
        found += problems
        if data is None:
            return found
        doc = rowdoc.document(data, path)
        schema_findings, broken, unknown = check(doc)
        promo, built = build(doc, broken, unknown)
    except Exception as err:  # noqa: BLE001 - a bug: this row's, not the run's
        from promolint.run.workers import internal_error
        errors.append(internal_error(path, "loading", err))
        return found
    if promo is not None:
        promos.append(promo)
    return found + schema_findings + built


def price_list(prices: Iterable[PriceRow]) -> PriceList:
    """The prices as the checks read them; a tenant's own row wins over a platform one."""
    out = PriceList()
    for row in sorted(prices, key=lambda r: r.tenant != ""):
        out[row.sku] = Price(row.sku, row.currency, row.market_price, row.category)
    return out


_LINE_REF = re.compile(r"^(.*):(\d+)$")


def _unlined(diag: Diagnostic, sources: dict) -> Diagnostic:
    """A message naming another row as `path:line` (duplicate-id's "already used at")
    names the row: a row has no lines."""
    if not any(isinstance(v, str) and ":" in v for _, v in diag.args):
        return diag
    args = tuple((k, _row_ref(v, sources)) for k, v in diag.args)
    return replace(diag, args=args)


def _row_ref(value, sources: dict):
    if not isinstance(value, str):
        return value
    match = _LINE_REF.match(value)
    return match.group(1) if match and match.group(1) in sources else value


def audit_group(promotions: Iterable[PromotionRow], platform: Iterable[PromotionRow],
                prices: Iterable[PriceRow], settings: Settings,
                today: date | None = None, platform_alone: set | None = None) -> list[dict]:
    """Findings of one tenant: `promotions` (that tenant's rows), `platform` (the rows
    with an empty tenant, which join every tenant) and the `prices` they can reach (the
    tenant's own and the empty-tenant ones). A finding on a platform row is reported
    here only when it needs this tenant's rows: alone, the platform rows are audited as
    tenant "" (`platform_alone`: those findings' fingerprints, when already known).
    Each finding is a dict of FINDING_COLUMNS; an internal error met on a row is a
    finding of rule `internal-error` on that row (never the loss of the others)."""
    promotions, platform, prices = list(promotions), list(platform), list(prices)
    tenant = promotions[0].tenant if promotions else ""
    checked = check_group(promotions, platform, prices, settings, today)
    out = [finding_row(d, tenant) for d in checked.findings if not d.suppressed]
    if platform and promotions:
        if platform_alone is None:  # the platform rows alone, with the platform's prices
            alone = audit_group([], platform, [p for p in prices if not p.tenant], settings, today)
            platform_alone = {_fingerprint("", f["source"], f["rule"], f["_cause"]) for f in alone}
        out = [f for f in out if checked.tenant_of.get(f["source"]) != ""
               or _fingerprint("", f["source"], f["rule"], f["_cause"]) not in platform_alone]
    out += [_error_row(tenant, line) for line in checked.errors]
    return out


def finding_row(diag: Diagnostic, tenant: str) -> dict:
    """One finding as section 8's columns (plus `_cause`, the fingerprint's cause)."""
    from promolint.report.messages import render
    witness = diag.witness.to_dict() if diag.witness is not None else None
    if diag.affected:
        witness = (witness or {}) | {"affected": affected_dict(diag)}
    cause = cause_of(diag)
    return {"tenant": tenant, "source": diag.path, "pointer": rowdoc.pointer(diag.span),
            "rule": diag.rule, "severity": diag.severity,
            "message_en": render(diag, "en"), "message_zh": render(diag, "zh"),
            "witness": json.dumps(witness, ensure_ascii=False, sort_keys=True) if witness else None,
            "fingerprint": _fingerprint(tenant, diag.path, diag.rule, cause), "_cause": cause}


_CAUSE_ARGS = ("field", "limit", "currency")  # a several-SKU finding: the cause, not its worst SKU


def cause_of(diag: Diagnostic) -> str:
    """What the finding is about, never where: its promotion, message and arguments
    (for a finding standing for several SKUs, the cause alone: report.fingerprint)."""
    if diag.affected:
        args = [[k, str(v)] for k, v in diag.args if k in _CAUSE_ARGS]
        key = [diag.promotion or "", diag.message_id.removesuffix("-many"), args, "affected"]
    else:
        key = [diag.promotion or "", diag.message_id, [[k, str(v)] for k, v in diag.args]]
    return json.dumps(key, ensure_ascii=False)


def _fingerprint(tenant: str, source: str, rule: str, cause: str) -> str:
    key = json.dumps([tenant, source, rule, cause], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def _error_row(tenant: str, line: str) -> dict:
    source = line.split(": internal error", 1)[0]
    return {"tenant": tenant, "source": source, "pointer": "", "rule": "internal-error",
            "severity": "error", "message_en": line,
            "message_zh": f"内部错误(这是 promolint 的缺陷,请报告):{line}",
            "witness": None, "fingerprint": _fingerprint(tenant, source, "internal-error", line),
            "_cause": line}


def public(finding: dict) -> dict:
    """A finding row with section 8's columns only."""
    return {name: finding[name] for name in FINDING_COLUMNS}


def audit_batches(promotions, platform, prices, settings: Settings, today: date | None = None):
    """audit_group on Arrow: pyarrow RecordBatches (or Tables) in the columns of section
    8 in, one RecordBatch of findings out (schema: finding_schema())."""
    import pyarrow as pa
    found = audit_group(promotion_rows(promotions), promotion_rows(platform),
                        price_rows(prices), settings, today)
    return pa.RecordBatch.from_pylist([public(f) for f in found], schema=finding_schema())


def promotion_rows(batch) -> list[PromotionRow]:
    """PromotionRows of an Arrow batch (columns tenant, source, promotion[, notes])."""
    if batch is None:
        return []
    out = []
    for item in batch.to_pylist():
        notes = item.get("notes")
        out.append(PromotionRow(item.get("tenant") or "", str(item.get("source") or ""),
                                item.get("promotion"), parse_notes(notes)))
    return out


def parse_notes(notes) -> tuple:
    """A row's optional notes column: a JSON list of [note_id, {args}] (or the list)."""
    if not notes:
        return ()
    if isinstance(notes, str):
        try:
            notes = json.loads(notes)
        except ValueError:
            return (("unmapped-value", {"column": "notes", "value": notes[:60]}),)
    return tuple((str(n[0]), dict(n[1]) if len(n) > 1 and isinstance(n[1], dict) else {})
                 for n in notes if isinstance(n, (list, tuple)) and n)


def price_rows(batch) -> list[PriceRow]:
    """PriceRows of an Arrow batch; a market price is read from its text, never a float."""
    from promolint.audit.prices import price_row
    if batch is None:
        return []
    return [price_row(item) for item in batch.to_pylist()]


def finding_schema():
    """The pyarrow schema of the findings: every column a string, witness nullable."""
    import pyarrow as pa
    return pa.schema([pa.field(name, pa.string(), nullable=name in ("witness", "pointer"))
                      for name in FINDING_COLUMNS])
