"""The analysis pipeline: clean debris → normalize → figures → mentions → links, one stage per module.

Each stage is built once (dictionaries, patterns) and then called cheaply per document.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from analyzer.errors import InputError
from analyzer.records import Document, Record
from analyzer.settings import Settings

EXTRACTOR_VERSION = "0.1.0"


class Pipeline:
    """Turns ``Document``s into ``Record``s. Build one and reuse it: construction loads the taxonomy."""

    def __init__(self, settings: Settings | None = None):
        from analyzer.extract.figures import FigureExtractor
        from analyzer.extract.links import Linker
        from analyzer.extract.mentions import MentionFinder
        from analyzer.taxonomy import load_taxonomy

        self.settings = settings or Settings()
        taxonomy = load_taxonomy()
        self.figures = FigureExtractor()
        self.mentions = MentionFinder(taxonomy)
        self.linker = Linker(taxonomy) if self.settings.links else None

    def analyze(self, document: Document) -> Record:
        from analyzer.text.debris import clean
        from analyzer.text.normalize import normalize
        cleaned = clean(document.text)  # page debris (國(guó), 中国人民 银行) cut out; offsets mapped back below
        source = cleaned.text
        text = normalize(source)  # same length as source: offsets carry over unchanged
        record = Record(document=document)
        record.figures = self.figures(text, source, document.published)
        found = self.mentions(text, source)
        record.policy_tools = found["policy_tools"]
        record.sectors = found["sectors"]
        record.institutions = found["institutions"]
        if self.settings.candidates:
            record.extra["candidates"] = [m.to_dict() for m in found.get("candidates", [])]
        if self.linker is not None:
            self.linker(record, text)
        if cleaned.changed:
            restore_offsets(record, cleaned)
        return record

    def analyze_many(self, items: Iterable[Document | InputError]) -> Iterator[Record | InputError]:
        """Analyze a stream, passing read errors through so a batch can report them and go on."""
        for item in items:
            yield item if isinstance(item, InputError) else self.analyze(item)


def restore_offsets(record: Record, cleaned) -> None:
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


_default: Pipeline | None = None


def _default_figures():
    """The figure stage of the shared default pipeline (used by segmentation to keep figures whole)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.figures


def analyze(text: str | Document, published: str | None = None, doc_id: str = "text") -> Record:
    """Analyze one text with a shared default pipeline: ``analyze("…余额35.3万亿元", published="2025-05-26")``."""
    global _default
    if _default is None:
        _default = Pipeline()
    document = text if isinstance(text, Document) else Document(id=doc_id, text=text, published=published)
    return _default.analyze(document)
