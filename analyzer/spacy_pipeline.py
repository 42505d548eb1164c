"""The analyzer as a spaCy ``Language``: ``nlp = analyzer.load()``; ``nlp.pipe(texts)``; ``nlp.pipe_names``.

The components are the pipeline's own (``analyzer.extract.components``), registered as spaCy factories
(``analyzer_figures``, ``analyzer_mentions``, ``analyzer_links``, and ``analyzer_record`` last, which maps offsets
back and builds ``doc._.record``). Tokens are single characters, so every figure and mention is an exact
``doc.spans`` entry (groups ``figures``, ``times``, ``policy_tools``, ``sectors``, ``institutions``) with its record
as ``span._.item`` (for ``times`` a ``TimeSpan``: its period, kind and rule). Set ``doc._.published`` (and
``doc._.doc_id``) on ``nlp.make_doc(text)`` before ``nlp(doc)`` to resolve relative dates. spaCy is imported only
here: with torch installed it costs about 2 s and 250 MB a process, which is why the CLI runs the same components on
``TextDoc`` without it (README, "Components").
"""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from analyzer.extract.components import Figures, Links, Mentions
from analyzer.extract.mentions import MentionFinder
from analyzer.pipeline import default_components
from analyzer.records import MENTION_KINDS, Document
from analyzer.settings import Settings
from analyzer.taxonomy import load_taxonomy
from analyzer.text.document import TextDoc

TOKENIZER = "analyzer.CharTokenizer.v1"

for _name, _default in (("analysis", None), ("record", None), ("published", None), ("doc_id", "text")):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("item"):
    Span.set_extension("item", default=None)


class CharTokenizer:
    """One token per character: spans of any length map onto tokens exactly, and it costs a fifth of jieba."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> CharTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> CharTokenizer:
        return self


@registry.tokenizers(TOKENIZER)
def create_tokenizer():
    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)
    return make


@functools.cache
def _finder() -> MentionFinder:
    return MentionFinder(load_taxonomy())  # one automaton for the mentions and links components


def analysis_of(doc: Doc) -> TextDoc:
    """The ``TextDoc`` the components share, made on first use from the spaCy doc's text and extensions."""
    if doc._.analysis is None:
        doc._.analysis = TextDoc.from_document(Document(id=doc._.doc_id, text=doc.text, published=doc._.published))
    return doc._.analysis


class SpacyComponent:
    """Runs one of our components on the doc's ``TextDoc`` and mirrors its span groups into ``doc.spans``."""

    def __init__(self, component, groups: tuple[str, ...]):
        self.component = component
        self.groups = groups

    def __call__(self, doc: Doc) -> Doc:
        analysis = self.component(analysis_of(doc))
        for group in self.groups:
            doc.spans[group] = [self._span(doc, analysis, item) for item in analysis.spans[group]]
        return doc

    @staticmethod
    def _span(doc: Doc, analysis: TextDoc, item) -> Span:
        start, end = analysis.cleaned.span(item.start, item.end)
        span = doc[start:end]  # one token per character
        span._.item = item
        return span


@Language.factory("analyzer_figures")
def make_figures(nlp: Language, name: str) -> SpacyComponent:
    return SpacyComponent(Figures(load_taxonomy()), ("figures", "times"))


@Language.factory("analyzer_mentions", default_config={"candidates": False})
def make_mentions(nlp: Language, name: str, candidates: bool) -> SpacyComponent:
    return SpacyComponent(Mentions(load_taxonomy(), candidates, _finder()), (*MENTION_KINDS, "candidates"))


@Language.factory("analyzer_links")
def make_links(nlp: Language, name: str) -> SpacyComponent:
    return SpacyComponent(Links(load_taxonomy(), _finder()), ())


@Language.component("analyzer_record")
def make_record(doc: Doc) -> Doc:
    """Last component: ``doc._.record``, the record-format result, offsets in the text as given."""
    doc._.record = analysis_of(doc).to_record()
    return doc


def load(settings: Settings | None = None) -> Language:
    """A spaCy ``Language`` with the analyzer's components (those ``settings`` ask for) and the record step."""
    settings = settings or Settings()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    for name in default_components(settings):
        config = {"candidates": settings.candidates} if name == "mentions" else {}
        nlp.add_pipe(f"analyzer_{name}", name=name, config=config)
    nlp.add_pipe("analyzer_record", name="record")
    return nlp
