"""A document's text cut into pieces at every figure and mention boundary, for the highlighted page.

Annotations may overlap (a mention inside a longer one, a figure next to a tool's name): each piece lists every
annotation that covers it, so the page shows all of them and the text itself stays exactly as stored.

    >>> [p.text for p in cut("余额35.3万亿元。", [Annotation("f1", "figure", 2, 9, {})])]
    ['余额', '35.3万亿元', '。']
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Annotation:
    """One extracted span: ``key`` is unique on the page (f12 for figure 12, m3 for mention 3)."""
    key: str
    kind: str  # figure | policy_tool | sector | institution
    start: int
    end: int
    attributes: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Piece:
    text: str
    start: int
    keys: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


def cut(text: str, annotations: list[Annotation]) -> list[Piece]:
    """The text in order, split wherever an annotation starts or ends; spans outside the text are clipped
    and empty ones dropped. Joining the pieces' text gives ``text`` back."""
    spans = [a for a in annotations if 0 <= a.start < a.end and a.start < len(text)]
    bounds = sorted({0, len(text), *(a.start for a in spans), *(min(a.end, len(text)) for a in spans)})
    pieces = []
    for start, end in itertools.pairwise(bounds):
        covering = sorted((a for a in spans if a.start <= start and end <= a.end), key=lambda a: (a.start, -a.end))
        pieces.append(Piece(text[start:end], start, tuple(a.key for a in covering),
                            tuple(dict.fromkeys(a.kind for a in covering))))
    return pieces
