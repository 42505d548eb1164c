"""Issue 17's shared and cached structures give what the uncached computations give: the link context's per-figure
and per-sentence answers, the linker's per-phrase metric entries, the measure rules' pre-sorted word tests."""
from __future__ import annotations

import bisect

import pytest

from analyzer.extract import measures
from analyzer.extract.links import DocumentContext
from analyzer.records import Document
from analyzer.text.document import TextDoc
from conftest import gold_files, load_gold


@pytest.fixture(scope="module")
def analyzed(pipeline):
    """(linker, TextDoc after every stage) for the first 30 gold documents."""
    docs = []
    for path in gold_files("dev")[:30]:
        gold = load_gold(path)
        meta = gold["doc"]
        doc = TextDoc.from_document(Document(id=meta["id"], text=gold["text"], published=meta.get("published")))
        docs.append(pipeline(doc))
    return pipeline.components["links"].linker, docs


def test_link_context_caches_answer_as_the_document_does(analyzed):
    _, docs = analyzed
    for doc in docs:
        ctx = DocumentContext(doc)
        for figure in ctx.figures:
            for _ in range(2):  # the second answer comes from the cache
                assert ctx.sentence(figure) == doc.sentence_at(figure.start)
                assert ctx.paragraph(figure) == doc.paragraph_at(figure.start)
            span = (ctx.paragraph(figure)[0], ctx.sentence(figure)[0])
            expected = [m.name for m in ctx.in_span("institutions", span) if ctx.is_subject(m) and not ctx.is_partner(m)]
            assert ctx.speakers_before(*span) == expected == ctx.speakers_before(*span)
            ctx.speakers_before(*span).append("changed")  # a caller's list is its own
            assert ctx.speakers_before(*span) == expected


def test_figure_position_from_bisection_is_list_index(analyzed):
    """referred() finds the figure among its sentence's figures from its start: what list.index gives."""
    _, docs = analyzed
    for doc in docs:
        ctx = DocumentContext(doc)
        for figure in ctx.figures:
            sentence = ctx.sentence(figure)
            first = bisect.bisect_left(ctx.figure_starts, sentence[0])
            siblings = ctx.figures[first:bisect.bisect_left(ctx.figure_starts, sentence[1])]
            start = bisect.bisect_left(ctx.figure_starts, figure.start) - first
            assert siblings.index(figure, start) == siblings.index(figure)


def test_metric_entries_cached_per_phrase_equal_uncached(analyzed):
    linker, docs = analyzed
    metrics = {f.metric for doc in docs for f in doc.spans["figures"] if f.metric}
    uncached = type(linker).metric_entries.__wrapped__
    assert len(metrics) > 20
    for metric in sorted(metrics):
        assert linker.metric_entries(metric) == tuple(uncached(linker, metric)) == linker.metric_entries(metric)


def _ends_with_reference(left: str, words) -> str | None:
    for word in sorted(words, key=len, reverse=True):
        if left.endswith(word):
            return word
    return None


def test_word_tests_sorted_once_answer_as_before():
    """Rows' word lists sorted longest first when compiled, with one endswith/startswith on all of them first."""
    tables = [measures._words_table(row[key]) for table in ("measure", "comparison_default", "by_metric")
              for row in measures.rulebook.rows(measures.RULE_FILE, table) for key in row
              if key in ("near_ends", "near_not_ends", "clause_ends", "cue_ends")]
    word_lists = [t["words"] for t in tables] + [t["not"] for t in tables] + [("率", "增长率", "长率", "a", "")]
    phrases = ["贷款余额", "同比增长率", "增长", "", "余额约", "a", "占比", "利率为", "增速回落至"]
    assert word_lists
    for words in word_lists:
        for phrase in phrases + [w + "x" for w in words[:5]] + [w for w in words[:5]]:
            assert measures._ends_with_ordered(phrase, measures._longest_first(words)) == \
                _ends_with_reference(phrase, words) == measures.ends_with(phrase, words)


def test_start_words_answer_as_before():
    class Candidate:
        start, end = 2, 6
    for text in ["同比增长12%以上", "至少5%的样本", "<20Mbps", "", "ab"]:
        ctx = measures.Context(text=text, candidate=Candidate(), near="", clause="")
        for words in [("以上", "以下"), ("的",), ("%的", "%"), ("",), ()]:
            expected_after = next((w for w in words if text.startswith(w, 6)), None)
            expected_start = next((w for w in words if text.startswith(w, 2)), None)
            assert measures._after_starts(ctx, words) == expected_after
            assert measures._starts_with(ctx, words) == expected_start


def _recipient_by_plain_search(ctx, mention, start) -> bool:
    """is_recipient as it was written before the break list and the cache: the plain search from the sentence start."""
    from analyzer.extract.links import RECIPIENT, RECIPIENT_FILLER
    match = RECIPIENT.search(ctx.text, start, mention.start)
    if match is None:
        return False
    rest = ctx.text[match.end():mention.start]
    for other in ctx.mentions["institutions"]:
        if match.end() <= other.start and other.end <= mention.start:
            rest = rest.replace(ctx.text[other.start:other.end], "")
    return not RECIPIENT_FILLER.sub("", rest)


def test_recipient_from_the_last_break_is_the_plain_search(analyzed, pipeline):
    """is_recipient searches 向/对/包括 only after the last ，。； before the mention (the lookahead forbids them), and
    caches per mention and sentence: a break-less text was cubic (17,000 characters: over 600 s, now 7 s)."""
    _, docs = analyzed
    text = "发放对象包括国家开发银行、中国进出口银行和农业发展银行，人民银行向工商银行、建设银行投放资金1000亿元；" \
           "对象为农业银行。交通银行对邮储银行发放贷款5亿元"
    docs = docs + [pipeline(TextDoc.from_document(Document(id="recipients", text=text)))]
    seen = 0
    for doc in docs:
        ctx = DocumentContext(doc)
        for figure in ctx.figures:
            sentence = ctx.sentence(figure)
            for mention in ctx.in_span("institutions", sentence):
                expected = _recipient_by_plain_search(ctx, mention, sentence[0])
                assert ctx.is_recipient(mention, sentence[0]) == expected == ctx.is_recipient(mention, sentence[0])
                seen += expected
    assert seen >= 3
