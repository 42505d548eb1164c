"""A change written as two readings of one series (利率由3.1%下调至2.85%): the step between them, for a claim of the
change (下调25个基点至2.85%) that no stored change figure answers.

Two stored figures of the claim's series in one sentence form a step when the words before the first and between
the two are a ``[[step]]`` row of claim_words.toml (由/从 … 下调至/提高到/调整为). The step is the second reading
less the first, in percentage points between two percents, at the precision the readings are written to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analyzer.check.rows import normalized_sentence, row_figure
from analyzer.records import Figure


@dataclass(frozen=True)
class Step:
    """The change from the ``old`` reading to the ``new`` one, as a stored figure would state it."""
    change: Figure
    old: dict
    new: dict


def steps(rows: list[dict], rules: list[tuple[re.Pattern, re.Pattern]]) -> list[Step]:
    """The steps the rows of one series write, sentence by sentence (consecutive readings of one unit)."""
    by_sentence: dict[tuple, list[dict]] = {}
    for row in rows:
        by_sentence.setdefault((row["doc_id"], row.get("sentence_start")), []).append(row)
    found = []
    for group in by_sentence.values():
        group.sort(key=lambda r: r["start"])
        found += [_step(a, b) for a, b in zip(group, group[1:])
                  if a["unit"] == b["unit"] and a["measure"] == b["measure"] and _written(a, b, rules)]
    return found


def _written(a: dict, b: dict, rules) -> bool:
    sentence = normalized_sentence(a)
    offset = a.get("sentence_start") or 0
    before = sentence[max(0, a["start"] - offset - 4):a["start"] - offset]
    between = sentence[a["end"] - offset:b["start"] - offset]
    return any(opening.search(before) and verb.fullmatch(between) for opening, verb in rules)


def _step(a: dict, b: dict) -> Step:
    old, new = row_figure(a), row_figure(b)
    value = new.value - old.value
    unit = "percentage_point" if old.unit == "percent" else old.unit
    text = f"{abs(value)}"  # the precision of the readings: 3.1 and 2.85 give 0.25
    change = replace(new, text=text, value=value, value_high=None, unit=unit, qualifier=None, measure="change",
                     comparison=None)
    return Step(change, a, b)
