"""Text in, `Document` out: every type's finder, then its normalizer, then overlap resolution."""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping, Optional, Union

from . import amount, company, date, percentage, ranking
from .context import Context, RefDate
from .facts import find_facts
from .models import Document
from .overlap import resolve_overlaps

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


def extract(
    text: str,
    ref_date: Union[str, RefDate, None] = None,
    *,
    doc_id: str = "doc",
    source: Optional[str] = None,
) -> Document:
    """Extract every record from one text. `ref_date` anchors relative dates; None leaves them null."""
    ref = RefDate.parse(ref_date)
    ctx = Context(text, ref)
    records = extract_records(ctx)
    return Document(
        doc_id=doc_id,
        source=source,
        text_sha256=sha256_text(text),
        ref_date=ref.iso() if ref else None,
        records=records,
        facts=find_facts(ctx, records),
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
