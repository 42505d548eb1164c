"""The component pipeline: one document object, components assembled by name, the same components in spaCy."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import analyzer
from analyzer.errors import AnalyzerError
from analyzer.pipeline import Pipeline
from analyzer.records import Document
from analyzer.settings import Settings
from analyzer.text.document import TextDoc

ROOT = Path(__file__).resolve().parents[1]
SEED = "截至2025年一季度末，普惠小微贷款余额达35.3万亿元，同比增长12.5%。人民银行表示将用好支农支小再贷款。"


def test_default_components_follow_the_settings():
    assert Pipeline().pipe_names == ["figures", "mentions", "links"]
    assert Pipeline(Settings(links=False)).pipe_names == ["figures", "mentions"]


def test_unknown_component_is_one_clear_error():
    with pytest.raises(AnalyzerError, match="unknown pipeline component.*nope.*known: figures"):
        Pipeline(components=["figures", "nope"])


def test_each_component_takes_and_returns_the_doc():
    pipeline = Pipeline()
    doc = TextDoc.from_text(SEED, published="2025-05-26")
    for name, component in pipeline.components.items():
        assert component(doc) is doc, name
    assert [f.text for f in doc.spans["figures"]] == ["35.3万亿元", "12.5%"]
    assert [m.name for m in doc.spans["policy_tools"]] == ["支农支小再贷款"]


def test_figures_component_fills_the_times_span_group():
    doc = Pipeline(components=["figures"])(TextDoc.from_text(SEED, published="2025-05-26"))
    times = doc.spans["times"]
    assert [(doc.source[t.start:t.end], t.period.start, t.period.end, t.kind) for t in times] == [
        ("2025年一季度末", "2025-03-31", "2025-03-31", "quarter_end")]
    assert doc.spans["figures"][0].period == times[0].period  # the figures' periods come from the same expressions
    none = Pipeline(components=["figures"])(TextDoc.from_text("今年前4个月没有数字，去年全年如此", published="2025-05-26"))
    assert not none.spans["figures"]
    assert [(t.kind, t.period.start, t.period.end) for t in none.spans["times"]] == [
        ("months_first", "2025-01-01", "2025-04-30"), ("full_year", "2024-01-01", "2024-12-31")]


def test_a_component_can_be_left_out_or_added():
    figures_only = Pipeline(components=["figures"])
    record = figures_only.analyze(Document(id="a", text=SEED))
    assert record.figures and not record.policy_tools and record.figures[0].links is None

    def count_figures(doc: TextDoc) -> TextDoc:
        doc.document.meta["figure_count"] = len(doc.spans["figures"])
        return doc
    pipeline = Pipeline()
    pipeline.components["count"] = count_figures
    assert pipeline.analyze(Document(id="a", text=SEED)).document.meta["figure_count"] == 2


def test_document_object_defines_sentences_and_clauses_once():
    doc = TextDoc.from_text("第一句，有两个分句。第二句")
    assert doc.sentences == [(0, 10), (10, 13)]
    assert doc.sentence_at(11) == (10, 13)
    assert doc.clause_at(6) == (4, 10)


def test_offsets_point_into_the_text_as_given_when_debris_is_cut():
    text = "中国人民 银行下调存款准备金率0.5个百分点"
    record = Pipeline().analyze(Document(id="d", text=text))
    for item in [*record.figures, *record.institutions]:
        assert text[item.start:item.end] == item.text
    assert record.institutions[0].text == "中国人民 银行"


@pytest.fixture(scope="module")
def nlp():
    return analyzer.load()


def test_spacy_language_lists_the_components(nlp):
    assert nlp.pipe_names == ["figures", "mentions", "links", "record"]


def test_spacy_span_groups_hold_the_figures_and_mentions(nlp):
    doc = nlp.make_doc(SEED)
    doc._.published = "2025-05-26"
    doc = nlp(doc)
    figure = doc.spans["figures"][0]
    assert (figure.text, figure.start_char, figure._.item.metric) == ("35.3万亿元", 21, "普惠小微贷款余额")
    assert figure._.item.period.end == "2025-03-31"
    assert [s.text for s in doc.spans["institutions"]] == ["人民银行"]
    assert doc._.record.figures[0].text == "35.3万亿元"
    time = doc.spans["times"][0]
    assert (time.text, time.start_char, time._.item.kind, time._.item.period.end) == \
        ("2025年一季度末", 2, "quarter_end", "2025-03-31")


def test_spacy_times_point_into_the_text_as_given_when_debris_is_cut(nlp):
    doc = nlp.make_doc("中国人民 银行称，截至2025年一季度末余额1万亿元")
    doc._.published = "2025-05-26"
    doc = nlp(doc)
    assert [s.text for s in doc.spans["times"]] == ["2025年一季度末"]


def test_spacy_pipe_gives_the_records_of_the_pipeline(nlp):
    pipeline = Pipeline()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus" / "test").glob("*.json"))]
    texts = [g["text"] for g in golds]
    assert len(texts) >= 20
    for text, doc in zip(texts, nlp.pipe(texts)):
        expected = pipeline.analyze(Document(id="text", text=text)).to_dict()
        assert doc._.record.to_dict() == expected
        assert [s.text for s in doc.spans["figures"]] == [f["text"] for f in expected["figures"]]


def test_spacy_components_can_be_disabled_and_added(nlp):
    with nlp.select_pipes(disable=["links"]):
        doc = nlp("余额1万亿元，人民银行")
    assert doc.spans["figures"][0]._.item.links is None
    other = analyzer.load(Settings(links=False))
    assert "links" not in other.pipe_names
    other.add_pipe("sentencizer", first=True)
    doc = other("余额1万亿元。增长5%。")
    assert len(list(doc.sents)) == 2 and len(doc.spans["figures"]) == 2
