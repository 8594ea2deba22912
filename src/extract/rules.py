"""Rules are small named objects; the name travels into each record's `rule` key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Union

import regex

from .context import Context


class FirstOf:
    """Alternatives tried in order at each position, matching as `(?:a|b)` would, so each can be
    compiled by the engine that scans it fastest: the standard library's `re` skips ahead through
    a long list of Chinese names several times faster than `regex`, which alone has the
    lookbehind a Latin name needs. No alternative may match the empty string."""

    def __init__(self, *alternatives: Union[re.Pattern, regex.Pattern]):
        self.alternatives = alternatives

    def finditer(self, text: str) -> Iterator[Any]:
        pending = [alternative.search(text) for alternative in self.alternatives]
        position = 0
        while True:
            for index, match in enumerate(pending):
                if match is not None and match.start() < position:
                    pending[index] = self.alternatives[index].search(text, position)
            live = [match for match in pending if match is not None]
            if not live:
                return
            first = min(live, key=lambda match: match.start())
            yield first
            position = max(first.end(), first.start() + 1)


Pattern = Union[regex.Pattern, re.Pattern, FirstOf]
"""`regex` by default; the standard library's `re` where it scans a plain word list faster."""


@dataclass(frozen=True)
class Rule:
    """A named pattern over the width-folded text. `groups` names the span's capture group."""

    name: str
    pattern: Pattern
    span_group: str | int = 0
    meta: Mapping[str, Any] = field(default_factory=dict)

    def finditer(self, ctx: Context) -> Iterator[Any]:
        return self.pattern.finditer(ctx.norm)


@dataclass(frozen=True)
class Candidate:
    """A span found by a rule, not yet normalized."""

    type: str
    start: int
    end: int
    rule: str
    groups: Mapping[str, Any] = field(default_factory=dict)


def run_rules(record_type: str, rules: tuple[Rule, ...], ctx: Context) -> list[Candidate]:
    """Apply rules in order; a later rule never re-finds a span an earlier one already took."""
    taken = bytearray(len(ctx.norm))
    found: list[Candidate] = []
    for rule in rules:
        group = rule.span_group
        for match in rule.finditer(ctx):
            start, end = match.span(group)
            if start == end or taken.find(1, start, end) >= 0:
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            groups["_match_start"], groups["_match_end"] = match.span()
            found.append(Candidate(record_type, start, end, rule.name, groups))
            taken[start:end] = b"\x01" * (end - start)
    return found
