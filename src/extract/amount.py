"""amount records: money (CNY, USD …) and counted or measured quantities.

A number is an amount only with a currency or a measure word after it, or, for a
bare `120亿`, when a money word in its clause (`投资`, `营收`) makes it money. The
unit lists and trigger words are data (data/amount.yaml); what is *not* an amount
(`一批`, `5个月`, `位居30多位`, `千亿级`) is decided by those lists too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from .context import Context
from .lexicon import HAN_CHAR, alternation, load, longest_first
from .models import AmountKind, AmountRecord, AmountValue, Qualifier
from .numbers import (
    BIG_UNITS,
    CN_DIGITS,
    DIGIT_GAP,
    DIGIT_SPACES,
    LIST_JOINS,
    LIST_TAIL,
    NUMBER,
    RANGE_SEP,
    VAGUE_PAIR,
    closing_characters,
    figure_boundary,
    in_quoted_name,
    number_then,
    numeral_ahead,
    numeral_holding,
    parse_number,
    range_then,
    to_number,
    vague_range,
)
from .qualifiers import is_qualifier_word, magnitude_qualifier, outer_qualifier
from .rules import Candidate, Rule, run_rules
from .schemas import AmountWords
from .segment import word_frequency


_BOUNDARY = figure_boundary(r"\d.A-Za-z\-零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")
"""A number starts at a number boundary and not inside a Latin name (`G60`)."""
_START = numeral_ahead() + _BOUNDARY
_NOT_A_CHANGE = r"(?<![由从])"
"""`由0到3家`, `从1家到7家`: from one figure to another is a change, not a range."""


@dataclass(frozen=True)
class _Lexicon:
    words: AmountWords
    rules: tuple[Rule, ...]
    trigger_re: regex.Pattern
    last_trigger_re: regex.Pattern
    last_counted_re: regex.Pattern
    index_re: regex.Pattern
    index_change_re: regex.Pattern
    ordinal_re: regex.Pattern
    position_re: regex.Pattern
    stands_alone_after: tuple[str, ...]
    currency_before_re: regex.Pattern
    counted_noun_re: regex.Pattern


def _unit_pattern(words: AmountWords) -> str:
    """Each unit with its own forbidden continuations as a negative lookahead."""
    parts = []
    for unit in longest_first(words.quantity_units):
        banned = words.unit_not_followed_by.get(unit)
        tail = f"(?!{alternation(banned)})" if banned else ""
        parts.append(regex.escape(unit) + tail)
    return "|".join(parts)


def _build() -> _Lexicon:
    w = load("amount.yaml", AmountWords)
    num = NUMBER
    per = alternation(w.per_unit_denominators)
    size_class = f"(?!{alternation(w.size_class_suffixes)})"
    money = rf"(?P<cur>{alternation(w.currencies)})(?:\s?/\s?(?P<per>{per}))?{size_class}"
    qty = rf"(?P<unit>{_unit_pattern(w)})(?:\s?/\s?(?P<per>{per}))?"
    symbol = rf"(?P<sym>{alternation(w.currency_symbols)})\s?"
    bare_stop = rf"{alternation(list(w.bare_not_followed_by) + list(w.currencies))}|{_unit_pattern(w)}"
    after = r"(?:(?<![A-Za-z])|(?![A-Za-z]))"
    big = "".join(BIG_UNITS)
    one_of = r"(?P<num>[百千]?万亿|[百千]?[万亿])(?P<cur>元|美元|欧元|港元)"
    implied = (rf"(?<=(?:{alternation(w.implied_one_before)}))(?<!{alternation(w.implied_one_not_before)}){one_of}{size_class}"
               rf"|(?<![\d{big}百千几数多余上]){one_of}(?=(?:{alternation(w.implied_one_after)}))")
    currency_first = closing_characters(w.currencies)
    unit_first = closing_characters(w.quantity_units)
    rules = (
        Rule("money_range", regex.compile(
            rf"{_START}{_NOT_A_CHANGE}{range_then(max(map(len, w.currencies)))}"
            rf"(?P<num>{num})(?:{alternation(w.currencies)})?{RANGE_SEP}(?P<hi>{num}){money}{after}")),
        Rule("quantity_range", regex.compile(
            rf"{_START}{_NOT_A_CHANGE}{range_then(max(map(len, w.quantity_units)))}(?P<num>{num})(?:{alternation(w.quantity_units)})?{RANGE_SEP}(?P<hi>{num}){qty}{after}")),
        Rule("money_negative", regex.compile(
            rf"(?<![\d.A-Za-z\-−～~至到])(?P<neg>[-−])\s?(?=\d)(?P<num>{num}){DIGIT_GAP}{money}{after}")),
        Rule("money", regex.compile(rf"{_START}{number_then(currency_first)}(?P<num>{num}){DIGIT_GAP}{money}{after}")),
        Rule("money_symbol", regex.compile(rf"{symbol}(?P<num>{num})(?![\d.])")),
        Rule("quantity", regex.compile(rf"{_START}{number_then(unit_first)}(?P<num>{num}){DIGIT_GAP}{qty}{after}")),
        Rule("magnitude_over", regex.compile(
            rf"(?<=上)(?P<num>[十百千万亿]+)(?:{money}|{qty}){after}")),
        Rule("implied_one", regex.compile(implied)),
        Rule("implied_one_bare", regex.compile(
            rf"(?<=(?:{alternation(w.implied_one_before)}))(?P<num>{alternation(w.implied_one_bare_magnitudes)})"
            rf"(?![\d.十百千万亿多余]|{bare_stop})")),
        Rule("index_points", regex.compile(rf"{_BOUNDARY}(?P<num>\d+(?:\.\d+)?)(?P<unit>点)(?![\d零一二三四五六七八九])")),
        Rule("shared_unit_list", regex.compile(
            rf"{_START}{number_then(LIST_JOINS)}(?P<num>{num})(?={LIST_TAIL}(?P<hi_list>{num})(?:{money}|{qty}))")),
        Rule("money_bare_multiplier", regex.compile(
            rf"{_START}{numeral_holding(big)}(?P<num>{num}(?<=[{big}]))(?![\d.十百千万亿萬億多余]|{bare_stop}){size_class}")),
    )
    return _Lexicon(
        words=w,
        rules=rules,
        trigger_re=regex.compile(alternation(w.money_triggers)),
        last_trigger_re=regex.compile(rf"(?r){alternation(w.money_triggers)}"),
        last_counted_re=regex.compile(rf"(?r){alternation(w.counted_not_money)}"),
        index_re=regex.compile(alternation(w.index_words)),
        index_change_re=regex.compile(alternation(w.index_change_words)),
        ordinal_re=regex.compile(
            rf"(?:(?<!{alternation([word[:-1] for word in w.time_words_ending_in_qian])})前"
            rf"|{alternation([p for p in w.ordinal_prefixes if p != '前'])})[{DIGIT_SPACES}]?$"),
        stands_alone_after=tuple(w.stands_alone_after),
        currency_before_re=regex.compile(
            rf"(?P<cur>{alternation(c for c, code in w.currencies.items() if code != w.currencies['元'])})[为：:]?\s?"
            rf"(?:{alternation(w.qualifiers_after_currency)})?\s?$"),
        counted_noun_re=regex.compile(rf"\p{{Han}}{{0,4}}?(?:{alternation(w.counted_nouns)})"),
        position_re=regex.compile(
            rf"(?:{alternation(v for v in w.position_verbs if len(v) > 1)})"
            rf"|(?:{alternation([v for v in w.position_verbs if len(v) == 1] + list(w.position_scopes))})$"
        ),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _build()


def find(ctx: Context) -> list[Candidate]:
    return run_rules("amount", _lexicon().rules, ctx)


_CLAUSE_STOPS = frozenset("，,；;。！？!?\n\r：:")
"""A clause ends at a comma or stronger stop; 、 does not end it (`40、18公里`)."""


def _index_points(ctx: Context, start: int, lex: _Lexicon) -> bool:
    """`指数为142.6点`, and a change of it later in the sentence (`…，比去年末提高8.3点`); a clock
    time (`上午9点`) names no index."""
    clause = _clause_before(ctx, start)
    if lex.index_re.search(clause):
        return True
    sentence_start, _ = ctx.sentence_at(start)
    return (lex.index_change_re.search(clause) is not None
            and lex.index_re.search(ctx.norm, sentence_start, start) is not None)


def _clause_before(ctx: Context, start: int) -> str:
    """Text from the clause start up to `start`."""
    left = start
    while left > 0 and ctx.norm[left - 1] not in _CLAUSE_STOPS:
        left -= 1
    return ctx.norm[left:start]


def _clause(ctx: Context, start: int) -> str:
    """The whole clause around `start`."""
    right = start
    while right < len(ctx.norm) and ctx.norm[right] not in _CLAUSE_STOPS:
        right += 1
    return _clause_before(ctx, start) + ctx.norm[start:right]


def _made_money(ctx: Context, start: int, end: int, num: str, lex: _Lexicon) -> bool:
    """A bare `120亿` is money when a money word stands in its clause; a figure in 亿 standing alone
    also when one stands earlier in its sentence (`GDP超过万亿，其中深圳超过了3万亿`)."""
    if _counts_heads(_clause_before(ctx, start), lex):
        return False
    if lex.trigger_re.search(_clause(ctx, start)):
        return True
    if "亿" not in num and "億" not in num:
        return False
    alone = (end == len(ctx.norm) or ctx.norm[end] in _CLAUSE_STOPS
             or ctx.norm.startswith(lex.stands_alone_after, end))
    sentence_start, _ = ctx.sentence_at(start)
    return alone and lex.trigger_re.search(ctx.norm, sentence_start, start) is not None


def _counts_heads(before: str, lex: _Lexicon) -> bool:
    """`从业人员超十万`: the nearest of the clause's nouns before the figure counts people or things."""
    counted = lex.last_counted_re.search(before)
    if counted is None:
        return False
    trigger = lex.last_trigger_re.search(before)
    return trigger is None or trigger.end() <= counted.start()


