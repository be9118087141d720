"""Output formats: a Report into text, json, sarif, junit, github or gitlab, chosen by name from this table."""
from __future__ import annotations

from importlib import import_module

FORMATS = {
    "text": "promolint.report.formats.text",
    "json": "promolint.report.formats.json_",
    "sarif": "promolint.report.formats.sarif",
    "junit": "promolint.report.formats.junit",
    "github": "promolint.report.formats.github",
    "gitlab": "promolint.report.formats.gitlab",
}


def render(name: str, report, lang: str = "en", **options) -> str:
    """Render `report` in the format `name`. Options a reporter does not use are ignored:
    colour (text), fail_on (junit), stale baseline entries (text, json)."""
    return import_module(FORMATS[name]).render(report, lang=lang, **options)
