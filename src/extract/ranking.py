"""ranking records: positions in an ordered list (`第7位`, `首位`), top-N memberships (`十强`,
`前10名`, `500强`) and tiers (`第一方阵`), with the ranked population when the text names it.

Rules find spans only; every guard that decides whether an ordinal ranks at all (`全国第二`
vs `第二届`) is a lookaround built from the word lists in `data/ranking.yaml`, so the
normalizer only resolves numbers and reads the surrounding words for scope, metric and size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

import regex

from .context import Context, is_byline
from .lexicon import alternation, load
from .models import RankingRecord, RankingValue
from .numbers import DIGIT_GAP, SPACE_BEFORE_DIGITS, NumberParseError, parse_number
from .qualifiers import outer_qualifier, without_prefix_qualifier
from .rules import Candidate, Rule, run_rules
from .segment import pos_tag
from .schemas import RankingWords


WORDS = load("ranking.yaml", RankingWords)

_CN = "〇零一二三四五六七八九十百千两"
RN = rf"(?:\d++|[{_CN}]++)"
"""A rank numeral, possessive so `前10个月` cannot shrink to `前1`."""
_NUM_BEFORE = rf"(?<![\d{_CN}])"
_TERMINATOR = r"(?:[，。；、：！？）)」”’》\s,;:!?]|的|之|$)"


_LIST_JOIN = "(?:、|和|及|与)"
_VERB = alternation(WORDS.verbs)
_SCOPE = alternation(WORDS.scope_words)
_CONTEXT = alternation([*WORDS.verbs, *WORDS.scope_words])
_MOVE = alternation(WORDS.move_verbs)


def _rule(name: str, pattern: str) -> Rule:
    return Rule(name, regex.compile(pattern, regex.V1))


_NOT_BEFORE = rf"(?<!{alternation(WORDS.not_rank_before)})"
_NOT_AFTER = rf"(?!{alternation(WORDS.not_rank_after)})"

_KINDS_LISTED = rf"(?:{_LIST_JOIN}第?{RN})+(?!{_LIST_JOIN}|[位名]|{_TERMINATOR})"
"""`第一、第二产业`, `第一、二产业`: ordinals listed before a noun number kinds, not places."""

RULES: tuple[Rule, ...] = (
    _rule("rank_range", rf"{_NOT_BEFORE}第{SPACE_BEFORE_DIGITS}(?P<n>{RN})[位名]?\s*(?:至|到|-|—|–|~)\s*第?{SPACE_BEFORE_DIGITS}(?P<m>{RN})\s*[位名]"),
    _rule("tier", rf"第{SPACE_BEFORE_DIGITS}(?P<n>{RN}){DIGIT_GAP}(?:方阵|梯队|阵营|档次)"),
    _rule("ordinal_da", rf"第(?P<n>{RN})大(?!{alternation(WORDS.ordinal_da_blockers)})"),
    _rule("ordinal_place", rf"{_NOT_BEFORE}第{SPACE_BEFORE_DIGITS}(?P<n>{RN}){DIGIT_GAP}[位名](?![次数置]){_NOT_AFTER}"),
    _rule("approx_place", rf"{_NUM_BEFORE}(?={RN}[多余]?位)(?<=(?:{_VERB})(?:{_SCOPE})?)(?<!{_MOVE}了?)(?P<n>{RN}[多余]?)位(?![置于列数])"),
    _rule("moved_from_place", rf"{_NUM_BEFORE}(?={RN}[多余]?位)(?<=[从由][^，。；、,;\s]{{0,12}}?[近约]?)(?P<n>{RN}[多余]?)位"
                              rf"(?=(?:{_MOVE})?[至到]第?{SPACE_BEFORE_DIGITS}{RN}[多余]?[位名])"),
    _rule(
        "top_prefix",
        rf"(?:(?<={alternation(WORDS.before_top_allowed)})|(?<!{alternation(WORDS.before_top_blockers)}))前{SPACE_BEFORE_DIGITS}(?P<n>{RN})"
        rf"(?:{DIGIT_GAP}(?P<suffix>名|位|强|甲|大)|(?!{DIGIT_GAP}(?:[{_CN}\d]|{alternation(WORDS.top_blockers)})))",
    ),
    _rule("top_latin", r"(?<![A-Za-z])(?i:top)\s?(?P<n>\d++)(?![\d.%])"),
    _rule("number_latin", r"(?<![A-Za-z])(?i:no)\.\s?(?P<n>\d{1,3})(?![\d.])"),
    _rule("strong", rf"(?<![第前]){_NUM_BEFORE}(?P<n>{RN}){DIGIT_GAP}[强佳](?!(?:{alternation(WORDS.categories_after_top_n)})(?!园|集群|基地))"),
    _rule(
        "top_da",
        rf"(?<=(?:{alternation(WORDS.da_triggers)})){_NUM_BEFORE}(?P<n>{RN})大"
        rf"(?!{alternation(WORDS.da_blockers)}|”)"
        rf"|(?<=(?:{alternation(WORDS.da_title_verbs)})[^“”。，；]{{0,20}}“[^“”。，]{{0,16}}){_NUM_BEFORE}(?P<n>{RN})大(?=[^“”。，]{{2,}}”)",
    ),
    _rule("first_place", rf"(?<![在于到把将])首位(?![度女男]){_NOT_AFTER}"),
    _rule("top_of_list", r"榜首"),
    _rule("head_of", rf"(?<=(?:居|列|排)(?:[^\s，。；、,;]{{0,12}}之)?)首(?={_TERMINATOR})"),
    _rule(
        "ordinal_ranks",
        rf"{_NOT_BEFORE}(?:(?<=(?:{_CONTEXT}))第{SPACE_BEFORE_DIGITS}(?P<n>{RN})(?!{DIGIT_GAP}(?:[位名大]|{alternation(WORDS.ordinal_blockers)})|{_KINDS_LISTED})"
        rf"|(?<=[\p{{Han}}A-Za-z0-9]|[\p{{Han}}--[{_CN}]][）)])第(?P<n>{RN})(?={_TERMINATOR}|(?:[和及与]第{RN})+{_TERMINATOR})(?!{_KINDS_LISTED})"
        rf"|(?<=、)第(?P<n>{RN})(?=(?:{_LIST_JOIN}第{RN})*{_LIST_JOIN}第{RN}{DIGIT_GAP}[位名])"
        rf"|(?<=(?:{_CONTEXT}|[\p{{Han}}--[{_CN}]])第{RN}(?:{_LIST_JOIN}第{RN})*、)第(?P<n>{RN})(?=(?:{_LIST_JOIN}第{RN})*{_TERMINATOR}))",
    ),
    _rule(
        "ordinal_continued",
        rf"(?<=第{RN}(?:{_LIST_JOIN}{RN})*{_LIST_JOIN})(?P<n>{RN})(?:[位名](?![次数置])|(?=(?:{_LIST_JOIN}第?{RN})+[位名]))"
        rf"|(?<=(?:{_CONTEXT})第{RN}(?:{_LIST_JOIN}{RN})*{_LIST_JOIN})(?P<n>{RN})(?={_TERMINATOR})",
    ),
)

_RANK_RULES = {"rank_range", "ordinal_da", "ordinal_place", "approx_place", "moved_from_place", "ordinal_ranks", "ordinal_continued",
               "number_latin"}
_FIRST_RULES = {"first_place", "top_of_list", "head_of"}
_TOP_RULES = {"top_prefix", "top_latin", "strong", "top_da"}
_OWN_LIST_RULES = {"strong", "top_da"}
"""`百强`, `十大` name a list of their own: the list's N is top_n, never out_of."""


def find(ctx: Context) -> list[Candidate]:
    """Run the rules; each candidate remembers where the previous ranking of its sentence ended."""
    found = sorted(run_rules("ranking", RULES, ctx), key=lambda c: c.start)
    out: list[Candidate] = []
    previous_end = 0
    frames = document_frames(ctx) if found else ()
    for candidate in found:
        sentence_start, _ = ctx.sentence_at(candidate.start)
        region_start = max(sentence_start, previous_end)
        groups = {**candidate.groups, "_region_start": region_start, "_document_frames": frames,
                  "_one_of": _ONE_OF.match(ctx.norm, candidate.end, ctx.clause_at(candidate.start)[1]) is not None}
        out.append(replace(candidate, groups=groups))
        previous_end = candidate.end
    return out


_ONE_OF = regex.compile(r"[^，。；,;]*之一")
"""`全球八大集成电路产业集聚区之一`: a top-N under ten is a ranking only as a membership."""

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
    if rule == "top_da" and n < 10 and not candidate.groups.get("_one_of"):
        return None
    if rule in _TOP_RULES and n >= 2:
        return {"top_n": n}
    return None


def _inner_qualifier(candidate: Candidate):
    n = candidate.groups.get("n") or ""
    if "多" in n or "余" in n:
        return "over"
    return None


_POP_NOUN = alternation(WORDS.population_nouns)
_MEASURE = alternation(WORDS.population_measures)
_CONTAINER = alternation(WORDS.container_ends)
_NOUN_BLOCK = "|".join(regex.escape(w) for w in WORDS.population_noun_blockers)
_SIZE_UNIT = alternation(WORDS.size_units)
_COUNTED_POPULATION = regex.compile(
    rf"(?<![前第\d{_CN}.])(?P<count>(?!(?:19|20)\d\d(?!\d|{_MEASURE}))\d+|[{_CN}]{{2,}}"
    rf"|[{_CN}](?=(?:大\p{{Han}}{{0,2}}?)?(?:{_POP_NOUN})|(?:{_MEASURE})))(?![\d年月日%亿万元.强A-Za-z]|个月|个小时|{_SIZE_UNIT})(?:{_MEASURE}|大)?"
    rf"(?:(?![（(]其中)[\p{{Han}}A-Za-z（）()、]){{0,16}}(?:{_POP_NOUN})(?!{_NOUN_BLOCK}|[、）)])",
    regex.V1,
)
"""`江苏118家经济开发区`, `全市7个县（市、区）`, `佛山五区`, `中部六个省会城市`; never a year
(`2020中国民营企业`) or a size (`12英寸晶圆代工企业`), nor into the breakdown after it
(`104个开发区（其中国家级开发区19个…）`)."""
_JOINED_PART = regex.compile(
    rf"(?<=(?:{alternation(WORDS.joined_place_units)}))(?P<count>[一二三四五六七八九十两]{{1,3}})个?"
    rf"(?=(?:{alternation(WORDS.joined_place_units)}))", regex.V1
)
"""A further part of a group counted part by part: `两` and `县` of `六区两县`."""
_JOINED_MEMBER = r"(?:和|及)(?P<name>\p{Han}{2}(?:新区|示范区|市|州|盟))"
_JOINED_NAME = regex.compile(rf"{_JOINED_MEMBER}$")
"""One member named after a counted group, counted with it (`全省14个市州和兰州新区` → 15)."""


def _group_size(counted: regex.Match) -> Optional[int]:
    """The size of a counted group, its parts added up (`六区两县` → 8); None when a ranking verb
    stands inside the words (`3项指标增速均位居全市`: a count of indicators, then where they rank)."""
    count = _int(counted.group("count"))
    if count is None or _VERB_RE.search(counted.string, counted.end("count"), counted.end()):
        return None
    parts = _JOINED_PART.finditer(counted.string, counted.end("count"), counted.end())
    named = _JOINED_NAME.search(counted.string, counted.end("count"), counted.end())
    return count + sum(_int(part.group("count")) or 0 for part in parts) + (1 if named else 0)


