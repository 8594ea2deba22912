"""jieba behind one door: one tokenizer, loaded lazily, with the project's user dictionaries.

Extractors ask for token boundaries here instead of re-splitting text, so a span
that must not cut a word (a company name, a number inside a name) can check it.

Segmenting was the largest single cost of a run, so a text is cut run by run, only
where a rule asks, and a run is cut by a leaner copy of jieba's own algorithm over
jieba's own dictionary and HMM tables. The tests hold it equal to `jieba.cut`.
"""

from __future__ import annotations

import logging
import math
import mmap
import os
import tempfile
import threading
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jieba
from jieba import finalseg

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


PREFIX_ONLY = 1.0
"""The score of a fragment that only begins longer words: a log probability is never positive."""
NO_ROUTE = -math.inf
"""The best score from a position before any dictionary word starting there is tried."""


class _RouteTable:
    """The shared tokenizer's dictionary as one lookup per fragment: `scores` holds the word's log
    probability, or `PREFIX_ONLY`, worked out from `freq` on first use. Only dictionary fragments
    are kept, so the table never grows past it."""

    def __init__(self, tok: jieba.Tokenizer):
        self.freq: dict[str, int] = tok.FREQ
        self.log_total = math.log(tok.total)
        self.scores: dict[str, float] = {}


@lru_cache(maxsize=1)
def _route_table() -> _RouteTable:
    return _RouteTable(tokenizer())


def cut_run(run: str) -> list[str]:
    """jieba's default cut (`HMM=True`) of one run of word characters, computed without its
    per-call dictionaries, generators and logarithms: the same dictionary walk, the same
    best route (ties to the longer word), the same HMM for runs of unknown characters.
    Equal to `tokenizer().cut(run)` on every input, which the tests check."""
    table = _route_table()
    scores, freq, log_total = table.scores, table.freq, table.log_total
    unknown_score = -log_total
    size = len(run)
    best = [0.0] * (size + 1)
    step = list(range(1, size + 2))
    for start in range(size - 1, -1, -1):
        top, end = NO_ROUTE, start
        i, fragment = start, run[start]
        while True:
            entry = scores.get(fragment)
            if entry is None:
                count = freq.get(fragment)
                if count is None:
                    break
                entry = scores[fragment] = math.log(count) - log_total if count else PREFIX_ONLY
            if entry != PREFIX_ONLY:
                value = entry + best[i + 1]
                if value >= top:
                    top, end = value, i
            i += 1
            if i >= size:
                break
            fragment = run[start:i + 1]
        if top == NO_ROUTE:
            top = unknown_score + best[start + 1]
        best[start], step[start] = top, end + 1
    words, pending, at = [], "", 0
    while at < size:
        nxt = step[at]
        if nxt - at == 1:
            pending += run[at]
        else:
            if pending:
                words.extend(_unknown(pending, freq))
                pending = ""
            words.append(run[at:nxt])
        at = nxt
    if pending:
        words.extend(_unknown(pending, freq))
    return words


def _unknown(chars: str, freq: dict) -> list[str]:
    """Single characters the route left alone: jieba's HMM joins them into unknown words."""
    if len(chars) == 1:
        return [chars]
    if freq.get(chars):
        return list(chars)
    if finalseg.re_han.fullmatch(chars):
        return _split_forced(_hmm_words(chars))
    words: list[str] = []
    for block in finalseg.re_han.split(chars):
        if finalseg.re_han.match(block):
            words.extend(_split_forced(_hmm_words(block)))
        else:
            words.extend(piece for piece in finalseg.re_skip.split(block) if piece)
    return words


def _split_forced(words: list[str]) -> list[str]:
    """Words added with frequency 0 are never joined by the HMM (jieba's forced splits)."""
    forced = finalseg.Force_Split_Words
    if not forced:
        return words
    return [part for word in words for part in (word if word in forced else (word,))]


_HMM_STATES = "BMES"


@lru_cache(maxsize=1)
def _hmm_steps() -> tuple[tuple[str, dict, str, float, str, float], ...]:
    """Per state: its emissions and its two possible predecessors with their transition
    scores, the later letter first (jieba's `max` over (score, state) breaks ties to it)."""
    trans_p, emit_p, low = finalseg.trans_P, finalseg.emit_P, finalseg.MIN_FLOAT
    steps = []
    for state in _HMM_STATES:
        later, earlier = sorted(finalseg.PrevStatus[state], reverse=True)
        steps.append((state, emit_p[state], later, trans_p[later].get(state, low),
                      earlier, trans_p[earlier].get(state, low)))
    return tuple(steps)


