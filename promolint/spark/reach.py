"""Which prices a promotion row can reach, read from its JSON on an executor.

A row reaches the SKUs its scope lists and every priced SKU of the categories it lists;
a whole-order scope reaches every price of its tenant. Whatever is in doubt (text that
is not JSON, a scope or list item that is not well formed, a key the scope does not
have) reaches everything: the model builds a broken scope as the whole order, and a
group given more prices than it reaches finds the same (fail closed, never fewer).
"""
from __future__ import annotations

import json

SCOPE_KEYS = {"skus", "categories", "exclude_skus"}


def reach_of(text) -> tuple[list[str], list[str], bool]:
    """(SKUs, categories, whole order) of one row's promotion text."""
    try:
        data = json.loads(text) if isinstance(text, (str, bytes)) else None
    except (ValueError, RecursionError):
        return [], [], True
    scope = data.get("scope") if isinstance(data, dict) else None
    if not isinstance(scope, dict) or set(scope) - SCOPE_KEYS:
        return [], [], True
    skus, categories = scope.get("skus", []), scope.get("categories", [])
    if not isinstance(skus, list) or not isinstance(categories, list) \
            or not all(isinstance(s, str) for s in skus + categories):
        return [], [], True
    if not skus and not categories:
        return [], [], True
    return skus, categories, False


def reach_batches(batches):
    """mapInArrow: rows (tenant, _part, promotion) -> (tenant, _part, kind, key), kind
    `sku`, `cat`, `all` (key "") or `first` (key "": the tenant's first SKU)."""
    import pyarrow as pa
    out_schema = schema()
    for batch in batches:
        tenants, parts, kinds, keys = [], [], [], []
        data = batch.to_pydict()
        for tenant, part, text in zip(data["tenant"], data["_part"], data["promotion"]):
            skus, categories, whole = reach_of(text)
            found = [("first", ""), ("all", "")] if whole else [("first", "")] \
                + [("sku", s) for s in set(skus)] + [("cat", c) for c in set(categories)]
            for kind, key in found:
                tenants.append(tenant)
                parts.append(part)
                kinds.append(kind)
                keys.append(key)
        yield pa.RecordBatch.from_arrays(
            [pa.array(tenants, pa.string()), pa.array(parts, pa.int64()),
             pa.array(kinds, pa.string()), pa.array(keys, pa.string())], schema=out_schema)


def schema():
    import pyarrow as pa
    return pa.schema([("tenant", pa.string()), ("_part", pa.int64()), ("kind", pa.string()),
                      ("key", pa.string())])
