"""Offsets hold on every corpus document: `text[start:end] == record.text`, always."""

from __future__ import annotations

import json

import pytest

from extract import extract


def _corpus(root):
    return sorted((root / "corpus").glob("*.txt"))


def test_seed_is_byte_identical_to_the_shared_copy(root, shared):
    assert (root / "corpus" / "wujiang-2020.txt").read_bytes() == (shared / "seed-wujiang-2020.txt").read_bytes()


def test_every_record_points_at_its_own_text(root):
    checked = 0
    for path in _corpus(root):
        text = path.read_bytes().decode("utf-8")
        meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
        doc = extract(text, meta["ref_date"], doc_id=path.stem)
        for record in doc.records:
            assert text[record.start:record.end] == record.text, (path.stem, record)
            checked += 1
        spans = [(r.start, r.end) for r in doc.records]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), f"{path.stem}: overlapping records"
    assert checked > 0


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_offsets_survive_any_newline_and_full_width_forms(newline):
    text = newline.join(["\u3000\u30002019年，园区新增企业１２家。", "实现营收２０亿元，增长９％。"])
    doc = extract(text, "2020")
    assert doc.records
    for record in doc.records:
        assert text[record.start:record.end] == record.text
