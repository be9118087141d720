"""promolint/source/dsl/_parser.py holds the DSL's parse tables generated from grammar/promo.lark
(and the expr.lark it imports): it must be up to date, parse exactly as Lark built from
the grammar does, and never leave a pickle in a shared folder (issue 12)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.expr import gen as expr_gen
from promolint.source.dsl import _parser as _dsl_parser
from tests.strategies import dsl_text, promotion_files
from tests.expr.test_expr_gen import _outcome
from tests.source.test_props_parsers import mutated

STALE = "promolint/source/dsl/_parser.py is stale: run `python -m promolint.expr.gen`"
EXAMPLES = sorted(Path(__file__).parents[2].glob("examples/**/*.promo"))


@pytest.fixture(scope="module")
def lark_parser():
    return expr_gen.dsl_lark()


def test_generated_from_the_current_grammars():
    assert _dsl_parser.GRAMMAR_SHA256 == expr_gen.dsl_digest(), STALE


CASES = ['promotion a "A" { currency CNY }', 'promotion a "A" { benefit spend 1 save }',
         'promotion a "A" { audience user.tier in [ }', 'promotion a "A" {', "}", "",
         'promotion a "A" { scope skus [X, Y,] limits per_user 1 } # c']


@pytest.mark.parametrize("text", CASES + [p.read_text() for p in EXAMPLES])
def test_same_trees_and_errors_as_lark(lark_parser, text):
    assert _outcome(_dsl_parser.Lark_StandAlone(), text) == _outcome(lark_parser, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(promotion_files().map(dsl_text), mutated(promotion_files().map(dsl_text))))
def test_same_on_generated_files(lark_parser, text):
    assert _outcome(_dsl_parser.Lark_StandAlone(), text) == _outcome(lark_parser, text)


def test_linting_a_promo_file_writes_nothing_to_the_temp_folder(tmp_path):
    """Lark's cache=True wrote /tmp/.lark_cache_*.tmp and unpickled whatever was there."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PROMOLINT_CACHE_DIR": str(tmp_path / "c")}
    done = subprocess.run([sys.executable, "-m", "promolint", "check", str(EXAMPLES[0])],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    assert list(temp.iterdir()) == []
