"""Property: no text makes a parser raise; bad text is a finding (or ExprSyntaxError).

Random text, and valid YAML/DSL documents mutated by insertions, deletions and
truncations, go through load_dsl, load_yaml and expr.parse (and, for the loaders,
the whole load_file pipeline: schema and build must cope with whatever parses).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.core.config import Settings
from promolint.core.diagnostics import Diagnostic
from promolint.expr import syntax as expr
from promolint.run.load import load_file
from promolint.source.dsl.parse import load_dsl
from promolint.source.yaml.load import load_yaml
from tests.strategies import audiences, dsl_text, promotion, yaml_text

PROPS = settings(max_examples=100, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Characters that matter to the grammars, plus anything at all.
_SPECIAL = st.sampled_from(list('{}[]()"\',.:#%-+\n\t !=<>') + ["..", "promotion ", "benefit ",
                                                                 "audience ", "---\n", "&a ", "*a",
                                                                 "not ", " in ", "\\"])
noise = st.lists(st.one_of(_SPECIAL, st.text(max_size=3)), max_size=40).map("".join)


@st.composite
def mutated(draw, source: st.SearchStrategy[str]) -> str:
    """A valid text with random insertions, deletions and a possible truncation."""
    text = draw(source)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "truncate"]))
        if action == "insert":
            text = text[:at] + draw(noise) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)):]
        else:
            text = text[:at]
    return text


dsl_sources = st.lists(promotion(), min_size=1, max_size=2).map(dsl_text)
yaml_sources = st.lists(promotion(), min_size=1, max_size=2).map(yaml_text)


def assert_findings_only(name: str, text: str) -> None:
    loader = load_dsl if name.endswith(".promo") else load_yaml
    documents, findings = loader(text, name)
    assert all(isinstance(f, Diagnostic) for f in findings)
    promos, findings = load_file(name, Settings(), text)
    assert all(isinstance(f, Diagnostic) for f in findings)


@PROPS
@given(st.one_of(st.text(), noise))
def test_random_text_never_raises(text):
    assert_findings_only("r.promo", text)
    assert_findings_only("r.promo.yaml", text)


@PROPS
@given(mutated(dsl_sources))
def test_mutated_dsl_never_raises(text):
    assert_findings_only("m.promo", text)


@PROPS
@given(mutated(yaml_sources))
def test_mutated_yaml_never_raises(text):
    assert_findings_only("m.promo.yaml", text)


@PROPS
@given(st.one_of(st.text(), noise, mutated(audiences)))
def test_expressions_parse_or_raise_expr_syntax_error(text):
    try:
        expr.parse(text)
    except expr.ExprSyntaxError as err:
        assert err.span.line >= 1 and err.span.column >= 1


def test_deeply_nested_text_is_a_finding():
    for text in ("[" * 5_000, "(" * 5_000, "{" * 5_000):
        assert_findings_only("d.promo", 'promotion a "b" {\n  audience ' + text)
        assert_findings_only("d.promo.yaml", "a: " + text)
        try:
            expr.parse(text[:10_000])
        except expr.ExprSyntaxError:
            pass


def test_oversized_dsl_block_is_refused_without_parsing():
    from promolint.source.dsl.parse import MAX_BLOCK_CHARS
    text = 'promotion a "b" {\n  audience ' + "(" * MAX_BLOCK_CHARS + "\n}\n"
    docs, findings = load_dsl(text + 'promotion c "d" { currency CNY }\n', "big.promo")
    assert [d.data["id"] for d in docs] == ["c"]
    assert [(f.message_id, f.line) for f in findings] == [("dsl-block-too-large", 1)]
