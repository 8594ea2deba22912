"""Facts: each amount, percentage or ranking linked to whose it is, what it measures and when.

Pure functions of the text, its resolved records and ctx. Three small rule chains,
each an ordered tuple of named steps (the first that answers wins):
`SUBJECT_STEPS` (who), `METRIC_STEPS` (what), `DATE_STEPS` (when). Word lists are
data in `data/facts.yaml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator, Optional, Sequence, Union

import regex

from .context import CLAUSE_COMMA, NON_EMPTY_LINE, Context
from .lexicon import HAN_CHAR, HAN_RUN, alternation, load, longest_first, occurrences
from .models import Fact, FactDate, FactSpan
from .schemas import FactsData
from .segment import pos_tag, word_frequency

VALUE_TYPES = ("amount", "percentage", "ranking")
MAX_METRIC = 40
WINDOW = 80
"""How far back from a figure any scan looks: clauses in real text are short, hostile ones are not."""
COUNT_UNITS_EXCLUDED = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")


def data() -> FactsData:
    return load("facts.yaml", FactsData)


_DURATION = r"(?:连续|近)第?[0-9一二两三四五六七八九十多几]{1,3}个?年(?:来)?"
"""`连续八年`, `近五年`: how long a figure has held, never what it measures."""

@lru_cache(maxsize=1)
def _bare_verbs() -> frozenset[str]:
    return frozenset(data().metric_leading_verbs + data().becoming_verbs)


_DIGIT = regex.compile(r"\d")
_HAN = regex.compile(r"\p{Han}")
_PLACE_COUNT = regex.compile(r"[\d一二两三四五六七八九十]{1,3}[个座]?[市县区省城地镇国]")
"""`常熟、太仓和昆山三市分列…`: how many places a list names, never what they are ranked by."""
_SPAN_OF_TIME = regex.compile(r"(?:短短|仅用|用了?|历时|经过|持续|连续)?[0-9一二两三四五六七八九十几多]{1,3}个?(?:年|个月|季度|天)(?:时间|间|里|来|内)?")
"""`五年时间提升9个百分点`: a stretch of time standing where the measure would, which it never is."""

_TITLE_YEAR = r"(?:19|20)\d\d(?:年度?)?(?!\d)"
"""The edition year heading a list's title (`2021中国营商环境十强`); not a date record, as it is quoted."""


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    d = data()
    return {
        "declared": regex.compile(r"[（(][^（()）\n]{0,80}?(?:以下)?(?:简称|称)\s*[“\"「『]?(?P<short>[^”\"」』（()），,、\s]{2,15}?)[”\"」』]?\s*[）)]"),
        "headline": regex.compile(r"\s*(?P<name>\p{Han}{2,12})[：:]"),
        "headline_years": regex.compile(r"\s*(?P<name>\p{Han}{2,12}?)(?:[\d一二三四五六七八九十两百]+周?年)[：:]"),
        "topic_frame": regex.compile(f"(?:{alternation(d.topic_frames)})?(?:{alternation(d.topic_frames)})?"),
        "frame": regex.compile(alternation(d.ranking_frames)),
        "evaluation_after": regex.compile(rf"(?:{alternation(d.ranking_frames)})(?=中)"),
        "period": regex.compile(alternation(d.period_words)),
        "zone": regex.compile(f"(?:{alternation(d.zone_suffixes)})"),
        "region_end": regex.compile(f"[{''.join(sorted({regex.escape(s[-1]) for s in d.region_suffixes}))}]"),
        "subpark": regex.compile(f"(?:{alternation(d.subpark_suffixes)})"),
        "anaphor": regex.compile(f"(?:{alternation(d.anaphors)})"),
        "leading": regex.compile(f"^(?:{alternation(d.metric_leading + d.method_notes)}|{_TITLE_YEAR}|{_DURATION})"),
        "title_year": regex.compile(_TITLE_YEAR),
        "leading_verb": regex.compile(f"^(?:累计)?(?:{alternation(d.metric_leading_verbs + d.becoming_verbs)})"),
        "frame_end": regex.compile(alternation(d.metric_frame_ends + d.becoming_verbs)),
        "trailing": regex.compile(f"(?:{alternation(d.metric_trailing + d.trailing_modals)}|{_DURATION})$"),
        "trailing_only": regex.compile(f"(?:{alternation(d.metric_trailing)})+"),
        "modifiers_only": regex.compile(f"(?:{alternation(d.measure_modifiers)})+"),
        "modified_measure": regex.compile(
            f"(?:{alternation(d.measure_modifiers)})+(?:{alternation(d.standalone_measures)})"),
        "ranking_verb": regex.compile(alternation(d.ranking_verbs)),
        "cut": regex.compile(alternation(d.ranking_verbs + d.counting_verbs + d.result_verbs + d.metric_trailing)),
        "post_stop": regex.compile(f"(?:{alternation(d.post_stop)})"),
        "counted_head": regex.compile(f"(?:{alternation(d.counted_heads)})$"),
        "distributing": regex.compile(alternation(d.distributing_words)),
        "having_end": regex.compile(f"(?:{alternation(d.scope_having)})$"),
        "level_threshold": regex.compile(f"(?<=(?:{alternation(d.level_heads)}))(?:以上|以下)"),
        "zone_after_place": regex.compile(f"(?:{alternation(d.zone_suffixes)}|国家|经济|高新|经开|综合保税|[）)])"),
        "event_name": regex.compile(f"[\\p{{Han}}A-Za-z0-9“”]{{0,20}}?(?:{alternation(d.event_nouns)})"),
        "as_of": regex.compile(alternation(d.as_of_words)),
        "title_verb": regex.compile(alternation(d.title_verbs)),
        "scope": regex.compile(f"在[^，。；、,;]{{1,30}}?中(?:{alternation(d.scope_adverbs)})*"),
        "scope_open": regex.compile(
            f"在(?:{alternation(d.scope_words)})[^，。；、,;在]{{0,12}}?(?:{alternation(d.scope_adverbs)})*"),
        "date_tail": regex.compile("(?:[”\"’]?(?:以来|起|底|末|以后|之后))?"),
        "comparison": regex.compile(rf"(?<!不)(?:{alternation(d.comparison_words)})"),
        "change_verb": regex.compile("增加|减少|增长|下降|提高|降低|突破|跨过|迈上|跃上"),
        "change_from": regex.compile(r"(?:从|由)[^，。；]{0,12}?的?(?=[\d一二两三四五六七八九十百千万亿])"),
        "threshold": regex.compile("突破|跨过|迈上|跃上"),
        "figure_link": regex.compile("(?:以上|以下|左右)?(?:人民币)?(?:规模)?的?"),
        "size_end": regex.compile(f"(?:{alternation(d.size_words)})$"),
        "scope_whole": regex.compile(f"(?:{alternation(d.scope_words + d.anaphors)})$"),
        "result_end": regex.compile(f"(?:{alternation(d.result_verbs)})$"),
        "result_inside": regex.compile(alternation([verb for verb in d.result_verbs if len(verb) > 1])),
        "milestone": regex.compile(alternation(d.milestone_nouns)),
        "publisher": regex.compile(alternation(d.publisher_verbs)),
        "preamble": regex.compile(rf"[ 　\t\r\n]*(?:(?:{alternation(d.preamble_openers)})[^，,。；;！？\n]{{1,20}}"
                                  rf"|[^，,。；;！？\n]{{0,20}}(?:{alternation(d.preamble_closers)}))[，,]"),
    }


_NAME_HEAD = regex.compile(r"[\p{Han}A-Za-z]")
_NAME_BEFORE = regex.compile(r"[\p{Han}A-Za-z（）()]+$")
_LIST_PART = regex.compile(r"[^、和及与]+")
_FULL_STOP = regex.compile(r"[。！？!?\n\r]")
_NUMERAL = regex.compile(r"[第之零〇一二三四五六七八九十百千万亿两座]")
"""`第四城`, `万亿之城`, `一座…城`: a rank or size, not a sub-park's name."""
_NUMBER_START = regex.compile(r"[0-9零〇一二三四五六七八九十百千万亿两第前]")
_LIST_AFTER = regex.compile(r"(?:[”\"」』]?[）)]|[（(][^（()）]{1,40}[）)])?(?:、|等|和|及)")
"""A name in a list (`A、B等企业`) is one of several, not the subject of the figure."""
_COMPARISON_BEFORE = ("比", "较", "与", "同", "领先", "高于", "低于", "超过", "占", "于", "高出", "低出", "超出", "多出")
_LIST_JOINERS = ("、", "和", "及")
_COMPARED_LIST_BEFORE = regex.compile(
    rf"(?:{'|'.join(_COMPARISON_BEFORE)})(?:\p{{Han}}{{1,8}}[{''.join(_LIST_JOINERS)}])+$", regex.V1)
"""`高于全国、全省、全市`: the later places of a list a comparison opens are its bases too."""
_COMPARED_LIST_REACH = 40
_LOCATIVE_BEFORE = ("在", "落户", "位于", "入驻", "落地", "扎根", "是")
"""`X在园区设立…`, `X是Y的项目`: the name after these is where X acts or what X is; X is the subject
when it is named."""


@dataclass(frozen=True)
class Mention:
    """A place in the text naming who a fact may be about; `name` is already resolved. `kind` is
    zone, region, company, anaphor or main; `place` is a bare city or province acting in its own
    clause, a subject there but never what the whole document is about (a story comparing cities
    opens with one of them)."""

    start: int
    end: int
    name: str
    kind: str


@dataclass(frozen=True)
class MainSubject:
    """What the document is about: a declared short name, or the most named zone or region up top."""

    name: str
    aliases: frozenset[str]
    start: Optional[int] = None
    end: Optional[int] = None


# --- mentions ---------------------------------------------------------------------------------------

def _is_han(ch: str) -> bool:
    return bool(HAN_CHAR.fullmatch(ch))


_DATE_PARTS = ("年", "月", "日", "季度")
"""A word holding one of these is a date or a period (`前三季度`): a name never runs back across it."""


def _tokens_before(ctx: Context, offset: int, limit: int = 4, nominal: bool = False) -> list[tuple[int, int]]:
    """Up to `limit` Han tokens ending at `offset` (a token cut by `offset` counts by its head);
    with `nominal`, a verbal noun (`服装`, tagged vn) may be part of the name."""
    out: list[tuple[int, int]] = []
    end = offset
    while len(out) < limit and end > 0:
        token = ctx.tokens.token_at(end - 1)
        if token is None or not all(_is_han(c) for c in ctx.norm[token[0]:end]):
            break
        word = ctx.norm[token[0]:end]
        if (word in data().function_words or word in data().scope_words or word in data().name_breakers
                or any(part in word for part in _DATE_PARTS) or word.endswith("于")
                or _is_verb(word, nominal) or _is_ordinal(word)):
            break
        glued = _glued_function_characters(word)
        if glued:
            if glued < len(word):
                out.insert(0, (token[0] + glued, end))
            break
        out.insert(0, (token[0], end))
        end = token[0]
    return out


def _is_ordinal(word: str) -> bool:
    """`第二届开发区高质量发展大会`: an edition or rank number is never part of a zone's name."""
    return word.startswith("第") and pos_tag(word) == "m"


def _glued_function_characters(word: str) -> int:
    """`内为合作区`: how many function characters jieba glued onto the head of a word it does not
    know; the name starts after them."""
    if word_frequency(word):
        return 0
    count = 0
    while count < len(word) and word[count] in data().function_words:
        count += 1
    return count


def _is_verb(word: str, nominal: bool) -> bool:
    """A verb ends a name walked back from its suffix, as does a set phrase ending in one (`全面完成`, not
    `自由贸易`); with `nominal`, a verbal noun that is not a frame verb (`建设`, `完成`, `力争`) may stay
    (`粤澳合作…产业园`, `纺织服装小镇`)."""
    tag = pos_tag(word) or ""
    if tag == "l":
        return pos_tag(word[-2:]) == "v"
    if not tag.startswith("v"):
        return False
    d = data()
    return not (nominal and tag == "vn" and word not in d.counting_verbs and word not in d.metric_leading
                and word not in d.ranking_verbs)


def _direction_head(ctx: Context, tokens: list[tuple[int, int]]) -> bool:
    """`西太湖科技产业园`: a compass character heading a place name belongs to it."""
    first = ctx.norm[tokens[0][0]:tokens[0][1]]
    return (first in data().direction_heads and len(tokens) > 1
            and not _is_generic(ctx.norm[tokens[1][0]:tokens[1][1]]))


def _name_start(ctx: Context, offset: int) -> Optional[int]:
    """Where a name ending in a suffix at `offset` begins: its first non-generic token, or None."""
    tokens = _tokens_before(ctx, offset, nominal=True)
    while tokens and _is_generic(ctx.norm[tokens[0][0]:tokens[0][1]]) and not _direction_head(ctx, tokens):
        tokens.pop(0)
    if not tokens or offset - tokens[0][0] < 2:
        return None
    return tokens[0][0]


@lru_cache(maxsize=65536)
def _is_generic(prefix: str) -> bool:
    """A word that cannot start a zone's name; a place named with 城 is still a name (`盐城`, `相城`)
    unless it is a common word for a town (`新城`, `县城`)."""
    if len(prefix) < 2 or HAN_RUN.fullmatch(prefix) is None or prefix in data().generic_prefixes:
        return True
    if prefix.endswith("城"):
        return prefix in data().common_town_words
    return prefix.endswith(tuple(data().generic_prefixes))


