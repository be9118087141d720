"""Which context files a context-mode run needs: the named files' neighbours.

A pre-commit run names one file, but cross-file rules need the promotions it can meet.
Those are the ones sharing an id with it (duplicate-id) or reaching a SKU or category
it reaches (stacking-below-market, overlapping-exclusive); every other file cannot
change a finding about it. So the cache keeps an index of each context file: its stat
signature, ids and reach. A run stats every file, reads only the files whose signature
changed (through the per-file cache), and lints the named files with their neighbours
alone: 50,000 files cost a stat each, not a load each.

Reach is coarse on purpose (a superset is safe, a subset would hide a stack): the
listed SKUs, the listed categories and each listed SKU's category in the price list;
a whole-order scope reaches everything ("*"). The index lives in the cache's
fingerprint folder (same settings, price list, code and date), signed like the
entries and stored as JSON (no code). Like git's index, a file changed within
RACY_NS of the index being written is not trusted by its signature and is read again.
"""
from __future__ import annotations

import json
import os
import time

from promolint.source.files import path_key

RACY_NS = 2_000_000_000
EVERYTHING = "*"


def reach(promo, prices) -> list[str]:
    """The index keys a promotion's scope reaches (see the module docstring)."""
    scope = promo.scope
    if scope.whole_order:
        return [EVERYTHING]
    keys = {"c:" + c for c in scope.categories}
    for sku in scope.skus:
        keys.add("s:" + sku)
        category = prices.category(sku)
        if category is not None:
            keys.add("c:" + category)
    return sorted(keys)


def signature(name: str) -> list[int] | None:
    try:
        info = os.stat(name)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


class Index:
    """path_key -> [signature, ids, reach] of each context file seen, from the cache."""

    def __init__(self, cache):
        self.cache, self.files, self.written, self.changed = cache, {}, 0, False
        data = cache.read_signed(cache.index_path())
        if data is None:
            return
        try:
            loaded = json.loads(bytes(data))
            self.files, self.written = dict(loaded["files"]), int(loaded["written"])
        except (ValueError, KeyError, TypeError):  # a damaged index: start again
            self.files, self.written = {}, 0

    def known(self, key: str, sig: list[int] | None):
        """The record of a file (by path_key) when its signature is unchanged and not
        racy, else None."""
        record = self.files.get(key)
        if sig is None or record is None or record[0] != sig:
            return None
        if sig[1] >= self.written - RACY_NS or sig[2] >= self.written - RACY_NS:
            return None
        return record

    def put(self, key: str, sig: list[int] | None, promos, prices) -> list:
        record = [sig, sorted({p.id for p in promos}),
                  sorted({k for p in promos for k in reach(p, prices)})]
        if sig is not None:  # also when unchanged but racy: a new `written` clears that
            self.files[key] = record
            self.changed = True
        return record

    def save(self, keep: set[str]) -> None:
        """Write the index (forgetting files no longer found) when anything changed."""
        gone = [k for k in self.files if k not in keep]
        for k in gone:
            del self.files[k]
        if self.changed or gone:
            blob = json.dumps({"written": time.time_ns(), "files": self.files},
                              separators=(",", ":"))
            self.cache.write_signed(self.cache.index_path(), blob.encode())


def neighbours(files: list[str], wanted: set[str], ctx, cache, texts, jobs) -> list[str]:
    """The files of `files` to lint for the named ones (`wanted`: path keys): those and
    the context files they can meet. Sets ctx.known_ids to every id found."""
    from promolint.run.workers import lint_each
    index = Index(cache)
    key_of = {name: path_key(name) for name in files}
    named = [f for f in files if key_of[f] in wanted]
    records: dict[str, list] = {}
    stale = []
    for name in files:
        if key_of[name] in wanted:
            continue
        sig = signature(name)
        record = index.known(key_of[name], sig)
        if record is None:
            stale.append((name, sig))
        else:
            records[name] = record
    loaded = lint_each([n for n, _ in stale] + named, ctx, texts, jobs, cache)
    buggy = set()
    for (name, sig), result in zip(stale, loaded):
        if result.errors:  # a bug met in a context file is still a bug: linted (and said)
            buggy.add(name)  # every run, as it is neither cached nor indexed
            sig = None
        records[name] = index.put(key_of[name], sig, result.promotions, ctx.prices)
    mine = [p for result in loaded[len(stale):] for p in result.promotions]
    ids = {p.id for p in mine}
    keys = {k for p in mine for k in reach(p, ctx.prices)}
    for record in records.values():  # a promotion sharing an id is kept by its witness
        if not ids.isdisjoint(record[1]):  # ids: its neighbours count too
            keys.update(record[2])
    index.save({key_of[n] for n in records if n not in buggy})
    ctx.known_ids = frozenset(ids.union(*(r[1] for r in records.values())))
    chosen = {n for n, r in records.items() if n in buggy or _meets(r, ids, keys)}
    return [f for f in files if f in chosen] + named  # named last, as lint_in_context does


def _meets(record: list, ids: set[str], keys: set[str]) -> bool:
    _, their_ids, their_keys = record
    if not their_ids:
        return False  # no promotion (or a file that does not load): nothing to meet
    if not ids.isdisjoint(their_ids):
        return True
    if EVERYTHING in keys:
        return True
    return EVERYTHING in their_keys or not keys.isdisjoint(their_keys)
