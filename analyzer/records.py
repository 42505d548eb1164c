"""Record types of record format v1 (see ``../shared/spec/record-format.md``).

One JSON shape serves as input document, gold annotation and extractor output.
Values are ``decimal.Decimal`` throughout: 16.4亿 must stay 1640000000, never a float.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FORMAT = "policy-records/v1"

UNITS = ("CNY", "USD", "EUR", "HKD", "JPY", "percent", "percentage_point", "basis_point",
         "times", "count", "other")
QUALIFIERS = (None, "approx", "over", "under", "range")
MEASURES = ("level", "flow", "growth_rate", "change", "share", "rate", "other")
COMPARISONS = (None, "yoy", "mom", "ytd", "prev")
DOC_KINDS = ("news", "policy_notice", "report", "speech", "other")
MENTION_KINDS = ("policy_tools", "sectors", "institutions")


def decimal_to_str(value: Decimal | None) -> str | None:
    """Render a Decimal as a plain decimal string: no exponent, no trailing zeros."""
    if value is None:
        return None
    text = format(value, "f")  # never normalize(): it rounds to the context's 28 digits
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class Period:
    """An inclusive date range; a point in time has start == end (ISO dates)."""
    start: str
    end: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict | None) -> Period | None:
        if not data:
            return None
        return cls(start=data["start"], end=data["end"])


@dataclass
class Figure:
    """A quantity stated in the text: number, scale, unit and what it measures."""
    text: str
    start: int
    end: int
    value: Decimal
    unit: str
    value_high: Decimal | None = None
    qualifier: str | None = None
    measure: str = "other"
    comparison: str | None = None
    metric: str | None = None
    period: Period | None = None
    counter: str | None = None
    links: dict[str, list[str]] | None = None
    # where the figure was measured when its name opened with a place the metric dropped (天津, 美国, 广东省);
    # None for a national figure or a name with no place. Optional in records: written only when set
    place: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # why each attribute has its value: attribute → {"rule": rule id, "words": the words it used}; shown by
    # ``--explain``, never stored
    explain: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        out: dict[str, Any] = {
            "text": self.text, "start": self.start, "end": self.end,
            "value": decimal_to_str(self.value), "value_high": decimal_to_str(self.value_high),
            "unit": self.unit, "qualifier": self.qualifier, "measure": self.measure,
            "comparison": self.comparison, "metric": self.metric,
            "period": self.period.to_dict() if self.period else None,
        }
        if self.counter is not None:
            out["counter"] = self.counter
        if self.links is not None:
            out["links"] = self.links
        if self.place is not None:
            out["place"] = self.place
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Figure:
        known = {f.name for f in dataclasses.fields(cls)}
        value_high = data.get("value_high")
        return cls(
            text=data["text"], start=data["start"], end=data["end"],
            value=Decimal(str(data["value"])), unit=data["unit"],
            value_high=Decimal(str(value_high)) if value_high is not None else None,
            qualifier=data.get("qualifier"), measure=data.get("measure", "other"),
            comparison=data.get("comparison"), metric=data.get("metric"),
            period=Period.from_dict(data.get("period")), counter=data.get("counter"),
            links=data.get("links"), place=data.get("place"),
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass
class Mention:
    """A policy tool, sector or institution named in the text, with its canonical name."""
    text: str
    start: int
    end: int
    name: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out = {"text": self.text, "start": self.start, "end": self.end, "name": self.name}
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Mention:
        extra = {k: v for k, v in data.items() if k not in ("text", "start", "end", "name")}
        return cls(text=data["text"], start=data["start"], end=data["end"], name=data["name"], extra=extra)


@dataclass
class Document:
    """Document metadata (``doc``) plus its text. Unknown ``doc`` keys are kept as given."""
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    kind: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # where the document was read: the file (with :LINE or [INDEX]) for messages, and the file's absolute
    # path (or <stdin>) that the store keeps to tell two inputs claiming one id apart; not part of ``doc``
    location: str | None = field(default=None, compare=False, repr=False)
    origin: str | None = field(default=None, compare=False, repr=False)

    def doc_dict(self) -> dict:
        """The ``doc`` object: the input's own keys, in their order, unchanged; known fields
        the reader filled in (title from HTML, published from a CLI option) are added."""
        out = dict(self.meta)
        for key in ("id", "title", "source", "published", "kind", "url"):
            value = getattr(self, key)
            if key == "id" and key in out and str(out[key]) == value:
                continue  # keep the input's id exactly, type included
            if value is not None or key in out or key == "id":
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, doc: dict, text: str) -> Document:
        return cls(id=str(doc.get("id")), text=text, title=doc.get("title"), source=doc.get("source"),
                   published=doc.get("published"), kind=doc.get("kind"), url=doc.get("url"), meta=dict(doc))


@dataclass
class Record:
    """One analyzed (or gold) document: the document and everything found in it."""
    document: Document
    figures: list[Figure] = field(default_factory=list)
    policy_tools: list[Mention] = field(default_factory=list)
    sectors: list[Mention] = field(default_factory=list)
    institutions: list[Mention] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def mentions(self, kind: str) -> list[Mention]:
        return getattr(self, kind)

    def to_dict(self) -> dict:
        out = {
            "format": FORMAT,
            "doc": self.document.doc_dict(),
            "text": self.document.text,
            "figures": [f.to_dict() for f in self.figures],
            "policy_tools": [m.to_dict() for m in self.policy_tools],
            "sectors": [m.to_dict() for m in self.sectors],
            "institutions": [m.to_dict() for m in self.institutions],
        }
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Record:
        document = Document.from_dict(data.get("doc") or {}, data.get("text", ""))
        known = {"format", "doc", "text", "figures", *MENTION_KINDS}
        return cls(
            document=document,
            figures=[Figure.from_dict(f) for f in data.get("figures") or []],
            policy_tools=[Mention.from_dict(m) for m in data.get("policy_tools") or []],
            sectors=[Mention.from_dict(m) for m in data.get("sectors") or []],
            institutions=[Mention.from_dict(m) for m in data.get("institutions") or []],
            extra={k: v for k, v in data.items() if k not in known},
        )


WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def web_link(url) -> str | None:
    """``url`` where it may be written as a link (an http(s) address without spaces, quotes or angle brackets);
    None for javascript:, data: or any other text a hostile record may carry in ``doc.url``."""
    return url if isinstance(url, str) and WEB_ADDRESS.fullmatch(url) else None


def match_spans(gold: Sequence[dict], pred: Sequence[dict],
                compatible: Callable[[dict, dict], bool] = lambda g, p: True) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs with overlapping spans, greedy by overlap length."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0 and compatible(g, p):
                candidates.append((-overlap, gi, pi))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)
