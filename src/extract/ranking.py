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
    da_blockers: list[str]
    da_triggers: list[str]
    population_nouns: list[str]
    population_measures: list[str]
    container_ends: list[str]
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
        rf"(?<!{_alt(WORDS.before_top_blockers)})前(?P<n>{RN})"
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
    _rule("head_of", r"(?<=(?:居|列|排)(?:[^\s，。；、,;]{0,12}之)?)首(?![批家个次府都创发轮届])"),
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


def _int(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    try:
        value = parse_number(text).value
    except NumberParseError:
        return None
    return int(value) if value == value.to_integral_value() and value > 0 else None


def _position(candidate: Candidate) -> Optional[dict]:
    """rank / top_n / tier from the rule and its numerals, or None when it is no ranking."""
    groups, rule = candidate.groups, candidate.rule
    if rule in _FIRST_RULES:
        return {"rank": 1}
    n = _int(groups.get("n"))
    if groups.get("suffix") == "甲" and n is None:
        return None
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
    rf"(?<![前第\d{_CN}])(?P<count>\d+|[{_CN}]{{2,}})(?![\d年月日%亿万元])(?:{_MEASURE})?"
    rf"[\p{{Han}}A-Za-z（）()]{{0,16}}(?:{_POP_NOUN})",
    regex.V1,
)
_AMONG = regex.compile(rf"在(?P<x>[^，。；、,;在]{{2,40}})(?:{_CONTAINER})", regex.V1)
_VERB_RE = regex.compile(rf"(?:{_VERB})", regex.V1)
_SCOPE_RE = regex.compile(rf"(?:{_SCOPE})", regex.V1)
_POP_END = regex.compile(rf"(?:{_POP_NOUN})$", regex.V1)
_POP_ANY = regex.compile(rf"(?:{_POP_NOUN})", regex.V1)
_METRIC_END = regex.compile(rf"(?:{_alt(WORDS.metric_heads)})$", regex.V1)
_LEADING_NOISE = regex.compile(r"^(?:\d{4}年(?:度)?|今年|去年|上年|其中|同时|此外|在|从|其)+", regex.V1)
_PHRASE = regex.compile(r"[\p{Han}A-Za-z0-9（）()]+$", regex.V1)


def _after_last_verb(text: str) -> tuple[str, str]:
    """Split a run of words at its last ranking verb: (before, after)."""
    last = None
    for match in _VERB_RE.finditer(text, overlapped=False):
        last = match
    if last is None:
        return "", text
    return text[:last.start()], text[last.end():]


def _count_scope(region: str) -> tuple[Optional[int], Optional[str], Optional[str]]:
    """`在江苏118家经济开发区中` → (118, `江苏118家经济开发区`, metric after it or None)."""
    match = None
    for match in _COUNTED_POPULATION.finditer(region):
        pass
    if match is None:
        return None, None, None
    count = _int(match.group("count"))
    head = _PHRASE.search(region[:match.start()])
    lead = head.group(0) if head else ""
    lead = _after_last_verb(lead)[1]
    lead = lead[lead.rfind("在") + 1:] if "在" in lead else lead
    lead = _LEADING_NOISE.sub("", lead)
    scope = lead + match.group(0)
    rest = regex.match(rf"([\p{{Han}}A-Za-z]{{2,16}}?)(?:{_CONTAINER})", region[match.end():])
    metric = rest.group(1) if rest and _METRIC_END.search(rest.group(1)) else None
    return count, scope, metric


def _clean_metric(text: str) -> Optional[str]:
    text = _LEADING_NOISE.sub("", text)
    cut = 0
    for match in _POP_ANY.finditer(text, overlapped=False):
        cut = match.end()
    text = text[cut:] if cut < len(text) else text
    text = _LEADING_NOISE.sub("", text)
    return text if len(text) >= 2 and _METRIC_END.search(text) else None


def _scope_and_metric(region: str) -> tuple[Optional[str], Optional[str]]:
    """Words right before the span: `进出口总额跻身全国开发区` → (`全国开发区`, `进出口总额`)."""
    phrase = _PHRASE.search(region)
    run = phrase.group(0) if phrase else ""
    before, after = _after_last_verb(run)
    first_verb = _VERB_RE.search(run)
    pre_verb = run[:first_verb.start()] if first_verb else ""
    scope = None
    scope_word = _SCOPE_RE.search(after)
    if scope_word:
        scope = after[scope_word.start():]
    elif after and _POP_END.search(after):
        scope = after
    metric = _clean_metric(pre_verb) if pre_verb else None
    if scope is None and after and metric is None:
        metric = _clean_metric(after)
    return scope or None, metric


def _describe(candidate: Candidate, ctx: Context, size: Optional[int]) -> dict:
    """out_of, scope and metric from the words of the sentence before the span."""
    region_start = candidate.groups.get("_region_start", ctx.sentence_at(candidate.start)[0])
    region = ctx.norm[region_start:candidate.start]
    out_of, scope, metric = _count_scope(region)
    if out_of is not None and size is not None and size > out_of:
        out_of = None
    near_scope, near_metric = _scope_and_metric(region)
    if scope is None:
        among = None
        for among in _AMONG.finditer(region):
            pass
        scope = near_scope or (among.group("x") if among else None)
    return {"out_of": out_of, "scope": scope, "metric": metric or near_metric}


def normalize(candidate: Candidate, ctx: Context) -> Optional[RankingRecord]:
    position = _position(candidate)
    if position is None:
        return None
    qualifier = outer_qualifier(ctx.norm, candidate.start, candidate.end, _inner_qualifier(candidate))
    described = _describe(candidate, ctx, position.get("rank_max") or position.get("rank") or position.get("top_n"))
    return RankingRecord(
        start=candidate.start,
        end=candidate.end,
        text=ctx.text[candidate.start:candidate.end],
        rule=candidate.rule,
        value=RankingValue(**position, qualifier=qualifier, **described),
    )

