"""amount records: finder and normalizer (rules pending)."""

from __future__ import annotations

from .context import Context
from .rules import Candidate


def find(ctx: Context) -> list[Candidate]:
    return []


def normalize(candidate: Candidate, ctx: Context):
    return None
