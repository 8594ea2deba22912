"""date records: calendar points and periods, absolute or relative to `ctx.ref_date`.

Finding and resolving are split: the rules only capture the parts of an
expression as named groups (years `y1`/`y2`, months `m1`/`m2`, days `d1`/`d2`,
a relative word `rel`, a half, quarter or edge), and `normalize` turns those
parts into a partial-ISO `{start, end, relative}` value at the expression's own
precision, refusing impossible months and days.
"""

from __future__ import annotations

import calendar
import datetime
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from typing import Mapping, Optional

import regex

from .context import Context, RefDate
from .lexicon import alternation, load
from .models import DateRecord, DateValue
from .numbers import DIGIT_GAP, DIGIT_SPACES, SPACE_BEFORE_DIGITS, NumberParseError, parse_number
from .rules import Candidate, Rule, run_rules
from .schemas import DateWords, FactsData


@lru_cache(maxsize=1)
def words() -> DateWords:
    return load("date.yaml", DateWords)


_CN = "〇零○一二三四五六七八九"
_CN_NUM = _CN + "十百千万亿两"
_NOT_AFTER_NUMBER = rf"(?<![\d.{_CN_NUM}])"


def _year(name: str) -> str:
    """A calendar year: Arabic 1600–2199, four Chinese digits (二〇一九), or 两千零八/二千零二十一;
    a list's number may stand before it (`附件：1.2022年度…`)."""
    return (
        rf"(?P<{name}>(?:(?<![\d.])|(?<=(?:\A|[\s：:　])\d{{1,2}}[.．]))(?:1[6-9]|20|21)\d{{2}}(?![\d.])"
        rf"|(?<![{_CN_NUM}])(?:[{_CN}]{{4}}|[二两]千零?(?:[一二]十[一二三四五六七八九]?|(?<=零)[一二三四五六七八九]))(?![{_CN_NUM}]))"
    )


def _stamp(n: int) -> str:
    """`2021-06-09`, `2021/6/9`, `2021.06.09`: one separator used twice."""
    return (
        rf"(?<![\d.])(?P<y{n}>(?:1[6-9]|20|21)\d{{2}})(?P<s{n}>[-/.])(?P<m{n}>\d{{1,2}})(?P=s{n})"
        rf"(?P<d{n}>\d{{1,2}})(?![\d.])"
    )


_YEAR_ANY = r"(?:1[6-9]|20|21)\d{2}"


def _month(name: str) -> str:
    return rf"{_NOT_AFTER_NUMBER}(?P<{name}>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"


_DAY_FIRST = "(?=[0-9一二三四五六七八九十])"
"""Every day numeral `_day` accepts starts with one of these: a bare-day rule states it first,
so the engine skips other positions before trying its lookbehinds (five times faster)."""


def _day(name: str, suffix: str = "[日号]") -> str:
    return (
        rf"{_NOT_AFTER_NUMBER}(?P<{name}>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?"
        rf"|[一二三四五六七八九]){DIGIT_GAP}{suffix}"
    )


def _range_first_month(name: str) -> str:
    """The first month of `1-5月`/`一至五月`: a bare Chinese numeral only after 年 or a non-Han character."""
    return (
        rf"(?:{_month(name)}{DIGIT_GAP}月|{_NOT_AFTER_NUMBER}(?P<{name}>1[0-2]|0?[1-9])"
        rf"|(?:(?<![\p{{Han}}])|(?<=年))(?P<{name}>十[一二]?|[一二三四五六七八九]))"
    )


