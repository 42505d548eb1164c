"""Measures and comparisons that are wrong on their face, counted on an extract of the archive (issue 14, s27-measure).

No gold is read: each kind below is a figure's measure or comparison that its own clause contradicts, whatever the
right answer would be.

    python cli.py extract ARCHIVE.jsonl --format jsonl > OUT.jsonl
    python benchmarks/measure_defects.py OUT.jsonl [--input ARCHIVE.jsonl] [--examples N] [--seed S] [--kind K]
    python benchmarks/measure_defects.py NEW.jsonl --compare OLD.jsonl [--examples N] [--seed S]

The first form prints, per defect kind, how many figures have it and N seeded examples, each with its sentence. The
second prints how many figures' measure or comparison differ between two extracts of the same input (figures paired
by document and span), the defect counts of both, and N seeded changed figures (old → new, with the sentence).
Kinds (a figure may have several):

- ``cue_unread``: a growth rate or a change whose own clause writes a comparison word before it (同比, 环比, 比年初,
  较上年末 …) with comparison null.
- ``cue_contradicted``: a growth rate or a change whose own clause writes one comparison word before it and whose
  comparison is another (同比增长5% read ``mom``).
- ``cue_of_other``: comparison yoy, mom or ytd with no comparison word in the figure's clause while the sentence's
  last comparison word before it is in an earlier clause that holds another figure, the one the word belongs to.
- ``base_year_yoy``: comparison yoy while the figure's clause writes its base as a year (比2019年, 较2019年度) two
  or more years before the year its period starts in: against an explicit earlier value, not the year before.
- ``market_yoy``: a growth rate read yoy with no comparison word in its clause while the clause is a market's
  (收盘, 盘中, 盘前, 早盘, 高开 …): a move against an earlier price or a level reached, not a year's growth.
- ``growth_word_change``: measure ``change`` on a percent right after a growth word (增长, 增速, 下降 …): a growth
  rate by the spec (``change`` is an absolute change: 个百分点, 多增3000亿元).
- ``level_of_points``: a figure in percentage points or basis points that is not a ``change`` and whose sentence
  has no spread, margin or gap word (利差, 差距, 溢价 …): points are a difference of two rates.
- ``share_without_cue``: measure ``share`` with no part-of-a-whole word in the figure's clause (占, 比重, 份额,
  占比, 比例, 渗透率, 半 …) and no 的 right after it (巴西79.9%的大豆: a part of the 大豆).
- ``rate_of_count``: measure ``rate`` on a count of households, firms or people (户, 家, 人, 名).
- ``share_metric_rate``: a percent measured ``rate`` whose metric ends in a word of a part of a whole (占比, 比重,
  份额, 市占率): a share by the spec (占…的56.8%); 渗透率 and 比例 stay rates (获贷率, corpus gold's 比例).
- ``list_mixed``: figures of one 分别 list (its clause from 分别 on) with different measures.

No sentence of a held-out document (real-gold/held-out-ids.txt; ``--skip-ids FILE`` for another list) is printed:
such examples are counted, not shown.
"""
from __future__ import annotations

import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from metric_defects import (arguments, changed_readings, print_examples, read_ids, read_texts,  # noqa: E402
                            records, sentence_span, shown)
from metric_defects import print_counts as shared_print_counts  # noqa: E402

CLAUSE_END = re.compile(r"[，,；;。！？!?\n：:]")
CUES = {
    "yoy": ("同比", "按年", "比去年同期", "较去年同期", "比上年同期", "较上年同期", "与去年同期相比", "比上年", "较上年",
            "比去年", "较去年", "上年同期", "去年同期"),
    "mom": ("环比", "按月", "比上月", "较上月", "比上季", "较上季", "较前一月", "比上个月", "较上个月", "比上周", "较上周",
            "按周", "按季", "较上一交易日", "较前一交易日", "比上一交易日", "比前一交易日"),
    "ytd": ("比年初", "较年初", "比今年初", "较今年初", "年初至今", "年初以来", "今年以来"),
    "prev": ("比上年末", "较上年末", "比去年末", "较去年末", "较前值", "较此前", "比此前"),
}
# a word of one comparison inside a longer word of another (比上年 in 比上年末): the longer word wins
# 较上周 is week on week; 较上周五 is a close (mom after a weekend, the lead's decision of 2026-12-07), read by
# last-friday-close-base only before a move verb: no cue here
CUE_PATTERN = re.compile("|".join(re.escape(w) + ("(?![一二三四五六日末])" if w.endswith("上周") else "")
                                  for w in sorted((w for ws in CUES.values() for w in ws), key=len, reverse=True)))
