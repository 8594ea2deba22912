"""Facts: each amount, percentage or ranking linked to whose it is, what it measures and when.

Pure functions of the text, its resolved records and ctx. Three small rule chains,
each an ordered tuple of named steps (the first that answers wins):
`SUBJECT_STEPS` (who), `METRIC_STEPS` (what), `DATE_STEPS` (when). Word lists are
data in `data/facts.yaml`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional, Sequence

import regex

from .context import Context
from .lexicon import DataSchema, load, longest_first
from .models import Fact, FactDate, FactSpan

VALUE_TYPES = ("amount", "percentage", "ranking")
COUNT_UNITS_EXCLUDED = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")


class FactsData(DataSchema):
    anaphors: list[str]
    zone_suffixes: list[str]
    region_suffixes: list[str]
    generic_prefixes: list[str]
    metric_leading: list[str]
    metric_trailing: list[str]
    ranking_verbs: list[str]
    counting_verbs: list[str]
    post_stop: list[str]


def data() -> FactsData:
    return load("facts.yaml", FactsData)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(regex.escape(w) for w in longest_first(words))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    d = data()
    return {
        "declared": regex.compile(r"[（(]\s*(?:以下)?(?:简称|称)\s*[“\"「『]?(?P<short>[^”\"」』）)，,]{2,15}?)[”\"」』]?\s*[）)]"),
        "zone": regex.compile(f"(?:{_alternation(d.zone_suffixes)})"),
        "anaphor": regex.compile(f"(?:{_alternation(d.anaphors)})"),
        "leading": regex.compile(f"^(?:{_alternation(d.metric_leading)})"),
        "trailing": regex.compile(f"(?:{_alternation(d.metric_trailing)})$"),
        "ranking_verb": regex.compile(_alternation(d.ranking_verbs)),
        "cut": regex.compile(_alternation(d.ranking_verbs + d.counting_verbs + d.metric_trailing)),
        "post_stop": regex.compile(f"^(?:{_alternation(d.post_stop)})"),
        "counting_end": regex.compile(f"(?:{_alternation(d.counting_verbs)})$"),
    }


_HAN = regex.compile(r"\p{Han}")
_NUMBER_START = regex.compile(r"[0-9零〇一二三四五六七八九十百千万亿两第前]")
_COMPARISON_BEFORE = ("比", "较", "与", "同", "领先", "高于", "低于", "超过", "占", "于")


@dataclass(frozen=True)
class Mention:
    """A place in the text naming who a fact may be about; `name` is already resolved."""

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
    return bool(_HAN.fullmatch(ch))


def _word_before(ctx: Context, offset: int) -> tuple[int, str]:
    """The Han word just before `offset`: the part of a token cut by it, or the whole previous token."""
    token = ctx.tokens.token_at(offset - 1) if offset > 0 else None
    if token is None:
        return offset, ""
    start = token[0]
    while start < offset and not _is_han(ctx.norm[start]):
        start += 1
    word = ctx.norm[start:offset]
    if len(word) == 1 and start > 0:
        previous = ctx.tokens.token_at(start - 1)
        if previous and all(_is_han(c) for c in ctx.norm[previous[0]:start]):
            start = previous[0]
    return start, ctx.norm[start:offset]


def _is_generic(prefix: str) -> bool:
    generic = data().generic_prefixes
    return (len(prefix) < 2 or any(not _is_han(c) for c in prefix)
            or any(prefix == g or prefix.endswith(g) for g in generic))


def zone_mentions(ctx: Context) -> list[Mention]:
    """`吴江经济技术开发区`, `苏州工业园区`: a place word before a zone suffix."""
    found = []
    for match in _patterns()["zone"].finditer(ctx.norm):
        start, prefix = _word_before(ctx, match.start())
        if _is_generic(prefix):
            continue
        found.append(Mention(start, match.end(), ctx.text[start:match.end()], "zone"))
    return found


def region_mentions(ctx: Context) -> list[Mention]:
    """`苏州市`, `江苏省`: a jieba token of 3–5 characters ending in an administrative suffix."""
    suffixes = longest_first(data().region_suffixes)
    anaphors = set(data().anaphors)
    found = []
    for start, end in ctx.tokens.spans:
        word = ctx.norm[start:end]
        if not 3 <= len(word) <= 5 or word in anaphors:
            continue
        suffix = next((s for s in suffixes if word.endswith(s)), None)
        if suffix is None:
            continue
        prefix = word[: -len(suffix)]
        if _is_generic(prefix) or prefix[-1] in "园城发新":
            continue
        found.append(Mention(start, end, ctx.text[start:end], "region"))
    return found


def anaphor_mentions(ctx: Context) -> list[Mention]:
    """`辖区`, `全区`, `开发区` standing on their own (not the tail of `全国开发区`)."""
    found = []
    for match in _patterns()["anaphor"].finditer(ctx.norm):
        if match.start() > 0 and _is_han(ctx.norm[match.start() - 1]):
            continue
        found.append(Mention(match.start(), match.end(), match.group(), "anaphor"))
    return found


def company_mentions(records: Sequence) -> list[Mention]:
    return [Mention(r.start, r.end, r.text, "company") for r in records if r.type == "company"]


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


# --- main subject -----------------------------------------------------------------------------------

def _lead(ctx: Context) -> tuple[int, int]:
    """Headline and first paragraph: the first two non-empty lines."""
    lines = [(m.start(), m.end()) for m in regex.finditer(r"[^\r\n]*\S[^\r\n]*", ctx.norm)]
    if not lines:
        return (0, 0)
    return (lines[0][0], lines[min(1, len(lines) - 1)][1])


def main_subject(ctx: Context, mentions: Optional[list[Mention]] = None) -> Optional[MainSubject]:
    """A declared `（以下简称“X”）` wins; else the most named zone or region in the lead, then anywhere."""
    named = [m for m in (mentions if mentions is not None else _named_mentions(ctx)) if m.kind in ("zone", "region")]
    for match in _patterns()["declared"].finditer(ctx.norm):
        short = ctx.text[match.start("short"):match.end("short")]
        full = next((m.name for m in named if m.end == match.start()), None)
        aliases = frozenset(a for a in (short, full) if a)
        return MainSubject(short, aliases, match.start("short"), match.end("short"))
    lead_start, lead_end = _lead(ctx)
    for pool in ([m for m in named if lead_start <= m.start < lead_end and m.kind == "zone"],
                 [m for m in named if lead_start <= m.start < lead_end],
                 [m for m in named if m.kind == "zone"]):
        if pool:
            counts = Counter(m.name for m in pool)
            best = max(counts, key=lambda n: (counts[n], -next(m.start for m in pool if m.name == n)))
            first = next(m for m in pool if m.name == best)
            return MainSubject(best, frozenset({best}), first.start, first.end)
    return None


def _named_mentions(ctx: Context) -> list[Mention]:
    return _non_overlapping(zone_mentions(ctx) + region_mentions(ctx))


def subject_mentions(ctx: Context, records: Sequence, main: Optional[MainSubject]) -> list[Mention]:
    """Every mention, with anaphors and aliases resolved to the main subject's name."""
    mentions = _non_overlapping(zone_mentions(ctx) + region_mentions(ctx) + anaphor_mentions(ctx)
                                + company_mentions(records))
    resolved = []
    for m in mentions:
        if main is not None and (m.kind == "anaphor" or m.name in main.aliases):
            resolved.append(Mention(m.start, m.end, main.name, m.kind))
        elif m.kind != "anaphor":
            resolved.append(m)
    return resolved


