"""company records: registered names, group names, short and stock names, well-known firms.

A company name has no closed vocabulary, so each rule pairs an anchor found by a
pattern (a legal form, a short-name suffix, a known firm, a cue verb or list) with
a check on jieba tokens: a name never cuts a word, never starts with the verb or
preposition before it, and is not made only of generic class words
(`高新技术企业`, `新能源汽车`) or a bare place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import regex

from . import lexicon
from .context import Context
from .models import CompanyRecord, CompanyValue
from .rules import Candidate, Rule
from .segment import pos_tag


class CompanyData(lexicon.DataSchema):
    legal_forms: list[str]
    latin_forms: list[str]
    latin_full: list[str]
    short_suffixes: list[str]
    noun_like_suffixes: list[str]
    known: list[str]
    known_latin: list[str]
    list_heads: list[str]
    apposition_heads: list[str]
    verb_cues: list[str]
    pre_cues: list[str]
    left_stops: list[str]
    class_heads: list[str]
    attribute_heads: list[str]
    place_endings: list[str]
    generic: list[str]
    not_company: list[str]
    name_words: list[str]


def _data() -> CompanyData:
    return lexicon.load("company.yaml", CompanyData)


_STOP_TAGS = frozenset("v p c u uj ul uz ug uv ud d r m q f t y e o vd ad zg".split())
_GENERIC_TAGS = frozenset("n vn an a b l i v s ng".split())
_PLACE_TAGS = frozenset({"ns"})
_NAME_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9]")
_DELIMS = "，,。；;：:、！？!?“”\"‘’'（）()《》【】\n\r\t 　—-·/"
_MAX_FULL_BODY = 25
_MAX_SHORT_BODY = 4
_MAX_MEMBER = 8


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_data().known) | frozenset(_data().known_latin)


def _tag(word: str) -> Optional[str]:
    return pos_tag(word)


def _is_stop(word: str) -> bool:
    """A token that cannot be part of a name: function words, verbs, list words."""
    if word in _known():
        return False
    if word in _data().left_stops or not _NAME_CHAR.match(word):
        return True
    if len(word) == 1:
        return word in _STOP_CHARS
    return _tag(word) in _STOP_TAGS and word not in _data().name_words


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


def _kind(word: str) -> str:
    """Classify a word of a name: known, generic, place or brand (anything else)."""
    data = _data()
    if word in _known() or _starts_with_known(word):
        return "known"
    if word in data.generic or word in data.short_suffixes:
        return "generic"
    tag = _tag(word)
    if tag in _PLACE_TAGS:
        return "place"
    if len(word) > 1 and tag in _GENERIC_TAGS:
        return "generic"
    return "brand"


_NUMERIC_WORD = regex.compile(r"[0-9零一二三四五六七八九十百千万两几数多]+[大强家个批]?")


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


def _word_kind(word: str) -> str:
    if _NUMERIC_WORD.fullmatch(word):
        return "generic"
    if len(word) == 1 and word not in _known():
        return "generic" if _tag(word) in _STOP_TAGS | _GENERIC_TAGS else "brand"
    return _kind(word)


_STOP_CHARS = "以为与和及在由对将把被是的了从于等或给并也都还已如像仅有共约近向同跟让"


def _split_stop_char(ctx: Context, token: tuple[int, int]) -> int:
    """Start of a token, or one past it when jieba glued a function character to an unknown name (`为纳`)."""
    word = ctx.norm[token[0]:token[1]]
    if len(word) > 1 and word[0] in _STOP_CHARS and _tag(word) is None and word not in _known():
        return token[0] + 1
    return token[0]


def _starts_word(ctx: Context, pos: int) -> bool:
    token = ctx.tokens.token_at(pos - 1) if pos > 0 else None
    return ctx.tokens.is_boundary(pos) or (token is not None and _split_stop_char(ctx, token) == pos)


def _walk_left(ctx: Context, pos: int, limit: int) -> int:
    """Start of the run of name words ending at `pos`, at most `limit` characters long.

    A full-width bracket group such as `（中国）` is taken whole.
    """
    start = pos
    while start > 0:
        if ctx.norm[start - 1] in "）)":
            opening = max(ctx.norm.rfind("（", max(0, start - 10), start), ctx.norm.rfind("(", max(0, start - 10), start))
            if opening < 0 or pos - opening > limit or opening == 0 or not _NAME_CHAR.match(ctx.norm[opening - 1]):
                break
            start = opening
            continue
        token = ctx.tokens.token_at(start - 1)
        if token is None:
            break
        word = ctx.norm[token[0]:start]
        if _is_stop(ctx.norm[token[0]:token[1]]) or _is_stop(word) or pos - token[0] > limit:
            break
        if _split_stop_char(ctx, token) != token[0]:
            start = token[0] + 1
            break
        start = token[0]
    return start


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
    return any(ctx.norm.startswith(head, end) for head in _data().class_heads)


def _is_place_like(name: str) -> bool:
    return any(name.endswith(e) for e in _data().place_endings)


def _plausible_short(ctx: Context, start: int, end: int, allow_place: bool = False) -> bool:
    """A bare short name: 2–8 characters, whole words, and not only generic or place words."""
    name = ctx.norm[start:end]
    if not 2 <= end - start <= _MAX_MEMBER or _is_place_like(name):
        return False
    if not (_starts_word(ctx, start) and ctx.tokens.is_boundary(end)):
        return False
    if name in _known():
        return True
    if not regex.fullmatch(r"[\p{Han}]+[A-Za-z]?", name):
        return False
    kinds = _body_kinds(ctx, start, end)
    return bool(kinds & {"brand", "known"}) or (allow_place and kinds == {"place", "generic"})


# --- rule resolvers: a match in, a span (or None) out ------------------------------------------

Resolver = Callable[[regex.Match, Context], Optional[tuple[int, int]]]


def _resolve_latin(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    return match.span("name")


def _resolve_full(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """Walk left from a legal form over name words; refuse generic bodies (`上市公司`)."""
    suffix_start, end = match.span()
    start = _walk_left(ctx, suffix_start, _MAX_FULL_BODY)
    if suffix_start - start < 2 or ctx.norm[start:end] in _data().not_company:
        return None
    if ctx.norm[start] in "（(":
        return None
    kinds = _body_kinds(ctx, start, suffix_start)
    if not kinds & {"brand", "known", "place"}:
        return None
    if match.group(0).endswith("集团") and not ctx.tokens.is_boundary(end) and regex.match(r"\p{Han}", ctx.norm[end:end + 1]):
        return None
    return start, end


def _resolve_short(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """Brand + short-name suffix (`迈为股份`); after an industry word a noun-like suffix is dropped."""
    suffix_start, end = match.span()
    data = _data()
    if not ctx.tokens.is_boundary(end) or _followed_by_class(ctx, end):
        return None
    if _attribute_follows(ctx, end):
        return None
    start = _walk_left(ctx, suffix_start, _MAX_SHORT_BODY)
    if suffix_start - start < 2 or not _starts_word(ctx, start):
        return None
    body = ctx.norm[start:suffix_start]
    if match.group(0) in data.noun_like_suffixes:
        inner = next((w for w in data.short_suffixes if body.endswith(w) and len(body) - len(w) >= 2), None)
        if inner and _body_kinds(ctx, start, suffix_start - len(inner)) & {"brand", "known"}:
            return start, suffix_start
    kinds = _body_kinds(ctx, start, suffix_start)
    if "generic" in kinds or not kinds & {"brand", "known"} or _quoted(ctx, start, end):
        return None
    return start, end


def _attribute_follows(ctx: Context, end: int) -> bool:
    """`智能装备`, `光纤技术`: the suffix word is an attribute of the noun after it."""
    return _token_text(ctx, end) in _data().attribute_heads


def _quoted(ctx: Context, start: int, end: int) -> bool:
    """A span filling a pair of quotes is a slogan or title (`“吴江动力”`)."""
    return start > 0 and ctx.norm[start - 1] in "“\"" and ctx.norm[end:end + 1] in ("”", "\"")


def _resolve_known(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    start, end = match.span()
    if not (ctx.tokens.is_boundary(start) and ctx.tokens.is_boundary(end)):
        return None
    if _followed_by_class(ctx, end) and not ctx.norm.startswith("产业园", end):
        return None
    return start, end


def _resolve_cue(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """A short name right before a cue verb (`X登陆科创板`), starting after a delimiter or stop word."""
    end = match.start("cue") - len(match.group("adv") or "")
    start = _walk_left(ctx, end, 6)
    if ctx.norm[start:end] in _data().list_heads + _data().apposition_heads:
        return None
    if not _opens_name(ctx, start) or "generic" in _body_kinds(ctx, start, end):
        return None
    return (start, end) if _plausible_short(ctx, start, end) else None


def _opens_name(ctx: Context, start: int) -> bool:
    """True when what precedes `start` is a delimiter or a stop word, so a name may begin there."""
    if start == 0 or ctx.norm[start - 1] in _DELIMS or _is_stop(_token_text(ctx, start - 1)):
        return True
    token = ctx.tokens.token_at(start - 1)
    return token is not None and _split_stop_char(ctx, token) == start


def _resolve_after_head(match: regex.Match, ctx: Context) -> Optional[tuple[int, int]]:
    """A name right after an apposition head or a cue verb (`上市公司中旗新材的`, `牵手X`)."""
    start = match.end()
    end = _word_end(ctx, start, 6)
    if end == start or (end < len(ctx.norm) and ctx.norm[end] not in _DELIMS and not _is_stop(_token_text(ctx, end))):
        return None
    name = ctx.norm[start:end]
    if any(name.endswith(w) for w in _data().short_suffixes) and len(name) >= 4 and not _is_place_like(name):
        return start, end
    return (start, end) if _plausible_short(ctx, start, end, allow_place=True) else None


def _token_text(ctx: Context, offset: int) -> str:
    token = ctx.tokens.token_at(offset)
    return ctx.norm[token[0]:token[1]] if token else ""


@dataclass(frozen=True)
class _CompanyRule:
    rule: Rule
    resolve: Resolver


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in lexicon.longest_first(words))


@lru_cache(maxsize=1)
def _rules() -> tuple[_CompanyRule, ...]:
    data = _data()
    forms = _alternation(f for f in data.legal_forms if f != "集团")
    latin_forms = _alternation(data.latin_forms)
    cue_adverbs = "先后|已经|已|正式|成功|刚刚|刚|也|都|将|率先|相继|于"
    return (
        _CompanyRule(Rule("latin_legal_name", regex.compile(
            rf"(?<![A-Za-z])(?P<name>[A-Z][A-Za-z0-9&'.\-]*(?: [A-Z][A-Za-z0-9&'.\-]*){{0,4}},? (?:{latin_forms}))(?![A-Za-z])")),
            _resolve_latin),
        _CompanyRule(Rule("registered_name", regex.compile(
            rf"(?:集团|（[\p{{Han}}]{{1,6}}）|\([\p{{Han}}]{{1,6}}\))?(?:{forms})|集团(?!{forms})")), _resolve_full),
        _CompanyRule(Rule("short_name_suffix", regex.compile(_alternation(data.short_suffixes))), _resolve_short),
        _CompanyRule(Rule("known_company", regex.compile(
            rf"{_alternation(w for w in data.known if not w.isascii())}|(?<![A-Za-z]){_alternation(data.known_latin + [w for w in data.known if w.isascii()])}(?![A-Za-z])")),
            _resolve_known),
        _CompanyRule(Rule("cue_verb_name", regex.compile(
            rf"(?P<adv>{cue_adverbs})?(?P<cue>{_alternation(data.verb_cues)})")), _resolve_cue),
        _CompanyRule(Rule("apposition_name", regex.compile(
            rf"(?:{_alternation(data.apposition_heads + data.pre_cues)})(?:——|—|：)?")), _resolve_after_head),
    )


# --- context propagation: declared short names and list members -------------------------------

_DECLARED = regex.compile(r"\s*[（(]以下简称[：:]?[“\"]?(?P<short>[^”\"）)，,]{2,12})[”\"]?[）)]")


def _declared(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """`…有限公司（以下简称“X”）`: X is a company wherever it occurs in the document."""
    shorts = {}
    for cand in found:
        match = _DECLARED.match(ctx.norm, cand.end)
        if match:
            shorts[match.group("short")] = True
    out = []
    for short in shorts:
        for match in regex.finditer(regex.escape(short), ctx.norm):
            out.append(Candidate("company", match.start(), match.end(), "declared_short_name"))
    return out


_SEPARATORS = ("、", "和", "及", "与", "以及")
_MEMBER_END = regex.compile(r"[、，,。；;：:（()）\n“”]|等|以及|和|及|与")


def _right_member(ctx: Context, end: int, ref_len: int) -> Optional[tuple[int, int]]:
    sep = next((s for s in _SEPARATORS if ctx.norm.startswith(s, end)), None)
    if sep is None:
        return None
    start = end + len(sep)
    stop = _MEMBER_END.search(ctx.norm, start, start + _MAX_MEMBER + 1)
    if stop and stop.start() - start >= 2 and (stop.group(0) in "、等，,。；;" or sep == "、"):
        member_end = stop.start()
        if ctx.norm[member_end] in "、等" or member_end - start <= _MAX_MEMBER:
            if ctx.norm[member_end] in "、等，,。；;）)" and not (sep != "、" and member_end - start > ref_len + 2):
                return start, member_end
    for length in (ref_len, ref_len - 1, ref_len + 1, 2, 3, 4, 5, 6):
        if length >= 2 and ctx.tokens.is_boundary(start + length):
            following = _token_text(ctx, start + length)
            if not following or ctx.norm[start + length] in _DELIMS or _is_stop(following) or _kind(following) == "generic":
                return start, start + length
    return None


def _left_member(ctx: Context, start: int) -> Optional[tuple[int, int]]:
    sep = next((s for s in _SEPARATORS if ctx.norm.endswith(s, 0, start)), None)
    if sep is None:
        return None
    end = start - len(sep)
    begin = _walk_left(ctx, end, _MAX_MEMBER)
    if not _opens_name(ctx, begin):
        return None
    return begin, end


def _list_governed(ctx: Context, end: int) -> bool:
    """A list ending in `等…企业/公司` or followed by `等` + a company head noun."""
    tail = ctx.norm[end:end + 12]
    return bool(regex.match(rf"等(?:[\p{{Han}}0-9]{{0,6}}?)(?:{_alternation(_data().list_heads)})", tail))


def _members(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Members of a list in which one member is already a company (`迈为股份、赛伍技术`)."""
    spans = {(c.start, c.end) for c in found}
    queue = sorted(spans)
    out = []
    while queue:
        start, end = queue.pop()
        for member in (_right_member(ctx, end, end - start), _left_member(ctx, start)):
            if member and member not in spans and not any(s < member[1] and member[0] < e for s, e in spans):
                if _plausible_short(ctx, *member, allow_place=True):
                    spans.add(member)
                    queue.append(member)
                    out.append(Candidate("company", member[0], member[1], "list_member"))
    return out