CUE_OF = {word: kind for kind, words in CUES.items() for word in words}
# a stated comparison-free base (高于各项贷款增速, 较预期): the comparison is null by the spec
OTHER_BASE = re.compile(r"高于|低于|快于|慢于|预期|平均|同业|行业|其他|大盘|基准")
GROWTH_WORD = re.compile(r"(?:增长|增速|增幅|下降|降幅|下滑|上涨|涨幅|跌幅|减少|提高|提升|增加)了?(?:约|近|超|逾|达)?$")
SPREAD_WORD = re.compile(r"利差|息差|差距|差值|价差|溢价|折价|缺口|偏离|高出|低出|相差|差[为了]|倒挂|期限|通胀|目标|容忍")
SHARE_WORD = re.compile(r"占|比重|份额|比例|渗透率|覆盖率|半|成|之|权重|持股|股权|股份|持有|控股|市占|构成|贡献")
COUNT_PEOPLE = frozenset("户家人名")
SHARE_METRIC = re.compile(r"(?:占比|比重|份额|市占率)$")
LIST_START = re.compile(r"分别")
KINDS = ("cue_unread", "cue_contradicted", "cue_of_other", "base_year_yoy", "market_yoy", "growth_word_change", "level_of_points",
         "share_without_cue", "share_metric_rate", "rate_of_count", "list_mixed")
MOVES = ("growth_rate", "change")
MARKET_WORD = re.compile(r"收盘|盘中|报收|收报|开盘|尾盘|早盘|午盘|收涨|收跌|高开|低开|盘前|盘后")
BASE_YEAR = re.compile(r"(?:[比较]|相比|相较|同比)于?((?:19|20)\d\d)年")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``start:end``: from the last clause mark before it to the first after it."""
    left = max((m.end() for m in CLAUSE_END.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    right = CLAUSE_END.search(text, end)
    return left, right.start() if right else len(text)


def last_cue(text: str, start: int, end: int) -> tuple[int, str] | None:
    """(position, comparison) of the last comparison word in ``text[start:end]``, or None."""
    found = None
    for match in CUE_PATTERN.finditer(text, start, end):
        found = (match.start(), CUE_OF[match.group()])
    return found


def _cue_kinds(figure: dict, text: str, clause: tuple[int, int], figures: list[dict]) -> list[str]:
    comparison = figure.get("comparison")
    own = last_cue(text, clause[0], figure["start"])
    if own is not None and figure.get("measure") in MOVES:
        between = text[own[0]:figure["start"]]
        if OTHER_BASE.search(between):
            return []
        if comparison is None:
            return ["cue_unread"]
        return ["cue_contradicted"] if comparison != own[1] else []
    if comparison in ("yoy", "mom", "ytd") and last_cue(text, clause[0], clause[1]) is None:
        sentence = sentence_span(text, figure["start"], figure["end"])
        earlier = last_cue(text, sentence[0], clause[0])
        if earlier is not None:
            cue_clause = clause_span(text, earlier[0], earlier[0] + 1)
            if any(cue_clause[0] <= f["start"] < cue_clause[1] and f is not figure for f in figures):
                return ["cue_of_other"]
    return []


def _base_year_yoy(figure: dict, text: str, clause: tuple[int, int]) -> bool:
    period = figure.get("period")
    if figure.get("comparison") != "yoy" or not period:
        return False
    years = [int(m.group(1)) for m in BASE_YEAR.finditer(text, clause[0], figure["start"])]
    return bool(years) and int(period["start"][:4]) - years[-1] >= 2


def defects(figure: dict, text: str, figures: list[dict]) -> list[str]:
    """The defect kinds of one figure's measure and comparison (``list_mixed`` is found per list, in ``scan``)."""
    measure, unit = figure.get("measure"), figure.get("unit")
    clause = clause_span(text, figure["start"], figure["end"])
    found = _cue_kinds(figure, text, clause, figures)
    if _base_year_yoy(figure, text, clause):
        found.append("base_year_yoy")
    if figure.get("comparison") == "yoy" and measure == "growth_rate" and MARKET_WORD.search(
            text[clause[0]:clause[1]]) and last_cue(text, clause[0], clause[1]) is None:
        found.append("market_yoy")
    before = text[clause[0]:figure["start"]]
    if measure == "change" and unit == "percent" and GROWTH_WORD.search(before):
        found.append("growth_word_change")
    sentence = sentence_span(text, figure["start"], figure["end"])
    if unit in ("percentage_point", "basis_point") and measure != "change" \
            and not SPREAD_WORD.search(text[sentence[0]:sentence[1]]):
        found.append("level_of_points")
    if measure == "share" and not SHARE_WORD.search(text[clause[0]:clause[1]]) \
            and not text.startswith("的", figure["end"]):
        found.append("share_without_cue")
    if measure == "rate" and unit == "percent" and SHARE_METRIC.search(figure.get("metric") or ""):
        found.append("share_metric_rate")
    if measure == "rate" and unit == "count" and figure.get("counter") in COUNT_PEOPLE:
        found.append("rate_of_count")
    return found


