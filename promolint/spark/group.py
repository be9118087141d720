"""What runs on an executor: one group's rows and reachable prices (Arrow) in, its
findings out, through promolint.audit.core as the one-machine audit does (local.py).

A group is a tenant with the platform-wide rows joined, the platform-wide rows alone
(tenant ""), or one part of a tenant past max_tenant_rows (checked row by row).
Findings carry three columns more than section 8's, for the driver-side plan:
`_group` (the group's tenant), `_alone` (on a platform row in a tenant's group: the
fingerprint that finding has in the platform rows' own group) and `_suppressed`.
"""
from __future__ import annotations

import hashlib

from promolint.audit.core import (
    _error_row,
    _fingerprint,
    check_group,
    finding_row,
    price_rows,
    promotion_rows,
    too_large,
)

EXTRA = ("_group", "_alone", "_suppressed")

# Per Python worker (Spark reuses them): each platform row parsed and built once across
# the groups it joins, as local.py's `loaded` does; emptied when the run changes.
_CACHE: dict = {"run": None, "rows": {}, "loaded": {}}


def schema():
    import pyarrow as pa
    from promolint.audit.rows import FINDING_COLUMNS
    fields = [pa.field(n, pa.string(), nullable=n in ("witness", "pointer"))
              for n in FINDING_COLUMNS]
    return pa.schema(fields + [pa.field("_group", pa.string()), pa.field("_alone", pa.string()),
                               pa.field("_suppressed", pa.bool_())])


def run(key, rows, prices, job: dict):
    """One group: `key` (tenant, part), `rows`/`prices` pyarrow Tables; a pyarrow Table."""
    import pyarrow as pa
    key = [k.as_py() if hasattr(k, "as_py") else k for k in key]  # Arrow or numpy scalars
    tenant, part = str(key[0]), int(key[1])
    if not rows.num_rows:  # prices no row of the group reaches: nothing to audit
        return pa.Table.from_pylist([], schema=schema())
    if "_order" in rows.column_names:  # the input's order, as a file is read on one machine
        rows = rows.sort_by("_order")
    found = audit(tenant, part, rows, prices, job)
    return pa.Table.from_pylist(found, schema=schema())


def audit(tenant: str, part: int, rows, prices, job: dict) -> list[dict]:
    settings, today = job["settings"], job["today"]
    if _CACHE["run"] != job["run_id"]:
        _CACHE.update(run=job["run_id"], rows={}, loaded={}, lists={})
    orders = rows.column("_order").to_pylist() if "_order" in rows.column_names else []
    listed = [_interned(r, o) for r, o in zip(promotion_rows(rows), orders or [None] * rows.num_rows)]
    mine = [r for r in listed if r.tenant]
    platform = [r for r in listed if not r.tenant]
    has_own, reach = _warm(prices)
    out = []
    if part >= 0:  # a tenant past max_tenant_rows: this part's rows, each alone
        checked = check_group(mine, [], reach, settings, today, cross=False)
        out += _rows(checked, tenant, alone=False)
        info = rows.slice(0, 1).to_pylist()[0]
        if part == 0:  # the tenant's one finding that says so, from its first part
            out.append(_row(too_large(info["_first"], info["_count"], job["max_rows"]), tenant))
    elif tenant == "":  # the platform-wide rows alone, with the platform-wide prices
        checked = check_group([], platform, reach, settings, today, loaded=_CACHE["loaded"])
        out += _rows(checked, "", alone=False)
    else:
        checked = check_group(mine, platform, reach, settings, today, loaded=_CACHE["loaded"],
                              platform_checked=not has_own)
        out += _rows(checked, tenant, alone=True)
    if "_many_prices" in prices.column_names and prices.num_rows:
        many = prices.slice(0, 1).to_pylist()[0]["_many_prices"]
        if many:
            first = min(r.source for r in (mine or platform))
            out.append(_row(too_large(first, 0, job["max_prices"], prices=many), tenant))
    out += [_error_row(tenant, line) | {"_cause": None} for line in checked.errors]
    for row in out:
        row.setdefault("_alone", None)
        row.setdefault("_suppressed", False)
        row["_group"] = tenant
        row.pop("_cause", None)
    return out


def _rows(checked, tenant: str, alone: bool) -> list[dict]:
    out = []
    for diag in checked.findings:
        row = finding_row(diag, tenant)
        row["_suppressed"] = bool(diag.suppressed)
        if alone and checked.tenant_of.get(diag.path) == "":
            row["_alone"] = _fingerprint("", row["source"], row["rule"], row["_cause"])
        out.append(row)
    return out


def _row(diag, tenant: str) -> dict:
    return finding_row(diag, tenant) | {"_suppressed": bool(diag.suppressed)}


def _warm(prices) -> tuple[bool, object]:
    """(whether the tenant has prices of its own, the group's PriceList): the same
    PriceList object for the same prices as a group before (most groups reach the same
    platform-wide prices), so its indexes stay warm as the one machine's shared list
    does, and its rows are read once. The last few are kept."""
    from promolint.audit.core import price_list
    cells = [prices.column(c).to_pylist() if c in prices.column_names else []
             for c in ("tenant", "sku", "currency", "market_price", "category")]
    key = hashlib.sha256(repr(sorted(zip(*cells), key=repr)).encode(
        "utf-8", "surrogateescape")).digest()
    lists = _CACHE.setdefault("lists", {})
    if key not in lists:
        reach = sorted(price_rows(prices), key=lambda p: (p.tenant != "", p.sku))
        if len(lists) >= 8:
            lists.pop(next(iter(lists)))
        lists[key] = (any(p.tenant for p in reach), price_list(reach))
    return lists[key]


def _interned(row, order):
    """The same PromotionRow object for the same platform row in every group, so
    check_group's `loaded` cache (keyed by the object) parses it once per worker. Two
    equal rows of the input stay two rows (their order tells them apart)."""
    if row.tenant or order is None:
        return row
    key = (order, row.source, row.promotion, row.notes)
    return _CACHE["rows"].setdefault(key, row)
