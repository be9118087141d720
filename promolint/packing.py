"""Pickling per-file results compactly: the cache's entries and the workers' results.

A plain pickle of a timezone goes through copyreg's generic path and costs ~19 us to
load; a parsed window has two, so they were a third of loading a cached file. Here a
timezone is rebuilt through a small table keyed by its exact arguments (offset and
name), and an equal Span is one shared object (document.SPANS, the table the YAML
loader fills). And each class a pickle names (FileResult, Promotion, Window, ...) costs
~0.8 us to look up by module and name, per file: the classes of the results are
written as small persistent ids into SHARED instead, looked up by index. A result
loads in ~25 instead of ~42 us (corpus-10000, same process). Changing what these write
changes promolint.cache.FORMAT (and the code's own stamp changes the cache's folder).
"""
from __future__ import annotations

import copyreg
import io
import pickle
from dataclasses import fields
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from operator import attrgetter

from promolint import diagnostics, document, expr, model, parallel
from promolint.document import SPANS, Span, new_span

_ZONES: dict[tuple, timezone] = {}
_MICROSECOND = timedelta(microseconds=1)
_span_values = attrgetter(*(f.name for f in fields(Span)))


def _zone(*args) -> timezone:
    """The timezone for `args`: whole microseconds of offset (the usual, unnamed kind),
    else timezone's own arguments; one object per distinct args."""
    zone = _ZONES.get(args)
    if zone is None:
        made = timezone(timedelta(microseconds=args[0])) if type(args[0]) is int else timezone(*args)
        zone = _ZONES.setdefault(args, made)
    return zone


def _zone_args(zone: timezone) -> tuple:
    args = zone.__getinitargs__()
    return (args[0] // _MICROSECOND,) if len(args) == 1 else args


def _span(*values) -> Span:
    """The Span with these values: the one in document.SPANS when it is there."""
    where = (values[0] - 1, values[1] - 1, values[2] - 1, values[3] - 1)
    return SPANS.get(where) or new_span(where)


_TABLE = {**copyreg.dispatch_table,
          timezone: lambda zone: (_zone, _zone_args(zone)),
          Span: lambda span: (_span, _span_values(span))}
# What persistent ids name, by position: an explicit list, so that it is the same in
# every process (modules may define more classes lazily, e.g. expr's transformer).
# A class not listed is still pickled, by name. Same code, same list: the cache's
# folder is per code stamp.
SHARED: tuple = (
    Decimal, datetime, date, _zone, _span, document.Document, Span,
    model.Promotion, model.Window, model.Scope, model.Limits, model.Stacking, model.Coupon,
    model.Suppression, model.Tier, *model.BENEFIT_TYPES.values(),
    expr.Field, expr.Literal, expr.ListLit, expr.Compare, expr.Not, expr.BoolOp,
    diagnostics.Diagnostic, diagnostics.Witness, diagnostics.WitnessLine,
    parallel.FileResult, parallel.LazyDocument)
_IDS = {id(obj): index for index, obj in enumerate(SHARED)}


class _Compact(pickle.Pickler):
    dispatch_table = _TABLE


class _Pickler(_Compact):
    def persistent_id(self, obj):  # noqa: D102 - an id only for what SHARED holds
        return _IDS.get(id(obj))


def dumps(obj, shared: bool = True) -> bytes:
    """`obj` pickled (highest protocol) with the compact forms above. shared=False: no
    persistent ids, for many small objects (a Document: persistent_id is a Python call
    per object, 230 instead of 80 us a document) that are seldom loaded."""
    buffer = io.BytesIO()
    (_Pickler if shared else _Compact)(buffer, pickle.HIGHEST_PROTOCOL).dump(obj)
    return buffer.getvalue()


def loads(data):
    """What `dumps` wrote."""
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = SHARED.__getitem__
    return unpickler.load()
