"""The company finder's index of taken spans, against the overlap rule written the slow way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.company import _SpanSet

SPANS = st.tuples(st.integers(0, 60), st.integers(1, 25)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), SPANS), max_size=40), SPANS)
def test_span_set_finds_every_overlapping_span_and_no_other(steps, probe):
    index, kept = _SpanSet(), []
    for remove, span in steps:
        if remove and kept:
            gone = kept.pop(span[0] % len(kept))
            index.remove(gone)
        else:
            index.add(span)
            kept.append(span)
    expected = sorted(s for s in kept if s[0] < probe[1] and probe[0] < s[1])
    assert sorted(index.meeting(probe)) == expected
    assert index.overlaps(probe) == bool(expected)


def test_removing_a_span_never_added_is_an_error():
    index = _SpanSet()
    index.add((3, 8))
    try:
        index.remove((3, 9))
    except ValueError as error:
        assert "(3, 9)" in str(error)
    else:
        raise AssertionError("removing an unknown span must fail")
