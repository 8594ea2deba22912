"""Rules are small named objects; the name travels into each record's `rule` key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

import regex

from .context import Context


@dataclass(frozen=True)
class Rule:
    """A named pattern over the width-folded text. `groups` names the span's capture group."""

    name: str
    pattern: regex.Pattern
    span_group: str | int = 0
    meta: Mapping[str, Any] = field(default_factory=dict)

    def finditer(self, ctx: Context) -> Iterator[regex.Match]:
        return self.pattern.finditer(ctx.norm, overlapped=False)


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
