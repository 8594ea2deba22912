"""Overlap resolution: one pure function, so every type competes under the same rule."""

from __future__ import annotations

from typing import Sequence, TypeVar

from .models import RECORD_TYPES

T = TypeVar("T")

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
    occupied: list[tuple[int, int]] = []
    for i in order:
        item = spans[i]
        if any(item.start < e and s < item.end for s, e in occupied):
            continue
        kept.append(item)
        occupied.append((item.start, item.end))
    return sorted(kept, key=lambda r: (r.start, r.end))
