"""Reporters turn a Report into text. Chosen by name from this table."""
from __future__ import annotations

from importlib import import_module

FORMATS = {
    "text": "promolint.reporters.text",
    "json": "promolint.reporters.json_",
    "sarif": "promolint.reporters.sarif",
    "junit": "promolint.reporters.junit",
    "github": "promolint.reporters.github",
    "gitlab": "promolint.reporters.gitlab",
}


def render(name: str, report, lang: str = "en", **options) -> str:
    """Render `report` in the format `name`. Options a reporter does not use are ignored:
    colour (text), fail_on (junit), stale baseline entries (text, json)."""
    return import_module(FORMATS[name]).render(report, lang=lang, **options)