_EDITION = r"(?:(?:19|20)\d\d年度?)?"
"""The year of an evaluation between its group and its name (`全国178家国家高新区2022年度综合评价结果中`)."""
_ASIDE_AFTER_GROUP = r"(?:（[^（）]{1,16}）)?"
"""`在全市10个区（市）中`: a bracketed aside after the group's noun is part of its name."""
_CLOSES_POPULATION = regex.compile(
    rf"^(?:{_ASIDE_AFTER_GROUP}{_EDITION}(?P<metric>[\p{{Han}}A-Za-z]{{0,16}}?)(?<![国境海])(?:{_CONTAINER})|{_ASIDE_AFTER_GROUP}(?:{_VERB})*$"
    rf"|{_ASIDE_AFTER_GROUP}之$)", regex.V1
)
"""What closes a counted group before its ranking: `中` after the measure, only verbs, or `之` before
`首` (`居13个园区之首`); `国内` is a measure's word (`主导产品国内市场占有率`), not a container."""
_DISTRIBUTIVE = regex.compile(alternation(WORDS.distributive_after_count))


def _members_listed(counted: regex.Match) -> bool:
    """`两区分列全省`, `31家开发区列入第一档次`: the counted words, or the verb right after them, give
    each member its place, so they count the ranked members, not the group they are ranked in."""
    return (_DISTRIBUTIVE.search(counted.group(0)) is not None
            or _DISTRIBUTIVE.match(counted.string, counted.end()) is not None)


_COUNT_MARKER = regex.compile(rf"(?:{alternation(WORDS.count_markers)})$", regex.V1)
_AMONG = regex.compile(rf"在(?P<x>[^，。；、,;在]{{2,40}})(?:{_CONTAINER})(?![国央心部华])", regex.V1)
"""`在…中`; not the `中` opening a word (`在北京发布《2024中国县域经济百强研究》`)."""
_VERB_RE = regex.compile(rf"(?:{_VERB})", regex.V1)
_SCOPE_RE = regex.compile(rf"(?:{_SCOPE})", regex.V1)
_POP_END = regex.compile(rf"(?:{_POP_NOUN})$", regex.V1)
_POP_ANY = regex.compile(rf"(?:{_POP_NOUN})(?!{_NOUN_BLOCK})", regex.V1)
_MEASURE_WITH_POP_NOUN = regex.compile(alternation(WORDS.metric_words_with_population_noun))
_LEADING_COUNT = regex.compile(rf"^(?:[\d.]+[万亿千百]?[件个家元]*|{_CONTAINER})")
_LEAD_BREAK = regex.compile(r"[^\p{Han}A-Za-z]|在")


def _lead(before: str) -> str:
    """The words right before a counted group that say where it is (`全省` of `全省118家开发区`)."""
    return _LEAD_BREAK.split(before)[-1][-8:]


_LINE = regex.compile(r"[^\n]+")
_CLAUSE_BREAK = regex.compile(r"[，,；;：:]|、(?![^（()）]*[）)])")
"""Clause marks, but not a `、` inside a bracketed aside (`全省县（市、区）`)."""
_SENTENCE_PART_BREAK = regex.compile(r"[，,；;]")
_METRIC_HEAD = regex.compile(rf"(?:{alternation(WORDS.metric_heads)})", regex.V1)
_METRIC_END = regex.compile(rf"(?:{alternation(WORDS.metric_heads)})$", regex.V1)
_METRIC_TRAILING_NOISE = regex.compile(
    rf"(?:{alternation(WORDS.metric_trailing_noise)}|连续第?[\d一二三四五六七八九十两]{{1,3}}年|{_SCOPE})+$", regex.V1)
_LEADING_NOISE = regex.compile(r"^(?:\d{4}年(?:度)?|今年|去年|上年|其中|同时|此外|在|从|其)+", regex.V1)
_UP_TO_PERIOD = regex.compile(
    r"^.*(?:\d{4}年(?:度)?|前[一二三]季度|[一二三四]季度|[上下]半年|全年|今年|去年|同期|以(?![上下])|[的在将把对由与和及])",
    regex.V1,
)
_SCOPE_BEFORE_VERB = regex.compile(rf"((?:{_SCOPE})+)(?:{_VERB})+$", regex.V1)
_PHRASE = regex.compile(r"(?:[\p{Han}A-Za-z0-9（）()]|[（(][^（()）\n]{1,8}[）)])+$", regex.V1)


_OPENS_OWN_GROUP = regex.compile(r"[，,；;]在[^，,；;。]*$")
"""`…86个区县中仅有7个…，在全国50强县市中`: the ranking's own clause opens a group of its own."""


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
    the position, nor followed by a nearer `在…中` group (`在全国所有城市中`, also one the
    ranking stands inside: `，在全国50强县市中`), nor the ranked members themselves (`两区分列全省第一、二`).
    """
    match = _last(_COUNTED_POPULATION, region)
    if match is None:
        return None, None, None
    count = _group_size(match)
    closing = _CLOSES_POPULATION.match(region[match.end():])
    head = _PHRASE.search(region[:match.start()])
    lead = _after_last_verb(head.group(0) if head else "")
    lead = lead[lead.rfind("在") + 1:]
    before_count = region[:match.start()][: len(region[:match.start()]) - len(lead)]
    if count is None or closing is None or _COUNT_MARKER.search(before_count + lead):
        return None, None, None
    if _members_listed(match):
        return None, None, None
    if _AMONG.search(region, match.end()) or _OPENS_OWN_GROUP.search(region, match.end()):
        return None, None, None
    if size is not None and size > count:
        return None, None, None
    scope = _LEADING_NOISE.sub("", lead[lead.rfind("的") + 1:]) + match.group(0)
    metric = closing.group("metric")
    if not metric or metric in _BARE_RANKING_WORDS:
        phrase = head.group(0) if head else ""
        metric = _clean_metric(phrase[:phrase.rfind("在")]) if "在" in phrase else None
    return count, scope, metric if metric and _METRIC_END.search(metric) else None


_BARE_RANKING_WORDS = frozenset({"排名", "排行", "排位", "排序", "名次"})
"""`…在全国31省份排名中`: the ranking itself, not what it is by; that stands before `在`
(`园区工业投资在…排名中` → `工业投资`), as it does when nothing stands between the group and `中`
(`总量在全市9个区县中居第3位` → `总量`)."""


def _clean_metric(text: str) -> Optional[str]:
    """The words a ranking is by, without subject, dates and linking words before them, nor a
    duration, adverb or scope word after them (`出口额连续第3年全国` → `出口额`)."""
    text = _METRIC_TRAILING_NOISE.sub("", text)
    text = _UP_TO_PERIOD.sub("", text)
    last_pop = _last(_POP_ANY, _MEASURE_WITH_POP_NOUN.sub(lambda m: "　" * len(m.group()), text))
    if last_pop is not None and last_pop.end() < len(text):
        text = text[last_pop.end():]
    text = _LEADING_COUNT.sub("", text)
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
    return scope.rstrip("的之") or None, metric


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


@dataclass(frozen=True)
class _Frame:
    """A ranked population the text states: its size, where its words end, the nouns naming it.

    `listed` frames are the N of a named top-N list: they size the places and the top-N cuts
    given in the list (`“…百强”中…分列前三` → 100), also in another dated edition of it.
    `ranked_in` frames are known only from a place given right after them; they hold for the
    rest of the sentence unless another evaluation or edition is named on the way (a list so
    known, `位居全国百强县榜首，…分列第二、三、四位`, holds for its sentence only).
    `part` frames are one class of a group broken down after `其中` (`省级开发区93家`): only a
    ranking that names that class is placed in them.
    `cut` frames are the top N of one measure (`增速在前十城市中位居首位`): they hold for the places
    given in them, not for the same member's ranking in a later clause (`，排名升至第9位`)."""

    size: int
    end: int
    words: str
    nouns: tuple[str, ...]
    listed: bool = False
    ranked_in: bool = False
    part: bool = False
    cut: bool = False


_LIST_WORD = alternation(WORDS.list_words)
_EDITION_YEAR = r"去年|今年|上年|当年|前年|(?:19|20)\d\d年度?"
_QUOTE_END = r"[”\"》」』]?"
_PLACE_WORD = rf"(?:第|前[\d{_CN}]|首位|榜首|居首)"
_TOP_LIST = regex.compile(rf"(?<![第前]){_NUM_BEFORE}(?P<n>{RN})[强佳]", regex.V1)
_LIST_CLOSED = regex.compile(
    rf"^\p{{Han}}{{0,4}}?{_ASIDE_AFTER_GROUP}{_QUOTE_END}(?:{_LIST_WORD})?{_QUOTE_END}(?:{_CONTAINER})(?![国心央部型小等华])",
    regex.V1,
)
"""`在全国综合实力百强县（市）中，…位列第7位`: a top-N list closed by `中`, its members' kind
glossed in brackets or not."""
_MOVED_SINCE_LAST = (rf"(?:较|比)(?:上年|去年|上届|上一年)(?:提升|上升|前移|跃升|攀升|提高|下降|下滑|后移|回落)"
                     rf"[\d{_CN}]+个?(?:位次|位|名)?(?:至|到)")
"""`较上年提升8位至`: a move since the last edition, between a list and the place reached in it."""
_LIST_ADJACENT = regex.compile(
    rf"^\p{{Han}}{{0,6}}?{_QUOTE_END}(?:{_LIST_WORD})?{_QUOTE_END}[，,]?(?:并|且)?(?:{_EDITION_YEAR})?(?:{_VERB})*"
    rf"(?:{_MOVED_SINCE_LAST})?(?:第{RN}[位名]?{_LIST_JOIN})*$"
    rf"|^\p{{Han}}{{0,6}}?[”\"》」』](?:{_LIST_WORD})?[，,](?:(?!{_SCOPE})[\p{{Han}}、]){{2,16}}?(?:{_VERB})+"
    rf"(?:第{RN}[位名]?{_LIST_JOIN})*$", regex.V1
)
"""What may stand between a top-N list and a place given in it, earlier places of the same list
included (`分别位居百强县第32位和第71位`), and the year of the edition meant (`连续3年入围“…500强”，
去年排名第403位`: a list's N is the same in every edition); after a quoted list, the member placed in
it (`发布“2023先进制造业百强园区”榜单，青溪高新区位列第37位`), unless a scope word names another group."""
_LIST_BEFORE_PLACE = regex.compile(
    rf"^\p{{Han}}{{0,3}}?{_QUOTE_END}(?:{_LIST_WORD})?{_QUOTE_END}(?={_PLACE_WORD})", regex.V1
)
_LIST_PUBLISHED = regex.compile(
    rf"^(?:\p{{Han}}{{0,3}}?{_QUOTE_END}(?:{_LIST_WORD}))?{_QUOTE_END}(?:{alternation(WORDS.list_published_verbs)})", regex.V1
)
"""`《财富》中国500强排行榜发布，…位列第26位`: the ranks after a list's release are places in it."""
_RELEASE_BEFORE = regex.compile(rf"(?:{alternation(WORDS.list_published_verbs)})[^，。；;]{{0,24}}$", regex.V1)
_LIST_NOUNS = ("榜单", "排行榜", "名单", "研究", "报告")
_LIST_NAMED = regex.compile(rf"^\p{{Han}}{{0,8}}?{_QUOTE_END}(?:{'|'.join(_LIST_NOUNS)})(?!{_CONTAINER})", regex.V1)
"""`发布“2025安徽制造业企业100强”榜单`, `安徽发布2025年制造业企业100强榜单`: a list released by the verb
before it; its places follow in the text."""
_LIST_TITLE = regex.compile(rf"^\p{{Han}}{{0,6}}?[”\"」』》](?:{_LIST_WORD})?", regex.V1)
"""A top-N list named as a title (`“2024先进制造业百强园区” 苏州工业园区蝉联榜首`)."""
_FRAME_CLOSE = regex.compile(
    rf"^{_ASIDE_AFTER_GROUP}{_EDITION}(?P<metric>[\p{{Han}}A-Za-z]{{0,16}}?)(?<![国境海])(?:{_CONTAINER})(?![国心央部型小等华])", regex.V1
)
_VIEWED_FROM = regex.compile(rf"从(?:{_SCOPE})?$", regex.V1)
_VIEW_CLOSE = regex.compile(
    rf"^{_ASIDE_AFTER_GROUP}(?:[\d—\-－~～]+月|(?:19|20)\d\d年度?|[一二三四]季度|[上下]半年|前三季度)?(?P<metric>\p{{Han}}{{0,6}}?)(?:上|来)?看",
    regex.V1)
