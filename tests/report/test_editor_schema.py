"""`promolint schema`: every field explained, every closed set of values listed, and
validation as the linter's own schema (the YAML language server uses it without us)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from promolint.report.catalog import rules
from promolint.cli import main
from promolint.report.editor_schema import editor_schema
from promolint.schema.validate import schema_text

HAN = re.compile(r"[\u4e00-\u9fff]")
SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def fields(node: dict, where: str = ""):
    """(path, schema) of every property, in $defs, items and oneOf branches too."""
    for key, sub in node.get("properties", {}).items():
        yield f"{where}.{key}", sub
        yield from fields(sub, f"{where}.{key}")
        if isinstance(sub.get("items"), dict):
            yield from fields(sub["items"], f"{where}.{key}[]")
        for branch in sub.get("oneOf", []):
            yield from fields(branch, f"{where}.{key}")
    for name, sub in node.get("$defs", {}).items():
        yield from fields(sub, f"$defs.{name}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_field_has_a_title_and_a_description(lang):
    schema = editor_schema(lang)
    jsonschema.Draft202012Validator.check_schema(schema)
    found = list(fields(schema))
    assert len(found) > 45
    for where, node in found:
        assert node.get("title") and node.get("description"), where
        if lang == "zh":
            assert HAN.search(node["description"]), where


def test_closed_sets_are_listed_with_their_meaning():
    schema = editor_schema()
    props = schema["properties"]
    for node in (props["campaign"], schema["$defs"]["benefit"]["properties"]["type"],
                 props["stacking"]["oneOf"][0], props["suppress"]["items"]["properties"]["rule"]):
        assert len(node["enum"]) == len(node["enumDescriptions"]) >= 2
        assert all(node["enumDescriptions"])
    assert props["suppress"]["items"]["properties"]["rule"]["enum"] == list(rules())
    assert "user.is_first_order (bool)" in props["audience"]["description"]
    assert "inverted-threshold (PL101)" in schema["$defs"]["threshold_off"]["properties"][
        "threshold"]["description"]


def test_it_validates_as_the_linters_schema():
    plain = jsonschema.Draft202012Validator(json.loads(schema_text()))
    annotated = jsonschema.Draft202012Validator(editor_schema())
    documents = [d for f in sorted(SHOP.rglob("*.promo.yaml"))
                 for d in yaml.safe_load_all(f.read_text("utf-8"))]
    bad = {**documents[0], "campaign": "flash-sale"}
    for doc in documents + [bad]:
        assert plain.is_valid(doc) == annotated.is_valid(doc)
    assert not annotated.is_valid(bad)


def test_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "promolint.toml").write_text('[fields]\n"user.vip_level" = "int"\n')
    out = CliRunner().invoke(main, ["schema"]).stdout
    assert "user.vip_level (int)" in json.loads(out)["properties"]["audience"]["description"]
    assert CliRunner().invoke(main, ["schema", "--plain"]).stdout == schema_text()
    assert HAN.search(CliRunner().invoke(main, ["schema", "--lang", "zh"]).stdout)
