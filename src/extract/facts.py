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

import jieba.posseg
import regex

from .context import Context
from .lexicon import DataSchema, load, longest_first
from .models import Fact, FactDate, FactSpan

VALUE_TYPES = ("amount", "percentage", "ranking")
MAX_METRIC = 40
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
    period_words: list[str]
    name_breakers: list[str]
    zone_short_forms: dict[str, str]
    topic_frames: list[str]
    ranking_frames: list[str]
    function_words: list[str]
    anaphor_openers: str
    scope_words: list[str]


def data() -> FactsData:
    return load("facts.yaml", FactsData)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(regex.escape(w) for w in longest_first(words))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    d = data()
    return {
        "declared": regex.compile(r"[（(][^（()）\n]{0,80}?(?:以下)?(?:简称|称)\s*[“\"「『]?(?P<short>[^”\"」』（()），,、\s]{2,15}?)[”\"」』]?\s*[）)]"),
        "headline": regex.compile(r"\s*(?P<name>\p{Han}{2,12})[：:]"),
        "topic_frame": regex.compile(f"(?:{_alternation(d.topic_frames)})?(?:{_alternation(d.topic_frames)})?"),
        "frame": regex.compile(_alternation(d.ranking_frames)),
        "period": regex.compile(_alternation(d.period_words)),
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
_LIST_AFTER = regex.compile(r"(?:[（(][^（()）]{1,40}[）)])?(?:、|等|和|及|与)")
"""A name in a list (`A、B等企业`) is one of several, not the subject of the figure."""
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


def _tokens_before(ctx: Context, offset: int, limit: int = 4) -> list[tuple[int, int]]:
    """Up to `limit` Han tokens ending at `offset` (a token cut by `offset` counts by its head)."""
    out: list[tuple[int, int]] = []
    end = offset
    while len(out) < limit and end > 0:
        token = ctx.tokens.token_at(end - 1)
        if token is None or not all(_is_han(c) for c in ctx.norm[token[0]:end]):
            break
        word = ctx.norm[token[0]:end]
        if (word in data().function_words or word in data().scope_words or word in data().name_breakers
                or any(c in word for c in "年月日") or jieba.posseg.dt.word_tag_tab.get(word, "").startswith("v")):
            break
        out.insert(0, (token[0], end))
        end = token[0]
    return out


def _name_start(ctx: Context, offset: int) -> Optional[int]:
    """Where a name ending in a suffix at `offset` begins: its first non-generic token, or None."""
    tokens = _tokens_before(ctx, offset)
    while tokens and _is_generic(ctx.norm[tokens[0][0]:tokens[0][1]]):
        tokens.pop(0)
    if not tokens or offset - tokens[0][0] < 2:
        return None
    return tokens[0][0]


def _is_generic(prefix: str) -> bool:
    generic = data().generic_prefixes
    return (len(prefix) < 2 or any(not _is_han(c) for c in prefix)
            or any(prefix == g or prefix.endswith(g) for g in generic))


def zone_mentions(ctx: Context) -> list[Mention]:
    """`吴江经济技术开发区`, `横琴粤澳深度合作区`: place and name words before a zone suffix."""
    found = []
    for match in _patterns()["zone"].finditer(ctx.norm):
        start = _name_start(ctx, match.start())
        if start is not None:
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
        if _is_generic(prefix) or prefix[-1] in "园城发新" or not _is_place(word, prefix):
            continue
        found.append(Mention(start, end, ctx.text[start:end], "region"))
    return found


def _is_place(word: str, prefix: str) -> bool:
    """jieba's dictionary tags the word or its stem as a place name (ns)."""
    tags = jieba.posseg.dt.word_tag_tab
    return any(tags.get(w, "").startswith("ns") for w in (word, prefix))


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
        full = next((m.name for m in named if m.end == match.start()), None)
        if full is None:
            continue
        short = ctx.text[match.start("short"):match.end("short")]
        return MainSubject(short, frozenset({short, full}), match.start("short"), match.end("short"))
    lead_start, lead_end = _lead(ctx)
    headline = _patterns()["headline"].match(ctx.norm, lead_start, lead_end)
    if headline:
        name = ctx.text[headline.start("name"):headline.end("name")]
        return MainSubject(name, frozenset({name}), headline.start("name"), headline.end("name"))
    for pool in ([m for m in named if lead_start <= m.start < lead_end and m.kind == "zone"],
                 [m for m in named if lead_start <= m.start < lead_end],
                 [m for m in named if m.kind == "zone"]):
        if pool:
            counts = Counter(m.name for m in pool)
            best = max(counts, key=lambda n: (counts[n], -next(m.start for m in pool if m.name == n)))
            first = next(m for m in pool if m.name == best)
            return MainSubject(best, frozenset({best}), first.start, first.end)
    return None


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
        head = regex.search(r"[\p{Han}A-Za-z（）()]+$", ctx.text[max(0, match.start() - 40):match.start()])
        if head:
            names[head.group()] = short
    return names


def _named_mentions(ctx: Context) -> list[Mention]:
    return _non_overlapping(zone_mentions(ctx) + region_mentions(ctx))


def subject_mentions(ctx: Context, records: Sequence, main: Optional[MainSubject]) -> list[Mention]:
    """Every mention, with anaphors and aliases resolved to the main subject's name."""
    mentions = _non_overlapping(zone_mentions(ctx) + region_mentions(ctx) + anaphor_mentions(ctx)
                                + company_mentions(records))
    resolved = []
    short_names = declared_names(ctx)
    for m in mentions:
        if m.kind == "company" and m.name in short_names:
            m = Mention(m.start, m.end, short_names[m.name], m.kind)
        if main is not None and (m.kind == "anaphor" or same_entity(m.name, main)):
            resolved.append(Mention(m.start, m.end, main.name, m.kind))
        else:
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
    if _LIST_AFTER.match(norm, m.end):
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
              and _is_subject_mention(scene, m)]
    return _subject_span(before[-1]) if before else None


