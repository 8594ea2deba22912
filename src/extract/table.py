"""Facts as a spreadsheet: one row per fact, for the tools analysts use (.xlsx via openpyxl, or CSV).

CSV is written as UTF-8 with a BOM so spreadsheet programs open the Chinese text correctly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .context import sentence_bounds

COLUMNS = ("document", "subject", "metric", "date", "value", "unit", "qualifier", "change",
           "rank", "out_of", "sentence")


def _date_text(date: Mapping | None) -> str:
    if not date or not date.get("start"):
        return ""
    start, end = date["start"], date.get("end") or date["start"]
    return start if start == end else f"{start}..{end}"


def _sentence(text: str, start: int, end: int) -> str:
    left, right = sentence_bounds(text, start, end)
    return text[left:right].strip()


def _number(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _value_cells(record: Mapping) -> dict:
    value = record.get("value", {})
    if record["type"] == "ranking":
        rank = value.get("rank") or value.get("top_n") or value.get("tier")
        return {"value": record["text"], "unit": "", "rank": rank, "out_of": value.get("out_of"),
                "qualifier": value.get("qualifier", "")}
    number = _number(value.get("value"))
    if value.get("value_max") is not None:
        number = f"{number}–{_number(value['value_max'])}"
    return {"value": number, "unit": value.get("unit", ""), "rank": None, "out_of": None,
            "qualifier": value.get("qualifier", "")}


def fact_rows(doc: Mapping, text: str | None = None) -> Iterator[dict]:
    """Rows of one output document line; `text` (or the line's own `text`) fills the sentence column."""
    records = doc.get("records", [])
    text = text if text is not None else doc.get("text") or ""
    for fact in doc.get("facts", []):
        record = records[fact["record"]]
        row = {"document": doc.get("doc_id", ""),
               "subject": (fact.get("subject") or {}).get("text", ""),
               "metric": (fact.get("metric") or {}).get("text", ""),
               "date": _date_text(fact.get("date")),
               "change": fact.get("change") or "",
               "sentence": _sentence(text, record["start"], record["end"]) if text else ""}
        row.update(_value_cells(record))
        yield row


def write_xlsx(rows: Iterable[dict], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "facts"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(["" if row.get(c) is None else row.get(c) for c in COLUMNS])
    sheet.freeze_panes = "A2"
    book.save(path)


def csv_text(rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in COLUMNS})
    return buffer.getvalue()


def write_table(rows: Iterable[dict], path: Path) -> None:
    """`.xlsx` through openpyxl; anything else as CSV, UTF-8 with BOM."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        write_xlsx(rows, path)
    else:
        path.write_bytes(csv_text(rows).encode("utf-8-sig"))