class _Fragments:
    """Regex pieces built once from the word lists."""

    def __init__(self, w: DateWords, places: frozenset[str]):
        sep = rf"\s?(?:{alternation(w.range_separators)})\s?"
        gap = self.gap = SPACE_BEFORE_DIGITS
        blockers = "|".join(sorted({rf"(?<={regex.escape(word[0])}){regex.escape(word[1:])}" for word in w.edge_blockers}))
        self.sep = sep
        self.year1 = rf"{_year('y1')}\s?(?:年度?(?=前|[上下]半年|[第一二三四1-4]{{1,2}}季度?|Q[1-4])|年|财年)"
        self.year2 = rf"{_year('y2')}\s?年"
        period_edge = rf"(?:(?P<pedge>{alternation(w.period_edges)})(?!{blockers}))?"
        self.half = rf"(?P<half>{alternation(w.halves)}){period_edge}"
        quarter_num = "[一二三四1-4]"
        self.quarter = (
            rf"(?:(?P<qfront>前)(?P<qb>[一二三]|[1-3])季度"
            rf"|(?P<qfront>首)(?P<qb>[两二三]|[23])季度?"
            rf"|第?(?P<qa>{quarter_num})(?:{sep}第?(?P<qb>{quarter_num}))?季度"
            rf"|(?P<qa>首)季度?(?![节军])"
            rf"|第(?P<qa>{quarter_num})季(?![度节军稻])"
            rf"|Q(?P<qa>[1-4])){period_edge}"
        )
        self.leading_months = r"前(?P<lead>1[01]|[1-9]|十一?|[两二三四五六七八九])个?月份?"
        self.year_edge = rf"年?(?P<yedge>{alternation(w.year_edges)})(?!{blockers})"
        self.month_edge = rf"(?P<medge>{alternation(w.month_edges)})(?!{blockers})"
        self.month1 = rf"{_month('m1')}{DIGIT_GAP}月"
        self.month_tail = rf"(?:份|{self.month_edge})?"
        self.day1 = _day("d1")
        self.day2 = _day("d2")
        self.month_range = (
            rf"{_range_first_month('m1')}{sep}(?:{self.year2}{gap})?{_month('m2')}{DIGIT_GAP}月{self.month_tail}"
        )
        self.day_range = (
            rf"{self.month1}{gap}{_day('d1', '[日号]?')}{sep}(?:{self.year2}{gap})?"
            rf"(?:{_month('m2')}{DIGIT_GAP}月{gap})?{self.day2}"
        )
        self.month_day = rf"{self.month1}{gap}{self.day1}"
        self.month = rf"{self.month1}{self.month_tail}"
        self.period = rf"(?:{self.half}|{self.quarter}|{self.leading_months}|{self.year_edge})"
        self.rel_year = rf"(?P<rel>{alternation({**w.relative_years, **w.anaphoric_years})})度?"
        self.rel_month = rf"(?P<relm>{alternation(w.relative_months)})"
        self.rel_day = rf"(?P<reld>{alternation(w.relative_days)})"
        self.rel_week = rf"(?P<relw>{alternation(w.relative_weeks)})(?:(?P<wd>[{''.join(w.weekdays)}])|(?![期边围年岁末]))"
        self.list_sep = rf"(?:{alternation(w.list_separators)})"
        self.bare_day = (
            rf"{_DAY_FIRST}(?:(?:^|(?<=[\n\r，。；：,;:\s）)]|于|在|[{''.join(w.day_actor_endings)}])){self.day1}(?=(?:{alternation(w.day_followers)}))"
            rf"|(?:^|(?<=[\n\r，。；：,;:）)])){self.day1}(?=\p{{Han}})(?!{alternation(w.clause_day_blockers)})"
            rf"|{self.day1}(?=电))"
        )
        place_ends = "".join(sorted({place[-1] for place in places} - set(w.day_actor_endings)))
        self.day_after_place = (
            rf"{_DAY_FIRST}(?<=[{place_ends}]){self.day1}(?=(?:{alternation(w.day_followers)}))"
        )
        self.standalone = rf"(?P<alone>{alternation(w.standalone)})(?!{blockers})"
        plan_edge = r"(?P<planedge>期末|末|期初|初)"
        self.plan_quoted = rf"[“\"「‘](?P<plan>十[一二三四五六七八九]?五|[一二三四五六七八九]五)[”\"」’]{plan_edge}?"
        self.plan_unquoted = (
            rf"(?<![第{_CN_NUM}])(?P<plan>十[一二三四五六七八九]五)(?:{plan_edge}|(?=(?:{alternation(w.plan_followers)})))"
        )
        month_number = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
        listed = r"(?=第?[\d一二三四五六七八九十]{1,2}、)"
        self.month_list = rf"{listed}{_month('m1')}(?=(?:、{month_number})*、{month_number}{DIGIT_GAP}月)"
        self.quarter_list = (
            rf"{listed}(?<![年\d〇零○一二三四五六七八九十])第?(?P<qa>[一二三四1-4])(?=(?:、第?[一二三四1-4])*、第?[一二三四1-4]季度)"
        )


