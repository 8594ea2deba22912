"""Numerals: one pattern that finds them and one pure function that resolves them.

Handles Arabic (`1,200.5`), Chinese (`两千`, `三十五万`, `二〇一九`, `三点五`),
financial (`壹佰`), mixed (`1.2万`, `3千`, `2万亿`) and inner approximators
(`2000多`, `30余`, `十几`, `几十`). Patterns run on the width-folded copy of the
text (see `textnorm`), so full-width digits are already ASCII here.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional

import regex

from .errors import ExtractError
from .lexicon import alternation, load
from .models import Qualifier
from .schemas import NumbersData

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
    "陆": 6, "柒": 7, "捌": 8, "玖": 9, "兩": 2, "陸": 6,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000, "萬": 10_000, "億": 100_000_000}
DECIMAL_POINTS = "点點"

_DIGIT_CLASS = "".join(CN_DIGITS)
_SMALL_CLASS = "".join(SMALL_UNITS)
_BIG_CLASS = "".join(BIG_UNITS)

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
"""Arabic digits with optional thousands separators and decimals."""

CHINESE = (
    rf"(?:[{_DIGIT_CLASS}{_SMALL_CLASS}]+(?:[{DECIMAL_POINTS}][{_DIGIT_CLASS}]+)?)"
)
"""A run of Chinese digits and small units, with an optional 点 decimal part."""

DIGIT_SPACES = "\x20\u00a0"
"""Spaces some sites set between Arabic digits and Chinese (`跃过 4000 亿元`): one of them may
stand between the digits and their multiplier or unit."""
DIGIT_GAP = rf"(?:(?<=\d)[{DIGIT_SPACES}])?"
"""An optional such space, right after Arabic digits only."""
SPACE_BEFORE_DIGITS = rf"(?:[{DIGIT_SPACES}](?=\d))?"
"""An optional such space, right before Arabic digits only (`2021 年 3 月`, `第 7 位`)."""

_BIG_NEXT = "(?=" + "|".join(BIG_UNITS) + ")"
"""A multiplier comes next (`数万`, `4000 亿`): part of what a numeral is, written as an alternation
so that it is not mistaken for one of the rules' speed gates."""

NUMBER = (
    rf"(?:[几数](?:[{_SMALL_CLASS}]|{_BIG_NEXT})|[{_BIG_CLASS}](?=多|余)|{ARABIC}(?:[{_SMALL_CLASS}]|[{DIGIT_SPACES}]{_BIG_NEXT})?"
    rf"|{CHINESE})"
    rf"(?:[多余几]?[{_SMALL_CLASS}]?)"
    rf"(?:[{_BIG_CLASS}](?:[{_DIGIT_CLASS}{_SMALL_CLASS}\d]+[{_BIG_CLASS}])?)*"
    rf"(?:(?<=[{_BIG_CLASS}])[{_DIGIT_CLASS}][{_DIGIT_CLASS}{_SMALL_CLASS}]*(?:[{DECIMAL_POINTS}][{_DIGIT_CLASS}]+)?)?"
    rf"(?:[多余](?![{_DIGIT_CLASS}]))?"
)
"""One numeral as written, multipliers and inner approximators included."""

RANGE_SEP_FIRST = "至到~-—–－～"
"""The characters a range separator is made of; `number_then` closes a numeral on them."""
RANGE_SEP = rf"\s*(?:—{{1,2}}|[{regex.escape(RANGE_SEP_FIRST)}])\s*"
"""Between the two numerals of a range (`3至5`, `3-5`, `3—5`, `3——5`)."""

LIST_JOINS = "、和及"
"""What joins the members of a figure list (`1.7、1.4和0.9个百分点`); `number_then` closes on them."""
LIST_TAIL = rf"(?:、{NUMBER})*(?:、|和|及)"
"""From the end of one list member to the start of the last (`、1.4和` in `1.7、1.4和0.9`)."""

NUMBER_CHARS = rf"\d,.几数{_DIGIT_CLASS}{_SMALL_CLASS}{_BIG_CLASS}{DECIMAL_POINTS}多余{DIGIT_SPACES}"
"""Every character `NUMBER` can consume (the contents of a regex character class)."""


def numeral_ahead(extra: str = "") -> str:
    """A cheap first test where a numeral (or one of `extra`) must start: a Unicode property
    lookup and a few characters, instead of every numeral character in turn at every position.

    It lets through more than numerals (`廿`), so it only saves work: the rule's own pattern
    still decides. Characters the property misses are listed, so no numeral is turned away.
    """
    numeric = regex.compile(r"[\p{Numeric_Type=Numeric}\d]")
    missed = "".join(c for c in f"几数{_DIGIT_CLASS}{_SMALL_CLASS}{_BIG_CLASS}{extra}" if not numeric.match(c))
    return rf"(?=[\p{{Numeric_Type=Numeric}}\d{regex.escape(missed)}])"