def mixed_lists(text: str, figures: list[dict]) -> list[dict]:
    """The figures of 分别 lists whose members were given different measures."""
    lists = collections.defaultdict(list)
    for figure in figures:
        left, right = clause_span(text, figure["start"], figure["end"])
        mark = None
        for match in LIST_START.finditer(text, max(0, left - 1), figure["start"]):
            mark = match.start()
        if mark is not None:
            lists[mark].append(figure)
    return [f for members in lists.values() if len(members) > 1
            and len({m.get("measure") for m in members}) > 1 for f in members]


def scan(path: Path, texts: dict[str, str]) -> tuple[int, dict[str, list[tuple]]]:
    """(figures, kind → [(doc id, figure, sentence)])."""
    count, found = 0, collections.defaultdict(list)
    for record in records(path):
        text = texts.get(record["doc"]["id"], record.get("text", ""))
        figures = record["figures"]
        count += len(figures)
        marked = [(figure, defects(figure, text, figures)) for figure in figures]
        marked += [(figure, ["list_mixed"]) for figure in mixed_lists(text, figures)]
        for figure, kinds in marked:
            for kind in kinds:
                left, right = sentence_span(text, figure["start"], figure["end"])
                found[kind].append((record["doc"]["id"], figure, text[left:right].strip()))
    return count, found


def print_counts(count: int, found: dict, label: str = "") -> None:
    shared_print_counts(count, found, label, KINDS, noun="figures", width=20)


def _reading(figure: dict) -> str:
    return f"{figure.get('measure')}/{figure.get('comparison')}"


def _measure_line(doc: str, figure: dict) -> str:
    return f"{doc} [{figure['text']}] {_reading(figure)}"


def changed(new: Path, old: Path, texts: dict[str, str]) -> list[tuple]:
    """(doc id, span text, old reading, new reading, sentence) for figures whose measure or comparison differs."""
    def sentence_of(text: str, figure: dict) -> str:
        left, right = sentence_span(text, figure["start"], figure["end"])
        return text[left:right].strip()
    return changed_readings(new, old, lambda record: texts.get(record["doc"]["id"], record.get("text", "")),
                            _reading, sentence_of)


def compare(new: Path, old: Path, texts: dict[str, str], skip: frozenset[str], n: int, seed: int) -> None:
    rows = changed(new, old, texts)
    print(f"changed measure/comparison: {len(rows)} ({len(rows) - len(shown(rows, skip))} held out, not shown)")
    transitions = collections.Counter((row[2], row[3]) for row in rows)
    for (a, b), number in transitions.most_common(12):
        print(f"  {a} → {b}: {number}")
    print_counts(*scan(old, texts), label="old: ")
    print_counts(*scan(new, texts), label="new: ")
    rows = shown(rows, skip)
    for doc, span, a, b, sentence in random.Random(seed).sample(rows, min(n, len(rows))):
        print(f"- {doc} [{span}] {a} → {b}\n    {sentence[:220]}")


def main(argv: list[str]) -> None:
    args = arguments(__doc__.split("\n")[0], KINDS, 27).parse_args(argv)
    skip = read_ids(args.skip_ids)
    texts = read_texts(args.input)
    if args.compare:
        compare(args.extract, args.compare, texts, skip, args.examples, args.seed)
        return
    count, found = scan(args.extract, texts)
    print_counts(count, found)
    if args.examples:
        print_examples(found, args.kind or KINDS, args.examples, args.seed, skip, _measure_line)


if __name__ == "__main__":
    main(sys.argv[1:])
