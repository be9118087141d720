"""Every finding links to its rule's page: docs/rules/<name>.md, generated from rules/
(checked in sync here, like the README's rules table), named by SARIF's helpUri, the
language server's codeDescription.href and `rules --format json`."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from promolint.cli import main
from promolint.core.diagnostics import make
from promolint.core.document import Span
from promolint.report.catalog import doc_url, rules
from promolint.report.explain import rule_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "rules"


def test_each_rule_has_its_generated_page_and_no_other_page_exists():
    assert {p.stem for p in PAGES.glob("*.md")} == set(rules())
    stale = [r.name for r in rules().values()
             if (PAGES / f"{r.name}.md").read_text("utf-8") != rule_page(r)]
    assert stale == [], "run `python -m promolint.report.explain docs/rules`"


def test_the_url_names_the_page_in_the_repository():
    for name in rules():
        assert doc_url(name).endswith(f"/docs/rules/{name}.md")


def test_sarif_rules_carry_help_uri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.promo.yaml").write_text("apiVersion: promolint/v1\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "sarif", "a.promo.yaml"])
    described = done.stdout and json.loads(done.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert described and all(r["helpUri"] == doc_url(r["id"]) for r in described)


def test_lsp_diagnostic_links_to_the_rule():
    from lsprotocol import types as lsp
    from pygls.workspace import PositionCodec

    from promolint.lsp import convert
    diag = make("a.promo.yaml", Span(1, 1, 1, 2), "syntax", "keyboard-tab")
    shown = convert.diagnostic(diag, ["\tx"], PositionCodec(lsp.PositionEncodingKind.Utf16), "en")
    assert shown.code_description.href == doc_url("syntax")


def test_rules_as_json():
    done = CliRunner().invoke(main, ["rules", "--format", "json"])
    table = json.loads(done.stdout)
    assert [r["name"] for r in table] == list(rules())
    by_name = {r["name"]: r for r in table}
    assert by_name["syntax"]["fixable"] == "safe" and by_name["inverted-threshold"]["fixable"] == "unsafe"
    assert by_name["below-market"]["url"] == doc_url("below-market")
    assert by_name["inverted-threshold"]["summary"]["zh"] != by_name["inverted-threshold"]["summary"]["en"]
