"""The engine-neutral audit: one tenant's rows in, findings out (spec section 8).

`audit_group` works on plain lists; `audit_batches` wraps it for Arrow (Spark's
applyInArrow, the one-machine audit's Parquet path). Both return the columns of
rows.FINDING_COLUMNS.
"""
from __future__ import annotations

from typing import Iterable

from promolint.audit.rows import FINDING_COLUMNS, PriceRow, PromotionRow
from promolint.core.config import Settings


def audit_group(promotions: Iterable[PromotionRow], platform: Iterable[PromotionRow],
                prices: Iterable[PriceRow], settings: Settings) -> list[dict]:
    """Findings of one tenant: `promotions` (that tenant's rows), `platform` (the rows
    with an empty tenant, which join every tenant) and the `prices` they can reach (the
    tenant's own and the empty-tenant ones; the tenant's win). Checks between promotions
    see all of them; a finding on a platform row is reported here only when it needs
    this tenant's rows (alone, the platform rows are audited as tenant ""). Each finding
    is a dict of FINDING_COLUMNS."""
    raise NotImplementedError


def audit_batches(promotions, platform, prices, settings: Settings):
    """audit_group on Arrow: three pyarrow RecordBatches (or Tables) in the columns of
    section 8, one RecordBatch of findings out (schema: finding_schema())."""
    raise NotImplementedError


def finding_schema():
    """The pyarrow schema of the findings: every column a string, witness nullable."""
    import pyarrow as pa
    return pa.schema([pa.field(name, pa.string(), nullable=name in ("witness", "pointer"))
                      for name in FINDING_COLUMNS])
