"""doccano and Label Studio formats, in and out, with values carried alongside the spans.

doccano (sequence labeling JSONL): `{"text", "label": [[start, end, "type"]]}` plus a
`zone_extract` key `{"doc_id", "ref_date", "values": [value, ...]}` aligned with `label`
(doccano keeps unknown keys as metadata).
Label Studio (JSON task list): each record is a `labels` region whose `value` holds
`{start, end, text, labels: [type]}`, and a per-region `textarea` result with the same
`id` whose `value.text` is `[json of the value]` — the standard way Label Studio stores an
attribute of a region. Gold goes in `annotations`, extractor output in `predictions`.
"""

from __future__ import annotations

import json
from typing import Iterable, Literal

from .errors import InputError
from .pipeline import sha256_text

Format = Literal["doccano", "label-studio"]
FORMATS: tuple[str, ...] = ("doccano", "label-studio")
LABEL_FROM, VALUE_FROM, TO_NAME = "type", "value", "text"


def to_doccano(doc: dict, text: str) -> dict:
    records = doc.get("records", [])
    return {
        "text": text,
        "label": [[r["start"], r["end"], r["type"]] for r in records],
        "zone_extract": {
            "doc_id": doc["doc_id"],
            "ref_date": doc.get("ref_date"),
            "values": [r["value"] for r in records],
        },
    }


def from_doccano(row: dict, position: int) -> tuple[dict, str]:
    """One doccano line back to (document, text). Spans without a carried value are refused."""
    text = row.get("text")
    if not isinstance(text, str):
        raise InputError(f"doccano line {position}: no text")
    meta = row.get("zone_extract") or {}
    labels = row.get("label") or row.get("labels") or []
    values = meta.get("values") or []
    if len(values) != len(labels):
        raise InputError(f"doccano line {position}: {len(labels)} spans but {len(values)} values in zone_extract.values")
    records = [
        {"type": kind, "start": start, "end": end, "text": text[start:end], "value": value}
        for (start, end, kind), value in zip(labels, values)
    ]
    doc_id = meta.get("doc_id") or str(row.get("id", position))
    return _document(doc_id, text, meta.get("ref_date"), records), text


def to_label_studio(doc: dict, text: str, index: int, as_prediction: bool = False) -> dict:
    results = []
    for n, record in enumerate(doc.get("records", [])):
        region = f"r{n}"
        span = {"start": record["start"], "end": record["end"], "text": record["text"]}
        results.append({"id": region, "from_name": LABEL_FROM, "to_name": TO_NAME, "type": "labels",
                         "value": {**span, "labels": [record["type"]]}})
        results.append({"id": region, "from_name": VALUE_FROM, "to_name": TO_NAME, "type": "textarea",
                        "value": {**span, "text": [json.dumps(record["value"], ensure_ascii=False)]}})
    task = {"id": index, "data": {"text": text, "doc_id": doc["doc_id"], "ref_date": doc.get("ref_date")}}
    if as_prediction:
        task["predictions"] = [{"model_version": "zone-extract", "result": results}]
    else:
        task["annotations"] = [{"id": index, "result": results}]
    return task


def from_label_studio(task: dict, position: int) -> tuple[dict, str]:
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"Label Studio task {position}: no data.text")
    sets = task.get("annotations") or task.get("predictions") or []
    results = sets[0].get("result", []) if sets else []
    values = {r["id"]: json.loads(r["value"]["text"][0]) for r in results if r.get("type") == "textarea"}
    records = []
    for r in results:
        if r.get("type") != "labels":
            continue
        if r["id"] not in values:
            raise InputError(f"Label Studio task {position}: region {r['id']} has no value textarea")
        start, end = r["value"]["start"], r["value"]["end"]
        records.append({"type": r["value"]["labels"][0], "start": start, "end": end,
                        "text": text[start:end], "value": values[r["id"]]})
    doc_id = data.get("doc_id") or str(task.get("id", position))
    return _document(doc_id, text, data.get("ref_date"), sorted(records, key=lambda x: x["start"])), text


def _document(doc_id: str, text: str, ref_date, records: list[dict]) -> dict:
    return {"doc_id": doc_id, "source": f"corpus/{doc_id}.txt", "text_sha256": sha256_text(text),
            "ref_date": ref_date, "records": records}


def export_documents(docs: Iterable[tuple[dict, str]], fmt: Format, as_prediction: bool = False) -> str:
    """Serialize (document, text) pairs: doccano as JSONL, Label Studio as one JSON array."""
    pairs = list(docs)
    if fmt == "doccano":
        return "".join(json.dumps(to_doccano(d, t), ensure_ascii=False) + "\n" for d, t in pairs)
    tasks = [to_label_studio(d, t, i + 1, as_prediction) for i, (d, t) in enumerate(pairs)]
    return json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"


def import_documents(content: str, fmt: Format) -> list[tuple[dict, str]]:
    if fmt == "doccano":
        rows = []
        for n, line in enumerate(content.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(from_doccano(json.loads(line), n))
                except json.JSONDecodeError as exc:
                    raise InputError(f"doccano line {n}: not JSON ({exc.msg})") from exc
        return rows
    try:
        tasks = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InputError(f"Label Studio export is not JSON ({exc.msg})") from exc
    if not isinstance(tasks, list):
        raise InputError("Label Studio export must be a JSON list of tasks")
    return [from_label_studio(task, n) for n, task in enumerate(tasks, 1)]