# --- the three rule chains ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """A named rule of a chain: returns an answer, or None to let the next step try."""

    name: str
    apply: Callable


@dataclass
class Scene:
    """Everything the steps of one fact look at."""

    ctx: Context
    records: Sequence
    index: int
    mentions: list[Mention]
    main: Optional[MainSubject]
    previous: Optional[Fact]

    @property
    def record(self):
        return self.records[self.index]

    @property
    def clause(self) -> tuple[int, int]:
        return self.ctx.clause_at(self.record.start)

    @property
    def sentence(self) -> tuple[int, int]:
        return self.ctx.sentence_at(self.record.start)


def _is_subject_mention(scene: Scene, m: Mention) -> bool:
    """Not a scope (`全国219个`) nor a comparison base (`领先吴江全区`, `占全市`)."""
    norm = scene.ctx.norm
    if m.end < len(norm) and _NUMBER_START.match(norm, m.end):
        return False
    return not any(norm.endswith(w, 0, m.start) for w in _COMPARISON_BEFORE)


def _subject_span(m: Mention) -> FactSpan:
    return FactSpan(text=m.name, start=m.start, end=m.end)


def subject_in_clause(scene: Scene) -> Optional[FactSpan]:
    start, _ = scene.clause
    before = [m for m in scene.mentions if start <= m.start and m.end <= scene.record.start
              and _is_subject_mention(scene, m)]
    return _subject_span(before[-1]) if before else None


