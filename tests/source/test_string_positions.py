"""Issue 11, part 4: positions inside YAML strings that fold lines or hold escapes.

A finding inside an audience written as a folded (`>-`) or literal (`|`) block, a plain
or quoted string over several lines, or a string with escapes (`\\"`, `''`) points at
the offending text in the file (promolint.source.yaml.positions).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.core.config import Settings
from promolint.run.load import load_file
from promolint.run.workers import per_promotion
from promolint.checks import Context

HEAD = """apiVersion: promolint/v1
kind: Promotion
id: p1
name: "x"
currency: CNY
window: {start: "2026-11-11T00:00:00+08:00", end: "2026-11-12T00:00:00+08:00"}
"""
TAIL = "benefit: {type: percent_off, percent: 10}\nlimits: {total: 10, per_user: 1}\n"
GOOD = ["user.tier == 'gold'", "not user.blocked", "user.order_count >= 2",
        "user.region in ['sh', 'bj']", "cart.subtotal > 99.5"]
BAD = "user.teir == 'x'"


def findings(text: str, rule: str):
    promos, found = load_file("a.promo.yaml", Settings(), text)
    found += per_promotion(promos, Context(settings=Settings()))
    return [f for f in found if f.rule == rule]


def at(text: str, finding) -> str:
    line = text.split("\n")[finding.line - 1]
    return line[finding.column - 1:]


def render(style: str, parts: list[str], breaks: list[bool], deeper: list[bool]) -> str:
    """`parts` joined by `and`, a line break after part i when breaks[i], in `style`."""
    def quoted(part: str) -> str:
        if style == "double":
            return part.replace("'", '\\"')
        if style == "single":
            return part.replace("'", "''")
        return part
    pieces = [quoted(p) for p in parts]
    if style in ("folded", "literal"):
        lines, current = [], pieces[0]
        for piece, brk, more in zip(pieces[1:], breaks, deeper):
            if brk:
                lines.append(current)
                current = ("  " if more and style == "literal" else "") + "and " + piece
            else:
                current += " and " + piece
        lines.append(current)
        head = ">-" if style == "folded" else "|"
        return f"audience: {head}\n" + "".join(f"  {line}\n" for line in lines)
    text = pieces[0]
    for piece, brk, more in zip(pieces[1:], breaks, deeper):
        if brk:
            escaped = style == "double" and more
            text += (" \\" if escaped else "") + "\n" + ("    " if more else "  ") + "and " + piece
        else:
            text += " and " + piece
    quote = {"double": '"', "single": "'"}.get(style, "")
    return f"audience: {quote}{text}{quote}\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(style=st.sampled_from(["folded", "literal", "plain", "double", "single"]),
       parts=st.lists(st.sampled_from(GOOD), min_size=1, max_size=5),
       where=st.integers(0, 5), data=st.data())
def test_unknown_field_points_at_its_text_whatever_the_string_style(style, parts, where, data):
    parts = parts[:where] + [BAD] + parts[where:]
    breaks = data.draw(st.lists(st.booleans(), min_size=len(parts) - 1, max_size=len(parts) - 1))
    deeper = data.draw(st.lists(st.booleans(), min_size=len(parts) - 1, max_size=len(parts) - 1))
    text = HEAD + render(style, parts, breaks, deeper) + TAIL
    found = findings(text, "unknown-field")
    assert len(found) == 1, text
    assert at(text, found[0]).startswith("user.teir"), (text, found[0].line, found[0].column)


def test_syntax_error_inside_a_folded_block_points_at_the_token():
    text = HEAD + "audience: >-\n  user.tier == 'gold'\n    and and user.blocked\n" + TAIL
    found = findings(text, "syntax")
    # the parser notices at the operand after the second `and`
    assert [(f.line, f.column) for f in found] == [(9, 13)]
    assert at(text, found[0]).startswith("user.blocked")


def test_escapes_in_a_double_quoted_audience():
    text = HEAD + 'audience: "user.tier == \\"gold\\" and user.teir == \\u0027x\\u0027"\n' + TAIL
    found = findings(text, "unknown-field")
    assert at(text, found[0]).startswith("user.teir")


def test_one_line_strings_keep_the_fast_constant_shift():
    from promolint.core.document import TextMap
    for audience in ("user.teir == 'x'", '"user.teir == \'x\'"', "'user.teir == \"x\"'"):
        promos, _ = load_file("a.promo.yaml", Settings(), HEAD + f"audience: {audience}\n" + TAIL)
        assert not isinstance(promos[0].source.text_span(("audience",)), TextMap)
        found = findings(HEAD + f"audience: {audience}\n" + TAIL, "unknown-field")
        assert (found[0].line, found[0].column) in ((7, 11), (7, 12))


def test_anchored_document_places_folded_text_too():
    """Files with anchors go through the composer: the same positions."""
    text = HEAD.replace("currency: CNY", "currency: &c CNY") + \
        "owner: *c\naudience: >-\n  user.tier == 'gold'\n  and user.teir == 'x'\n" + TAIL
    found = findings(text, "unknown-field")
    assert at(text, found[0]).startswith("user.teir")