def zone_mentions(ctx: Context) -> list[Mention]:
    """`吴江经济技术开发区`, `横琴粤澳深度合作区`: place and name words before a zone suffix."""
    found = []
    for match in _patterns()["zone"].finditer(ctx.norm):
        start = _name_start(ctx, match.start())
        if start is not None and not _COUNTED.search(ctx.norm, max(0, start - 6), start):
            found.append(Mention(start, match.end(), ctx.text[start:match.end()], "zone"))
    return found


_COUNTED = regex.compile(r"[\d一二两三四五六七八九十百几多余]+[个家座批类]$")
"""`16个特色产业园区`: parks counted are a kind of park, not one named zone."""


def region_mentions(ctx: Context) -> list[Mention]:
    """`苏州市`, `江苏省`: a jieba token of 3–5 characters ending in an administrative suffix.

    Only a character that ends a suffix can end such a token, and the word must pass a
    dictionary check before its run of text is segmented to confirm it is one token."""
    found = []
    norm = ctx.norm
    for match in _patterns()["region_end"].finditer(norm):
        end = match.end()
        whole = any(_names_region(norm[end - size:end]) for size in (3, 4, 5) if size <= end)
        split = norm[end - 1] in data().district_suffixes and any(
            _split_region(norm[end - 1 - size:end - 1]) for size in (2, 3) if size < end)
        if not (whole or split):
            continue
        token = ctx.tokens.token_at(end - 1)
        if whole and token is not None and token[1] == end and _names_region(norm[token[0]:end]):
            found.append(Mention(token[0], end, ctx.text[token[0]:end], "region"))
        elif split and token == (end - 1, end):
            name = ctx.tokens.token_at(end - 2)
            if name is not None and name[1] == end - 1 and _split_region(norm[name[0]:end - 1]):
                found.append(Mention(name[0], end, ctx.text[name[0]:end], "region"))
    return (found + _city_districts(ctx, [m for m in found if m.name.endswith("市")]) + _places_before_indicators(ctx)
            + _places_opening_clauses(ctx) + _listed_places(ctx))


_MAX_SHARED_MEASURE = 12


def _is_bare_place(word: str) -> bool:
    return 2 <= len(word) <= 4 and ((pos_tag(word) or "").startswith("ns") or word in data().bare_places)


def _listed_places(ctx: Context) -> list[Mention]:
    """`昆山、江阴、张家港分列…`, `昆山、江阴、张家港2023年GDP分别达到…`: bare places listed before a
    word that spreads the list over the figures after it, a shared measure between them."""
    found: list[Mention] = []
    for match in _patterns()["distributing"].finditer(ctx.norm):
        end = match.start()
        while end > 0 and match.start() - end <= _MAX_SHARED_MEASURE:
            token = ctx.tokens.token_at(end - 1)
            if token is None or _is_bare_place(ctx.norm[token[0]:end]) or not _MEASURE_CHARACTER.match(ctx.norm, token[0]):
                break
            end = token[0]
        places: list[Mention] = []
        while end > 0:
            token = ctx.tokens.token_at(end - 1)
            if token is None or token[1] != end or not _is_bare_place(ctx.norm[token[0]:end]):
                break
            places.append(Mention(token[0], end, ctx.text[token[0]:end], "region"))
            join = _LIST_JOIN_BEFORE.search(ctx.norm, max(0, token[0] - 2), token[0])
            if join is None:
                break
            end = join.start()
        if len(places) >= 2:
            found += places
    return found


_LIST_JOIN_BEFORE = regex.compile(r"(?:、|和|及|与)$")
_MEASURE_CHARACTER = regex.compile(r"[\p{Han}A-Za-z0-9]")


@lru_cache(maxsize=1)
def _place_indicator() -> re.Pattern[str]:
    """Compiled by the standard library's `re`, which scans a document for a long list of place
    names about five times faster than `regex` (the same matches: plain words, `\\d`, a lookahead)."""
    d = data()
    return re.compile(
        f"(?P<place>{alternation(d.bare_places)})(?:\\d{{4}}年|今年|去年|上半年|前三季度|一季度|全年)*"
        f"(?P<whole>全市|全省)?(?={alternation(d.headline_indicators)})")


def _places_before_indicators(ctx: Context) -> list[Mention]:
    """`泉州GDP为1.13万亿元`, `郑州2021年地区生产总值`: a bare city or province right before a
    headline indicator is whose figure it is; a `全市` between them is the same city
    (`广州2022年全市地区生产总值`), so the mention runs through it."""
    found = []
    for match in _place_indicator().finditer(ctx.norm):
        start, end = match.span("place")
        if ctx.tokens.token_at(start) == (start, end):
            whole = match.end("whole") if match.group("whole") else end
            found.append(Mention(start, whole, ctx.text[start:end], "region"))
    return found


_OPENING_PERIOD = (r"(?:(?:\d{4}年)?(?:今年|去年|全年|上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月|前\d{1,2}个?月){0,2}"
                   r"(?<=[年度月])，?)?")
"""A year or period opening a clause before the place acting in it (`2022年`, `前三季度`, `今年1-5月，`)."""


@lru_cache(maxsize=1)
def _place_opening_clause() -> re.Pattern[str]:
    """Compiled by `re` for the same reason as `_place_indicator`."""
    d = data()
    acts = alternation([*d.clause_subject_links, *d.result_verbs, *d.counting_verbs, *d.ranking_verbs])
    return re.compile(f"(?:^|(?<=[，。；！？\n：　 、])){_OPENING_PERIOD}(?P<place>{alternation(d.bare_places)})"
                      f"(?:(?P<act>{acts})|(?=\\w))")


_CLAUSE_FIGURE = regex.compile(r"[^，,。；;！？!?\n]*?(?:\d|第[一二三四五六七八九十]|首位|榜首|居首|[一二三四五六七八九十百千两]+强)")
"""A figure or a place later in the clause (`合肥第二产业占比为38%`, `广州增量第一`)."""


def _places_opening_clauses(ctx: Context) -> list[Mention]:
    """`无锡以1.5万亿元位居第二`, `2022年合肥新增…`, `一季度贵州增速…`, `合肥的研发投入达到…`: a bare
    city or province opening its clause (a year or period may come first) and acting in it is whose figure it is;
    so is one heading the measure of a figure in its clause (`合肥第二产业占比为38%`), unless the
    word after it is a group of people or firms the place only describes (`澳门企业`, `澳门居民`).
    A place right before its figure is one too, in a list as well (`湖北9.8%、湖南9.1%`)."""
    found = []
    groups = tuple(data().place_described_groups)
    for match in _place_opening_clause().finditer(ctx.norm):
        start, end = match.span("place")
        if ctx.tokens.token_at(start) != (start, end):
            continue
        if ctx.norm[end:end + 1].isdigit():
            acting = True
        elif ctx.norm[match.start() - 1:match.start()] == "、":
            acting = False
        elif match.group("act") is not None:
            acting = ctx.tokens.is_boundary(match.end("act"))
        else:
            following = ctx.tokens.token_at(end)
            word = ctx.norm[end:following[1]] if following is not None else ""
            acting = (bool(word) and _is_han(word[0]) and not word.startswith(groups)
                      and _CLAUSE_FIGURE.match(ctx.norm, end) is not None)
        if acting:
            found.append(Mention(start, end, ctx.text[start:end], "place"))
    return found


_DISTRICT = regex.compile(r"\p{Han}{2}[区县]")


def _split_region(stem: str) -> bool:
    """`玉环|市`: a proper name jieba knows, split from its 市/县/区, is a city, county or district."""
    return (len(stem) >= 2 and HAN_RUN.fullmatch(stem) is not None and not _is_generic(stem)
            and stem not in data().anaphors and (pos_tag(stem) or "") in ("ns", "nr", "nrt", "nz"))


def _city_districts(ctx: Context, cities: list[Mention]) -> list[Mention]:
    """`深圳市光明区`: a two-character name with 区/县 right after a city is its district, though
    jieba splits it (光明|区); the district counts wherever its name recurs as a word."""
    names = set()
    for city in cities:
        match = _DISTRICT.match(ctx.norm, city.end)
        if match and not _is_generic(match.group()[:2]) and match.group()[:2] not in data().anaphors:
            names.add(match.group())
    found = []
    for name in names:
        for start in occurrences(ctx.norm, name):
            if ctx.tokens.is_boundary(start):
                found.append(Mention(start, start + len(name), ctx.text[start:start + len(name)], "region"))
    return found


@lru_cache(maxsize=1)
def _region_suffixes() -> tuple[str, ...]:
    return tuple(longest_first(data().region_suffixes))


@lru_cache(maxsize=65536)
def _names_region(word: str) -> bool:
    """`苏州市`, `盐城市`, `相城区`: a place name and its suffix. A stem ending in 园/发/新 names a
    park (`工业园区`, `开发区`, `高新区`); a common word for part of a town (`主城区`) is generic."""
    if not 3 <= len(word) <= 5 or word in data().anaphors:
        return False
    suffix = next((s for s in _region_suffixes() if word.endswith(s)), None)
    if suffix is None:
        return False
    prefix = word[: -len(suffix)]
    return not (_is_generic(prefix) or prefix[-1] in "园发新") and _is_place(word, prefix)


def _is_place(word: str, prefix: str) -> bool:
    """jieba's dictionary tags the word or its stem as a place name (ns), or the word is a proper
    name ending in a district suffix (`武进区`: jieba knows the word but tags it a person's name)."""
    if any((pos_tag(w) or "").startswith("ns") for w in (word, prefix)):
        return True
    return (len(word) == 3 and word[-1] in data().district_suffixes
            and (pos_tag(word) or "") in ("nr", "nrt", "nz", "nt"))


def _is_proper(ctx: Context, end: int) -> bool:
    """`声谷`, `光谷`: a noun glued to the suffix names a park, unless it is a common word for a
    town or valley (`县城`, `小城`, `峡谷`)."""
    token = ctx.tokens.token_at(end - 1)
    tag = pos_tag(ctx.norm[token[0]:token[1]]) if token else None
    word = ctx.norm[token[0]:token[1]] if token else ""
    return word not in data().common_town_words and (tag is None or tag.startswith(("n", "j")))


def _names_part(word: str) -> bool:
    """A word that may be part of a sub-park's name: no adverb, numeral, idiom or frame word
    (`力争`); a place (`中国`) always may."""
    tag = pos_tag(word) or "n"
    if tag.startswith("ns"):
        return True
    return not tag.startswith(("d", "m", "l", "c", "p", "r", "u")) and word not in data().metric_leading


def _is_modifier(word: str) -> bool:
    """`小`, `新`, `老` right before `城`/`镇`: a size or age word, not the end of a name."""
    return len(word) < 2 and (pos_tag(word) or "").startswith("a")


def subpark_mentions(ctx: Context) -> list[Mention]:
    """`苏州纳米城`, `中国声谷`, `常州石墨烯小镇`, `东部片区`: a named sub-park inside the zone.

    The name runs back over non-function tokens; a class word up front (`中国`) stays when the
    suffix is glued to the word before it (`声谷`), else at least one token must be a real name."""
    found = []
    for match in _patterns()["subpark"].finditer(ctx.norm):
        if not ctx.tokens.is_boundary(match.end()):
            continue
        tokens = _tokens_before(ctx, match.start(), nominal=True)
        glued = not ctx.tokens.is_boundary(match.start())
        if not tokens or match.start() - tokens[0][0] < 2:
            continue
        words = [ctx.norm[a:b] for a, b in tokens]
        if glued and not _is_proper(ctx, match.end()):
            continue
        if not glued and (all(_is_generic(w) for w in words) or _is_modifier(words[-1])):
            continue
        if _NUMERAL.search(ctx.norm, tokens[0][0], match.start()) or not all(map(_names_part, words[:-1] if glued else words)):
            continue
        start = tokens[0][0]
        found.append(Mention(start, match.end(), ctx.text[start:match.end()], "zone"))
    return found


def anaphor_mentions(ctx: Context) -> list[Mention]:
    """`辖区`, `全区`, `开发区` standing on their own (not the tail of `全国开发区`)."""
    found = []
    for match in _patterns()["anaphor"].finditer(ctx.norm):
        before = ctx.norm[match.start() - 1] if match.start() > 0 else ""
        if _is_han(before) and before not in data().anaphor_openers:
            continue
        found.append(Mention(match.start(), match.end(), match.group(), "anaphor"))
    return found