def _han_as_written(ctx: Context, candidate: Candidate, word: str) -> str:
    """A measure word as the text writes it (`86個`), its Chinese characters unsimplified; a
    full-width Latin unit stays folded (`ＧＷ` → `GW`)."""
    at = ctx.norm.rfind(word, candidate.start, candidate.end)
    if at < 0:
        return word
    written = ctx.text[at:at + len(word)]
    return "".join(w if HAN_CHAR.match(w) else n for w, n in zip(written, word))


def _unit_of(groups, words: AmountWords) -> tuple[str, AmountKind]:
    if "cur" in groups:
        unit = words.currencies[groups["cur"]]
        if "per" in groups:
            unit = f"{unit}/{groups['per']}"
        return unit, "money"
    if "sym" in groups:
        return words.currency_symbols[groups["sym"]], "money"
    if "per" in groups:
        return f"{groups['unit']}/{groups['per']}", "quantity"
    return groups["unit"], "quantity"


def _is_blocked(ctx: Context, candidate: Candidate, groups, lex: _Lexicon) -> bool:
    """The context facts that turn a number with a unit into something else."""
    start = candidate.start
    num = groups["num"]
    before = ctx.norm[max(0, start - 5):start]
    unit = groups.get("unit")
    if lex.ordinal_re.search(before):
        return True
    if unit == "个" and _SHARED_PLACES.match(ctx.norm, candidate.end):
        return True
    if unit in lex.words.position_units and lex.position_re.search(_clause_before(ctx, start).rstrip(f"近约超逾第{DIGIT_SPACES}")):
        return True
    if in_quoted_name(ctx.norm, candidate.start, candidate.end):
        return True
    if unit is not None and num in ("一", "壹") and candidate.rule != "magnitude_over":
        return True
    if num in ("零", "〇"):
        return True
    if unit in lex.words.digits_only_units and not num[0].isdigit() and len(num.rstrip("多余")) == 1:
        if (unit not in lex.words.counted_from_two_units and not _ENDS_CLAUSE.match(ctx.norm, candidate.end)
                and not lex.counted_noun_re.match(ctx.norm, candidate.end)):
            return True
    if groups.get("cur") == "元" and "per" not in groups and CN_DIGITS.get(num, 0) > 0:
        return True
    if candidate.rule in ("money_symbol", "money_bare_multiplier", "implied_one_bare"):
        return False
    if candidate.rule == "magnitude_over":
        return not ctx.tokens.is_boundary(candidate.end)
    return _inside_word(ctx, candidate, unit is not None and not num[0].isdigit(), lex)


