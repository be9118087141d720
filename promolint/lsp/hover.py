"""Hovers: a rule (its name or code, or a finding under the cursor), an audience field,
a promotion key or an enumerated value, a SKU's market price.

Hovers are Markdown. Text from the repository (a price list's SKU and category, a
config's field name) goes through `plain`: a category `![x](https://evil.example/p.png)`
would otherwise make the editor fetch that image on hover."""
from __future__ import annotations

import re
import string

from promolint.report import fielddocs
from promolint.report.catalog import lookup
from promolint.core.diagnostics import money
from promolint.lsp.where import Place, dsl_place, yaml_place
from promolint.expr.vocabulary import MEANINGS, TYPE_WORDS_ZH


def hover_text(lines: list[str], row: int, col: int, *, is_dsl: bool, ctx, findings,
               lang: str) -> str | None:
    """Markdown for the hover at 0-based (row, col), or None."""
    place = (dsl_place if is_dsl else yaml_place)(lines, row, col)
    word = place.word
    rule = lookup(word) if word else None
    if rule is not None:
        return rule_doc(rule, lang)
    if ctx is not None and word in ctx.settings.fields:
        return field_doc(word, ctx.settings.fields[word], lang)
    if ctx is not None and word in ctx.prices:
        return sku_doc(ctx.prices[word], lang)
    text = _key_doc(place, is_dsl, lang)
    if text:
        return text
    for diag in findings:  # the rule of a finding under the cursor
        if _covers(diag.span, row + 1, col + 1):
            found = lookup(diag.rule)
            if found is not None:
                return rule_doc(found, lang)
    return None


_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def plain(text) -> str:
    """`text` as Markdown that shows exactly it: every ASCII punctuation mark
    backslash-escaped (CommonMark), so no image, link, HTML or emphasis; whitespace runs
    (a line break could start a block) as one space."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def rule_doc(rule, lang: str) -> str:
    """What the rule checks, why it costs money, how to fix it (the catalog's words)."""
    if lang == "zh":
        head = f"**{rule.code} {rule.name}**({_SEVERITY_ZH.get(rule.severity, rule.severity)})"
        return (f"{head}\n\n{rule.text('summary', 'zh')}\n\n**检查什么:**{rule.text('what', 'zh').strip()}"
                f"\n\n**为什么会亏钱:**{rule.text('why', 'zh').strip()}\n\n"
                f"**如何修复:**{rule.text('fix', 'zh').strip()}")
    return (f"**{rule.code} {rule.name}** ({rule.severity})\n\n{rule.summary}\n\n"
            f"**What it does:** {rule.what.strip()}\n\n**Why is this bad?** {rule.why.strip()}\n\n"
            f"**How to fix:** {rule.fix.strip()}")


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def field_doc(name: str, kind: str, lang: str) -> str:
    meaning = MEANINGS.get(name)
    if lang == "zh":
        text = meaning[1] if meaning else "在 promolint.toml 的 fields 中定义的字段"
        return f"**{plain(name)}**({TYPE_WORDS_ZH.get(kind, kind)}):{text}"
    text = meaning[0] if meaning else "a field defined in promolint.toml `fields`"
    return f"**{plain(name)}** ({kind}): {text}"


def sku_doc(price, lang: str) -> str:
    amount = f"{money(price.market_price)} {plain(price.currency)}"
    sku, category = plain(price.sku), plain(price.category or "")
    if lang == "zh":
        where = f",类目 {category}" if category else ""
        return f"**{sku}**:市场价 {amount}{where}"
    where = f", category {category}" if category else ""
    return f"**{sku}**: market price {amount}{where}"


def _key_doc(place: Place, is_dsl: bool, lang: str) -> str | None:
    """A promotion key under the cursor, or an enumerated value."""
    if not place.word:
        return None
    key = _dsl_key(place) if is_dsl else (
        fielddocs.key_path((*place.path, place.word)) if place.key is None else None)
    text = fielddocs.describe(key, lang) if key else None
    if text:
        return f"**{key}**: {text}"
    field = value_field(place, is_dsl)
    meaning = fielddocs.VALUES.get(field or "", {}).get(place.word)
    if meaning:
        return f"**{place.word}**: {meaning[1] if lang == 'zh' else meaning[0]}"
    return None


def _dsl_key(place: Place) -> str | None:
    """The field a DSL word stands for: a line's keyword, or a clause word after it."""
    from promolint.source.dsl.parse import _FIELDS as CLAUSES
    if place.key is None:
        return place.word
    inner = CLAUSES.get(place.word.upper())
    if inner is None:
        return None
    return f"suppress[].{inner}" if place.key == "suppress" else f"{place.key}.{inner}"


def value_field(place: Place, is_dsl: bool) -> str | None:
    """The field whose value is under the cursor (campaign, benefit.type, ...)."""
    if place.key is None:
        return None
    if is_dsl:
        return "benefit.type" if place.key == "benefit" else place.key
    return fielddocs.key_path((*place.path, place.key))


def _covers(span, line: int, column: int) -> bool:
    end = (span.end_line or span.line, span.end_column or span.column + 1)
    return (span.line, span.column) <= (line, column) <= end
