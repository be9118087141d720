"""Pickling per-file results compactly: the cache's entries and the workers' results.

A plain pickle of a timezone goes through copyreg's generic path and costs ~19 us to
load; a parsed window has two, so they were a third of loading a cached file. Here a
timezone is rebuilt through a small table keyed by its exact arguments (offset and
name), and an equal Span is one shared object (Spans are immutable; yamlload already
shares them): corpus-10000 entries load in ~39 instead of ~80 us. Changing what these
write changes promolint.cache.FORMAT.
"""
from __future__ import annotations

import copyreg
import io
import pickle
from dataclasses import fields
from datetime import timedelta, timezone
from operator import attrgetter

from promolint.document import Span

SPAN_CAP = 4_096  # shared Spans kept (a few hundred distinct in a large repository)
_ZONES: dict[tuple, timezone] = {}
_MICROSECOND = timedelta(microseconds=1)
_SPANS: dict[tuple, Span] = {}
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
    """The Span with these values, shared while the table has room."""
    span = _SPANS.get(values)
    if span is None:
        span = Span(*values)
        if len(_SPANS) < SPAN_CAP:
            _SPANS[values] = span
    return span


_TABLE = {**copyreg.dispatch_table,
          timezone: lambda zone: (_zone, _zone_args(zone)),
          Span: lambda span: (_span, _span_values(span))}


def dumps(obj) -> bytes:
    """`obj` pickled (highest protocol) with the compact forms above."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _TABLE
    pickler.dump(obj)
    return buffer.getvalue()


loads = pickle.loads
