"""Issue 17, s19-linear: the rules that search a figure's sentence up to the figure (periods' market, recent, current,
same-day and event words, measures' sentence_pattern) answer from one search a sentence, and that shortcut gives
exactly the match — span and groups — the search of the prefix gave, on gold texts, on hostile runs and on
patterns that look ahead; and the hostile sentence of many figures gives the figures it gave."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from analyzer import rulebook
from analyzer.extract import lists, measures, metrics, periods
from analyzer.records import Document
from analyzer.text.document import TextDoc
from analyzer.text import prefix_search
from analyzer.text.prefix_search import PrefixSearch, reach, reads_before_start
from conftest import gold_files, load_gold


def _rule_patterns() -> list[re.Pattern]:
    """Every [[words]] pattern of period.toml, the market-day words, and every sentence_pattern of measure.toml."""
    found = [*periods.WORD_PATTERNS.values(), periods._market_day()]
    found += [rulebook.regex(row["sentence_pattern"]) for rows in _tables(measures.RULE_FILE)
              for row in rows if "sentence_pattern" in row]
    assert len(found) > len(periods.WORD_PATTERNS) + 1
    return found


def _tables(name: str) -> list[list[dict]]:
    path = Path(rulebook.__file__).parent / "rules" / f"{name}.toml"
    return [rows for rows in tomllib.loads(path.read_text(encoding="utf-8")).values() if isinstance(rows, list)]


@pytest.fixture(autouse=True)
def every_prefix_through_the_shortcut(monkeypatch):
    """Short prefixes are searched directly in use; here every one goes through the shortcut."""
    monkeypatch.setattr(prefix_search, "SHORT", 0)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The normalized texts of the first 12 dev gold documents, and hostile sentences of many figures."""
    gold = [TextDoc.from_document(Document(id="g", text=load_gold(path)["text"])).norm
            for path in gold_files("dev")[:12]]
    return gold + ["增长1.5%，" * 40, "5%" * 60, "今年以来一度上涨3%，日前收涨2%，一度电价5%，近日下跌" * 5]


def _same(found: re.Match | None, expected: re.Match | None) -> bool:
    if expected is None:
        return found is None
    return found is not None and found.span() == expected.span() and found.groups() == expected.groups()


def test_the_shortcut_gives_the_match_of_the_prefix_for_every_rule_pattern(texts):
    patterns = _rule_patterns()
    assert sum(reach(pattern) is not None for pattern in patterns) > len(patterns) // 2
    checked = 0
    for text in texts:
        prefix = PrefixSearch(text)
        starts = sorted({0, *(match.end() for match in re.finditer("[。！？\n]", text))})[:6]
        for pattern in patterns:
            for start in starts:
                for end in range(start, min(len(text), start + 400) + 1, 3):
                    assert _same(prefix.search(pattern, start, end), pattern.search(text, start, end)), \
                        (pattern.pattern[:80], start, end)
                    checked += 1
    assert checked > 100_000


def test_the_matches_before_the_figure_are_those_finditer_gives(texts):
    patterns = _rule_patterns()
    for text in texts:
        prefix = PrefixSearch(text)
        starts = sorted({0, *(match.end() for match in re.finditer("[。！？\n]", text))})[:4]
        for pattern in patterns:
            for start in starts:
                for end in range(start, min(len(text), start + 300) + 1, 7):
                    found, expected = prefix.finditer(pattern, start, end), list(pattern.finditer(text, start, end))
                    assert len(found) == len(expected) and all(map(_same, found, expected)), (pattern.pattern[:80], end)


