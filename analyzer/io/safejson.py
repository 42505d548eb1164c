"""JSON parsing with bounded cost and no surprises: nesting depth and number length are capped, NaN and
Infinity are refused, and strings with NUL characters or lone surrogates and keys given twice in one object are
reported, each as one line.

A bad number inside one element of a JSON array marks that element only (as a ``BadNumber``), so
``check_json`` can fail it alone and every other element is kept.
"""
from __future__ import annotations

import json
import math
import re

from analyzer.errors import InputError

MAX_DEPTH = 64  # a record is about 5 deep (record → figures → figure → links → list)
MAX_NUMBER_CHARS = 64
BAD_CHARACTER = re.compile(r"[\x00\ud800-\udfff]")


class BadNumber:
    """Stands in for a value that may not be stored: NaN, ±Infinity, an overflowing float, a very long number,
    or the value of a key given twice in one object (json.loads would keep the last and drop the first)."""

    def __init__(self, text: str, problem: str):
        self.text, self.problem = text, problem

    def __repr__(self) -> str:
        return f"BadNumber({self.problem})"


def _parse_int(text: str):
    if len(text) > MAX_NUMBER_CHARS:
        return BadNumber(text, f"a number of {len(text):,} characters (limit {MAX_NUMBER_CHARS})")
    return int(text)


def _parse_float(text: str):
    if len(text) > MAX_NUMBER_CHARS:
        return BadNumber(text, f"a number of {len(text):,} characters (limit {MAX_NUMBER_CHARS})")
    value = float(text)
    return value if math.isfinite(value) else BadNumber(text, f"{text} overflows (not a finite number)")


def _parse_constant(text: str):
    return BadNumber(text, f"{text} is not a number a record may hold")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))
        obj[repeated] = BadNumber(repeated, f"the key {repeated!r} is given twice (keys must be unique)")
    return obj


# what a JSON parser's terse message means for the person who wrote the file
JSON_HINTS = {"Invalid control character": "a raw line break, tab or other control character inside a string: "
                                           "write it as \\n, \\t or \\u00XX",
              "Extra data": "more than one JSON value: a .json file holds one object or one array; one object a "
                            "line is a .jsonl file"}


def _json_problem(message: str) -> str:
    """Python's message without its dangling " at" (it ends "… at: line 1 column 9"), with a hint where one helps."""
    message = message.removesuffix(" at")
    return f"{message} ({JSON_HINTS[message]})" if message in JSON_HINTS else message


def load_json(text: str, source: str):
    """``json.loads`` with the caps above; raises ``InputError`` for malformed or too deeply nested JSON."""
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise InputError(source, f"malformed JSON at line {error.lineno} column {error.colno}: "
                                 f"{_json_problem(error.msg)}") from None
    except RecursionError:
        raise InputError(source, f"JSON nested too deeply (limit {MAX_DEPTH} levels)") from None


def check_json(value, source: str) -> None:
    """Raise ``InputError`` naming the first bad place in ``value``: nesting deeper than ``MAX_DEPTH``, a
    ``BadNumber``, a float that is not finite, or a string (or key) holding NUL or a lone surrogate."""
    stack = [(value, "", 1)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(source, f"JSON nested too deeply at {path or 'top'} (limit {MAX_DEPTH} levels)")
        if isinstance(item, dict):
            for key, child in item.items():
                _check_string(str(key), f"{path}.{key}".lstrip("."), source)
                stack.append((child, f"{path}.{key}".lstrip("."), depth + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            _check_string(item, path, source)
        elif isinstance(item, BadNumber):
            raise InputError(source, f"{path or 'value'}: {item.problem}")
        elif isinstance(item, float) and not math.isfinite(item):
            raise InputError(source, f"{path or 'value'}: {item} is not a finite number")


def _check_string(text: str, path: str, source: str) -> None:
    match = BAD_CHARACTER.search(text)
    if match:
        what = "a NUL character" if match.group() == "\x00" else f"a lone surrogate (U+{ord(match.group()):04X})"
        raise InputError(source, f"{path or 'value'} holds {what} at position {match.start()}")