def _governed_lists(ctx: Context, taken: list[tuple[int, int]]) -> list[Candidate]:
    """`A、B、C等一批国企`: every member of a list governed by a company head noun."""
    out = []
    for match in regex.finditer(r"、", ctx.norm):
        right = _right_member(ctx, match.end() - 1, 4)
        if not right or not _list_governed(ctx, right[1]):
            continue
        if any(s < right[1] and right[0] < e for s, e in taken):
            continue
        if _plausible_short(ctx, *right, allow_place=True):
            out.append(Candidate("company", right[0], right[1], "governed_list"))
            taken.append(right)
    return out


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in taken)


def find(ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for company_rule in _rules():
        for match in company_rule.rule.finditer(ctx):
            span = company_rule.resolve(match, ctx)
            if span and span[1] - span[0] >= 2 and not _overlaps(span, taken):
                found.append(Candidate("company", span[0], span[1], company_rule.rule.name))
                taken.append(span)
    for extra in _declared(ctx, found):
        if not _overlaps((extra.start, extra.end), taken):
            found.append(extra)
            taken.append((extra.start, extra.end))
    found += _governed_lists(ctx, taken)
    found += _members(ctx, found)
    return sorted(found, key=lambda c: c.start)


def _form(name: str) -> str:
    data = _data()
    endings = data.legal_forms + data.latin_full
    return "full" if any(name.endswith(e) for e in endings) else "short"


def normalize(candidate: Candidate, ctx: Context) -> Optional[CompanyRecord]:
    text = ctx.text[candidate.start:candidate.end]
    return CompanyRecord(
        start=candidate.start,
        end=candidate.end,
        text=text,
        rule=candidate.rule,
        value=CompanyValue(name=text, form=_form(ctx.norm[candidate.start:candidate.end])),
    )
