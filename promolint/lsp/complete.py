"""Completions: keys (from the JSON Schema), benefit types, campaigns and other
enumerated values, audience fields (the vocabulary and config), SKUs and categories
(the price list), rule names in suppressions, promotion ids in stacking.with."""
from __future__ import annotations

import json
from functools import lru_cache

from lsprotocol import types as lsp

from promolint.report import fielddocs
from promolint.lsp.hover import value_field
from promolint.lsp.where import KEY, KEYWORDS, Place, dsl_place, yaml_place
from promolint.expr.vocabulary import MEANINGS

Item = tuple[str, str, lsp.CompletionItemKind]  # label, documentation, kind


def items(lines: list[str], row: int, col: int, *, is_dsl: bool, ctx, ids, lang: str) -> list[Item]:
    """What may be typed at 0-based (row, col)."""
    place = (dsl_place if is_dsl else yaml_place)(lines, row, col)
    if is_dsl:
        if place.key is None:
            return [(k, _doc(k, lang), lsp.CompletionItemKind.Keyword) for k in KEYWORDS]
        return _values(_dsl_field(place), ctx, ids, lang)
    if place.key is None and place.path and place.path[-1] == "[]":
        return _values(".".join(place.path[:-1]) + "[]", ctx, ids, lang) or _keys(place, lang, {})
    if place.key is None and place.path[-1:] == ("audience",):
        return _values("audience", ctx, ids, lang)  # inside a block scalar
    if place.key is None:
        return _keys(place, lang, _siblings(lines, row, col))
    return _values(value_field(place, False), ctx, ids, lang)


def _dsl_field(place: Place) -> str:
    if place.key == "scope":
        return "scope"
    if place.key == "stacking":
        return "stacking.dsl"
    return value_field(place, True) or ""


def _keys(place: Place, lang: str, present: dict[str, str]) -> list[Item]:
    """The keys the schema allows here, less those the mapping has; in `benefit`, those of
    its type when the type is written."""
    path = tuple(place.path)
    known = keys_at(path)
    kind = present.get("type", "").strip("'\"")
    if path == ("benefit",) and kind in _schema()["$defs"] and kind != "benefit":
        known = list(_schema()["$defs"][kind].get("properties", {}))
    return [(key, _doc(fielddocs.key_path((*path, key)), lang), lsp.CompletionItemKind.Property)
            for key in known if key not in present]


def _siblings(lines: list[str], row: int, col: int) -> dict[str, str]:
    """key -> value text of the other lines of the block mapping the cursor's line is in
    (at its indentation; a list item's mapping is not followed)."""
    text = lines[row] if 0 <= row < len(lines) else ""
    indent = len(text) - len(text.lstrip(" ")) if text.strip() else col
    out: dict[str, str] = {}
    for step in (-1, 1):
        other = row + step
        while 0 <= other < len(lines):
            line = lines[other]
            other += step
            body = line.lstrip(" ")
            if not body or body.startswith("#"):
                continue
            depth = len(line) - len(body)
            if depth < indent or (depth == indent and body.startswith("-")):
                break
            found = KEY.match(body) if depth == indent else None
            if found:
                out[found.group(1)] = body[found.end():].split("#")[0].strip()
    return out


def _doc(key: str, lang: str) -> str:
    return fielddocs.describe(key, lang) or ""


def _values(field: str | None, ctx, ids, lang: str) -> list[Item]:
    value = lsp.CompletionItemKind.Value
    if field in fielddocs.VALUES:
        return [(v, m[1] if lang == "zh" else m[0], lsp.CompletionItemKind.EnumMember)
                for v, m in fielddocs.VALUES[field].items()]
    if field == "stacking.dsl":
        return _values("stacking", ctx, ids, lang) + [("with", _doc("stacking.with", lang), value)]
    if field == "audience" and ctx is not None:
        return [(name, _field_doc(name, kind, lang), lsp.CompletionItemKind.Field)
                for name, kind in sorted(ctx.settings.fields.items())]
    if ctx is not None and field in ("scope.skus", "scope.skus[]", "scope.exclude_skus",
                                     "scope.exclude_skus[]", "scope"):
        out = [(p.sku, f"{p.market_price} {p.currency}" + (f" · {p.category}" if p.category else ""),
                value) for p in sorted(ctx.prices.values(), key=lambda p: p.sku)]
        if field == "scope":
            out += _categories(ctx)
        return out
    if ctx is not None and field in ("scope.categories", "scope.categories[]"):
        return _categories(ctx)
    if field in ("suppress[].rule",):
        from promolint.report.catalog import rules
        return [(r.name, f"{r.code}: {r.summary_zh if lang == 'zh' and r.summary_zh else r.summary}",
                 value) for r in rules().values()]
    if field in ("stacking.with", "stacking.with[]"):
        return [(i, "", lsp.CompletionItemKind.Reference) for i in sorted(set(ids))]
    return []


def _categories(ctx) -> list[Item]:
    names = sorted({p.category for p in ctx.prices.values() if p.category})
    return [(n, "", lsp.CompletionItemKind.Module) for n in names]


def _field_doc(name: str, kind: str, lang: str) -> str:
    meaning = MEANINGS.get(name)
    text = (meaning[1] if lang == "zh" else meaning[0]) if meaning else ""
    return f"{kind}: {text}" if text else kind


@lru_cache(maxsize=1)
def _schema() -> dict:
    from promolint.schema.validate import schema_text
    return json.loads(schema_text())


def keys_at(path: tuple) -> list[str]:
    """The keys the schema allows in the mapping at `path` (benefit: every type's)."""
    nodes = [_schema()]
    for part in path:
        nodes = [n for node in nodes for n in _children(node, part)]
    seen: dict[str, None] = {}
    for node in nodes:
        for sub in _alternatives(node):
            seen.update(dict.fromkeys(sub.get("properties", {})))
    return list(seen)


def _alternatives(node: dict) -> list[dict]:
    """A node with its $ref resolved, and the branches of its allOf/oneOf/then."""
    node = _resolve(node)
    out = [node]
    for word in ("allOf", "oneOf", "anyOf"):
        for branch in node.get(word, []):
            out += _alternatives(branch.get("then", branch))
    return out


def _resolve(node: dict) -> dict:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return _schema()["$defs"][ref.split("/")[-1]]
    return node


def _children(node: dict, part: str) -> list[dict]:
    out = []
    for sub in _alternatives(node):
        if part == "[]" and "items" in sub:
            out.append(sub["items"])
        elif part in sub.get("properties", {}):
            out.append(sub["properties"][part])
    return out