def _hmm_words(sentence: str) -> list[str]:
    """jieba's HMM (`finalseg`) on one run of Han characters, with backpointers in place of
    copied paths."""
    start_p, emit_p, low = finalseg.start_P, finalseg.emit_P, finalseg.MIN_FLOAT
    steps = _hmm_steps()
    scores = {state: start_p[state] + emit_p[state].get(sentence[0], low) for state in _HMM_STATES}
    back = []
    for char in sentence[1:]:
        new, pointers = {}, {}
        for state, emit, later, t_later, earlier, t_earlier in steps:
            em = emit.get(char, low)
            from_later, from_earlier = scores[later] + t_later + em, scores[earlier] + t_earlier + em
            if from_later >= from_earlier:
                new[state], pointers[state] = from_later, later
            else:
                new[state], pointers[state] = from_earlier, earlier
        scores = new
        back.append(pointers)
    v_s, v_e = scores["S"], scores["E"]
    state = "S" if v_s >= v_e else "E"
    tags = [state]
    for pointers in reversed(back):
        state = pointers[state]
        tags.append(state)
    tags.reverse()
    words, begin, following = [], 0, 0
    for i, tag in enumerate(tags):
        if tag == "B":
            begin = i
        elif tag == "E":
            words.append(sentence[begin:i + 1])
            following = i + 1
        elif tag == "S":
            words.append(sentence[i])
            following = i + 1
    if following < len(sentence):
        words.append(sentence[following:])
    return words


WORD_RUN = jieba.re_han_default
"""jieba's own class of word characters. It segments each run of them alone and gives every
other character (a `\\r\\n` pair excepted) a token of its own, so a run segmented by itself
yields exactly the tokens it has inside the whole text."""


class Tokens:
    """jieba's tokens of one text, segmented run by run as extractors ask about them.

    Most runs of a report hold nothing a rule asks about, and segmenting is the costliest
    step of the pipeline, so a run is segmented the first time an offset in it is looked up.
    Boundary and token lookups are O(log n).
    """

    def __init__(self, text: str):
        self.text = text
        self._size = len(text)
        self._runs = [match.span() for match in WORD_RUN.finditer(text)]
        self._run_starts = [start for start, _ in self._runs]
        self._run_ends = [end for _, end in self._runs]
        self._segmented: dict[int, tuple[list[int], list[tuple[int, int]], frozenset[int]]] = {}

    def _segment(self, index: int) -> tuple[list[int], list[tuple[int, int]], frozenset[int]]:
        base, end = self._runs[index]
        spans, offset = [], base
        for word in cut_run(self.text[base:end]):
            spans.append((offset, offset + len(word)))
            offset += len(word)
        segmented = self._segmented[index] = ([s for s, _ in spans], spans, frozenset(s for s, _ in spans))
        return segmented

    def _is_crlf(self, offset: int) -> bool:
        return self.text[offset - 1:offset + 1] == "\r\n"

    def token_at(self, offset: int) -> tuple[int, int] | None:
        """The token covering the character at `offset`, None outside the text."""
        if not 0 <= offset < self._size:
            return None
        index = bisect_right(self._run_starts, offset) - 1
        if index >= 0 and offset < self._run_ends[index]:
            starts, spans, _ = self._segmented.get(index) or self._segment(index)
            return spans[bisect_right(starts, offset) - 1]
        if self._is_crlf(offset + 1):
            return (offset, offset + 2)
        if offset > 0 and self._is_crlf(offset):
            return (offset - 1, offset + 1)
        return (offset, offset + 1)

    def is_boundary(self, offset: int) -> bool:
        """True where one token ends or another starts, the text's two ends included."""
        if not 0 < offset < self._size:
            return self._size > 0 and offset in (0, self._size)
        index = bisect_right(self._run_starts, offset) - 1
        if index >= 0 and offset < self._run_ends[index] and offset > self._run_starts[index]:
            return offset in (self._segmented.get(index) or self._segment(index))[2]
        return not self._is_crlf(offset)

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        """Token spans lying inside [start, end)."""
        out = []
        position = max(start, 0)
        while position < end:
            token = self.token_at(position)
            if token is None:
                break
            if token[0] >= start and token[1] <= end:
                out.append(token)
            position = token[1]
        return out

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every token of the text, in order (segments every run)."""
        return self.words(0, len(self.text))


class TagIndex:
    """jieba's part-of-speech table as a sorted file searched in place.

    Building the full word → tag dict costs most of a second at every start; the
    index is written once (beside jieba's own cache) and each lookup reads a few
    lines of a memory map, so a short run pays only for the words it asks about.
    The first key of every block of `block_bytes` is kept in memory, so a lookup
    bisects that list and then searches one block, not the whole file.
    """

    def __init__(self, path: Path, block_bytes: int = 4096):
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._block_keys: list[bytes] = []
        self._block_starts: list[int] = []
        start, size = 0, len(self._map)
        while start < size:
            self._block_keys.append(self._map[start:self._map.find(b"\t", start)])
            self._block_starts.append(start)
            start = self._map.find(b"\n", start + block_bytes) + 1 or size
        self._block_starts.append(size)

    def get(self, word: str) -> str | None:
        """Binary search over byte positions of one block; every probe reads the line it falls in."""
        key, data = word.encode("utf-8"), self._map
        block = bisect_right(self._block_keys, key) - 1
        if block < 0:
            return None
        low, high = self._block_starts[block], self._block_starts[block + 1]
        while low < high:
            start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
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