def _rules() -> tuple[Rule, ...]:
    f = _Fragments(words(), _places()[0])
    c = regex.compile
    return (
        Rule("stamp_range", c(rf"{_stamp(1)}{f.sep}{_stamp(2)}")),
        Rule("stamp", c(_stamp(1))),
        Rule("plan_period", c(f.plan_quoted), "plan"),
        Rule("plan_period", c(f.plan_unquoted)),
        Rule("decade", c(
            r"(?:(?P<cent>1[6-9]|20|二十|十[六七八九])世纪|(?P<centrel>上世纪|本世纪))?"
            r"(?<![\d.])(?P<dec>[1-9]0|[一二三四五六七八九]十)年代"
        )),
        Rule("year_day_range", c(rf"{f.year1}{f.gap}{f.day_range}")),
        Rule("year_month_range", c(rf"{f.year1}{f.gap}{f.month_range}")),
        Rule("year_range", c(rf"{_year('y1')}\s?年?{f.sep}{f.year2}度?")),
        Rule("year_period", c(rf"{f.year1}{f.period}|{_year('y1')}(?:{f.half}|{f.quarter})")),
        Rule("year_month_day", c(rf"{f.year1}{f.gap}{f.month_day}")),
        Rule("year_month", c(rf"{f.year1}{f.gap}{f.month}")),
        Rule("year", c(rf"{f.year1}(?!来)度?")),
        Rule("year_list", c(rf"{_year('y1')}(?=(?:{f.list_sep}{_YEAR_ANY})*{f.list_sep}{_YEAR_ANY}\s?年)")),
        Rule("relative_year_period", c(
            rf"{f.rel_year}(?:{f.period}|{f.day_range}|{f.month_range}|{f.month_day}|{f.month})"
        )),
        Rule("relative_year", c(f.rel_year)),
        Rule("relative_month", c(rf"{f.rel_month}(?:{f.day1}|{f.month_edge})?")),
        Rule("relative_day", c(f.rel_day)),
        Rule("relative_week", c(f.rel_week)),
        Rule("leading_months", c(rf"(?<![{_CN_NUM}\d{''.join(words().ending_in_qian)}]){f.leading_months}")),
        Rule("month_day_range", c(f.day_range)),
        Rule("month_range", c(f.month_range)),
        Rule("month_day", c(f.month_day)),
        Rule("month", c(f.month)),
        Rule("month_list", c(f.month_list)),
        Rule("quarter_list", c(f.quarter_list)),
        Rule("day", c(f.bare_day)),
        Rule("period", c(rf"(?:(?<![年{_CN_NUM}\d])|(?<=唯一|之一))(?:{f.half}|(?<!同){f.quarter})")),
        Rule("standalone_relative", c(f.standalone)),
        Rule("day_after_place", c(f.day_after_place)),
    )


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return _rules()


_MAX_SLOGAN = 16
"""A quotation this short is a title or slogan even with a comma inside (`“一日无为，三日难安”`)."""