def company_mentions(records: Sequence) -> list[Mention]:
    return [Mention(r.start, r.end, r.text, "company") for r in records if r.type == "company"]


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Longest first; a mention overlapping one already kept is dropped (kept spans bisected, not scanned)."""
    starts: list[int] = []
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        i = bisect_right(starts, m.start)
        if (i > 0 and kept[i - 1].end > m.start) or (i < len(kept) and kept[i].start < m.end):
            continue
        starts.insert(i, m.start)
        kept.insert(i, m)
    return kept


# --- main subject -----------------------------------------------------------------------------------

def _lead(ctx: Context) -> tuple[int, int]:
    """Headline and first paragraph: the first two non-empty lines."""
    lines = []
    for m in NON_EMPTY_LINE.finditer(ctx.norm):
        lines.append((m.start(), m.end()))
        if len(lines) == 2:
            break
    if not lines:
        return (0, 0)
    return (lines[0][0], lines[-1][1])


_MIN_LATE_MENTIONS = 2
"""A zone first named after the opening is what the document is about only when it recurs: one
passing mention deep in a news story about cities is not its subject."""


_PROPER_TAGS = ("ns", "nr", "nz", "nt", "j")


def _names_a_place(ctx: Context, m: Mention) -> bool:
    """`苏州工业园区`, `吴江开发区`, `金普新区`: the zone's name holds a place or a proper name;
    `先进制造业园区` (common words only) is a kind of park."""
    places = data().bare_places
    for s, e in ctx.tokens.words(m.start, m.end):
        word = ctx.norm[s:e]
        tag = pos_tag(word)
        if tag is None or tag.startswith(_PROPER_TAGS) or word in places:
            return True
    return False


def main_subject(ctx: Context, mentions: Optional[list[Mention]] = None) -> Optional[MainSubject]:
    """A declared `（以下简称“X”）` wins; else the headline's `X：` (`两江新区十年：` → 两江新区); else the
    most named zone or region up top.

    A zone name whose place (`嘉兴` of `嘉兴园区`) is written on its own far more often than the
    zone is a document about the place: its parks are one of its topics.
    """
    named = [m for m in (mentions if mentions is not None else _named_mentions(ctx)) if m.kind in ("zone", "region")]
    for match in _patterns()["declared"].finditer(ctx.norm):
        full = next((m.name for m in named if m.end == match.start()), None)
        if full is None:
            continue
        short = ctx.text[match.start("short"):match.end("short")]
        return MainSubject(short, frozenset({short, full}), match.start("short"), match.end("short"))
    lead_start, lead_end = _lead(ctx)
    years = _patterns()["headline_years"].match(ctx.norm, lead_start, lead_end)
    if years and any(m.start == years.start("name") and m.end == years.end("name") for m in named):
        name = ctx.text[years.start("name"):years.end("name")]
        return MainSubject(name, frozenset({name}), years.start("name"), years.end("name"))
    headline = _patterns()["headline"].match(ctx.norm, lead_start, lead_end)
    if headline:
        name = ctx.text[headline.start("name"):headline.end("name")]
        return MainSubject(name, frozenset({name}), headline.start("name"), headline.end("name"))
    placed = [m for m in named if m.kind != "zone" or _names_a_place(ctx, m)]
    in_lead = [m for m in placed if lead_start <= m.start < lead_end]
    zones_anywhere = [m for m in placed if m.kind == "zone"]
    zone_counts = Counter(m.name for m in zones_anywhere)
    for pool in ([m for m in in_lead if m.kind == "zone"],
                 in_lead,
                 [m for m in zones_anywhere if zone_counts[m.name] >= _MIN_LATE_MENTIONS]):
        if pool:
            counts = Counter(m.name for m in pool)
            best = max(counts, key=lambda n: (counts[n], -next(m.start for m in pool if m.name == n)))
            first = next(m for m in pool if m.name == best)
            return _place_of(ctx, best, named) or MainSubject(best, frozenset({best}), first.start, first.end)
    return _dominant_place(ctx, named)


_DOMINANT_MIN_USES = 10
_DOMINANT_LEAD = 2
"""A place is what a story is about, though its opening does not name it, when the story names
it at least ten times and at least twice as often as any other place."""

_BARE_SUFFIXES = ("市", "省", "县")
"""Suffixes a city, province or county is often written without."""
_PLACE_SUFFIXES = (*_BARE_SUFFIXES, "区")
"""The suffixes a place's written forms differ by when a story is counted for its main place."""


def _dominant_place(ctx: Context, named: list[Mention]) -> Optional[MainSubject]:
    """`这座“小城”为何跑得快`: a story about one city whose headline does not name it.
    Each place counts with its written forms (`海淀区`, `海淀`); a story comparing several
    places has no such subject."""
    stem_of: dict[str, str] = {}
    forms: Counter = Counter()
    first: dict[str, int] = {}
    for m in named:
        if m.kind == "region":
            stem = m.name[:-1] if m.name.endswith(_PLACE_SUFFIXES) and len(m.name) >= 3 else m.name
            stem_of[m.name] = stem
            forms[m.name] += 1
            first.setdefault(m.name, m.start)
    norm = ctx.norm
    for start, end in _bare_place_spans(norm, frozenset(stem_of.values())):
        if norm[end:end + 1] in _PLACE_SUFFIXES or ctx.tokens.token_at(start) != (start, end):
            continue
        word = norm[start:end]
        stem_of.setdefault(word, word)
        forms[word] += 1
        first.setdefault(word, start)
    totals: Counter = Counter()
    for form, uses in forms.items():
        totals[stem_of[form]] += uses
    ranked = totals.most_common(2)
    if not ranked or ranked[0][1] < _DOMINANT_MIN_USES:
        return None
    if len(ranked) > 1 and ranked[0][1] < _DOMINANT_LEAD * ranked[1][1]:
        return None
    stem = ranked[0][0]
    group = [form for form in forms if stem_of[form] == stem]
    name = max(group, key=lambda form: (forms[form], -first[form]))
    return MainSubject(name, frozenset(group), first[name], first[name] + len(name))


def _bare_place_spans(norm: str, stems: frozenset) -> Iterator[tuple[int, int]]:
    """Where the known bare places and this text's place stems stand, read as one alternation
    would read them (leftmost, then longest), without compiling the long known list anew for
    each text's few stems."""
    known = _bare_place_at()
    own = stems - _bare_place_words()
    if not own:
        yield from (m.span() for m in known.finditer(norm))
        return
    extra = _bare_place_pattern(own)
    pos = 0
    at_known, at_own = known.search(norm), extra.search(norm)
    while at_known is not None or at_own is not None:
        start = min(m.start() for m in (at_known, at_own) if m is not None)
        end = max(m.end() for m in (at_known, at_own) if m is not None and m.start() == start)
        yield start, end
        pos = end
        if at_known is not None and at_known.start() < pos:
            at_known = known.search(norm, pos)
        if at_own is not None and at_own.start() < pos:
            at_own = extra.search(norm, pos)


@lru_cache(maxsize=1)
def _bare_place_words() -> frozenset[str]:
    return frozenset(data().bare_places)


@lru_cache(maxsize=256)
def _bare_place_pattern(words: frozenset) -> re.Pattern[str]:
    return re.compile(alternation(sorted(words)))


def _place_of(ctx: Context, zone: str, named: list[Mention]) -> Optional[MainSubject]:
    """The place a zone name starts with, when the text names the place alone at least twice as often."""
    suffix = _patterns()["zone"].search(zone)
    place = zone[: suffix.start()] if suffix else ""
    if len(place) < 2 or not all(_is_han(c) for c in place):
        return None
    zone_uses = sum(1 for m in named if m.name.startswith(place) and m.kind == "zone")
    alone = [start for start in occurrences(ctx.norm, place)
             if not _patterns()["zone_after_place"].match(ctx.norm, start + len(place))]
    if len(alone) < 5 or len(alone) < 2 * max(zone_uses, 1):
        return None
    regions = {m.name for m in named if m.kind == "region" and m.name.startswith(place)
               and len(m.name) - len(place) == 1}
    return MainSubject(place, frozenset({place} | regions), alone[0], alone[0] + len(place))


def same_entity(name: str, main: MainSubject) -> bool:
    """An alias, or the same zone written longer or shorter (`大连金普新区` / `金普新区`)."""
    name = short_zone_name(name)
    return any(name == a or (min(len(name), len(a)) >= 3 and (a.endswith(name) or name.endswith(a)))
               for a in map(short_zone_name, main.aliases))


def short_zone_name(name: str) -> str:
    """`江宁经济技术开发区` → `江宁开发区`, `合肥高新技术产业开发区` → `合肥高新区`: the usual short forms."""
    for long, short in data().zone_short_forms.items():
        if name.endswith(long) and len(name) > len(long):
            return name[: -len(long)] + short
    return name


def declared_names(ctx: Context) -> dict[str, str]:
    """Full name → declared short name, for every `X（以下简称“Y”）` (companies included)."""
    names = {}
    for match in _patterns()["declared"].finditer(ctx.norm):
        short = ctx.text[match.start("short"):match.end("short")]
        names[short] = short
        head = _NAME_BEFORE.search(ctx.text[max(0, match.start() - 40):match.start()])
        if head:
            names[head.group()] = short
    return names


_ALIAS_BRACKET = regex.compile(r"[（(][^（()）\n]{1,12}[）)]")
"""`广州开发区（黄埔区）`, `杭州高新区（滨江）`: the zone's other name, part of its mention."""


