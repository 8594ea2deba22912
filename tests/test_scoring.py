"""The scorer against cases worked out by hand."""

from __future__ import annotations

import pytest

from extract.scoring import bootstrap_intervals, partial_pairs, score_corpus, score_document


def rec(kind, span_start, span_end, **value):
    return {"type": kind, "start": span_start, "end": span_end, "text": "x" * (span_end - span_start), "value": value}


GOLD = [
    rec("amount", 0, 4, value=86, unit="家", qualifier="exact"),
    rec("amount", 10, 14, value=4, unit="家", qualifier="exact"),
    rec("date", 20, 25, start="2019", end="2019"),
    rec("company", 30, 34, name="迈为股份"),
]
PRED = [
    rec("amount", 0, 4, value=86, unit="家", qualifier="exact"),   # strict, value right
    rec("amount", 10, 14, value=4, unit="个", qualifier="exact"),   # strict, value wrong
    rec("date", 19, 25, start="2019", end="2019"),                 # partial only
    rec("percentage", 40, 43, value=9, unit="%"),                  # false positive
]


def test_strict_partial_and_end_to_end_counts():
    doc = score_document("d", GOLD, PRED)
    amount, date, company, pct = (doc.counts[t] for t in ("amount", "date", "company", "percentage"))
    assert (amount["strict"].tp, amount["end_to_end"].tp, amount["partial"].tp) == (2, 1, 2)
    assert (date["strict"].tp, date["partial"].tp) == (0, 1)
    assert company["strict"].gold == 1 and company["strict"].tp == 0
    assert pct["strict"].pred == 1 and pct["strict"].tp == 0
    assert [g["type"] for g in doc.false_negatives] == ["date", "company"]
    assert [p["type"] for p in doc.false_positives] == ["date", "percentage"]
    assert len(doc.wrong_values) == 1


def test_micro_scores_hand_computed():
    result = score_corpus({"d": {"records": GOLD}}, {"d": {"records": PRED}}, samples=10)
    strict = result["micro"]["strict"]
    # 2 strict matches of 4 predicted and 4 gold.
    assert strict["precision"] == pytest.approx(0.5) and strict["recall"] == pytest.approx(0.5)
    e2e = result["micro"]["end_to_end"]
    assert e2e["tp"] == 1 and e2e["f1"] == pytest.approx(0.25)
    partial = result["micro"]["partial"]
    assert partial["tp"] == 3 and partial["f1"] == pytest.approx(0.75)
    assert result["per_type"]["amount"]["value_accuracy"] == pytest.approx(0.5)
    assert result["micro"]["value_accuracy"] == pytest.approx(0.5)


def test_partial_matching_is_one_to_one_by_largest_overlap():
    gold = [rec("amount", 0, 10), rec("amount", 12, 14)]
    pred = [rec("amount", 0, 3), rec("amount", 2, 13)]
    # overlaps: g0-p0 = 3, g0-p1 = 8, g1-p1 = 1. Largest first pairs g0-p1; then g0 is used,
    # so p0 stays unmatched and g1 (overlapping only p1, already used) too.
    assert partial_pairs(gold, pred) == [(0, 1)]


def test_value_with_absent_key_counts_as_null():
    gold = [rec("ranking", 0, 3, rank=7, top_n=None, tier=None, out_of=118)]
    pred = [rec("ranking", 0, 3, rank=7, out_of=118)]
    assert score_document("d", gold, pred).value_correct["ranking"] == 1


def test_empty_prediction_scores_zero_recall_and_lists_missing():
    result = score_corpus({"d": {"records": GOLD}}, {}, samples=5)
    assert result["micro"]["strict"]["recall"] == 0
    assert result["missing_predictions"] == ["d"]


def test_bootstrap_is_deterministic_under_a_seed_and_brackets_the_estimate():
    docs = [score_document(str(i), GOLD, PRED if i % 2 else GOLD) for i in range(6)]
    first = bootstrap_intervals(docs, samples=200, seed=7)
    again = bootstrap_intervals(docs, samples=200, seed=7)
    other = bootstrap_intervals(docs, samples=200, seed=8)
    assert first == again
    assert first != other
    interval = first["f1"]["micro"]["strict"]
    assert 0 <= interval["low"] <= 0.75 <= interval["high"] <= 1