"""`从全省11个设区市分布看，宁波…位居首位`: the group a breakdown is viewed across, also with the period
viewed (`从全国19个国家级新区1—11月监测数据看`)."""
_SUBJECT_GROUP = regex.compile(r"^[，,]?(?:共|仅|只)?有[\d" + _CN + r"]", regex.V1)
_RANKS_AFTER = regex.compile(rf"(?:第[\d{_CN}]|前[\d{_CN}]|首位|榜首|居首|方阵|梯队|档次|前列|前茅)", regex.V1)
_COVERS = regex.compile(rf"(?:{alternation(WORDS.coverage_verbs)})", regex.V1)
_COVERED = regex.compile(rf"(?:{alternation(WORDS.coverage_verbs)})(?:[^，。；;]{{1,24}}的)?(?:{_SCOPE})?$", regex.V1)
"""`考评覆盖全国217家国家级经开区`, `评估对象为截至2023年底封关运作满一年的全国156个综合保税区`: the group an
evaluation covers, a clause saying which of them before it."""
_COVERED_LIST = regex.compile(
    rf"(?:{alternation(WORDS.coverage_verbs)})(?P<scope>{_SCOPE})?[\d{_CN}][^，。；;,]{{0,20}}(?:和|及|与|、|以及)$", regex.V1)
"""`考核对象为全省25个国家级开发区和79个省级开发区`: each group of the list is covered, in the area
written before the first."""
_ASSESSED_BEFORE = regex.compile(rf"对(?:{_SCOPE})?$", regex.V1)
_OBJECT_BEFORE = regex.compile(rf"以(?:{_SCOPE})?$|以[^，。；;以]{{2,24}}的$", regex.V1)
_COVERED_AFTER = regex.compile(
    rf"{_ASIDE_AFTER_GROUP}(?:全部|均|都|共)?(?:纳入(?:评价|考核|考评|评估|测评)|参评|参与(?:评价|考核|考评)|参加(?:评价|考核|考评))")
"""`全市11个省级以上开发区（园区）全部纳入评价`, `全省共有134个…参评`: a group an evaluation covers,
stated after it."""
_SURVEY_LEAD = r"据[^，。；;]{0,24}?(?:统计|监测|测算)[，,]"
_SURVEY_OPENING = regex.compile(rf"{_SURVEY_LEAD}[^。；;，,]{{0,12}}(?:[，,][^。；;，,]{{0,12}})?$")
"""`据万得（Wind）数据统计，2023年，沪深北交易所5346家上市公司…`: the group a survey opening the
sentence covers."""
_SURVEYED_GROUP = regex.compile(rf"{_SURVEY_LEAD}[^。；;]{{0,40}}$")
"""The same survey seen from the end of the group it covers, for the groups a sentence defines."""
_SURVEYED_BEFORE = regex.compile(rf"据(?:{_SCOPE})?$", regex.V1)
_SURVEYED_AFTER = regex.compile(rf"的?(?:{alternation(WORDS.survey_words)})", regex.V1)
"""`据全国19个国家级新区统计监测数据`: the group a survey's figures cover, as with `对…的统计`."""
_OBJECT_AFTER = regex.compile(r"为(?:评价|考核|评估|研究|统计|监测)?对象")
"""`此次百强评价以全国1866个县（市）为对象`: the group an evaluation takes as its object (found inside
a counted match too, which may run on past it to a later noun)."""
_OBJECT_LIST_BEFORE = regex.compile(rf"以(?P<scope>{_SCOPE})?(?P<earlier>[^，。；;以为]{{2,30}}(?:、|和|及|以及))?$", regex.V1)
_OBJECT_LIST_AFTER = regex.compile(
    rf"{_ASIDE_AFTER_GROUP}(?:{_JOINED_MEMBER}(?=、|以及))?(?:(?:、|和|及|以及)[^，。；;以为]{{2,30}}?)?为(?:评价|考核|评估|研究|统计|监测)?对象",
    regex.V1)
"""`以全省17个省辖市和济源示范区、102个县（市）为对象`: each group of a listed object is one the
evaluation ranks in, a member named after a group counted with it (17 + 1), the area before the
first group the area of each."""
_BREAKDOWN_ASIDE = r"(?:[（(]其中[^（）()]{1,40}[）)])?"
"""`全省104个省级以上开发区（其中国家级开发区19个、省级开发区85个）`: a breakdown in brackets."""
_ASSESSED_AFTER = regex.compile(
    rf"{_BREAKDOWN_ASIDE}[^，。；;]{{0,24}}?(?:(?:进行|开展|组织)了?[^，。；;]{{0,8}}?(?:{alternation(WORDS.evaluation_ends)})"
    rf"|的(?:{alternation(WORDS.survey_words)}))", regex.V1)
"""`对全市11个省级以上开发区…进行了综合考核`, `据海关总署对全国169个综合保税区的统计`: the group an
assessment or a survey is made of."""
_RELEASED_AFTER = regex.compile(
    rf"[^，。；;]{{0,24}}?(?:数据|成绩单|排名|榜单)[”\"」』]?(?:已经|已|全部|均|基本){{0,2}}(?:{alternation(WORDS.list_published_verbs)})",
    regex.V1)
"""`全国27个省会城市2024年经济数据全部出炉`, `…数据已全部出炉`: the group whose figures are released to be
compared."""
_NOUN = regex.compile(rf"(?<!全)(?:{_POP_NOUN})(?!{_NOUN_BLOCK}|{_POP_NOUN})", regex.V1)
"""A population noun; one right before another only modifies it (`国家` in `国家高新区`), and
one after `全` is a scope (`全省第一` is first in the province, not among provinces)."""
_NOUN_PREFIX = regex.compile(rf"^(?:{alternation(WORDS.noun_prefixes)})", regex.V1)
_NARROWER_RE = regex.compile(rf"(?:{alternation(WORDS.narrower_scopes)}|\p{{Han}}{{2,3}}(?<!全)省)(?!生产)", regex.V1)
"""A named province (`浙江省`), never the words before `全省` (`进入全省`)."""
_RANKED_SCOPE = regex.compile(rf"(?:{_VERB})(?P<scope>[^，。；,;：:]{{1,12}}?){_PLACE_WORD}", regex.V1)
_EVALUATION_END = regex.compile(rf"(?:{alternation([*WORDS.evaluation_ends, *WORDS.list_words])})$", regex.V1)
_COUNT_METRIC = regex.compile(rf"(?:{alternation(WORDS.count_metrics)})[^。；;]{{0,12}}?(?:{_VERB})", regex.V1)
_GOAL = regex.compile(rf"(?:{alternation(WORDS.goal_words)}|到\d{{4}}年)", regex.V1)
_FUTURE = regex.compile(rf"(?:{alternation(WORDS.future_words)})", regex.V1)
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年"
_DATED = regex.compile(rf"{_YEAR}|{alternation(WORDS.past_edition_words)}")
"""A place dated to its own year is an earlier or later edition: a counted size stated for
one edition does not carry over to it (a top-N list's N does)."""
_FROM_PERIOD = regex.compile(r"由[^，。；,;]{0,8}?(?:半年|季度|年初|年底|年末|月份?|月末)(?:同期)?的$")
"""`由上半年的第5位上升至第3位`: a place held in an earlier period of the year is another edition's
(a group stated in its own sentence still holds for it, as for every place that sentence gives)."""
_MOVED_TO = regex.compile(rf"[^，。；,;]*?{_PLACE_WORD}[^，。；,;]*?(?:{_MOVE})?[至到]", regex.V1)
"""`由去年同期的第4位升至第3位`: the place moved to from a dated place is this edition's; only the
start is dated (`2020年升至第6位` is dated itself)."""
_ENTRANT_VERBS = "上榜|入围|入选|登榜"
_PLACE_VERBS = "位居|居于|居|位列|排名|排在|名列"
_ENTRANTS_COUNTED = regex.compile(
    rf"(?:有|以)[\d{_CN}]+[家个名位](?:和[\d{_CN}]+[家个名位])?"
    rf"(?:[^，。；;]{{0,8}}?(?:{_ENTRANT_VERBS})[，,]?(?:与\p{{Han}}{{2,6}}?)?(?:同样|也|均|亦|还|继续|仍|依然|分列|并列)?"
    rf"(?:{_PLACE_VERBS})?[\p{{Han}}、]{{0,5}}"
    rf"|[，,](?:分列|分居|并列|分别位居|分别位列|分别居)[\p{{Han}}、]{{0,3}}"
    rf"|[，,]?(?:{_PLACE_VERBS})[\p{{Han}}、]{{0,3}})$"
    rf"|(?<![\d{_CN}])[\d{_CN}]+[家个][，,](?:{_PLACE_VERBS})[\p{{Han}}、]{{0,3}}$", regex.V1)
"""`浙江有92家企业上榜，同样居全国首位`, `广东以17个区入围位居全国第一`, `江苏、浙江分别有15个和13个区
入围，分列第二、三位`, `潍坊市、滨州市分别有13家和11家，分列第二、三位`, `有11家企业入围，与滨州市并列
第三`, `山东以8家排名第四`, `安徽5家，位列第七`: a place ranked right after how many of its members
entered a list is ranked by that count; the list's size is not its population."""
_MEMBER_MEASURE = regex.compile(alternation(WORDS.member_measures))
_WORLDWIDE = regex.compile(
    rf"(?:全球|全世界)(?:[^，。；,;]{{0,12}}?(?:{alternation(WORDS.member_measures)})|第|前[\d{_CN}])")
"""`全球光模块市场份额位居第三`, `由2022年的全球第六位升至第五位`: a place in the world is in no group
the world is wider than (`参与全球竞争能力` names an indicator, no area)."""
_COUNT_RATE = regex.compile(rf"(?:{alternation(WORDS.count_metrics)})(?:增幅|增速|增长率)(?:{_VERB})+$", regex.V1)
"""`高新技术企业数量增幅排名第1`: a growth rate ranks the places themselves, like any measure."""
_ENTERED_LIST = regex.compile(rf"{_ENTRANT_VERBS}|跻身")
"""`浙江106家企业上榜中国民营企业500强`: a headline's count of members entering a list is no group."""
_OVER_THRESHOLD = regex.compile(r"[^，。；;\s]{0,8}?(?:超过|超|突破|过|逾)[\d百千万亿]")
"""`11家企业研发支出超百亿元`: a headline's count of members over a threshold is no group."""
_THIS_EDITION = regex.compile(r"本次|此次|本轮|本届")
"""`省财政将对本次综合排名前十的高新区给予奖励`: what will be done concerns this edition's places."""
_REWARDED = regex.compile(r"对(?!标|照)")
"""`省级财政将对综合排名前十的开发区给予奖励`: what will be done for the places of this edition, not a goal."""
_DATED_EVALUATION = regex.compile(
    rf"在[^，。；;在]{{0,6}}?{_YEAR}度?[^，。；;在]{{0,12}}?(?:评价|考核|考评|排名|榜单|评估)(?:中|里)")