def subject_in_sentence(scene: Scene) -> Optional[FactSpan]:
    start, _ = scene.sentence
    before = [m for m in scene.mentions if start <= m.start and m.end <= scene.record.start
              and m.kind != "company" and _is_subject_mention(scene, m)]
    return _subject_span(before[-1]) if before else None


def subject_main(scene: Scene) -> Optional[FactSpan]:
    return FactSpan(text=scene.main.name) if scene.main else None


SUBJECT_STEPS = (
    Step("subject_in_clause", subject_in_clause),
    Step("subject_in_sentence", subject_in_sentence),
    Step("subject_main", subject_main),
)


def _date_fact(scene: Scene, i: int) -> FactDate:
    value = scene.records[i].value
    return FactDate(start=value.start, end=value.end, record=i)


def _dates_within(scene: Scene, span: tuple[int, int]) -> list[int]:
    return [i for i, r in enumerate(scene.records) if r.type == "date" and span[0] <= r.start and r.end <= span[1]]


def date_in_clause(scene: Scene) -> Optional[FactDate]:
    dates = _dates_within(scene, scene.clause)
    before = [i for i in dates if scene.records[i].end <= scene.record.start]
    if before:
        return _date_fact(scene, before[-1])
    return _date_fact(scene, dates[0]) if dates else None


def date_before_in_sentence(scene: Scene) -> Optional[FactDate]:
    before = [i for i in _dates_within(scene, scene.sentence) if scene.records[i].end <= scene.record.start]
    return _date_fact(scene, before[-1]) if before else None


def date_before_in_paragraph(scene: Scene) -> Optional[FactDate]:
    paragraph = scene.ctx.paragraph_at(scene.record.start)
    before = [i for i in _dates_within(scene, paragraph) if scene.records[i].end <= scene.record.start]
    return _date_fact(scene, before[-1]) if before else None


DATE_STEPS = (
    Step("date_in_clause", date_in_clause),
    Step("date_before_in_sentence", date_before_in_sentence),
    Step("date_before_in_paragraph", date_before_in_paragraph),
)


def _blocked_start(scene: Scene, start: int, end: int) -> int:
    """Where the metric may begin: after the last record or mention between `start` and `end`."""
    spans = [(r.start, r.end) for r in scene.records] + [(m.start, m.end) for m in scene.mentions]
    ends = [e for s, e in spans if start <= s and e <= end]
    return max(ends, default=start)