_SHARED_PLACES = regex.compile(r"(?:和|、|与|及)[\d零一二两三四五六七八九十]+个(?:位次|名次)")
"""`分别前移6个和5个位次`: the first count shares the second's `位次`, a rank change, not an amount."""
_ENDS_CLAUSE = regex.compile(r"[，。；、,;：:！!？?）)\n]|$")
"""`开通国际货运干线三条，`: a numeral and its unit closing a clause count whatever the unit."""

_GLUE_FREQ = 100
"""A unit glued to the next characters blocks the span only when jieba knows the glued word well (家电, not 片晶)."""


def _inside_word(ctx: Context, candidate: Candidate, chinese: bool, lex: _Lexicon) -> bool:
    """The unit glued into a common word (`3家电企业`), or a Chinese numeral inside an idiom (`千家万户`).

    Uses the document's jieba tokens, which the company finder needs anyway.
    """
    start, end = candidate.start, candidate.end
    tokens = ctx.tokens
    if not tokens.is_boundary(end) and not ctx.norm.startswith(tuple(lex.words.free_after_unit), end):
        token = tokens.token_at(end - 1)
        glued = ctx.norm[token[0]:token[1]] if token else ""
        if word_frequency(glued) >= _GLUE_FREQ and not _next_word_outweighs(ctx.norm, end, glued):
            return True
    if not chinese:
        return False
    token = tokens.token_at(start)
    glued_qualifier = token is not None and token[0] < start and is_qualifier_word(ctx.norm[token[0]:start])
    return (not tokens.is_boundary(start) and not glued_qualifier) or (token is not None and token[1] > end)


