"""Offset-preserving normalization: traditional → simplified characters, full-width → ASCII.

Every change is one character for one character, so an index into the normalized text is the same
index into the original: records found on normalized text point straight back into what the user gave.
The traditional→simplified table is OpenCC's character dictionary (first candidate of each entry).
"""
from __future__ import annotations

import functools
from pathlib import Path

import opencc

# Full-width digits, letters and the signs used inside numbers map to ASCII; Chinese punctuation
# (，；：（）) stays as it is, so an ASCII comma inside a number is never confused with a clause break.
_FULLWIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH.update({ord(a): ord(b) for a, b in zip("％．＋－／＄﹪", "%.+-/$%")})
_FULLWIDTH[0x3000] = 0x20


@functools.cache
def _table() -> dict[int, int]:
    table = dict(_FULLWIDTH)
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
            table[ord(parts[0])] = ord(parts[1])
    # OpenCC keeps some characters that Chinese financial text uses only in traditional form
    for trad, simp in (("於", "于"), ("週", "周"), ("臺", "台")):
        table.setdefault(ord(trad), ord(simp))
    return table


@functools.cache
def _lookup() -> list[int]:
    """:func:`_table` as a list indexed by code point (the identity where the table has no entry): ``str.translate``
    reads a list about twice as fast as a dict; code points past its end stay as they are, as with the dict."""
    table = _table()
    lookup = list(range(max(table) + 1))
    for code, replacement in table.items():
        lookup[code] = replacement
    return lookup


@functools.cache
def mapped_again() -> frozenset[str]:
    """The characters :func:`normalize` gives that it maps again (the table maps a character to one it also maps):
    a normalized text without them is its own normalized form."""
    table = _table()
    return frozenset(chr(code) for code in table.values() if table.get(code, code) != code)


def normalize(text: str) -> str:
    """Return ``text`` in simplified characters with ASCII digits and punctuation, same length."""
    out = text.translate(_lookup())
    assert len(out) == len(text)
    return out


def to_simplified(text: str) -> str:
    """Simplified form of a name or metric (for ``name``/``metric`` fields, which are always simplified)."""
    return text.translate(_lookup())
