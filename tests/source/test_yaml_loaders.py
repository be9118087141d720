"""The one-pass YAML loader: libyaml and pure Python agree, and so do its two builders.

load_yaml builds Documents straight from parser events, and hands a file with anchors,
aliases or merge keys to PyYAML's composer and a node builder instead. Generated YAML
(block and flow styles, YAML 1.1 spellings, tags, quoted strings, duplicate keys,
aliases and merge keys) must give the same Documents and findings either way.
"""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.core.document import Span
from promolint.source.yaml import events as yamlevents
from promolint.source.yaml import load as yamlload
from promolint.source.yaml.values import mark_span

PROPS = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
needs_libyaml = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"),
                                   reason="PyYAML built without libyaml")

SPELLINGS = ["1", "017", "1_000", "9.90", "-0", "1e3", "+12", "1.0e+400", "0x1F", ".inf",
             "true", "False", "on", "no", "~", "null", "'x'", '"y z"', '"a\\tb"', "2026-11-11",
             "2026-11-11T00:00:00+08:00", "!!str 5", "!!int x", "!!float 1.5", "!custom a",
             "! 12", "a b", "'<<'", "=", "-", "http://x/#frag", "价格"]
KEYS = ["a", "b", "c", "id", "1", "true", "'q'", '"r s"', "~"]
BASE = "base: &b {x: 1, y: 017}\n"

scalars = st.sampled_from(SPELLINGS).map(lambda text: ("scalar", text))


def _collections(children):
    styles = st.sampled_from(["block", "flow"])
    maps = st.builds(lambda style, items: ("map", style, items), styles,
                     st.lists(st.tuples(st.sampled_from(KEYS), children), max_size=4))
    seqs = st.builds(lambda style, items: ("seq", style, items), styles,
                     st.lists(children, max_size=4))
    return maps | seqs


trees = st.recursive(scalars, _collections, max_leaves=12)
roots = st.lists(st.tuples(st.sampled_from(KEYS), trees), min_size=1, max_size=6)


def _flow(node) -> str:
    if node[0] == "scalar":
        return node[1] if node[1] not in ("-", "=") else "'-'"
    if node[0] == "seq":
        return "[" + ", ".join(_flow(item) for item in node[2]) + "]"
    return "{" + ", ".join(f"{key}: {_flow(value)}" for key, value in node[2]) + "}"


def _child(node, indent: int) -> str:
    if node[0] == "scalar" or node[1] == "flow" or not node[2]:
        return " " + _flow(node)
    return "\n" + _block(node, indent)


def _block(node, indent: int) -> str:
    pad = " " * indent
    if node[0] == "seq":
        return "\n".join(f"{pad}-{_child(item, indent + 2)}" for item in node[2])
    return "\n".join(f"{pad}{key}:{_child(value, indent + 2)}" for key, value in node[2])


def render(items) -> str:
    return _block(("map", "block", items), 0) + "\n"


def snapshot(text: str, loader: type) -> tuple:
    """Everything load_yaml gives, with dict order, under one loader."""
    saved = yamlload.Loader
    yamlload.Loader = loader
    try:
        docs, findings = yamlload.load_yaml(text, "x.promo.yaml")
    finally:
        yamlload.Loader = saved
    return ([(d.index, repr(d.data), list(d.spans.items()), list(d.key_spans.items()),
              list(d.text_offsets.items())) for d in docs], findings)


@needs_libyaml
@PROPS
@given(roots)
def test_libyaml_and_pure_python_agree(items):
    text = render(items)
    assert snapshot(text, yaml.CSafeLoader) == snapshot(text, yaml.SafeLoader)


@needs_libyaml
@PROPS
@given(roots, st.lists(st.sampled_from(["*b", "<<"]), min_size=1, max_size=4), st.randoms())
def test_both_loaders_agree_on_aliases_and_merge_keys(items, uses, rnd):
    for use in uses:  # an alias as a value, or `<<: *b` as a key
        at = rnd.randrange(len(items))
        items.insert(at, ("<<", ("scalar", "*b")) if use == "<<" else (items[at][0], ("scalar", "*b")))
    text = BASE + render(items)
    assert snapshot(text, yaml.CSafeLoader) == snapshot(text, yaml.SafeLoader)


@PROPS
@given(roots, st.sampled_from(["C", "python"]))
def test_one_pass_builder_agrees_with_the_composed_one(items, which):
    """An unused anchor sends a file to the composer: all else must stay the same."""
    loader = yaml.SafeLoader if which == "python" else getattr(yaml, "CSafeLoader",
                                                                yaml.SafeLoader)
    text = render(items)
    plain_docs, plain_findings = snapshot(text, loader)
    composed_docs, composed_findings = snapshot(text + "zz: &zz 0\n", loader)
    assert composed_findings == plain_findings

    def without_zz(doc):
        index, data, spans, key_spans, offsets = doc
        data = data.replace(", 'zz': Decimal('0')}", "}").replace("{'zz': Decimal('0')}", "{}")
        return (index, data, [s for s in spans if s[0] not in ((), ("zz",))],
                [s for s in key_spans if s[0] != ("zz",)], offsets)
    assert [without_zz(d) for d in composed_docs] == [without_zz(d) for d in plain_docs]


def test_generated_text_parses():
    items = [("a", ("map", "block", [("b", ("seq", "block", [("scalar", "017")]))])),
             ("c", ("seq", "flow", [("scalar", "'x'"), ("scalar", "on")]))]
    assert render(items) == "a:\n  b:\n    - 017\nc: ['x', on]\n"
    docs, findings = yamlload.load_yaml(render(items), "x.promo.yaml")
    assert docs[0].data == {"a": {"b": ["017"]}, "c": ["x", "on"]}
    assert [(f.message_id, f.span.line, f.span.column) for f in findings] == [
        ("yaml-number", 3, 7)]


def test_mark_span_is_an_ordinary_span():
    class Mark:
        def __init__(self, line: int, column: int):
            self.line, self.column = line, column
    span = mark_span(Mark(0, 4), Mark(2, 0))
    expected = Span(1, 5, 3, 1)
    assert span == expected and hash(span) == hash(expected) and repr(span) == repr(expected)
    assert span.shift(Span(1, 2)) == expected.shift(Span(1, 2))


@pytest.mark.parametrize("loader", ["C", "python"])
def test_a_mapping_merged_into_itself_is_a_recursive_alias(loader, monkeypatch):
    if loader == "python":
        monkeypatch.setattr(yamlload, "Loader", yaml.SafeLoader)
    docs, findings = yamlload.load_yaml("x: {<<: &s {<<: *s}}\n", "x.promo.yaml")
    assert docs == []
    assert [(f.message_id, f.span.line, f.span.column) for f in findings] == [
        ("yaml-recursive-alias", 1, 9)]


@pytest.mark.parametrize("text, composed", [
    ("a: 1\nb: [x, {c: d}]\n", False), ("a: &x 1\n", True), ("a: *x\n", True),
    ("a: {<<: {b: 1}}\n", True), ("a: {'<<': {b: 1}}\n", False), ("? !!merge [k]\n: v\n", True)])
def test_only_anchors_aliases_and_merge_keys_are_composed(text, composed):
    scan, builder = yamlevents.read(text, "x", yaml.SafeLoader, yamlload.MAX_EXPANSIONS)
    assert builder.composed is composed
