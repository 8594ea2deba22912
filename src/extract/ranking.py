"""ranking records: positions in an ordered list (`第7位`, `首位`), top-N memberships (`十强`,
`前10名`, `500强`) and tiers (`第一方阵`), with the ranked population when the text names it.

Rules find spans only; every guard that decides whether an ordinal ranks at all (`全国第二`
vs `第二届`) is a lookaround built from the word lists in `data/ranking.yaml`, so the
normalizer only resolves numbers and reads the surrounding words for scope, metric and size.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import regex

from .context import Context
from .lexicon import DataSchema, load, longest_first
from .models import RankingRecord, RankingValue
from .numbers import NumberParseError, parse_number
from .qualifiers import outer_qualifier
from .rules import Candidate, Rule, run_rules


class RankingWords(DataSchema):
    verbs: list[str]
    scope_words: list[str]
    ordinal_blockers: list[str]
    ordinal_da_blockers: list[str]
    top_blockers: list[str]
    before_top_blockers: list[str]
    before_top_allowed: list[str]
    da_blockers: list[str]
    da_triggers: list[str]
    population_nouns: list[str]
    population_measures: list[str]
    container_ends: list[str]
    count_markers: list[str]
    metric_heads: list[str]


WORDS = load("ranking.yaml", RankingWords)

_CN = "〇零一二三四五六七八九十百千两"
RN = rf"(?:\d++|[{_CN}]++)"
"""A rank numeral, possessive so `前10个月` cannot shrink to `前1`."""
_NUM_BEFORE = rf"(?<![\d{_CN}])"
_TERMINATOR = r"(?:[，。；、：！？）)」”’》\s,;:!?]|的|之|$)"


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in longest_first(words))


_VERB = _alt(WORDS.verbs)
_SCOPE = _alt(WORDS.scope_words)
_CONTEXT = _alt([*WORDS.verbs, *WORDS.scope_words])


def _rule(name: str, pattern: str) -> Rule:
    return Rule(name, regex.compile(pattern, regex.V1))


RULES: tuple[Rule, ...] = (
    _rule("rank_range", rf"第(?P<n>{RN})\s*(?:至|到|-|—|–|~)\s*第?(?P<m>{RN})\s*[位名]"),
    _rule("tier", rf"第(?P<n>{RN})(?:方阵|梯队|阵营)"),
    _rule("ordinal_da", rf"第(?P<n>{RN})大(?!{_alt(WORDS.ordinal_da_blockers)})"),
    _rule("ordinal_place", rf"第(?P<n>{RN})[位名](?![次数置])"),
    _rule("approx_place", rf"(?<=(?:{_VERB})(?:{_SCOPE})?){_NUM_BEFORE}(?P<n>{RN}[多余]?)位(?![置于列数])"),
    _rule(
        "top_prefix",
        rf"(?:(?<={_alt(WORDS.before_top_allowed)})|(?<!{_alt(WORDS.before_top_blockers)}))前(?P<n>{RN})"
        rf"(?:(?P<suffix>名|位|强|甲|大)|(?![{_CN}\d]|{_alt(WORDS.top_blockers)}))",
    ),
    _rule("top_latin", r"(?<![A-Za-z])(?i:top)\s?(?P<n>\d++)(?![\d.%])"),
    _rule("strong", rf"(?<![第前]){_NUM_BEFORE}(?P<n>{RN})强"),
    _rule(
        "top_da",
        rf"(?<=(?:{_alt(WORDS.da_triggers)})){_NUM_BEFORE}(?P<n>{RN})大"
        rf"(?!{_alt(WORDS.da_blockers)}|”)",
    ),
    _rule("first_place", r"(?<![在于到把将])首位(?![度女男])"),
    _rule("top_of_list", r"榜首"),
    _rule("head_of", rf"(?<=(?:居|列|排)(?:[^\s，。；、,;]{{0,12}}之)?)首(?={_TERMINATOR})"),
    _rule(
        "ordinal_ranks",
        rf"(?<=(?:{_CONTEXT}))第(?P<n>{RN})(?![位名大]|{_alt(WORDS.ordinal_blockers)})"
        rf"|(?<=[\p{{Han}}A-Za-z0-9])第(?P<n>{RN})(?={_TERMINATOR})",
    ),
)

_RANK_RULES = {"rank_range", "ordinal_da", "ordinal_place", "approx_place", "ordinal_ranks"}
_FIRST_RULES = {"first_place", "top_of_list", "head_of"}
_TOP_RULES = {"top_prefix", "top_latin", "strong", "top_da"}


def find(ctx: Context) -> list[Candidate]:
    """Run the rules; each candidate remembers where the previous ranking of its sentence ended."""
    found = sorted(run_rules("ranking", RULES, ctx), key=lambda c: c.start)
    out: list[Candidate] = []
    previous_end = 0
    for candidate in found:
        sentence_start, _ = ctx.sentence_at(candidate.start)
        region_start = max(sentence_start, previous_end)
        out.append(replace(candidate, groups={**candidate.groups, "_region_start": region_start}))
        previous_end = candidate.end
    return out


_MAX_POSITION = 100_000
"""Larger numerals beside 强/位 are digit noise, not list sizes."""


def _int(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    try:
        value = parse_number(text).value
    except NumberParseError:
        return None
    if value != value.to_integral_value() or not 0 < value <= _MAX_POSITION:
        return None
    return int(value)


def _position(candidate: Candidate) -> Optional[dict]:
    """rank / top_n / tier from the rule and its numerals, or None when it is no ranking."""
    groups, rule = candidate.groups, candidate.rule
    if rule in _FIRST_RULES:
        return {"rank": 1}
    n = _int(groups.get("n"))
    if n is None:
        return None
    if rule == "tier":
        return {"tier": n}
    if rule in _RANK_RULES:
        rank_max = _int(groups.get("m"))
        if rule == "rank_range" and (rank_max is None or rank_max <= n):
            return None
        return {"rank": n, "rank_max": rank_max}
    if rule == "top_da" and n < 10:
        return None
    if rule in _TOP_RULES and n >= 2:
        return {"top_n": n}
    return None


def _inner_qualifier(candidate: Candidate):
    n = candidate.groups.get("n") or ""
    if "多" in n or "余" in n:
        return "over"
    return None


_POP_NOUN = _alt(WORDS.population_nouns)
_MEASURE = _alt(WORDS.population_measures)
_CONTAINER = _alt(WORDS.container_ends)
_COUNTED_POPULATION = regex.compile(
    rf"(?<![前第\d{_CN}.])(?P<count>\d+|[{_CN}]{{2,}})(?![\d年月日%亿万元.强大])(?:{_MEASURE})?"
    rf"[\p{{Han}}A-Za-z（）()]{{0,16}}(?:{_POP_NOUN})",
    regex.V1,
)
_CLOSES_POPULATION = regex.compile(
    rf"^(?:(?P<metric>[\p{{Han}}A-Za-z]{{0,16}}?)(?:{_CONTAINER})|(?:{_VERB})*$)", regex.V1
)
_COUNT_MARKER = regex.compile(rf"(?:{_alt(WORDS.count_markers)})$", regex.V1)
_AMONG = regex.compile(rf"在(?P<x>[^，。；、,;在]{{2,40}})(?:{_CONTAINER})", regex.V1)
_VERB_RE = regex.compile(rf"(?:{_VERB})", regex.V1)
_SCOPE_RE = regex.compile(rf"(?:{_SCOPE})", regex.V1)
_POP_END = regex.compile(rf"(?:{_POP_NOUN})$", regex.V1)
_POP_ANY = regex.compile(rf"(?:{_POP_NOUN})", regex.V1)
_METRIC_HEAD = regex.compile(rf"(?:{_alt(WORDS.metric_heads)})", regex.V1)
_METRIC_END = regex.compile(rf"(?:{_alt(WORDS.metric_heads)})$", regex.V1)
_LEADING_NOISE = regex.compile(r"^(?:\d{4}年(?:度)?|今年|去年|上年|其中|同时|此外|在|从|其)+", regex.V1)
_UP_TO_PERIOD = regex.compile(
    r"^.*(?:\d{4}年(?:度)?|前[一二三]季度|[一二三四]季度|[上下]半年|全年|今年|去年|同期|[以的在将把对由与和及])",
    regex.V1,
)
_SCOPE_BEFORE_VERB = regex.compile(rf"((?:{_SCOPE})+)(?:{_VERB})+$", regex.V1)
_PHRASE = regex.compile(r"[\p{Han}A-Za-z0-9（）()]+$", regex.V1)


def _last(pattern: regex.Pattern, text: str):
    match = None
    for match in pattern.finditer(text):
        pass
    return match


def _after_last_verb(text: str) -> str:
    last = _last(_VERB_RE, text)
    return text if last is None else text[last.end():]


def _count_scope(region: str, size: Optional[int]) -> tuple[Optional[int], Optional[str], Optional[str]]:
    """`在江苏118家经济开发区中` → (118, `江苏118家经济开发区`, metric after it or None).

    The counted group must close the phrase that leads to the ranking (`…中`, or only verbs
    before the span), and must not be a count of its own (`有12家公司`), nor smaller than
    the position.
    """
    match = _last(_COUNTED_POPULATION, region)
    if match is None:
        return None, None, None
    count = _int(match.group("count"))
    closing = _CLOSES_POPULATION.match(region[match.end():])
    head = _PHRASE.search(region[:match.start()])
    lead = _after_last_verb(head.group(0) if head else "")
    lead = lead[lead.rfind("在") + 1:]
    before_count = region[:match.start()][: len(region[:match.start()]) - len(lead)]
    if count is None or closing is None or _COUNT_MARKER.search(before_count + lead):
        return None, None, None
    if size is not None and size > count:
        return None, None, None
    scope = _LEADING_NOISE.sub("", lead) + match.group(0)
    metric = closing.group("metric")
    return count, scope, metric if metric and _METRIC_END.search(metric) else None


def _clean_metric(text: str) -> Optional[str]:
    """The words a ranking is by, without subject, dates and linking words before them."""
    text = _UP_TO_PERIOD.sub("", text)
    last_pop = _last(_POP_ANY, text)
    if last_pop is not None and last_pop.end() < len(text):
        text = text[last_pop.end():]
    text = regex.sub(rf"^(?:[\d.]+[万亿千百]?[件个家元]*|{_CONTAINER})", "", text)
    return text if len(text) >= 2 and _METRIC_END.search(text) else None


def _split_scope(words: str) -> tuple[Optional[str], Optional[str]]:
    """`全国GDP` → (`全国`, `GDP`); `全国开发区` → (`全国开发区`, None)."""
    last_head = _last(_METRIC_HEAD, words)
    if last_head is not None and last_head.end() < len(words):
        words = words[last_head.end():]
    scope_word = _SCOPE_RE.search(words)
    if scope_word is None:
        metric = _clean_metric(words)
        return (words if metric is None and _POP_END.search(words) else None), metric
    words = words[scope_word.start():]
    tail = words[scope_word.end() - scope_word.start():]
    metric = _clean_metric(tail) if tail else None
    scope = words[: len(words) - len(metric)] if metric else words
    return scope.rstrip("的") or None, metric


def _scope_and_metric(region: str) -> tuple[Optional[str], Optional[str]]:
    """Words right before the span: `进出口总额跻身全国开发区` → (`全国开发区`, `进出口总额`)."""
    phrase = _PHRASE.search(region)
    run = phrase.group(0) if phrase else ""
    after = _after_last_verb(run)
    first_verb = _VERB_RE.search(run)
    scope, metric = _split_scope(after) if after else (None, None)
    if first_verb is not None:
        metric = _clean_metric(run[:first_verb.start()]) or metric
        before_verb = _SCOPE_BEFORE_VERB.search(run[: len(run) - len(after)])
        scope = scope or (before_verb.group(1) if before_verb else None)
    return scope, metric


def _opening_lines(ctx: Context, offset: int) -> list[tuple[int, int]]:
    """The headline (first line) of the document and the first sentence of the paragraph."""
    lines = []
    first = regex.search(r"\S", ctx.norm)
    if first is not None:
        lines.append(ctx.paragraph_at(first.start()))
    paragraph_start, _ = ctx.paragraph_at(offset)
    lines.append(ctx.sentence_at(paragraph_start))
    return [(s, e) for s, e in lines if not s <= offset < e]


def _group_from_opening(ctx: Context, offset: int, scope: Optional[str], rank: int) -> Optional[int]:
    """`15个副省级城市GDP：…` as a headline sizes a later `位居副省级城市第四`.

    Taken only when the ranking names no other group (its scope, if any, is part of the
    headline's group) and its position fits inside the group.
    """
    for start, end in _opening_lines(ctx, offset):
        match = _COUNTED_POPULATION.search(ctx.norm[start:end])
        if match is None or _COUNT_MARKER.search(ctx.norm[max(start, match.start() + start - 2):match.start() + start]):
            continue
        count = _int(match.group("count"))
        if count and rank <= count and (scope is None or scope in match.group(0)):
            return count
    return None


def _describe(candidate: Candidate, ctx: Context, position: dict) -> dict:
    """out_of, scope and metric from the words of the sentence before the span."""
    size = position.get("rank_max") or position.get("rank") or position.get("top_n")
    region_start = candidate.groups.get("_region_start", ctx.sentence_at(candidate.start)[0])
    region = ctx.norm[region_start:candidate.start]
    out_of, scope, metric = _count_scope(region, size)
    near_scope, near_metric = _scope_and_metric(region)
    if scope is None:
        among = _last(_AMONG, region)
        scope = near_scope or (among.group("x") if among else None)
        if "rank" in position and not _COUNTED_POPULATION.search(region):
            out_of = _group_from_opening(ctx, candidate.start, scope, size)
    return {"out_of": out_of, "scope": scope, "metric": metric or near_metric}


def normalize(candidate: Candidate, ctx: Context) -> Optional[RankingRecord]:
    position = _position(candidate)
    if position is None:
        return None
    qualifier = outer_qualifier(ctx.norm, candidate.start, candidate.end, _inner_qualifier(candidate))
    described = _describe(candidate, ctx, position)
    return RankingRecord(
        start=candidate.start,
        end=candidate.end,
        text=ctx.text[candidate.start:candidate.end],
        rule=candidate.rule,
        value=RankingValue(**position, qualifier=qualifier, **described),
    )

