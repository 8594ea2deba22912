"""Examples are the tests: every entry of tests/cases/<type>.yaml, one parametrized test.

An entry is `{text, ref_date?, expect: [...], xfail?}`. `expect` lists the records
of the file's type in text order, each with its `text` (and `start` where the text
repeats) and the value fields that must hold; `expect: []` is a negative case.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from extract import extract
from extract.models import RECORD_TYPES

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases():
    params = []
    for record_type in RECORD_TYPES:
        path = CASES_DIR / f"{record_type}.yaml"
        if not path.exists():
            continue
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            label = case["text"].replace("\n", " ")[:24]
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(record_type, case, id=f"{record_type}-{index:03d}-{label}", marks=marks))
    return params


def _same(expected, actual) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return (
            expected is not None
            and actual is not None
            and math.isclose(float(expected), float(actual), rel_tol=1e-9)
        )
    return expected == actual


@pytest.mark.parametrize("record_type,case", _load_cases())
def test_case(record_type, case):
    doc = extract(case["text"], case.get("ref_date"))
    got = [r for r in doc.records if r.type == record_type]
    expected = case["expect"]
    summary = [(r.text, r.start, r.value.model_dump(), r.rule) for r in got]
    assert len(got) == len(expected), f"expected {[e['text'] for e in expected]}, got {summary}"
    for want, record in zip(expected, got):
        assert record.text == want["text"], summary
        if "start" in want:
            assert record.start == want["start"], summary
        value = record.value.model_dump()
        for key, wanted in want.get("value", {}).items():
            assert _same(wanted, value[key]), f"{record.text}: {key} = {value[key]!r}, expected {wanted!r} ({summary})"


def test_every_case_file_is_balanced():
    """Each type keeps at least 40 positive and 10 negative examples, each positive with a value."""
    for record_type in RECORD_TYPES:
        cases = yaml.safe_load((CASES_DIR / f"{record_type}.yaml").read_text(encoding="utf-8"))
        positives = [c for c in cases if c["expect"]]
        negatives = [c for c in cases if not c["expect"]]
        assert len(positives) >= 40, record_type
        assert len(negatives) >= 10, record_type
        assert all("value" in e for c in positives for e in c["expect"]), record_type
