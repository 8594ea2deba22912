"""Character-for-character normalization, so offsets in the copy are offsets in the original.

Full-width digits, letters and a few symbols become ASCII, ideographic spaces
become plain spaces, and traditional characters become simplified (OpenCC), so
the rules, written for simplified text, read 繁體 too. Every mapping is one code
point to one code point.
"""

from __future__ import annotations

from functools import lru_cache

_SINGLE = {
    "\u3000": " ",
    "\u00a0": " ",
    "．": ".",
    "％": "%",
    "－": "-",
    "～": "~",
    "＋": "+",
    "／": "/",
    "‰": "‰",
    "〇": "〇",
}


def _build_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _SINGLE.items()}
    for code in range(0xFF10, 0xFF1A):
        table[code] = chr(code - 0xFEE0)
    for code in range(0xFF21, 0xFF3B):
        table[code] = chr(code - 0xFEE0)
    for code in range(0xFF41, 0xFF5B):
        table[code] = chr(code - 0xFEE0)
    return table


_TABLE = _build_table()


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified_char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def simplify(text: str) -> str:
    """Traditional to simplified, keeping the length: phrase-level output when it keeps it, else char by char."""
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_simplified_char(c) for c in text)


def normalize(text: str) -> str:
    """Return a copy of `text` of the same length: widths folded, traditional simplified."""
    out = simplify(text.translate(_TABLE))
    if len(out) != len(text):
        raise AssertionError("normalization must keep every offset")
    return out
