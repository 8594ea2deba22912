"""Overlap resolution: longest span first, then type priority, then leftmost."""

from __future__ import annotations

from dataclasses import dataclass

from extract.overlap import resolve_overlaps


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int


def test_longest_wins_across_types():
    spans = [Span("amount", 2, 4), Span("company", 0, 6), Span("date", 6, 11)]
    assert resolve_overlaps(spans) == [Span("company", 0, 6), Span("date", 6, 11)]


def test_equal_length_goes_to_the_higher_priority_type():
    assert resolve_overlaps([Span("amount", 0, 4), Span("ranking", 0, 4)]) == [Span("ranking", 0, 4)]
    assert resolve_overlaps([Span("date", 3, 8), Span("percentage", 5, 10)]) == [Span("percentage", 5, 10)]


def test_touching_spans_both_stay_and_result_is_sorted():
    spans = [Span("date", 5, 9), Span("amount", 0, 5), Span("percentage", 9, 12)]
    assert resolve_overlaps(spans) == [Span("amount", 0, 5), Span("date", 5, 9), Span("percentage", 9, 12)]


def test_same_span_twice_collapses_and_nested_shorter_is_dropped():
    spans = [Span("amount", 0, 4), Span("amount", 0, 4), Span("amount", 1, 3), Span("amount", 10, 12)]
    assert resolve_overlaps(spans) == [Span("amount", 0, 4), Span("amount", 10, 12)]


def test_a_long_span_between_two_short_ones_evicts_both():
    spans = [Span("amount", 0, 3), Span("amount", 4, 7), Span("company", 2, 6)]
    assert resolve_overlaps(spans) == [Span("company", 2, 6)]


def test_empty_input():
    assert resolve_overlaps([]) == []
