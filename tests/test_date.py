"""Unit tests of the date normalizer's helpers: plan periods, decades, calendar checks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import date


@pytest.mark.parametrize(
    "name,years",
    [("一五", (1953, 1957)), ("二五", (1958, 1962)), ("三五", (1966, 1970)), ("十五", (2001, 2005)),
     ("十三五", (2016, 2020)), ("十四五", (2021, 2025)), ("十五五", (2026, 2030))],
)
def test_plan_years(name, years):
    assert date._plan_years(name) == years


@pytest.mark.parametrize(
    "groups,years",
    [({"dec": "90"}, (1990, 1999)), ({"cent": "20", "dec": "80"}, (1980, 1989)),
     ({"cent": "十九", "dec": "七十"}, (1870, 1879)), ({"centrel": "本世纪", "dec": "20"}, (2020, 2029))],
)
def test_decade(groups, years):
    assert date._decade(groups) == years


def test_check_refuses_impossible_days_only_when_the_year_is_written():
    assert date._check((2020, 2, 29), year_written=True) == (2020, 2, 29)
    with pytest.raises(date._Invalid):
        date._check((2019, 2, 29), year_written=True)
    assert date._check((2019, 2, 29), year_written=False) == (2019, 2, 29)
    with pytest.raises(date._Invalid):
        date._check((2021, 13), year_written=True)


@pytest.mark.parametrize("text,year", [("2019", 2019), ("二〇一九", 2019), ("二零二一", 2021), ("两千零八", 2008)])
def test_year_of(text, year):
    assert date._year_of(text) == year


def test_shift_month_crosses_years():
    assert date._shift_month(2022, 1, -1) == (2021, 12)
    assert date._shift_month(2022, 12, 1) == (2023, 1)


def _chinese_day(n: int) -> list[str]:
    digits = "一二三四五六七八九"
    if n < 10:
        return [digits[n - 1]]
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else digits[tens - 1]) + "十"
    forms = [head + (digits[ones - 1] if ones else "")]
    if tens == 1:
        forms.append("一" + forms[0])
    return forms


@pytest.mark.parametrize("n", range(1, 32))
def test_every_day_numeral_passes_the_first_character_gate(n):
    import regex

    day = regex.compile(date._day("d1"))
    assert day.fullmatch(f"{n}日")
    for form in [str(n), f"{n:02d}", *_chinese_day(n)]:
        if day.fullmatch(form + "日"):
            assert regex.match(date._DAY_FIRST, form), form


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="“”《》「」年月日2019", max_size=50), st.integers(0, 50), st.integers(1, 8))
def test_a_quoted_title_holds_a_span_exactly_when_one_title_covers_it(text, start, width):
    from extract.context import Context

    end = start + width
    titles = [m.span(1) for pattern in date._title_patterns() for m in pattern.finditer(text)]
    expected = any(s <= start and end <= e for s, e in titles)
    assert date._QuotedTitles(Context(text)).hold(start, end) == expected
