"""Text in, `Document` out: every type's finder, then its normalizer, then overlap resolution."""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping, Optional, Union

from . import amount, company, date, percentage, ranking
from .context import Context, RefDate
from .facts import find_facts
from .models import Document, Fact, FactSpan
from .overlap import resolve_overlaps
from .unwrap import Unwrapped, unwrap

EXTRACTORS = (date, percentage, amount, ranking, company)
"""Each module has `find(ctx) -> list[Candidate]` and `normalize(candidate, ctx) -> Record | None`."""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract_records(ctx: Context) -> list:
    """The records of one text, overlaps resolved; no facts (a caller that needs only records skips them)."""
    records = []
    for module in EXTRACTORS:
        for candidate in module.find(ctx):
            record = module.normalize(candidate, ctx)
            if record is not None:
                records.append(record)
    return resolve_overlaps(records)


def _read(text: str, ref: Optional[RefDate]) -> tuple[Context, Unwrapped]:
    """The context the extractors read: the text with its wrapped lines joined (see `unwrap`)."""
    unwrapped = unwrap(text)
    return Context(unwrapped.text, ref), unwrapped


def _records_home(records: list, unwrapped: Unwrapped, text: str) -> list:
    """Records read from the joined text, their offsets and text mapped back onto `text`; a firm's
    name is its span as written, a line break inside included."""
    if not unwrapped.removed:
        return records
    homes = [(unwrapped.start_home(r.start), unwrapped.end_home(r.end)) for r in records]
    return [_moved_home(r, text, s, e) for r, (s, e) in zip(records, homes)]


def _moved_home(record, text: str, start: int, end: int):
    update: dict = {"start": start, "end": end, "text": text[start:end]}
    if record.type == "company":
        update["value"] = record.value.model_copy(update={"name": update["text"]})
    return record.model_copy(update=update)


def _span_home(span: Optional[FactSpan], unwrapped: Unwrapped, text: str) -> Optional[FactSpan]:
    """A fact's span mapped home; its text too when it is the span's (a resolved name stays as resolved)."""
    if span is None or span.start is None or span.end is None:
        return span
    start, end = unwrapped.start_home(span.start), unwrapped.end_home(span.end)
    read = span.text == unwrapped.text[span.start:span.end]
    return span.model_copy(update={"start": start, "end": end, "text": text[start:end] if read else span.text})


def _fact_home(fact: Fact, unwrapped: Unwrapped, text: str) -> Fact:
    return fact.model_copy(update={"subject": _span_home(fact.subject, unwrapped, text),
                                   "metric": _span_home(fact.metric, unwrapped, text)})


def records_of(text: str, ref_date: Union[str, RefDate, None] = None) -> list:
    """The records of one text, offsets into it, without facts (for callers that need records only)."""
    ctx, unwrapped = _read(text, RefDate.parse(ref_date))
    return _records_home(extract_records(ctx), unwrapped, text)


def extract(
    text: str,
    ref_date: Union[str, RefDate, None] = None,
    *,
    doc_id: str = "doc",
    source: Optional[str] = None,
) -> Document:
    """Extract every record from one text. `ref_date` anchors relative dates; None leaves them null.
    Lines a page wrapped mid-sentence are read joined (see `unwrap`); offsets are the text's own."""
    ref = RefDate.parse(ref_date)
    ctx, unwrapped = _read(text, ref)
    records = extract_records(ctx)
    facts = find_facts(ctx, records)
    if unwrapped.removed:
        records = _records_home(records, unwrapped, text)
        facts = [_fact_home(f, unwrapped, text) for f in facts]
    return Document(
        doc_id=doc_id,
        source=source,
        text_sha256=sha256_text(text),
        ref_date=ref.iso() if ref else None,
        records=records,
        facts=facts,
    )


def extract_many(items: Iterable[Union[str, Mapping]]) -> Iterator[Document]:
    """Batch form: strings, or mappings with `text` and optional `doc_id`, `ref_date`, `source`."""
    for index, item in enumerate(items):
        if isinstance(item, str):
            yield extract(item, doc_id=f"doc-{index}")
        else:
            yield extract(
                item["text"],
                item.get("ref_date"),
                doc_id=item.get("doc_id") or f"doc-{index}",
                source=item.get("source"),
            )


BATCH_GC_THRESHOLD = 10_000
"""Extraction makes and drops thousands of small objects per document, almost none of them in
cycles; at Python's default threshold (700) the collector ran some 250 times per 300,000
characters and took about 3% of a run, at this one it has next to nothing to do. A long
document keeps many objects alive at once, so at the default every full collection walks
them all: a document of half a million characters spent a fifth of its time there."""


def collect_less_often() -> tuple[int, int, int]:
    """Raise the collector's first threshold for a batch; returns the thresholds it replaced."""
    previous = gc.get_threshold()
    gc.set_threshold(BATCH_GC_THRESHOLD, *previous[1:])
    return previous


@contextmanager
def batch_collection() -> Iterator[None]:
    """Collect cyclic garbage less often while documents stream through, as it builds up slowly."""
    previous = collect_less_often()
    try:
        yield
    finally:
        gc.set_threshold(*previous)
