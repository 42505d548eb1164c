"""The analysis pipeline: normalize → figures → mentions → links, one stage per module.

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
        from analyzer.text.normalize import normalize
        text = normalize(document.text)  # same length as document.text: offsets carry over unchanged
        record = Record(document=document)
        record.figures = self.figures(text, document.text, document.published)
        found = self.mentions(text, document.text)
        record.policy_tools = found["policy_tools"]
        record.sectors = found["sectors"]
        record.institutions = found["institutions"]
        if self.settings.candidates:
            record.extra["candidates"] = [m.to_dict() for m in found.get("candidates", [])]
        if self.linker is not None:
            self.linker(record, text)
        return record

    def analyze_many(self, items: Iterable[Document | InputError]) -> Iterator[Record | InputError]:
        """Analyze a stream, passing read errors through so a batch can report them and go on."""
        for item in items:
            yield item if isinstance(item, InputError) else self.analyze(item)


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
