"""jieba behind one door: one tokenizer, loaded lazily, with the project's user dictionaries.

Extractors ask for token boundaries here instead of re-splitting text, so a span
that must not cut a word (a company name, a number inside a name) can check it.
"""

from __future__ import annotations

import logging
import mmap
import os
import tempfile
import threading
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from pathlib import Path

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


class TagIndex:
    """jieba's part-of-speech table as a sorted file searched in place.

    Building the full word → tag dict costs most of a second at every start; the
    index is written once (beside jieba's own cache) and each lookup reads a few
    lines of a memory map, so a short run pays only for the words it asks about.
    """

    def __init__(self, path: Path):
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)

    def get(self, word: str) -> str | None:
        """Binary search over byte positions; every probe reads the line it falls in."""
        key, data = word.encode("utf-8"), self._map
        low, high = 0, len(data)
        while low < high:
            start = data.rfind(b"\n", 0, (low + high) // 2) + 1
            end = data.find(b"\n", start)
            tab = data.find(b"\t", start, end)
            found = data[start:tab]
            if found < key:
                low = end + 1
            elif found > key:
                high = start
            else:
                return data[tab + 1:end].decode("ascii")
        return None


def _tag_index_path() -> Path:
    with jieba.get_dict_file() as handle:
        name = Path(handle.name)
    stamp = f"{name.stat().st_size}-{int(name.stat().st_mtime)}"
    return Path(tempfile.gettempdir()) / f"zone-extract-tags-{stamp}.tsv"


def _write_tag_index(path: Path) -> None:
    """Sorted `word<TAB>tag` lines of jieba's dictionary, written atomically."""
    rows = []
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.split()
            if len(parts) == 3:
                rows.append(parts[0] + b"\t" + parts[2])
    rows.sort()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".zone-extract-tags-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(b"\n".join(rows) + b"\n")
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def _tag_index() -> TagIndex:
    path = _tag_index_path()
    if not path.is_file():
        _write_tag_index(path)
    return TagIndex(path)


@lru_cache(maxsize=65536)
def pos_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of a word (`v`, `n`, `ns` …), None if unknown."""
    return _tag_index().get(word)


def word_frequency(word: str) -> int:
    """How common jieba's dictionary says a word is (0 for unknown words)."""
    return tokenizer().FREQ.get(word, 0)
