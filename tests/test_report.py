"""The reviewer's report: escaped, complete, and reproducible."""

from __future__ import annotations

import json

from extract.cli import main


def test_report_escapes_document_text(tmp_path):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    text = "<script>alert(1)</script>2019年营收20亿元，增长9%。"
    (corpus / "evil.txt").write_text(text, encoding="utf-8")
    from extract.pipeline import sha256_text

    record = {"type": "percentage", "start": text.index("9%"), "end": text.index("9%") + 2, "text": "9%",
              "value": {"value": 9, "value_max": None, "unit": "%", "qualifier": "exact", "change": "increase"}}
    (gold / "evil.jsonl").write_text(json.dumps({"doc_id": "evil", "source": str(corpus / "evil.txt"),
                                                 "text_sha256": sha256_text(text), "ref_date": "2020",
                                                 "records": [record]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "outputs"
    assert main(["eval", "--corpus", str(corpus), "--gold", str(gold), "--outputs", str(out), "--samples", "20"]) == 0
    page = (out / "report" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "<svg" in page
    scores = json.loads((out / "report" / "scores.json").read_text(encoding="utf-8"))
    assert scores["per_type"]["percentage"]["strict"]["gold"] == 1
    assert "| percentage" in (out / "report" / "report.md").read_text(encoding="utf-8")
