"""A spaCy pipeline component: `nlp.add_pipe("zone_extract")` puts the records in `doc.spans["zone"]`.

Registered through the `spacy_factories` entry point. Records are character spans; a
Chinese segmenter (char, jieba) may cut tokens elsewhere, so each span is mapped to the
smallest token span covering it (`alignment_mode="expand"`), and `span._.value` carries
the record's value dict.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .pipeline import extract

SPANS_KEY = "zone"

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)
if not Span.has_extension("record_text"):
    Span.set_extension("record_text", default=None)


class ZoneExtract:
    """Runs the rule-based extractor on `doc.text` and stores each record as a labelled span."""

    def __init__(self, ref_date: Optional[str] = None, spans_key: str = SPANS_KEY):
        self.ref_date = ref_date
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        result = extract(doc.text, self.ref_date or doc.user_data.get("ref_date"))
        spans = []
        for record in result.records:
            span = doc.char_span(record.start, record.end, label=record.type, alignment_mode="expand")
            if span is None:
                continue
            span._.value = record.value.model_dump()
            span._.record_text = record.text
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("zone_extract", default_config={"ref_date": None, "spans_key": SPANS_KEY})
def make_zone_extract(nlp: Language, name: str, ref_date: Optional[str], spans_key: str) -> ZoneExtract:
    return ZoneExtract(ref_date=ref_date, spans_key=spans_key)