@pytest.mark.parametrize("pattern, text", [
    (r"一度(?!电)", "一度电" * 30 + "一度"),  # a negative lookahead at the end of the prefix sees nothing
    (r"(?<![曾此])一度(?=上涨|下跌)", "此一度上涨" + "曾一度下跌" * 20 + "一度上涨"),
    (r"(?:近日|日前(?![\d一二]))", "日前1" * 30 + "日前"),
    (r"ab|a", "xa" * 10 + "ab"),  # a shorter alternative where the longer is cut by the end
    (r"(?>ab|a)c", "abc" * 10),
    (r"(a)?(?(1)b|c)", "ac" * 10),
    (r"上涨.*?跌|涨\d+", "上涨3%，" * 8 + "下跌" + "涨12" * 5),  # unbounded, reads only its match
    (r"(?:今年以来|年内)(?:(?!月)[^。])*?涨[^，\d]{0,3}$", "今年以来，" + "5月上涨，" * 6 + "年内涨势，上涨"),
    (r"\d+(?:个)?[天月年]期(?=\d)", "7天期逆回购，其中7天期9500亿元、14天期" * 4 + "1"),  # unbounded, a lookahead
    # lead run tail$ (s20-review): leads with two ends, an empty lead, a run of at least two, \Z, a last line break
    (r"(?:ab|a)(?:(?!cd)[^。])*?(?:x|xy)[^，]{0,2}$", "abxcdax，xy。ab" * 4 + "axy\nx"),
    (r"(?<!z)(?:a|ab|)(?:(?![cd]{2})[^。\n])+x?$", "zabcdx\nabx" * 5),
    (r"a(?:(?!b)[^。]){2,}?c.?\Z", "aacbac。acc" * 5),
])
def test_the_shortcut_matches_the_prefix_on_lookarounds_and_cut_alternatives(pattern, text):
    compiled = re.compile(pattern)
    prefix = PrefixSearch(text)
    for start in range(0, 6):
        for end in range(0, len(text) + 1):
            assert _same(prefix.search(compiled, start, end), compiled.search(text, start, end)), (start, end)
            found, expected = prefix.finditer(compiled, start, end), list(compiled.finditer(text, start, end))
            assert len(found) == len(expected) and all(map(_same, found, expected)), (start, end)


@pytest.mark.parametrize("pattern", [r"收盘$", r"\b涨", r"收盘\Z", r"上涨.*", r"[^，]+以来"])
def test_patterns_that_test_the_end_or_have_no_bound_are_searched_as_before(pattern):
    assert reach(re.compile(pattern)) is None


def test_reach_counts_what_a_lookahead_reads_past_the_match():
    assert reach(re.compile(r"日前(?![\d一二三]{2})")) == 4
    assert reach(re.compile(r"(?<!同比上涨)上涨")) == 2


def test_a_whole_sentence_search_is_shared_by_its_figures():
    text = "央行开展逆回购操作，" + "利率1.4%，" * 10
    prefix = PrefixSearch(text)
    pattern = re.compile("逆回购")
    assert prefix.search_whole(pattern, 0, len(text)) is prefix.search_whole(pattern, 0, len(text))
    assert _same(prefix.search_whole(pattern, 0, len(text)), pattern.search(text))


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!同比)上涨", True), (r"^收盘", True), (r"\b涨", True), (r"\d+天期(?=\d)", False), (r"逆回购(?:操作)?", False),
])
def test_reads_before_start_tells_where_a_slice_and_a_search_from_start_may_differ(pattern, expected):
    assert reads_before_start(re.compile(pattern)) is expected


def test_the_metric_rules_read_the_same_matches_as_in_the_slice(texts):
    patterns = [metrics.OPERATION, metrics.OPERATION_TENOR, metrics._name_run_before("价格"), metrics.RATE_NAMED]
    extra = ["开展7天期逆回购操作，14天期逆回购操作，其中7天期9500亿元，" * 5, "泛酸钙价格跳涨，最新价格由162元，" * 8]
    for text in [*texts, *extra]:
        prefix = PrefixSearch(text)
        context = metrics.MetricContext(text, 0, 0, 0, 0, "rate", None, prefix=prefix)
        for pattern in patterns:
            for end in range(0, min(len(text), 500), 5):
                found = [match.groups() + (match.group(),) for match in context.matches_in(pattern, 0, end)]
                assert found == [match.groups() + (match.group(),) for match in pattern.finditer(text[:end])]


def test_list_members_found_by_bisection_are_those_the_scan_gave():
    text = "A、B和C分别为1%、2%和3%，D分别为4%、5%；6%和7%分别为8%"
    spans = [type("Span", (), {"start": m.start(), "end": m.end()}) for m in re.finditer(r"\d+%", text)]

    def scanned(position: int):  # the scan of every span after the marker it replaced
        marker = text.rfind(lists.MARKER, 0, spans[position].start)
        if marker < 0:
            return None
        after = [i for i, span in enumerate(spans) if span.start > marker]
        members = after[:1]
        for i in after[1:]:
            if not lists.JOINT.fullmatch(text[spans[members[-1]].end:spans[i].start]):
                break
            members.append(i)
        return (members.index(position), len(members)) if position in members else None
    found = [lists.list_position(text, spans, position, 0) for position in range(len(spans))]
    assert found == [scanned(position) for position in range(len(spans))]
    assert found[1] == (1, 3)


