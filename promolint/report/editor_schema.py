"""The schema for editors (`promolint schema`): promotion.schema.json with a title and a
description on every field, and the allowed values (with what each means) on every field
that has a closed set, so the YAML language server completes and explains promotion files
without promolint running.

The words come from fielddocs (fields and values), the catalog (the rules that check a
field; rule names for `suppress[].rule`) and the vocabulary (the audience's fields).
Validation is unchanged but for `suppress[].rule`, which also lists the rule names.
"""
from __future__ import annotations

import json

from promolint.report import fielddocs


def editor_schema(lang: str = "en", fields: dict[str, str] | None = None) -> dict:
    """The annotated schema; `fields`: the audience vocabulary (default: the spec's)."""
    from promolint.schema.validate import schema_text
    schema = json.loads(schema_text())
    _annotate_object(schema, (), schema, lang)
    defs = schema["$defs"]
    _annotate_object(defs["benefit"], ("benefit",), schema, lang)
    for name, node in defs.items():
        if name != "benefit":
            _annotate_object(node, ("benefit",), schema, lang)
    _rules_enum(schema["properties"]["suppress"]["items"]["properties"]["rule"], lang)
    _audience(schema["properties"]["audience"], fields, lang)
    return schema


def editor_schema_text(lang: str = "en", fields: dict[str, str] | None = None) -> str:
    return json.dumps(editor_schema(lang, fields), ensure_ascii=False, indent=2) + "\n"


def _annotate_object(node: dict, path: tuple, root: dict, lang: str) -> None:
    for key, sub in node.get("properties", {}).items():
        here = (*path, key)
        name = fielddocs.key_path(here)
        sub["title"] = name
        text = fielddocs.describe(name, lang)
        if text:
            sub["description"] = text
        _enum(sub, name, lang)
        _annotate_object(sub, here, root, lang)
        if isinstance(sub.get("items"), dict):
            _annotate_object(sub["items"], (*here, 0), root, lang)
        for branch in sub.get("oneOf", []):
            _enum(branch, name, lang)
            _annotate_object(branch, here, root, lang)


def _enum(node: dict, name: str, lang: str) -> None:
    """Value descriptions beside an enum (VS Code and the YAML language server show them)."""
    values = fielddocs.VALUES.get(name)
    if not values or ("enum" not in node and "const" not in node):
        return
    allowed = node.get("enum", [node.get("const")])
    node["enumDescriptions"] = [_pick(values.get(v, ("", "")), lang) for v in allowed]
    node["markdownEnumDescriptions"] = list(node["enumDescriptions"])


def _rules_enum(node: dict, lang: str) -> None:
    from promolint.report.catalog import rules
    table = list(rules().values())
    node["enum"] = [r.name for r in table]
    node["enumDescriptions"] = [
        f"{r.code}: {r.summary_zh if lang == 'zh' and r.summary_zh else r.summary}" for r in table]
    node["markdownEnumDescriptions"] = list(node["enumDescriptions"])


def _audience(node: dict, fields: dict[str, str] | None, lang: str) -> None:
    """The audience's description lists the vocabulary: each field, its type, its meaning."""
    from promolint.core.config import DEFAULT_FIELDS
    from promolint.expr.vocabulary import MEANINGS, TYPE_WORDS_ZH
    rows = []
    for name, kind in sorted((fields or DEFAULT_FIELDS).items()):
        meaning = _pick(MEANINGS[name], lang) if name in MEANINGS else ""
        kind = TYPE_WORDS_ZH.get(kind, kind) if lang == "zh" else kind
        rows.append(f"{name} ({kind})" + (f": {meaning}" if meaning else ""))
    head = "字段:" if lang == "zh" else "Fields: "
    node["description"] = node.get("description", "") + "\n" + head + "; ".join(rows)
    node["markdownDescription"] = node["description"].split("\n")[0] + "\n\n" + "\n".join(
        f"- `{row.split(' ', 1)[0]}` {row.split(' ', 1)[1]}" for row in rows)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]
