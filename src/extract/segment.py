"""jieba behind one door: one tokenizer, loaded lazily, with the project's user dictionaries.

Extractors ask for token boundaries here instead of re-splitting text, so a span
that must not cut a word (a company name, a number inside a name) can check it.
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

import jieba

from .lexicon import data_path

_lock = threading.Lock()
jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer with every `data/userdict*.txt` loaded; built on first use."""
    with _lock:
        tok = jieba.Tokenizer()
        tok.initialize()
        folder = resources.files("extract") / "data"
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.startswith("userdict") and entry.name.endswith(".txt"):
                with resources.as_file(data_path(entry.name)) as path:
                    tok.load_userdict(str(path))
        return tok


def token_spans(text: str) -> list[tuple[int, int]]:
    """Half-open (start, end) of every jieba token, covering the whole text."""
    return [(start, end) for _, start, end in tokenizer().tokenize(text, HMM=True)]


class Tokens:
    """Token boundaries of one text, for boundary checks in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.boundaries = {s for s, _ in spans} | {e for _, e in spans}

    def is_boundary(self, offset: int) -> bool:
        return offset in self.boundaries

    def token_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return self.spans[i]
        return None

    def words(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Token spans lying inside [start, end)."""
        i = bisect_right(self.starts, start) - 1
        i = max(i, 0)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e = self.spans[i]
            if s >= start and e <= end:
                out.append((s, e))
            i += 1
        return out


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def pos_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of a word (`v`, `n`, `ns` …), None if unknown."""
    return _word_tags().get(word)


def word_frequency(word: str) -> int:
    """How common jieba's dictionary says a word is (0 for unknown words)."""
    return tokenizer().FREQ.get(word, 0)
