"""What every shop adapter shares: the notes are bilingual, times and money exact."""
from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings, strategies as st

from promolint.audit import shops
from promolint.audit.shops import _common as c

CJK_ONLY_ASCII = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("name", shops.SHOPS)
def test_every_note_has_en_and_zh_with_the_same_placeholders(name):
    for note, text in shops.load(name).NOTES.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text[lang]) if f}
                  for lang in ("en", "zh")]
        assert fields[0] == fields[1], note
        # Chinese text carries no English words (column names and codes are placeholders).
        assert not CJK_ONLY_ASCII.findall(re.sub(r"\{\w+\}", "", text["zh"])), note


@pytest.mark.parametrize("name", shops.SHOPS)
def test_queries_only_read(name):
    module = shops.load(name)
    for sql in [*module.PROMOTION_QUERIES.values(), module.PRICE_QUERY]:
        assert sql.lstrip().upper().startswith("SELECT")
        assert not re.search(r"\b(INSERT|UPDATE|DELETE|REPLACE|DROP|ALTER|CREATE|LOCK)\b", sql)


def test_china_time_and_epoch_milliseconds():
    assert c.epoch_ms(1750608000000) == "2025-06-23T00:00:00+08:00"
    assert c.china("2021-01-02 00:00:00") == "2021-01-02T00:00:00+08:00"
    assert c.epoch_ms(0) is None and c.china(None) is None


@settings(max_examples=50, deadline=None)
@given(st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False))
def test_money_survives_the_json_text_digit_for_digit(amount):
    text = c.dumps({"price": c.money(amount)})
    assert text == '{"price":%s}' % format(amount, "f")


def test_a_float_money_column_is_refused():
    with pytest.raises(TypeError):
        c.money(9.9)


def test_id_lists_comma_or_json():
    assert c.id_list(" 1, 2,,3 ") == ["1", "2", "3"]
    assert c.id_list("[1006002, 1181000]") == ["1006002", "1181000"]
    assert c.id_list(None) == [] and c.id_list("") == []


@pytest.mark.parametrize("name", shops.SHOPS)
def test_columns_name_tables_the_adapter_reads(name):
    module = shops.load(name)
    assert set(module.COLUMNS) <= set(module.PROMOTION_QUERIES)
    for table, pointers in module.COLUMNS.items():
        query = module.PROMOTION_QUERIES[table]
        for pointer, column in pointers.items():
            assert pointer.startswith("/") and column in query, (table, pointer, column)
