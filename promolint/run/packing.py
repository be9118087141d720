"""Pickling per-file results compactly: the cache's entries and the workers' results.

A plain pickle of a timezone goes through copyreg's generic path and costs ~19 us to
load; a parsed window has two, so they were a third of loading a cached file. Here a
timezone is rebuilt through a small table keyed by its exact arguments (offset and
name), and an equal Span is one shared object (document.SPANS, the table the YAML
loader fills). And each class a pickle names (FileResult, Promotion, Window, ...) costs
~0.8 us to look up by module and name, per file: the classes of the results are
written as small persistent ids into SHARED instead, looked up by index. A result
loads in ~25 instead of ~42 us (corpus-10000, same process). Changing what these write
changes promolint.run.cache.FORMAT (and the code's own stamp changes the cache's folder).
"""
from __future__ import annotations

import copyreg
import io
import pickle
import zlib
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from operator import attrgetter

from promolint.core import diagnostics, document
from promolint.core.diagnostics import Diagnostic
from promolint.core.document import SPANS, Document, Span, new_span
from promolint.core.phrases import Phrase
from promolint.expr import syntax as expr
from promolint.model import promotion as model
from promolint.model.promotion import Promotion

_ZONES: dict[tuple, timezone] = {}
@dataclass
class FileResult:
    """One file's promotions, its load and per-promotion findings, and its text."""

    promotions: list[Promotion] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    text: str | None = None  # None when the file could not be read; "" from lint_each
    # when it holds no promolint comment (run.suppress.kept_text)
    errors: list[str] = field(default_factory=list)  # internal errors (bugs), one line each


def with_lazy_source(promo: Promotion) -> Promotion:
    """The promotion with its Document wrapped to travel (or be stored) as one blob."""
    if promo.source is None or isinstance(promo.source, LazyDocument):
        return promo
    return replace(promo, source=LazyDocument.wrap(promo.source))


class LazyDocument(Document):
    """A Document that crosses the process boundary as one pickled blob and is only
    unpickled when something reads more than its path or root span. Most promotions
    never need their span tables in the parent (only those with cross-file findings
    or suppressions), and unpickling them was most of the parent's share of the work."""

    def __init__(self, path: str, root: Span, blob: bytes, few: dict | None = None):  # noqa: D107
        self.__dict__.update(path=path, _root=root, _blob=blob, _few=few or {})

    @classmethod
    def wrap(cls, doc: Document) -> "LazyDocument":
        # compressed: a parent holds one per promotion (2 KB each, 0.6 KB compressed)
        return cls(doc.path, doc.span(()), zlib.compress(dumps(doc, shared=False), 1),
                   {path: doc.span(path) for path in parent_paths(doc)})

    def __getattr__(self, name: str):  # only for attributes not loaded yet
        blob = self.__dict__.get("_blob")
        if blob is None:
            raise AttributeError(name)
        self.__dict__.update(loads(zlib.decompress(blob)).__dict__)
        del self.__dict__["_blob"]
        return getattr(self, name)

    def span(self, path=()) -> Span:
        if "_blob" in self.__dict__:
            if not path:
                return self._root
            found = self._few.get(tuple(path))
            if found is not None:
                return found
        return super().span(path)

    def __reduce__(self):
        if "_blob" in self.__dict__:
            return (LazyDocument, (self.path, self._root, self._blob, self._few))
        return (Document, tuple(getattr(self, f.name) for f in fields(Document)))


def parent_paths(doc: Document) -> list[tuple]:
    """The spans the parent reads for cross-file findings and suppressions (kept beside
    the blob: 300 suppress lists at 10k files cost 0.5 s of unpickling for them)."""
    out: list[tuple] = [("id",), ("window", "start"), ("stacking",)]
    refs = doc.get(("stacking", "with"))
    if isinstance(refs, list):
        out += [("stacking", "with", i) for i in range(len(refs))]
    entries = doc.get(("suppress",))
    if isinstance(entries, list):
        for i in range(len(entries)):
            out += [("suppress", i), ("suppress", i, "rule")]
    return out


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
    FileResult, LazyDocument, Phrase)
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


# What a pickle may name besides SHARED's ids: SHARED's own objects and the stdlib types
# the results hold. Nothing else is looked up, so an entry cannot call os.system or
# any other function (the cache's entries come from disk).
ALLOWED = frozenset({(obj.__module__, obj.__qualname__) for obj in SHARED} | {
    ("datetime", "timedelta"), ("datetime", "timezone"),
    ("builtins", "set"), ("builtins", "frozenset")})


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str):  # noqa: D102 - ALLOWED only
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"promolint does not load {module}.{name}")
        return super().find_class(module, name)


def loads(data):
    """What `dumps` wrote, read by the restricted unpickler (a persistent id is an index
    into SHARED: any other value raises)."""
    unpickler = _Restricted(io.BytesIO(data))
    unpickler.persistent_load = SHARED.__getitem__
    return unpickler.load()


def pack(result: FileResult) -> bytes:
    """The result without its text, Documents as LazyDocuments (promolint.run.packing)."""
    return dumps(FileResult([with_lazy_source(p) for p in result.promotions], result.findings,
                            errors=result.errors))


def unpack(packed: bytes, text: str | None) -> FileResult:
    """The FileResult `pack` wrote, with its text back."""
    result = loads(packed)
    result.text = text
    return result
