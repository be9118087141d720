"""Render a Diagnostic's message in a language, from the catalog's templates."""
from __future__ import annotations

import os

from promolint.catalog import messages
from promolint.diagnostics import Diagnostic


def pick_lang(explicit: str | None = None) -> str:
    """--lang wins, then LC_ALL / LANG (zh_CN.UTF-8 -> zh), else English."""
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def render(diag: Diagnostic, lang: str = "en") -> str:
    templates = messages().get(diag.message_id)
    if not templates:
        return f"{diag.message_id}: {dict(diag.args)}"
    template = templates.get(lang) or templates.get("en") or next(iter(templates.values()))
    args = dict(diag.args)
    try:
        return template.format(**args).strip()
    except (KeyError, IndexError, ValueError):
        return f"{diag.message_id}: {args}"