"""`在2021年度评价中，信丰县仅位列全省第22位`: an evaluation dated earlier in the sentence dates its places."""
_SINCE = regex.compile(r"(?:[上下]半年|[一二三四]季度|前三季度|年初|年底|年末|同期)?(?:之后|以后|以来)")
"""`继2022年之后再次跌出前十`, `2019年以来`, `继去年上半年之后`: a time the place is reckoned from, not
the one it is dated to."""
_QUOTED = regex.compile(r"[“\"《「『]")
_OPENING_PARAGRAPHS = 2
_OPENING_REACH = 500
"""How far into the body the opening reaches: the first two paragraphs, but no further than
this, so a text whose lines were joined into one paragraph does not become all opening."""
_MIN_PARAGRAPH = 40
"""Body paragraphs shorter than this are datelines and bylines, not an opening."""


def _nouns(words: str) -> tuple[str, ...]:
    return tuple(_NOUN_PREFIX.sub("", m.group(0)) or m.group(0) for m in _NOUN.finditer(words))


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _same_noun(a: str, b: str) -> bool:
    """`综保区` abbreviates `综合保税区` and `经开区` `经济技术开发区`; `市辖区` is not `区`; `县域`
    names counties as `县` does."""
    a, b = WORDS.same_kind_nouns.get(a, a), WORDS.same_kind_nouns.get(b, b)
    if a == b:
        return True
    return a[0] == b[0] and a[-1] == b[-1] and (_subsequence(a, b) or _subsequence(b, a))


def _is_the_list(frame: _Frame, position: dict) -> bool:
    """`城市GDP二十强出炉 … 全国GDP前20强城市名单`: a top-N as long as a named list is the list
    itself, not a cut within it."""
    return frame.listed and position.get("top_n") == frame.size


_PROVINCE_WIDE = frozenset({"全省", "省内"})
_PROVINCE = regex.compile(rf"{alternation(WORDS.provinces)}|\p{{Han}}{{2,3}}省(?![份区级会])", regex.V1)


def _area_of(frame: _Frame, area: str) -> bool:
    """Whether an area word names where the frame's group is: written in it, the province of a
    group named by its province (`全省第四` under `江苏13个设区市`), the country of a class of national
    zones placed nowhere narrower (`参评的177家国家高新区`), or the country of a named list that names
    no area (`百强县榜单发布 … 慈溪跻身全国前十`)."""
    if area in frame.words:
        return True
    if area in _PROVINCE_WIDE:
        return _PROVINCE.search(frame.words) is not None
    if area in _NATIONAL and "国家" in frame.words:
        return _WHOLE_AREA.search(frame.words) is None and _PROVINCE.search(frame.words) is None
    if area in _NATIONAL and frame.listed and _PROVINCE.search(frame.words) is None:
        return all(m.group(0) in _NATIONAL for m in _WHOLE_AREA.finditer(frame.words))
    return frame.listed and area in _NATIONAL and _WHOLE_AREA.search(frame.words) is None


_NATIONAL = frozenset({"全国", "国内", "中国"})
_VIEWED_AREA = regex.compile(
    r"^(?:放眼|纵观|从|在)?(?P<area>全[国省市区县州球]|世界|国内|省内)(?:来?看|范围内|层面|上)?[，,]"
    r"|^在?(?P<area>(?:东部|中部|西部|东北|中西部)(?:地区)?)\p{Han}{0,6}?(?:之中|当中|中)[，,]")
"""`放眼全国，…排名前十的城市`, `西部省会中，…西安排名第二`: a sentence opened by the area it looks
at ranks in that area."""
_WHOLE_AREA = regex.compile(
    r"全[国省市区县州球]|世界|国内|中国|亚洲|(?:东部|中部|西部|东北|中西部)地区|华[东南北中]|西南|西北|长三角|珠三角|京津冀")


def _names_other_group(words: Optional[str], frame: _Frame) -> bool:
    """Whether scope words name a group other than the frame's (`全省`, `中部地区`, `机场`), or an
    area the frame does not name (`全国前三` against `园区23家企业`, or `全市7个县`)."""
    if not words:
        return False
    if any(m.group("place") not in frame.words for m in _EACH_OF_PLACE.finditer(words)):
        return True
    if pos_tag(words) == "ns" and words not in frame.words and not _area_of(frame, words):
        return True
    if any(m.group(0) not in frame.words for m in _TRADE_CLASS.finditer(words)):
        return True
    if any(not _area_of(frame, m.group(0)) for m in _NARROWER_RE.finditer(words)):
        return True
    if any(m.group(0) not in frame.words and not _area_of(frame, m.group(0)) for m in _PROVINCE.finditer(words)):
        return True
    if any(not _area_of(frame, m.group(0)) for m in _WHOLE_AREA.finditer(words)):
        return True
    return any(not any(_same_noun(n, f) for f in frame.nouns) for n in _nouns(words))


_EACH_OF_PLACE = regex.compile(r"(?<![全本])(?P<place>\p{Han}{2,3})各(?:区|县|市|镇|街道|园区|开发区|县（市、区）|县（市）|县市区|区县)")
"""`在深圳各区中`, `居广州各区首位`: the parts of a place the group does not name are a population of
their own (`全市各区` is the group's own area)."""
_TRADE_CLASS = regex.compile(r"\p{Han}{2,6}?(?:行业|产业)(?=上市公司|企业|公司)")
"""`全国光通信行业上市公司`: firms of one trade are another population than those of another trade."""
_SUBCLASS = regex.compile(r"\p{Han}类")
"""`在科技类企业中`: a class of the group's members is a population of its own."""


def _other_population(among: str, frame: _Frame) -> bool:
    """`在X中` before a ranking: a quoted title is another list or evaluation, a class of members
    another population (`在科技类企业中位居榜首` after a place in a top-100 list); a group that
    is not the frame's, or is placed where the frame is not (`在全国所有城市中` against
    `15个城市`), is another population; an evaluation's name or part is neither."""
    if _QUOTED.search(among) or _SUBCLASS.search(among):
        return True
    if any(not _area_of(frame, m.group(0)) for m in _SCOPE_RE.finditer(among)) and _nouns(among):
        return True
    if _names_other_group(among, frame):
        return True
    return not _nouns(among) and not _EVALUATION_END.search(among) and not _TOP_OF_LIST.search(among)


_TOP_OF_LIST = regex.compile(rf"前{RN}[名位强]?$")
"""`在综合竞争力前十名中占据5席，…分列第一、二位`: the head of the same list, whose places are the list's."""


_PLACE_AFTER_GROUP = regex.compile(rf"{_ASIDE_AFTER_GROUP}(?:{_PLACE_WORD})", regex.V1)
_ASIDE = regex.compile(_ASIDE_AFTER_GROUP)
"""`位列全国31个省（区、市）第8位`: the aside names the group's members, before the place given."""


def _counted_frame(text: str, match: regex.Match, offset: int, direct: bool) -> Optional[_Frame]:
    """A counted group that ranks: closed by `中`, stated as what an evaluation covers, given a
    place right after it (`位列全国229家国家级经开区第17位，…跻身全国前20名`), or (when `direct`)
    followed only by verbs up to the ranking. Not a group whose members are
    then counted (`26家国家级经开区中有9家…`), nor the ranked members themselves (`两区分列…`)."""
    before = text[:match.start()]
    taken_as_object = _OBJECT_BEFORE.search(before) and _OBJECT_AFTER.search(text, match.start(), match.end() + 6)
    group_end = taken_as_object.start() if taken_as_object else match.end()
    object_list = None if taken_as_object else _OBJECT_LIST_BEFORE.search(before)
    listed_object = _OBJECT_LIST_AFTER.match(text, match.end()) if object_list is not None else None
    earlier_object = (object_list if object_list is not None and listed_object is not None
                      and object_list.group("earlier") else None)
    later_in_list = _COVERED_LIST.search(before) or earlier_object
    covered = (_COVERED.search(before) or later_in_list or _RELEASED_AFTER.match(text, match.end())
               or _ASSESSED_BEFORE.search(before) and _ASSESSED_AFTER.match(text, match.end()) or taken_as_object
               or listed_object
               or _SURVEYED_BEFORE.search(before) and _SURVEYED_AFTER.match(text, match.end())
               or _COVERED_AFTER.match(text, match.end())
               or _SURVEY_OPENING.search(before) and not _COUNT_MARKER.search(before[-2:]))
    if _COUNT_MARKER.search(before[-2:]) and not covered:
        return None
    count = _group_size(match)
    if count is None or count < 2 or (_members_listed(match) and not covered):
        return None
    if listed_object and listed_object.group("name"):
        count += 1
        group_end = listed_object.end("name")
    rest = text[match.end():]
    closed = _FRAME_CLOSE.match(rest) or (_VIEWED_FROM.search(before) and _VIEW_CLOSE.match(rest))
    ranked_in = _PLACE_AFTER_GROUP.match(rest) is not None
    if closed is None and not covered and not ranked_in and not (direct and _CLOSES_POPULATION.match(rest)):
        return None
    end = match.end() + (closed.end() if closed and not listed_object else 0) if group_end == match.end() else group_end
    if _SUBJECT_GROUP.match(text[end:]):
        return None
    lead = _lead(before)
    if later_in_list and later_in_list.group("scope"):
        lead = later_in_list.group("scope")
    aside = _ASIDE.match(text, group_end) if group_end == match.end() else None
    if aside is not None:
        group_end = aside.end()
    words = text[match.start():group_end]
    return _Frame(count, offset + end, lead + words, _nouns(words),
                  ranked_in=ranked_in and closed is None and not covered)


def _list_frame(text: str, match: regex.Match, offset: int, closing: regex.Pattern) -> Optional[_Frame]:
    """`在“2020中国高新区综合竞争力百强”榜单中` → the list's N, for the places given in it."""
    closed = closing.match(text[match.end():])
    size = _int(match.group("n"))
    if closed is None or size is None:
        return None
    name_start = max(text.rfind(q, 0, match.start()) for q in "“\"《「『在")
    words = text[max(name_start, 0):match.end() + closed.end()]
    return _Frame(size, offset + match.end() + closed.end(), words, _nouns(words), listed=True)


def _closed_brackets(text: str, counted: regex.Match) -> Optional[regex.Match]:
    """`36个参评重点城市（直辖市、省会城市和计划单列市）中`: a group's words end before an aside they
    open and do not close, the aside then read after them."""
    words = counted.group(0)
    if words.count("（") <= words.count("）"):
        return counted
    return _COUNTED_POPULATION.match(text, counted.start(), counted.start() + words.rfind("（"))


def _joined_groups(text: str, counted: list[regex.Match], offset: int) -> list[_Frame]:
    """`对全市9个县（市、区）和3个省级以上功能区开展的…评价中`, `全市6个县（市、区）和3个功能区全部纳入
    评价`, `在全市6个县（区）和2个开发区中`: two groups joined under one evaluation, or ranked among
    together, are one population, their sizes added."""
    frames = []
    for first, second in zip(counted, counted[1:]):
        aside = _ASIDE.match(text, first.end())
        if text[aside.end() if aside else first.end():second.start()] not in _GROUP_JOINS:
            continue
        before = text[:first.start()]
        if not (_ASSESSED_BEFORE.search(before) and (_ASSESSED_AFTER.match(text, second.end())
                                                      or _JOINTLY_ASSESSED.match(text, second.end()))
                or _COVERED_AFTER.match(text, second.end())
                or _AMONG_OPENED.search(before) and _FRAME_CLOSE.match(text[second.end():])):
            continue
        sizes = (_group_size(first), _group_size(second))
        if None in sizes:
            continue
        words = _lead(before) + text[first.start():second.end()]
        frames.append(_Frame(sum(size for size in sizes if size), offset + second.end(), words,
                             _nouns(first.group(0)) + _nouns(second.group(0))))
    return frames


