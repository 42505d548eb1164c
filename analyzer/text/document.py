"""The document object every component reads and writes: one per analyzed document.

It carries the text as given, the text without page debris (``source``), its normalized form (``norm``: same length
as ``source``, simplified characters and ASCII digits), the published date, and — computed once, on first use —
its paragraphs, sentences and clauses. Components add what they find to ``spans``, named span groups
(``figures``, ``times``, ``policy_tools``, ``sectors``, ``institutions``, ``candidates``) holding records with
offsets into ``source``; ``to_record`` maps them back into the text as given.

    doc = TextDoc.from_document(Document(id="a", text="余额35.3万亿元"))
    doc.sentences        # [(0, 10)]
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import Any

from analyzer.records import MENTION_KINDS, Document, Record
from analyzer.text.debris import Cleaned, clean
from analyzer.normalize import normalize
from analyzer.text.sentences import clause_start, split_paragraphs, split_sentences

SPAN_GROUPS = ("figures", "times", *MENTION_KINDS, "candidates")


@dataclass
class TextDoc:
    """One document under analysis (see the module docstring)."""
    document: Document
    cleaned: Cleaned
    norm: str
    spans: dict[str, list[Any]] = field(default_factory=lambda: {name: [] for name in SPAN_GROUPS})

    @classmethod
    def from_document(cls, document: Document) -> TextDoc:
        cleaned = clean(document.text)  # page debris (國(guó), 中国人民 银行) cut out; offsets mapped back later
        return cls(document=document, cleaned=cleaned, norm=normalize(cleaned.text))

    @classmethod
    def from_text(cls, text: str, published: str | None = None, doc_id: str = "text") -> TextDoc:
        return cls.from_document(Document(id=doc_id, text=text, published=published))

    @classmethod
    def from_record(cls, record: Record) -> TextDoc:
        """A doc whose span groups are a record's figures and mentions (to link a gold record again, say). The
        record's offsets must point into the debris-free text, which is the text itself when it has no debris."""
        doc = cls.from_document(record.document)
        doc.spans.update(figures=record.figures, policy_tools=record.policy_tools, sectors=record.sectors,
                         institutions=record.institutions)
        return doc

    @property
    def text(self) -> str:
        """The text as given."""
        return self.document.text

    @property
    def source(self) -> str:
        """The text without page debris: what every offset in ``spans`` points into."""
        return self.cleaned.text

    @property
    def published(self) -> str | None:
        return self.document.published

    @functools.cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return split_sentences(self.norm)

    @functools.cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return split_paragraphs(self.norm)

    def sentence_at(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position`` (a one-character span where none does)."""
        return _holding(self.sentences, position)

    def paragraph_at(self, position: int) -> tuple[int, int]:
        return _holding(self.paragraphs, position)

    def clause_at(self, position: int, lists: bool = True) -> tuple[int, int]:
        """(start, sentence end) of the clause holding ``position``: from the last clause break before it."""
        sentence = self.sentence_at(position)
        return max(clause_start(self.norm, position, lists), sentence[0]), sentence[1]

    def to_record(self) -> Record:
        """The record of what the components found, every offset pointing into the text as given. Call it once,
        after the last component: it moves the offsets of the found items from ``source`` to ``text``."""
        record = Record(document=self.document)
        record.figures = self.spans["figures"]
        record.policy_tools = self.spans["policy_tools"]
        record.sectors = self.spans["sectors"]
        record.institutions = self.spans["institutions"]
        if self.spans["candidates"]:
            record.extra["candidates"] = [m.to_dict() for m in self.spans["candidates"]]
        if self.cleaned.changed:
            restore_offsets(record, self.cleaned)
        return record


def _holding(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return position, position + 1


def restore_offsets(record: Record, cleaned: Cleaned) -> None:
    """Point every span found on the cleaned text back into the document's text (``text`` as the page shows it,
    debris included; names and metrics stay clean)."""
    original = record.document.text
    for item in [*record.figures, *record.policy_tools, *record.sectors, *record.institutions]:
        item.start, item.end = cleaned.span(item.start, item.end)
        item.text = original[item.start:item.end]
    for mention in [*record.policy_tools, *record.sectors, *record.institutions]:
        for inner in mention.extra.get("nested", []):
            inner["start"], inner["end"] = cleaned.span(inner["start"], inner["end"])
            inner["text"] = original[inner["start"]:inner["end"]]
    for candidate in record.extra.get("candidates", []):
        candidate["start"], candidate["end"] = cleaned.span(candidate["start"], candidate["end"])
        candidate["text"] = original[candidate["start"]:candidate["end"]]