@lru_cache(maxsize=1)
def _title_patterns() -> tuple[regex.Pattern, ...]:
    """One pattern per quote pair; short quotes are titles or slogans (`“一日无为，三日难安”`), longer
    ones are quoted speech, and so are those running over a comma or stop past a slogan's length
    (`“我们去年8月才落户经开区，不到一年…”`)."""
    w = words()
    patterns = []
    for open_mark, close_mark in w.quotes.items():
        limit = w.max_book_title if open_mark == "《" else w.max_quoted_title
        speech = "" if open_mark == "《" else "，。；！？,;!?"
        short = rf"[^{regex.escape(close_mark)}\n\r]{{1,{_MAX_SLOGAN}}}|" if speech else ""
        body = rf"{short}[^{regex.escape(close_mark)}\n\r{speech}]{{1,{limit}}}"
        patterns.append(regex.compile(rf"{regex.escape(open_mark)}({body}){regex.escape(close_mark)}"))
    return tuple(patterns)


class _QuotedTitles:
    """Inside of quoted titles and book titles: no date but a plan period lives there.
    Sorted by start with the furthest end so far, so asking costs a bisect, not a pass over them."""

    def __init__(self, ctx: Context):
        spans = sorted(m.span(1) for pattern in _title_patterns() for m in pattern.finditer(ctx.norm))
        self._starts = [start for start, _ in spans]
        self._reach = list(accumulate((end for _, end in spans), max))

    def hold(self, start: int, end: int) -> bool:
        """True when one title's inside holds all of [start, end)."""
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and self._reach[index] >= end


class _ContextPatterns:
    """Left and right context tests, built once from the word lists."""

    def __init__(self, w: DateWords):
        self.baseline_before = regex.compile(rf"(?:{alternation(w.comparison_prefixes)})[{DIGIT_SPACES}]?$")
        self.past_baseline_before = regex.compile(rf"(?:{alternation(w.relative_comparison_prefixes)})$")
        self.baseline_after = regex.compile(
            rf"^(?:{alternation(w.comparison_suffixes)}|[”\"」]?(?:全年|同期|全年同期|末|初|底|\p{{Han}}{{2,6}}?之初|\p{{Han}}{{2,6}}?时)?"
            rf"的[\d.{_CN_NUM}百]+多?\s?倍)")
        self.frequency_before = regex.compile(rf"(?:[\d{_CN_NUM}]|{alternation(w.not_after)})$")
        self.recurring_before = regex.compile(rf"(?:{alternation(w.recurring_before)})$")


@lru_cache(maxsize=1)
def _context_patterns() -> _ContextPatterns:
    return _ContextPatterns(words())


def _looks_back(candidate: Candidate) -> bool:
    """A relative word pointing into the past (上年, 去年, 上月): the usual baseline of a change."""
    w, g = words(), candidate.groups
    offset = w.relative_years.get(g["rel"]) if "rel" in g else w.relative_months.get(g["relm"]) if "relm" in g else None
    return offset is not None and offset < 0


def _is_baseline(candidate: Candidate, norm: str) -> bool:
    """`比上年`, `较2019年`, `上年同期`, `与去年`, `是上年的2.3倍`, `达到去年全年的1.5倍`, `约为2015年设立之初
    的6倍`: the baseline of a change or a multiple, not the date of a fact."""
    p = _context_patterns()
    left = norm[max(0, candidate.start - 5):candidate.start].rstrip("“\"「‘")
    return bool(
        p.baseline_before.search(left)
        or p.baseline_after.search(norm[candidate.end:candidate.end + 12])
        or _looks_back(candidate) and p.past_baseline_before.search(left)
    )


def _starts_word(candidate: Candidate, ctx: Context) -> bool:
    token = ctx.tokens.token_at(candidate.start)
    return token is None or token[0] == candidate.start


def _excluded(candidate: Candidate, ctx: Context, quoted: _QuotedTitles) -> bool:
    start, end = candidate.start, candidate.end
    if candidate.rule != "plan_period" and quoted.hold(start, end):
        return True
    if not any(k in candidate.groups for k in _YEAR_GROUPS) and _context_patterns().recurring_before.search(
            ctx.norm, max(0, start - 3), start):
        return True
    if candidate.rule == "leading_months" and not _starts_word(candidate, ctx):
        return True
    if candidate.rule == "standalone_relative":
        left = ctx.norm[max(0, start - 4):start]
        return bool(_context_patterns().frequency_before.search(left)) or not _starts_word(candidate, ctx)
    if "rel" in candidate.groups:
        return _misread_relative(candidate, ctx)
    return False