_GROUP_JOINS = frozenset({"和", "及", "与", "以及"})
_AMONG_OPENED = regex.compile(rf"在(?:{_SCOPE})?$", regex.V1)
_JOINTLY_ASSESSED = regex.compile(rf"(?:开展|进行|组织)的?[^，。；;]{{0,20}}?(?:{alternation(WORDS.evaluation_ends)})")


def _frames(ctx: Context, start: int, end: int, direct: bool = False) -> list[_Frame]:
    """Populations stated in `norm[start:end]`, in order of where their words end."""
    text = ctx.norm[start:end]
    counted = [m for found in _COUNTED_POPULATION.finditer(text) if (m := _closed_brackets(text, found)) is not None]
    joined = _joined_groups(text, counted, start)
    ends = {f.end for f in joined}
    frames = [frame for m in counted
              if (frame := _counted_frame(text, m, start, direct)) is None or frame.end not in ends]
    frames += joined
    lists = list(_TOP_LIST.finditer(text))
    closings = (_LIST_CLOSED, _LIST_PUBLISHED, _LIST_BEFORE_PLACE, _LIST_TITLE) if direct else (_LIST_CLOSED, _LIST_PUBLISHED)
    for closing in closings:
        frames += [_list_frame(text, m, start, closing) for m in lists]
    if not direct:
        frames += [replace(f, ranked_in=True) for m in lists
                   if (f := _list_frame(text, m, start, _LIST_BEFORE_PLACE)) is not None]
    frames += [_list_frame(text, m, start, _LIST_NAMED) for m in lists if _RELEASE_BEFORE.search(text, 0, m.start())]
    frames += [_Frame(n, start + m.end(), m.group(0), _nouns(m.group("nouns") or ""), listed=True)
               for m in _TOP_GROUP.finditer(text) if (n := _int(m.group("n")) or 0) >= 2]
    frames += [_Frame(n, start + m.end(), m.group(0), _nouns(m.group(0)), listed=True, cut=True)
               for m in _TOP_CUT.finditer(text) if (n := _int(m.group("n")) or 0) >= 2]
    frames += [_Frame(n, start + m.end(), m.group(0), (), listed=True, cut=True)
               for m in _TOP_HEAD.finditer(ctx.norm, start, end + _TOP_HEAD_REACH)
               if m.end() <= end and (n := _int(m.group("n")) or 0) >= 2]
    return sorted((f for f in frames if f is not None), key=lambda f: f.end)


_PLACED = rf"(?:{_PLACE_VERBS}|分列|分居)"
_TOP_GROUP = regex.compile(
    rf"在[^，。；;在]{{0,12}}?前(?P<n>{RN})(?:[强大](?P<nouns>\p{{Han}}{{0,6}}?(?:{_POP_NOUN}))|名(?=中[，,]))(?:{_CONTAINER})", regex.V1)
"""`在全国GDP前30强城市中，合肥排名第十九`, `在全球前30大集装箱港口中，…位列第八`, `在全国港口货物吞吐量
前十名中，宁波舟山港…稳居首位`: the top N of a league table, ranked among themselves."""
_TOP_CUT_BODY = rf"(?:名|位)?(?:的?(?:{_POP_NOUN}))?(?:之中|当中|中)[，,]?(?:\p{{Han}}{{2,4}})?"
_TOP_CUT = regex.compile(rf"在(?P<words>[^，。；;在强]{{0,16}}?)前(?P<n>{RN}){_TOP_CUT_BODY}(?={_PLACED})", regex.V1)
"""`在民营企业研发投入前十中位居第七`: the top N of a measure, ranked among themselves (the `前十`
itself is the list, so it takes no size)."""


_TOP_HEAD = regex.compile(rf"前(?P<n>{RN})[位名强]?(?=首位|榜首|第{RN})", regex.V1)
"""`增速居前十位首位`: a top N with a place given right in it, a list of its own."""
_TOP_HEAD_REACH = 4


def _fits(frame: _Frame, position: dict, size: Optional[int]) -> bool:
    return size is None or "tier" in position or size <= frame.size


def document_frames(ctx: Context) -> tuple[_Frame, ...]:
    """Populations the headline and the opening paragraphs define for the whole document.

    In the headline a counted group counts (`15个副省级城市GDP出炉`), as does a top-N list a
    place is given in (`再登全国百强区榜首`); in the opening, a group the text ranks within
    or an evaluation covers (`考评覆盖全国217家国家级经开区`).
    """
    headline = ctx.headline
    body_start = headline[1] if headline else 0
    body = [(m.start(), m.end()) for m in _LINE.finditer(ctx.norm, body_start)
            if m.end() - m.start() >= _MIN_PARAGRAPH and not is_byline(m.group())]
    frames = _frames(ctx, *headline, direct=True) if headline else []
    bare = _COUNTED_POPULATION.search(ctx.norm, *headline) if headline else None
    if headline and not frames and bare is not None and len(bare.group("count")) > 1:
        if not (_COUNT_MARKER.search(ctx.norm[max(0, bare.start() - 2):bare.start()]) or _members_listed(bare)
                or _ENTERED_LIST.search(ctx.norm, bare.start(), min(bare.end() + 2, headline[1]))
                or _OVER_THRESHOLD.match(ctx.norm, bare.end(), headline[1])):
            lead = _lead(ctx.norm[headline[0]:bare.start()])
            frames.append(_Frame(_int(bare.group("count")) or 0, bare.end(), lead + bare.group(0), _nouns(bare.group(0))))
    reach = body_start + _OPENING_REACH
    for start, end in body[:_OPENING_PARAGRAPHS]:
        for s_start, s_end in ctx.sentences:
            if start <= s_start < min(end, reach):
                defined = _defining_frames(ctx, s_start, s_end)
                ends = {f.end for f in defined}
                parts = [f for f in _area_parts(ctx, s_start, s_end) if f.end not in ends]
                frames += sorted(defined + parts, key=lambda f: f.end)
    return tuple(f for f in frames if f.size >= 2 and not f.cut)


_OPENING_PERIOD = r"(?:(?:今年|去年|年初|(?:19|20)\d\d年)(?:以来|前三季度|上半年|[一二三四]季度)?|前三季度|上半年|[一二三四]季度)"
_AREA_PARTS = regex.compile(
    rf"[\s　]*(?:{_OPENING_PERIOD}[，,]?)?(?P<words>(?:{_SCOPE})(?:共有|共)?(?P<n>\d+|[{_CN}]+)个"
    rf"(?:{alternation(WORDS.area_part_kinds)}))(?![^，。；,;]{{0,6}}中有)", regex.V1)
_DATELINE = r"(?:[^，。；,;\s]{2,24}电[\s　]+)?"
"""`新华社南京9月15日电 `: a dateline before the opening's first clause."""
_AREA_ZONES = regex.compile(
    rf"[\s　]*{_DATELINE}(?:{_OPENING_PERIOD}[，,]?)?在?(?P<words>(?:全国|全省|全市)(?P<n>\d+|[{_CN}]+)[个家座]"
    rf"\p{{Han}}{{0,6}}?(?:{alternation(WORDS.area_zone_kinds)}))"
    rf"(?:中[，,]|(?:共|合计|累计)?(?:实现|完成))", regex.V1)


def _area_parts(ctx: Context, start: int, end: int) -> list[_Frame]:
    """A clause of a report's opening led by the places of the area it reports on: its parts
    (`今年以来，全市12个县（区）认真落实…`, not `全市12个县（区）中有8个…`, a count of members), or
    the zones or cities of a kind it sums up (`全国155个综合保税区实现进出口总值…`, `在全国19个国家级
    新区中，…`): the group a later `位居全市首位` or `重回榜首` ranks within."""
    found = []
    for clause_start, _ in ctx.clauses_from(start, end):
        match = _AREA_PARTS.match(ctx.norm, clause_start, end) or _AREA_ZONES.match(ctx.norm, clause_start, end)
        size = _int(match.group("n")) if match else None
        if match is not None and size is not None and size >= 2:
            found.append(_Frame(size, match.end("words"), match.group("words"), _nouns(match.group("words"))))
    return found


def _defining_frames(ctx: Context, start: int, end: int) -> list[_Frame]:
    """Groups a sentence defines for the rankings after it: one it ranks within, one an evaluation
    covers (`考评覆盖全国217家国家级经开区`, `此次考核对象为全省118家省级以上开发区`) or is released on,
    each followed by the classes it is broken down into."""
    defined = []
    for frame in _frames(ctx, start, end):
        if frame.listed and frame.ranked_in:
            continue
        if (_RANKS_AFTER.search(ctx.norm, frame.end, end) or _COVERS.search(ctx.norm, start, frame.end)
                or frame.listed and frame.words.endswith(_LIST_NOUNS) and _RELEASE_BEFORE.search(ctx.norm, start, frame.end - len(frame.words) + 1)
                or _ASSESSED_AFTER.match(ctx.norm, frame.end) or _RELEASED_AFTER.match(ctx.norm, frame.end)
                or _OBJECT_LIST_AFTER.match(ctx.norm, frame.end) or _COVERED_AFTER.match(ctx.norm, frame.end)
                or _SURVEYED_GROUP.search(ctx.norm, start, frame.end)):
            defined += [frame, *_class_parts(ctx, frame, end)]
    return defined


_CLASS_NAME = rf"(?:(?<!\p{{Han}})|(?<=[个家座在的和及与中、]))(?:{alternation(WORDS.zone_class_names)})"
"""`国家高新区` as a class, not the end of one zone's name (`常州国家高新区`)."""
_CLASS_PART = regex.compile(
    rf"(?P<words>(?:{alternation(WORDS.zone_classes)})\p{{Han}}{{0,6}}?(?:{alternation(WORDS.zone_group_endings)})"
    rf"|{_CLASS_NAME}"
    rf"|{alternation(WORDS.place_kind_classes)})"
    rf"(?P<n>\d+|[{_CN}]+)(?:{_MEASURE})", regex.V1)
_BROKEN_DOWN = regex.compile(r"[，,（(]?其中")
_BROKEN_DOWN_LATER = regex.compile(r"[，,](?=其中[^，。；,;]*?\d)")
"""`全省103个县（市、区），按县（市）和市辖区分类排名，其中县（市）64个、市辖区39个`: the breakdown may
come after a clause saying how the group is ranked."""


def _class_parts(ctx: Context, frame: _Frame, end: int) -> list[_Frame]:
    """`全省118家省级以上开发区，其中国家级开发区25家、省级开发区93家` → the 25 and the 93, each in the
    area of the whole."""
    covered = _COVERED_AFTER.match(ctx.norm, frame.end)
    opening = (_BROKEN_DOWN.match(ctx.norm, covered.end() if covered else frame.end)
               or _BROKEN_DOWN_LATER.search(ctx.norm, frame.end, end))
    if opening is None:
        return []
    return [_Frame(n, m.end(), frame.words + "，" + m.group("words"), _nouns(m.group("words")), part=True)
            for m in _CLASS_PART.finditer(ctx.norm, opening.end(), end) if (n := _int(m.group("n")) or 0) >= 2]


_PLACE_BEFORE_VERB = regex.compile(rf"在(?P<x>[^在]{{2,12}}?)(?:{_VERB})+$", regex.V1)


