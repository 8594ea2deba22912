"""The gold set obeys the contract, and the extractor is scored against it."""

from __future__ import annotations

import json
import shutil

import pytest

from extract import extract
from extract.docio import load_documents
from extract.goldcheck import check_gold
from extract.models import RECORD_TYPES
from extract.pipeline import sha256_text
from extract.scoring import score_corpus


def test_gold_set_passes_the_validator(root):
    documents, records, problems = check_gold(root / "gold", root / "corpus")
    assert problems == []
    assert documents >= 1 and records > 0


def test_every_corpus_document_has_meta_and_gold(root):
    for text in sorted((root / "corpus").glob("*.txt")):
        meta = json.loads(text.with_name(text.stem + ".meta.json").read_text(encoding="utf-8"))
        assert meta["doc_id"] == text.stem
        assert set(meta) >= {"title", "genre", "region", "ref_date"}
        assert (root / "gold" / f"{text.stem}.jsonl").is_file()


@pytest.fixture()
def broken_gold(tmp_path, root):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    shutil.copy(root / "corpus" / "wujiang-2020.txt", corpus)
    doc = json.loads((root / "gold" / "wujiang-2020.jsonl").read_text(encoding="utf-8"))
    return corpus, gold, doc


def _write(gold, doc):
    (gold / "wujiang-2020.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")


def test_validator_catches_a_shifted_offset(broken_gold):
    corpus, gold, doc = broken_gold
    doc["records"][0]["start"] += 1
    _write(gold, doc)
    assert any("text[" in p or "schema" in p for p in check_gold(gold, corpus)[2])


def test_validator_catches_overlap_wrong_sha_and_wrong_value(broken_gold):
    corpus, gold, doc = broken_gold
    first = dict(doc["records"][0])
    doc["records"].insert(1, first)
    doc["text_sha256"] = "0" * 64
    amount = next(r for r in doc["records"] if r["type"] == "amount")
    amount["value"] = {**amount["value"], "value": amount["value"]["value"] * 3 + 1}
    _write(gold, doc)
    problems = " ".join(check_gold(gold, corpus)[2])
    assert "overlaps" in problems
    assert "text_sha256" in problems
    assert "does not match span" in problems


def _problems_with_one_record(tmp_path, doc_id: str, text: str, record: dict) -> list[str]:
    """The validator's problems for a one-document gold set holding `record` over `text`."""
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir(exist_ok=True)
    gold.mkdir(exist_ok=True)
    (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    doc = {"doc_id": doc_id, "source": f"corpus/{doc_id}.txt", "text_sha256": sha256_text(text),
           "ref_date": None, "records": [record]}
    (gold / f"{doc_id}.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return check_gold(gold, corpus)[2]


@pytest.mark.parametrize("text,span,record_type,value,right,wrong", [
    pytest.param("青溪电子去年净利润为-3.4亿元。\n", "-3.4亿元", "amount",
                 {"unit": "CNY", "kind": "money", "qualifier": "exact"}, -340000000, 340000000, id="minus-sign"),
    pytest.param("园区出口额增长两成多。\n", "两成多", "percentage",
                 {"unit": "%", "qualifier": "over", "change": "increase"}, 20, 2, id="tenths-with-approximator"),
])
def test_validator_reads_the_value_its_span_states(tmp_path, text, span, record_type, value, right, wrong):
    start = text.index(span)
    for stated, expected_problems in ((right, 0), (wrong, 1)):
        record = {"type": record_type, "start": start, "end": start + len(span), "text": span,
                  "value": {**value, "value": stated}}
        problems = _problems_with_one_record(tmp_path, "doc", text, record)
        assert len(problems) == expected_problems, problems


def test_validator_names_an_unknown_genre(tmp_path):
    text = "园区出口额增长两成多。\n"
    record = {"type": "percentage", "start": 7, "end": 10, "text": "两成多",
              "value": {"value": 20, "unit": "%", "qualifier": "over", "change": "increase"}}
    for genre, expected_problems in (("news_feature", 0), ("news", 1)):
        (tmp_path / "corpus").mkdir(exist_ok=True)
        meta = {"doc_id": "genre", "title": "t", "genre": genre, "region": "青省", "ref_date": None}
        (tmp_path / "corpus" / "genre.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        problems = _problems_with_one_record(tmp_path, "genre", text, record)
        assert len(problems) == expected_problems, problems


def test_validator_takes_a_company_name_as_written(tmp_path):
    text = "港灣國際控股有限公司上月宣布擴產。\n"
    name = "港灣國際控股有限公司"
    for written, expected_problems in ((name, 0), ("港湾国际控股有限公司", 1)):
        record = {"type": "company", "start": 0, "end": len(name), "text": name,
                  "value": {"name": written, "form": "full"}}
        problems = _problems_with_one_record(tmp_path, "hk", text, record)
        assert len(problems) == expected_problems, problems


def test_seed_article_scores_at_least_095_for_every_type(root):
    gold = load_documents(root / "gold" / "wujiang-2020.jsonl")
    text = (root / "corpus" / "wujiang-2020.txt").read_text(encoding="utf-8")
    doc = extract(text, "2020", doc_id="wujiang-2020")
    pred = {"wujiang-2020": json.loads(doc.to_json())}
    result = score_corpus(gold, pred, samples=10)
    for record_type in RECORD_TYPES:
        scores = result["per_type"][record_type]
        assert scores["strict"]["f1"] >= 0.95, (record_type, scores["strict"])
        assert scores["end_to_end"]["f1"] >= 0.95, (record_type, scores["end_to_end"])


def test_gold_set_is_large_and_varied_enough(root):
    """At least 30 documents, 60,000 characters, 1,200 records, 100 of every type, 15 regions, every genre."""
    texts = sorted((root / "corpus").glob("*.txt"))
    metas = [json.loads(p.with_name(p.stem + ".meta.json").read_text(encoding="utf-8")) for p in texts]
    gold = load_documents(root / "gold")
    counts = {t: sum(r["type"] == t for d in gold.values() for r in d["records"]) for t in RECORD_TYPES}
    assert len(texts) >= 30
    assert sum(len(p.read_bytes().decode("utf-8")) for p in texts) >= 60_000
    assert sum(counts.values()) >= 1_200
    assert min(counts.values()) >= 100, counts
    assert len({m["region"] for m in metas}) >= 15
    assert {m["genre"] for m in metas} >= {"news_feature", "gov_work_report", "stat_communique", "zone_intro",
                                           "enterprise_news", "ranking_news"}
    crlf = [p for p in texts if b"\r\n" in p.read_bytes()]
    ideographic = [p for p in texts if "\u3000" in p.read_text(encoding="utf-8")]
    assert crlf and ideographic


def test_validator_reads_a_decade_as_its_first_year(tmp_path):
    text = "园区始建于上世纪90年代。\n"
    span = "上世纪90年代"
    start = text.index(span)
    for first, expected_problems in (("1990", 0), ("1980", 1)):
        record = {"type": "date", "start": start, "end": start + len(span), "text": span,
                  "value": {"start": first, "end": first[:3] + "9", "relative": False}}
        problems = _problems_with_one_record(tmp_path, "decade", text, record)
        assert len(problems) == expected_problems, problems
