"""Lines a PDF or a fixed-width page broke mid-sentence, joined back before reading.

Text taken from a PDF arrives cut into lines of one width whatever the sentences do
(`…联席会议办公室对全省` / `104个省级以上开发区…进行了综合考核评价`), and a sentence cut in two
states its group, its date or its firm in neither half. The extractors read the text with
those breaks taken out; every offset they report is mapped back onto the original.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Optional, Sequence

import regex

_LINE = regex.compile(r"[^\n]*(?:\n|$)")
_RUNS_ON = regex.compile(r"[\p{Han}A-Za-z0-9０-９，,、（(“《%％]$")
"""A wrapped line stops inside a sentence: on a character or a mark that cannot end one."""
_OPENS_BLOCK = regex.compile(
    r"[\s　]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\D|附件|—|－|-"
    r"|第[一二三四五六七八九十\d]+[章条节]|[■●◆▲★※]")
"""A line opening with indentation, a heading's or a list's number, or a page number starts a block."""
_MIN_FULL_LINES = 3
"""Fewer lines of the common width than this and the text is not wrapped at a width."""
_SLACK = 6
"""How much narrower than the common width a line may be and still have been filled to it
(a page breaks before a character that does not fit, and half-width digits fill unevenly)."""
_MIN_WIDTH = 32


@dataclass(frozen=True)
class Unwrapped:
    """The text with its soft line breaks taken out, and where the removed characters stood."""

    text: str
    removed: tuple[int, ...] = ()
    """Original offsets of the removed characters, ascending."""

    @cached_property
    def joined_at(self) -> tuple[int, ...]:
        """Where each removed character would stand in the joined text (worked out once)."""
        return tuple(position - index for index, position in enumerate(self.removed))

    def start_home(self, offset: int) -> int:
        """The original offset of the character at `offset` in the joined text."""
        return offset + bisect_right(self.joined_at, offset)

    def end_home(self, offset: int) -> int:
        """The original offset just past the character before `offset` in the joined text."""
        return self.start_home(offset - 1) + 1 if offset > 0 else 0


def _content_length(line: str) -> int:
    """The line's width on the page: a Chinese character or full-width form takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\r\n \t　"))


def _common_width(lines: Sequence[str]) -> Optional[int]:
    """The width the text was wrapped at: the length most of its long lines reach, when several do."""
    lengths = sorted(length for length in map(_content_length, lines) if length >= _MIN_WIDTH)
    if len(lengths) < _MIN_FULL_LINES:
        return None
    width = lengths[(len(lengths) * 3) // 4]
    full = sum(1 for length in lengths if width - _SLACK <= length <= width + _SLACK)
    return width if full >= _MIN_FULL_LINES else None


def soft_breaks(text: str) -> list[tuple[int, int]]:
    """The line breaks (`\n` or `\r\n`, as spans) that cut a sentence: the line before is filled to the
    common width and stops inside a sentence, and the next line goes on without opening a block."""
    lines = [m.group() for m in _LINE.finditer(text) if m.group()]
    candidates, offset = [], 0
    for line, following in zip(lines, lines[1:]):
        content = line.rstrip("\r\n")
        offset += len(line)
        if (line.endswith("\n") and content == content.rstrip(" \t　") and _RUNS_ON.search(content)
                and following.strip() and not _OPENS_BLOCK.match(following)):
            candidates.append((content, offset - (len(line) - len(content)), offset))
    if not candidates:
        return []
    width = _common_width(lines)
    if width is None:
        return []
    return [(start, end) for content, start, end in candidates if _content_length(content) >= width - _SLACK]


def unwrap(text: str) -> Unwrapped:
    """The text with its soft line breaks removed; the text itself when it was not wrapped."""
    breaks = soft_breaks(text)
    if not breaks:
        return Unwrapped(text)
    pieces: list[str] = []
    removed: list[int] = []
    last = 0
    for start, end in breaks:
        pieces.append(text[last:start])
        removed.extend(range(start, end))
        last = end
    pieces.append(text[last:])
    return Unwrapped("".join(pieces), tuple(removed))
