"""Overlap resolution: one pure function, so every type competes under the same rule."""

from __future__ import annotations

from bisect import bisect_left
from typing import Protocol, Sequence, TypeVar

from .models import RECORD_TYPES


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...


T = TypeVar("T", bound=Span)

TYPE_PRIORITY: dict[str, int] = {
    "percentage": 0,
    "date": 1,
    "ranking": 2,
    "amount": 3,
    "company": 4,
}
"""On equal length, a percentage beats a date, a date an amount, and so on."""

assert set(TYPE_PRIORITY) == set(RECORD_TYPES)


def resolve_overlaps(spans: Sequence[T]) -> list[T]:
    """Keep a set of non-overlapping spans: longest first, then type priority, then leftmost.

    Items need `start`, `end` and `type` attributes. The result is sorted by offset.
    Identical spans of the same type collapse to the first one given.
    """
    order = sorted(
        range(len(spans)),
        key=lambda i: (
            -(spans[i].end - spans[i].start),
            TYPE_PRIORITY.get(spans[i].type, len(TYPE_PRIORITY)),
            spans[i].start,
            i,
        ),
    )
    kept: list[T] = []
    starts: list[int] = []
    ends: list[int] = []
    for i in order:
        item = spans[i]
        slot = bisect_left(starts, item.start)
        if slot > 0 and ends[slot - 1] > item.start:
            continue
        if slot < len(starts) and starts[slot] < item.end:
            continue
        kept.append(item)
        starts.insert(slot, item.start)
        ends.insert(slot, item.end)
    return sorted(kept, key=lambda r: (r.start, r.end))
