"""Rows for the audit tests."""
from __future__ import annotations

import json

WINDOW = {"start": "2026-11-11T00:00:00+08:00", "end": "2026-11-12T00:00:00+08:00"}


def promo(pid: str, benefit: dict, **extra) -> dict:
    out = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": pid, "name": pid,
           "currency": "CNY", "window": WINDOW, "benefit": benefit,
           "limits": {"total": 100, "per_user": 1}}
    return out | extra


def row(tenant: str, source: str, promotion, **extra) -> dict:
    text = promotion if isinstance(promotion, str) else json.dumps(promotion)
    return {"tenant": tenant, "source": source, "promotion": text} | extra


def write_jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)