def _misread_relative(candidate: Candidate, ctx: Context) -> bool:
    """`目前年产能`, `三年前年产值`: the relative word is a character pair across two words;
    `本年度报告`: it opens a title."""
    w, word = words(), candidate.groups["rel"]
    if candidate.start and ctx.norm[candidate.start - 1] in w.left_blockers.get(word, ()):
        return True
    if ctx.norm.startswith(tuple(w.right_blockers.get(word, ())), candidate.start + len(word)):
        return True
    return word in w.word_start_required and not _starts_word(candidate, ctx)


_YEAR_GROUPS = ("y1", "rel")
_LISTABLE = frozenset({"month", "month_day", "period", "leading_months", "month_list", "quarter_list"})
_WITHIN_YEAR = ("m1", "half", "qa", "qb", "lead")
"""Groups of an expression naming a part of its year: a listed part after it shares the year."""


def _dated_by(cand: Candidate, source: Candidate, rule: str) -> Candidate:
    """`cand` in the year `source` names (its written or relative year)."""
    inherited = {k: source.groups[k] for k in _YEAR_GROUPS if k in source.groups}
    return Candidate(cand.type, cand.start, cand.end, rule, {**cand.groups, **inherited})


def _inherit_listed_years(candidates: list[Candidate], norm: str) -> list[Candidate]:
    """`去年9月、10月`, `2021年3月和5月`, `2021年一季度、上半年`: a month or period listed after
    a dated one shares its year."""
    out: list[Candidate] = []
    separators = words().list_separators
    for cand in sorted(candidates, key=lambda c: c.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and cand.rule in _LISTABLE
            and norm[prev.end:cand.start] in separators
            and any(k in prev.groups for k in _WITHIN_YEAR)
            and any(k in prev.groups for k in _YEAR_GROUPS)
        ):
            cand = _dated_by(cand, prev, "listed_with_year")
        out.append(cand)
    return out


_RANGE_ENDS = frozenset({"year_period", "year_month", "year_month_day", "relative_year_period",
                         "listed_with_year", "period", "month", "month_day"})
"""Points and periods that a range separator can join into one range (`2019年底到2022年底`)."""


def _range_end(first: Candidate, second: Candidate, norm: str) -> Optional[Candidate]:
    """The second date of `first 至 second`, with the first's year when it names none; None when
    the two are not one range."""
    if first.rule not in _RANGE_ENDS or second.rule not in _RANGE_ENDS:
        return None
    if norm[first.end:second.start].strip() not in words().range_separators:
        return None
    dated = any(k in first.groups for k in _YEAR_GROUPS)
    if any(k in second.groups for k in _YEAR_GROUPS):
        return second if dated else None
    return _dated_by(second, first, second.rule)


def _join_period_ranges(candidates: list[Candidate], ctx: Context) -> list[Candidate]:
    """`2019年底到2022年底`, `2022年一季度至三季度`, `2021年3月至2022年底`: two dates joined by a
    range separator are one range when the first does not end after the second."""
    out: list[Candidate] = []
    for cand in candidates:
        prev = out[-1] if out else None
        second = _range_end(prev, cand, ctx.norm) if prev is not None else None
        if prev is not None and second is not None and _ordered(prev, second, ctx.ref_date):
            out[-1] = Candidate(cand.type, prev.start, cand.end, "period_range", {"from": prev, "until": second})
        else:
            out.append(cand)
    return out


def _ordered(first: Candidate, second: Candidate, ref: Optional[RefDate]) -> bool:
    try:
        start, end = _value(first, ref).start, _value(second, ref).end
    except _Invalid:
        return False
    return start is None or end is None or start <= end


