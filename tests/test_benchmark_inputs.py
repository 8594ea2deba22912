"""The benchmark's inputs: made of the corpus's own articles, as large as asked."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _throughput():
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "benchmarks" / "throughput.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles() -> set[str]:
    return {p.read_bytes().decode("utf-8") for p in (ROOT / "corpus").glob("*.txt")}


def test_the_mixed_input_is_corpus_articles_with_distinct_ids(tmp_path):
    path = tmp_path / "mixed.jsonl"
    chars = _throughput().build_input(path, 0.3)
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert sum(len(r["text"]) for r in rows) == chars
    assert sum(len(r["text"].encode("utf-8")) for r in rows) >= 0.3 * 1024 * 1024
    assert len({r["doc_id"] for r in rows}) == len(rows)
    assert {r["text"] for r in rows} <= _articles()


def test_long_documents_join_whole_articles_up_to_the_asked_length(tmp_path):
    path = tmp_path / "long.jsonl"
    chars = _throughput().build_long_input(path, 0.5, document_chars=60_000)
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    articles = _articles()
    assert len(rows) >= 2 and sum(len(r["text"]) for r in rows) == chars
    for row in rows:
        assert len(row["text"]) >= 60_000
        assert set(row["text"].split("\n")) <= {line for a in articles for line in a.split("\n")}
    assert len({r["doc_id"] for r in rows}) == len(rows)
