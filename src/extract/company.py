"""company records: registered names, group names, short and stock names, well-known firms.

A company name has no closed vocabulary, so each rule pairs an anchor found by a
pattern (a legal form, a short-name suffix, a known firm, a cue verb or list) with
a check on jieba tokens: a name never cuts a word, never starts with the verb or
preposition before it, and is not made only of generic class words
(`高新技术企业`, `新能源汽车`) or a bare place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import regex

from . import lexicon
from .context import Context
from .lexicon import HAN_CHAR, HAN_RUN, alternation, longest_first, occurrences
from .models import CompanyForm, CompanyRecord, CompanyValue
from .rules import Candidate, FirstOf, Rule
from .schemas import CompanyData
from .segment import pos_tag, word_frequency


def _data() -> CompanyData:
    return lexicon.load("company.yaml", CompanyData)


@dataclass(frozen=True)
class _Words:
    """The data lists as sets, so the per-token tests in the hot loops are O(1)."""

    known: frozenset[str]
    left_stops: frozenset[str]
    generic: frozenset[str]
    name_words: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    exchanges: frozenset[str]
    business: frozenset[str]
    latin_terms: frozenset[str]
    not_company: frozenset[str]
    attribute_heads: frozenset[str]
    cues_after: frozenset[str]
    region_abbreviations: frozenset[str]
    strong_forms: tuple[str, ...]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = _data()
    return _Words(
        known=frozenset(data.known) | frozenset(data.known_latin),
        left_stops=frozenset(data.left_stops),
        generic=frozenset(data.generic) | frozenset(data.short_suffixes),
        name_words=frozenset(data.name_words),
        places=frozenset(data.regions) | frozenset(data.region_prefixes),
        countries=frozenset(data.countries),
        exchanges=frozenset(data.exchanges),
        business=frozenset(data.business_words),
        latin_terms=frozenset(data.latin_terms),
        not_company=frozenset(data.not_company) | frozenset(data.exchanges),
        attribute_heads=frozenset(data.attribute_heads),
        cues_after=frozenset(data.verb_cues),
        region_abbreviations=frozenset(data.region_abbreviations),
        strong_forms=tuple(lexicon.longest_first([f for f in data.legal_forms if f not in ("公司", "集团")]
                                                 + data.partnership_forms)),
    )


_ZONE_ENDINGS = ("园区", "开发区", "高新区", "新区", "经开区", "自贸区", "保税区", "工业园", "产业园", "示范区")
_STOP_TAGS = frozenset("v p c u uj ul uz ug uv ud d r m q f t y e o vd ad zg".split())
_GENERIC_TAGS = frozenset("n vn an a b l i v s ng".split())
_PLACE_TAGS = frozenset({"ns"})
_NAME_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9]")
_HAN_OR_LATIN = regex.compile(r"[\p{Han}A-Za-z]+")
_HAN_NAME_LATIN_TAIL = regex.compile(r"\p{Han}+[A-Za-z]?")
_ASCII_ALNUM = regex.compile(r"[A-Za-z0-9]")
_LATIN_SEPARATORS = regex.compile(r"[\s\-/]+")
_BRACKETED_REGION = regex.compile(r"[（(]\p{Han}{1,6}[）)]")
_ENUMERATION_COMMA = regex.compile("、")
_DELIMS = "，,。；;：:、！？!?“”\"‘’'（）()《》【】\n\r\t 　—-·/"
_MAX_FULL_BODY = 25
_MAX_SHORT_BODY = 4
_MAX_MEMBER = 8


def _known() -> frozenset[str]:
    return _words().known


@lru_cache(maxsize=65536)
def _tag(word: str) -> Optional[str]:
    return pos_tag(word)


@lru_cache(maxsize=65536)
def _is_place(word: str) -> bool:
    """A region or origin word (大连, 北方, 中车) that may open a registered name; not a country."""
    words = _words()
    return word in words.places or (_tag(word) in _PLACE_TAGS and word not in words.countries)


@lru_cache(maxsize=65536)
def _is_stop(word: str) -> bool:
    """A token that cannot be part of a name: function words, verbs, list words, country words."""
    words = _words()
    if word in words.known:
        return False
    if word in words.left_stops or (len(word) >= 3 and word.endswith(_ZONE_ENDINGS)):
        return True
    if _is_place(word):
        return False
    if word in words.countries or not _NAME_CHAR.match(word):
        return True
    if len(word) == 1:
        return word in _STOP_CHARS
    if _PERIOD_NOUN.search(word) and (_tag(word) or "").startswith(("m", "t")):
        return True
    return _tag(word) in _STOP_TAGS and word not in words.name_words


_DATE_PIECE = regex.compile(r"\d*\d[年月日号]份?$")
"""`2020年12月大众汽车集团`: a year, month or day written in digits ends a name walking left."""
_PERIOD_NOUN = regex.compile(r"季度|半年|[年月]份?$")
"""`一季度`, `上半年`: a period jieba reads as a numeral or time word ends a name (`科瑞达一季度营收`)."""


def _pieces(ctx: Context, start: int, end: int) -> list[str]:
    """The words of [start, end), tokens clipped to the span."""
    out, pos = [], start
    while pos < end:
        token = ctx.tokens.token_at(pos)
        stop = min(token[1], end) if token else pos + 1
        out.append(ctx.norm[pos:stop])
        pos = stop
    return out


@lru_cache(maxsize=1)
def _known_prefixes() -> tuple[frozenset[str], tuple[int, ...]]:
    """Known Chinese names of two or more characters, and their lengths, for prefix tests."""
    names = frozenset(k for k in _data().known if len(k) >= 2 and not k.isascii())
    return names, tuple(sorted({len(k) for k in names}))


def _starts_with_known(word: str) -> bool:
    names, lengths = _known_prefixes()
    return any(word[:n] in names for n in lengths if n <= len(word))


@lru_cache(maxsize=65536)
def _kind(word: str) -> str:
    """Classify a word of a name: known, generic, place or brand (anything else).

    `common` is a dictionary noun that is not on the curated generic list (`烽火`, `聚光`):
    generic for a bare name, but a plausible brand inside a list of firms.
    """
    words = _words()
    if word in words.known or _starts_with_known(word):
        return "known"
    if word in words.generic:
        return "generic"
    if _is_place(word):
        return "place"
    if len(word) > 1 and _tag(word) in _GENERIC_TAGS:
        return "common"
    return "brand"


_NUMERIC_WORD = regex.compile(r"[0-9][0-9.]*[\p{Han}]?|[零一二三四五六七八九十百千万两几数多]+[大强家个批波排些]+|[零一二三四五六七八九十百千万两几数多]")


def _body_kinds(ctx: Context, start: int, end: int) -> set[str]:
    """Kinds of the words of a span; a run of single characters counts as one (unknown) word."""
    words, run = [], ""
    for piece in _pieces(ctx, start, end):
        if len(piece) == 1 and not piece.isdigit():
            run += piece
            continue
        if run:
            words.append(run)
            run = ""
        words.append(piece)
    if run:
        words.append(run)
    return {_word_kind(w) for w in words}


def _strict_kinds(ctx: Context, start: int, end: int) -> set[str]:
    """Body kinds where a common dictionary noun counts as generic (bare names in running text)."""
    return {"generic" if k == "common" else k for k in _body_kinds(ctx, start, end)}


@lru_cache(maxsize=65536)
def _word_kind(word: str) -> str:
    if _NUMERIC_WORD.fullmatch(word):
        return "generic"
    if len(word) == 1 and word not in _known():
        return "generic" if _tag(word) in _STOP_TAGS | _GENERIC_TAGS else "brand"
    return _kind(word)


_STOP_CHARS = "以为与和及在由对将把被是的了从于等或给并也都还已如像仅有共约近向同跟让不内自据除"
_GLUED_AFTER = "等和及与"
_FUNCTION_LEADS = "以在为将被向对从于另也又还均已"
"""Characters a word after a known firm opens with when it is what the firm does (`招商银行以约…`)."""
_VERB_TAGS = frozenset({"v", "vn", "vd", "a", "ad"})


def _split_stop_char(ctx: Context, token: tuple[int, int]) -> int:
    """Start of a token, or one past it when jieba glued a function character to an unknown name (`为纳`)."""
    word = ctx.norm[token[0]:token[1]]
    if len(word) > 1 and word[0] in _STOP_CHARS and _tag(word) is None and word not in _known():
        return token[0] + 1
    return token[0]


def _starts_word(ctx: Context, pos: int) -> bool:
    token = ctx.tokens.token_at(pos - 1) if pos > 0 else None
    return ctx.tokens.is_boundary(pos) or (token is not None and _split_stop_char(ctx, token) == pos)


def _ends_word(ctx: Context, pos: int) -> bool:
    """A token boundary, or a list word jieba glued to the name's last character (`中科信等`)."""
    return ctx.tokens.is_boundary(pos) or ctx.norm[pos:pos + 1] in _GLUED_AFTER


def _inner_verb(ctx: Context, token: tuple[int, int]) -> bool:
    """A verb inside a name (`京东方显示技术`, `图灵云计算`, `第七建设`, `合肥市建设投资`): a name
    word or an ordinal stands right before it."""
    word = ctx.norm[token[0]:token[1]]
    before = ctx.tokens.token_at(token[0] - 1) if token[0] else None
    if before is None or _tag(word) not in _VERB_TAGS:
        return False
    previous = ctx.norm[before[0]:before[1]]
    if previous.startswith("第") and _UNIT_NUMBER.fullmatch(previous):
        return True
    if word in _words().left_stops and not (word in _words().name_words and _word_kind(previous) == "place"):
        return False
    return len(previous) >= 2 and not _is_stop(previous) and _tag(previous) not in _VERB_TAGS and _word_kind(previous) in ("brand", "known", "place")


_UNIT_NUMBER = regex.compile(r"第[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{2,3}")


def _numbers_a_unit(word: str, start: int, pos: int) -> bool:
    """An ordinal numbering the unit after it (`中国建筑第八工程局`, `中铁十一局`, `第一创业证券`):
    part of a registered name when a name word follows it inside the name."""
    return start < pos and _UNIT_NUMBER.fullmatch(word) is not None


@lru_cache(maxsize=1)
def _longest_known() -> int:
    return max(map(len, _words().known))


@lru_cache(maxsize=1)
def _known_last_characters() -> frozenset[str]:
    return frozenset(name[-1] for name in _words().known)


def _known_ending_at(ctx: Context, end: int, floor: int) -> Optional[int]:
    """Start of a known firm's name ending at `end` that jieba cut in two (`应用|材料`), if any;
    the walk asks at every step, so a character no known name ends in answers at once."""
    if end == 0 or ctx.norm[end - 1] not in _known_last_characters():
        return None
    known = _words().known
    for size in range(min(_longest_known(), end - max(floor, 0)), 2, -1):
        if ctx.norm[end - size:end] in known and ctx.tokens.is_boundary(end - size):
            return end - size
    return None


@lru_cache(maxsize=1)
def _developer_words() -> list[str]:
    return longest_first(_data().developer_words)


def _develops_zone(ctx: Context, word: str, start: int, pos: int) -> bool:
    """A zone named by the firm that develops or finances it (`宁波经济技术开发区控股有限公司`,
    `上海张江高科技园区开发股份有限公司`): only developer words stand between the zone and the form."""
    if not word.endswith(_ZONE_ENDINGS) or start >= pos:
        return False
    developer_words = _developer_words()
    rest = ctx.norm[start:pos]
    while rest:
        head = next((w for w in developer_words if rest.startswith(w)), None)
        if head is None:
            return False
        rest = rest[len(head):]
    return ctx.norm.startswith(tuple(_data().developer_leads), start)


_RARE_VERB = 100


def _rare_verb_opening(ctx: Context, token: tuple[int, int], start: int, pos: int) -> bool:
    """`，联创电子科技股份有限公司`: a rarely used verb opening a clause right before a name word
    is the firm's brand, not an action (common verbs such as `鼓励`, `引导` are used thousands of times)."""
    word = ctx.norm[token[0]:token[1]]
    at_edge = token[0] == 0 or ctx.norm[token[0] - 1] in _DELIMS
    return (at_edge and start < pos and len(word) >= 2 and _tag(word) in _VERB_TAGS
            and word_frequency(word) < _RARE_VERB and word not in _words().left_stops)


