"""Word lists become patterns: a prefix-tree alternation must match exactly as the flat list does."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.lexicon import alternation, longest_first, occurrences

WORDS = st.lists(st.text(alphabet="ab.中国超过", min_size=1, max_size=4), min_size=1, max_size=8)
TEXT = st.text(alphabet="ab.中国超过x", max_size=40)
CONTEXTS = ("(?:{})", "(?:{})b", "(?<!a)(?:{})(?!中)", "(?<=(?:{}))x", "(?:{})$")


def _flat(words) -> str:
    return "|".join(regex.escape(w) for w in longest_first(words))


def test_prefix_tree_shares_prefixes_and_tries_the_longest_word_first():
    pattern = alternation(["不超过", "超过", "超", "中国中车", "中国石化", "中天科技"])
    assert pattern.count("国") == 1 and pattern.count("超") == 2
    assert regex.match(pattern, "超过3亿").group() == "超过"
    assert regex.match(rf"(?:{pattern})3", "超过3").group() == "超过3"


@settings(max_examples=400, deadline=None)
@given(WORDS, TEXT)
def test_prefix_tree_matches_as_the_flat_alternation(words, text):
    for context in CONTEXTS:
        flat = [m.span() for m in regex.finditer(context.format(_flat(words)), text)]
        tree = [m.span() for m in regex.finditer(context.format(alternation(words)), text)]
        assert tree == flat, (words, text, context)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab中", min_size=1, max_size=3), TEXT)
def test_occurrences_are_the_regex_search_hits(word, text):
    assert occurrences(text, word) == [m.start() for m in regex.finditer(regex.escape(word), text)]