_RANKED_WITHIN = regex.compile(rf"在((?:{_SCOPE})[^，。；,;在]{{0,6}}?)的?(?:排名|排位|位次)", regex.V1)
"""`在全市的排名由…第4位跃升至第2位`: the area a place in a move is held in."""


def _last_clause(before: str) -> str:
    """The clause a ranking ends, or its sentence part when a list of places runs over a comma."""
    return _CLAUSE_BREAK.split(before)[-1] if "、" not in before[-24:] else _SENTENCE_PART_BREAK.split(before)[-1]


def _places_ranked(before: str) -> bool:
    """`广东、上海分别以3120亿元、1750亿元位居第二、第三`: the places a clause opens with are what it
    ranks, so a group of firms is not their population."""
    names = _PLACES_OPENING.match(_last_clause(before))
    return names is not None and all(pos_tag(name) == "ns" for name in names.captures("name"))


def _provinces_ranked(before: str) -> bool:
    """`河南、广东分别以…位居第二、三位` under `全国155个综合保税区`: provinces (or countries and blocs:
    `欧盟、韩国分列第二、三位`) a clause opens with are ranked among their own kind, not in a group of
    zones or cities, unless it counts their members."""
    clause = _last_clause(before)
    names = _places_opening(clause)
    return (names is not None and all(_PROVINCE.fullmatch(name) or name in _ECONOMIES for name in names.captures("name"))
            and not _MEMBERS_COUNTED.search(clause, names.end()))


def _economies_ranked(before: str) -> bool:
    """`韩国、日本分列第四、五位` under `中部六省`: countries and blocs a clause opens with are ranked among
    trading partners, in no group of provinces, zones or cities."""
    names = _places_opening(_last_clause(before))
    return names is not None and all(name in _ECONOMIES for name in names.captures("name"))


def _places_opening(clause: str) -> Optional[regex.Match]:
    """The places a clause opens with (`河南、广东分别…`), or the one place it moves (`美国降至…`)."""
    return _PLACES_OPENING.match(clause) or _ONE_PLACE_MOVED.match(clause)


_ECONOMIES = frozenset(WORDS.economies)
_MEMBERS_COUNTED = regex.compile(rf"有[\d{_CN}]+[家个座]")
"""`云南、贵州分别有1家和2家国家高新区进入前100名`: the provinces' members are what is ranked."""


_ONE_PLACE_MOVED = regex.compile(rf"(?P<name>\p{{Han}}{{2,6}}?)(?:{_MOVE})?[至到]$", regex.V1)
"""`美国降至第四位`: one place a clause opens with, moved to a place."""
_PROVINCE_NOUNS = frozenset({"省", "省份", "省区市", "省区"})
_PLACES_OPENING = regex.compile(r"(?P<name>\p{Han}{2,3}?)(?:、(?P<name>\p{Han}{2,3}?))*(?:分别|均|各|分列|分居|依次)")


_MOVE_START = regex.compile(r"^(?:由|从)$")
"""`总量排名由第九位升至第八位`: the word opening a move names no area."""


def _own_words(before: str) -> str:
    """The words naming where the ranking holds: after its verb (`居东北地区首位` → `东北地区`),
    between `在` and the verb when none follow it (`在中西部地区排名第一` → `中西部地区`), an area
    right before the verb (`出口额连续第3年全国排名第一` → `全国`), or the phrase right before it
    when no verb leads (`全国第二` → `全国`)."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    if _VERB_RE.search(clause):
        after = _MOVE_START.sub("", _after_last_verb(clause))
        located = None if after else _PLACE_BEFORE_VERB.search(clause)
        if located:
            return located.group("x")
        scoped = None if after else _SCOPE_BEFORE_VERB.search(clause) or _RANKED_WITHIN.search(clause)
        return scoped.group(1) if scoped else after
    if clause.endswith(("在", "于")):
        return ""
    scope, _ = _split_scope(clause) if clause else (None, None)
    return scope or ""


def _holds(frame: _Frame, ctx: Context, candidate: Candidate, position: dict, size: Optional[int]) -> bool:
    """A stated population holds for a later ranking unless the ranking, a ranking in between
    or a `在…中` in between names another group, or the ranking counts members (unless it names
    the group itself: `累计数量居副省级城市第二` under `全国15个副省级城市`, or the group, stated in its
    sentence, is one of places holding the members, not a list they entered: `从全国21个自贸试验区看，…
    新设企业数量位居第6位`; a count ranks no top-N list's members unless it names the list:
    `上市公司总数…数量居全国县域首位` under `百强县`), and a count of the group's own kind ranks what
    holds them (`我省国家高新区数量…居全国第4位` ranks provinces); a measure only firms are ranked by
    (`市场占有率`) is in no group of places, a measure of the world in no narrower group."""
    sentence_start, _ = ctx.sentence_at(candidate.start)
    before = ctx.norm[sentence_start:candidate.start]
    between = ctx.norm[max(frame.end, sentence_start):candidate.start]
    own = _own_words(before) or (_region_ranked(before) if candidate.rule in _TOP_RULES else "")
    if candidate.rule in _TOP_RULES and _MEMBERS_IN_TOP.match(ctx.norm, candidate.end):
        own = ""
    if not _fits(frame, position, size) or _names_other_group(own, frame) or _is_the_list(frame, position):
        return False
    viewed = _VIEWED_AREA.match(before)
    if viewed is not None and not _area_of(frame, viewed.group("area")):
        return False
    if candidate.rule == "ordinal_da" and not _names_frame_noun(ctx.norm[candidate.end:candidate.end + 6], frame):
        return False
    named = bool(own) and (_names_frame_noun(own, frame) or _places_in_area(own, frame))
    holders = (frame.end > sentence_start and not frame.listed
               and not any(noun in WORDS.member_nouns for noun in frame.nouns)) or _COUNT_RATE.search(before) is not None
    if any(noun in WORDS.member_nouns for noun in frame.nouns) and _places_ranked(before):
        return False
    if _provinces_ranked(before) and not any(noun in _PROVINCE_NOUNS for noun in frame.nouns):
        return False
    if _economies_ranked(before):
        return False
    recent = "，".join(_SENTENCE_PART_BREAK.split(before)[-2:])
    if _MEMBER_MEASURE.search(recent) and not any(noun in WORDS.member_nouns for noun in frame.nouns):
        return False
    if _WORLDWIDE.search(recent) and not ("全球" in frame.words or "全世界" in frame.words):
        return False
    if _COUNT_METRIC.search(recent) and not (named or holders):
        return False
    if frame.listed and _COUNT_METRIC.search(recent) and not _TOP_LIST.search(own):
        return False
    counted = _COUNT_METRIC.search(recent)
    if counted is not None and any(recent[:counted.start()].endswith(noun) for noun in frame.nouns):
        return False
    if frame.listed and _ENTRANTS_COUNTED.search(recent) and not named:
        return False
    if not (own and _names_frame_noun(own, frame)) and any(
            _names_other_group(_after_last_verb(m.group("scope")), frame) for m in _RANKED_SCOPE.finditer(between)):
        return False
    return not any(_other_population(m.group("x"), frame) for m in _AMONG.finditer(between)
                   if not _ranked_within(between[m.end():]))


_RANKED_THEN_BREAK = regex.compile(rf"[^。；;]*?(?:{_PLACE_WORD})[^。；;]*[；;]", regex.V1)


_MEMBERS_IN_TOP = regex.compile(r"[名位强]?(?:之中|当中|中)(?:占据?|有)")
"""`长三角地区园区在综合竞争力前十名中占据5席`: how many of an area's members are in the whole list's
top N; the area is whose members they are, not where the top N is counted."""
_PLACED_THEN_CLAUSE = regex.compile(
    rf"[^。；;]*?(?:{_PLACE_WORD})[^。；;，,]*[，,；;](?:{alternation(sorted(_BARE_RANKING_WORDS))})", regex.V1)
"""`在前十城市中位居首位，排名升至第9位`: the member placed in a top cut, then ranked again with no
new subject, is ranked in another table."""


def _ranked_within(after: str) -> bool:
    """`在中部地区综保区中居首位；合肥综保区排名第38位`: a `在…中` that already placed a ranking in its
    own part of the sentence is done; it names no population for a later part (after `；`)."""
    return _RANKED_THEN_BREAK.match(after) is not None


def _region_ranked(before: str) -> str:
    """`东部地区排名前三的分别为…`: a region opening the clause is where a top-N is counted; a place
    is still counted in the whole group (`西部地区排名最靠前的…位列第21位`)."""
    clauses = _CLAUSE_BREAK.split(before)
    found = _REGION_RANKED.match(clauses[-1])
    if found is None and len(clauses) > 1 and clauses[-1] in _RANKED_ALONE:
        opened = _REGION_OPENING.match(clauses[-2])
        return opened.group("region") if opened else ""
    return (found.group("region") or found.group("area")) if found else ""


_RANKED_ALONE = frozenset({"排名", "排行", "排在"})
_REGION_OPENING = regex.compile(r"(?P<region>(?:东部|中部|西部|东北|中西部)地区)")
"""`东部地区新区经济体量优势明显，排名前三的分别为…`: a clause opened by a region, then one opened by
`排名`, counts the region's own top-N."""


_REGION_RANKED = regex.compile(
    rf"^(?:(?P<region>{_NARROWER_RE.pattern}\p{{Han}}{{0,2}}?)|(?P<area>{_WHOLE_AREA.pattern})[\p{{Han}}A-Za-z]{{0,8}}?)"
    rf"(?:排名|排行|排在)$", regex.V1)
"""Only a ranking within the region: those of a region entering a top-N (`中西部县域进入前十名的`)
entered the whole list's. An area opening the clause with the measure after it counts its own
top-N too (`全区进出口额排名前十名的企业`)."""


def _places_in_area(own: str, frame: _Frame) -> bool:
    """`总数居全市第一位` under `全市9个县（市、区）`: a count of members ranks the places holding them,
    and the area alone names the frame's group when that group is one of places, not of members
    (`全市共有12家企业上榜…，数量居全省首位` names none) nor a list the places' members entered
    (`百强区…广东共有17个区入围，数量位居全国第二` ranks provinces)."""
    area = _WHOLE_AREA.fullmatch(own) or _NARROWER_RE.fullmatch(own)
    return (area is not None and not frame.listed and _area_of(frame, own)
            and not any(noun in WORDS.member_nouns for noun in frame.nouns))


def _names_frame_noun(words: str, frame: _Frame) -> bool:
    """`第一大贸易伙伴`: `第N大` ranks what is named after it, here trading partners, so a group of
    cities stated before is not its population unless the words name the same kind."""
    return any(_same_noun(n, f) for n in _nouns(words) for f in frame.nouns)


def _adjacent_list(ctx: Context, sentence_start: int, candidate: Candidate) -> Optional[int]:
    """`全国百强区首位`, `“…十强区”，排名第四`, `“…百强”并位列第5位` → the list's N."""
    text = ctx.norm[sentence_start:candidate.start]
    last = _last(_TOP_LIST, text)
    if last is None or not _LIST_ADJACENT.match(text[last.end():]):
        return None
    return _int(last.group("n"))


_PHRASE_GAP = regex.compile(r"(?<=\p{Han})[ 　]+(?=\p{Han})")


def _phrase_start(ctx: Context, sentence_start: int, end: int) -> int:
    """Where the phrase holding a ranking starts: a headline's phrases are set apart by spaces
    (`规模有望突破2300亿元 稳居全国重点城市第二位`: the `有望` is the first phrase's)."""
    gaps = list(_PHRASE_GAP.finditer(ctx.norm, sentence_start, end))
    return gaps[-1].end() if gaps else sentence_start