def _walk_left(ctx: Context, pos: int, limit: int, inner_verbs: bool = False) -> int:
    """Start of the run of name words ending at `pos`, at most `limit` characters long.

    A full-width bracket group such as `（中国）` is taken whole, a stock code in brackets ends the walk
    (it closes another firm's name); a region word at the left edge
    belongs to the name, a country word does not, nor the `中` of a `其中` jieba read as `中华`; a hyphen between
    Han characters joins a foreign name's parts (`克恩-里伯斯集团`). With `inner_verbs` (before a strong legal
    form) a verb between name words is taken too.
    """
    start = pos
    while start > 0:
        if ctx.norm[start - 1] in "）)":
            opening = max(ctx.norm.rfind("（", max(0, start - 10), start), ctx.norm.rfind("(", max(0, start - 10), start))
            if (opening < 0 or pos - opening > limit or opening == 0 or not _NAME_CHAR.match(ctx.norm[opening - 1])
                    or _STOCK_CODE.match(ctx.norm, opening)):
                break
            start = opening
            continue
        if ctx.norm[start - 1] in "-－" and start >= 2 and HAN_CHAR.match(ctx.norm, start - 2) and start < pos:
            start -= 1
            continue
        known = _known_ending_at(ctx, start, pos - limit)
        if known is not None:
            start = known
            continue
        if start < pos and _sited_in_zone(ctx, start):
            break
        token = ctx.tokens.token_at(start - 1)
        if token is None or pos - token[0] > limit:
            break
        word = ctx.norm[token[0]:start]
        whole = word == ctx.norm[token[0]:token[1]]
        inside = inner_verbs and whole and (_inner_verb(ctx, token) or _numbers_a_unit(word, start, pos)
                                            or _class_before_region(ctx, word, start)
                                            or _develops_zone(ctx, word, start, pos)
                                            or _rare_verb_opening(ctx, token, start, pos)
                                            or _trade_before_form(ctx, token, start, pos)
                                            or _split_brand_joint(ctx, token, start, pos))
        if (_is_stop(ctx.norm[token[0]:token[1]]) or _is_stop(word)) and not inside:
            break
        if _DATE_PIECE.search(ctx.norm, max(0, token[0] - 4), start) and not inside:
            break
        if _split_stop_char(ctx, token) != token[0]:
            start = token[0] + 1
            break
        if _ends_in_conjunction(ctx, token, start):
            break
        start = token[0]
    if start > 0 and ctx.norm[start - 1:start + 1] == "其中":
        start += 1
    return start


def _sited_in_zone(ctx: Context, start: int) -> bool:
    """`云溪经开区常州德尔森传动科技有限公司`, `青岚县江西晶川新能源科技有限公司`: a zone's name right
    before a name that opens with a region, or a county's before one that opens with a province, says
    where the firm is; it is no part of the firm's name."""
    if ctx.norm.endswith(_ZONE_ENDINGS, 0, start):
        return any(ctx.norm[start:start + size] in _regions() for size in _region_sizes())
    return ctx.norm.endswith("县", 0, start) and ctx.norm.startswith(_provinces(), start)


@lru_cache(maxsize=1)
def _provinces() -> tuple[str, ...]:
    return tuple(_data().provinces)


def _class_before_region(ctx: Context, word: str, start: int) -> bool:
    """`周大福企业（深圳）有限公司`, `统一企业（中国）投资有限公司`: a class word right before the
    bracketed region of a registered name is part of the name."""
    return word in ("企业", "实业", "集团") and ctx.norm.startswith(("（", "("), start)


def _trade_before_form(ctx: Context, token: tuple[int, int], start: int, pos: int) -> bool:
    """`艾博格精密注塑（太仓）有限公司`, `…制造有限公司`: the verb right before a legal form is the
    firm's trade, part of its name."""
    return start == pos and len(ctx.norm[token[0]:token[1]]) >= 2 and _tag(ctx.norm[token[0]:token[1]]) in _VERB_TAGS


def _split_brand_joint(ctx: Context, token: tuple[int, int], start: int, pos: int) -> bool:
    """`江苏润和软件股份有限公司`: a lone `和` after a lone character jieba split off is inside the
    name's brand (`润|和`), not a list's join: a firm's name does not end in one character."""
    if start == pos or ctx.norm[token[0]:token[1]] not in ("和", "与") or token[0] == 0:
        return False
    before = ctx.tokens.token_at(token[0] - 1)
    return (before is not None and before[1] - before[0] == 1 and HAN_CHAR.match(ctx.norm, before[0]) is not None
            and not _is_stop(ctx.norm[before[0]]))


def _ends_in_conjunction(ctx: Context, token: tuple[int, int], start: int) -> bool:
    """`中科拓维和博远精密`: jieba glued a list's `和` to the name before it (`维和`), so the
    name after it starts there. With no name word before it (`丰和精机`, `南京世和基因`, `日本丰和`)
    the `和` is the brand's own."""
    word = ctx.norm[token[0]:token[1]]
    if not (token[1] == start and len(word) >= 2 and word[-1] in "和与及"
            and word not in _known() and _NAME_CHAR.match(ctx.norm, token[0]) is not None):
        return False
    before = ctx.tokens.token_at(token[0] - 1) if token[0] > 0 else None
    if before is None or len(word) > 2:
        return before is not None
    previous = ctx.norm[before[0]:before[1]]
    return not (_is_stop(previous) or _word_kind(previous) == "place" or previous in _words().countries)


def _word_end(ctx: Context, pos: int, limit: int) -> int:
    """End of the run of name words starting at `pos`, at most `limit` characters long."""
    end = pos
    while end < len(ctx.norm):
        token = ctx.tokens.token_at(end)
        if token is None or token[0] != end:
            break
        if _is_stop(ctx.norm[token[0]:token[1]]) or token[1] - pos > limit:
            break
        end = token[1]
    return end


def _followed_by_class(ctx: Context, end: int) -> bool:
    return ctx.norm.startswith(_class_heads(), end)


@lru_cache(maxsize=1)
def _class_heads() -> tuple[str, ...]:
    return tuple(_data().class_heads)


@lru_cache(maxsize=1)
def _firm_endings() -> tuple[str, ...]:
    """Short-name suffixes that end in a place-like character (`药业`, `实业`) but name a firm."""
    return tuple(w for w in _data().short_suffixes if w not in _data().place_endings and len(w) >= 2)


@lru_cache(maxsize=65536)
def _is_place_like(name: str) -> bool:
    if name.endswith(_firm_endings()):
        return False
    words = _words()
    return (
        name.endswith(tuple(_data().place_endings)) or name in words.places or name in words.countries
        or _pairs_regions(name)
    )


def _pairs_regions(name: str) -> bool:
    """`京沪`, `川渝`, `苏浙沪`: one-character region names side by side, not a firm (`苏宁` is known)."""
    return len(name) <= 4 and name not in _words().known and all(c in _words().region_abbreviations for c in name)


def _plausible_short(ctx: Context, start: int, end: int, allow_place: bool = False) -> bool:
    """A bare short name: 2–8 characters, whole words, and not only generic or place words."""
    name = ctx.norm[start:end]
    if not 2 <= end - start <= _MAX_MEMBER or _is_place_like(name) or _names_market(name):
        return False
    if not (_starts_word(ctx, start) and _ends_word(ctx, end)):
        return False
    if name in _known():
        return True
    if not _HAN_NAME_LATIN_TAIL.fullmatch(name):
        return False
    kinds = _strict_kinds(ctx, start, end)
    return bool(kinds & {"brand", "known"}) or (allow_place and kinds == {"place", "generic"})


def _names_market(name: str) -> bool:
    """An exchange or a country-prefixed exchange (`美国纳斯达克`) is a market, not a firm."""
    return any(exchange in name for exchange in _words().exchanges)


_LATIN_NAME = regex.compile(r"[A-Za-z][\p{Latin}0-9&'.\-]*(?: [\p{Latin}&][\p{Latin}0-9&'.\-]*){0,4}")


_LATIN_NAME_BEFORE = regex.compile(r"(?<![A-Za-z0-9&'.\-])" + _LATIN_NAME.pattern + "$")


def _latin_company(name: str) -> bool:
    """A Latin-script firm name: capitalised, not opening with a technical acronym (`AI`,
    `TFT-LCD`); a brand before one is a name (`Deepcal AI`)."""
    lead = len(name) - len(name.lstrip("0123456789"))
    if lead and not _DIGIT_LED_BRAND.fullmatch(name):
        return False
    if not _LATIN_NAME.fullmatch(name[lead:]) or not name[lead].isupper():
        return False
    parts = _LATIN_SEPARATORS.split(name)
    return parts[0] not in _words().latin_terms and not name.isdigit()


_DIGIT_LED_BRAND = regex.compile(r"[0-9]{1,3}(?![GMkKT]W|TEU|GB|TB|MB|GHz|MHz|Hz|mAh|Wh|kV|nm|mm|cm|km|kg)[A-Z][A-Za-z]+")
"""`4PX`, `3SBio`: digits, then a capitalised word that is not a unit (`5GW`, `12MW`)."""


_COUNTED_MEMBER = regex.compile(r"[一两几多某各每]家$")
"""`江西一家锂电材料企业`: a counted firm is described, not named."""


def _plausible_member(ctx: Context, start: int, end: int) -> bool:
    """A list member next to a firm: a dictionary noun may be its brand (`聚光科技`, `启明医疗`)."""
    name = ctx.norm[start:end]
    if _COUNTED_MEMBER.search(name):
        return False
    if _latin_company(name) and len(name) <= 24:
        return True
    if any(piece.endswith(_ZONE_ENDINGS) for piece in _pieces(ctx, start, end)):
        return False
    if _plausible_short(ctx, start, end, allow_place=True):
        return True
    if not 2 <= end - start <= _MAX_MEMBER or _is_place_like(name) or _names_market(name):
        return False
    if not (_starts_word(ctx, start) and _ends_word(ctx, end)) or _followed_by_class(ctx, end):
        return False
    if not HAN_RUN.fullmatch(name) or not name.endswith(_member_suffixes()):
        return False
    return "common" in _body_kinds(ctx, start, end) and not _has_function_word(ctx, start, end)


_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "r", "m", "q", "f"})


def _has_function_word(ctx: Context, start: int, end: int) -> bool:
    """A list chunk holding a preposition, pronoun or list verb is a clause, not a name (`将与X`)."""
    for piece in _pieces(ctx, start, end):
        if piece in _words().left_stops or _tag(piece) in _FUNCTION_TAGS or (len(piece) == 1 and piece in _STOP_CHARS):
            return True
    return False


@lru_cache(maxsize=1)
def _member_suffixes() -> tuple[str, ...]:
    """Endings that let a list member built on a dictionary noun pass (`聚光科技`, `申洲国际`)."""
    data = _data()
    return tuple(data.short_suffixes + data.noun_like_suffixes + ["国际"])


# --- rule resolvers: a match in, a span (or None) out ------------------------------------------

Resolver = Callable[[regex.Match, Context], Optional[tuple[int, int]]]