def figure_boundary(never_after: str) -> str:
    """Where a figure may start: not inside a number (`1,200`), and not after any of `never_after`
    (the contents of a character class); after a Latin letter only when the Latin word is an
    indicator's name written against its figure (`GDP5.5%`), never inside a name (`G60`)."""
    indicators = load("numbers.yaml", NumbersData).indicators_before_figure
    return (rf"(?<!\d,)(?:(?<![{never_after}])"
            rf"|(?<=(?<![A-Za-z])(?:{alternation(indicators)})))")


def number_then(first: Iterable[str], *, space: bool = False, lead: str = "", extra: str = "") -> str:
    """A lookahead for where a numeral starts: the run of numeral characters (`extra` added)
    from here, after an optional `lead` pattern, is followed by one of the characters
    `first` (or by white space, with `space`).

    A rule whose numeral must be followed by such a character states this before the
    numeral, so the engine drops most numerals without trying the whole pattern. It is
    exact because no character of `first` can be part of a numeral: the numeral cannot
    stop inside the run, since the character after it would be a numeral character.
    """
    chars = sorted(set(first))
    clash = [c for c in chars if regex.match(f"[{NUMBER_CHARS}{extra}]", c)]
    if clash:
        raise ValueError(f"characters that can be part of a numeral cannot close it: {clash}")
    closing = "".join(regex.escape(c) for c in chars) + (r"\s" if space else "")
    return rf"(?={lead}[{NUMBER_CHARS}{extra}]*+[{closing}])"


def range_then(longest_unit: int, *, lead: str = "", extra: str = "") -> str:
    """A lookahead for where a range starts (`3至5亿元`, `3%-5%`): the run of numeral characters
    from here, then at most `longest_unit` characters (a unit repeated after the first numeral),
    then a range separator.

    Exact for the same reason as `number_then`: a unit that started inside the run would have to
    end at a character that is neither a numeral character, white space nor a separator.
    """
    return rf"(?={lead}[{NUMBER_CHARS}{extra}]++(?s:.{{0,{longest_unit}}}?)\s*[{regex.escape(RANGE_SEP_FIRST)}])"


def numeral_holding(chars: str) -> str:
    """A lookahead for a numeral that must reach one of `chars` (`120亿` for a bare multiplier):
    the run of numeral characters from here holds one of them."""
    others = NUMBER_CHARS
    for c in chars:
        others = others.replace(c, "")
    return rf"(?=[{others}]*+[{chars}])"


def closing_characters(words: Iterable[str]) -> set[str]:
    """The character after which each word stops looking like part of a numeral (`千瓦` → `瓦`,
    `元` → `元`), for `number_then` before a rule whose numeral is followed by one of `words`."""
    numeral = regex.compile(f"[{NUMBER_CHARS}]*")
    closing = set()
    for word in words:
        rest = numeral.sub("", word, count=1)
        if not rest:
            raise ValueError(f"{word!r} is made of numeral characters only")
        closing.add(rest[0])
    return closing


VAGUE_PAIR = regex.compile(r"[一二三四五六七八九][二三四五六七八九][十百千万亿]")
"""`二三十`, `三四百`: two neighbouring digits mean "twenty or thirty", not a figure."""

_NEIGHBOURS = regex.compile(r"(?P<low>[一两二三四五六七八九])(?P<high>[两二三四五六七八九])(?P<scale>[十百千万亿]*)")


def vague_range(text: str) -> Optional[tuple[Decimal, Decimal]]:
    """`两三家`, `三五个`, `二三十`: two close digits written together are a range (2–3, 3–5, 20–30),
    never the digit string 23."""
    match = _NEIGHBOURS.fullmatch(text)
    if match is None:
        return None
    low, high = CN_DIGITS[match.group("low")], CN_DIGITS[match.group("high")]
    if not 0 < high - low <= 2:
        return None
    scale = parse_number("一" + match.group("scale")).value if match.group("scale") else Decimal(1)
    return low * scale, high * scale


class NumberParseError(ExtractError, ValueError):
    """The string is not a numeral this module understands."""


class ParsedNumber(NamedTuple):
    value: Decimal
    approximator: Optional[Qualifier]
    """`over` for inner 多/余, `approx` for inner 几, else None."""


def _digit_string(chars: str) -> Optional[Decimal]:
    """`二〇一九` → 2019: Chinese digits read one by one, as in years."""
    if len(chars) > 1 and all(c in CN_DIGITS for c in chars):
        return Decimal("".join(str(CN_DIGITS[c]) for c in chars))
    return None


