"""percentage records: `70%`, `百分之七十`, `七成`, `1.5个百分点`, `3‰`, their ranges and lists.

The value is in the unit as written. `change` comes from the word governing the
figure in its clause (data/percentage.yaml): the nearest increase or decrease
word before it, unless a share or rate word is nearer, or the verb reaches a
level (`提高到45.2%`). `折` discounts are not percentages.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .context import Context
from .lexicon import alternation, load, longest_first
from .models import Change, PercentageRecord, PercentageValue, PercentUnit, Qualifier
from .numbers import (
    NUMBER,
    LIST_JOINS,
    LIST_TAIL,
    RANGE_SEP,
    VAGUE_PAIR,
    figure_boundary,
    in_quoted_name,
    number_then,
    numeral_ahead,
    parse_number,
    range_then,
    to_number,
    vague_range,
)
from .qualifiers import outer_qualifier, without_prefix_qualifier
from .rules import Candidate, Rule, run_rules
from .schemas import PercentageWords


_BOUNDARY = figure_boundary(r"\d.A-Za-z=/%&?#零〇一二两三四五六七八九十百千万亿")
_START = numeral_ahead("-−负") + _BOUNDARY
_SIGN = r"(?:(?<![\d.])[-−负])?"
_SMALL_CN = "零〇一二两三四五六七八九十兩"

_SIGNS = {
    "percent": r"\s?(?P<pct>[%‰])(?![\dA-Za-z])",
    "points": r"\s*(?P<pp>(?:个(?P<more>[多余])?)?\s*百\s*分\s*点|個(?P<more>[多余])?\s*百\s*分\s*點)",
}
_POINTS_INSIDE = r"，个個\s"
"""What may stand between a numeral and the 分 of 百分点, besides numeral characters."""
_UNIT_LIST = r"(?:\s?[%‰]|个?百分点|個百分點)"
_CLAUSE_STOP = regex.compile(r"[，,；;。！？!?\n\r：:（(]")


_WIDE_THOUSANDS = r"\d{1,3}(?:，\d{3})+(?![\d.])"
"""`９，９９９`: a full-width comma before exactly three digits is a thousands separator here."""


def _rules() -> tuple[Rule, ...]:
    num = rf"(?:{_WIDE_THOUSANDS}|{NUMBER})"
    return (
        Rule("percent_range", regex.compile(
            rf"{_START}{range_then(len(' %'), lead=_SIGN, extra='，')}(?P<num>{_SIGN}{num})(?:\s?[%‰])?{RANGE_SEP}(?P<hi>{_SIGN}{num}){_SIGNS['percent']}")),
        Rule("points_range", regex.compile(
            rf"{_START}{range_then(len('个百分点'), lead=_SIGN, extra='，个')}(?P<num>{_SIGN}{num})(?:个?百分点|个)?{RANGE_SEP}(?P<hi>{_SIGN}{num}){_SIGNS['points']}")),
        Rule("percent_sign", regex.compile(
            rf"{_START}{number_then('%‰', space=True, lead=_SIGN, extra='，')}(?P<num>{_SIGN}{num}){_SIGNS['percent']}(?P<more>多(?![数半家个项名位]))?")),
        Rule("percent_word_range", regex.compile(
            rf"(?<![\d零〇一二两三四五六七八九十百千万亿])(?P<word>[百千佰仟]\s*分\s*之)\s*(?P<num>{num}){RANGE_SEP}"
            rf"(?:[百千佰仟]\s*分\s*之)?\s*(?P<hi>{num})(?![\d.分])")),
        Rule("percent_word", regex.compile(
            rf"(?<![\d零〇一二两三四五六七八九十百千万亿])(?P<word>[百千佰仟]\s*分\s*之)\s*(?P<num>{num})(?![\d.分])")),
        Rule("percentage_points", regex.compile(
            rf"{_START}{number_then('分', lead=_SIGN, extra=_POINTS_INSIDE)}(?P<num>{_SIGN}{num}){_SIGNS['points']}")),
        Rule("cheng_range", regex.compile(
            rf"{_BOUNDARY}(?P<num>\d+|[{_SMALL_CN}])\s?成?{RANGE_SEP}(?P<hi>\d+|[{_SMALL_CN}])\s?成"
            rf"(?![为立功本果员都交长效熟品型就绩分]|份(?!额)|不变)")),
        Rule("cheng_tenths", regex.compile(
            rf"{_BOUNDARY}(?P<num>(?:\d+(?:\.\d+)?|[{_SMALL_CN}]+(?:[点點][{_SMALL_CN}])?|半))\s?成"
            rf"(?P<tail>半|[一二三四五六七八九](?![成十百千万亿]))?(?P<more>多(?![数半]))?"
            rf"(?![为立功本果员都交长效熟品型就绩分]|份(?!额)|不变)")),
        Rule("shared_unit_list", regex.compile(
            rf"{_START}{number_then(LIST_JOINS, extra='，')}(?P<num>{num})(?={LIST_TAIL}{num}(?P<listunit>{_UNIT_LIST}))")),
        Rule("shared_points_each", regex.compile(
            rf"{_START}{number_then('个', extra='，')}(?P<num>{num})个"
            rf"(?=(?:、{NUMBER}个)*(?:、|和|及){NUMBER}(?P<listunit>个百分点))")),
    )


@dataclass(frozen=True)
class _Lexicon:
    words: PercentageWords
    rules: tuple[Rule, ...]
    governor_re: regex.Pattern
    share_re: regex.Pattern
    share_of: dict[str, Qualifier]
    gap_re: regex.Pattern
    time_re: regex.Pattern


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    w = load("percentage.yaml", PercentageWords)
    words = list(w.increase) + list(w.decrease) + list(w.level) + list(w.neutral)
    share_of = {word: q for q, ws in w.share_qualifiers.items() for word in ws}
    return _Lexicon(
        words=w,
        rules=_rules(),
        governor_re=regex.compile("|".join(map(regex.escape, longest_first(words)))),
        share_re=regex.compile(
            "(" + "|".join(map(regex.escape, longest_first(share_of))) + r")[^%‰]*$"
        ),
        share_of=share_of,
        gap_re=regex.compile(
            rf"(?:(?P<cmp>{alternation(w.gap_comparators)})(?P<obj>[^，。；,;]{{1,12}})"
            rf"|(?<![同环占对相])[比较](?![重例率值])(?P<obj>[^，。；,;]{{1,12}}?)(?P<cmp>{alternation(w.gap_adjectives)})了?)"
            rf"(?:[-−\d.]+(?:%|个百分点)?[、和及])*$"
        ),
        time_re=regex.compile(alternation(w.time_marks)),
    )


def find(ctx: Context) -> list[Candidate]:
    return run_rules("percentage", _lexicon().rules, ctx)


def _clause_before(ctx: Context, start: int) -> tuple[int, str]:
    """From the clause start (comma or stronger; 、 does not stop it) to `start`; a short aside in
    brackets is read through (`比上年增长（下同）9.1%`)."""
    norm, left = ctx.norm, start
    while left > 0:
        if norm[left - 1] in "）)":
            opening = max(norm.rfind("（", max(0, left - _ASIDE_REACH), left - 1),
                          norm.rfind("(", max(0, left - _ASIDE_REACH), left - 1))
            if opening >= 0:
                left = opening
                continue
        if _CLAUSE_STOP.match(norm[left - 1]):
            break
        left -= 1
    return left, norm[left:start]


_ASIDE_REACH = 10
"""How long a bracketed aside inside a clause may be (`（下同）`, `（按可比价计算）`)."""


def change_of(before: str) -> Optional[Change]:
    """The direction the nearest governing word before a figure gives it, or None for a level
    or for a gap between places or indicators (`增速比全市高0.9个百分点`)."""
    lex = _lexicon()
    w = lex.words
    gap = lex.gap_re.search(before)
    if gap is not None and not gap.group("obj").endswith("的"):
        if not lex.time_re.search(gap.group("obj")):
            return None
        if gap.group("cmp") in w.gap_lower:
            return "decrease"
    before = without_prefix_qualifier(before)
    if before.endswith(("多", "多了")):
        return "increase"
    if before.endswith(("至", "到")):
        return None
    matches = list(lex.governor_re.finditer(before))
    if not matches:
        return None
    last = matches[-1]
    word = last.group(0)
    if word in w.level or word in w.neutral:
        return None
    after = before[last.end():].lstrip("了")
    if word not in w.rate_nouns and after[:1] in w.level_reached:
        return None
    return "increase" if word in w.increase else "decrease"


_CHANGE_NOUN_AFTER = regex.compile(r"的(\p{Han}{1,2})")


def _change_after(norm: str, end: int) -> Optional[Change]:
    """`实现3%—4%的增长`: with no governing word before, a change noun right after decides."""
    w = _lexicon().words
    match = _CHANGE_NOUN_AFTER.match(norm, end, end + 3)
    if not match:
        return None
    word = match.group(1)
    if word in w.increase:
        return "increase"
    return "decrease" if word in w.decrease else None


def _value(groups) -> tuple[Decimal, Optional[Decimal], Optional[Qualifier], PercentUnit]:
    """Value, high end of a range, inner approximator, unit."""
    pair = vague_range(groups["num"]) if groups.get("_cheng") and "hi" not in groups and "tail" not in groups else None
    if pair is not None:
        return pair[0] * 10, pair[1] * 10, None, "%"
    low = _parse(groups["num"].replace("半", "零"))
    high = _parse(groups["hi"]) if "hi" in groups else None
    unit: PercentUnit = "%"
    if "pp" in groups or groups.get("listunit", "").endswith(("点", "點")):
        unit = "pp"
    elif groups.get("pct") == "‰" or groups.get("listunit", "").strip() == "‰":
        unit = "‰"
    elif groups.get("word", " ")[0] in "千仟":
        unit = "‰"
    value = low.value
    if groups.get("_cheng") and groups["num"] == "半":
        value = Decimal(5)
    elif groups.get("_cheng"):
        tail = groups.get("tail", "零")
        value = value * 10 + (5 if tail == "半" else parse_number(tail).value)
    inner: Optional[Qualifier] = low.approximator or (high.approximator if high else None)
    if inner is None and "more" in groups:
        inner = "over"
    high_value = None if high is None else high.value * 10 if groups.get("_cheng") else high.value
    return value, high_value, inner, unit


def _parse(text: str):
    negative = text[:1] in "-−负"
    parsed = parse_number(text.lstrip("-−负"))
    return parsed._replace(value=-parsed.value) if negative else parsed


def _qualifier(ctx: Context, candidate: Candidate, inner, before: str) -> Qualifier:
    qualifier = outer_qualifier(ctx.norm, candidate.start, candidate.end, inner)
    if qualifier != "exact":
        return qualifier
    lex = _lexicon()
    match = lex.share_re.search(before)
    return lex.share_of[match.group(1)] if match else "exact"


_MAX_VALUE = Decimal(10) ** 9
"""Beyond this a run of numerals is noise, not a percentage."""


def normalize(candidate: Candidate, ctx: Context):
    if in_quoted_name(ctx.norm, candidate.start, candidate.end):
        return None
    if VAGUE_PAIR.search(candidate.groups["num"]):
        return None
    groups = dict(candidate.groups)
    if candidate.rule in ("cheng_tenths", "cheng_range"):
        groups["_cheng"] = True
    value, value_max, inner, unit = _value(groups)
    if groups.get("_cheng") and max(value, value_max or 0) > 100 or abs(value) > _MAX_VALUE:
        return None
    _, before = _clause_before(ctx, candidate.start)
    change = change_of(before) or _change_after(ctx.norm, candidate.end)
    return PercentageRecord(
        start=candidate.start,
        end=candidate.end,
        text=ctx.text[candidate.start:candidate.end],
        rule=candidate.rule,
        value=PercentageValue(
            value=to_number(value),
            value_max=None if value_max is None else to_number(value_max),
            unit=unit,
            qualifier=_qualifier(ctx, candidate, inner, before),
            change=change,
        ),
    )
