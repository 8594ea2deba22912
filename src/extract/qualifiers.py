"""Outer qualifier words (近, 超过, 以上 …): found beside a span, never inside it."""

from __future__ import annotations

from functools import lru_cache

import regex

from .lexicon import load, longest_first
from .models import Qualifier
from .schemas import QualifierWords


class _Compiled:
    def __init__(self, words: QualifierWords):
        self.prefix_of = {w: q for q, ws in words.prefix.items() for w in ws}
        self.suffix_of = {w: q for q, ws in words.suffix.items() for w in ws}
        self.magnitude_of = {w: q for q, ws in words.magnitude_only.items() for w in ws}
        bridges = "|".join(map(regex.escape, longest_first(words.bridges)))
        prefix = "|".join(map(regex.escape, longest_first(self.prefix_of)))
        self.prefix_re = regex.compile(rf"(?:{prefix})(?:{bridges})?$")
        self.prefix_word_re = regex.compile(rf"({prefix})")
        false = "|".join(_false_prefix(word, words.false_prefix_exceptions)
                         for word in longest_first(words.false_prefixes)) or "(?!)"
        self.false_re = regex.compile(rf"(?:{false})$")
        suffix = "|".join(map(regex.escape, longest_first(self.suffix_of)))
        false_suffix = "|".join(map(regex.escape, longest_first(words.false_suffixes))) or "(?!)"
        self.suffix_re = regex.compile(rf"^(?!{false_suffix})(?:{suffix})")
        magnitude = "|".join(map(regex.escape, longest_first(self.magnitude_of)))
        self.magnitude_re = regex.compile(rf"(?:{magnitude})$")


def _false_prefix(word: str, exceptions: list[str]) -> str:
    """`合约` (a contract) is no `约`, but `折合约` (converted to about) is."""
    before = [e[: -len(word)] for e in exceptions if e.endswith(word) and len(e) > len(word)]
    guard = "".join(f"(?<!{regex.escape(b)})" for b in before)
    return guard + regex.escape(word)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    return _Compiled(load("qualifiers.yaml", QualifierWords))


def prefix_qualifier(norm: str, start: int, window: int = 6) -> Qualifier | None:
    """The qualifier word ending right before `start` (a bridge such as 达 may sit between)."""
    c = _compiled()
    left = norm[max(0, start - window):start]
    match = c.prefix_re.search(left)
    if not match:
        return None
    word_match = c.prefix_word_re.match(match.group(0))
    if word_match is None:
        return None
    word = word_match.group(1)
    if c.false_re.search(left[:match.start() + len(word)]):
        return None
    return c.prefix_of[word]


def without_prefix_qualifier(text: str) -> str:
    """`text` without the qualifier word (and bridge) it ends in: `增长不到` → `增长`, `最多` → ``."""
    c = _compiled()
    match = c.prefix_re.search(text)
    if not match or c.false_re.search(text[:match.end()]):
        return text
    return text[:match.start()]


def is_qualifier_word(word: str) -> bool:
    """`近`, `逾`, `上`: a word that qualifies the figure after it (jieba glues some to it: 近百家)."""
    c = _compiled()
    return word in c.prefix_of or word in c.magnitude_of


def suffix_qualifier(norm: str, end: int, window: int = 4) -> Qualifier | None:
    c = _compiled()
    match = c.suffix_re.search(norm[end:end + window])
    return c.suffix_of[match.group(0)] if match else None


def magnitude_qualifier(norm: str, start: int) -> Qualifier | None:
    """`上万人`: 上 before a bare magnitude means over."""
    c = _compiled()
    match = c.magnitude_re.search(norm[max(0, start - 1):start])
    if match is None or c.false_re.search(norm[max(0, start - 2):start]):
        return None
    return c.magnitude_of[match.group(0)]


def outer_qualifier(norm: str, start: int, end: int, inner: Qualifier | None = None) -> Qualifier:
    """Combine inner approximators (多/余/几) and words around the span; nearest wins."""
    if inner:
        return inner
    return suffix_qualifier(norm, end) or prefix_qualifier(norm, start) or "exact"
