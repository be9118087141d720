"""JSON Schema validation of a Document, with findings a marketer can read.

The validator is compiled once per process. Errors are located through the
Document's span table (the gap check-jsonschema leaves open: positions).
"""
from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Document, dotted
from promolint.core.phrases import phrase
from promolint.source.yaml.values import COMPLEX_KEY


def schema_text() -> str:
    """promotion.schema.json as shipped in the package (beside this module; through
    importlib.resources, which costs a cold start ~6 ms of imports, only when the
    package is not plain files, e.g. zipped)."""
    try:
        with open(os.path.join(os.path.dirname(__file__), "promotion.schema.json"),
                  encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        from importlib import resources
        return resources.files("promolint.schema.validate").joinpath("promotion.schema.json").read_text("utf-8")


@lru_cache(maxsize=1)
def schema() -> dict:
    import json  # a valid file never needs the parsed schema (promolint.schema._check)
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def validator():
    from jsonschema import Draft202012Validator, validators

    def is_integer(checker, value) -> bool:
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, Decimal) and value == value.to_integral_value())

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer)
    cls = validators.extend(Draft202012Validator, type_checker=checker)
    return cls(schema())


@lru_cache(maxsize=1)
def _fast_check():
    """The schema's fast test, generated ahead from the schema by promolint.schema.gen
    (tests/schema/test_schema_gen.py keeps it identical to a fresh generation)."""
    from promolint.schema._check import check
    return check


def _fast_valid(data) -> bool:
    """True only when the document is certainly valid (then jsonschema is skipped)."""
    check = _fast_check()
    try:
        return check is not None and check(data)
    except Exception:  # noqa: BLE001 - any surprise: let jsonschema decide
        return False


def validate(doc: Document) -> list[Diagnostic]:
    """Schema findings for one document, one per problem, located."""
    return check(doc)[0]


def check(doc: Document) -> tuple[list[Diagnostic], set[tuple], set[tuple]]:
    """(schema findings, paths of the values that break the schema, paths of unknown
    keys). The builder builds every other part (promolint.model.build): an unknown key is
    left out, a broken value makes its part unusable for the checks that need it."""
    if not isinstance(doc.data, dict):
        return [make(doc.path, doc.span(), "schema", "schema-not-mapping")], {()}, set()
    out: list[Diagnostic] = _currency(doc)  # RMB is still a currency: nothing broken
    broken: set[tuple] = set()
    unknown: set[tuple] = set()
    if _fast_valid(doc.data):
        return out, broken, unknown
    for error in _located(validator().iter_errors(doc.data)):
        out.extend(_findings(doc, error))
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            unknown.update(path + (key,) for key in error.instance if key not in known)
        elif error.validator == "required":
            broken.add(path + (error.message.split("'")[1],))
        else:
            broken.add(path)
    return out, broken, unknown


def _located(errors):
    """The errors, with a `oneOf` whose value has the shape of exactly one of its forms
    (`stacking: {with: [partner, 42]}` is the mapping form) replaced by that form's own
    errors: the finding is then at the item that breaks it, and only that item is
    broken (a number in `with` leaves the other partners counted)."""
    for error in errors:
        if error.validator != "oneOf" or not error.context:
            yield error
            continue
        by_form: dict[int, list] = {}
        for sub in error.context:
            by_form.setdefault(sub.relative_schema_path[0], []).append(sub)
        shaped = [subs for subs in by_form.values() if not any(
            sub.validator in ("type", "enum", "const") and not sub.relative_path for sub in subs)]
        if len(by_form) == len(error.validator_value) and len(shaped) == 1:
            yield from _located(shaped[0])
        else:
            yield error


# Codes people write for a currency that ISO 4217 spells otherwise.
CURRENCY_ALIASES = {"RMB": "CNY", "CNH": "CNY", "YUA": "CNY", "NTD": "TWD", "NT$": "TWD",
                    "YEN": "JPY", "JPN": "JPY", "UKP": "GBP", "STG": "GBP", "SFR": "CHF",
                    "RUR": "RUB", "WON": "KRW", "KRN": "KRW", "HKG": "HKD", "SGP": "SGD",
                    "EUD": "EUR", "USA": "USD", "INN": "INR", "MXP": "MXN", "BRR": "BRL"}


