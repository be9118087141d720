"""The one-machine audit: rows grouped by tenant, each group through core.check_group.

Every row is held in memory, grouped by tenant (a table that does not fit one machine
is Spark's: promolint.spark). Prices with no tenant are one list shared by every group
(its indexes stay warm); a tenant with its own prices gets its own copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from promolint.audit.core import audit_group, check_group, finding_row, price_list, too_large
from promolint.audit.rows import PriceRow, PromotionRow
from promolint.core.config import Settings


@dataclass
class AuditReport:
    """Findings as rows (dicts of section 8's columns, `_diag` the Diagnostic)."""

    findings: list[dict] = field(default_factory=list)
    rows: int = 0
    tenants: int = 0
    errors: list[str] = field(default_factory=list)
    locator: str = ""  # prefix of a row's path: mysql://host:port/db/ (never a password)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f["severity"] == severity and not f["_diag"].suppressed)


def audit_rows(rows: Iterable[PromotionRow], prices: Iterable[PriceRow], settings: Settings,
               today: date | None = None, locator: str = "") -> AuditReport:
    """Audit every row, tenant by tenant; platform-wide rows join every tenant."""
    groups: dict[str, list[PromotionRow]] = {}
    for row in rows:
        groups.setdefault(row.tenant, []).append(row)
    platform = groups.pop("", [])
    shared, own = _prices(prices)
    report = AuditReport(locator=locator, tenants=len(groups))
    alone, loaded = set(), {}
    if platform:
        checked = check_group([], platform, shared, settings, today, loaded=loaded)
        _add(report, checked, "", None)
        alone = {f["fingerprint"] for f in report.findings}
    limit = settings.max_tenant_rows
    for tenant in sorted(groups):
        reach = shared if tenant not in own else price_list([*_rows(shared), *own[tenant]])
        if limit and len(groups[tenant]) > limit:  # as promolint.spark bounds a tenant
            checked = check_group(groups[tenant], [], reach, settings, today, cross=False)
            _add(report, checked, tenant, None)
            first = min(row.source for row in groups[tenant])
            diag = too_large(first, len(groups[tenant]), limit)
            report.findings.append(finding_row(diag, tenant) | {"_diag": diag})
            continue
        checked = check_group(groups[tenant], platform, reach, settings, today, loaded=loaded,
                              platform_checked=tenant not in own)
        _add(report, checked, tenant, alone)
    report.rows = len(platform) + sum(len(g) for g in groups.values())
    report.findings.sort(key=_order)
    return report


def _prices(prices: Iterable[PriceRow]):
    """(the platform-wide PriceList, tenant -> its own PriceRows)."""
    platform, own = [], {}
    for row in prices:
        (own.setdefault(row.tenant, []) if row.tenant else platform).append(row)
    return price_list(platform), own


def _rows(prices) -> list[PriceRow]:
    return [PriceRow("", p.sku, p.currency, p.market_price, p.category) for p in prices.values()]


def _add(report: AuditReport, checked, tenant: str, alone: set | None) -> None:
    """A group's findings; on a platform row only those it owes to this tenant's rows."""
    for diag in checked.findings:
        row = finding_row(diag, tenant)
        if alone is not None and checked.tenant_of.get(diag.path) == "":
            from promolint.audit.core import _fingerprint
            if _fingerprint("", row["source"], row["rule"], row["_cause"]) in alone:
                continue
        row["_diag"] = diag
        report.findings.append(row)
    report.errors.extend(checked.errors)


def _order(row: dict) -> tuple:
    diag = row["_diag"]
    return (row["tenant"], row["source"], row["pointer"], row["rule"], diag.message_id,
            str(diag.args))


__all__ = ["AuditReport", "audit_rows", "audit_group"]