def _out_of(candidate: Candidate, ctx: Context, position: dict, size: Optional[int]) -> Optional[int]:
    """The ranked population's size, nearest statement first: a list the place is given in,
    a group stated earlier in the sentence, in the paragraph's opening sentence, then in the
    document's headline or opening, the one the ranking's own words name first (`在全省国家高新区中
    排名第4位` under `全市9个开发区（园区）` and `全省17个国家高新区`); not for goals, nor for another
    dated edition."""
    if candidate.rule in _OWN_LIST_RULES or _is_top_cut(ctx, candidate):
        return None
    sentence_start, _ = ctx.sentence_at(candidate.start)
    listed = _adjacent_list(ctx, sentence_start, candidate)
    if listed is not None:
        frame = _Frame(listed, candidate.start, "", (), listed=True)
        return listed if _fits(frame, position, size) else None
    clause_start, _ = ctx.clause_at(candidate.start)
    phrase_start = _phrase_start(ctx, sentence_start, candidate.start)
    future = _FUTURE.search(ctx.norm, max(clause_start, phrase_start), candidate.start)
    goal = (_GOAL.search(ctx.norm[phrase_start:candidate.start]) is not None
            or future is not None and not (_THIS_EDITION.search(ctx.norm, future.end(), candidate.start)
                                           or _REWARDED.match(ctx.norm, future.end())))
    frames = [f for f in _frames(ctx, sentence_start, candidate.start)
              if not (f.cut and _PLACED_THEN_CLAUSE.match(ctx.norm, f.end, candidate.start))]
    if not frames and not goal:
        frames = [f for f in _frames_before(ctx, sentence_start)
                  if _fits(f, position, size) and not _members_counted_within(ctx, f)]
    if frames:
        last = frames[-1]
        if last.ranked_in and _another_edition(ctx.norm[last.end:candidate.start]):
            return None
        return last.size if _holds(last, ctx, candidate, position, size) else None
    if goal:
        return None
    dated = (_DATED.search(ctx.norm, clause_start, candidate.start) or _FROM_PERIOD.search(ctx.norm, clause_start, candidate.start)
             or _DATED_EVALUATION.search(ctx.norm, sentence_start, clause_start))
    if dated is not None and (_MOVED_TO.match(ctx.norm, dated.end(), candidate.start)
                              or _SINCE.match(ctx.norm, dated.end()) or _compared_with(ctx, dated)):
        dated = None
    paragraph_start, _ = ctx.paragraph_at(candidate.start)
    opening = ctx.sentence_at(paragraph_start)
    opening_frames = [f for f in _frames(ctx, *opening) if _fits(f, position, size)
                      and not (f.listed and f.ranked_in)] if opening[1] <= candidate.start else []
    frames = (_class_part_named(ctx, opening, candidate) or opening_frames[-1:]) if opening_frames else []
    frames = frames or [f for f in _paragraph_defined(ctx, opening[1], candidate) if _fits(f, position, size)][-1:]
    document = [f for f in _document_frame(ctx, candidate, paragraph_start)
                if (f.end <= candidate.start or _in_headline(ctx, candidate.start)) and _fits(f, position, size)]
    own = _own_words(ctx.norm[sentence_start:candidate.start])
    document = ([f for f in document if own.endswith("中") and _names_frame_noun(own, f)] or document)[:1]
    chain = frames + [f for f in document if f not in frames]
    chain += [f for f in _frames_of_area(ctx, candidate, own) if f not in chain]
    for frame in chain:
        if not _fits(frame, position, size):
            continue
        if frame.ranked_in and frame.end > sentence_start and _another_edition(ctx.norm[frame.end:candidate.start]):
            return None
        edition = dated is not None and not _same_edition(ctx, dated.group(), frame)
        if edition and not frame.listed or _other_kind_named(ctx.norm[sentence_start:candidate.start], frame):
            return None
        if _holds(frame, ctx, candidate, position, size):
            return frame.size
        if not own:
            return None
    return None


def _frames_of_area(ctx: Context, candidate: Candidate, own: str) -> list[_Frame]:
    """The document's groups placed in the area a ranking names (`居赣州第二` under an opening with
    `全省100个县（市、区）` and `赣州市18个县（市、区）`), tried after the nearer ones."""
    area = own if _SCOPE_RE.fullmatch(own) else own.rstrip("市省县区各")
    if len(area) < 2:
        return []
    return [f for f in candidate.groups.get("_document_frames", ())
            if not f.part and area in f.words and (f.end <= candidate.start or _in_headline(ctx, candidate.start))]


def _class_part_named(ctx: Context, opening: tuple[int, int], candidate: Candidate) -> list[_Frame]:
    """`…全省129家…全部纳入评价，其中国家级经开区26家、省级经济开发区103家` opening a paragraph whose
    ranking names `省级经济开发区`: that class's part of the group."""
    named = _classes_named(ctx, candidate)
    if not named:
        return []
    frames = _defining_frames(ctx, *opening)
    named = _as_stated(named, _stated_classes(frames))
    return [f for f in frames if f.part and _CLASS_WORD.findall(f.words)[-1:] == named[-1:]][-1:]


def _stated_classes(frames: Sequence[_Frame]) -> frozenset[str]:
    """The classes the groups are stated in (each group's last class word)."""
    return frozenset(word for f in frames for word in _CLASS_WORD.findall(f.words)[-1:])


def _as_stated(classes: list[str], stated: frozenset[str]) -> list[str]:
    """`国家高新区` is its own class where the groups state it (`国家级经开区7个、国家高新区12个`), and
    `国家级` where they only know the level (`全国169个国家级高新区` … `在国家高新区综合评价中`)."""
    return [_NATIONAL_LEVEL if c in _WHOLE_CLASS_NAMES and c not in stated else c for c in classes]


_WHOLE_CLASS_NAMES = frozenset(WORDS.zone_class_names)
_NATIONAL_LEVEL = "国家级"


def _is_top_cut(ctx: Context, candidate: Candidate) -> bool:
    """`在民营企业研发投入前十中`, `增速居前十位首位`: the top N that places are then given in is a
    list of its own."""
    if candidate.rule in _TOP_RULES and _TOP_HEAD.match(ctx.norm, candidate.start) is not None:
        return True
    return (candidate.rule in _TOP_RULES and _TOP_CUT_OPEN.search(ctx.norm, max(0, candidate.start - 20), candidate.start) is not None
            and _TOP_CUT_CLOSE.match(ctx.norm, candidate.end) is not None)


_TOP_CUT_OPEN = regex.compile(r"在[^，。；;在强]{0,16}$")
_TOP_CUT_CLOSE = regex.compile(rf"{_TOP_CUT_BODY}{_PLACED}", regex.V1)


def _paragraph_defined(ctx: Context, start: int, candidate: Candidate) -> list[_Frame]:
    """Groups sentences of the paragraph between its opening and the ranking's sentence define
    (`…通报了全省开发区考核结果。此次考核对象为全省118家省级以上开发区…。综合排名中，…位居第五`),
    unless the ranking's sentence names another class of zones (`位居省级开发区榜首`). A group known
    only from the place given right after it (`位列全国217家国家级经开区第38位`) holds for its own
    sentence alone."""
    frames = [f for s_start, s_end in ctx.sentences_from(start, ctx.sentence_at(candidate.start)[0])
              for f in _defining_frames(ctx, s_start, s_end)]
    named = _as_stated(_classes_named(ctx, candidate), _stated_classes(frames))
    return [f for f in frames
            if f.size >= 2 and not f.ranked_in and (_CLASS_WORD.findall(f.words)[-1:] == named[-1:] if named else not f.part)]


def _classes_named(ctx: Context, candidate: Candidate) -> list[str]:
    """Classes of zones the ranking's own sentence names, up to just after it (`前20位的省级开发区`)."""
    sentence_start, sentence_end = ctx.sentence_at(candidate.start)
    return _classes_up_to(ctx, sentence_start, sentence_end, candidate)


def _classes_up_to(ctx: Context, start: int, sentence_end: int, candidate: Candidate) -> list[str]:
    """Classes of zones written from `start` to just after the ranking; after it, only a class
    naming zones counts (`前20位的省级开发区`, not `前二十位的开发区，省级财政将…`)."""
    before = _CLASS_WORD.findall(ctx.norm, start, candidate.end)
    reach = min(sentence_end, candidate.end + _CLASS_AFTER)
    after = (_ZONE_CLASS_OF_ZONES.match(ctx.norm, candidate.end, reach)
             or _PLACE_KIND_AFTER.match(ctx.norm, candidate.end, reach))
    return before + ([after.group("cls")] if after else [])


def _classes_of_earlier_parts(ctx: Context, candidate: Candidate) -> list[str]:
    """`省级开发区划分为三个档次：…列入第一档次；…列入第二档次`: the parts of a sentence after `；` speak
    of the class an earlier part divides into tiers or ranks within (not of one it counts: `前十名中，
    国家级开发区占9席；温州经开区首次跻身全省前十`)."""
    sentence_start, _ = ctx.sentence_at(candidate.start)
    whole_start = max(ctx.norm.rfind(mark, 0, sentence_start) for mark in "。！？!?\n") + 1
    return [m.group("cls") for m in _CLASS_DIVIDED.finditer(ctx.norm, whole_start, sentence_start)]



def _members_counted_within(ctx: Context, frame: _Frame) -> bool:
    """`数量居中部六省第一；合肥经开区排名第三`: a group an earlier part of the sentence ranked a
    count of members within is that count's own population, not a later part's."""
    floor = max(0, frame.end - len(frame.words) - _COUNT_REACH)
    part_start = max(ctx.norm.rfind(mark, floor, frame.end) for mark in "，,；;") + 1
    return _COUNT_METRIC.search(ctx.norm, max(part_start, floor), frame.end) is not None


_COUNT_REACH = 16
"""How far before a group its count-of-members words may stand (`数量居中部六省`)."""


def _document_frame(ctx: Context, candidate: Candidate, paragraph_start: int) -> tuple[_Frame, ...]:
    """The document's group for a ranking: its first, or the one of the class of zones the
    paragraph speaks of (`全省25个国家级开发区和79个省级开发区` … `省级开发区方面，…位居省级开发区
    榜首` → 79; a class broken out after `其中` when the ranking's sentence or the paragraph's
    opening `…方面` names it); none when the ranking's own sentence names a class of zones no group
    is of, or a kind of place where the group is broken down by kind (`县（市）` under `全国百强县`
    alone is what the list's members are, no class of them)."""
    frames = candidate.groups.get("_document_frames", ())
    _, sentence_end = ctx.sentence_at(candidate.start)
    stated = _stated_classes(frames)
    named = _as_stated(_classes_up_to(ctx, paragraph_start, sentence_end, candidate), stated)
    own = _as_stated(_classes_named(ctx, candidate), stated)
    topic = _paragraph_topic(ctx, paragraph_start)
    spoken_of = own[-1:] or _as_stated(_classes_of_earlier_parts(ctx, candidate)[-1:] or ([topic.group("cls")] if topic else []),
                                       stated)
    ordered = _national_first(tuple(frames))
    if named:
        matching = tuple(f for f in ordered if _CLASS_WORD.findall(f.words)[-1:] == named[-1:]
                         and (spoken_of == named[-1:] or not f.part))
        if matching:
            return matching
        if own and (_ZONE_CLASS.fullmatch(own[-1]) or any(f.part for f in frames)):
            return ()
    return tuple(f for f in ordered if not f.part)


