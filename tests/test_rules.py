"""`FirstOf` must find exactly what the single alternation it stands for would find."""

import re

import pytest
import regex

from extract.rules import FirstOf

CHINESE = ["华为", "华为终端", "TCL科技", "比亚迪"]
LATIN = ["TCL", "Apple", "Apple Inc"]


def _alternation(words):
    return "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))


def _as_one_pattern():
    return regex.compile(rf"(?:{_alternation(CHINESE)})|(?<![A-Za-z])(?:{_alternation(LATIN)})(?![A-Za-z])")


def _split():
    return FirstOf(re.compile(_alternation(CHINESE)),
                   regex.compile(rf"(?<![A-Za-z])(?:{_alternation(LATIN)})(?![A-Za-z])"))


@pytest.mark.parametrize("text", [
    "TCL科技与TCL签约",
    "华为终端、Apple Inc和比亚迪",
    "XTCL不是TCL，华为华为终端",
    "TCLApple",
    "",
    "没有名字的一句话",
])
def test_first_of_matches_like_one_alternation(text):
    expected = [(m.span(), m.group()) for m in _as_one_pattern().finditer(text)]
    assert [(m.span(), m.group()) for m in _split().finditer(text)] == expected


def test_earlier_alternative_wins_a_tie():
    assert [m.group() for m in _split().finditer("TCL科技")] == ["TCL科技"]


def test_lookbehind_sees_text_before_the_resumed_search():
    """After `华为` the Latin search resumes mid-text; `XTCL` must still be refused."""
    assert [m.group() for m in _split().finditer("华为XTCL TCL")] == ["华为", "TCL"]