def find(ctx: Context) -> list[Candidate]:
    quoted = _QuotedTitles(ctx)
    found = [c for c in run_rules("date", rules(), ctx) if c.rule != "day_after_place" or _after_place(ctx.norm, c.start)]
    bases = _baselines(found, ctx.norm)
    kept = [c for i, c in enumerate(found) if i not in bases and not _excluded(c, ctx, quoted)]
    anchored = _years_from_text(_inherit_listed_years(kept, ctx.norm), ctx.norm)
    return _anchor_bare_days(_join_period_ranges(anchored, ctx), ctx.norm)


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], tuple[int, ...]]:
    names = frozenset(load("facts.yaml", FactsData).bare_places)
    return names, tuple(sorted({len(name) for name in names}))


def _after_place(norm: str, at: int) -> bool:
    """`合肥28日发布`: a place written bare ends right before the day (the rule only checked its last
    character, which keeps the scan fast)."""
    names, lengths = _places()
    return any(norm[at - n:at] in names for n in lengths if n <= at)


_LIST_JOIN = regex.compile(r"\s?[、和及与]\s?")


def _baselines(candidates: list[Candidate], norm: str) -> set[int]:
    """Indexes of the comparison bases (`比上年`, `较一季度`), with the dates listed after one
    (`较一季度、上半年分别加快…`): none of them is the date of a fact."""
    bases: set[int] = set()
    base_end: Optional[int] = None
    for index in sorted(range(len(candidates)), key=lambda i: candidates[i].start):
        candidate = candidates[index]
        listed = base_end is not None and _LIST_JOIN.fullmatch(norm, base_end, candidate.start) is not None
        if not listed and not _is_baseline(candidate, norm):
            base_end = None
            continue
        bases.add(index)
        base_end = candidate.end
    return bases


def _written_year(candidate: Candidate) -> Optional[int]:
    """The last year a date states, written or taken from the text before it (`2016年至2020年` → 2020)."""
    g = candidate.groups
    if "until" in g:
        return _written_year(g["until"]) or _written_year(g["from"])
    text = g.get("y2") or g.get("y1") or g.get("anchor_y")
    return _year_of(text) if text else None


def _years_from_text(candidates: list[Candidate], norm: str) -> list[Candidate]:
    """`2019年5月开工，当年12月封顶，次年3月投产`: `当年`, `同年`, `次年` count from the last year
    written earlier in their paragraph; without one they stay unresolved and are dropped.
    `2023年第一季度…；第二季度…`: a quarter or half without its year takes the year of a quarter or
    half written earlier in its paragraph, or of any date earlier in its sentence."""
    offsets = words().anaphoric_years
    anchored = []
    anchor: Optional[Candidate] = None
    year = 0
    for candidate in candidates:
        if anchor is not None and "\n" in norm[anchor.end:candidate.start]:
            anchor = None
        word = candidate.groups.get("rel")
        if anchor is not None and word in offsets:
            candidate = replace(candidate, groups={**candidate.groups, "anchor_y": str(year + offsets[word])})
        elif anchor is not None and candidate.rule == "period" and _dates_period(anchor, candidate, norm):
            candidate = replace(candidate, groups={**candidate.groups, "anchor_y": str(year)})
        written = _written_year(candidate)
        if written is not None:
            anchor, year = candidate, written
        anchored.append(candidate)
    return anchored


_PART_OF_YEAR = ("half", "qa", "qb")


def _dates_period(anchor: Candidate, period: Candidate, norm: str) -> bool:
    """Whether a bare quarter or half is in the year of `anchor`: a quarter or half of its own, or
    any date with no sentence stop between (`2022年，…，其中一季度…`)."""
    if any(k in anchor.groups for k in _PART_OF_YEAR):
        return True
    return not any(mark in norm[anchor.end:period.start] for mark in "。！？!?；;")


_BARE_DAY_RULES = frozenset({"day", "day_after_place"})


