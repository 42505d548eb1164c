"""Issue 17, s19-speed: the shortcuts that spare repeated work give what the work gave — a time match's groups read by
its kind, the verbs a phrase can hold found by their first characters, the mention context rows that speak of a name,
one clause read for a place alone — on the gold texts and on every kind of the time grammar."""
from __future__ import annotations

import pytest

from analyzer.extract import mentions, metrics, periods, places
from analyzer.records import Document
from analyzer.text.patterns import first_characters
from analyzer.text.document import TextDoc
from conftest import gold_files, load_gold


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The normalized texts of the first 40 dev gold documents."""
    return [TextDoc.from_document(Document(id="g", text=load_gold(path)["text"])).norm
            for path in gold_files("dev")[:40]]


def test_kind_groups_give_the_groupdict_of_the_kind(texts):
    matches = [match for text in texts for match in periods.time_matches(text)]
    assert len({match.lastgroup for match in matches}) > 5
    for match in matches:
        suffix = f"__{match.lastgroup}"
        expected = {name[:-len(suffix)]: value for name, value in match.groupdict().items()
                    if value is not None and name.endswith(suffix)}
        found = {short: match.group(name) for name, short in periods._KIND_GROUPS[match.lastgroup]
                 if match.group(name) is not None}
        assert found == expected


def test_verbs_a_phrase_may_hold_keep_every_verb_it_holds_in_order(texts):
    verbs = metrics._words()[1]
    phrases = [text[at:at + width] for text in texts for at in range(0, len(text), 7) for width in (3, 8, 15)]
    assert any(metrics._verbs_in(phrase, verbs) for phrase in phrases)
    for phrase in phrases:
        kept = metrics._verbs_in(phrase, verbs)  # every verb the phrase holds, and maybe more, in the verbs' order
        assert kept == sorted(kept, key=verbs.index)
        assert [verb for verb in kept if verb in phrase] == [verb for verb in verbs if verb in phrase]


def test_covering_context_rows_are_those_that_cover_the_name():
    for kind, rows in mentions.mention_contexts().items():
        names = {name for row in rows for name in row.names} | {"", "板块", "银行业", "新能源汽车产业"}
        for name in names:
            assert mentions._covering(kind, name) == tuple(row for row in rows if row.covers(name))


def test_left_stripped_is_left_without_its_trailing_words():
    context = metrics.MetricContext("社会融资规模增量累计达到3.5万亿元", 15, 21, 0, 0, "flow", None)
    assert context.left_stripped == metrics._strip_trailing(context.left, metrics._words()[0])


def test_place_of_a_figure_reads_as_place_at(texts):
    """_placed reads the clause once for the place-alone test and the place: what place_at(alone=True) gives."""
    tried = 0
    for text in ["其中宁波市5例，杭州市3例", "上海市，新增确诊病例12例", *texts]:
        for at in range(1, len(text)):
            words = places._words_before(text, at, 0, ())
            alone = places._place_alone().search(words)
            if alone:
                tried += 1
                assert places._place_of(alone) == places.place_at(text, at, 0, (), alone=True)
    assert tried > 3


def test_time_pattern_by_first_character_matches_as_the_whole_alternation(texts):
    """At every start a time expression can begin (its kinds' first characters together: the alternation's), the
    kinds that can start with its character match what TIME_PATTERN matches: the same span, kind and groups."""
    assert periods._time_starts() == first_characters(periods.TIME_PATTERN)
    tried = 0
    for text in ["2025年一季度，去年同期，上月末，本周二，前一交易日，过去24小时，自2021年8月以来", *texts]:
        for start in range(len(text)):
            if text[start] not in periods._time_starts():
                continue
            whole = periods.TIME_PATTERN.match(text, start, start + 32)
            pattern = periods._time_pattern_at(text[start])
            part = pattern.match(text, start, start + 32) if pattern is not None else None
            assert (whole is None) == (part is None)
            if whole is not None:
                tried += 1
                assert (whole.span(), whole.lastgroup) == (part.span(), part.lastgroup)
                assert {k: v for k, v in whole.groupdict().items() if v is not None} == \
                    {k: v for k, v in part.groupdict().items() if v is not None}
    assert tried > 100


def test_match_form_of_a_normalized_text_is_its_match_form(texts):
    """A normalized text is normalized again only where it holds a character the table maps onward (苧 today)."""
    from analyzer.normalize import _table, mapped_again, normalize
    from analyzer.taxonomy import match_form, match_form_of_normalized
    onward = sorted(mapped_again())
    assert onward and all(normalize(char) != char for char in onward)
    before = [chr(code) for code, to in _table().items() if chr(to) in onward]  # a character normalized to one of them
    for text in [*texts, "中國人民銀行ＬＰＲ", "苧麻" + "x" * 70, "".join(before) + "价格", "abc２０２５年"]:
        normalized = normalize(text)
        assert match_form_of_normalized(normalized) == match_form(normalized)
