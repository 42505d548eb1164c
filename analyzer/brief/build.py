"""Assemble a brief: sentences get themes, figures become statements, every item cites its paragraphs.

Paragraphs are numbered from 1 in the order of the text's non-blank lines, not counting a first line that is
the document's title (news pages and the corpus start with it): the seed digest's [1] is the first body
paragraph. The title itself is not part of any theme.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from analyzer.brief.classify import ClassifierChoice, choose_classifier
from analyzer.brief.facts import group_by_metric, localized, statement
from analyzer.brief.themes import load_themes
from analyzer.pipeline import Pipeline
from analyzer.records import Document, Figure, Record, decimal_to_str
from analyzer.text.sentences import split_paragraphs, split_sentences
from analyzer.wording import LANGS


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # 0: the title
    themes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "paragraph": self.paragraph,
                "themes": self.themes}


@dataclass
class Fact:
    """A statement made of one metric's figures in one sentence."""
    text: str
    paragraphs: list[int]
    figures: list[Figure]

    def to_dict(self) -> dict:
        return {"text": self.text, "paragraphs": self.paragraphs,
                "figures": [{"text": f.text, "start": f.start, "end": f.end, "value": decimal_to_str(f.value),
                             "value_high": decimal_to_str(f.value_high), "unit": f.unit, "measure": f.measure,
                             "comparison": f.comparison, "metric": f.metric,
                             "period": f.period.to_dict() if f.period else None} for f in self.figures]}


@dataclass
class NameRef:
    """A tool or sector named in a theme's sentences, with the paragraphs that name it."""
    name: str
    paragraphs: list[int]

    def to_dict(self) -> dict:
        return {"name": self.name, "paragraphs": self.paragraphs}


@dataclass
class ThemeSection:
    id: str
    title: str
    facts: list[Fact] = field(default_factory=list)
    policy_tools: list[NameRef] = field(default_factory=list)
    sectors: list[NameRef] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)  # sentences without figures whose main theme this is
    paragraphs: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "paragraphs": self.paragraphs,
                "facts": [f.to_dict() for f in self.facts],
                "policy_tools": [n.to_dict() for n in self.policy_tools],
                "sectors": [n.to_dict() for n in self.sectors],
                "sentences": [{"text": s.text, "paragraph": s.paragraph} for s in self.sentences]}


@dataclass
class Brief:
    document: Document
    lang: str
    classifier: ClassifierChoice
    themes: list[ThemeSection]
    sentences: list[Sentence]

    def theme(self, theme_id: str) -> ThemeSection | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def to_dict(self) -> dict:
        return {"doc": self.document.doc_dict(), "lang": self.lang, "classifier": self.classifier.to_dict(),
                "themes": [t.to_dict() for t in self.themes], "sentences": [s.to_dict() for s in self.sentences]}


def paragraph_numbers(document: Document) -> list[tuple[int, int, int]]:
    """(start, end, number) of each paragraph; a first line equal to the title gets number 0."""
    spans = split_paragraphs(document.text)
    out, number = [], 0
    for index, (start, end) in enumerate(spans):
        is_title = index == 0 and bool(document.title) and document.text[start:end].strip() == document.title.strip()
        if not is_title:
            number += 1
        out.append((start, end, 0 if is_title else number))
    return out


def _sentences(document: Document) -> list[Sentence]:
    paragraphs = paragraph_numbers(document)
    out = []
    for start, end in split_sentences(document.text):
        number = next((n for s, e, n in paragraphs if s <= start < e), 0)
        out.append(Sentence(document.text[start:end], start, end, number))
    return out


def _add_name(refs: list[NameRef], name: str, paragraph: int) -> None:
    for ref in refs:
        if ref.name == name:
            if paragraph not in ref.paragraphs:
                ref.paragraphs.append(paragraph)
            return
    refs.append(NameRef(name, [paragraph]))


def _inside(sentence: Sentence, item) -> bool:
    return sentence.start <= item.start < sentence.end


def _add_facts(main: ThemeSection, sentence: Sentence, record: Record, lang: str) -> None:
    """The sentence's figures as statements of its main theme; a sentence without figures is kept as it is."""
    figures = [f for f in record.figures if _inside(sentence, f)]
    for group in group_by_metric(figures):
        main.facts.append(Fact(statement(group, lang), [sentence.paragraph], group))
    if not figures:
        main.sentences.append(sentence)


def _add_names(section: ThemeSection, sentence: Sentence, record: Record, lang: str) -> None:
    """The paragraph, tools and sectors of a sentence with this theme."""
    if sentence.paragraph not in section.paragraphs:
        section.paragraphs.append(sentence.paragraph)
    for array, kind, refs in (("policy_tools", "tools", section.policy_tools), ("sectors", "sectors", section.sectors)):
        for mention in record.mentions(array):
            if _inside(sentence, mention):
                _add_name(refs, localized(mention.name, kind, lang), sentence.paragraph)


def build_brief(record: Record, lang: str = "zh", choice: ClassifierChoice | None = None) -> Brief:
    """The brief of an analyzed record (``Pipeline().analyze(document)``) in ``lang`` (zh or en)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    choice = choice or choose_classifier("auto")
    sentences = _sentences(record.document)
    body = [s for s in sentences if s.paragraph > 0]
    for sentence, labels in zip(body, choice.classifier.predict([s.text for s in body])):
        sentence.themes = list(labels)

    sections = {theme.id: ThemeSection(theme.id, theme.title(lang)) for theme in load_themes()}
    for sentence in body:
        _add_facts(sections[sentence.themes[0]], sentence, record, lang)
        for theme_id in sentence.themes:
            _add_names(sections[theme_id], sentence, record, lang)
    themes = [s for s in sections.values() if s.paragraphs]
    return Brief(record.document, lang, choice, themes, sentences)


def brief_document(document: Document, lang: str = "zh", choice: ClassifierChoice | None = None,
                   pipeline=None) -> Brief:
    """Analyze ``document`` with the rules pipeline and build its brief."""
    if pipeline is None:
        pipeline = Pipeline()
    return build_brief(pipeline.analyze(document), lang, choice)


def cite(paragraphs: Sequence[int]) -> str:
    """"[2][3]" for paragraphs 2 and 3."""
    return "".join(f"[{n}]" for n in sorted(set(paragraphs)))
