"""Precision, recall and F1 of predicted records against gold, as ANNOTATION.md defines them.

Works on plain dicts (one per document line) so any tool's JSONL can be scored.
Three matchings: strict (same type and span), partial (same type, overlapping,
one-to-one by largest overlap) and end-to-end (strict and the key value fields equal).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .models import RECORD_TYPES

KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("start", "end"),
    "amount": ("value", "unit", "qualifier"),
    "percentage": ("value", "unit"),
    "ranking": ("rank", "top_n", "tier", "out_of"),
    "company": ("name",),
}
MODES = ("strict", "partial", "end_to_end")


def _equal(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def value_matches(record_type: str, gold_value: Mapping, pred_value: Mapping) -> bool:
    """The key fields of the contract agree (absent counts as null)."""
    return all(_equal(gold_value.get(k), pred_value.get(k)) for k in KEY_FIELDS[record_type])


def partial_pairs(gold: Sequence[Mapping], pred: Sequence[Mapping]) -> list[tuple[int, int]]:
    """One-to-one pairs of same-type overlapping records, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["type"] != p["type"]:
                continue
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((-overlap, g["start"], p["start"], gi, pi))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for _, _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


@dataclass
class Counts:
    """True positives, predicted and gold totals for one mode."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "pred": self.pred, "gold": self.gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class DocScore:
    """Per-type counts of one document, plus the errors a reviewer reads."""

    doc_id: str
    counts: dict[str, dict[str, Counts]]
    value_correct: dict[str, int]
    false_positives: list[Mapping] = field(default_factory=list)
    false_negatives: list[Mapping] = field(default_factory=list)
    wrong_values: list[dict] = field(default_factory=list)


def score_document(doc_id: str, gold: Sequence[Mapping], pred: Sequence[Mapping]) -> DocScore:
    counts = {t: {m: Counts() for m in MODES} for t in RECORD_TYPES}
    value_correct = {t: 0 for t in RECORD_TYPES}
    for record in gold:
        for mode in MODES:
            counts[record["type"]][mode].gold += 1
    for record in pred:
        for mode in MODES:
            counts[record["type"]][mode].pred += 1

    gold_by_key = {(g["type"], g["start"], g["end"]): g for g in gold}
    matched_gold, wrong_values = set(), []
    false_positives = []
    for p in pred:
        key = (p["type"], p["start"], p["end"])
        g = gold_by_key.get(key)
        if g is None or key in matched_gold:
            false_positives.append(p)
            continue
        matched_gold.add(key)
        counts[p["type"]]["strict"].tp += 1
        if value_matches(p["type"], g.get("value", {}), p.get("value", {})):
            counts[p["type"]]["end_to_end"].tp += 1
            value_correct[p["type"]] += 1
        else:
            wrong_values.append({"gold": g, "pred": p})
    false_negatives = [g for g in gold if (g["type"], g["start"], g["end"]) not in matched_gold]
    for gi, _ in partial_pairs(gold, pred):
        counts[gold[gi]["type"]]["partial"].tp += 1
    return DocScore(doc_id, counts, value_correct, false_positives, false_negatives, wrong_values)


def aggregate(doc_scores: Iterable[DocScore]) -> dict:
    """Per-type and micro-averaged P/R/F1 for each mode, and value accuracy on strict matches."""
    totals = {t: {m: Counts() for m in MODES} for t in RECORD_TYPES}
    value_correct = {t: 0 for t in RECORD_TYPES}
    for doc in doc_scores:
        for t in RECORD_TYPES:
            for m in MODES:
                totals[t][m].add(doc.counts[t][m])
            value_correct[t] += doc.value_correct[t]
    micro = {m: Counts() for m in MODES}
    for t in RECORD_TYPES:
        for m in MODES:
            micro[m].add(totals[t][m])
    per_type: dict[str, dict[str, object]] = {}
    for t in RECORD_TYPES:
        strict_tp = totals[t]["strict"].tp
        per_type[t] = {m: totals[t][m].as_dict() for m in MODES}
        per_type[t]["value_accuracy"] = value_correct[t] / strict_tp if strict_tp else None
    strict_all = micro["strict"].tp
    micro_scores: dict[str, object] = {m: micro[m].as_dict() for m in MODES}
    micro_scores["value_accuracy"] = sum(value_correct.values()) / strict_all if strict_all else None
    return {"per_type": per_type, "micro": micro_scores}


def bootstrap_intervals(doc_scores: Sequence[DocScore], samples: int = 1000, seed: int = 0,
                        level: float = 0.95) -> dict:
    """Percentile confidence intervals of F1, resampling whole documents with replacement."""
    rng = random.Random(seed)
    keys = [(t, m) for t in RECORD_TYPES for m in MODES] + [("micro", m) for m in MODES]
    draws: dict[tuple[str, str], list[float]] = {k: [] for k in keys}
    if not doc_scores:
        return {}
    for _ in range(samples):
        sample = [doc_scores[rng.randrange(len(doc_scores))] for _ in doc_scores]
        scores = aggregate(sample)
        for t, m in keys:
            f1 = scores["micro"][m]["f1"] if t == "micro" else scores["per_type"][t][m]["f1"]
            draws[(t, m)].append(f1)
    low_q, high_q = (1 - level) / 2, 1 - (1 - level) / 2
    out: dict = {}
    for (t, m), values in draws.items():
        values.sort()
        low = values[min(len(values) - 1, int(math.floor(low_q * len(values))))]
        high = values[min(len(values) - 1, int(math.ceil(high_q * len(values))) - 1)]
        out.setdefault(t, {})[m] = {"low": low, "high": high}
    return {"level": level, "samples": samples, "seed": seed, "f1": out}


def score_corpus(gold_docs: Mapping[str, Mapping], pred_docs: Mapping[str, Mapping],
                 samples: int = 1000, seed: int = 0) -> dict:
    """Score every gold document (a missing prediction counts as no records)."""
    doc_scores = [
        score_document(doc_id, gold_docs[doc_id].get("records", []),
                       pred_docs.get(doc_id, {}).get("records", []))
        for doc_id in sorted(gold_docs)
    ]
    result = aggregate(doc_scores)
    result["documents"] = {
        d.doc_id: {
            "strict": _micro(d, "strict"),
            "end_to_end": _micro(d, "end_to_end"),
        }
        for d in doc_scores
    }
    result["confidence"] = bootstrap_intervals(doc_scores, samples=samples, seed=seed)
    result["missing_predictions"] = sorted(set(gold_docs) - set(pred_docs))
    result["_doc_scores"] = doc_scores
    return result


def _micro(doc: DocScore, mode: str) -> dict:
    total = Counts()
    for t in RECORD_TYPES:
        total.add(doc.counts[t][mode])
    return total.as_dict()