def subject_main(scene: Scene) -> Optional[FactSpan]:
    return FactSpan(text=scene.main.name) if scene.main else None


def subject_scope(scene: Scene) -> Optional[FactSpan]:
    """`全国219个国家级经开区`: a count right after a place word counts that place's members."""
    record = scene.record
    if record.type != "amount" or record.value.kind != "quantity":
        return None
    norm = scene.ctx.norm
    for word in longest_first(data().scope_words):
        if norm.endswith(word, 0, record.start):
            return FactSpan(text=scene.ctx.text[record.start - len(word):record.start],
                            start=record.start - len(word), end=record.start)
    named = [m for m in scene.mentions if m.end == record.start and m.kind in ("region", "zone")]
    return _subject_span(named[0]) if named else None


SUBJECT_STEPS = (
    Step("subject_scope", subject_scope),
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


def _own_period(scene: Scene) -> bool:
    """`年均`, `每年`, `三年来`: the clause states its own period, so no earlier date governs it."""
    start, _ = scene.clause
    return _patterns()["period"].search(scene.ctx.norm, start, scene.record.end) is not None


def date_before_in_sentence(scene: Scene) -> Optional[FactDate]:
    if _own_period(scene):
        return None
    before = [i for i in _dates_within(scene, scene.sentence) if scene.records[i].end <= scene.record.start]
    return _date_fact(scene, before[-1]) if before else None


def date_before_in_paragraph(scene: Scene) -> Optional[FactDate]:
    if _own_period(scene):
        return None
    paragraph = scene.ctx.paragraph_at(scene.record.start)
    before = [i for i in _dates_within(scene, paragraph)
              if scene.records[i].end <= scene.record.start and _is_topical(scene, i)]
    return _date_fact(scene, before[-1]) if before else None


def _is_topical(scene: Scene, i: int) -> bool:
    """`2019年，…` / `截至9月底，…`: a date standing as its clause's topic governs the sentences after it."""
    record = scene.records[i]
    start, end = scene.ctx.clause_at(record.start)
    rest = scene.ctx.norm[start:record.start] + scene.ctx.norm[record.end:end]
    return _patterns()["topic_frame"].fullmatch(rest.strip()) is not None


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
    """Peel frame words off both ends of a phrase, and stray punctuation (a metric is short: 40 at most)."""
    pats = _patterns()
    start = max(start, end - MAX_METRIC)
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


def metric_ranking_frame(scene: Scene) -> Optional[FactSpan]:
    """`在…综合发展水平考核评价中，X位列第4位`: the named evaluation earlier in the sentence."""
    if scene.record.type != "ranking":
        return None
    ctx = scene.ctx
    sentence_start, _ = scene.sentence
    frames = list(_patterns()["frame"].finditer(ctx.norm, sentence_start, scene.record.start))
    if not frames:
        return None
    end = frames[-1].end()
    clause_start, _ = ctx.clause_at(frames[-1].start())
    start = _blocked_start(scene, clause_start, frames[-1].start())
    start = max(start, ctx.norm.rfind("的", start, frames[-1].start()) + 1,
                ctx.norm.rfind("“", start, frames[-1].start()) + 1)
    return _span(ctx, *_trim(ctx, start, end))


def metric_of_previous_ranking(scene: Scene) -> Optional[FactSpan]:
    """`位列第3位，连续两年进入前五名`: a second ranking in the sentence is by the same measure."""
    previous = scene.previous
    if scene.record.type != "ranking" or previous is None or previous.kind != "ranking" or previous.metric is None:
        return None
    sentence_start, _ = scene.sentence
    return previous.metric if scene.records[previous.record].start >= sentence_start else None


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
    end = min(_blocked_end(scene, record.end, clause_end), record.end + MAX_METRIC)
    cut = _first_at_boundary(ctx, _patterns()["cut"], record.end + 1, end)
    return _span(ctx, *_trim(ctx, record.end, cut if cut is not None else end))


def _blocked_end(scene: Scene, start: int, end: int) -> int:
    spans = [(r.start, r.end) for r in scene.records] + [(m.start, m.end) for m in scene.mentions]
    starts = [s for s, e in spans if start <= s and e <= end]
    return min(starts, default=end)


def metric_before_number(scene: Scene) -> Optional[FactSpan]:
    """`地区生产总值同比增长8%`: the noun phrase between the clause's last record or mention and the figure."""
    if scene.record.type == "ranking":
        return None
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
    Step("metric_ranking_frame", metric_ranking_frame),
    Step("metric_of_previous_ranking", metric_of_previous_ranking),
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
