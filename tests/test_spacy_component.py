"""The spaCy component, registered by entry point, with both Chinese segmenters."""

from __future__ import annotations

import pytest
import spacy
from spacy import displacy

SENTENCE = "2019年，辖区内新认定高新技术企业86家，今年实现营收20亿元，同比增长9%，居全省第一。"
SEGMENTERS = {
    "char": None,
    "jieba": {"nlp": {"tokenizer": {"segmenter": "jieba"}}},
}


@pytest.fixture(params=sorted(SEGMENTERS))
def nlp(request):
    config = SEGMENTERS[request.param]
    pipeline = spacy.blank("zh", config=config) if config else spacy.blank("zh")
    pipeline.add_pipe("zone_extract", config={"ref_date": "2020"})
    return pipeline


def test_records_become_labelled_spans_with_values(nlp):
    doc = nlp(SENTENCE)
    spans = {(s.label_, s._.record_text): s for s in doc.spans["zone"]}
    assert ("date", "2019年") in spans and ("date", "今年") in spans
    assert spans[("amount", "86家")]._.value["value"] == 86
    assert spans[("amount", "20亿元")]._.value["unit"] == "CNY"
    assert spans[("percentage", "9%")]._.value["change"] == "increase"
    assert spans[("ranking", "第一")]._.value["rank"] == 1
    assert spans[("date", "今年")]._.value["start"] == "2020"


def test_spans_cover_the_record_text_whatever_the_segmenter(nlp):
    doc = nlp(SENTENCE)
    for span in doc.spans["zone"]:
        assert span._.record_text in span.text
        start = SENTENCE.index(span._.record_text, span.start_char)
        assert span.start_char <= start and start + len(span._.record_text) <= span.end_char


def test_displacy_draws_the_spans(nlp):
    html = displacy.render(nlp(SENTENCE), style="span", options={"spans_key": "zone"})
    assert "amount" in html.lower() and "percentage" in html.lower() and "家" in html
