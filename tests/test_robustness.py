"""Arbitrary and hostile input: no exception, valid offsets, the same answer twice, bounded time."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract
from extract.cli import main

PIECES = [
    "2019年", "二〇二〇年", "上半年", "一季度", "今年", "去年", "“十四五”", "2016—2020年", "1-5月",
    "增长", "下降", "个百分点", "%", "％", "百分之", "成", "‰", "亿元", "万元", "美元", "家", "个", "人", "平方公里",
    "近", "超过", "以上", "左右", "多", "余", "第", "位", "名", "前", "强", "首位", "榜首", "方阵",
    "有限公司", "股份", "集团", "科技", "（以下简称“", "”）", "、", "，", "。", "\r\n", "\n", "\u3000",
    "１２", "3.5", "两千", "三十五", "1.2万", "０", "9", "吴江开发区", "在全国219个国家级经济技术开发区中",
]

chinese_mix = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join)


def _check(text: str, ref_date=None) -> None:
    first = extract(text, ref_date)
    for record in first.records:
        assert 0 <= record.start < record.end <= len(text)
        assert text[record.start:record.end] == record.text
    spans = [(r.start, r.end) for r in first.records]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert extract(text, ref_date).to_json() == first.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_unicode(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chinese_mix, st.sampled_from([None, "2020", "2021-06", "2022-03-15"]))
def test_random_mixes_of_chinese_digits_units_and_punctuation(text, ref_date):
    _check(text, ref_date)


@settings(max_examples=10, deadline=None)
@given(st.text(alphabet="0123456789年月日亿万元家%、，。第位", min_size=2000, max_size=5000))
def test_very_long_lines(text):
    _check(text)


def _finishes_within(seconds: float, text: str) -> bool:
    done = threading.Event()
    errors = []

    def work():
        try:
            _check(text)
        except Exception as exc:  # surfaced to the test below
            errors.append(exc)
        done.set()

    threading.Thread(target=work, daemon=True).start()
    finished = done.wait(seconds)
    assert not errors, errors
    return finished


def test_pathological_inputs_finish_in_bounded_time():
    cases = {
        "100,000 digits": "1" * 100_000,
        "digits then unit": "9" * 20_000 + "亿元",
        "10,000 enumeration commas": "、" * 10_000,
        "enumerated names": "科技、" * 5_000 + "股份有限公司",
        "nested brackets": "（" * 3_000 + "有限公司" + "）" * 3_000,
        "repeated qualifiers": "近超过约" * 5_000 + "10亿元",
        "long Chinese numeral": "一二三四五六七八九十百千万亿" * 2_000,
    }
    for name, text in cases.items():
        assert _finishes_within(30, text), f"{name} took longer than 30 s"


def test_paths_in_jsonl_rows_are_never_opened(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("营收20亿元", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"doc_id": "a", "text": str(secret), "path": str(secret)}) + "\n", encoding="utf-8")
    assert main(["run", str(rows), "--input-format", "jsonl"]) == 0
    (doc,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert doc["records"] == []


def test_no_eval_or_pickle_in_the_package():
    source = Path(__file__).resolve().parent.parent / "src" / "extract"
    for path in source.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(eval|exec)\(|\bpickle\b|\bmarshal\b", code), path
