"""doccano and Label Studio: export, import, and the round trip through both."""

from __future__ import annotations

import json

import pytest

from extract.annotations import export_documents, import_documents
from extract.cli import main
from extract.docio import load_documents
from extract.errors import InputError


@pytest.mark.parametrize("fmt", ["doccano", "label-studio"])
def test_round_trip_keeps_every_record_and_value(root, tmp_path, fmt):
    exported = tmp_path / f"export.{fmt}"
    assert main(["gold", "export", "--to", fmt, "--gold", str(root / "gold"), "--corpus", str(root / "corpus"),
                 "-o", str(exported)]) == 0
    gold_out, corpus_out = tmp_path / "gold", tmp_path / "corpus"
    assert main(["gold", "import", "--from", fmt, str(exported), "--gold", str(gold_out),
                 "--corpus", str(corpus_out)]) == 0
    original = load_documents(root / "gold")
    again = load_documents(gold_out)
    assert set(again) == set(original)
    for doc_id, doc in original.items():
        assert again[doc_id]["records"] == doc["records"]
        assert again[doc_id]["text_sha256"] == doc["text_sha256"]
        assert again[doc_id]["ref_date"] == doc["ref_date"]


def test_label_studio_shape_is_the_tools_task_format(root):
    doc = load_documents(root / "gold" / "wujiang-2020.jsonl")["wujiang-2020"]
    text = (root / "corpus" / "wujiang-2020.txt").read_text(encoding="utf-8")
    (task,) = json.loads(export_documents([(doc, text)], "label-studio"))
    result = task["annotations"][0]["result"]
    region = result[0]
    assert region["type"] == "labels" and region["to_name"] == "text"
    assert set(region["value"]) == {"start", "end", "text", "labels"}
    assert text[region["value"]["start"]:region["value"]["end"]] == region["value"]["text"]
    assert result[1]["id"] == region["id"] and result[1]["type"] == "textarea"


def test_doccano_line_without_values_is_refused():
    with pytest.raises(InputError, match="values"):
        import_documents(json.dumps({"text": "增长9%", "label": [[2, 4, "percentage"]]}), "doccano")