def _national_first(frames: tuple[_Frame, ...]) -> tuple[_Frame, ...]:
    """`湖北12家国家高新区综合评价结果揭晓` over `在全国178家国家高新区中`: a province's share of a
    national class of zones is the members a national evaluation placed, so their places are in
    the whole class the document also states."""
    if not frames or "国家" not in frames[0].words or frames[0].words.startswith("全国"):
        return frames
    whole = next((f for f in frames[1:] if f.words.startswith("全国") and f.nouns == frames[0].nouns
                  and f.size > frames[0].size and not f.part), None)
    return frames if whole is None else (whole, *(f for f in frames if f is not whole))


_ZONE_CLASS = regex.compile(rf"{_CLASS_NAME}|(?:{alternation(WORDS.zone_classes)})(?!市|城市|政府|财政)")
"""A class of zones (`省级开发区`), not a kind of city (`县级市`) or a level of government (`省级财政`)."""
_CLASS_WORD = regex.compile(rf"{_ZONE_CLASS.pattern}|{alternation(WORDS.place_kind_classes)}")
"""A class of zones, or a kind of place an assessment ranks apart (`县（市）` beside `市辖区`)."""
_ZONE_CLASS_OF_ZONES = regex.compile(
    rf"[^，。；,;]*?(?:(?P<cls>{alternation(WORDS.zone_classes)})\p{{Han}}{{0,4}}?(?:{alternation(WORDS.zone_group_endings)})"
    rf"|(?P<cls>{_CLASS_NAME}))")
_PLACE_KIND_AFTER = regex.compile(rf"[名位]?的(?P<cls>{alternation(WORDS.place_kind_classes)})")
"""`位居全省前五的省辖市`: the kind of place ranked, named right after its places."""
_CLASS_AFTER = 8
"""How far after a ranking the class of zones it ranks may be written (`前20位的省级开发区`)."""
_CLASS_TOPIC = regex.compile(
    rf"[\s　]*(?:(?:在)?(?P<cls>{_CLASS_WORD.pattern})[^，。；,;]{{0,8}}?(?:方面|层面|类中|类|中)[，,]"
    rf"|(?:[（(][一二三四五六七八九十\d]{{1,3}}[）)]|[一二三四五六七八九十]{{1,3}}、)[\s　]*(?P<cls>{_CLASS_WORD.pattern})\p{{Han}}{{0,6}}?[。：:])")
"""`国家级开发区方面，…位居榜首；…分列第二、三位`, `县（市）层面，…位列前三名`, `（一）国家级开发区。…`: a
paragraph opened by a class speaks of it throughout (`二类县中，…登上榜首；…降至第3位`)."""
_CLASS_HEADING = regex.compile(rf"[\s　]*(?P<cls>{_CLASS_WORD.pattern})[：:][^\n。]*\n")
"""`三类县：生态优势加快转化为发展优势`: a heading naming a class is the topic of the paragraph under it."""


def _paragraph_topic(ctx: Context, paragraph_start: int) -> Optional[regex.Match]:
    """The class a paragraph speaks of: named at its opening or in the heading right above it."""
    topic = _CLASS_TOPIC.match(ctx.norm, paragraph_start)
    if topic is not None or paragraph_start == 0:
        return topic
    heading_start = ctx.norm.rfind("\n", 0, paragraph_start - 1) + 1
    heading = _CLASS_HEADING.match(ctx.norm, heading_start)
    return heading if heading is not None and heading.end() == paragraph_start else None


_CLASS_DIVIDED = regex.compile(
    rf"(?P<cls>{_CLASS_WORD.pattern})\p{{Han}}{{0,6}}?(?:划分为|分为|分成|中(?:{_PLACE_VERBS}))", regex.V1)
"""`省级开发区划分为三个档次`, `在苏北县（市）中排名第一`: a class divided into tiers or ranked within, of
which the later parts of its sentence speak."""


_SENTENCE_MARKS = "。；;！？!? \t\u3000\r\n"
_PART_MARKS = frozenset("；; \t\u3000")
_BREAKDOWN = regex.compile(r"[\s　]*其中")


def _frames_before(ctx: Context, start: int) -> list[_Frame]:
    """Groups stated in the earlier parts of the same sentence (`；` only separates its parts:
    `…165个综合保税区中…；合肥综保区排名第38位`), or in the sentence a `其中` breaks down
    (`…位列第19位。其中…指标排名第十一`)."""
    crossing = _BREAKDOWN.match(ctx.norm, start) is not None
    for _ in range(4):
        end = start
        while end > 0 and ctx.norm[end - 1] in _SENTENCE_MARKS:
            end -= 1
        gap = ctx.norm[end:start]
        if end == 0 or "\n" in gap or not (crossing or all(c in _PART_MARKS for c in gap)):
            return []
        start, _ = ctx.sentence_at(end - 1)
        frames = _frames(ctx, start, end)
        if frames:
            return frames
        crossing = False
    return []


def _in_headline(ctx: Context, offset: int) -> bool:
    """A group the opening states holds in the headline, though stated after it; in the body a
    group holds only after it is stated."""
    return ctx.headline is not None and ctx.headline[0] <= offset < ctx.headline[1]


def _another_edition(between: str) -> bool:
    """`…第10位，在最新一次考评中升至第9位`: an evaluation or a dated edition named after the group
    (`较上年前进4位` compares with the last edition and names none)."""
    between = _COMPARED_EDITION.sub("", between)
    return _AMONG.search(between) is not None or _DATED.search(between) is not None


_COMPARED_EDITION = regex.compile(
    rf"(?:较|比|同|与)(?:{alternation(WORDS.past_edition_words)})|(?:自|从)?{_YEAR}(?:以来|起)"
    rf"|由[^，。；,;由]{{0,12}}?的(?={_PLACE_WORD})",
    regex.V1)
"""Words naming no other edition: a comparison with the last (`较上年前进4位`), a run of editions
up to this one (`自2005年以来连续20年居首`), or the dated place a move starts from (`由去年同期的第7位
跃升至第5位`)."""


def _compared_with(ctx: Context, dated: regex.Match) -> bool:
    """`较上年下降1个位次至第8位`: the last edition is what the place is compared with; the place
    is this edition's (`较上年的第33位` is the last edition's own)."""
    return dated.start() > 0 and ctx.norm[dated.start() - 1] in "较比与同" and not ctx.norm.startswith("的", dated.end())


def _same_edition(ctx: Context, year: str, frame: _Frame) -> bool:
    """`2023年度全省开发区综合考核结果出炉` over an opening about the `2023年度` assessment of 117
    zones: the year the place is dated to is that of the paragraph stating the frame, so it is
    the same edition. Only the paragraph up to the end of the frame's sentence counts: a later
    sentence may date the place itself (`在全市的排名由2023年末的第4位跃升至第2位`)."""
    start, _ = ctx.paragraph_at(max(frame.end - 1, 0))
    _, end = ctx.sentence_at(max(frame.end - 1, 0))
    return year[:1].isdigit() and year in ctx.norm[start:end]


def _other_kind_named(text: str, frame: _Frame) -> bool:
    """`…国家高新区综合评价结果，…位列第10位` under an opening about `229家国家级经开区`: the
    sentence is about another kind of group, so the opening's size is not its population's."""
    return any(not any(_same_noun(n, f) for f in frame.nouns)
               for m in _EVALUATION_OF.finditer(text) for n in _nouns(m.group("of")))


_EVALUATION_OF = regex.compile(
    rf"(?P<of>(?:{alternation(WORDS.zone_class_qualifiers)})\p{{Han}}{{0,6}}?(?:{alternation(WORDS.zone_group_endings)}))"
    rf"(?:综合)?(?:{alternation(WORDS.evaluation_ends)})",
    regex.V1)
"""`国家高新区综合评价`: an evaluation named by the kind of zone it ranks, a class of zones (not one
zone: `苏州工业园区排名前三`)."""


_EVALUATED_GROUP = regex.compile(
    rf"(?P<scope>(?:{_SCOPE})?(?:{alternation(WORDS.zone_class_qualifiers)})\p{{Han}}{{0,6}}?(?:{alternation(WORDS.zone_group_endings)}))"
    rf"(?P<metric>\p{{Han}}{{0,8}}?(?:{alternation(WORDS.evaluation_ends)}))(?:结果)?$",
    regex.V1)
_OPENING_EVALUATION = regex.compile(
    rf"(?P<x>[^，。；、,;在]{{2,40}}(?:{alternation(WORDS.evaluation_ends)})(?:结果)?)(?:{_CONTAINER})[，,]", regex.V1)
"""`2022年度全国经开区综合发展水平考核评价中，…`: a sentence opened by the evaluation it ranks in,
without `在`."""


def _evaluated_group(frame: str) -> tuple[Optional[str], Optional[str]]:
    """Scope and metric of an `在…中` frame: `在科技部公布的2023年国家高新区综合评价结果中` → (`国家高新区`,
    `综合评价`); publisher and year are neither. A frame that names no class of zones is the scope whole."""
    evaluated = _EVALUATED_GROUP.search(frame)
    if evaluated is None:
        return frame, None
    return evaluated.group("scope"), evaluated.group("metric")

def _describe(candidate: Candidate, ctx: Context, position: dict) -> dict:
    """out_of, scope and metric from the words of the sentence before the span (a qualifier
    word right before it, `全省近60位`, is the record's, not the scope's)."""
    size = position.get("rank_max") or position.get("rank") or position.get("top_n")
    region_start = candidate.groups.get("_region_start", ctx.sentence_at(candidate.start)[0])
    region = without_prefix_qualifier(ctx.norm[region_start:candidate.start])
    out_of, scope, metric = _count_scope(region, size)
    confined = _region_ranked(region) if candidate.rule in _TOP_RULES else ""
    if confined and scope and confined not in scope:
        out_of, scope = None, confined
    if candidate.rule in _OWN_LIST_RULES:
        out_of = None
    near_scope, near_metric = _scope_and_metric(region)
    framed_metric = None
    if scope is None:
        among = _last(_AMONG, region) or _OPENING_EVALUATION.match(region)
        framed_scope, framed_metric = _evaluated_group(among.group("x")) if among else (None, None)
        if near_scope and framed_scope and framed_metric and framed_scope != framed_metric:
            framed_metric = framed_scope + framed_metric
        scope = near_scope or framed_scope
    if out_of is None:
        out_of = _out_of(candidate, ctx, position, size)
    if not (metric or near_metric):
        by_figure = _BY_FIGURE.search(region)
        near_metric = _clean_metric(by_figure.group("metric")) if by_figure else framed_metric
    return {"out_of": out_of, "scope": _as_written(ctx, region_start, candidate.start, scope),
            "metric": _as_written(ctx, region_start, candidate.start, metric or near_metric)}


_BY_FIGURE = regex.compile(
    rf"以(?P<metric>[\p{{Han}}A-Za-z]{{2,12}}?)(?:[\d.,]+|[零〇一二三四五六七八九十百千两]+)[万亿千百]?"
    rf"(?:元|美元|家|个|项|件|人|座|台|辆|吨|平方公里|亩)?(?:/\p{{Han}})?(?:的(?:成绩|规模|数量|总量))?(?:{_VERB})*$",
    regex.V1)
"""`慈溪市以居民人均收入70125元居首`: what a place leads by, named with its figure after `以`."""


def _as_written(ctx: Context, region_start: int, region_end: int, words: Optional[str]) -> Optional[str]:
    """Scope and metric are found in the width-folded text but quoted as the text writes them
    (`全省２２个市级以上开发区`)."""
    if not words:
        return words
    at = ctx.norm.rfind(words, region_start, region_end)
    return words if at < 0 else ctx.text[at:at + len(words)]


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

