"""One file into promotions: read, parse (YAML or DSL), validate, build."""
from __future__ import annotations

from promolint.core.config import Settings
from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Span
from promolint.model.promotion import Promotion
from promolint.source.files import display_name, read_text


def load_file(name: str, settings: Settings, text: str | None = None) -> tuple[list[Promotion], list[Diagnostic]]:
    """Read, parse, validate and build one file's promotions."""
    from promolint.model.build import build
    from promolint.schema.validate import check
    shown = display_name(name)
    if text is None:
        text, problem = read_text(name, settings)
        if problem:
            return [], [problem]
    documents, findings = parse_text(shown, text)
    if not documents and not findings:
        findings = [make(shown, Span(1, 1), "syntax", "file-empty")]
    promos = []
    said = {(f.span.line, f.span.column) for f in findings if f.rule == "syntax"}
    for doc in documents:
        errors, broken, unknown = check(doc)
        # a value the loader already reported (`0300`: ambiguous) is one finding, not
        # also a schema "must be a number" at the same place
        findings.extend(e for e in errors if (e.span.line, e.span.column) not in said)
        promo, built = build(doc, broken, unknown)
        findings.extend(built)
        if promo is not None:
            promos.append(promo)
    return promos, findings


def load_whole(name: str, settings: Settings, text: str | None = None) -> tuple[list[Promotion], list[Diagnostic]]:
    """load_file, keeping only the promotions with no broken field: what the evaluator
    (eval, cases, the playground) prices must be the promotion as written, not one with
    neutral defaults where its errors are (the checks are given those, see NEEDS)."""
    promos, findings = load_file(name, settings, text)
    return [p for p in promos if not p.broken], findings


def parse_text(name: str, text: str):
    if name.endswith(".promo") or name.lower().endswith(".promo"):
        from promolint.source.dsl.parse import load_dsl
        return load_dsl(text, name)
    from promolint.source.yaml.load import load_yaml
    return load_yaml(text, name)
