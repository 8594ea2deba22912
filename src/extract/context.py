"""What every extractor sees: the text, its width-folded copy, the reference date, tokens, sentences."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

import regex

from .errors import RefDateError
from .segment import Tokens
from .textnorm import normalize

_REF_DATE = regex.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_SENTENCE_END = regex.compile(r"[。！？!?；;\n\r]+")
_CLAUSE_END = regex.compile(r"[。！？!?；;\n\r，,：:、]+")


class computed_once:
    """A property worked out on first use and then stored on the instance.

    `functools.cached_property` takes a lock on every first use (Python 3.11), which
    costs more than the small lookups it caches here; nothing here is shared between threads.
    """

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


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
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
            raise RefDateError(f"reference date out of range: {value!r}")
        return cls(year, month, day)

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


def _spans_between(pattern: regex.Pattern, text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass
class Context:
    text: str
    ref_date: Optional[RefDate] = None
    norm: str = field(init=False)

    def __post_init__(self) -> None:
        self.norm = normalize(self.text)

    @computed_once
    def tokens(self) -> Tokens:
        return Tokens(self.norm)

    @computed_once
    def sentences(self) -> list[tuple[int, int]]:
        return _spans_between(_SENTENCE_END, self.norm)

    @computed_once
    def clauses(self) -> list[tuple[int, int]]:
        return _spans_between(_CLAUSE_END, self.norm)

    @computed_once
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @computed_once
    def _clause_starts(self) -> list[int]:
        return [s for s, _ in self.clauses]

    @staticmethod
    def _enclosing(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return (offset, offset)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        return self._enclosing(self.sentences, self._sentence_starts, offset)

    def clause_at(self, offset: int) -> tuple[int, int]:
        return self._enclosing(self.clauses, self._clause_starts, offset)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        start = max(self.norm.rfind("\n", 0, offset) + 1, 0)
        end = self.norm.find("\n", offset)
        return (start, len(self.norm) if end < 0 else end)
