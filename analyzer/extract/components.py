"""The extraction stages as components: each is built once and called as ``component(doc) -> doc`` on a
``TextDoc``, adding to the doc's span groups. ``analyzer.pipeline`` assembles them by name from the settings;
``analyzer.spacy`` wraps the same objects as spaCy pipeline components.
"""
from __future__ import annotations

from analyzer.extract.figures import FigureExtractor
from analyzer.extract.links import Linker
from analyzer.extract.mentions import MentionFinder
from analyzer.records import MENTION_KINDS
from analyzer.taxonomy import Taxonomy
from analyzer.text.document import TextDoc


class Figures:
    """Span groups ``figures`` (every amount, count and ratio with its unit, measure, metric and period) and
    ``times`` (every time expression, resolved to a period: ``TimeSpan``; found once, for the figures too)."""
    name = "figures"

    def __init__(self, taxonomy: Taxonomy):
        self.extractor = FigureExtractor()

    def __call__(self, doc: TextDoc) -> TextDoc:
        doc.spans["figures"], doc.spans["times"] = self.extractor.extract(doc.norm, doc.source, doc.published,
                                                                          doc.sentences)
        return doc


class Mentions:
    """Span groups ``policy_tools``, ``sectors``, ``institutions`` (and ``candidates``: tool-like names the
    taxonomy lacks, kept only when ``candidates`` is on)."""
    name = "mentions"

    def __init__(self, taxonomy: Taxonomy, candidates: bool = False, finder: MentionFinder | None = None):
        self.finder = finder or MentionFinder(taxonomy)
        self.candidates = candidates

    def __call__(self, doc: TextDoc) -> TextDoc:
        found = self.finder(doc.norm, doc.source)
        for kind in MENTION_KINDS:
            doc.spans[kind] = found[kind]
        doc.spans["candidates"] = found.get("candidates", []) if self.candidates else []
        return doc


class Links:
    """Sets ``figure.links`` (the tools, sectors and institutions a figure belongs to) and a tool's figure."""
    name = "links"

    def __init__(self, taxonomy: Taxonomy, finder: MentionFinder | None = None):
        self.linker = Linker(taxonomy, finder)

    def __call__(self, doc: TextDoc) -> TextDoc:
        self.linker(doc)
        return doc
