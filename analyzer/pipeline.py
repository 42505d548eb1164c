"""The analysis pipeline: components over one document object, assembled by name from the settings.

    TextDoc (text, debris-free text, normalized text, sentences, clauses) → figures → mentions → links → Record

Every component is built once (dictionaries, patterns) and then called as ``component(doc) -> doc``; the
registry below names them. ``Pipeline.pipe_names`` lists a pipeline's components; ``analyzer.load()`` gives the
same components as a spaCy ``Language``.
"""
from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Iterator

from analyzer.errors import AnalyzerError, InputError
from analyzer.extract.components import Figures, Links, Mentions
from analyzer.records import Document, Record
from analyzer.settings import Settings
from analyzer.taxonomy import Taxonomy, load_taxonomy
from analyzer.text.document import TextDoc

EXTRACTOR_VERSION = "0.1.0"

Component = Callable[[TextDoc], TextDoc]


def _figures(taxonomy: Taxonomy, settings: Settings, built: dict) -> Component:
    return Figures(taxonomy)


def _mentions(taxonomy: Taxonomy, settings: Settings, built: dict) -> Component:
    return Mentions(taxonomy, candidates=settings.candidates)


def _links(taxonomy: Taxonomy, settings: Settings, built: dict) -> Component:
    mentions = built.get("mentions")  # one mention automaton for mentions and links
    return Links(taxonomy, mentions.finder if isinstance(mentions, Mentions) else None)


# name → factory(taxonomy, settings, components built so far); order of the default pipeline
COMPONENTS: dict[str, Callable[[Taxonomy, Settings, dict], Component]] = {
    "figures": _figures, "mentions": _mentions, "links": _links,
}


def default_components(settings: Settings) -> list[str]:
    """The component names the settings ask for: all of them, ``links`` only when ``settings.links``."""
    return [name for name in COMPONENTS if name != "links" or settings.links]


# the Decimal context of analysis: a figure has at most 18 digits and 12 decimals (numerals.toml [limits]), 30
# significant digits, and scaling it (万亿 = 1e12) must not round it to the default context's 28 (s20-probe)
EXACT = decimal.Context(prec=60, traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])


class Pipeline:
    """Turns ``Document``s into ``Record``s. Build one and reuse it: construction loads the taxonomy.

    ``components`` names the components to run, in order (default: from the settings)."""

    def __init__(self, settings: Settings | None = None, components: Iterable[str] | None = None):
        self.settings = settings or Settings()
        names = list(components) if components is not None else default_components(self.settings)
        unknown = [name for name in names if name not in COMPONENTS]
        if unknown:
            raise AnalyzerError(f"unknown pipeline component(s): {', '.join(unknown)} (known: {', '.join(COMPONENTS)})")
        taxonomy = load_taxonomy()
        self.components: dict[str, Component] = {}
        for name in names:
            self.components[name] = COMPONENTS[name](taxonomy, self.settings, self.components)

    @property
    def pipe_names(self) -> list[str]:
        return list(self.components)

    def add_component(self, name: str, component: Component, after: str | None = None) -> None:
        """Run ``component`` (any ``doc -> doc`` callable) after the component named ``after`` (default: last),
        like spaCy's ``add_pipe``; layers above the pipeline (a learned model) plug in this way."""
        if name in self.components:
            raise AnalyzerError(f"pipeline component {name!r} is there already")
        if after is not None and after not in self.components:
            raise AnalyzerError(f"no pipeline component {after!r} to add {name!r} after (have: {', '.join(self.components)})")
        items = list(self.components.items())
        at = len(items) if after is None else [n for n, _ in items].index(after) + 1
        self.components = dict([*items[:at], (name, component), *items[at:]])

    def __call__(self, doc: TextDoc) -> TextDoc:
        with decimal.localcontext(EXACT):
            for component in self.components.values():
                doc = component(doc)
        return doc

    def analyze(self, document: Document) -> Record:
        return self(TextDoc.from_document(document)).to_record()

    def analyze_many(self, items: Iterable[Document | InputError]) -> Iterator[Record | InputError]:
        """Analyze a stream, passing read errors through so a batch can report them and go on."""
        for item in items:
            yield item if isinstance(item, InputError) else self.analyze(item)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared default pipeline of this process (built on first use)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def analyze(text: str | Document, published: str | None = None, doc_id: str = "text") -> Record:
    """Analyze one text with a shared default pipeline: ``analyze("…余额35.3万亿元", published="2025-05-26")``."""
    document = text if isinstance(text, Document) else Document(id=doc_id, text=text, published=published)
    return default_pipeline().analyze(document)