def parse_number(text: str) -> ParsedNumber:
    """Resolve one numeral (as matched by `NUMBER`) to an exact decimal value."""
    raw = text.replace(",", "").replace("，", "").replace(" ", "").replace("點", "点")
    if not raw:
        raise NumberParseError("empty numeral")
    approximator: Optional[Qualifier] = None
    if any(c in raw for c in "多余"):
        approximator = "over"
    if "几" in raw or "数" in raw:
        approximator = "approx"
    raw = raw.replace("多", "").replace("余", "")
    if raw.isascii() and raw.replace(".", "", 1).isdigit():
        return ParsedNumber(Decimal(raw), approximator)

    as_digits = _digit_string(raw.split("点")[0]) if "点" in raw else _digit_string(raw)
    if as_digits is not None and "点" not in raw:
        return ParsedNumber(as_digits, approximator)

    total = Decimal(0)
    section = Decimal(0)
    current: Optional[Decimal] = None
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch.isdecimal():
            j = i
            while j < len(raw) and (raw[j].isdecimal() or raw[j] == "."):
                j += 1
            try:
                current = Decimal(raw[i:j])
            except InvalidOperation as exc:
                raise NumberParseError(f"bad Arabic numeral in {text!r}") from exc
            i = j
            continue
        if ch == "点":
            j = i + 1
            digits = ""
            while j < len(raw) and raw[j] in CN_DIGITS:
                digits += str(CN_DIGITS[raw[j]])
                j += 1
            if not digits:
                raise NumberParseError(f"点 without digits in {text!r}")
            base = current if current is not None else Decimal(0)
            if current is None and section:
                base, section = section, Decimal(0)
            current = base + Decimal("0." + digits)
            i = j
            continue
        if ch in CN_DIGITS:
            current = Decimal(CN_DIGITS[ch])
        elif ch in "几数":
            before_unit = i + 1 < len(raw) and raw[i + 1] in SMALL_UNITS
            current = Decimal(1) if before_unit else Decimal(0)
        elif ch in SMALL_UNITS:
            section += (current if current is not None else Decimal(1)) * SMALL_UNITS[ch]
            current = None
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            block = section + (current or 0)
            if unit == 100_000_000:
                total = (total + (block if block or total else Decimal(1))) * unit
            else:
                if block == 0 and total:
                    total *= unit
                else:
                    total += (block if block else Decimal(1)) * unit
            section = Decimal(0)
            current = None
        else:
            raise NumberParseError(f"unexpected character {ch!r} in numeral {text!r}")
        i += 1
    value = total + section + (current or 0)
    return ParsedNumber(value, approximator)


def to_number(value: Decimal) -> int | float:
    """JSON-friendly: integral values become int, others float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


_OPENERS = {"“": "”", "《": "》", "「": "」", "\"": "\""}
_MAX_QUOTED = 16
"""A longer quotation is reported speech, whose figures are still facts; a short one is a name."""
_MAX_UNPUNCTUATED_TITLE = 32
"""A quotation up to this long with no comma or stop inside, ending in a title's head word, is a
title too (`“时速200公里城际动车组关键技术研究与应用”`)."""
_SPEECH_MARK = regex.compile(r"[，,、：:；;！!？?]")
_NAME_STOPS = "。；\n"
_NAME_STOP_BEFORE = regex.compile(rf"(?r)[{_NAME_STOPS}]")
_NAME_STOP_AFTER = regex.compile(rf"[{_NAME_STOPS}]")


def in_quoted_name(norm: str, start: int, end: int) -> bool:
    """True when [start, end) sits inside a short quoted title (`“五心”`) or any `《》` title.

    A title never runs across `。；` or a line end, so both quote marks are looked for only
    between the stops around the span: the cost stays with the sentence, not the document."""
    before = _NAME_STOP_BEFORE.search(norm, 0, start)
    floor = before.end() if before else 0
    after = _NAME_STOP_AFTER.search(norm, start)
    ceiling = after.start() if after else len(norm)
    for opener, closer in _OPENERS.items():
        left = norm.rfind(opener, floor, start)
        if left < 0:
            continue
        if opener != closer and norm.rfind(closer, left + 1, start) >= 0:
            continue
        if opener == closer and norm.count(opener, 0, left) % 2:
            continue
        right = norm.find(closer, end, ceiling)
        if right < 0:
            continue
        if opener == "《" or right - left - 1 <= _MAX_QUOTED:
            return True
        if (right - left - 1 <= _MAX_UNPUNCTUATED_TITLE and not _SPEECH_MARK.search(norm, left + 1, right)
                and norm.endswith(_title_heads(), left + 1, right)):
            return True
    return False


@lru_cache(maxsize=1)
def _title_heads() -> tuple[str, ...]:
    return tuple(load("numbers.yaml", NumbersData).title_heads)
