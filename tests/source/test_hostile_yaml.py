"""Hostile and surprising YAML: every case is a precise finding, fast, never executed."""
from __future__ import annotations

import time
import tracemalloc

import pytest
import yaml

from promolint.core.config import Settings
from promolint.core.document import Span
from promolint.run.load import load_file
from promolint.source.files import decode
from promolint.source.yaml import load as yamlload
from promolint.source.yaml import scan as yamlscan

GOOD = """apiVersion: promolint/v1
kind: Promotion
id: fine
name: Fine
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
benefit: {type: amount_off, amount: 5}
limits: {budget: 1000}
"""

BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))

HOSTILE = {
    "alias-bomb": BOMB,
    "deep-flow": "[" * 100_000,
    "deep-flow-closed": "[" * 100_000 + "]" * 100_000,
    "deep-flow-map": "{a: " * 100_000 + "1" + "}" * 100_000,
    "deep-dash": "- " * 100_000 + "x\n",
    "deep-question": "? " * 100_000 + "x\n",
    "deep-block": "".join(" " * i + "a:\n" for i in range(300)),
    "recursive-alias": "&a [*a]\n",
    "recursive-merge": "&a {<<: *a}\n",
    "python-tag": "!!python/object/apply:os.system ['true']\n",
    "glued-comment": 'key: "value"# comment\n',
    "flow-outdent": "key: [a,\nb]\n",
}


def load(text: str):
    docs, findings = yamlload.load_yaml(text, "x.promo.yaml")
    return docs, [(f.rule, f.message_id, f.span.line, f.span.column) for f in findings]


def ids(text: str) -> set[str]:
    return {f[1] for f in load(text)[1]}