def _anchor_bare_days(candidates: list[Candidate], norm: str) -> list[Candidate]:
    """`4月26日，…；25日，…`: a bare day takes its month (and year, when written) from the last date
    naming a month earlier in its paragraph, not from ref_date."""
    anchored = []
    anchor: Optional[Candidate] = None
    for candidate in candidates:
        if anchor is not None and "\n" in norm[anchor.end:candidate.start]:
            anchor = None
        g = candidate.groups
        if candidate.rule in _BARE_DAY_RULES and anchor is not None:
            month = anchor.groups.get("m2") or anchor.groups["m1"]
            year = anchor.groups.get("y2") or anchor.groups.get("y1") or anchor.groups.get("anchor_y")
            extra = {"anchor_m": month, **({"anchor_y": year} if year else {})}
            candidate = replace(candidate, groups={**g, **extra})
        elif "m1" in g and "relm" not in g and "from" not in g:
            anchor = candidate
        anchored.append(candidate)
    return anchored


class _Invalid(ValueError):
    """The expression names a month or day that does not exist."""


def _num(text: str) -> int:
    if text == "首":
        return 1
    try:
        return int(parse_number(text).value)
    except NumberParseError as exc:
        raise _Invalid(text) from exc


def _year_of(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    if text.isascii():
        return int(text)
    return int(parse_number(text).value)


Point = tuple[int, ...]


def _iso(point: Optional[Point]) -> Optional[str]:
    if point is None:
        return None
    return "-".join([f"{point[0]:04d}"] + [f"{p:02d}" for p in point[1:]])


def _check(point: Point, year_written: bool) -> Point:
    """Refuse months and days that do not exist; 2月29日 without its year is given the benefit of a leap year."""
    if len(point) > 1 and not 1 <= point[1] <= 12:
        raise _Invalid(point)
    year = point[0] if year_written else 2000
    if len(point) > 2 and not 1 <= point[2] <= calendar.monthrange(year, point[1])[1]:
        raise _Invalid(point)
    return point


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _plan_years(name: str) -> tuple[int, int]:
    """`十四五` → 2021..2025: plans run in fives from 1953, with 1963–65 skipped after the second."""
    number = _num(name[:-1])
    first = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return first, first + 4


def _decade(g: Mapping[str, str]) -> tuple[int, int]:
    tens = _num(g["dec"])
    century = _num(g["cent"]) - 1 if "cent" in g else 20 if g.get("centrel") == "本世纪" else 19
    first = century * 100 + tens
    return first, first + 9


def _months(g: Mapping[str, str], words_: DateWords) -> Optional[tuple[int, int]]:
    """First and last month of a half, quarter, `前N个月` or year edge, or None."""
    if "yedge" in g:
        month = words_.year_edges[g["yedge"]]
        return month, month
    if "lead" in g:
        return 1, _num(g["lead"])
    if "half" in g:
        first, last = words_.halves[g["half"]]
    elif "qb" in g or "qa" in g:
        first = 1 if "qfront" in g else _num(g["qa"]) * 3 - 2
        last = _num(g.get("qb") or g["qa"]) * 3
    else:
        return None
    if "pedge" in g:
        month = first if words_.period_edges[g["pedge"]] == "first" else last
        return month, month
    return first, last


def _base_year(g: Mapping[str, str], ref: Optional[RefDate], words_: DateWords) -> Optional[int]:
    """The year an expression lives in: written, or from ref_date (None when unknown)."""
    if "y1" in g:
        return _year_of(g["y1"])
    if "anchor_y" in g:
        return _year_of(g["anchor_y"])
    if ref is None:
        return None
    if "rel" in g:
        offset = words_.relative_years.get(g["rel"])
        return None if offset is None else ref.year + offset
    if "alone" in g:
        return ref.year + words_.standalone[g["alone"]][0]
    return ref.year


def _points(g: Mapping[str, str], year: int, ref: Optional[RefDate], words_: DateWords):
    """Start and end points of a non-plan expression whose base year is known."""
    if "relm" in g:
        offset = words_.relative_months[g["relm"]]
        if offset is None or ref is None or ref.month is None:
            return None, None
        y, m = _shift_month(ref.year, ref.month, offset)
        shifted: Point = (y, m, _num(g["d1"])) if "d1" in g else (y, m)
        return shifted, shifted
    if "alone" in g:
        _, first, last = words_.standalone[g["alone"]]
        return ((year, first), (year, last)) if first else ((year,), (year,))
    months = _months(g, words_)
    if months:
        return (year, months[0]), (year, months[1])
    if "d1" in g and "m1" not in g:
        if "anchor_m" in g:
            day: Point = (year, _num(g["anchor_m"]), _num(g["d1"]))
            return day, day
        if ref is None or ref.month is None:
            return None, None
        day = (year, ref.month, _num(g["d1"]))
        return day, day
    if "m1" not in g:
        return (year,), (_year_of(g.get("y2")) or year,)
    start: Point = (year, _num(g["m1"])) + ((_num(g["d1"]),) if "d1" in g else ())
    end_year = _year_of(g.get("y2")) or year
    if "d2" in g:
        end: Point = (end_year, _num(g.get("m2") or g["m1"]), _num(g["d2"]))
    elif "m2" in g:
        end = (end_year, _num(g["m2"]))
    else:
        end = start
    return start, end


def _value(candidate: Candidate, ref: Optional[RefDate]) -> DateValue:
    g, w = candidate.groups, words()
    if "until" in g:
        opening, closing = _value(g["from"], ref), _value(g["until"], ref)
        known = opening.start is not None and closing.end is not None
        return DateValue(start=opening.start if known else None, end=closing.end if known else None,
                         relative=opening.relative or closing.relative)
    relative = "y1" not in g
    if "plan" in g:
        first, last = _plan_years(g["plan"])
        if "planedge" in g:
            first = last = last if g["planedge"].endswith("末") else first
        return DateValue(start=str(first), end=str(last), relative=False)
    if "dec" in g:
        first, last = _decade(g)
        return DateValue(start=str(first), end=str(last), relative=False)
    if "rel" in g and g["rel"] in w.anaphoric_years and "anchor_y" not in g:
        raise _Invalid("anaphoric: no year written before it in its paragraph")
    if "relm" in g and w.relative_months[g["relm"]] is None:
        raise _Invalid("anaphoric: resolvable only against the text, not ref_date")
    if "reld" in g or "relw" in g:
        return _day_value(g, ref, w)
    year = _base_year(g, ref, w)
    if year is None:
        return DateValue(start=None, end=None, relative=True)
    start, end = _points(g, year, ref, w)
    if start is None:
        return DateValue(start=None, end=None, relative=True)
    if _check(start, not relative) > _check(end, not relative) and len(start) == len(end):
        raise _Invalid((start, end))
    return DateValue(start=_iso(start), end=_iso(end), relative=relative)


def _day_value(g: Mapping[str, str], ref: Optional[RefDate], words_: DateWords) -> DateValue:
    """`昨日`, `上周`, `本周三`: days and weeks counted from ref_date's day; unresolved without one."""
    if ref is None or ref.month is None or ref.day is None:
        return DateValue(start=None, end=None, relative=True)
    try:
        today = datetime.date(ref.year, ref.month, ref.day)
    except ValueError as exc:
        raise _Invalid(ref.iso()) from exc
    if "reld" in g:
        day = today + datetime.timedelta(days=words_.relative_days[g["reld"]])
        return DateValue(start=day.isoformat(), end=day.isoformat(), relative=True)
    monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=words_.relative_weeks[g["relw"]])
    if "wd" in g:
        day = monday + datetime.timedelta(days=words_.weekdays[g["wd"]] - 1)
        return DateValue(start=day.isoformat(), end=day.isoformat(), relative=True)
    return DateValue(start=monday.isoformat(), end=(monday + datetime.timedelta(days=6)).isoformat(), relative=True)


def normalize(candidate: Candidate, ctx: Context) -> Optional[DateRecord]:
    try:
        value = _value(candidate, ctx.ref_date)
    except _Invalid:
        return None
    return DateRecord(
        start=candidate.start,
        end=candidate.end,
        text=ctx.text[candidate.start:candidate.end],
        rule=candidate.rule,
        value=value,
    )