def test_a_figure_segment_from_the_break_positions_is_the_one_the_regex_gave(texts):
    from analyzer.extract.links import SEGMENT_BREAK, DocumentContext
    for text in [*texts, "甲；乙;丙" * 20]:
        doc = TextDoc.from_document(Document(id="g", text=text))
        context = DocumentContext(doc)
        for position in range(0, len(context.text), 11):
            figure = type("F", (), {"start": position, "end": min(position + 3, len(context.text))})
            start, end = context.sentence(figure)
            left = max((m.end() for m in SEGMENT_BREAK.finditer(context.text, start, figure.start)), default=start)
            right = SEGMENT_BREAK.search(context.text, figure.end, end)
            assert context.segment(figure) == (left, right.start() if right else end)


def test_clause_ends_by_bisection_are_those_the_search_gave(texts):
    from analyzer.text.sentences import clause_break_positions, clause_end, clause_end_among
    for text in [*texts, "5%" * 50 + "，" + "1%；2%" * 10]:
        for lists_too in (False, True):
            positions = clause_break_positions(text, lists_too)
            for start in range(0, len(text), 7):
                for stop in (len(text), min(len(text), start + 30)):
                    assert clause_end_among(positions, start, stop) == clause_end(text, start, lists_too, stop)


def test_the_clause_start_of_a_place_from_mark_positions_is_the_one_rfind_gave(texts):
    from analyzer.extract import places
    for text in [*texts, "增长1.5%，" * 30 + "（上海）5%"]:
        marks = places._mark_positions(text)
        for sentence_start in (0, len(text) // 3):
            for position in range(sentence_start, len(text), 5):
                expected = max([sentence_start, *(text.rfind(mark, sentence_start, position) + 1
                                                  for mark in places.CLAUSE_MARKS)])
                last = [at for at in marks if sentence_start <= at < position]
                assert (last[-1] + 1 if last else sentence_start) == expected
                assert places._words_before(text, position, sentence_start, ()) == \
                    places._written_dates().sub(lambda d: places.TIME_GAP * len(d.group()), text[expected:position])


def test_a_long_document_is_searched_within_a_bound_of_each_sentence():
    """The first search of a sentence's start reads a bounded stretch past the figure, not the rest of the text."""
    text = "上涨1%，" * 200 + "。" + "近日" * 5000
    prefix = PrefixSearch(text)
    pattern = periods.WORD_PATTERNS["recent"]
    assert prefix.search(pattern, 0, 1000) is None
    assert prefix._first[(pattern, 0)][0] == 2000
    assert _same(prefix.search(pattern, 0, len(text)), pattern.search(text, 0, len(text)))


def test_a_sentence_opened_by_since_new_year_is_read_from_where_its_run_stops():
    """s20-review: measure.toml market-move-since-new-year's sentence_pattern (今年以来, a run with no time in it, a move
    verb, $) was searched from 今年以来 for each figure of a long sentence, quadratic time; it is now answered from
    the leads and the places where the run stops, found once a sentence, with the match the search gave."""
    pattern = next(rulebook.regex(row["sentence_pattern"]) for rows in _tables(measures.RULE_FILE) for row in rows
                   if row.get("id") == "market-move-since-new-year")
    assert prefix_search._plan(pattern)[0] == "anchored"
    text = "今年以来，" + "上涨1.5%，" * 60 + "第三季度下跌2%，" + "上涨1.5%，" * 20 + "年内走高3%，今年至今贬值1%"
    prefix = PrefixSearch(text)
    for end in range(len(text) + 1):
        assert _same(prefix.search(pattern, 0, end), pattern.search(text, 0, end)), end


def test_every_move_of_a_long_sentence_since_new_year_is_year_to_date():
    from analyzer.pipeline import analyze
    figures = analyze("今年以来，" + "上涨1.5%，" * 400 + "第三季度下跌2%").figures
    assert [f.comparison for f in figures] == ["ytd"] * 400 + [None]
