"""parse_number and NUMBER: every numeral form the extractors rely on."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.numbers import (
    CN_DIGITS,
    NUMBER,
    NUMBER_CHARS,
    SMALL_UNITS,
    closing_characters,
    NumberParseError,
    in_quoted_name,
    number_then,
    numeral_ahead,
    numeral_holding,
    parse_number,
    range_then,
    to_number,
)


@pytest.mark.parametrize(
    "text,value,approximator",
    [
        ("1200", "1200", None),
        ("1,200.5", "1200.5", None),
        ("两千亿", "200000000000", None),
        ("三十五万", "350000", None),
        ("一千零五十", "1050", None),
        ("一亿二千万", "120000000", None),
        ("一万五千", "15000", None),
        ("壹佰", "100", None),
        ("贰拾叁", "23", None),
        ("拾萬零五十六點叁叁", "100056.33", None),
        ("1.2万", "12000", None),
        ("3千", "3000", None),
        ("2万亿", "2000000000000", None),
        ("1.2万亿", "1200000000000", None),
        ("二〇一九", "2019", None),
        ("三点五", "3.5", None),
        ("零点五", "0.5", None),
        ("一百二十点五", "120.5", None),
        ("2000多", "2000", "over"),
        ("30余万", "300000", "over"),
        ("3千多万", "30000000", "over"),
        ("十几", "10", "approx"),
        ("几十", "10", "approx"),
        ("几百", "100", "approx"),
    ],
)
def test_parse_number(text, value, approximator):
    parsed = parse_number(text)
    assert parsed.value == Decimal(value)
    assert parsed.approximator == approximator
    assert regex.fullmatch(NUMBER, text), text


def test_bad_numeral_raises():
    with pytest.raises(NumberParseError):
        parse_number("三角")
    with pytest.raises(NumberParseError):
        parse_number("")


def test_to_number_keeps_integers_integral():
    assert to_number(Decimal("12000.0")) == 12000 and isinstance(to_number(Decimal("12000.0")), int)
    assert to_number(Decimal("1.5")) == 1.5


def test_number_pattern_stops_at_the_numeral():
    assert regex.match(NUMBER, "2000多家").group(0) == "2000多"
    assert regex.match(NUMBER, "1.2万人").group(0) == "1.2万"


def test_short_quoted_titles_hide_numbers():
    text = "实施“五心”惠民工程，投入20亿元"
    assert in_quoted_name(text, 3, 4)
    assert not in_quoted_name(text, text.index("20"), len(text))


NUMERIC_TEXT = st.text(alphabet="0123456789,.，、和及至到-~ %‰元万亿千百十一二三两几多余点个分家吨美负−", max_size=40)


@settings(max_examples=300, deadline=None)
@given(NUMERIC_TEXT)
def test_numbers_consume_only_numeral_characters(text):
    for match in regex.finditer(NUMBER, text):
        assert regex.fullmatch(f"[{NUMBER_CHARS}]*", match.group()), match.group()


def test_a_numeral_character_cannot_close_a_numeral():
    with pytest.raises(ValueError):
        number_then("万元")
    assert closing_characters(["千瓦时", "元", "亿人次", "GW"]) == {"瓦", "元", "人", "G"}
    with pytest.raises(ValueError):
        closing_characters(["千万"])


GATE = regex.compile(
    r"\(\?="
    r"(?:\(\?:\(\?<!\[[^\]]*\]\)\[[^\]]*\]\)\?)?"
    r"(?:\[[^\]]*\](?:\*\+|\+\+)?|\(\?s:\.\{0,\d+\}\?\)|\\s\*)+"
    r"\)"
)
"""A lookahead made only of character classes, a short `(?s:.{0,n}?)` and `\\s*`, after an optional
sign: the shape of every gate in `numbers` (`number_then`, `range_then`, `numeral_holding`,
`numeral_ahead`), and of no other part of a rule."""


@lru_cache(maxsize=1)
def _rules_with_and_without_lookahead():
    """Every amount and percentage rule, beside the same pattern with its gates cut out."""
    import extract.amount as amount_module
    import extract.percentage as percentage_module

    changed = []
    for rule in (*amount_module._build().rules, *percentage_module._rules()):
        plain, cuts = GATE.subn("", rule.pattern.pattern)
        if cuts:
            changed.append((rule, regex.compile(plain)))
    assert len(changed) >= 10
    return changed


def test_every_kind_of_gate_is_cut():
    gates = [number_then("元"), range_then(2), numeral_holding("万亿"), numeral_ahead("-"),
             number_then("%", lead=r"(?:(?<![\d.])[-−负])?", extra="，")]
    for gate in gates:
        assert GATE.fullmatch(gate), gate


def test_numeral_ahead_lets_every_numeral_through():
    ahead = regex.compile(numeral_ahead())
    for char in "0123456789几" + "".join(CN_DIGITS) + "".join(SMALL_UNITS):
        assert ahead.match(char), char
    assert not ahead.match("年") and not ahead.match("%")


@pytest.mark.parametrize("text", [
    "投资3亿元至5亿元", "3元-5元", "1万吨至2万吨", "100千瓦至200千瓦时", "3%-5%", "3 %～5 %",
    "1个百分点至2个百分点", "-3%至-1%", "3\n%-5%", "120亿元、80亿元和40亿元", "增长1.2万亿", "30余万",
    "数十亿元", "几万人", "万余名", "跃过 4000 亿元", "两三家",
])
def test_rules_find_the_same_spans_with_and_without_their_gates_on_written_forms(text):
    for with_gate, without in _rules_with_and_without_lookahead():
        assert [m.span() for m in with_gate.pattern.finditer(text)] == [m.span() for m in without.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(NUMERIC_TEXT)
def test_rules_find_the_same_spans_with_and_without_their_gates(text):
    for with_gate, without in _rules_with_and_without_lookahead():
        assert [m.span() for m in with_gate.pattern.finditer(text)] == [m.span() for m in without.finditer(text)]


def _quoted_name_by_definition(norm: str, start: int, end: int) -> bool:
    """The rule written the slow way: the nearest opener before the span, still open, closed after it
    with no `。；` or line end in between, short enough (any length for `《》`)."""
    for opener, closer in {"“": "”", "《": "》", "「": "」", "\"": "\""}.items():
        left = norm.rfind(opener, 0, start)
        if left < 0 or (opener != closer and norm.rfind(closer, left + 1, start) >= 0):
            continue
        if opener == closer and norm.count(opener, 0, left) % 2:
            continue
        right = norm.find(closer, end)
        if right < 0 or any(c in norm[left:right] for c in "。；\n"):
            continue
        if opener == "《" or right - left - 1 <= 16:
            return True
    return False


QUOTED_TEXT = st.text(alphabet="“”《》「」\"。；\n，20亿元五心工程", max_size=60)


@settings(max_examples=400, deadline=None)
@given(QUOTED_TEXT, st.integers(0, 60), st.integers(1, 6))
def test_quoted_names_are_looked_for_within_the_sentence_only(text, start, width):
    start = min(start, len(text))
    end = min(start + width, len(text))
    assert in_quoted_name(text, start, end) == _quoted_name_by_definition(text, start, end)


def test_a_quote_mark_in_an_earlier_sentence_does_not_open_a_title():
    text = "他说：“园区。营收20亿元”"
    assert not in_quoted_name(text, text.index("20"), text.index("元") + 1)
    assert in_quoted_name("《2021年园区发展报告》", 1, 6)
