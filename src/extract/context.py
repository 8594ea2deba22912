"""What every extractor sees: the text, its width-folded copy, the reference date, tokens, sentences."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

import regex

from .errors import RefDateError
from .segment import Tokens
from .textnorm import normalize

_REF_DATE = regex.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_SENTENCE_END = regex.compile(r"[。！？!?；;\n\r]+")
CLAUSE_COMMA = r"(?<!\d),|,(?!\d)"
"""A comma that breaks a clause: one between digits groups thousands (`3,421.8万元`) and breaks nothing."""
_CLAUSE_END = regex.compile(rf"(?:[。！？!?；;\n\r，：:、]|{CLAUSE_COMMA})+")
NON_EMPTY_LINE = regex.compile(r"[^\r\n]*\S[^\r\n]*")

HEADLINE_MAX = 64
"""A title is short: a first line longer than this, or one with a full stop inside, is the
opening paragraph of a text that has no title (or whose lines were joined into one)."""


@dataclass(frozen=True)
class RefDate:
    """The date a document speaks from, at the precision it is known."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, value: "str | RefDate | None") -> "RefDate | None":
        if value is None or isinstance(value, RefDate):
            return value
        match = _REF_DATE.fullmatch(str(value).strip())
        if not match:
            raise RefDateError(f"reference date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year_text, month_text, day_text = match.groups()
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
            raise RefDateError(f"reference date out of range: {value!r}")
        return cls(int(year_text), month, day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


SENTENCE_STOPS = "。！？；!?;\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end), its closing stop included: what a reader is shown for context."""
    left = max(text.rfind(c, 0, start) for c in SENTENCE_STOPS) + 1
    rights = [i for i in (text.find(c, end) for c in SENTENCE_STOPS) if i >= 0]
    return left, (min(rights) + 1 if rights else len(text))


_NAVIGATION = regex.compile(r"(?:[^|｜\n]*[|｜]){2}|[\s　]*(?:当前位置|您的位置|您现在的位置|所在位置)[：:]|[^\n]*首页\s*[>＞»]")
"""A web page's menu (`首页 | 要闻 | 宏观`) or breadcrumb (`当前位置：首页 > 区域经济`) above its article."""
_BYLINE = regex.compile(r"(?:[^\n]*?(?:来源|发布时间|发布日期|作者|编辑|责任编辑|阅读量|浏览次数|点击数)[：:]){2}|[\s　]*【(?:字号|字体)")
"""A web page's source, time and font-size lines about its article: furniture, not prose."""
_FURNITURE_REACH = 6
"""How many lines from the top a web page's menu and breadcrumb may take."""


def is_byline(line: str) -> bool:
    """Whether a line is a web page's source/time/font-size line (`来源：… 发布时间：…`)."""
    return _BYLINE.match(line) is not None


def _headline(norm: str) -> Optional[tuple[int, int]]:
    """The first non-empty line when it reads as a title; None when the text opens with prose.
    Above a web page's menu or breadcrumb the lines are the site's, so the title is the first line
    after them that is not a byline."""
    lines = []
    for line in NON_EMPTY_LINE.finditer(norm):
        lines.append(line)
        if len(lines) == _FURNITURE_REACH:
            break
    if not lines:
        return None
    navigation = [i for i, line in enumerate(lines) if _NAVIGATION.match(line.group())]
    after = lines[navigation[-1] + 1:] if navigation else lines
    first = next((line for line in after if not is_byline(line.group())), None) if navigation else lines[0]
    if first is None:
        return None
    text = first.group().strip()
    if len(text) > HEADLINE_MAX or "。" in text[:-1]:
        return None
    return first.span()


def _spans_between(pattern: regex.Pattern, text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class Context:
    """One document as the extractors see it. Everything is worked out when the context is
    made, since every document needs it; tokens are segmented lazily inside `Tokens`."""

    def __init__(self, text: str, ref_date: Optional[RefDate] = None):
        self.text = text
        self.ref_date = ref_date
        self.norm = normalize(text)
        self.tokens = Tokens(self.norm)
        self.sentences = _spans_between(_SENTENCE_END, self.norm)
        self.clauses = _spans_between(_CLAUSE_END, self.norm)
        self._sentence_starts = [s for s, _ in self.sentences]
        self._clause_starts = [s for s, _ in self.clauses]
        self.headline = _headline(self.norm)
        self.place_words: Optional[tuple[list[int], frozenset[str]]] = None
        """Where place suffixes start and the words before them, worked out on first use (`company`)."""

    @staticmethod
    def _enclosing(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return (offset, offset)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        return self._enclosing(self.sentences, self._sentence_starts, offset)

    def sentences_from(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences that begin in [start, end), found by bisection, not by a pass over all."""
        return self.sentences[bisect_left(self._sentence_starts, start):bisect_left(self._sentence_starts, end)]

    def clauses_from(self, start: int, end: int) -> list[tuple[int, int]]:
        """The clauses that begin in [start, end), found by bisection."""
        return self.clauses[bisect_left(self._clause_starts, start):bisect_left(self._clause_starts, end)]

    def clause_at(self, offset: int) -> tuple[int, int]:
        return self._enclosing(self.clauses, self._clause_starts, offset)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        start = max(self.norm.rfind("\n", 0, offset) + 1, 0)
        end = self.norm.find("\n", offset)
        return (start, len(self.norm) if end < 0 else end)