def _named_mentions(ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    alias_end = -1
    for m in _non_overlapping(zone_mentions(ctx) + region_mentions(ctx)):
        if m.start < alias_end:
            continue
        alias = _ALIAS_BRACKET.match(ctx.norm, m.end) if m.kind == "zone" else None
        if alias is not None and not _patterns()["declared"].match(ctx.norm, m.end):
            m = Mention(m.start, alias.end(), m.name, m.kind)
            alias_end = alias.end()
        out.append(m)
    return out



def declared_mentions(ctx: Context, records: Sequence, main: Optional[MainSubject]) -> list[Mention]:
    """Every later use of a declared short name (`国电南瑞2020年营业收入…`) names that company."""
    shorts = {short for short in declared_names(ctx).values() if len(short) >= 2}
    if main is not None:
        shorts.discard(main.name)
    if not shorts:
        return []
    pattern = regex.compile(alternation(sorted(shorts)))
    return [Mention(m.start(), m.end(), ctx.text[m.start():m.end()], "company")
            for m in pattern.finditer(ctx.norm) if ctx.norm[m.end():m.end() + 1] not in ("”", '"', "」")]


def _han_name_before(ctx: Context, m: Mention, named_before: dict[int, Mention]) -> Mention:
    """`日本电产（Nidec）`: a Latin alias in brackets stands for the Han name right before it, the
    whole company record when one ends there (`鸿海精密工业股份有限公司（Foxconn）`)."""
    if not m.name.isascii() or m.start == 0 or ctx.norm[m.start - 1] not in "（(":
        return m
    closing = m.end + 1 if ctx.norm[m.end:m.end + 1] in ("）", ")") else m.end
    record = named_before.get(m.start - 1)
    if record is not None:
        return Mention(record.start, closing, record.name, m.kind)
    tokens = _tokens_before(ctx, m.start - 1)
    if not tokens or m.start - 1 - tokens[0][0] < 2:
        return m
    return Mention(tokens[0][0], closing, ctx.text[tokens[0][0]:m.start - 1], m.kind)


def _main_names(main: MainSubject) -> frozenset[str]:
    """The main subject's aliases, a city or province's also without its suffix (`东莞` of `东莞市`)."""
    return main.aliases | {a[:-1] for a in main.aliases if a.endswith(_BARE_SUFFIXES) and len(a) >= 3}


def main_mentions(ctx: Context, main: Optional[MainSubject]) -> list[Mention]:
    """The main subject's own names wherever written (`嘉兴今年上半年…`, `浑南软件产业…`), a city or
    province also without its suffix (`青溪市` as `青溪全市工业增加值`)."""
    if main is None:
        return []
    names = [a for a in _main_names(main) if len(a) >= 2]
    return [Mention(m.start(), m.end(), main.name, "main")
            for m in regex.finditer(alternation(names), ctx.norm)
            if not _patterns()["zone_after_place"].match(ctx.norm, m.end())]


def _in_title(ctx: Context, m: Mention) -> bool:
    """`“中国最具投资吸引力开发区”`: a zone word closing a quoted title names a class, not a zone."""
    return m.kind == "zone" and ctx.norm[m.end:m.end + 1] == "”"


def subject_mentions(ctx: Context, records: Sequence, main: Optional[MainSubject],
                     named: Optional[list[Mention]] = None) -> list[Mention]:
    """Every mention, with anaphors and aliases resolved to the main subject's name."""
    companies = company_mentions(records)
    ending_at = {m.end: m for m in companies if not m.name.isascii()}
    companies = [_han_name_before(ctx, m, ending_at) for m in companies]
    named = named if named is not None else _named_mentions(ctx)
    found = (named + subpark_mentions(ctx) + anaphor_mentions(ctx) + companies
             + declared_mentions(ctx, records, main) + main_mentions(ctx, main))
    mentions = _non_overlapping([m for m in found if not _in_title(ctx, m)])
    resolved = []
    short_names = declared_names(ctx)
    main_names = _main_names(main) if main is not None else frozenset()
    for m in mentions:
        if m.kind == "company" and m.name in short_names:
            m = Mention(m.start, m.end, short_names[m.name], m.kind)
        if main is not None and (m.kind == "anaphor" or same_entity(m.name, main) or m.name in main_names):
            resolved.append(Mention(m.start, m.end, main.name, "main"))
        else:
            resolved.append(m)
    return resolved


# --- the three rule chains ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """A named rule of a chain: returns an answer, None to let the next step try, or NOTHING to stop it."""

    name: str
    apply: Callable


class Unstated:
    """A step's answer that the field is unstated: later steps must not guess."""


NOTHING = Unstated()
SpanAnswer = Union[FactSpan, Unstated, None]
DateAnswer = Union[FactDate, Unstated, None]


class SpanIndex:
    """Sorted spans looked up by position, so every scan stays local (no pass over the whole document)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [span[0] for span in self.spans]

    def within(self, start: int, end: int) -> list:
        out, i = [], bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] <= end:
                out.append(self.spans[i])
            i += 1
        return out

    def before(self, offset: int, floor: int, limit: int = 12) -> list:
        """Up to `limit` spans starting in [floor, offset), nearest first."""
        out: list = []
        i = bisect_right(self.starts, offset) - 1
        while i >= 0 and self.spans[i][0] >= floor and len(out) < limit:
            out.append(self.spans[i])
            i -= 1
        return out


@dataclass
class Indexed:
    """What the facts of one text share: mentions, records and dates indexed by position."""

    ctx: Context
    records: Sequence
    mentions: list[Mention]
    main: Optional[MainSubject]
    blocks: SpanIndex = field(init=False)
    mention_index: SpanIndex = field(init=False)
    dates: SpanIndex = field(init=False)
    stops: list = field(init=False)
    line_starts: list = field(init=False)
    distributor_spans: list = field(init=False)
    distributor_ends: list = field(init=False)
    first_ranking_at: dict = field(init=False)
    value_types: dict = field(init=False)
    joined_groups: dict = field(init=False)
    sections: list = field(init=False)
    facts: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        bases = [(m.start, m.end) for m in self.mentions if not self.ctx.norm.endswith("占", 0, m.start)]
        self.blocks = SpanIndex([(r.start, r.end) for r in self.records] + bases)
        self.mention_index = SpanIndex([(m.start, m.end, i) for i, m in enumerate(self.mentions)])
        self.dates = SpanIndex([(r.start, r.end, i) for i, r in enumerate(self.records) if r.type == "date"])
        self.stops = [m.start() for m in _FULL_STOP.finditer(self.ctx.norm)]
        self.line_starts = [0] + [i + 1 for i in occurrences(self.ctx.norm, "\n")]
        self.distributor_spans = [m.span() for m in _patterns()["distributing"].finditer(self.ctx.norm)]
        self.distributor_ends = [end for _, end in self.distributor_spans]
        self.value_types = {r.start: r.type for r in self.records if r.type != "date"}
        self.first_ranking_at = {}
        for index, record in enumerate(self.records):
            if record.type == "ranking":
                self.first_ranking_at.setdefault(record.start, index)
        self.joined_groups = _joined_groups(self.ctx.norm, self.records)
        self.sections = _section_dates(self.ctx.norm, self.records)

    def section_date(self, offset: int) -> Optional[int]:
        """The date record of the numbered section `offset` stands in, when its heading names one."""
        index = bisect_right(self.sections, (offset, len(self.records))) - 1
        return self.sections[index][1] if index >= 0 else None

    def distributor_before(self, floor: int, at: int) -> int:
        """Start of the last word spreading a list over figures (`分别`, `分列`) in [floor, at), or -1.
        The words never overlap one another, so their starts run in the order of their ends."""
        index = bisect_right(self.distributor_ends, at) - 1
        if index < 0 or self.distributor_spans[index][0] < floor:
            return -1
        return self.distributor_spans[index][0]

    def paragraph_start(self, offset: int) -> int:
        """Where the line holding `offset` begins (a bisect, not a scan back through a long line)."""
        return self.line_starts[bisect_right(self.line_starts, offset) - 1]


_HAN_GAP = regex.compile(r"(?<=\p{Han})[ \t\u3000]+(?=\p{Han})")
"""White space between two Chinese characters (`重点项目 总投资486亿元`) parts a clause as a comma would."""


class Scene:
    """Everything the steps of one fact look at: its record, and the clause, sentence and full
    sentence around it (the last runs to `。！？` or a line end: `；` only separates its parts),
    each cut to a window so a hostile text cannot make a scan long."""

    def __init__(self, doc: Indexed, index: int, previous: Optional[Fact]):
        self.doc, self.index, self.previous = doc, index, previous
        self.subject: Optional[FactSpan] = None
        self.ctx: Context = doc.ctx
        self.records: Sequence = doc.records
        self.main: Optional[MainSubject] = doc.main
        record = self.record = doc.records[index]
        start, end = self.ctx.clause_at(record.start)
        start, end = max(start, record.start - WINDOW), min(end, record.end + WINDOW)
        gaps = [m.span() for m in _HAN_GAP.finditer(self.ctx.norm, start, end)]
        start = max([start] + [e for s, e in gaps if e <= record.start])
        end = min([end] + [s for s, e in gaps if s >= record.end])
        self.clause = (start, end)
        start, end = self.ctx.sentence_at(record.start)
        self.sentence = (max(start, record.start - 4 * WINDOW), min(end, record.end + 4 * WINDOW))
        stop_index = bisect_left(doc.stops, record.start) - 1
        stop = doc.stops[stop_index] if stop_index >= 0 else -1
        self.full_sentence = (max(stop + 1, record.start - 4 * WINDOW, 0), self.sentence[1])


def _is_subject_mention(scene: Scene, m: Mention) -> bool:
    """Not a scope (`全国219个`, `全国第一`: a count or place right after it) nor a comparison
    base (`领先吴江全区`, `占全市`)."""
    norm = scene.ctx.norm
    if m.kind != "company" and _counts_members_after(scene, m.end):
        return False
    if _LIST_AFTER.match(norm, m.end) or _patterns()["publisher"].match(norm, m.end):
        return False
    if m.kind == "company" and (_listed_as_example(scene.ctx, m.end) or _counted_list_member(scene.ctx, m.start, m.end)):
        return False
    if norm.endswith(_COMPARISON_BEFORE, 0, m.start):
        return False
    return not (norm.endswith(_LIST_JOINERS, 0, m.start)
                and _COMPARED_LIST_BEFORE.search(norm, max(0, m.start - _COMPARED_LIST_REACH), m.start))


_EXAMPLES_OF_COUNT = regex.compile(r"[^，,。；;！？、（()）\n]{0,16}(?:、[^，,。；;！？\n]*?)?等(?:[\d一二两三四五六七八九十]+[家个]|[\d一二两三四五六七八九十]*个?项目)")
"""`海尔热水器、麦格纳宏立等45家…企业`, `华星光电T7二期等项目`: firms listed (a product word may follow
each) as examples of a counted set, or named for a project of theirs in a list of projects; its
figures are the set's."""
_EXAMPLES_REACH = 60


_COUNT_CLOSING_LIST = regex.compile(r"(?:、[^，,。；;！？、\n]{2,16})*[\d一二两三四五六七八九十]+[家个]")


def _counted_list_member(ctx: Context, start: int, end: int) -> bool:
    """`芯联集成、华虹半导体、晶合集成3家企业成功上市`: firms listed with `、` and closed by their count
    are members of the counted set; its figures are the set's."""
    in_list = ctx.norm.endswith("、", 0, start) or ctx.norm.startswith("、", end)
    return in_list and _COUNT_CLOSING_LIST.match(ctx.norm, end) is not None


def _listed_as_example(ctx: Context, at: int) -> bool:
    """A firm's name at `at` opens a list item closed by `等…家`/`等项目`, with nothing but product or
    project words between (no preposition or verb of having: `博世在园区设有汽车电子、…等6家企业` is
    about 博世)."""
    match = _EXAMPLES_OF_COUNT.match(ctx.norm, at, at + _EXAMPLES_REACH)
    if match is None:
        return False
    item_end = min(i for i in (ctx.norm.find("、", at, match.end()), ctx.norm.find("等", at, match.end())) if i >= 0)
    return not any((pos_tag(ctx.norm[s:e]) or "").startswith("p") or ctx.norm.endswith("有", s, e)
                   for s, e in ctx.tokens.words(at, item_end))


_YEARS_AFTER = regex.compile(r"[\d一二两三四五六七八九十]+年")
"""`合肥两年平均增速`, `无锡一年内`: a span of years after a place counts none of its members."""


def _counts_members_after(scene: Scene, at: int) -> bool:
    """`全国219个`, `全国第一`, `高新区第40家`: a number right after a place counts or orders its
    members. A rate right after it is the place's own (`湖北9.8%`); a date is its figure's
    period (`常熟市2022年GDP`); a numeral opening a word (`合肥第二产业`) or a span of years
    (`合肥两年平均增速`) is no count."""
    norm = scene.ctx.norm
    if at >= len(norm) or not _NUMBER_START.match(norm, at):
        return False
    record_type = scene.doc.value_types.get(at)
    if record_type is not None:
        return record_type != "percentage"
    return not (scene.doc.dates.before(at, at, 1) or _numeral_inside_word(scene.ctx, at)
                or _YEARS_AFTER.match(norm, at))


def _numeral_inside_word(ctx: Context, at: int) -> bool:
    """`第二产业`, `一年内`: the numeral opens a dictionary word of three or more characters."""
    token = ctx.tokens.token_at(at)
    return (token is not None and token[0] == at and token[1] - at >= 3
            and word_frequency(ctx.norm[at:token[1]]) > 0)


def _subject_span(m: Mention) -> FactSpan:
    return FactSpan(text=m.name, start=m.start, end=m.end)


def _is_locative(scene: Scene, m: Mention) -> bool:
    return scene.ctx.norm.endswith(_LOCATIVE_BEFORE, 0, m.start)


def _in_scope(scene: Scene, m: Mention) -> bool:
    """`在南京市“先进园区”考核中位居榜首`: a place inside an `在…中` frame is the field, not the ranked."""
    norm = scene.ctx.norm
    if m.kind not in ("region", "zone"):
        return False
    at = norm.rfind("在", max(0, m.start - _SCOPE_LEAD), m.start)
    if at < 0 or not all(word in data().scope_words for word in _words_between(scene.ctx, at + 1, m.start)):
        return False
    scope = _patterns()["scope"].match(norm, at, scene.record.start)
    return scope is not None and scope.end() >= m.end


_SCOPE_LEAD = 6
"""How far before a place inside `在…中` the `在` may stand: only area words (`全国`) between."""


def _words_between(ctx: Context, start: int, end: int) -> list[str]:
    return [ctx.norm[s:e] for s, e in ctx.tokens.words(start, end)]


def _mention_before(scene: Scene, floor: int) -> Optional[Mention]:
    """The nearest subject mention before the figure; a place after `在` yields to a name before it."""
    locative = None
    for start, end, i in scene.doc.mention_index.before(scene.record.start, floor):
        m = scene.doc.mentions[i]
        if end > scene.record.start or not _is_subject_mention(scene, m) or _in_scope(scene, m):
            continue
        if not _is_locative(scene, m):
            return m
        locative = locative or m
    return locative


def _subject_from(scene: Scene, m: Optional[Mention]) -> Optional[FactSpan]:
    if m is None:
        return None
    return _subject_span(m)


def subject_in_clause(scene: Scene) -> Optional[FactSpan]:
    return _subject_from(scene, _mention_before(scene, scene.clause[0]))


def subject_in_sentence(scene: Scene) -> Optional[FactSpan]:
    return _subject_from(scene, _mention_before(scene, scene.sentence[0]))


def _lists_members(scene: Scene) -> bool:
    """`A、B等3家企业…`: the sentence lists companies as members of a set; its figures are the set's
    (the zone's), not those of a company named in an earlier sentence."""
    norm = scene.ctx.norm
    for start, end, i in scene.doc.mention_index.before(scene.record.start, scene.sentence[0]):
        if scene.doc.mentions[i].kind == "company" and end <= scene.record.start and _LIST_AFTER.match(norm, end):
            return True
    return False


def subject_topic(scene: Scene) -> Optional[FactSpan]:
    """`芯朗微电成立于2015年…。本次公开发行股票3200万股`, `…。公司2021年实现营业收入…`: a company standing
    as an earlier sentence's topic stays the subject of its paragraph until another subject is named;
    the last of several listed firms (`甲、乙、丙均超过10%`) is no one topic."""
    ctx = scene.ctx
    if _lists_members(scene):
        return None
    paragraph_start = scene.doc.paragraph_start(scene.record.start)
    floor = max(paragraph_start, scene.record.start - 6 * WINDOW)
    for start, end, i in scene.doc.mention_index.before(scene.sentence[0], floor):
        m = scene.doc.mentions[i]
        declaring = ctx.norm[m.end:m.end + 2] in ("”）", "”)")
        if declaring or not _is_subject_mention(scene, m) or _is_locative(scene, m):
            continue
        if m.kind != "company" or ctx.norm.endswith(_LIST_MEMBER_AFTER, 0, m.start):
            return None
        clause_start, _ = ctx.clause_at(m.start)
        lead = ctx.norm[clause_start:m.start].strip(" 　“”\"")
        return _subject_from(scene, m) if not lead or lead in data().topic_frames else None
    return None


_LIST_MEMBER_AFTER = ("、", "和", "及", "与")


def subject_main(scene: Scene) -> Optional[FactSpan]:
    return FactSpan(text=scene.main.name) if scene.main else None


@lru_cache(maxsize=1)
def _scope_words() -> tuple[str, ...]:
    return tuple(longest_first(data().scope_words))


def subject_scope(scene: Scene) -> Optional[FactSpan]:
    """`全国219个国家级经开区`, `全省共有46家…`: a count right after a place word, or after its word of
    having, counts that place's members."""
    record = scene.record
    if record.type != "amount" or record.value.kind != "quantity":
        return None
    norm = scene.ctx.norm
    having = _patterns()["having_end"].search(norm, max(0, record.start - 2), record.start)
    for at in (record.start, having.start()) if having else (record.start,):
        for word in _scope_words():
            if norm.endswith(word, 0, at):
                return FactSpan(text=scene.ctx.text[at - len(word):at], start=at - len(word), end=at)
        for start, end, i in scene.doc.mention_index.before(at, at - 20, limit=1):
            m = scene.doc.mentions[i]
            if end == at and m.kind in ("region", "zone"):
                return _subject_span(m)
    return None


_LIST_JOIN = regex.compile(r"(?:[（(][^（()）\n]{1,40}[）)])?(?:、|和|及|与|以及)")
_SHARED_MEASURE = regex.compile(r"(?:(?:19|20)\d\d年(?:度)?)?[\p{Han}A-Za-z]{2,8}")
"""What names listed before `分别` share: a measure, with the year it is for (`2022年营业收入`)."""


def _listed_before(scene: Scene, at: int) -> list[Mention]:
    """The named subjects listed right before `at` (`A、B和C分别…`), in text order; the measure they
    share may stand between the list and `at` (`恒力集团、盛虹集团营业收入分别…`)."""
    listed: list[Mention] = []
    cursor = at
    for start, end, i in scene.doc.mention_index.before(at, scene.sentence[0], limit=8):
        m = scene.doc.mentions[i]
        if m.kind == "anaphor" or m.kind == "main" and not listed and end != cursor:
            break
        shared = _SHARED_MEASURE.fullmatch(scene.ctx.norm, end, cursor) is not None
        joined = (end == cursor or shared) if not listed else bool(_LIST_JOIN.fullmatch(scene.ctx.norm, end, cursor))
        if not joined:
            break
        listed.insert(0, m)
        cursor = start
    return listed


def subject_distributed(scene: Scene) -> Optional[FactSpan]:
    """`A、B分别落户…，注册资本分别为2亿元和5000万元`: the k-th figure of a `分别` group is the k-th
    listed subject's, when as many subjects stand right before a `分别` earlier in the sentence."""
    found = _distributed(scene)
    if found is None:
        return None
    _, group, k = found
    floor = scene.sentence[0]
    at = scene.doc.distributor_before(floor, scene.record.start)
    for _ in range(4):
        if at < 0:
            return None
        listed = _listed_before(scene, at)
        if len(listed) == len(group):
            return _subject_span(listed[k])
        at = scene.doc.distributor_before(floor, at)
    return None


_FIGURE_JOIN = regex.compile(r"[ 　]*(?:、|和|及|与)[ 　]*")


def _joined_figures(scene: Scene) -> list[int]:
    """The value records joined to this one by 、/和 alone (`4.6%和2.8%`), in text order."""
    return scene.doc.joined_groups.get(scene.index) or [scene.index]


def _joined_groups(norm: str, records: Sequence) -> dict[int, list[int]]:
    """Every run of two or more value records joined by 、/和 alone, by the index of each member."""
    groups: dict[int, list[int]] = {}
    run: list[int] = []
    for index, record in enumerate(records):
        joined = (run and record.type in VALUE_TYPES
                  and _FIGURE_JOIN.fullmatch(norm, records[run[-1]].end, record.start) is not None)
        if joined:
            run.append(index)
            continue
        if len(run) >= 2:
            groups.update((member, run) for member in run)
        run = [index] if record.type in VALUE_TYPES else []
    if len(run) >= 2:
        groups.update((member, run) for member in run)
    return groups


def subject_ranked_after(scene: Scene) -> Optional[FactSpan]:
    """`排名第59的肥西县`, `位居第三的广州`: a ranking describing the name right after its `的` is that
    name's."""
    record, norm = scene.record, scene.ctx.norm
    if record.type != "ranking" or not norm.startswith(("位的", "名的", "的"), record.end):
        return None
    at = norm.find("的", record.end, record.end + 2) + 1
    for start, end, i in scene.doc.mention_index.within(at, at + _NAME_REACH):
        m = scene.doc.mentions[i]
        if start == at and m.kind in ("region", "zone", "company"):
            return _subject_span(m)
    place = _bare_place_at().match(norm, at)
    if place and scene.ctx.tokens.token_at(at) == place.span():
        return FactSpan(text=scene.ctx.text[at:place.end()], start=at, end=place.end())
    return None


_NAME_REACH = 24


@lru_cache(maxsize=1)
def _bare_place_at() -> re.Pattern[str]:
    return re.compile(alternation(data().bare_places))


def subject_paired(scene: Scene) -> Optional[FactSpan]:
    """`甲公司、乙公司研发强度为4.3%和2.5%`: as many names listed before a shared measure as figures
    joined after it pair off in order, as `分别` would say; `均` (all alike) pairs nothing."""
    group = _joined_figures(scene)
    if len(group) < 2:
        return None
    at = scene.records[group[0]].start
    listed = _listed_before(scene, at)
    if len(listed) != len(group) or "均" in scene.ctx.norm[listed[-1].end:at]:
        return None
    return _subject_span(listed[group.index(scene.index)])


SUBJECT_STEPS = (
    Step("subject_distributed", subject_distributed),
    Step("subject_ranked_after", subject_ranked_after),
    Step("subject_paired", subject_paired),
    Step("subject_scope", subject_scope),
    Step("subject_in_clause", subject_in_clause),
    Step("subject_in_sentence", subject_in_sentence),
    Step("subject_topic", subject_topic),
    Step("subject_main", subject_main),
)


def _date_fact(scene: Scene, i: int) -> FactDate:
    value = scene.records[i].value
    return FactDate(start=value.start, end=value.end, record=i)


def _dates_within(scene: Scene, span: tuple[int, int]) -> list[int]:
    return [i for _, _, i in scene.doc.dates.within(*span)]


def _governs(scene: Scene, i: int) -> bool:
    """A date governs a later figure unless it names an event's edition (`2021年第三季度…签约仪式`),
    sits in a `其中` sub-clause of its own, or a period word (`十余年间`, `目前`, `累计`) intervenes;
    an as-of or since date (`截至9月底`, `今年以来`) keeps governing `累计` and `目前` figures, and a
    span of years the figure's sentence opens with keeps governing its `年均` and `累计` figures
    when no other date comes between (`2016—2020年，…年均增长8.9%`, `1-11月累计增长5.8%`)."""
    record, norm = scene.records[i], scene.ctx.norm
    if record.end > scene.record.start:
        return True
    if _patterns()["event_name"].match(norm, record.end, min(len(norm), record.end + 24)):
        return False
    clause_start, _ = scene.ctx.clause_at(record.start)
    if norm.startswith("其中", clause_start) and scene.ctx.clause_at(scene.record.start)[0] != clause_start:
        return False
    if _patterns()["as_of"].search(norm, max(clause_start, record.start - 4), record.end):
        return True
    attached = _patterns()["date_tail"].match(norm, record.end)
    if attached is not None and attached.end() > record.end:
        return not _own_period(scene, record)
    periods = [m.group() for m in _patterns()["period"].finditer(norm, record.end, scene.record.end)]
    if not periods:
        return True
    return all(word in data().span_period_words for word in periods) and _opens_span_to(scene, record)


def _opens_span_to(scene: Scene, date) -> bool:
    """A span (`2016—2020年`, `1-11月`) in the figure's sentence with no other date before the figure."""
    return (date.value.start is not None and date.value.start != date.value.end
            and date.start >= scene.full_sentence[0] and not scene.doc.dates.within(date.end, scene.record.start))


def _own_period(scene: Scene, date) -> bool:
    """`二〇一五年起，…。十多年间，外资企业从五十家增长到…`: a later sentence that states its own
    period is no longer under an earlier sentence's since-date."""
    sentence_start = scene.full_sentence[0]
    return (date.end <= sentence_start
            and _patterns()["period"].search(scene.ctx.norm, sentence_start, scene.record.start) is not None)


def date_distributed(scene: Scene) -> Optional[FactDate]:
    """`2019、2020、2021年，税收收入分别为86亿元、92亿元和105亿元`: the k-th figure of a `分别` group
    takes the k-th of as many dates listed earlier in its sentence."""
    found = _distributed(scene)
    if found is None:
        return None
    at, group, k = found
    listed: list[int] = []
    for i in _dates_within(scene, (scene.sentence[0], at)):
        if not (listed and _LIST_JOIN.fullmatch(scene.ctx.norm, scene.records[listed[-1]].end, scene.records[i].start)):
            listed = []
        listed.append(i)
    return _date_fact(scene, listed[k]) if len(listed) == len(group) else None


def _dates_the_origin(scene: Scene, i: int) -> bool:
    """`由上年的2.8%提高到3.1%`: a date after `由`/`从` is the starting figure's, not the one reached."""
    record, norm = scene.records[i], scene.ctx.norm
    if not norm.endswith(("由", "从"), 0, record.start) or i + 1 >= len(scene.records):
        return False
    origin = scene.records[i + 1]
    return (origin.type in VALUE_TYPES and origin.end <= scene.record.start
            and _ORIGIN_LINK.fullmatch(norm, record.end, origin.start) is not None
            and _REACHED.match(norm, origin.end) is not None)


_ORIGIN_LINK = regex.compile(r"(?:末|底|初)?的?")
_REACHED = regex.compile(r"(?:提高|提升|增长|增加|上升|跃升|攀升|扩大|下降|降低|减少|回落|增|降|升)?(?:到|至)")


def date_in_clause(scene: Scene) -> DateAnswer:
    dates = [i for i in _dates_within(scene, scene.clause) if not _dates_the_origin(scene, i)]
    before = [i for i in dates if scene.records[i].end <= scene.record.start]
    if before:
        return _date_fact(scene, before[-1]) if _governs(scene, before[-1]) else NOTHING
    return _date_fact(scene, dates[0]) if dates else None


def date_before_in_sentence(scene: Scene) -> DateAnswer:
    before = [i for i in _dates_within(scene, scene.full_sentence)
              if scene.records[i].end <= scene.record.start and not _dates_the_origin(scene, i)]
    for i in reversed(before[-4:]):
        if _governs(scene, i):
            return _date_fact(scene, i)
    return NOTHING if before else None


def date_of_breakdown(scene: Scene) -> Optional[FactDate]:
    """`…2022年合计实现营业收入4800亿元。其中，国家级经开区实现…`: a sentence opened by `其中` breaks
    down the figures before it, so it shares their date."""
    previous = scene.previous
    if previous is None or previous.date is None:
        return None
    start, _ = scene.full_sentence
    if not scene.ctx.norm[start:scene.record.start].lstrip(" 　\t\r\n").startswith("其中"):
        return None
    previous_start = scene.records[previous.record].start
    if previous_start < scene.doc.paragraph_start(scene.record.start):
        return None
    return previous.date


_SECTION_HEADING = regex.compile(r"^[ \t　]*[一二三四五六七八九十]{1,3}、[^\n。]{1,40}$", regex.M)
"""`一、2022年工作回顾`: a numbered heading of a report's top-level section."""


def _section_dates(norm: str, records: Sequence) -> list[tuple[int, Optional[int]]]:
    """(where each numbered section's heading ends, the one date record it names or None), in order."""
    dates = sorted((r.start, i) for i, r in enumerate(records) if r.type == "date")
    starts = [start for start, _ in dates]
    sections: list[tuple[int, Optional[int]]] = []
    for heading in _SECTION_HEADING.finditer(norm):
        inside = dates[bisect_left(starts, heading.start()):bisect_left(starts, heading.end())]
        sections.append((heading.end(), inside[0][1] if len(inside) == 1 else None))
    sections += [(note.end(), None) for note in _NOTES_HEADING.finditer(norm)]
    return sorted(sections)


_NOTES_HEADING = regex.compile(r"^[ \t　]*(?:注释|附注|说明|注)[：:]", regex.M)
"""`注：…`: the notes closing a report belong to no section."""


def date_of_section(scene: Scene) -> Optional[FactDate]:
    """`一、2022年工作回顾` … `地区生产总值完成1156亿元`: a figure whose paragraph dates nothing takes
    the date its numbered section's heading names (one date only: `2020年和“十三五”时期` names two),
    unless its sentence states a period of its own (`五年来`, `累计`)."""
    index = scene.doc.section_date(scene.record.start)
    if index is None or scene.doc.paragraph_start(scene.record.start) < scene.records[index].end:
        return None
    if _patterns()["period"].search(scene.ctx.norm, scene.full_sentence[0], scene.record.end):
        return None
    return _date_fact(scene, index)


def date_before_in_paragraph(scene: Scene) -> Optional[FactDate]:
    start = scene.doc.paragraph_start(scene.record.start)
    for _, end, i in scene.doc.dates.before(scene.record.start, max(start, scene.record.start - 12 * WINDOW), 6):
        if end <= scene.record.start and _is_topical(scene, i):
            return _date_fact(scene, i) if _governs(scene, i) else None
    return None


def _is_topical(scene: Scene, i: int) -> bool:
    """`2019年，…` / `截至9月底，…`: a date standing as its clause's topic governs the sentences after it."""
    record = scene.records[i]
    start, end = scene.ctx.clause_at(record.start)
    if end - start > WINDOW:
        return False
    rest = scene.ctx.norm[start:record.start] + scene.ctx.norm[record.end:end]
    if _patterns()["topic_frame"].fullmatch(rest.strip()) is not None:
        return True
    return _leads_sentence(scene, record) or (_follows_opening_subject(scene, record)
                                              and _figure_follows_in_clause(scene, i))


def _figure_follows_in_clause(scene: Scene, i: int) -> bool:
    """The date's own clause reports a figure (`…2023年实现地区生产总值1520亿元`), not an event
    (`沈阳高新区1988年创建，`)."""
    _, clause_end = scene.ctx.clause_at(scene.records[i].start)
    for j in range(i + 1, len(scene.records)):
        later = scene.records[j]
        if later.start >= clause_end:
            return False
        if later.type in VALUE_TYPES:
            return True
    return False


_BRACKET_GAP = regex.compile(r"[（(][^（()）\n]{1,40}[）)]")


def _follows_opening_subject(scene: Scene, record) -> bool:
    """`江宁开发区2023年实现…。全区…`: a date right after the subject opening its sentence is that
    sentence's period, as if written first, and governs the later figures of the same subject.
    A framing clause may come first (`作为制造业大区，星河高新区一季度…`, `数据显示，…`)."""
    norm = scene.ctx.norm
    sentence_start, _ = scene.ctx.sentence_at(record.start)
    at = record.start
    if norm[at - 1:at] in "）)":
        opening = max(norm.rfind("（", sentence_start, at), norm.rfind("(", sentence_start, at))
        if opening >= 0 and _BRACKET_GAP.fullmatch(norm, opening, at):
            at = opening
    nearest = next(iter(scene.doc.mention_index.before(at, sentence_start, limit=1)), None)
    if nearest is None or nearest[1] != at:
        return False
    preamble = _patterns()["preamble"].match(norm, sentence_start, nearest[0])
    opening = preamble.end() if preamble else sentence_start
    if norm[opening:nearest[0]].strip(" 　\t\r\n"):
        return False
    return scene.subject is not None and scene.subject.text == scene.doc.mentions[nearest[2]].name


def _leads_sentence(scene: Scene, record) -> bool:
    """`今年以来园区新签约…。`: a since-date opening its sentence without a comma is its topic too."""
    norm = scene.ctx.norm
    sentence_start, _ = scene.ctx.sentence_at(record.start)
    return not norm[sentence_start:record.start].strip(" 　\t\r\n") and norm.startswith("以来", record.end)


DATE_STEPS = (
    Step("date_distributed", date_distributed),
    Step("date_in_clause", date_in_clause),
    Step("date_before_in_sentence", date_before_in_sentence),
    Step("date_of_breakdown", date_of_breakdown),
    Step("date_before_in_paragraph", date_before_in_paragraph),
    Step("date_of_section", date_of_section),
)


def _blocked_start(scene: Scene, start: int, end: int) -> int:
    """Where the metric may begin: after the last record or mention between `start` and `end`, and
    after a bracketed other name right behind it (`高新区（滨江）`)."""
    blocked = max((span[1] for span in scene.doc.blocks.within(start, end)), default=start)
    aside = _ASIDE.match(scene.ctx.norm, blocked, end) if blocked > start else None
    return aside.end() if aside else blocked


def _blocked_end(scene: Scene, start: int, end: int) -> int:
    return min((span[0] for span in scene.doc.blocks.within(start, end)), default=end)


def _core_length(rest: str) -> int:
    """How much of `rest` is left once the frame words closing it are peeled (`能达` → `能`)."""
    trailing = _patterns()["trailing"]
    while True:
        found = trailing.search(rest)
        if found is None or found.start() == 0:
            return len(rest)
        rest = rest[:found.start()]


def _trim(ctx: Context, start: int, end: int, evaluation: bool = False) -> tuple[int, int]:
    """Peel frame words off both ends of a phrase, a leading anaphor (`全区`, `开发区`) when a noun
    follows it, and stray punctuation (a metric is short: 40 at most). An `evaluation`'s name keeps
    its anaphor (`开发区考核评价`) and a closing frame word (`在…综合排名中`).
    A one-character word is peeled off the front only where jieba ends a word after it (`中` off
    `中实现`, not off `中部地区`); a longer one anywhere, as jieba often glues it to what follows.

    Every pass removes at least one character, and the phrase is at most MAX_METRIC long."""
    pats = _patterns()
    start = max(start, end - MAX_METRIC)
    while start < end:
        piece = ctx.norm[start:end]
        left, right = _unpaired_edges(piece)
        if left or right:
            start, end = start + left, end - right
            continue
        publication = piece.rfind("》")
        if publication >= 0:
            start += publication + 1
            continue
        closed = max(piece.rfind("）"), piece.rfind(")"))
        if closed >= 0 and "（" not in piece[:closed] and "(" not in piece[:closed]:
            if _core_length(piece[closed + 1:]) >= 2:
                start += closed + 1
            else:
                end = start + closed
            continue
        lead = None if pats["modified_measure"].match(piece) else pats["leading"].match(piece)
        frames_only = None
        if lead is not None:
            frames_only = pats["trailing_only"].fullmatch(piece, lead.end())
            if frames_only and pats["modified_measure"].search(piece, lead.end()):
                frames_only = None
        if lead and lead.end() < len(piece) and not frames_only:
            if lead.end() > 1 or (ctx.tokens.is_boundary(start + 1) and not piece.startswith(_metric_heads())):
                start += lead.end()
                continue
            lead = None
        span = None if pats["modified_measure"].match(piece) else _SPAN_OF_TIME.match(piece)
        if span and _core_length(piece[span.end():]) >= 2 and ctx.tokens.is_boundary(start + span.end()):
            start += span.end()
            continue
        verb = pats["leading_verb"].match(piece)
        if verb and _core_length(piece[verb.end():]) >= 2 and not _inside_noun(ctx, start + verb.end()):
            start += verb.end()
            continue
        place = None if evaluation else pats["anaphor"].match(piece)
        if place and place.end() < len(piece):
            start += place.end()
            continue
        trail = pats["trailing"].search(piece)
        if trail and evaluation and pats["frame"].fullmatch(trail.group()) and ctx.norm.startswith("中", end):
            trail = None
        if trail and trail.group() in data().standalone_measures and pats["modifiers_only"].fullmatch(piece, 0, trail.start()):
            trail = None
        if trail and evaluation and trail.end() == len(piece) and trail.group() in data().ranked_rates:
            trail = None
        if trail and trail.start() > 0:
            end = start + trail.start()
            continue
        base = _comparison_base(ctx, start, end)
        if base is not None:
            end = base
            continue
        later = next((found for found in (after(ctx, start, end) for after in _MEASURE_STARTS) if found is not None), None)
        if later is not None:
            start = later
            continue
        if (trail or lead) and piece not in data().standalone_measures:
            return (start, start)
        break
    return (start, end)


_ASIDE = regex.compile(r"[（(][^（()）\n]{1,12}[）)]")
"""A bracketed other name right after a name (`高新区（滨江）`) goes with the name."""
_EDGE_MARKS = frozenset(" 　“”\"'《》「」()（）")
_CLOSING_OF = {"“": "”", "《": "》", "「": "」", "(": ")", "（": "）"}
_OPENING_OF = {closing: opening for opening, closing in _CLOSING_OF.items()}


def _unpaired_edges(piece: str) -> tuple[int, int]:
    """How many spaces and marks to peel off each end: a quote whose partner is inside the phrase
    stays (`“先进园区”考核`); a pair around the whole phrase comes off, leaving what it holds
    (`（高研发公司）` → `高研发公司`)."""
    left = 0
    while left < len(piece) and piece[left] in _EDGE_MARKS:
        partner = piece.find(_CLOSING_OF.get(piece[left], "\0"), left + 1)
        if partner == len(piece) - 1:
            return left + 1, 1
        if partner >= 0:
            break
        left += 1
    right = len(piece)
    while right > left and piece[right - 1] in _EDGE_MARKS:
        if _OPENING_OF.get(piece[right - 1], "\0") in piece[left:right - 1]:
            break
        right -= 1
    return left, len(piece) - right


@lru_cache(maxsize=1)
def _metric_heads() -> tuple[str, ...]:
    return tuple(data().metric_heads)


def _inside_noun(ctx: Context, offset: int) -> bool:
    """`建成区面积`: the word jieba reads across `offset` is a noun, so the verb before it is part of it."""
    token = ctx.tokens.token_at(offset - 1)
    return (token is not None and token[1] > offset
            and (pos_tag(ctx.norm[token[0]:token[1]]) or "").startswith("n"))


def _is_share(norm: str, start: int, end: int) -> bool:
    """`研发投入占营业收入的比重`: the phrase compares its measure with a base after `占`."""
    return norm.find("占", start, end) >= 0


def _owner_end(ctx: Context, start: int, end: int) -> Optional[int]:
    """`美亚光电的色选机国内市场占有率`, `公司在东北地区的门店`: what the measure belongs to ends at its
    last `的` (a word of its own); a share keeps its base (`研发投入占营业收入的比重`)."""
    norm = ctx.norm
    at = norm.rfind("的", start + 1, end - 1)
    if at < 0 or _is_share(norm, start, at) or ctx.tokens.token_at(at) != (at, at + 1):
        return None
    return at + 1


def _frame_end(ctx: Context, start: int, end: int) -> Optional[int]:
    """`上市以来股价`, `项目全部达产后年产值`, `成为进出口总额`: a period or a verb of becoming written
    inside the phrase; the measure starts after the last one, when a word of two characters or more is left."""
    last = None
    for match in _patterns()["frame_end"].finditer(ctx.norm, start + 1, end - 2):
        if ctx.tokens.is_boundary(match.end()):
            last = match.end()
    return last


def _result_end(ctx: Context, start: int, end: int) -> Optional[int]:
    """`限上企业实现营业收入`, `港口完成集装箱吞吐量`: who produced the figure stands before a
    result verb of its own, outside a quoted name; the measure is what follows it, when a word of two
    characters or more is left."""
    norm = ctx.norm
    look_back = max(0, start - MAX_METRIC)
    for match in _patterns()["result_inside"].finditer(norm, start + 2, end - 2):
        quoted = norm.rfind("“", look_back, match.start()) > norm.rfind("”", look_back, match.start())
        if not quoted and ctx.tokens.token_at(match.start()) == match.span():
            return match.end()
    return None


def _listed_members_end(ctx: Context, start: int, end: int) -> Optional[int]:
    """`甲、乙、丙等通信企业研发强度`: a phrase that begins as the last member of a list closed by `等`
    measures what follows the `等`."""
    norm = ctx.norm
    if start == 0 or norm[start - 1] not in "、，,":
        return None
    at = norm.find("等", start + 1, end - 2)
    if at < 0 or ctx.tokens.token_at(at) != (at, at + 1):
        return None
    return at + 1


_MEASURE_STARTS = (_owner_end, _frame_end, _result_end, _listed_members_end)
"""Where the measure begins inside a phrase, in the order they are tried: after its owner's `的`, a
period or verb of becoming, a result verb, a list closed by `等`."""


def _comparison_base(ctx: Context, start: int, end: int) -> Optional[int]:
    """Where a short comparison closing the phrase begins (`增幅比上半年`, `首日收盘价较发行价`):
    `比`/`较` standing as a word of its own with a base after it, not inside a word (`比重`) nor
    ending one (`占比`), nor in a share, where jieba may split `占GDP比重要`."""
    norm = ctx.norm
    at = max(norm.rfind("比", start + 1, end), norm.rfind("较", start + 1, end))
    if at < 0 or not 3 <= end - at <= 6 or _is_share(norm, start, at) or ctx.tokens.token_at(at) != (at, at + 1):
        return None
    return at


def _span(ctx: Context, start: int, end: int) -> Optional[FactSpan]:
    """The metric as written, unless too short to name anything, only a stretch of time (`6个月`),
    only a count of places (`三市`, `两区`), a stray figure (`由0`) or a verb that only opens a
    measure (`年产`)."""
    if end - start < 2 or _SPAN_OF_TIME.fullmatch(ctx.norm, start, end) or _PLACE_COUNT.fullmatch(ctx.norm, start, end):
        return None
    if _DIGIT.search(ctx.norm, start, end) and len(_HAN.findall(ctx.norm, start, end)) < 2:
        return None
    if ctx.norm[start:end] in _bare_verbs():
        return None
    return FactSpan(text=ctx.text[start:end], start=start, end=end)


def _verbs(ctx: Context, pattern: regex.Pattern, start: int, end: int) -> list[int]:
    return [m.start() for m in pattern.finditer(ctx.norm, start, end) if ctx.tokens.is_boundary(m.start())]


def _cuts(ctx: Context, start: int, end: int) -> list[int]:
    """Where a frame word or verb ends a measure named after its figure; not where it only begins a
    longer common noun (`增加` of `工业增加值`, `中` of `研发中心`, `居` of `澳门居民`)."""
    cuts = []
    for match in _patterns()["cut"].finditer(ctx.norm, start, end):
        token = ctx.tokens.token_at(match.start())
        if token is None or token[0] != match.start():
            continue
        if token[1] > match.end() and pos_tag(ctx.norm[token[0]:token[1]]) == "n":
            continue
        cuts.append(match.start())
    return cuts


def metric_of_tier(scene: Scene) -> SpanAnswer:
    """`稳居全国高新区第一方阵`: a tier says where something stands, not by what measure."""
    return NOTHING if scene.record.type == "ranking" and scene.record.value.tier is not None else None


_CLOSING_MARK = {"“": "”", "《": "》"}
"""A title closed before the ranking (`《财富》中国500强`) is a publication, not the list's name."""


def metric_of_title(scene: Scene) -> SpanAnswer:
    """`入选“中国医药工业百强”`, `跻身全国综合实力百强区`, `“中国十大活力开发区”`: a list's title says by what;
    a list of zones keeps its place (`“2021中国产业园区百强”` → `中国产业园区`)."""
    record, ctx = scene.record, scene.ctx
    if record.type != "ranking" or record.value.top_n is None:
        return None
    clause_start, clause_end = scene.clause
    norm = ctx.norm
    opener = max(norm.rfind("“", clause_start, record.start), norm.rfind("《", clause_start, record.start))
    if opener >= 0 and norm.find(_CLOSING_MARK[norm[opener]], opener, record.start) >= 0:
        opener = -1
    title_verb = _patterns()["title_verb"]
    verbs = _verbs(ctx, title_verb, clause_start, record.start)
    start = max([opener + 1] + [verb.end() for v in verbs if (verb := title_verb.match(norm, v))])
    if opener < 0 and not verbs:
        return None
    start = _blocked_start(scene, start, record.start)
    trimmed_start, trimmed_end = _trim(ctx, start, record.start, evaluation=True)
    found = _span(ctx, trimmed_start, trimmed_end)
    year = _patterns()["title_year"].match(norm, start, record.start)
    if found is not None and found.text in data().zone_suffixes and year is not None:
        found = _span(ctx, year.end(), trimmed_end)
    quoted = opener >= 0 and opener + 1 == start
    if found is not None and not quoted and found.text.endswith(tuple(data().zone_suffixes)):
        return None
    if found is not None and opener < 0 and found.text in data().ranked_group_nouns:
        return None
    if found is not None and found.text not in data().zone_suffixes:
        return found
    closer = norm.find("”", record.end, clause_end) if opener >= 0 and norm[opener] == "“" else -1
    if closer < 0:
        return None
    return _span(ctx, *_trim(ctx, record.end, closer, evaluation=True)) or NOTHING


def _scope_start(ctx: Context, start: int, end: int) -> int:
    """`新增数量在全省11个设区市中位列第三`, `工业总产值在全省排名第二`: where a scope before the verb
    begins, `在…中` or `在` with an area (else `end`)."""
    pats = _patterns()
    at = ctx.norm.find("在", start, end)
    while at >= 0:
        if ctx.tokens.is_boundary(at) and (pats["scope"].fullmatch(ctx.norm, at, end)
                                           or pats["scope_open"].fullmatch(ctx.norm, at, end)):
            return at
        at = ctx.norm.find("在", at + 1, end)
    return end


def metric_before_ranking_verb(scene: Scene) -> Optional[FactSpan]:
    """`进出口总额跻身全国开发区十强`, `增速居全市各区首位`: what stands before the ranking verb."""
    if scene.record.type != "ranking":
        return None
    ctx = scene.ctx
    clause_start, _ = scene.clause
    verbs = _verbs(ctx, _patterns()["ranking_verb"], clause_start, scene.record.start)
    end = verbs[-1] if verbs else scene.record.start
    end = _scope_start(ctx, clause_start, end)
    start = _blocked_start(scene, clause_start, end)
    return _span(ctx, *_trim(ctx, start, end, evaluation=True))


def metric_of_ranking_value(scene: Scene) -> Optional[FactSpan]:
    """`长城汽车连续12年位居全国皮卡销量第一`: what the ranking record itself says it is by, when
    nothing stands between the subject and the verb."""
    record = scene.record
    if record.type != "ranking" or not record.value.metric:
        return None
    clause_start, _ = scene.clause
    at = scene.ctx.text.rfind(record.value.metric, clause_start, record.start)
    return _span(scene.ctx, at, at + len(record.value.metric)) if at >= 0 else None


def _after_open_quote(norm: str, start: int, end: int) -> int:
    """Where an evaluation's name may begin after a quote before it: at a quote closed before `end`
    (`“先进园区”考核`), after one still open (the name is quoted)."""
    quote = norm.rfind("“", start, end)
    if quote < 0:
        return start
    return quote if "”" in norm[quote:end] else quote + 1


def metric_ranking_frame(scene: Scene) -> SpanAnswer:
    """`在…综合发展水平考核评价中，X位列第4位`: the named evaluation earlier in the sentence.

    A list named inside the evaluation (`综合实力百强区榜单`) is by the list's measure."""
    if scene.record.type != "ranking":
        return None
    ctx = scene.ctx
    sentence_start, _ = scene.sentence
    frames = [f for f in _patterns()["frame"].finditer(ctx.norm, sentence_start, scene.record.start)
              if not _gives_a_place(scene.doc, f)]
    if not frames:
        return None
    end = frames[-1].end()
    clause_start, _ = ctx.clause_at(frames[-1].start())
    clause_start = max(clause_start, frames[-1].start() - WINDOW)
    for r_start, r_end in scene.doc.blocks.within(clause_start, end):
        inner = scene.doc.first_ranking_at.get(r_start, scene.index) if r_end <= frames[-1].start() else scene.index
        if inner < scene.index and inner in scene.doc.facts:
            return scene.doc.facts[inner].metric or NOTHING
    start = _blocked_start(scene, clause_start, frames[-1].start())
    start = max(start, ctx.norm.rfind("的", start, frames[-1].start()) + 1,
                _after_open_quote(ctx.norm, start, frames[-1].start()),
                ctx.norm.rfind("《", start, frames[-1].start()) + 1)
    verbs = list(_patterns()["ranking_verb"].finditer(ctx.norm, start, frames[-1].start()))
    if verbs:
        start = verbs[-1].end()
    measure = _measure_before_frame(ctx, start, frames[-1].start())
    if measure is not None:
        return measure
    return _span(ctx, *_trim(ctx, start, end, evaluation=True))


def _gives_a_place(doc: Indexed, frame: regex.Match) -> bool:
    """`在全省设区市中排名第6名`: a bare 排名 right before a ranking is the verb that gives the
    place, not an evaluation's name (`综合排名`, `在…排名中`)."""
    if frame.group() != "排名":
        return False
    after = frame.end()
    while doc.ctx.norm[after:after + 1] in (" ", "　"):
        after += 1
    return after in doc.first_ranking_at


def _measure_before_frame(ctx: Context, start: int, frame_start: int) -> Optional[FactSpan]:
    """`人均可支配收入在全国31省份排名中`: what stands before `在` is the measure ranked by."""
    at = ctx.norm.rfind("在", start, frame_start)
    if at <= start or not (ctx.tokens.is_boundary(at) and ctx.tokens.is_boundary(at + 1)):
        return None
    trimmed = _trim(ctx, start, at)
    return _span(ctx, *trimmed) if trimmed[1] > trimmed[0] else None


def metric_of_previous_ranking(scene: Scene) -> Optional[FactSpan]:
    """`跻身百强区前三`, `位列第3位，连续两年进入前五名`: a second ranking is by the same measure."""
    previous = scene.previous
    if scene.record.type != "ranking" or previous is None or previous.kind != "ranking" or previous.metric is None:
        return None
    sentence_start, _ = scene.sentence
    return previous.metric if scene.records[previous.record].start >= sentence_start else None


def metric_of_ranking_in_clause(scene: Scene) -> SpanAnswer:
    previous = scene.previous
    if scene.record.type != "ranking" or previous is None or previous.kind != "ranking":
        return None
    clause_start, _ = scene.clause
    if scene.records[previous.record].start < clause_start:
        return None
    return previous.metric or NOTHING


def _comma_clause(scene: Scene) -> tuple[int, int]:
    """The stretch between commas around the figure (a `、` list stays whole)."""
    norm, at = scene.ctx.norm, scene.record.start
    floor, ceiling = max(0, at - WINDOW), min(len(norm), scene.record.end + WINDOW)
    start = max((m.end() for m in _BREAK_BEFORE.finditer(norm, floor, at)), default=floor)
    after = _BREAK_AFTER.search(norm, scene.record.end, ceiling)
    return (start, after.start() if after is not None else ceiling)


_BREAK_BEFORE = regex.compile(rf"[，。；;！？!?\n\r：:]|{CLAUSE_COMMA}")
_BREAK_AFTER = regex.compile(rf"[，。；;！？!?\n\r]|{CLAUSE_COMMA}")
"""What bounds the stretch around a figure: a comma that groups no thousands (`3,421.8`), a stop,
and before the figure a colon."""


def _distributed(scene: Scene) -> Optional[tuple[int, list[int], int]]:
    """`分别为5、38公里`: the `分别` before the figure, the value records it spreads over, and this one's
    place; figures of two kinds spread side by side (`分别以8家、5家位居第二、三位`) spread each kind."""
    if scene.doc.distributor_before(max(0, scene.record.start - WINDOW), scene.record.start) < 0:
        return None
    clause_start, clause_end = _comma_clause(scene)
    at = scene.doc.distributor_before(clause_start, scene.record.start)
    if at < 0:
        return None
    group = [i for i in range(max(0, scene.index - 8), min(len(scene.records), scene.index + 8))
             if scene.records[i].type in VALUE_TYPES and at < scene.records[i].start < clause_end]
    if len(group) < 2 or scene.index not in group:
        return None
    same_kind = [i for i in group if scene.records[i].type == scene.record.type]
    if 2 <= len(same_kind) < len(group):
        group = same_kind
    return at, group, group.index(scene.index)


def metric_distributed(scene: Scene) -> Optional[FactSpan]:
    """`距A、B分别为5、38公里` → A, B; `收入X亿元，外资Y亿美元，分别增长a%和b%` → the k-th figure's measure."""
    found = _distributed(scene)
    if found is None:
        return None
    at, group, k = found
    ctx, norm = scene.ctx, scene.ctx.norm
    clause_start, _ = _comma_clause(scene)
    parts = [m.span() for m in _LIST_PART.finditer(norm[clause_start:at])]
    if len(parts) == len(group) and len(_listed_before(scene, at)) != len(group):
        s, e = parts[k]
        return _span(ctx, *_trim(ctx, clause_start + s, clause_start + e))
    if len(parts) == 1 and _names_a_share(norm[clause_start + parts[0][0]:clause_start + parts[0][1]]):
        shared = _span(ctx, *_trim(ctx, clause_start + parts[0][0], clause_start + parts[0][1]))
        if shared is not None:
            return shared
    nearby = range(max(0, scene.index - 12), scene.index)
    earlier = [i for i in nearby if i in scene.doc.facts and scene.records[i].start >= scene.sentence[0]
               and scene.records[i].start < clause_start and scene.doc.facts[i].kind != "ranking"]
    if len(earlier) >= len(group) and scene.record.type == "percentage":
        return scene.doc.facts[earlier[len(earlier) - len(group) + k]].metric
    if k > 0 and group[0] in scene.doc.facts:
        return scene.doc.facts[group[0]].metric
    return None


def metric_after_count(scene: Scene) -> Optional[FactSpan]:
    """`新增4家国家级博士后科研工作站`: a count written before what it counts; an evaluation of what
    is counted is not part of it (`全国230家国家级经开区综合排名中` → `国家级经开区`); a threshold
    closing a class word is (`46家省级以上开发区`)."""
    record = scene.record
    if record.type != "amount" or record.value.kind != "quantity" or record.value.unit in COUNT_UNITS_EXCLUDED:
        return None
    ctx = scene.ctx
    _, clause_end = scene.clause
    if record.end >= clause_end or not _is_han(ctx.norm[record.end]):
        return None
    stop = _patterns()["post_stop"].match(ctx.norm, record.end)
    if stop is not None and ctx.tokens.is_boundary(stop.end()):
        return None
    end = min(_blocked_end(scene, record.end, clause_end), record.end + MAX_METRIC)
    level = _patterns()["level_threshold"]
    cuts = [at for at in _cuts(ctx, record.end + 1, end) if not level.match(ctx.norm, at)]
    cut = min(cuts + _predicates_after_head(ctx, record.end, end), default=None)
    evaluation = _patterns()["evaluation_after"].search(ctx.norm, record.end + 1, end)
    if evaluation is not None and (cut is None or evaluation.start() < cut):
        cut = evaluation.start()
    return _span(ctx, *_trim(ctx, record.end, cut if cut is not None else end))


def metric_after_joined(scene: Scene) -> Optional[FactSpan]:
    """`分别拥有42家、17家专精特新企业`, `分别获得1.5亿元和8000万元融资`: figures of one kind joined by
    、/和 share the noun written after the last of them (a verbal noun closing the clause, too, when a
    verb stands before the first figure)."""
    group = _joined_figures(scene)
    if len(group) < 2 or scene.index == group[-1]:
        return None
    record, last = scene.record, scene.records[group[-1]]
    if record.type != "amount" or last.type != "amount" or record.value.kind != last.value.kind:
        return None
    closing = Scene(scene.doc, group[-1], None)
    if last.value.kind == "quantity":
        return metric_after_count(closing)
    found = metric_after_figure(closing)
    if found is None:
        ctx, (_, clause_end) = scene.ctx, closing.clause
        head = ctx.tokens.token_at(last.end)
        first = scene.records[group[0]]
        if head is not None and head[0] == last.end and _closes_clause(ctx, head, clause_end) \
                and _ends_in_verb(ctx, *_trim(ctx, closing.clause[0], first.start)):
            found = _span(ctx, *head)
    return found


def _predicates_after_head(ctx: Context, start: int, end: int) -> list[int]:
    """`46家省级以上开发区参加考核`, `2300余家企业全面复工`: a verb or adverb right after the word
    counted ends what is counted."""
    heads = _patterns()["counted_head"]
    words = ctx.tokens.words(start, end)
    return [s for (_, previous_end), (s, e) in zip(words, words[1:])
            if heads.search(ctx.norm, start, previous_end) and _predicate_tag(pos_tag(ctx.norm[s:e]) or "")][:1]


def _predicate_tag(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn" or tag in ("d", "ad")


def _ends_in(ctx: Context, start: int, end: int, tags: str) -> bool:
    """The phrase's last word is a verb, adverb or preposition (`设立`, `刚刚完成`): no noun to size."""
    token = ctx.tokens.token_at(end - 1) if end > start else None
    return token is not None and (pos_tag(ctx.norm[token[0]:token[1]]) or "n")[:1] in tags


def _closes_clause(ctx: Context, head: Optional[tuple[int, int]], clause_end: int) -> bool:
    """`给予800万元奖励。`: a verbal noun ending its clause after a plain verb names a thing (the
    award) the sum sizes, not an act."""
    if head is None or (pos_tag(ctx.norm[head[0]:head[1]]) or "") != "vn":
        return False
    if ctx.norm[head[0]:head[1]] in data().counting_verbs:
        return False
    return head[1] >= clause_end or not _is_han(ctx.norm[head[1]])


def _ends_in_verb(ctx: Context, start: int, end: int) -> bool:
    """The phrase ends in a plain verb (`给予`), not a verbal noun that is itself a measure (`投资`)."""
    token = ctx.tokens.token_at(end - 1) if end > start else None
    return token is not None and pos_tag(ctx.norm[token[0]:token[1]]) == "v"


def metric_after_figure(scene: Scene) -> Optional[FactSpan]:
    """`设立规模30亿元的产业引导基金`, `给予最多500万元资金支持`, `10亿元以上项目`, `实现了1862亿元的营业收入`:
    a sum standing before a noun sizes that noun, when nothing but a verb, a size word (`规模`) or, for a
    share, the whole it is taken of after 以 (`以全市5%的土地`) stands
    before the sum, or a verb right before it links the sum to the noun with `的`."""
    record, ctx = scene.record, scene.ctx
    if record.type not in ("amount", "percentage") or (record.type == "amount" and record.value.kind != "money"):
        return None
    norm = ctx.norm
    clause_start, clause_end = scene.clause
    link = _patterns()["figure_link"].match(norm, record.end, clause_end)
    after = link.end() if link else record.end
    if record.type == "percentage" and not norm.startswith("的", after - 1):
        return None
    if after >= clause_end or not _NAME_HEAD.match(norm[after]):
        return None
    head = ctx.tokens.token_at(after)
    start = _blocked_start(scene, clause_start, record.start)
    b_start, b_end = _trim(ctx, start, record.start)
    granted = _closes_clause(ctx, head, clause_end) and _ends_in_verb(ctx, b_start, b_end)
    verbal: tuple[str, ...] = ("p", "c", "d", "u", "f")
    if norm[after - 1] != "的" and not granted:
        verbal += ("v", "vn")
    if head is None or head[0] != after or (pos_tag(norm[head[0]:head[1]]) or "") in verbal:
        return None
    if _patterns()["milestone"].match(norm, after) or norm[head[0]:head[1]] in data().pace_nouns:
        return None
    if b_end == b_start and _patterns()["threshold"].search(norm, start, record.start):
        return None
    verb_then_of = norm[after - 1] == "的" and (_result_verb_before(norm, record.start) or _continues_list(scene))
    share_of_whole = (record.type == "percentage" and norm[b_start:b_end] in data().scope_words
                      and norm[b_start - 1] in "以用")
    if b_end > b_start and not (verb_then_of or share_of_whole or _ends_in(ctx, b_start, b_end, "vdp")
                                or _patterns()["size_end"].search(norm, b_start, b_end)):
        return None
    end = min(_blocked_end(scene, after, clause_end), after + MAX_METRIC)
    if end < clause_end and _LIST_JOIN.fullmatch(norm, end - 1, end):
        end -= 1
    cut = next(iter(_cuts(ctx, head[1], end)), None)
    return _span(ctx, *_trim(ctx, after, cut if cut is not None else end))


def _continues_list(scene: Scene) -> bool:
    """`贡献了全市32%的税收和28%的工业产值`: a figure joined to the previous one's measure takes
    its verb, so what follows it is its measure too."""
    previous = scene.previous
    if previous is None or previous.metric is None:
        return False
    return _LIST_JOIN.fullmatch(scene.ctx.norm, previous.metric.end, scene.record.start) is not None


def _result_verb_before(norm: str, at: int) -> bool:
    """`实现了`, `贡献了全市`, `创造了约全国`: a result verb, with `了`, a hedge and the whole it is a
    share of, ends right at `at`."""
    before = norm[max(0, at - 12):at].rstrip("了约近")
    scope = _patterns()["scope_whole"].search(before)
    if scope is not None:
        before = before[:scope.start()].rstrip("了约近")
    return _patterns()["result_end"].search(before) is not None


def metric_from_to(scene: Scene) -> Optional[FactSpan]:
    """`建成区面积由2010年的65平方公里扩大到目前的158平方公里`: both ends measure what stands before `由`."""
    if scene.record.type == "ranking":
        return None
    ctx = scene.ctx
    clause_start, _ = scene.clause
    at = ctx.norm.rfind("由", clause_start, scene.record.start)
    if at < 0 or not ctx.tokens.is_boundary(at):
        return None
    start = _blocked_start(scene, clause_start, at)
    return _span(ctx, *_trim(ctx, start, at))


def metric_before_number(scene: Scene) -> Optional[FactSpan]:
    """`地区生产总值同比增长8%`: the noun phrase between the clause's last record or mention and the figure.

    A date inside the phrase (`居民人均可支配收入去年达到7.6万元`) does not end it; a comparison base
    (`较挂牌前增长28.1%`), the other side of a comparison (`高于全国平均水平`), a period
    (`疫情以来年均增长`) or a stretch of time (`五年时间提升`) is not the measure."""
    if scene.record.type == "ranking":
        return None
    ctx = scene.ctx
    clause_start, _ = scene.clause
    end = scene.record.start
    start = _blocked_start(scene, clause_start, end)
    comparison = _patterns()["comparison"].search(ctx.norm, clause_start, end)
    if comparison is not None and comparison.end() < end:
        end = comparison.start()
    found = _span(ctx, *_trim(ctx, start, end)) if end > start else None
    if found is None and comparison is not None and comparison.end() < scene.record.start:
        return None
    if found is None and start > clause_start:
        date = next((i for _, e, i in scene.doc.dates.before(start, clause_start, 1) if e == start), None)
        if date is not None:
            inner = _blocked_start(scene, clause_start, scene.records[date].start)
            found = _span(ctx, *_trim(ctx, inner, scene.records[date].start))
    if found and found.text[0] in "较比":
        return None
    if found and (found.text.endswith(tuple(data().metric_frame_ends)) or _SPAN_OF_TIME.fullmatch(found.text)):
        return None
    if found and found.text in data().counting_verbs and not found.text.startswith("新"):
        return None
    return found


def metric_of_previous(scene: Scene) -> SpanAnswer:
    """`营收20亿元，增长9%`, `总市值1.05万亿元，居全省第三位`, `…，首次突破1000亿元大关`,
    `…，从2016年的1.2万亿元增加到…`: a bare rate, ranking, change, milestone or starting level
    measures what the figure before it in the sentence did, unless that figure counted the
    ranked members themselves (`甲、乙等5座城市，在省会城市里位列前五`)."""
    previous = scene.previous
    if previous is None or previous.metric is None:
        return None
    if scene.record.type == "ranking" and previous.metric.text in data().member_nouns:
        return None
    clause_start, _ = scene.clause
    norm = scene.ctx.norm
    if (scene.record.type == "amount" and not _patterns()["change_verb"].search(norm, clause_start, scene.record.start)
            and not _patterns()["change_from"].match(norm, clause_start)
            and not _only_frame_words(norm[clause_start:scene.record.start])):
        return None
    sentence_start, _ = scene.sentence
    if scene.records[previous.record].start < sentence_start:
        return None
    if _grows_past_share(scene, previous):
        before = next((scene.doc.facts[i] for i in range(previous.record - 1, -1, -1) if i in scene.doc.facts), None)
        if before is not None and before.metric is not None and scene.records[before.record].start >= sentence_start:
            return before.metric
    return previous.metric


def _grows_past_share(scene: Scene, previous: Fact) -> bool:
    """`进出口额达1856亿元，占全市的38%，同比增长12.7%`: a growth in per cent after a share is the
    growth of the figure the share is of (a change in points is the share's own)."""
    record, shared = scene.record, scene.records[previous.record]
    if record.type != "percentage" or record.value.unit != "%" or record.value.change not in ("increase", "decrease"):
        return False
    if shared.type != "percentage" or shared.value.change is not None or previous.metric is None:
        return False
    return _names_a_share(previous.metric.text)


def _names_a_share(text: str) -> bool:
    return text.startswith("占") or any(word in text for word in _SHARE_WORDS)


_SHARE_WORDS = ("比重", "占比", "份额", "比例")


_VIEW_FRAME = regex.compile(r"从(?P<measure>[^，,。；;！？!?\n从]{2,16}?)(?:数据|情况|角度|方面|层面)?(?:来看|看)[，,：:]")
_ASPECT_FRAME = regex.compile(r"[\s　]*(?:在)?(?P<measure>[^，,。；;！？!?\n在]{2,12}?)方面[，,：:]")
"""`经济总量方面，苏州以2.4万亿元位居全省第一`: a sentence opened by the measure it is about."""


def metric_of_view(scene: Scene) -> Optional[FactSpan]:
    """`从上半年规上工业增加值增速来看，…扬州12.6%、泰州11.8%`: figures listed after a frame naming
    the measure they are viewed by, when nothing nearer names one; a frame naming how the figures
    are broken down (`从城市来看`, `从行业看`) names no measure."""
    sentence_start, _ = scene.sentence
    frames = list(_VIEW_FRAME.finditer(scene.ctx.norm, sentence_start, scene.record.start))
    frame = frames[-1] if frames else _ASPECT_FRAME.match(scene.ctx.norm, sentence_start, scene.record.start)
    if frame is None or not frames and frame.group("measure") in data().aspect_connectives:
        return None
    start, end = frame.span("measure")
    found = _span(scene.ctx, *_trim(scene.ctx, _blocked_start(scene, start, end), end))
    return None if found is None or found.text.endswith(tuple(data().view_dimensions)) else found


def _only_frame_words(text: str) -> bool:
    """`，达到2135亿元`: nothing but verbs and qualifiers stands before the figure in its clause."""
    trailing = _patterns()["trailing"]
    text = text.strip()
    while text:
        match = trailing.search(text)
        if match is None or match.start() == match.end():
            return False
        text = text[:match.start()]
    return True


METRIC_STEPS = (
    Step("metric_of_tier", metric_of_tier),
    Step("metric_after_joined", metric_after_joined),
    Step("metric_distributed", metric_distributed),
    Step("metric_of_ranking_in_clause", metric_of_ranking_in_clause),
    Step("metric_of_title", metric_of_title),
    Step("metric_before_ranking_verb", metric_before_ranking_verb),
    Step("metric_ranking_frame", metric_ranking_frame),
    Step("metric_of_ranking_value", metric_of_ranking_value),
    Step("metric_of_previous_ranking", metric_of_previous_ranking),
    Step("metric_after_count", metric_after_count),
    Step("metric_from_to", metric_from_to),
    Step("metric_after_figure", metric_after_figure),
    Step("metric_before_number", metric_before_number),
    Step("metric_of_previous", metric_of_previous),
    Step("metric_of_view", metric_of_view),
)


def _first(steps: tuple[Step, ...], scene: Scene):
    for step in steps:
        answer = step.apply(scene)
        if answer is NOTHING:
            return None
        if answer is not None:
            return answer
    return None


def find_facts(ctx: Context, records: Sequence) -> list[Fact]:
    """One fact per amount, percentage and ranking record, in record order."""
    named = _named_mentions(ctx)
    main = main_subject(ctx, named)
    doc = Indexed(ctx, records, subject_mentions(ctx, records, main, named), main)
    facts: list[Fact] = []
    previous: Optional[Fact] = None
    for index, record in enumerate(records):
        if record.type not in VALUE_TYPES:
            continue
        scene = Scene(doc, index, previous)
        scene.subject = _first(SUBJECT_STEPS, scene)
        fact = Fact(
            record=index,
            kind=record.type,
            subject=scene.subject,
            metric=_first(METRIC_STEPS, scene),
            date=_first(DATE_STEPS, scene),
            change=record.value.change if record.type == "percentage" else None,
        )
        facts.append(fact)
        doc.facts[index] = fact
        previous = fact
    return facts
