"""Promotion and price rows from Parquet, CSV or JSON Lines files (or a folder of them).

A problem with a whole file (unreadable, a column missing or of the wrong type) is one
located line (ConfigError, exit 2); a problem with one row is a finding on that row.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from promolint.core.config import ConfigError

KINDS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
BATCH = 8192


def files_of(source: str) -> list[Path]:
    """The row files SOURCE names: itself, or those under a folder (hidden ones skipped)."""
    path = Path(source)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in KINDS and p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not found:
            raise ConfigError(f"{source}: no .parquet, .csv or .jsonl files here",
                              "audit-no-files", path=source)
        return found
    if not path.exists():
        raise ConfigError(f"{source}: no such file or folder", "audit-missing", path=source)
    if path.suffix.lower() not in KINDS:
        raise ConfigError(f"{source}: not a .parquet, .csv or .jsonl file", "audit-kind",
                          path=source)
    return [path]


def records(path: Path, columns: tuple[str, ...], need: tuple[str, ...]) -> Iterator[tuple[dict, str]]:
    """(the row's `columns` as a dict, where it is: file:line or file#row), in order."""
    kind = KINDS[path.suffix.lower()]
    try:
        yield from {"parquet": _parquet, "csv": _csv, "jsonl": _jsonl}[kind](path, columns, need)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read rows: {err.strerror or err}", "audit-unreadable",
                          path=str(path), problem=str(err.strerror or err)) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text", "audit-not-utf8", path=str(path)) from None


def _missing(path: Path, need, found) -> None:
    lost = [c for c in need if c not in found]
    if lost:
        raise ConfigError(f"{path}: no column {lost[0]} (found: {', '.join(found) or 'none'})",
                          "audit-no-column", path=str(path), column=lost[0],
                          found=", ".join(found) or "-")


def _parquet(path: Path, columns, need):
    import pyarrow as pa
    import pyarrow.parquet as pq
    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowInvalid, pa.ArrowException) as err:
        raise ConfigError(f"{path}: not a Parquet file: {err}", "audit-bad-file",
                          path=str(path), kind="Parquet") from None
    schema = handle.schema_arrow
    _missing(path, need, schema.names)
    present = [c for c in columns if c in schema.names]
    for name in present:
        _column_type(path, name, schema.field(name).type)
    row = 0
    for batch in handle.iter_batches(batch_size=BATCH, columns=present):
        values = [batch.column(i).to_pylist() for i in range(len(present))]
        for cells in zip(*values):
            yield dict(zip(present, cells)), f"{path.name}#{row}"
            row += 1


# The Arrow types a column may have: text for ids and JSON, a struct for a promotion
# stored as an object, numbers (decimal preferred) for a market price.
_TEXT = ("string", "large_string", "binary", "large_binary", "null")


def _column_type(path: Path, name: str, kind) -> None:
    import pyarrow.types as t
    text = str(kind) in _TEXT or t.is_string(kind) or t.is_large_string(kind)
    ok = {"promotion": text or t.is_struct(kind), "notes": text or t.is_list(kind),
          "market_price": text or t.is_decimal(kind) or t.is_integer(kind) or t.is_floating(kind),
          "tenant": text or t.is_integer(kind), "source": text or t.is_integer(kind)}.get(name, text)
    if not ok:
        raise ConfigError(f"{path}: column {name} is {kind}, which promolint cannot read as "
                          f"{name}", "audit-column-type", path=str(path), column=name,
                          kind=str(kind))


def _csv(path: Path, columns, need):
    # A promotion's JSON can pass csv's 128 KB field limit; the limit is the process's,
    # so it is put back for the price list reader and the other commands.
    before = csv.field_size_limit(1 << 26)
    try:
        yield from _csv_rows(path, columns, need)
    finally:
        csv.field_size_limit(before)


def _csv_rows(path: Path, columns, need):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        _missing(path, need, header)
        present = [c for c in columns if c in header]
        try:
            for item in reader:
                yield {c: item.get(c) for c in present}, f"{path.name}:{reader.line_num}"
        except csv.Error as err:
            raise ConfigError(f"{path}:{reader.line_num}: not valid CSV: {err}", "audit-bad-csv",
                              path=str(path), line=reader.line_num) from None


def _jsonl(path: Path, columns, need):
    from promolint.audit.rowdoc import _DECODER, _Duplicate
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                item = _DECODER.decode(line)
            except (ValueError, _Duplicate, RecursionError):
                yield {"promotion": line, "source": where, "_broken": True}, where
                continue
            if not isinstance(item, dict):
                yield {"promotion": line, "source": where, "_broken": True}, where
                continue
            yield {c: item.get(c) for c in columns if c in item}, where


PROMOTION_COLUMNS = ("tenant", "source", "promotion", "notes")
PRICE_COLUMNS = ("tenant", "sku", "currency", "market_price", "category")


def promotion_rows(source: str):
    """Every promotion row under SOURCE (a file or a folder), in file order."""
    from promolint.audit.core import parse_notes
    from promolint.audit.prices import text_of
    from promolint.audit.rows import PromotionRow
    for path in files_of(source):
        for item, where in records(path, PROMOTION_COLUMNS, ("promotion",)):
            promotion = item.get("promotion")
            if isinstance(promotion, (bytes, bytearray)):
                promotion = bytes(promotion).decode("utf-8", "replace")
            yield PromotionRow(text_of(item.get("tenant")).strip(),
                               text_of(item.get("source")).strip() or where,
                               promotion, parse_notes(item.get("notes")))


def price_rows(source: str) -> list:
    """Every price row of the --prices file or folder; a bad one is a ConfigError."""
    from promolint.audit.prices import price_row
    out = []
    for path in files_of(source):
        for number, (item, where) in enumerate(
                records(path, PRICE_COLUMNS, ("sku", "currency", "market_price")), start=1):
            out.append(price_row(item, where.rpartition(":")[0] or where,
                                 _number(where, number)))
    return out


def _number(where: str, count: int) -> int:
    tail = where.rpartition(":")[2]
    return int(tail) if tail.isdigit() else count