def _trim(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Peel frame words off both ends of a phrase, and stray punctuation."""
    pats = _patterns()
    changed = True
    while changed and start < end:
        changed = False
        piece = ctx.norm[start:end]
        stripped = piece.lstrip(" 　“”\"'《》「」()（）")
        if stripped != piece:
            start, changed = start + len(piece) - len(stripped), True
            continue
        stripped = piece.rstrip(" 　“”\"'《》「」()（）")
        if stripped != piece:
            end, changed = end - (len(piece) - len(stripped)), True
            continue
        lead = pats["leading"].match(piece)
        if lead and lead.end() < len(piece):
            start, changed = start + lead.end(), True
            continue
        trail = pats["trailing"].search(piece)
        if trail and trail.start() > 0:
            end, changed = start + trail.start(), True
            continue
        if trail or lead:
            return (start, start)
    return (start, end)


def _span(ctx: Context, start: int, end: int) -> Optional[FactSpan]:
    if end - start < 2:
        return None
    return FactSpan(text=ctx.text[start:end], start=start, end=end)


def metric_before_ranking_verb(scene: Scene) -> Optional[FactSpan]:
    """`进出口总额跻身全国开发区十强`: what stands before the ranking verb."""
    if scene.record.type != "ranking":
        return None
    clause_start, _ = scene.clause
    start = _blocked_start(scene, clause_start, scene.record.start)
    verb = _first_at_boundary(scene.ctx, _patterns()["ranking_verb"], start, scene.record.start)
    end = verb if verb is not None else scene.record.start
    return _span(scene.ctx, *_trim(scene.ctx, start, end))


def _first_at_boundary(ctx: Context, pattern: regex.Pattern, start: int, end: int) -> Optional[int]:
    for match in pattern.finditer(ctx.norm, start, end):
        if ctx.tokens.is_boundary(match.start()):
            return match.start()
    return None


def metric_after_count(scene: Scene) -> Optional[FactSpan]:
    """`新增4家国家级博士后科研工作站`: a count written before what it counts."""
    record = scene.record
    if record.type != "amount" or record.value.kind != "quantity" or record.value.unit in COUNT_UNITS_EXCLUDED:
        return None
    ctx = scene.ctx
    _, clause_end = scene.clause
    if record.end >= clause_end or not _is_han(ctx.norm[record.end]) or _patterns()["post_stop"].match(ctx.norm, record.end):
        return None
    end = _blocked_end(scene, record.end, clause_end)
    cut = _first_at_boundary(ctx, _patterns()["cut"], record.end + 1, end)
    return _span(ctx, *_trim(ctx, record.end, cut if cut is not None else end))


def _blocked_end(scene: Scene, start: int, end: int) -> int:
    spans = [(r.start, r.end) for r in scene.records] + [(m.start, m.end) for m in scene.mentions]
    starts = [s for s, e in spans if start <= s and e <= end]
    return min(starts, default=end)


def metric_before_number(scene: Scene) -> Optional[FactSpan]:
    """`地区生产总值同比增长8%`: the noun phrase between the clause's last record or mention and the figure."""
    clause_start, _ = scene.clause
    start = _blocked_start(scene, clause_start, scene.record.start)
    found = _span(scene.ctx, *_trim(scene.ctx, start, scene.record.start))
    if found and _patterns()["counting_end"].search(found.text) and found.text in data().counting_verbs:
        return None
    return found


def metric_of_previous(scene: Scene) -> Optional[FactSpan]:
    """`营收20亿元，增长9%`: a bare growth rate measures what the figure before it in the sentence did."""
    previous = scene.previous
    if previous is None or previous.metric is None or scene.record.type != "percentage":
        return None
    sentence_start, _ = scene.sentence
    if scene.records[previous.record].start < sentence_start:
        return None
    return previous.metric


METRIC_STEPS = (
    Step("metric_before_ranking_verb", metric_before_ranking_verb),
    Step("metric_after_count", metric_after_count),
    Step("metric_before_number", metric_before_number),
    Step("metric_of_previous", metric_of_previous),
)


def _first(steps: tuple[Step, ...], scene: Scene):
    for step in steps:
        answer = step.apply(scene)
        if answer is not None:
            return answer
    return None


def find_facts(ctx: Context, records: Sequence) -> list[Fact]:
    """One fact per amount, percentage and ranking record, in record order."""
    main = main_subject(ctx)
    mentions = subject_mentions(ctx, records, main)
    facts: list[Fact] = []
    previous: Optional[Fact] = None
    for index, record in enumerate(records):
        if record.type not in VALUE_TYPES:
            continue
        scene = Scene(ctx, records, index, mentions, main, previous)
        fact = Fact(
            record=index,
            kind=record.type,
            subject=_first(SUBJECT_STEPS, scene),
            metric=_first(METRIC_STEPS, scene),
            date=_first(DATE_STEPS, scene),
            change=record.value.change if record.type == "percentage" else None,
        )
        facts.append(fact)
        previous = fact
    return facts
