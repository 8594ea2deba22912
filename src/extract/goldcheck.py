"""The gold validator: every gold file must obey the contract before it scores anything."""

from __future__ import annotations

import json
from pathlib import Path

import regex
from pydantic import ValidationError

from . import numbers
from .docio import iter_jsonl
from .models import Document
from .pipeline import sha256_text
from .textnorm import normalize

_NUMERAL = regex.compile(numbers.NUMBER)
_RANK_ONE = ("首", "榜首", "首位", "冠")
_MINUS_SIGNS = ("-", "−")
GENRES = ("news_feature", "gov_work_report", "stat_communique", "zone_intro", "enterprise_news", "ranking_news")
"""The kinds of document gold/GUIDELINES.md lets a corpus file's metadata name."""


def _numeral_value(text: str):
    """The first number in a span, negative when a minus sign is written before it (`-3.4亿元`)."""
    text = text.replace("，", "")
    match = _NUMERAL.search(text)
    if not match:
        return None
    try:
        value = numbers.parse_number(match.group(0)).value
    except numbers.NumberParseError:
        return None
    return -value if text[match.start() - 1:match.start()] in _MINUS_SIGNS else value


def _value_problems(record: dict) -> list[str]:
    """Cross-check a value with its own span text where the text fixes it."""
    text, value, kind = normalize(record["text"]).replace("百分之", ""), record["value"], record["type"]
    problems = []
    if kind == "company" and value.get("name") != record["text"]:
        problems.append(f"company name {value.get('name')!r} differs from span {record['text']!r}")
    if kind in ("amount", "percentage"):
        number = _numeral_value(text)
        stated = value.get("value")
        if number is not None and stated is not None and kind == "percentage":
            scale = 10 if text.rstrip("多余").endswith("成") else 1
            if not _close(float(number) * scale, stated):
                problems.append(f"percentage {stated} does not match span {text!r}")
        if number is not None and stated is not None and kind == "amount":
            if not _close(float(number), stated) and not _close(float(number) * 10 ** 4, stated) \
                    and not any(_close(float(number) * f, stated) for f in (10 ** 3, 10 ** 8, 10 ** 12, 10 ** 7)):
                problems.append(f"amount {stated} does not match span {text!r}")
    if kind == "ranking":
        position = value.get("rank") or value.get("top_n") or value.get("tier")
        number = _numeral_value(text)
        if number is None and not any(w in text for w in _RANK_ONE) and position != 1:
            problems.append(f"ranking {text!r} states no position")
        elif number is not None and position is not None and int(number) != position:
            problems.append(f"ranking position {position} does not match span {text!r}")
    if kind == "date" and not value.get("relative") and value.get("start"):
        year = value["start"][:4]
        decade = f"{year[2:4]}年代" if year.endswith("0") else None
        if year not in text and not (decade and decade in text) and not regex.search(r"[〇零一二三四五六七八九十]", text):
            problems.append(f"date start {value['start']} not visible in span {text!r}")
    return problems


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def check_document(doc: dict, corpus_dir: Path) -> list[str]:
    """Problems of one gold document line; an empty list means it is valid."""
    doc_id = doc.get("doc_id", "?")
    where = f"gold/{doc_id}"
    try:
        Document.model_validate(doc)
    except ValidationError as exc:
        return [f"{where}: schema: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}"]
    text_path = corpus_dir / f"{doc_id}.txt"
    if not text_path.exists():
        return [f"{where}: no corpus file {text_path}"]
    text = text_path.read_bytes().decode("utf-8")
    problems = []
    if sha256_text(text) != doc["text_sha256"]:
        problems.append(f"{where}: text_sha256 does not match {text_path}")
    meta_path = corpus_dir / f"{doc_id}.meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("ref_date") != doc.get("ref_date"):
            problems.append(f"{where}: ref_date {doc.get('ref_date')!r} differs from meta {meta.get('ref_date')!r}")
        if meta.get("genre") not in GENRES:
            problems.append(f"{where}: genre {meta.get('genre')!r} in {meta_path.name} is not one of {', '.join(GENRES)}")
    last_end, last_start = -1, -1
    for index, record in enumerate(doc["records"]):
        label = f"{where} record {index} ({record['type']} {record['text']!r})"
        if text[record["start"]:record["end"]] != record["text"]:
            problems.append(f"{label}: text[{record['start']}:{record['end']}] is {text[record['start']:record['end']]!r}")
        if record["start"] < last_start:
            problems.append(f"{label}: records not sorted by start")
        if record["start"] < last_end:
            problems.append(f"{label}: overlaps the previous record")
        last_end, last_start = max(last_end, record["end"]), record["start"]
        problems.extend(f"{label}: {p}" for p in _value_problems(record))
    return problems


def check_gold(gold_dir: Path, corpus_dir: Path) -> tuple[int, int, list[str]]:
    """Check every `gold/*.jsonl`; returns (documents, records, problems)."""
    documents = records = 0
    problems: list[str] = []
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        for number, doc in iter_jsonl(path):
            documents += 1
            records += len(doc.get("records", []))
            if doc.get("doc_id") != path.stem:
                problems.append(f"{path}:{number}: doc_id {doc.get('doc_id')!r} differs from file name")
            problems.extend(check_document(doc, Path(corpus_dir)))
    return documents, records, problems
