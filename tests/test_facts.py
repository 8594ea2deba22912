"""Facts: subject, metric and date of every amount, percentage and ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import extract
from extract.context import Context
from extract.fact_scoring import load_fact_gold, score_facts
from extract.facts import main_subject

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "facts.yaml").read_text(encoding="utf-8"))


def _facts(text, ref_date=None):
    doc = extract.extract(text, ref_date)
    return [(doc.records[f.record].text, f) for f in doc.facts]


def _case_id(case):
    return case["text"][:24]


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_fact_cases(case, request):
    if case.get("xfail"):
        request.applymarker(pytest.mark.xfail(reason=case["xfail"], strict=True))
    facts = dict(_facts(case["text"], case.get("ref_date")))
    for want in case["expect"]:
        fact = facts[want["value"]]
        if "subject" in want:
            assert (fact.subject.text if fact.subject else None) == want["subject"]
        if "metric" in want:
            assert (fact.metric.text if fact.metric else None) == want["metric"]
        if "date" in want:
            assert (fact.date.start if fact.date else None) == want["date"]
        if "change" in want:
            assert fact.change == want["change"]


def test_metric_and_subject_spans_point_into_the_text():
    text = "2019年，辖区内新认定高新技术企业86家，新增国家级博士后科研工作站4家。"
    doc = extract.extract(text, "2020")
    for fact in doc.facts:
        if fact.metric:
            assert text[fact.metric.start:fact.metric.end] == fact.metric.text
        if fact.subject and fact.subject.start is not None:
            assert fact.subject.start < fact.subject.end
        if fact.date:
            assert doc.records[fact.date.record].type == "date"


def test_declared_short_name_is_the_main_subject():
    text = "苏州某某经济技术开发区（以下简称“某某开发区”）成立于1992年。全区实现营收20亿元。"
    main = main_subject(Context(text))
    assert main is not None and main.name == "某某开发区"
    assert "苏州某某经济技术开发区" in main.aliases


def test_a_declared_company_is_not_the_main_subject():
    text = "星河高新区：新动能\n星河高新区内的江苏某某科技有限公司（以下简称“某某科技”）营收增长20%。"
    main = main_subject(Context(text))
    assert main is not None and main.name == "星河高新区"


def _story(places: list[str], opening: str) -> str:
    clauses = [f"{place}{measure}增长{n + 3}%" for n, (place, measure) in
               enumerate((p, m) for m in ("营收", "产值", "税收", "订单", "用电量") for p in places)]
    return opening + "\n" + "，".join(clauses) + "。\n全市规上工业增加值增长32%。"


def test_a_place_the_story_keeps_naming_is_its_subject_though_the_opening_does_not_name_it():
    text = _story(["宁德", "宁德"], "这座“小城”为何跑得快")
    main = main_subject(Context(text))
    assert main is not None and main.name == "宁德"
    anaphor_fact = extract.extract(text).facts[-1]
    assert anaphor_fact.subject is not None and anaphor_fact.subject.text == "宁德"


def test_a_story_comparing_places_has_no_main_subject():
    assert main_subject(Context(_story(["苏州", "无锡"], "两城谁更强"))) is None
    assert main_subject(Context(_story(["苏州"], "这座城市为何跑得快"))) is None


def test_facts_are_in_the_json_schema_and_output():
    doc = extract.extract("2019年，辖区内新认定高新技术企业86家。", "2020")
    line = json.loads(doc.to_json())
    assert line["facts"][0]["metric"]["text"] == "新认定高新技术企业"
    assert "Fact" in json.dumps(extract.Document.model_json_schema() if hasattr(extract, "Document")
                                else extract.models.Document.model_json_schema())


def _score_against_metric(gold_metric: str) -> dict:
    """Score the extractor on one sentence against a hand-written gold fact with `gold_metric`."""
    text = "2019年，辖区内新认定高新技术企业86家。"
    at, metric_at = text.index("86家"), text.index(gold_metric)
    gold = {"d": [{"doc_id": "d", "record": {"type": "amount", "start": at, "end": at + 3, "text": "86家"},
                   "subject": "辖区内", "metric": {"start": metric_at, "end": at, "text": gold_metric},
                   "date": {"start": "2019", "end": "2019"}, "change": None}]}
    pred = {"d": json.loads(extract.extract(text, "2020", doc_id="d").to_json())}
    return score_facts(gold, pred, {"d": text})


def test_fact_scorer_counts_fields_and_overall():
    result = _score_against_metric("新认定高新技术企业")
    assert result["fields"]["metric"]["tp"] == 1 and result["fields"]["date"]["tp"] == 1
    assert result["overall"] == {"tp": 1, "pred": 1, "gold": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["fields"]["metric_exact"]["tp"] == 1


def test_an_overlapping_metric_counts_for_the_fact_but_not_as_exact():
    result = _score_against_metric("高新技术企业")
    assert result["fields"]["metric"]["tp"] == 1 and result["overall"]["tp"] == 1
    assert result["fields"]["metric_exact"]["tp"] == 0


def test_gold_facts_point_at_gold_records():
    gold = load_fact_gold(ROOT / "gold" / "facts")
    assert len(gold) >= 12
    for doc_id, facts in gold.items():
        text = (ROOT / "corpus" / f"{doc_id}.txt").read_text(encoding="utf-8")
        records = json.loads((ROOT / "gold" / f"{doc_id}.jsonl").read_text(encoding="utf-8").splitlines()[0])["records"]
        spans = {(r["type"], r["start"], r["end"]) for r in records}
        for fact in facts:
            r = fact["record"]
            assert (r["type"], r["start"], r["end"]) in spans and text[r["start"]:r["end"]] == r["text"]
            if fact["metric"]:
                m = fact["metric"]
                assert text[m["start"]:m["end"]] == m["text"]


def test_function_characters_glued_onto_a_zone_word_are_not_its_name():
    from extract.context import Context
    from extract.facts import zone_mentions

    ctx = Context("横琴金投计划三年内为合作区企业提供授信，横琴粤澳深度合作区新增企业1100家。")
    names = [m.name for m in zone_mentions(ctx)]
    assert "横琴粤澳深度合作区" in names
    assert not any(name.startswith(("内", "为")) for name in names)