def _next_word_outweighs(norm: str, end: int, glued: str) -> bool:
    """`20家电子企业`: the word starting after the unit (电子) is far commoner than the glued one (家电)."""
    glued_frequency = word_frequency(glued)
    return any(word_frequency(norm[end:end + size]) > glued_frequency for size in (4, 3, 2))


def _value(groups) -> tuple[Decimal, Decimal | None, Qualifier | None]:
    """Value, range top, inner approximator; a low end or list item shares the last number's multiplier."""
    low = parse_number(groups["num"])
    low_value = low.value * _missing_scale(groups["num"], groups.get("hi") or groups.get("hi_list"))
    if "neg" in groups:
        low_value = -low_value
    if "hi" not in groups:
        return low_value, None, low.approximator
    high = parse_number(groups["hi"])
    return low_value, high.value, low.approximator or high.approximator


def _missing_scale(item: str, last: str | None) -> Decimal:
    """`6-8亿`: 6 lacks 亿; `2万、3万亿`: 2万 lacks the final 亿."""
    if not last:
        return Decimal(1)
    own, full = _tail(item), _tail(last)
    if full and full != own and full.startswith(own):
        return parse_number("1" + full).value / (parse_number("1" + own).value if own else 1)
    return Decimal(1)


_BIG_UNIT_TAIL = regex.compile(rf"[{''.join(BIG_UNITS)}]*(?=[多余]?$)")


def _tail(text: str) -> str:
    tail = _BIG_UNIT_TAIL.search(text)
    return tail.group(0) if tail else ""


_BARE_MAGNITUDE = regex.compile(r"[十百千万亿]+")
"""`千`, `百亿`: a magnitude with no digit, which 上 before it makes a lower bound (`上千家`)."""

_MAX_VALUE = Decimal(10) ** 16
"""Above any real figure (ten thousand trillion): a longer run of numerals is noise."""


def normalize(candidate: Candidate, ctx: Context):
    lex = _lexicon()
    groups = dict(candidate.groups)
    pair = vague_range(groups["num"])
    if (pair is None and VAGUE_PAIR.search(groups["num"])) or _is_blocked(ctx, candidate, groups, lex):
        return None
    if candidate.rule in ("money_bare_multiplier", "implied_one_bare"):
        if not _made_money(ctx, candidate.start, candidate.end, groups["num"], lex):
            return None
        groups["cur"] = "元"
    if candidate.rule == "index_points" and not _index_points(ctx, candidate.start, lex):
        return None
    value, value_max, inner = (*pair, None) if pair else _value(groups)
    if value > _MAX_VALUE or (value_max or 0) > _MAX_VALUE:
        return None
    if groups.get("cur") == "元":
        written_before = lex.currency_before_re.search(ctx.norm, max(0, candidate.start - 8), candidate.start)
        if written_before:
            groups["cur"] = written_before.group("cur")
    for part in ("unit", "per"):
        if part in groups:
            groups[part] = _han_as_written(ctx, candidate, groups[part])
    unit, kind = _unit_of(groups, lex.words)
    qualifier = outer_qualifier(ctx.norm, candidate.start, candidate.end, inner)
    if _BARE_MAGNITUDE.fullmatch(groups["num"]):
        qualifier = magnitude_qualifier(ctx.norm, candidate.start) or qualifier
    return AmountRecord(
        start=candidate.start,
        end=candidate.end,
        text=ctx.text[candidate.start:candidate.end],
        rule=candidate.rule,
        value=AmountValue(
            value=to_number(value),
            value_max=None if value_max is None else to_number(value_max),
            unit=unit,
            kind=kind,
            qualifier=qualifier,
        ),
    )
