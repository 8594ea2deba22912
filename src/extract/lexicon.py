"""Word lists and patterns live as data in `extract/data/`; this loads and validates them.

Each extractor declares a pydantic schema for its file, so a malformed list fails
at load time with the file's name instead of misbehaving silently later.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TypeVar

import regex
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import DataFileError

SchemaT = TypeVar("SchemaT", bound=BaseModel)
HAN_CHAR = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when the wheel has it: the same documents, parsed ten times faster."""


class DataSchema(BaseModel):
    """Base of every data-file schema: unknown keys are typos, so they are refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def data_path(filename: str):
    return resources.files("extract") / "data" / filename


def read_text(filename: str) -> str:
    try:
        return data_path(filename).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data file missing: extract/data/{filename}") from exc


@lru_cache(maxsize=None)
def load(filename: str, schema: type[SchemaT]) -> SchemaT:
    """Load `extract/data/<filename>` (YAML) and validate it against `schema`, once."""
    try:
        raw = yaml.load(read_text(filename), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise DataFileError(f"extract/data/{filename} is not valid YAML: {exc}") from exc
    try:
        return schema.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(f"extract/data/{filename} does not match its schema:\n{exc}") from exc


def alternation(words) -> str:
    """A regex matching any of the literal words, the longest first (不超过 before 超过).

    Written as a prefix tree (`中(?:国(?:中车|石化)|天科技)`), so the engine reads each
    character once instead of trying every word in turn: the words that can match at one
    place are prefixes of each other, and the tree tries them longest first too, so it
    matches (and backtracks) exactly as the flat `不超过|超过|…` list would.
    """
    tree: dict = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _tree_pattern(tree)


def _tree_pattern(node: dict) -> str:
    """The words below one node: each next character with what follows it; where a word also
    ends at this node, the whole is optional (greedy, so the longer words are tried first)."""
    branches = [regex.escape(char) + _tree_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else body + "?"


def longest_first(words) -> list[str]:
    """Order alternatives so a regex alternation prefers the longest word (不超过 before 超过)."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def occurrences(text: str, word: str) -> list[int]:
    """Start offsets of `word` in `text`, left to right and not overlapping (as a regex search finds them)."""
    found, start = [], text.find(word) if word else -1
    while start >= 0:
        found.append(start)
        start = text.find(word, start + len(word))
    return found