def _resolve_latin(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    return match.span("name")


def _resolve_latin_after_kind(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """`国际快递企业DHL`, `瑞典Northvolt`: a capitalised Latin name right after a kind of firm or a
    country is a firm, unless it is a technical term (`企业ESG`), a model (`旗下SU7系列`) or the
    opening of a longer name (`CJ大韩通运`)."""
    name = match.group("name")
    if not _latin_company(name) or any(c.isdigit() for c in name) or ctx.norm.startswith(_model_words(), match.end()):
        return None
    end = match.end()
    closes = (not HAN_CHAR.match(ctx.norm, end) or ctx.norm[end] in _STOP_CHARS or _is_stop(_token_text(ctx, end))
              or ctx.norm.startswith(_verb_cues(), end))
    return match.span("name") if closes else None


@lru_cache(maxsize=1)
def _model_words() -> tuple[str, ...]:
    return tuple(_data().model_words)


def _form_follows(ctx: Context, pos: int) -> bool:
    """A strong legal form (`有限公司`, `（天津）股份有限公司`) follows within a few name words."""
    strong = _words().strong_forms
    for _ in range(4):
        if pos >= len(ctx.norm):
            return False
        if ctx.norm.startswith(strong, pos):
            return True
        bracket = _BRACKETED_REGION.match(ctx.norm, pos, pos + 8)
        if bracket is not None:
            pos = bracket.end()
            continue
        token = ctx.tokens.token_at(pos)
        if token is None or token[0] != pos or _is_stop(ctx.norm[token[0]:token[1]]):
            return False
        pos = token[1]
    return False


def _country_before(ctx: Context, start: int) -> int:
    """Start of a country word right before `start`, or `start` itself."""
    token = ctx.tokens.token_at(start - 1) if start > 0 else None
    if token and token[1] == start and ctx.norm[token[0]:token[1]] in _words().countries:
        return token[0]
    return start


def _noun_body(ctx: Context, start: int, end: int) -> bool:
    """`骆驼集团股份有限公司`, `海螺集团有限公司`: one dictionary noun before `集团` and a strong legal
    form names a firm; a verb or a generic word does not (`投资集团有限公司`)."""
    body = ctx.norm[start:end]
    return _kind(body) == "common" and (_tag(body) or "").startswith("n")


def _strip_country(ctx: Context, start: int, end: int) -> int:
    """Drop a country word that jieba glued to the front of a name (`日本丰田汽车公司`, `韩国SK集团`),
    not one opening a known firm's own name (`日本电产（上海）…有限公司`)."""
    word = ctx.norm[start:start + 2]
    if word not in _words().countries or _starts_with_known(ctx.norm[start:end]):
        return start
    return start + 2 if end - start - 2 >= 3 or _ASCII_ALNUM.match(ctx.norm, start + 2) else start


def _country_kept(ctx: Context, start: int, end: Optional[int] = None) -> int:
    """`日本电产`: a country word before a two-character Chinese non-word that is a registered
    name's whole body is part of it (`日本电产株式会社`, `日本电产（上海）…`; not before a Latin one:
    `韩国SK集团`, nor before a brand that runs on: `法国达飞海运集团`); before a glossed name (ending
    at `end`) only when that word is the whole name (`马来西亚丰隆国际（Hong Leong International）` →
    `丰隆国际`)."""
    country = _country_before(ctx, start)
    if country == start:
        return start
    token = ctx.tokens.token_at(start)
    if (token and token[0] == start and token[1] - start <= 2 and (end is None or token[1] == end)
            and HAN_CHAR.match(ctx.norm, start) and _tag(ctx.norm[token[0]:token[1]]) is None
            and (end is not None or _body_ends(ctx, token[1]))):
        return country
    return start


def _body_ends(ctx: Context, pos: int) -> bool:
    """A registered name's body ends at `pos`: a legal form or a bracketed region follows."""
    return ctx.norm.startswith(("（", "("), pos) or ctx.norm.startswith(_body_closing_forms(), pos)


@lru_cache(maxsize=1)
def _body_closing_forms() -> tuple[str, ...]:
    """Legal forms that close a body a country belongs to; `集团` does not: a foreign group is
    written after its country (`法国赛峰集团` → `赛峰集团`)."""
    return tuple(f for f in _data().legal_forms + _data().unlisted_forms if f != "集团")


_CLASS_REACH = 4
"""How far into a walked name a class word jieba glued to its neighbours may start (`另一港企…`)."""


def _after_glued_class(ctx: Context, start: int, end: int) -> int:
    """`另一港企华昇电子集团`: a class word for firms near the start of the walk ends what comes before
    the name, even where jieba cut it in half."""
    found = [at + len(word) for word in _data().glued_class_words
             if (at := ctx.norm.find(word, start, min(end, start + _CLASS_REACH + len(word)))) >= 0]
    return max(found) if found and end - max(found) >= 2 else start


_RARE_NOUN = 200
"""Below this dictionary frequency a two-character noun before a legal form is a trade name
(`信义集团`, `人本集团`); class words before one are far more common (`跨国集团`, `企业集团`)."""


def _rare_noun_name(body: str) -> bool:
    return len(body) == 2 and pos_tag(body) in ("n", "nz") and word_frequency(body) < _RARE_NOUN


def _resolve_full(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """Walk left from a legal form over name words; refuse generic bodies (`上市公司`).

    After a strong legal form (`有限公司`) a body of dictionary words is still a name
    (`烽火通信科技股份有限公司`); a generic body after a country word takes it (`新加坡政府投资公司`).
    """
    suffix_start, end = match.span()
    if match.group(0) == "集团" and _form_follows(ctx, end):
        return None
    strong = match.group(0).endswith(_words().strong_forms)
    walked = _walk_left(ctx, suffix_start, _MAX_FULL_BODY, inner_verbs=strong)
    if ctx.tokens.token_at(walked) == (walked, walked + 1) and _orphan_character(ctx, walked - 1):
        walked -= 1
    walked = _after_glued_class(ctx, walked, suffix_start)
    walked = _region_glued_before(ctx, walked)
    if strong:
        walked = _list_item_opening(ctx, walked)
    start = _country_kept(ctx, walked)
    if suffix_start - start < 2 or ctx.norm[start:end] in _words().not_company:
        return None
    if ctx.norm[start] in "（(" or _presence_abbreviation(ctx, start) or _COUNTED_KIND.search(ctx.norm, start, suffix_start):
        return None
    if start == walked:
        start = _strip_country(ctx, start, suffix_start)
    if ctx.norm[start - 1:start] in ("）", ")"):
        start += next((len(v) for v in _JOINT_VERBS if ctx.norm.startswith(v, start)), 0)
    if strong:
        start = _brand_split_after_place(ctx, start)
    start = _after_apposition_head(ctx, start, suffix_start)
    start = _declared_lead(ctx, start, end)
    kinds = _body_kinds(ctx, start, suffix_start)
    if ctx.norm[start:suffix_start] in _known():
        kinds.add("known")
    if kinds == {"common"} and _rare_noun_name(ctx.norm[start:suffix_start]):
        kinds.add("brand")
    if strong and not kinds & {"brand", "known", "place"}:
        anchored = _place_anchor(ctx, start, suffix_start)
        if anchored is not None:
            start, kinds = anchored, _body_kinds(ctx, anchored, suffix_start)
    if not kinds & {"brand", "known", "place"}:
        country = _country_before(ctx, start)
        glossed = _LATIN_GLOSS.match(ctx.norm, end) is not None
        if country < start and (glossed or "common" not in kinds) and _name_closes(ctx, end) and not ctx.norm[end:end + 1].isascii():
            start = country
        elif country < start and "common" in kinds and _name_closes(ctx, end) and not _ASCII_ALNUM.match(ctx.norm, end, end + 1):
            pass
        elif not (strong and (suffix_start - start >= 3 or match.group(0).startswith("集团") and _noun_body(ctx, start, suffix_start))
                  or _declares_short_name(ctx, start, suffix_start, end)):
            return None
    if match.group(0).endswith("集团") and not ctx.tokens.is_boundary(end) and HAN_CHAR.match(ctx.norm, end, end + 1):
        return None
    if match.group(0) == "集团":
        region = _BRACKETED_REGION.match(ctx.norm, end, end + 8)
        end = region.end() if region else end
    return start, _registered_branch(ctx, end) if strong or match.group(0) == "集团" else end


_ITEM_MARKER = regex.compile(r"[\s　]*(?:\d{1,3}[.．、]|[（(]\d{1,3}[）)]|\d{1,3}(?=[\s　]))[\s　]*")
_MAX_ITEM_LEAD = 4


def _list_item_opening(ctx: Context, walked: int) -> int:
    """`6. 氢动未来能源科技（浙江）有限公司`, `6.中建材澄河光电玻璃有限公司：`: a registered name opening a
    numbered item starts right after its number, a walk stopped by a common word (`未来`, `中`) or not."""
    line_start = ctx.norm.rfind("\n", 0, walked) + 1
    marker = _ITEM_MARKER.match(ctx.norm, line_start, walked)
    if marker is None or not 0 < walked - marker.end() <= _MAX_ITEM_LEAD:
        return walked
    return marker.end() if HAN_RUN.fullmatch(ctx.norm, marker.end(), walked) else walked


def _region_glued_before(ctx: Context, start: int) -> int:
    """`湖南麓禾智能装备股份有限公司`, which jieba reads `湖|南麓|禾`: a walk stopped by a word that opens
    with a region's last character runs back over the region and that word."""
    token = ctx.tokens.token_at(start - 1) if start > 0 else None
    if token is None or token[1] != start or token[1] - token[0] != 2:
        return start
    regions = _regions()
    for size in _region_sizes():
        region_start = token[0] + 1 - size
        if region_start >= 0 and ctx.norm[region_start:token[0] + 1] in regions and _opens_name(ctx, region_start):
            return region_start
    return start


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    return frozenset(_data().regions)


@lru_cache(maxsize=1)
def _region_sizes() -> tuple[int, ...]:
    """The lengths of the region words, longest first."""
    return tuple(sorted({len(r) for r in _regions()}, reverse=True))


def _declares_short_name(ctx: Context, start: int, suffix_start: int, end: int) -> bool:
    """`银河娱乐集团（下称「银娱」）`: a name the text declares a short name of is a firm's, common
    words or not (two characters at least, not a place alone, not opened by a generic word or a
    verb: `投资集团有限公司`)."""
    first = _token_text(ctx, start)
    return (suffix_start - start >= 2 and _DECLARED.match(ctx.norm, end) is not None
            and HAN_RUN.fullmatch(ctx.norm, start, suffix_start) is not None
            and not _is_place_like(ctx.norm[start:suffix_start])
            and first not in _data().generic and _tag(first) not in _VERB_TAGS)


def _declared_lead(ctx: Context, start: int, end: int) -> int:
    """`超聚变数字技术有限公司（以下简称“超聚变”）`: the short name declared right after a registered name
    opens it, so a walk that stopped short of it (at a word read as a verb) runs back over it."""
    declared = _DECLARED.match(ctx.norm, end)
    shorts = (declared.captures("quoted") or declared.captures("bare")) if declared else []
    for short in shorts:
        if start >= len(short) and ctx.norm.startswith(short, start - len(short)):
            return start - len(short)
    return start


_JOINT_VERBS = ("联合", "会同", "协同")
"""`…（以下简称“津渤物流”）联合海澜集装箱运输集团新开通…`: right after a firm's bracket the word is what
it does with the next firm, not the start of that firm's name."""
_COUNTED_KIND = regex.compile(r"(?:[两二三四五六七八九十]|\d+)[大家](?=\p{Han})")
"""`中国海油三大石油公司`, `招商局两大航运集团`: a count of a kind of firm sums up the names before it."""


_FUNCTION_TOKEN_TAGS = frozenset("p c u uj ul uz ug uv ud r y e o".split())


def _place_anchor(ctx: Context, start: int, suffix_start: int) -> Optional[int]:
    """`南京英达公路养护车制造有限公司`, `德阳天元重工股份有限公司`: a registered name opens with its
    place; when the walk from the legal form stopped at a word jieba misread (a verb, a measure
    word) and left only trade words, the name runs back to the nearest place word over any words
    but function words, or to the start of its list member (`、超聚变数字技术有限公司`)."""
    pos = start
    while pos > 0 and suffix_start - pos < _MAX_FULL_BODY:
        if ctx.norm[pos - 1] == "、" and pos < start:
            return pos
        token = ctx.tokens.token_at(pos - 1)
        if token is None or not HAN_RUN.fullmatch(ctx.norm, token[0], pos):
            return None
        word = ctx.norm[token[0]:token[1]]
        trade = _tag(word) in _VERB_TAGS and len(word) >= 2
        if (word in _words().countries or (word in _words().left_stops and not trade)
                or _tag(word) in _FUNCTION_TOKEN_TAGS):
            return None
        if len(word) == 1 and word in _STOP_CHARS:
            return None
        if len(word) >= 2 and _is_place(word):
            return _places_before(ctx, token[0])
        pos = token[0]
    return None


def _places_before(ctx: Context, start: int) -> int:
    """`浙江中科拓维…`: place words side by side at a name's left edge all belong to it."""
    while start > 0:
        token = ctx.tokens.token_at(start - 1)
        if token is None or token[1] != start or token[1] - token[0] < 2 or not HAN_RUN.fullmatch(ctx.norm, *token):
            return start
        if not _is_place(ctx.norm[token[0]:token[1]]):
            return start
        start = token[0]
    return start


def _presence_abbreviation(ctx: Context, start: int) -> bool:
    """`其在华投资公司`: after `在`/`来`/`赴`/`驻` one character is a country or city abbreviation
    (in China, in Shanghai), not the first of a brand."""
    token = ctx.tokens.token_at(start)
    return (start > 0 and ctx.norm[start - 1] in "在来赴驻" and token is not None
            and token[0] == start and token[1] - start == 1)


def _brand_split_after_place(ctx: Context, start: int) -> int:
    """`宁波均胜电子股份有限公司`: jieba split the brand `均胜` into single characters and the walk
    stopped at the first as a word of its own (the adverb `均`); with a place right before it,
    that character opens the brand and the name runs back to the place."""
    first = ctx.tokens.token_at(start)
    cut = ctx.tokens.token_at(start - 1) if start > 0 else None
    if first is None or cut is None or first[1] - first[0] != 1 or cut[1] - cut[0] != 1:
        return start
    place = ctx.tokens.token_at(cut[0] - 1) if cut[0] > 0 else None
    if place is None or place[1] - place[0] < 2 or not _is_place(ctx.norm[place[0]:place[1]]):
        return start
    character = ctx.norm[cut[0]]
    if character in _STOP_CHARS or _tag(character) in _FUNCTION_TOKEN_TAGS or not HAN_CHAR.match(character):
        return start
    return place[0]


@lru_cache(maxsize=1)
def _apposition_heads_re() -> regex.Pattern:
    return regex.compile(alternation(_data().apposition_heads))


def _after_apposition_head(ctx: Context, start: int, suffix_start: int) -> int:
    """`澳门本土药企澳药堂制药有限公司`, `外资企业博世…有限公司`: a class word inside the walked body
    describes the firm named after it; the name starts after the last one when a brand follows it
    (`苏州国企投资控股有限公司` keeps its whole name)."""
    for head in reversed(list(_apposition_heads_re().finditer(ctx.norm, start, suffix_start))):
        if suffix_start - head.end() >= 2 and _body_kinds(ctx, head.end(), suffix_start) & {"brand", "known"}:
            return head.end()
    return start


_INDUSTRY_LIST_TAIL = regex.compile(
    r"(?:[、和及与]\p{Han}{2,8})*等(?:[\d一二三四五六七八九十百]+[个大项])?\p{Han}{0,6}?(?:产业|领域|方向|赛道|行业|业态)")
"""`低空经济、具身智能等未来产业`, `装备制造、石化化工等8个产业`: a list closed by an industry word lists
industries, not firms."""


def _resolve_short(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """Brand + short-name suffix (`迈为股份`); after an industry word a noun-like suffix is dropped.
    A cue verb may follow though jieba glues it on (`由合肥产投领投` → `产投领|投`); a park may not
    (`澄湖生物园` is a park named by its trade, no firm)."""
    suffix_start, end = match.span()
    data = _data()
    cue_follows = ctx.norm.startswith(_verb_cues(), end)
    if not _may_follow_name(ctx, suffix_start) or _followed_by_class(ctx, end) or not (ctx.tokens.is_boundary(end) or cue_follows):
        return None
    if ctx.norm.startswith("园", end):
        return None
    if _attribute_follows(ctx, end) or _INDUSTRY_LIST_TAIL.match(ctx.norm, end):
        return None
    start = _walk_left(ctx, suffix_start, _MAX_SHORT_BODY)
    orphan = suffix_start - start == 1 and _orphan_character(ctx, start - 1)
    if orphan:
        start -= 1
    if match.group(0) in data.place_named_suffixes:
        start = _place_right_before(ctx, start, suffix_start)
    body = ctx.norm[start:suffix_start]
    if match.group(0) in data.place_named_suffixes and _names_place_firm(body) and _starts_word(ctx, start):
        if _COUNTED_BEFORE.search(ctx.norm, max(0, start - 6), start):
            return None
        following = _token_text(ctx, end)
        institution = (_tag(following) or "").startswith("nt")
        closes = (_name_closes(ctx, end) and not institution) or following in _words().cues_after or cue_follows
        return (start, end) if closes else None
    if suffix_start - start < 2 or not _starts_word(ctx, start) or ctx.norm[start].isdigit():
        return None
    if _is_place_like(body) and body not in _group_prefixes():
        return None
    if match.group(0) in data.noun_like_suffixes:
        inner = next((w for w in data.short_suffixes if body.endswith(w) and len(body) - len(w) >= 2), None)
        if inner and _strict_kinds(ctx, start, suffix_start - len(inner)) & {"brand", "known"}:
            return start, suffix_start
    kinds = {"brand"} if body in _group_prefixes() else _strict_kinds(ctx, start, suffix_start)
    if "generic" in kinds or not kinds & {"brand", "known"} or _quoted(ctx, start, end):
        return None
    if not _starts_word(ctx, suffix_start) or (not orphan and _clause_of_characters(ctx, start, suffix_start)):
        return None
    if kinds == {"known"} and _kind(_token_text(ctx, end)) in ("generic", "common"):
        return None
    return start, end


def _place_right_before(ctx: Context, start: int, suffix_start: int) -> int:
    """`联合湖北高投`: under a suffix a bare place names, the place right before it is the whole
    name when the walk took a word before it that is no place (`江苏江南农村商业银行` stays whole)."""
    token = ctx.tokens.token_at(suffix_start - 1)
    if token is None or token[1] != suffix_start or token[0] <= start:
        return start
    if not _names_place(ctx.norm[token[0]:suffix_start]) or _names_place(ctx.norm[start:token[0]]):
        return start
    return token[0]


@lru_cache(maxsize=1)
def _group_prefixes() -> frozenset[str]:
    """`华润`, `中车`, `招商局`: group names that open registered names like regions do, yet are
    brands of their own before a short-name suffix (`华润电力`)."""
    data = _data()
    return frozenset(w for w in data.region_prefixes if w not in data.regions and pos_tag(w) != "ns")


def _orphan_character(ctx: Context, pos: int) -> bool:
    """`确保中天钢铁`: jieba cut a two-character brand into single characters and read the first as a
    function word (`中`); a lone name character after a verb, a delimiter or a place with `的`
    (`杭州的中欣晶圆`) belongs to the brand."""
    if pos < 0 or ctx.norm[pos] in _STOP_CHARS or not _NAME_CHAR.match(ctx.norm, pos):
        return False
    token = ctx.tokens.token_at(pos)
    if token is None or token != (pos, pos + 1):
        return False
    return (pos == 0 or ctx.norm[pos - 1] in _DELIMS or _tag(_token_text(ctx, pos - 1)) in _VERB_TAGS
            or _place_of_before(ctx, pos) < pos)


_COUNTED_BEFORE = regex.compile(r"(?:[\d一二两三四五六七八九十百千几多数]|各|部分|一些)[家个所]$")
"""`两家澳门银行`: a counted place bank is the place's banks, a class, not one firm."""


def _names_place_firm(body: str) -> bool:
    """A region's name, also with the words a region's firm puts before its trade (`澳门国际银行`)."""
    middle = next((m for m in _data().place_firm_middles if body.endswith(m)), None)
    return _names_place(body) or (middle is not None and _names_place(body[:-len(middle)]))


def _names_place(body: str) -> bool:
    """`苏州`, `江苏`, `宁波市`, `北部湾`: a whole body that is one region, as in a city or provincial bank."""
    stem = body[:-1] if body.endswith(("市", "省")) else body
    return len(stem) >= 2 and (stem in _words().places or _tag(stem) == "ns" or stem.endswith(_region_endings()))


@lru_cache(maxsize=1)
def _region_endings() -> tuple[str, ...]:
    """Last characters of a region's name jieba does not tag as a place (`北部湾`, `长三角`)."""
    return tuple(_data().region_endings)


def _may_follow_name(ctx: Context, pos: int) -> bool:
    """A name character or a closing bracket stands before `pos`; checked before any segmenting,
    since anything else (a comma, a quote) ends the walk left at once."""
    return pos > 0 and (_NAME_CHAR.match(ctx.norm, pos - 1) is not None or ctx.norm[pos - 1] in "）)")


def _clause_of_characters(ctx: Context, start: int, end: int) -> bool:
    """A body of single characters holding a verb or direction word is a clause (`能搭上新能源`)."""
    pieces = _pieces(ctx, start, end)
    return all(len(p) == 1 for p in pieces) and any(_tag(p) in ("v", "f", "d", "p") for p in pieces)


def _attribute_follows(ctx: Context, end: int) -> bool:
    """`智能装备`, `光纤技术`: the suffix word is an attribute of the noun after it."""
    following = _token_text(ctx, end)
    return following in _words().attribute_heads or (len(following) >= 3 and following.endswith(("产业", "行业", "领域", "板块", "集群")))


def _quoted(ctx: Context, start: int, end: int) -> bool:
    """A span filling a pair of quotes is a slogan or title (`“吴江动力”`)."""
    return start > 0 and ctx.norm[start - 1] in "“\"" and ctx.norm[end:end + 1] in ("”", "\"")


def _after_glued_country(ctx: Context, start: int) -> bool:
    """`韩国三星电子`: jieba's dictionary holds the firm with its country as one word."""
    token = ctx.tokens.token_at(start)
    return token is not None and token[0] < start and ctx.norm[token[0]:start] in _words().countries


_STAR_GRADE_AT = regex.compile(r"[一二两三四五六七八九]星(?:级|[、和及与至到][一二两三四五六七八九]星)")
_STAR_GRADE_BEFORE = regex.compile(r"[一二两三四五六七八九]星级?[、和及与至到]$")


def _is_star_grade(ctx: Context, start: int) -> bool:
    """`分为一星、二星、三星三个等次`, `三星级开发区`: a grade of stars, not 三星 the firm."""
    return (_STAR_GRADE_AT.match(ctx.norm, start) is not None
            or _STAR_GRADE_BEFORE.search(ctx.norm, max(0, start - 4), start) is not None)


def _resolve_known(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """A well-known firm, with what completes its name (`广汽三菱`, `三菱电机`, `博世力士乐`) and a
    branch named after it (`中国石化金陵石化分公司`); one opening with digits (`361度`) only where a
    name may start, not as a figure after its measure (`年用电量361度`)."""
    start, end = match.span()
    if not (_starts_word(ctx, start) or _after_glued_country(ctx, start)) or _is_star_grade(ctx, start):
        return None
    if ctx.norm[start].isdigit() and start > 0 and ctx.norm[start - 1] not in _DELIMS:
        return None
    extended = _extend_known(ctx, end)
    if extended is None:
        return None
    if extended > end:
        extended = _branch_after_word(ctx, (end, extended)) or extended
    if extended != end and _attribute_follows(ctx, extended):
        extended = end
    if _followed_by_class(ctx, extended) and not ctx.norm.startswith("产业园", extended):
        return None
    if _ASSOCIATION_NAMED.match(ctx.norm, extended):
        return None
    return start, extended


_ASSOCIATION_NAMED = regex.compile(r"(?:和|与|及)\p{Han}{1,10}?(?:联合会|协会|商会|学会|研究会)")
"""`中国石油和化学工业联合会`: a known firm's name opening an association's name is no firm there."""


@lru_cache(maxsize=1)
def _facility_endings() -> tuple[str, ...]:
    """Endings of what a firm has or runs (`开放平台`, `健康谷`), never of its name."""
    return tuple(_data().attribute_heads + _data().place_endings)


_GLUED_FUNCTION_CHARACTERS = frozenset("为在与和的是将已于")
"""`晶合集成为代表` cut `成为`: a one-character function word jieba glued to a known name's end."""


def _extend_known(ctx: Context, end: int) -> Optional[int]:
    """End of a known firm's name: another known firm (a joint venture), a business word
    ending the name (`华为终端作为…`) or an unknown brand word ending it (`博世力士乐、`), and a branch
    named by a place after either (`北汽新能源常州分公司`).
    Place, product and project words after it are not taken (`京东方北京基地`), nor a word that
    cues a bare name as a company (`华为官网`, `腾讯财报`) or a technology term (`华为AI算力中心`):
    it is what the firm has or does."""
    words = _words()
    for _ in range(3):
        token = ctx.tokens.token_at(end)
        if token is None:
            return end
        if token[0] != end:
            rest = ctx.norm[end:token[1]]
            if rest in words.known or rest in words.business:
                end = token[1]
                continue
            return end if rest in _GLUED_FUNCTION_CHARACTERS else None
        word = ctx.norm[token[0]:token[1]]
        if word in words.cues_after or word in words.latin_terms:
            return end
        branch = _place_branch(ctx, token)
        if branch is not None:
            return branch
        if word in words.known and not _is_place(word):
            end = token[1]
            continue
        brand = (len(word) >= 2 and _tag(word) in (None, "nz", "nr", "nrt") and _HAN_OR_LATIN.fullmatch(word)
                 and word[0] not in _GLUED_AFTER and word[0] not in _FUNCTION_LEADS
                 and not word.endswith(_facility_endings()) and not _is_place(word)
                 and not _PERIOD_WORD.search(word) and not ctx.norm.startswith(_bank_branch_forms(), token[1]))
        if (word in words.business or brand) and _name_closes(ctx, token[1]):
            end = token[1]
            following = ctx.tokens.token_at(end)
            if following is not None and following[0] == end:
                return _place_branch(ctx, following) or end
        elif brand and _token_text(ctx, token[1]) in words.business:
            end = token[1]
            continue
        return end
    return end


@lru_cache(maxsize=1)
def _bank_branch_forms() -> tuple[str, ...]:
    """`中国建设银行锦川分行`: the word before a bank's branch form is the branch's place, unknown or not."""
    return tuple(_data().bank_branch_forms)


def _place_branch(ctx: Context, token: tuple[int, int]) -> Optional[int]:
    """`比亚迪西安分公司`, `中国石化镇海炼化分公司`: a place, at most one word of its own and `分公司`
    after a firm's name make its branch, a firm of its own (a bank's `分行` is cut instead)."""
    if not _is_place(ctx.norm[token[0]:token[1]]):
        return None
    return _branch_after_word(ctx, token) or _branch_after_word(ctx, (token[1], _word_end(ctx, token[1], 3)))


def _branch_after_word(ctx: Context, token: tuple[int, int]) -> Optional[int]:
    """End of a branch form (`分公司`) right after `token`, if one follows."""
    following = next((form for form in _data().branch_forms if ctx.norm.startswith(form, token[1])), None)
    return token[1] + len(following) if following else None


def _registered_branch(ctx: Context, end: int) -> int:
    """`上海振宇物流有限公司无锡分公司`, `中国石油天然气股份有限公司广西石化分公司`: a branch named by a
    place, and at most one word of its own, after a full registered name belongs to it."""
    token = ctx.tokens.token_at(end)
    if token is None or token[0] != end:
        return end
    return _place_branch(ctx, token) or end


_PERIOD_WORD = regex.compile(_PERIOD_NOUN.pattern + r"|^[前第]?[一二三四五六七八九十两]")
"""`前三季度`, `上半年`: a period after a firm's name, never a brand word of it."""


_NOUN_TAGS = frozenset({"n", "ng", "nz", "vn", "b", "an", "j", "l", "nr", "a"})


def _name_closes(ctx: Context, pos: int) -> bool:
    """What follows `pos` ends a name: a delimiter, a function word, a verb or a site's place
    (`LG新能源南京工厂`), not a product or project noun (`富士康半导体高端封测`)."""
    if pos >= len(ctx.norm) or ctx.norm[pos] in _DELIMS or ctx.norm[pos] in _STOP_CHARS:
        return True
    following = _token_text(ctx, pos)
    if _is_place(following) or _is_stop(following):
        return True
    return following[:1].isdigit() or _tag(following) not in _NOUN_TAGS


def _resolve_cue(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """A short name right before a cue verb (`X登陆科创板`), starting after a delimiter or stop word;
    a period may stand between them (`科瑞达一季度营收`). A total is no name (`占总营收的比重`)."""
    if match.group("cue") == "上市" and ctx.norm.startswith(_LISTING_NOUNS, match.end()):
        return None
    end = match.start("cue") - len(match.group("adv") or "")
    period = _PERIOD_BEFORE_CUE.search(ctx.norm, max(0, end - 12), end)
    if period is not None and period.start() < end and ctx.tokens.is_boundary(period.start()):
        end = period.start()
    start = _walk_left(ctx, end, 6)
    if ctx.norm[start:end] in _head_words() or ctx.norm.endswith("总", start, end):
        return None
    if _leads_round(ctx, match, start, end):
        return start, end
    if not _opens_name(ctx, start) or "generic" in _strict_kinds(ctx, start, end):
        return None
    return (start, end) if _plausible_short(ctx, start, end) else None


def _leads_round(ctx: Context, match: regex.Match, start: int, end: int) -> bool:
    """`由中金资本领投`: what leads a round after `由` is an investor, common words or not."""
    return (match.group("cue") in _ROUND_VERBS and ctx.norm[start - 1:start] == "由" and 2 <= end - start <= 6
            and HAN_RUN.fullmatch(ctx.norm, start, end) is not None
            and _token_text(ctx, start) not in _data().generic and not _is_place_like(ctx.norm[start:end]))


_ROUND_VERBS = frozenset({"领投", "跟投", "参投", "独家投资"})


_LISTING_NOUNS = ("公司", "企业", "奖励", "补贴", "辅导", "后备", "培育", "工作")
"""`上市公司`, `另获上市奖励`: `上市` naming a kind of firm or of support, not a firm's listing."""
_REPORTING_PERIOD = r"前三季度|第?[一二三四]季度|[上下]半年|前\d{1,2}个?月|1[-—～至]\d{1,2}月"
"""The periods a firm's figures are reported for (`一季度营收`, `1-9月`)."""
_PERIOD_BEFORE_CUE = regex.compile(rf"(?:(?:19|20)\d\d年度?)?(?:{_REPORTING_PERIOD})?$")


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    return frozenset(_data().list_heads + _data().apposition_heads)


def _opens_name(ctx: Context, start: int) -> bool:
    """True when what precedes `start` is a delimiter or a stop word, so a name may begin there."""
    if start == 0 or ctx.norm[start - 1] in _DELIMS or _is_stop(_token_text(ctx, start - 1)):
        return True
    token = ctx.tokens.token_at(start - 1)
    return token is not None and _split_stop_char(ctx, token) == start


def _resolve_after_head(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """A name right after an apposition head or a cue verb (`上市公司中旗新材的`, `牵手X`); after a
    cue verb, a verb is what is done, not whom (`并购重组`), and neither a generic word, a
    preposition nor a locative `中` glued to a verb opens a name (`港资企业数量则排在第三位`,
    `外资企业用真金白银投出了信任票`, `供应商中有近六成…`); words that
    are all verbs or adjectives are what the firms do (`民营企业做大做强`)."""
    start = match.end()
    if _PERIOD_OPENING.match(ctx.norm, start) or (match.group(0) in _data().pre_cues and _opens_with_verb(ctx, start)):
        return None
    if match.group(0) not in _data().pre_cues and _CLOSES_LIST.search(ctx.norm, max(0, match.start() - 5), match.start()):
        return None
    latin = _LATIN_NAME.match(ctx.norm, start)
    if latin is not None and _latin_company(latin.group()) and not _ASCII_ALNUM.match(ctx.norm, latin.end()):
        return latin.span()
    end = _word_end(ctx, start, 6)
    if end == start or (end < len(ctx.norm) and ctx.norm[end] not in _DELIMS and not _is_stop(_token_text(ctx, end))
                        and not _PERIOD_OPENING.match(ctx.norm, end)):
        return None
    name = ctx.norm[start:end]
    first = _token_text(ctx, start)
    if name.endswith(tuple(_data().measure_endings)) or first in _data().generic or _tag(first) in _FUNCTION_TOKEN_TAGS:
        return None
    if name.startswith("中") and len(first) == 2 and first[1] in _STOP_CHARS:
        return None
    if len(first) == 1 and _tag(first) == "v" or all(_tag(ctx.norm[s:e]) in _VERB_TAGS for s, e in ctx.tokens.words(start, end)):
        return None
    if name.endswith(tuple(_data().short_suffixes)) and len(name) >= 4 and not _is_place_like(name):
        return start, end
    return (start, end) if _plausible_short(ctx, start, end, allow_place=True) else None


def _resolve_after_trade(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """`自动驾驶企业小马智行以…`: a trade's `企业` before a coined name that its clause goes on from
    (a list's `、` or a predicate's opening word): the trade and the clause vouch for it, so even
    dictionary words make it (`星海图`). A kind of firm is no trade (`科技企业孵化器`), nor is one
    dictionary word, a generic word or a verb opening it a name (`企业满意度调查中`)."""
    trade = ctx.tokens.token_at(match.start() - 1)
    if trade is None or trade[1] != match.start() or trade[1] - trade[0] < 2:
        return None
    trade_word = ctx.norm[trade[0]:trade[1]]
    if trade_word.endswith(tuple(_data().firm_kinds)) or _tag(trade_word) not in _TRADE_TAGS:
        return None
    start = match.end()
    end = _word_end(ctx, start, 6)
    if end - start < 3 or not _opens_predicate(ctx, end):
        return None
    name = ctx.norm[start:end]
    if name in _known():
        return start, end
    first = _token_text(ctx, start)
    if first == name and _tag(name) is not None or _tag(first) in _VERB_TAGS or first in _data().generic:
        return None
    return None if _is_place_like(name) or _names_market(name) or not HAN_RUN.fullmatch(name) else (start, end)


_HAN_CHAR = regex.compile(r"\p{Han}")

_TRADE_TAGS = frozenset({"n", "nz", "vn", "v", "j", "l", None})
"""A trade is a noun or an activity (`医疗器械`, `驾驶`), or a word the dictionary lacks (`重卡`)."""


def _opens_predicate(ctx: Context, pos: int) -> bool:
    """A list's `、`, or a word that opens what a named firm did (`在`, `以`, `宣布`, `分别`)."""
    if ctx.norm.startswith("、", pos):
        return True
    token = ctx.tokens.token_at(pos)
    word = ctx.norm[token[0]:token[1]] if token is not None and token[0] == pos else ""
    return word in _data().predicate_openers or word in _data().verb_cues


_CLOSES_LIST = regex.compile(r"(?<![高同平相对均中])等\p{Han}{0,4}$")
"""`A、B等龙头企业满产运行`: a head closing a list with `等` is followed by what the firms do."""


def _opens_with_verb(ctx: Context, start: int) -> bool:
    """Whether a verb of two or more characters starts at `start` (`重组` after `并购`)."""
    token = ctx.tokens.token_at(start)
    return token is not None and token[0] == start and token[1] - start >= 2 and _tag(ctx.norm[start:token[1]]) in _VERB_TAGS


_PERIOD_OPENING = regex.compile(rf"(?:19|20)\d\d年|{_REPORTING_PERIOD}|全年|今年|去年|上年")
"""`上市公司前三季度业绩`: what follows a class word is the period of its figures, not a name."""


def _token_text(ctx: Context, offset: int) -> str:
    token = ctx.tokens.token_at(offset)
    return ctx.norm[token[0]:token[1]] if token else ""


@dataclass(frozen=True)
class _CompanyRule:
    rule: Rule
    resolve: Resolver


@lru_cache(maxsize=1)
def _rules() -> tuple[_CompanyRule, ...]:
    data = _data()
    forms = alternation(f for f in data.legal_forms if f != "集团")
    latin_forms = alternation(data.latin_forms)
    cue_adverbs = "先后|已经|已|正式|成功|刚刚|刚|也|都|将|率先|相继|于|新(?=上市)"
    return (
        _CompanyRule(Rule("latin_legal_name", regex.compile(
            rf"(?<![A-Za-z])(?P<name>[A-Z][\p{{Latin}}0-9&'.\-]*(?: [A-Z][\p{{Latin}}0-9&'.\-]*){{0,4}}(?: \([A-Z][a-z]+\))?,? (?:{latin_forms}))"
            rf"(?![A-Za-z])")),
            _resolve_latin),
        _CompanyRule(Rule("registered_name", regex.compile(
            rf"(?:{alternation(data.partnership_forms)})|(?:集团|（[\p{{Han}}]{{1,6}}）|\([\p{{Han}}]{{1,6}}\))?(?:{forms})|集团(?!{forms})")),
            _resolve_full),
        _CompanyRule(Rule("known_company", FirstOf(
            re.compile(alternation(w for w in data.known if not w.isascii())),
            regex.compile(rf"(?<![A-Za-z])(?:{alternation(data.known_latin + [w for w in data.known if w.isascii()])})(?: [A-Z][a-z]+)*(?![A-Za-z])"))),
            _resolve_known),
        _CompanyRule(Rule("short_name_suffix", re.compile(alternation(data.short_suffixes))), _resolve_short),
        _CompanyRule(Rule("cue_verb_name", regex.compile(
            rf"(?P<adv>{cue_adverbs})?(?P<cue>{alternation(data.verb_cues)})")), _resolve_cue),
        _CompanyRule(Rule("apposition_name", re.compile(
            rf"(?:{alternation(data.apposition_heads + data.pre_cues)})(?:——|—|：)?")), _resolve_after_head),
        _CompanyRule(Rule("trade_class_name", regex.compile(r"(?<=\p{Han}{2})企业(?=\p{Han})")), _resolve_after_trade),
        _CompanyRule(Rule("latin_after_kind", regex.compile(
            rf"(?<=(?:{alternation(data.latin_name_leads + data.countries)}))"
            r"(?P<name>[A-Z][\p{Latin}0-9&'.\-]*(?: [A-Z][\p{Latin}0-9&'.\-]*){0,3})(?![\p{Latin}0-9&'.\-])")),
            _resolve_latin_after_kind),
    )


# --- context propagation: declared short names, glosses and list members ----------------------

_DECLARED = regex.compile(
    r"\s*[（(](?:[^（）()“”「」]{0,30}?|[A-Za-z][^（）“”「」]{0,60}?[，,])(?:以下简称|下称|股票简称|证券简称|中文名|简称)[：:为]?"
    r"(?:[“\"「『](?P<quoted>[^”\"」』（）()]{2,12})[”\"」』](?:(?:或者?|、|，|,|及)[“\"「『](?P<quoted>[^”\"」』（）()]{2,12})[”\"」』])*"
    r"|(?P<bare>[^”\"“「」『』（）()，,]{2,12})(?=[）)，,]))")


_STOCK_SHORT_NAME = regex.compile(
    r"(?:股票|证券|A股|H股)简称(?:为|是|：|:)?\s*[“\"「『](?P<quoted>[^”\"」』（）()，,。\s]{2,12})[”\"」』]")
"""`股票简称“瀚微股份”` anywhere in the text declares a listed company's short name."""

_BRACKET_ALIAS = regex.compile(r"[（(](?P<alias>[\p{Han}A-Za-z]{2,8})(?:[，,]\s?\d{6}(?:\.[A-Z]{2})?)?[）)]")


def _bracket_alias(ctx: Context, cand: Candidate) -> list[str]:
    """`上海芯源半导体设备股份有限公司（芯源设备）`, also with the stock code (`（恒驰新能，301587）`): a
    bracket right after a registered name that opens
    with the name's own brand, or with the name's own opening words (`濠江生物医药有限公司（濠江生物）`),
    declares its short name without `以下简称` (a region or `集团` does not)."""
    alias = _BRACKET_ALIAS.match(ctx.norm, cand.end)
    if alias is None or not ctx.norm[cand.start:cand.end].endswith(tuple(_data().legal_forms)):
        return []
    brands = _short_forms(ctx, cand.start, cand.end)
    word = alias.group("alias")
    opening = len(word) >= 3 and ctx.norm.startswith(word, cand.start)
    if word in brands or word == ctx.norm[cand.start:cand.end]:
        return []
    return [word] if opening or any(word[:2] == brand[:2] for brand in brands) else []


def _declared(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """`…有限公司（以下简称“X”）`, `（股票简称“X”，…）`, `（中文名“X”）`, and `股票简称“X”` anywhere: X is
    a company at its declaration and wherever it recurs in the document; each of `“公司”或“X”` is
    declared, but a class word (`公司`, `发行人`) is no name."""
    shorts = {}
    declarations = [match.group("quoted") for match in _STOCK_SHORT_NAME.finditer(ctx.norm)]
    for cand in found:
        match = _DECLARED.match(ctx.norm, _with_unlisted_form(ctx, cand).end)
        declarations += match.captures("quoted") or match.captures("bare") if match else _bracket_alias(ctx, cand)
    for short in declarations:
        if short not in _head_words() and short not in _words().not_company:
            shorts[short] = True
    out = []
    for short in shorts:
        for start in occurrences(ctx.norm, short):
            out.append(Candidate("company", start, start + len(short), "declared_short_name"))
    return out


def _named_as_place(ctx: Context, word: str) -> bool:
    """`宣平海纳特种纸业有限公司` in a text that also writes `宣平县` (or `杨凌示范区`), or `瑞川县鸿达…
    有限公司`: the opening word is a county, town, city or zone's place the text names, though jieba
    does not know it."""
    if len(word) >= 3 and word[-1] in "县镇乡":
        return True
    if len(word) < 2:
        return False
    suffix_starts, words_before = _place_words(ctx)
    if len(word) <= _MAX_PLACE_WORD:
        return word in words_before
    return any(ctx.norm.startswith(word, end - len(word)) for end in suffix_starts)


_PLACE_ZONES = ("示范区", "开发区", "高新区", "新区", "经开区", "自贸区", "保税区")
"""Zones named by their place (`杨凌示范区`): the word before them is a place, not a brand."""
_NOT_CITY_AFTER_SHI = "场值民面政"
"""`市场`, `市值`, `市民`: a word before these is not named as a city."""
_PLACE_SUFFIX = regex.compile(rf"(?=[县镇乡]|市(?![{_NOT_CITY_AFTER_SHI}])|{alternation(_PLACE_ZONES)})")
_MAX_PLACE_WORD = 6


def _place_words(ctx: Context) -> tuple[list[int], frozenset[str]]:
    """Where a place suffix starts in the text, and every word of up to six characters before one:
    worked out once per text, as a long report asks about hundreds of words."""
    if ctx.place_words is None:
        starts = [m.start() for m in _PLACE_SUFFIX.finditer(ctx.norm)]
        words = frozenset(ctx.norm[end - size:end] for end in starts
                          for size in range(2, _MAX_PLACE_WORD + 1) if end >= size)
        ctx.place_words = (starts, words)
    return ctx.place_words


def _short_forms(ctx: Context, start: int, end: int) -> set[str]:
    """Distinctive leading parts of a registered name, without its region and legal form:
    `大连光洋科技集团有限公司` → `光洋科技`, `光洋科技集团`; a two-character part only when jieba
    does not know it as a word (so `先导` alone never counts); after a known name or a group's
    name, only what runs on from it (`奇瑞汽车股份有限公司` → `奇瑞汽车`, `株洲中车时代半导体有限公司` →
    `中车时代`, `中车时代半导体`), a trade word also as listed firms abbreviate it (`汇锦新材` of
    `合肥汇锦新材料股份有限公司`); none from a zone's developer (`南通经开区城市
    建设投资有限公司` gives no `经开区`, `赣湖经开区城市建设投资有限公司` no `赣湖经开区`)."""
    words = []
    for s, e in ctx.tokens.words(start, end):
        word = ctx.norm[s:e]
        if word.endswith(tuple(_data().legal_forms)) or not _HAN_OR_LATIN.fullmatch(word):
            break
        words.append(word)
    if words and words[0] in _words().countries:
        return set()
    popped = []
    while words and (words[0] in _data().regions or _tag(words[0]) == "ns" and len(words[0]) > 1
                     or _named_as_place(ctx, words[0])
                     or _names_place(words[0]) and words[0] not in _group_prefixes()):
        popped.append(words.pop(0))
    restored = _place_tagged_brand(popped, words)
    if restored:
        words.insert(0, restored)
    group_first = bool(words) and words[0] in _group_prefixes()
    if not words or (_word_kind(words[0]) in ("generic", "place") and not group_first and not restored):
        return set()
    if any(zone in "".join(words) for zone in _ZONE_ENDINGS):
        return set()
    known_first = _kind(words[0]) == "known" or group_first
    if all(_tag(word) in _VERB_TAGS for word in words):
        return set()
    out, text = set(), ""
    for count, word in enumerate(words, 1):
        text += word
        if word == "集团" or text in _words().generic or (known_first and count == 1):
            continue
        if len(text) >= 3 or (len(text) == 2 and _tag(text) is None):
            out.add(text)
            for trade, abbreviation in _data().trade_abbreviations.items():
                if text.endswith(trade) and len(text) >= len(trade) + 2:
                    out.add(text[:-len(trade)] + abbreviation)
    return out


def _place_tagged_brand(popped: list[str], rest: list[str]) -> Optional[str]:
    """`天津津渡国际物流有限公司`: after a region, a second word jieba tags as a place is the brand
    when only trade words follow it (a known region is not: `江苏苏州…`)."""
    if len(popped) < 2 or popped[-1] in _data().regions or len(popped[-1]) != 2 or not rest:
        return None
    if any(_word_kind(word) in ("brand", "known") for word in rest):
        return None
    return popped[-1]


@lru_cache(maxsize=1)
def _zone_name_leads() -> tuple[str, ...]:
    return tuple(_data().zone_name_leads)


_MARKED_NAME_RULES = frozenset({"stock_code_name", "latin_gloss"})


def _splits_compound(ctx: Context, end: int) -> bool:
    """`奇瑞|汽车出口`: jieba joined the name's last word to the next one; the name ends where the
    joined token splits into two dictionary words."""
    token = ctx.tokens.token_at(end)
    if token is None or not token[0] < end < token[1]:
        return False
    head, tail = ctx.norm[token[0]:end], ctx.norm[end:token[1]]
    return len(head) >= 2 and len(tail) >= 2 and word_frequency(head) > 0 and word_frequency(tail) > 0


@lru_cache(maxsize=1)
def _registered_forms() -> tuple[str, ...]:
    """Strong legal forms whose name has a distinctive part to recur alone; a partnership's name
    opens with a region or fund words (`粤澳湾区产业投资基金…合伙企业`), not a brand."""
    return tuple(f for f in _words().strong_forms if f not in _data().partnership_forms)


@lru_cache(maxsize=1)
def _verb_cues() -> tuple[str, ...]:
    """Words after a name that make it a firm's (`营收`, `落户`): jieba may glue the name's last
    character to them (`科达|微营收`), yet the name ends there."""
    return tuple(_data().verb_cues)


def _derived(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """A registered name's distinctive part recurring alone names the same firm (`烽火通信`), as
    does a name the text marked as a firm's with its stock code or Latin name (`科达微（301389）…
    科达微营收`)."""
    shorts = set()
    for cand in found:
        if cand.rule == "registered_name" and ctx.norm.endswith(_registered_forms(), cand.start, cand.end):
            shorts |= _short_forms(ctx, cand.start, cand.end)
        elif cand.rule in _MARKED_NAME_RULES and _HYPHENATED_HAN.fullmatch(ctx.norm, cand.start, cand.end):
            shorts.add(ctx.norm[cand.start:cand.end])
    return _recurrences(ctx, shorts, "derived_short_name")


def _recurrences(ctx: Context, names: set[str], rule: str) -> list[Candidate]:
    """Every place a name the text has shown to be a firm's stands as a word of its own."""
    out = []
    for short in sorted(names, key=len, reverse=True):
        for start in occurrences(ctx.norm, short):
            end = start + len(short)
            if (_starts_word(ctx, start) and (_ends_word(ctx, end) or ctx.norm.startswith(_verb_cues(), end)
                                              or _splits_compound(ctx, end))
                    and not _followed_by_class(ctx, end)
                    and not ctx.norm.startswith(_zone_name_leads(), end)):
                out.append(Candidate("company", start, end, rule))
    return out


_LISTED_RULES = frozenset({"governed_list", "list_member", "apposition_name", "trade_class_name"})
"""Rules whose names the text itself showed to be firms': a list's members, and names after a
class head (`日资企业东洋制罐`, `自动驾驶企业小马智行`)."""
_MIN_RECURRING_LISTED = 3
"""A listed name recurs as a firm only from three characters up: a two-character member is too
often a common word elsewhere in the text."""
_HYPHENATED_HAN = regex.compile(r"\p{Han}+(?:[-－]\p{Han}+)*")
"""A Chinese name, its foreign parts joined by hyphens (`克恩-里伯斯`)."""


def _listed_recurring(ctx: Context, firms: "_Firms") -> None:
    """`西安奕材、禾元生物、必贝特3家公司…。西安奕材采用…`: a name a list or a class head showed to be
    a firm's is one wherever else it stands alone."""
    names = {ctx.norm[c.start:c.end] for c in firms.found
             if c.rule in _LISTED_RULES and c.end - c.start >= _MIN_RECURRING_LISTED
             and _HYPHENATED_HAN.fullmatch(ctx.norm, c.start, c.end)}
    for extra in _recurrences(ctx, names, "listed_name_recurring"):
        if not firms.overlaps((extra.start, extra.end)):
            firms.take(extra)


_LATIN_GLOSS = regex.compile(r"[（(](?P<latin>(?:[0-9]{1,3}(?=[A-Z][A-Za-z]))?[A-Za-z][\p{Latin}0-9&'.\-]*(?: [\p{Latin}&][\p{Latin}0-9&'.\-]*){0,4})(?=[）)，,；;])")
"""A bracketed Latin name; a brand may open with digits before two letters (`递四方（4PX）`), which a
technical term or a unit of one letter cannot (`5G`, `3D`)."""
_STOCK_CODE = regex.compile(
    r"[（(](?:股票代码|证券代码)?[：:]?(?:[0-9]{6}(?:\.[A-Z]{2})?|[0-9]{4,5}\.HK|[A-Z]{1,5}\.(?:US|O|N)"
    r"|(?:NASDAQ|NYSE|纳斯达克|纽交所|港交所)\s?[：:]\s?[A-Z0-9]{1,6})[）)，,]")
"""A-share codes (`（002371）`, `（688729.SH）`), Hong Kong's (`（09880.HK）`) and US tickers (`（PONY.US）`,
`（NASDAQ: PONY）`)."""


def _glossed(ctx: Context, firms: _Firms) -> None:
    """A Latin name in brackets after a firm is a record of its own (`汇丰银行（HSBC）`), and the
    Chinese name it glosses is a firm even when unknown (`美国摩托罗拉（Motorola）` → `摩托罗拉`);
    a stock code in brackets marks the name before it (`东鹏饮料（605499）`), all of it where a known
    firm's name only opens it (`比亚迪股份（01211.HK）`)."""
    ends = firms.ends()
    for pattern, rule in ((_LATIN_GLOSS, "latin_gloss"), (_STOCK_CODE, "stock_code_name")):
        for match in pattern.finditer(ctx.norm):
            bracket = match.start()
            if rule == "latin_gloss" and (not _latin_company(match.group("latin")) or _STOCK_CODE.match(ctx.norm, match.start())):
                continue
            walked = _walk_left(ctx, bracket, _MAX_MEMBER)
            if rule == "latin_gloss" and _names_person(ctx, walked):
                continue
            if bracket not in ends:
                start = opener = _country_kept(ctx, walked, bracket)
                if start == walked:
                    start = _strip_country(ctx, start, bracket)
                if rule == "stock_code_name":
                    start = opener = min(start, _stock_name_start(ctx, bracket))
                named = _stock_name(ctx, start, bracket) if rule == "stock_code_name" else _glossed_name(ctx, start, bracket)
                if not (_opens_name(ctx, opener) and named):
                    continue
                if firms.overlaps((start, bracket)):
                    if rule == "stock_code_name" and all(c.start == start for c in firms.meeting((start, bracket))):
                        _add_overriding(firms, Candidate("company", start, bracket, rule))
                    continue
                firms.take(Candidate("company", start, bracket, rule))
            if rule == "latin_gloss":
                span = match.span("latin")
                if not firms.overlaps(span):
                    firms.take(Candidate("company", span[0], span[1], rule))


def _names_person(ctx: Context, start: int) -> bool:
    """`首席执行官马库斯·韦伯（Markus Weber）`, `首席执行官陈屹（Eric Chen）`: a transliterated name with
    `·`, or a name after a person's title (the walk may have taken the title), glossed in Latin is a
    person."""
    return (ctx.norm[start - 1:start] in ("·", "•") or ctx.norm.endswith(_person_titles(), 0, start)
            or ctx.norm.startswith(_person_titles(), start))


@lru_cache(maxsize=1)
def _person_titles() -> tuple[str, ...]:
    return tuple(longest_first(_data().person_titles))


_MAX_STOCK_NAME = 6


def _stock_name_start(ctx: Context, bracket: int) -> int:
    """A stock name filling the clause up to its code is whole even where jieba splits off a
    function character (`中新集团（601512）`, `苏州高新（600736）`); stock names are short."""
    clause = max(ctx.norm.rfind(d, max(0, bracket - _MAX_STOCK_NAME - 1), bracket) for d in _DELIMS)
    if clause < 0 and bracket > _MAX_STOCK_NAME:
        return bracket
    start = clause + 1
    lead = next((s for s in (*_SEPARATORS, *_CLAUSE_OPENERS) if ctx.norm.startswith(s, start)), "")
    start += len(lead)
    return start if bracket - start >= 2 else bracket


_CLAUSE_OPENERS = ("其中", "包括", "如", "比如", "例如")
"""Words opening the clause a stock name fills, not part of it (`，其中广益新材（301787）于…上市`)."""


def _stock_name(ctx: Context, start: int, end: int) -> bool:
    """A stock code vouches for the name before it, even one made of a place and a zone word
    (`苏州高新`) or of common nouns (`天赐材料`); only generic words and markets are refused."""
    name = ctx.norm[start:end]
    return (2 <= end - start <= _MAX_STOCK_NAME and HAN_RUN.fullmatch(name) is not None
            and not _names_market(name) and name not in _words().not_company
            and _body_kinds(ctx, start, end) != {"generic"})


_LATIN_LED = regex.compile(r"[A-Z]{2,4}\p{Han}{2,6}")
"""`SK创新（SK Innovation）`: a Chinese name opening with its group's Latin letters."""


def _glossed_name(ctx: Context, start: int, end: int) -> bool:
    """The Chinese name before a gloss: a plausible name, not a generic or place phrase; a brand
    word may end in a generic one (`丰泰国际（Wilmar International）`), any word a bank's or
    broker's (`盘谷银行（Bangkok Bank）`)."""
    if not 2 <= end - start <= _MAX_MEMBER:
        return False
    name = ctx.norm[start:end]
    if _is_place_like(name) or _names_market(name) or not (_HYPHENATED_HAN.fullmatch(name) or _LATIN_LED.fullmatch(name)):
        return False
    kinds = _body_kinds(ctx, start, end)
    last = _token_text(ctx, end - 1)
    return bool(kinds & {"brand", "known", "common"}) and (
        last not in _words().generic or _kind(_pieces(ctx, start, end)[0]) == "brand"
        or last in _data().place_named_suffixes)


_SEPARATORS = ("、", "和", "及", "与", "以及")
_MEMBER_END = regex.compile(r"[、，,。；;：:（()）\n“”]|等|以及|和|及|与")


def _member_stop(ctx: Context, start: int) -> Optional[regex.Match]:
    """The first list delimiter after `start`; `和`/`及`/`与` only between words (not in `万和新电气`)."""
    for stop in _MEMBER_END.finditer(ctx.norm, start, start + _MAX_MEMBER + 1):
        if len(stop.group(0)) > 1 or stop.group(0) not in "和及与" or ctx.tokens.is_boundary(stop.start()):
            return stop
    return None


def _before_predicate(ctx: Context, start: int, end: int) -> int:
    """The last member of a list runs into the clause's predicate (`大众安徽相继扩产。`): it ends
    before the first word after its first that cannot be part of a name, or before a verb that
    names may hold when the predicate follows it (`红杉中国联合领投`)."""
    first = ctx.tokens.token_at(start)
    position = first[1] if first else end
    while position < end:
        token = ctx.tokens.token_at(position)
        if token is None or _is_stop(ctx.norm[token[0]:token[1]]):
            return position
        after = ctx.tokens.token_at(token[1]) if token[1] < end else None
        if _tag(ctx.norm[token[0]:token[1]]) in _VERB_TAGS and after and _is_stop(ctx.norm[after[0]:after[1]]):
            return position
        position = token[1]
    return end


def _before_preposition(ctx: Context, start: int, end: int) -> int:
    """`格林美、华友循环在肥西、长丰布局`: a member ends before a preposition opening a list of places."""
    first = ctx.tokens.token_at(start)
    for s, e in ctx.tokens.words(first[1] if first else end, end):
        if _tag(ctx.norm[s:e]) == "p":
            return s
    return end


def _right_member(ctx: Context, end: int, ref_len: int) -> Optional[tuple[int, int]]:
    sep = next((s for s in _SEPARATORS if ctx.norm.startswith(s, end)), None)
    if sep is None:
        return None
    start = end + len(sep)
    stop = _member_stop(ctx, start)
    if stop and stop.start() - start >= 2 and (stop.group(0) in "、等，,。；;" or sep == "、"):
        member_end = stop.start()
        if stop.group(0) not in "、等":
            member_end = _before_predicate(ctx, start, member_end)
        else:
            member_end = _before_preposition(ctx, start, member_end)
        closed = (ctx.norm[member_end] in "、等，,。；;）)" or member_end - start >= 2 and member_end < stop.start()
                  or sep == "、" and member_end == stop.start() and stop.group(0) in _SEPARATORS)
        if ctx.norm[member_end] in "、等" or member_end - start <= _MAX_MEMBER:
            if closed and not (sep != "、" and member_end - start > ref_len + 2):
                return start, member_end
    latin = _LATIN_NAME.match(ctx.norm, start)
    if latin and sep == "、" and ctx.norm[latin.end():latin.end() + 1] in ("、", "等", "，", "（"):
        return latin.span()
    for length in (ref_len, ref_len - 1, ref_len + 1, 2, 3, 4, 5, 6):
        if length >= 2 and ctx.tokens.is_boundary(start + length):
            following = _token_text(ctx, start + length)
            if following == "的":
                continue
            if following in _words().business and length < _MAX_SHORT_BODY:
                continue
            if following in _data().apposition_heads and _HAN_CHAR.match(ctx.norm, start + length + len(following)):
                return None
            if (not following or ctx.norm[start + length] in _DELIMS or _is_stop(following)
                    or _kind(following) == "generic" or _NUMERIC_WORD.match(following)):
                return start, start + length
    return None


def _left_member(ctx: Context, start: int) -> Optional[tuple[int, int]]:
    """The member before a firm in a list, over the firm's own place (`杭州的中欣晶圆、温州的…`)."""
    start = _place_of_before(ctx, start)
    sep = next((s for s in _SEPARATORS if ctx.norm.endswith(s, 0, start)), None)
    if sep is None:
        return None
    end = start - len(sep)
    latin = _LATIN_NAME_BEFORE.search(ctx.norm, max(0, end - 40), end)
    if latin and sep == "、" and (latin.start() == 0 or ctx.norm[latin.start() - 1] in _DELIMS):
        return latin.span()
    low = max(0, end - _MAX_MEMBER - 1)
    chunk = max(ctx.norm.rfind(d, low, end) for d in "，,。；;：:、（()）\n“”")
    if sep == "、" and (chunk >= 0 or low == 0) and end - chunk - 1 >= 2 and not _has_function_word(ctx, chunk + 1, end) and _plausible_member(ctx, chunk + 1, end):
        return chunk + 1, end
    begin = _walk_left(ctx, end, _MAX_MEMBER)
    if _orphan_character(ctx, begin - 1):
        begin -= 1
    if not _opens_name(ctx, begin) or _owned_thing(ctx, begin):
        return None
    return begin, end


def _owned_thing(ctx: Context, begin: int) -> bool:
    """`…有限公司的高纯氧化铝粉体、…`: what follows another firm's `的` is its product, not a firm;
    a place's `的` opens a firm (`温州的浙江瑞明…`)."""
    return begin > 0 and ctx.norm[begin - 1] == "的" and _place_of_before(ctx, begin) == begin


def _place_of_before(ctx: Context, start: int) -> int:
    """Where `<place>的` right before `start` begins (`温州的浙江瑞明…有限公司`), else `start`."""
    if start < 3 or ctx.norm[start - 1] != "的":
        return start
    token = ctx.tokens.token_at(start - 2)
    if token is None or token[1] != start - 1 or not _is_place_like(ctx.norm[token[0]:token[1]]):
        return start
    return token[0]


def _past_country(ctx: Context, start: int, end: int) -> int:
    """`法国达飞轮船、丹麦马士基等船公司`: a country word before a listed firm's brand says where it
    is from; it stays where it opens a known firm's own name (`日本电产`) or where only an industry
    word follows it (`阿联酋航空`)."""
    name = ctx.norm[start:end]
    country = next((c for c in _countries_longest_first() if name.startswith(c)), None)
    if country is None or len(name) - len(country) < 2 or _starts_with_known(name):
        return start
    return start + len(country) if _kind(name[len(country):]) in ("brand", "known") else start


@lru_cache(maxsize=1)
def _countries_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_words().countries, key=len, reverse=True))


def _trim_member(ctx: Context, span: tuple[int, int]) -> tuple[int, int]:
    """Drop a leading country (`丹麦马士基`), scope or class word (`区内`, `合资企业`), what precedes `的` (`佛山的顺科智造`)
    and a trailing industry word (`芯恩集成电路`), and the spaces some sources put around figures
    (`必贝特 3 家公司`)."""
    start, end = span
    while end > start and ctx.norm[end - 1].isspace():
        end -= 1
    first = ctx.tokens.token_at(start)
    if (first is not None and first[0] == start and first[1] - start >= 2 and end - first[1] >= 2
            and ctx.norm[start:first[1]] in _words().left_stops):
        start = first[1]
    start = _past_country(ctx, start, end)
    cut = ctx.norm.rfind("的", start, end)
    if cut >= 0:
        if not _is_place_like(ctx.norm[start:cut]) and _kind(ctx.norm[start:cut]) != "place":
            return start, start
        start = cut + 1
    token = ctx.tokens.token_at(end - 1)
    if token and token[1] == end and token[0] - start >= 2 and end - token[0] >= 3:
        word = ctx.norm[token[0]:end]
        if word in _words().generic and not word.endswith(_member_suffixes()):
            end = token[0]
    return start, end


_INDUSTRY_WORDS = "行业|产业|领域|赛道"
"""`石化、有色金属、纺织服装三个行业入围企业`: a list counted as industries names no firms."""


@lru_cache(maxsize=1)
def _governing_tail() -> regex.Pattern:
    """`等一批国企`, the list's count in place of `等` (`西部超导、铂力特、爱科赛博3家企业`), or a
    clause saying what all of them are (`…、常州瑞泓，均为新能源汽车配套企业`); not a head that only
    qualifies an industry (`中医药等澳门品牌工业`)."""
    count = r"(?=\s?[\d一二两三四五六七八九十]{1,3}\s?[家个])"
    heads = alternation(_data().list_heads)
    return regex.compile(rf"(?:(?:等|{count})(?:(?!{_INDUSTRY_WORDS})[\p{{Han}}0-9\s]){{0,8}}?|[，,](?:均为|均是|都是|皆为)[\p{{Han}}0-9]{{0,8}}?)(?:{heads})"
                         rf"(?!{alternation(_data().industry_after_head)})")


def _list_governed(ctx: Context, end: int) -> bool:
    """A list ending in `等…企业/公司`, followed by `等` + a company head noun, or by `，均为…企业`."""
    return _governing_tail().match(ctx.norm, end, min(len(ctx.norm), end + 16)) is not None


def _members(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Members of a list in which one member is already a company (`迈为股份、赛伍技术`)."""
    spans = {(c.start, c.end) for c in found}
    index = _SpanSet()
    for span in spans:
        index.add(span)
    queue = sorted(spans)
    out = []
    while queue:
        start, end = queue.pop()
        for member in (_right_member(ctx, end, end - start), _left_member(ctx, start)):
            if not member:
                continue
            member = _trim_member(ctx, member)
            if member not in spans and not index.overlaps(member):
                if _plausible_member(ctx, *member):
                    spans.add(member)
                    index.add(member)
                    queue.append(member)
                    out.append(Candidate("company", member[0], member[1], "list_member"))
    return out


def _governed_lists(ctx: Context, firms: _Firms) -> None:
    """`A、B、C等一批国企`: every member of a list governed by a company head noun."""
    for match in _ENUMERATION_COMMA.finditer(ctx.norm):
        right = _right_member(ctx, match.end() - 1, 4)
        if not right or not _list_governed(ctx, right[1]):
            continue
        if firms.overlaps(_trim_member(ctx, right)):
            continue
        written: Optional[tuple[int, int]] = right
        for walked in range(_MAX_GOVERNED):
            if written is None:
                break
            member = _trim_member(ctx, written)
            plausible = _plausible_member if walked == 0 else _plausible_short
            if not firms.overlaps(member) and plausible(ctx, *member):
                firms.take(Candidate("company", member[0], member[1], "governed_list"))
            left = _left_member(ctx, written[0])
            written = left if left and ctx.norm[left[1]] == "、" else None


_MAX_GOVERNED = 12
"""Members walked left through a governed list: a firm the lexicon cannot vouch for (`科创信息`)
does not hide the firms before it (`云湖信息、科创信息、威胜信息等多家上市企业`). Past the first,
a member must look like a name on its own (an industry such as `生物医药` does not)."""


class _SpanSet:
    """Spans sorted by start. A span can only overlap those that start less than the longest span's
    length before it, so a test looks at a few neighbours, not at every firm of a long report."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self._longest = 0

    def add(self, span: tuple[int, int]) -> None:
        insort(self.spans, span)
        self._longest = max(self._longest, span[1] - span[0])

    def remove(self, span: tuple[int, int]) -> None:
        index = bisect_left(self.spans, span)
        if index == len(self.spans) or self.spans[index] != span:
            raise ValueError(f"span {span} is not in the set")
        del self.spans[index]

    def meeting(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """The spans that overlap `span`."""
        index = bisect_left(self.spans, (span[0] - self._longest, -1))
        out = []
        while index < len(self.spans) and self.spans[index][0] < span[1]:
            if span[0] < self.spans[index][1]:
                out.append(self.spans[index])
            index += 1
        return out

    def overlaps(self, span: tuple[int, int]) -> bool:
        return bool(self.meeting(span))


class _Firms:
    """The firms found so far, in the order they were found, and the spans they took.

    Every firm but a list member takes its span, so the firms a new name meets are looked up
    through the spans. The order is a dict's, so a firm a longer name replaces leaves in O(1)."""

    def __init__(self) -> None:
        self._order: dict[int, Candidate] = {}
        self._owner: dict[tuple[int, int], Candidate] = {}
        self.taken = _SpanSet()

    @property
    def found(self) -> list[Candidate]:
        return list(self._order.values())

    def take(self, candidate: Candidate) -> None:
        span = (candidate.start, candidate.end)
        self._order[id(candidate)] = candidate
        self._owner[span] = candidate
        self.taken.add(span)

    def add_untaken(self, candidate: Candidate) -> None:
        """A list member: a firm of its own that does not keep later names off its span."""
        self._order[id(candidate)] = candidate

    def drop(self, candidate: Candidate) -> None:
        span = (candidate.start, candidate.end)
        del self._order[id(candidate)]
        del self._owner[span]
        self.taken.remove(span)

    def overlaps(self, span: tuple[int, int]) -> bool:
        return self.taken.overlaps(span)

    def meeting(self, span: tuple[int, int]) -> list[Candidate]:
        """The firms whose spans overlap `span`."""
        return [self._owner[taken] for taken in self.taken.meeting(span)]

    def ends(self) -> set[int]:
        return {end for _, end in self.taken.spans}


def _only_known_inside(firms: _Firms, extra: Candidate) -> bool:
    """`奇瑞汽车超级一工厂`: the text's own registered name (`奇瑞汽车股份有限公司`) says how far the
    short name runs, past where a known name (`奇瑞`) stopped."""
    inside = firms.meeting((extra.start, extra.end))
    return bool(inside) and all(c.rule == "known_company" and extra.start <= c.start and c.end <= extra.end
                                and (c.start, c.end) != (extra.start, extra.end) for c in inside)


def _glued_before_declared(firms: _Firms, declared: Candidate) -> list[Candidate]:
    """`3月28日早盘晟辉智能股价…` read as `盘晟辉智能`: a short name found by walking back from a cue
    that ends where a declared name ends, one or two characters before it, is that name."""
    return [c for c in firms.meeting((declared.start, declared.end))
            if c.end == declared.end and 0 < declared.start - c.start <= 2 and c.rule != "registered_name"]


def _add_overriding(firms: _Firms, extra: Candidate) -> None:
    """Add a declared or registered name, replacing candidates inside it (`华晨宝马` over `宝马`,
    `中国电建集团成都勘测设计研究院有限公司` over `中国电建集团`), unless a firm crosses its edge."""
    met = firms.meeting((extra.start, extra.end))
    if any(not (extra.start <= c.start and c.end <= extra.end) for c in met):
        return
    for cand in met:
        firms.drop(cand)
    firms.take(extra)


def find(ctx: Context) -> list[Candidate]:
    firms = _Firms()
    for company_rule in _rules():
        for match in company_rule.rule.finditer(ctx):
            span = company_rule.resolve(match, ctx)
            if not span or span[1] - span[0] < 2:
                continue
            candidate = Candidate("company", span[0], span[1], company_rule.rule.name)
            if not firms.overlaps(span):
                firms.take(candidate)
            elif company_rule.rule.name == "registered_name" and ctx.norm.endswith(_words().strong_forms, *span):
                _add_overriding(firms, candidate)
    _glossed(ctx, firms)
    for extra in _declared(ctx, firms.found):
        for glued in _glued_before_declared(firms, extra):
            firms.drop(glued)
        _add_overriding(firms, extra)
    for extra in _derived(ctx, firms.found):
        if not firms.overlaps((extra.start, extra.end)):
            firms.take(extra)
        elif _only_known_inside(firms, extra):
            _add_overriding(firms, extra)
    _governed_lists(ctx, firms)
    for member in _members(ctx, firms.found):
        firms.add_untaken(member)
    _listed_recurring(ctx, firms)
    _glossed(ctx, firms)
    return sorted((_with_unlisted_form(ctx, c) for c in firms.found), key=lambda c: c.start)


def _with_unlisted_form(ctx: Context, candidate: Candidate) -> Candidate:
    """`住友化学株式会社`: a legal form outside the contract's list written after a name stays in it,
    with the trade words between them (`起亚自动车株式会社`)."""
    found = _unlisted_form_after().match(ctx.norm, candidate.end)
    if found is None or any(_is_stop(ctx.norm[s:e]) for s, e in ctx.tokens.words(*found.span("trade"))):
        return candidate
    return Candidate("company", candidate.start, found.end(), candidate.rule)


@lru_cache(maxsize=1)
def _unlisted_form_after() -> regex.Pattern:
    return regex.compile(rf"(?P<trade>\p{{Han}}{{0,4}}?)(?:{alternation(_data().unlisted_forms)})")


def _form(name: str) -> CompanyForm:
    data = _data()
    endings = data.legal_forms + data.latin_full
    return "full" if name.endswith(tuple(endings)) else "short"


def normalize(candidate: Candidate, ctx: Context) -> Optional[CompanyRecord]:
    text = ctx.text[candidate.start:candidate.end]
    return CompanyRecord(
        start=candidate.start,
        end=candidate.end,
        text=text,
        rule=candidate.rule,
        value=CompanyValue(name=text, form=_form(ctx.norm[candidate.start:candidate.end])),
    )
