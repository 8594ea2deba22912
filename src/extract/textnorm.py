"""Character-for-character normalization, so offsets in the copy are offsets in the original.

Full-width digits, letters and a few symbols become ASCII and ideographic spaces
become plain spaces; every mapping is one code point to one code point.
"""

from __future__ import annotations

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


def normalize(text: str) -> str:
    """Return a copy of `text` of the same length with width variants folded."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out