def _currency(doc: Document) -> list[Diagnostic]:
    """`currency` must be an ISO 4217 code (spec 2): RMB is what people say, CNY is the code.
    Only three capitals are checked here; other shapes are the schema pattern's finding."""
    value = doc.data.get("currency")
    if not isinstance(value, str) or len(value) != 3 or not value.isascii() \
            or not value.isupper() or not value.isalpha():
        return []
    from promolint.source.prices import ISO_4217
    if value in ISO_4217:
        return []
    hint = CURRENCY_ALIASES.get(value)
    return [make(doc.path, doc.span(("currency",)), "schema",
                 "schema-currency-alias" if hint else "schema-currency-unknown",
                 field="currency", value=repr(value), **({"hint": hint} if hint else {}))]


def _dotted(path: tuple) -> str:
    return dotted(path) or phrase("the-promotion")


def _show(value) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:40]) + f"... ({len(value)} characters)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return phrase("value-mapping" if isinstance(value, dict) else "value-list")
    if value is None:
        return phrase("value-empty")
    return str(value)


def _findings(doc: Document, error) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    kind, where = error.validator, _dotted(path)
    value, limit = error.instance, error.validator_value
    if kind == "additionalProperties":
        return _unknown_fields(doc, path, error)
    if kind == "required":
        missing = error.message.split("'")[1]
        span = doc.key_span(path) if path else doc.span(())
        return [make(doc.path, span, "schema", "schema-required", field=_join(path, missing))]
    span = doc.span(path)
    if kind == "type":
        return [make(doc.path, span, "schema", "schema-type", field=where, value=_show(value),
                     expected=_expected_type(limit))]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return [make(doc.path, span, "schema", f"schema-{kind}", field=where,
                     value=_show(value), limit=str(limit))]
    if kind in ("enum", "const"):
        import difflib  # only for a finding: a cold start of a valid file skips it
        allowed = limit if kind == "enum" else [limit]
        guess = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1)
        extra = {"hint": guess[0]} if guess else {}
        return [make(doc.path, span, "schema", "schema-enum-hint" if guess else "schema-enum",
                     field=where, value=_show(value), allowed=", ".join(str(a) for a in allowed),
                     **extra)]
    if kind in ("pattern", "minLength"):
        name = path[-1] if path and path[-1] in _PATTERN_FIELDS else "pattern"
        return [make(doc.path, span, "schema", f"schema-{name}", field=where, value=_show(value))]
    if kind == "minItems":
        return [make(doc.path, span, "schema", "schema-min-items", field=where, limit=str(limit))]
    if kind == "oneOf":
        return [make(doc.path, span, "schema", "schema-one-of", field=where)]
    return [make(doc.path, span, "schema", "schema-other", field=where,
                 problem=phrase("schema-problem", text=error.message[:200]))]


_PATTERN_FIELDS = ("id", "currency", "reason")


def _expected_type(limit):
    """JSON Schema's `type` ("number", or ["integer", "string"]) in words of each language."""
    names = [limit] if isinstance(limit, str) else list(limit)
    words = [phrase(f"type-{name}") for name in names]
    out = words[-1]
    for word in reversed(words[:-1]):
        out = phrase("either", first=word, second=out)
    return out


def _join(path: tuple, name: str) -> str:
    return f"{_dotted(path)}.{name}" if path else name


def _unknown_fields(doc: Document, path: tuple, error) -> list[Diagnostic]:
    import difflib
    known = sorted(error.schema.get("properties", {}))
    out = []
    for key in error.instance:
        if key in known or key.startswith(COMPLEX_KEY):  # one cause, one finding
            continue
        guess = difflib.get_close_matches(key, known, n=1)
        extra = {"hint": guess[0]} if guess else {}
        out.append(make(doc.path, doc.key_span(path + (key,)), "schema",
                        "schema-unknown-field-hint" if guess else "schema-unknown-field",
                        field=_join(path, key), known=", ".join(known), **extra))
    return out
