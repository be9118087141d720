"""Reporters turn a Report into text. Chosen by name from this table."""
from __future__ import annotations

from importlib import import_module

FORMATS = {
    "text": "promolint.reporters.text",
    "json": "promolint.reporters.json_",
}


def render(name: str, report, lang: str = "en", **options) -> str:
    """Render `report` in the format `name`."""
    return import_module(FORMATS[name]).render(report, lang=lang, **options)