@pytest.fixture(params=["C", "python"])
def loader(request, monkeypatch):
    """Run the test with libyaml and with the pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(yamlload, "Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    return request.param


def test_alias_bomb_refused_quickly_in_bounded_memory(loader):
    tracemalloc.start()
    started = time.perf_counter()
    docs, findings = load(BOMB)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ("syntax", "yaml-too-many-nodes") in {f[:2] for f in findings}
    assert docs == []
    assert elapsed < 5 and peak < 200 * 2**20  # generous: bench/hostile_bench.py measures


@pytest.mark.parametrize("name", ["deep-flow", "deep-flow-closed", "deep-flow-map",
                                  "deep-dash", "deep-question", "deep-block"])
def test_deep_nesting_is_a_finding(name, loader):
    docs, findings = load(HOSTILE[name])
    assert [f[:2] for f in findings] == [("syntax", "yaml-too-deep")]
    assert docs == []


def test_deep_nesting_points_at_the_level_past_the_limit(loader):
    assert load("[" * 100_000)[1] == [("syntax", "yaml-too-deep", 1, yamlscan.MAX_DEPTH + 1)]


def test_nesting_at_the_limit_still_loads(loader):
    depth = yamlscan.MAX_DEPTH - 1
    docs, findings = load("[" * depth + "]" * depth)
    assert not [f for f in findings if f[1] == "yaml-too-deep"]


@pytest.mark.parametrize("text", ["&a [*a]\n", "&a {<<: *a}\n", "&a {k: [*a]}\n"])
def test_recursive_alias_is_a_finding(text, loader):
    assert ("syntax", "yaml-recursive-alias") in {f[:2] for f in load(text)[1]}


def test_python_tags_are_refused_and_never_run(tmp_path, loader):
    target = tmp_path / "pwned"
    text = GOOD.replace("name: Fine", f"name: !!python/object/apply:os.mkdir ['{target}']")
    text += f"owner: !!python/object/new:pathlib.Path ['{target}']\n"
    docs, findings = load(text)
    assert not target.exists()
    tags = [f for f in findings if f[1] == "yaml-tag"]
    assert [(f[2], f[3]) for f in tags] == [(4, 7), (9, 8)]


@pytest.mark.parametrize("tag", ["!!binary aGk=", "!!set {a}", "!custom x", "!!omap [a: 1]"])
def test_non_core_tags_are_refused(tag, loader):
    assert "yaml-tag" in ids(f"key: {tag}\n")


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.promo.yaml"
    path.write_text(GOOD + "#" * 2000 + "\n")
    _, findings = load_file(str(path), Settings(max_file_bytes=1000))
    assert [(f.rule, f.message_id) for f in findings] == [("syntax", "file-too-large")]


@pytest.mark.parametrize("data, message_id, position", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file-binary", (1, 1)),
    (b"id: ok\nname: caf\xe9\n", "file-not-utf8", (2, 10)),
    ("id: ok\nname: 价\n".encode() + b"\xff", "file-not-utf8", (3, 1)),
])
def test_unreadable_bytes_are_located(data, message_id, position):
    text, finding = decode("x.promo.yaml", data)
    assert finding.message_id == message_id
    assert (finding.span.line, finding.span.column) == position


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_bom_files_read_as_their_text(encoding):
    text, finding = decode("x.promo.yaml", GOOD.encode(encoding))
    assert finding is None and text == GOOD


def test_crlf_positions_are_right(tmp_path, loader):
    path = tmp_path / "crlf.promo.yaml"
    path.write_bytes(GOOD.replace("amount: 5", "amount: 017").replace("\n", "\r\n").encode())
    _, findings = load_file(str(path), Settings())
    assert [(f.message_id, f.span.line, f.span.column) for f in findings] == [
        ("yaml-number", 7, 37)]  # one finding: not also schema's "must be a number" there


def test_control_character_is_located(loader):
    assert load("id: ok\nname: a\x07b\n")[1] == [("syntax", "yaml-character", 2, 8)]


def test_tab_indentation_is_a_syntax_finding(loader):
    docs, findings = load("window:\n\tstart: x\n")
    assert [f[:2] for f in findings] == [("syntax", "keyboard-tab")]  # at the tab itself
    assert findings[0][2:] == (2, 1)


def test_tab_after_a_colon_is_fine():
    docs, findings = load("id:\tok\n")  # libyaml; pure PyYAML refuses it (a syntax finding)
    assert findings == [] and docs[0].data == {"id": "ok"}


@pytest.mark.parametrize("spelling", ["017", "1_000", "1:20", ".inf", "-.inf", ".nan",
                                      "0x1F", "0b101", "1."])
def test_yaml11_numbers_are_refused_at_their_position(spelling, loader):
    assert load(f"amount: {spelling}\n")[1] == [("syntax", "yaml-number", 1, 9)]


@pytest.mark.parametrize("spelling", ["1.0e+400", "123456789012345678901234", "1.0e-30"])
def test_numbers_out_of_range_are_refused(spelling, loader):
    assert load(f"amount: {spelling}\n")[1] == [("syntax", "yaml-number-range", 1, 9)]


@pytest.mark.parametrize("spelling, value", [
    ("on", "on"), ("no", "no"), ("yes", "yes"), ("0o17", "0o17"), ("1e400", "1e400"),
    ("'017'", "017"), ("true", True), ("False", False), ("9.90", "9.90"), ("1e3", "1e3"),
    ("+12", "12"), ("2026-11-11", "2026-11-11"), ("~", None)])
def test_yaml11_surprises_keep_an_honest_value(spelling, value, loader):
    docs, findings = load(f"v: {spelling}\n")
    got = docs[0].data["v"]
    assert findings == []
    assert (str(got) if got is not None and not isinstance(got, bool) else got) == value


@pytest.mark.parametrize("spelling", ["on", "no", "0o17", "1e400"])
def test_surprises_give_a_schema_finding_where_the_type_matters(spelling, tmp_path):
    path = tmp_path / "x.promo.yaml"
    body = ("{type: threshold_off, threshold: 200, amount: 50, repeat: %s}" % spelling
            if spelling in ("on", "no") else "{type: amount_off, amount: %s}" % spelling)
    path.write_text(GOOD.replace("{type: amount_off, amount: 5}", body), encoding="utf-8")
    _, findings = load_file(str(path), Settings())
    assert [(f.rule, f.span.line) for f in findings] == [("schema", 7)]


@pytest.mark.parametrize("text, message_id, position", [
    ('key: "value"# c\n', "yaml-comment", (1, 13)),
    ("key: [a, b]#c\n", "yaml-comment", (1, 12)),
    ("key: [a,#c\n  b]\n", "yaml-comment", (1, 9)),
    ("key: >#c\n  x\n", "yaml-comment", (1, 7)),
    ("%YAML 1.1#c\n---\nx\n", "yaml-comment", (1, 10)),
    ("key: [a,\nb]\n", "yaml-indent", (2, 1)),
    ('key: "a\nb"\n', "yaml-indent", (2, 1)),
    ('key: "a\n\tb"\n', "yaml-indent", (2, 1)),
    ("a: 1\n%YAML 1.2\n---\nb\n", "yaml-directive", (2, 1)),
    ("[-]\n", "yaml-plain-indicator", (1, 2)),
    ("k: >\n \n  \n   \n # c\n", "yaml-block-indent", (4, 2)),
])
def test_yaml12_errors_pyyaml_accepts(text, message_id, position, loader):
    findings = load(text)[1]
    assert ("syntax", *position) in {(f[0], f[2], f[3]) for f in findings}
    if loader == "C":  # pure PyYAML refuses a few of these itself, at the same place
        assert (message_id, *position) in {f[1:] for f in findings}


@pytest.mark.parametrize("text", [
    "key: [a, b] # fine\n", "url: http://x/#frag\n", "k: a#b\n", "# c#d\nk: 1\n",
    "k: 'x#y'\n", "%TAG !e! tag:example.com,2000:app/\n---\nk: 1 # c#d\n",
    "k: [\n  a,\n  b\n ]\n", "? a\n  b\n: c\n", "- [a,\n  b]\n", "k: |\n  a#b\n",
    "k:\n  # c\n  - 1\n", "a: 1\n...\n%YAML 1.2\n---\nb\n"])
def test_valid_yaml_passes_the_strict_checks(text, loader):
    assert [f for f in load(text)[1] if f[0] == "syntax"] == []


def test_empty_and_comment_only_files_are_findings(tmp_path):
    for text in ("", "# only a comment\n", "\n\n"):
        path = tmp_path / "empty.promo.yaml"
        path.write_text(text)
        _, findings = load_file(str(path), Settings())
        assert [(f.rule, f.message_id) for f in findings] == [("syntax", "file-empty")]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_both_loaders_agree(name, monkeypatch):
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    fast = load(HOSTILE[name])[1]
    monkeypatch.setattr(yamlload, "Loader", yaml.SafeLoader)
    assert load(HOSTILE[name])[1] == fast


def test_many_documents_keep_their_own_positions_and_budget(loader):
    # Node ids are reused once a document's nodes are freed: caches keyed by id must not
    # leak across documents (that once gave wrong spans and a false alias bomb).
    doc = "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]\nb: x\n"
    docs, findings = load("---\n".join([doc] * 3000))
    assert findings == [] and len(docs) == 3000
    assert docs[2999].spans[("b",)].line == 2999 * 3 + 2


def test_too_many_documents_stop_reading(loader):
    docs, findings = load("--- 1\n" * (yamlload.MAX_DOCUMENTS + 10))
    assert [f[:2] for f in findings] == [("syntax", "too-many-promotions")]
    assert len(docs) == yamlload.MAX_DOCUMENTS


def test_more_aliases_than_the_budget_refused_before_composing(loader):
    text = "a: &a 1\nb: [" + "*a, " * (yamlload.MAX_EXPANSIONS + 1) + "]\n"
    assert [f[:2] for f in load(text)[1]] == [("syntax", "yaml-too-many-nodes")]


def test_trailing_document_marker_is_not_a_document(loader):
    docs, findings = load("a: 1\n---\n")
    assert findings == [] and len(docs) == 1


def test_aliases_copying_too_much_text_refused(loader):
    # Issue 21: the budget counted values, so 1,000 aliases of a 20 KB string were 1,000
    # "values" and 20 MB of text built.
    text = "name: &a " + "x" * 20_000 + "\nl: [" + "*a, " * 1_000 + "]\n"
    assert [f[:2] for f in load(text)[1]] == [("syntax", "yaml-too-much-text")]


def test_aliases_of_a_mapped_string_share_its_position_map(loader):
    # Issue 21: each alias of a string with escapes rebuilt its position map (~1.5 MB for
    # 20 KB): 1,000 aliases took 12 s and 1.5 GB. Under the budget, one map for all.
    text = 'name: &a "' + 'ab\\"' * 2_000 + '"\nl: [' + "*a, " * 400 + "]\n"
    [doc], findings = load(text)
    maps = {id(doc.text_offsets[("l", i)]) for i in range(400)}
    assert findings == [] and maps == {id(doc.text_offsets[("name",)])}
    assert doc.text_offsets[("l", 399)].shift(Span(1, 4)).column == 15  # after `a\"`: the file's
