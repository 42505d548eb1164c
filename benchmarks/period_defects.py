"""Figure periods that are wrong on their face, counted on an extract of the archive (issue 14, s27-perioddefects).

No gold is read: each kind below is a period a reader sees as wrong whatever the right period would be. The model
is benchmarks/metric_defects.py (same command line):

    python cli.py extract ARCHIVE.jsonl --format jsonl > OUT.jsonl
    python benchmarks/period_defects.py OUT.jsonl --input ARCHIVE.jsonl [--examples N] [--seed S] [--kind K]
    python benchmarks/period_defects.py NEW.jsonl --input ARCHIVE.jsonl --compare OLD.jsonl [--examples N]

The first form prints, per defect kind, how many figures have it and N seeded examples with their sentence; the
second how many figures' periods differ between two extracts of the same input (paired by document and span), the
counts of both and N seeded changed figures (old → new). The input gives the texts and publication dates
(every kind needs the date: undated items, finna and finnl, are never flagged). Kinds (a figure may have several):

- ``after_published``: a span of time that starts after the document's publication date (a 2027 fiscal year's
  profit in a 2026 story, a June valuation in a January one), where the sentence holds no word of a forecast, plan,
  target or condition (预计, 目标, 力争, 将, 到2030年, 若 …), no time of its own before the figure in its clause, and
  no change taking effect on a day (8月5日起…). A day after publication is allowed: an RFC date written in UTC may
  be the day before the story's Beijing date.
- ``point_ahead``: the same for a single day that is a month's, quarter's or year's end (a level read at the end of
  今年 or 本月 in a story written before it ends: 现年30岁 → 31 December, 市值突破1万亿美元 in a July story).
- ``ytd_as_rest``: a figure whose clause says the year so far (年内累计, 年内已, 年内…涨幅, 今年以来, comparison
  ytd) given the period from publication to 31 December (the rest of the year).

Each kept kind was read on the archive at main ff96eb3 (20 or more flagged figures each, seed 27): after_published
17 of 21 really wrong (0.81), point_ahead 17 of 20 (0.85), ytd_as_rest 20 of 20. Tried and dropped (fewer than 0.8
of the flags wrong): no period although the clause opens with its own time (17 flags, none wrong once the
conventions are applied: an undated 到2025年 or …至今 is null by real-gold/README.md), a period lying wholly outside
the year the clause names before the figure (22 flags, 15 wrong: comparison bases and old values, 从2024年的…, pass
the filter), a year-to-date clause given one month or day (7 flags, 3 wrong), a year period for a 同比 figure of a
monthly release (1 flag), a single day for a figure whose clause says 全年/上半年 (42 flags, most the day a count of
reports is taken: 截至7月26日，73家公司披露上半年业绩), and differing periods inside one 分别 list (73 flags, about
half wrong).

No sentence of a held-out document (real-gold/held-out-ids.txt; ``--skip-ids FILE`` for another list) is printed.
"""
from __future__ import annotations

import collections
import datetime as dt
import email.utils
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from metric_defects import arguments, changed_readings, print_examples, read_ids, shown  # noqa: E402
from metric_defects import print_counts as shared_print_counts  # noqa: E402

SENTENCE_END = re.compile(r"[。！？!?；;\n【】]|\u3000\u3000")
CLAUSE_END = re.compile(r"[，,。！？!?；;：:\n【】]|\u3000\u3000")
CN = "一二三四五六七八九十"
N = rf"(?:\d{{1,2}}|[{CN}]{{1,3}})"
YEAR = r"(?:19|20)\d{2}\s?年(?:度)?"
ABSOLUTE = re.compile(rf"{YEAR}|(?:19|20)\d{{2}}(?=[-/.]\d{{1,2}}[-/.]\d{{1,2}})")
RELATIVE = re.compile(
    rf"(?:今年|去年|前年|明年|本年|上年|当年)(?!同期)|前{N}(?:个)?季度|[{CN}1-4]季度|上半年|下半年|前{N}个?月"
    rf"|{N}\s?[-—~～至到]\s?{N}\s?月|{N}月份|(?<![\d{CN}])(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?![份底末初中])"
    rf"|年初以来|今年以来|本月|上月|上周|本周")
BASE_BEFORE = re.compile(r"(?:比|较|相比|对比|相较|同比|环比|高于|低于|超过|为|占|由|从|与)(?:于)?$")
NAME_AROUND = re.compile(r"《[^》]*$")
NAME_AFTER = re.compile(r"^(?:政府工作报告|中央经济工作会议|第\w+号|版|[\w]{0,4}(?:会议|报告|规划|计划|方案|纲要|峰会|论坛|大会|博览会|年会|年报|季报))")
FORECAST = re.compile(r"预计|预期|预测|预估|展望|目标|力争|争取|计划|规划|有望|将|到(?:19|20)\d{2}年|至(?:19|20)\d{2}年|"
                      r"届时|有望|料|或将|拟|到了|测算|若|如果|假设|指引|一致预期|估计|到期|截至(?:19|20)\d{2}|目标价|期货|合约|远期")
YTD_DONE = re.compile(r"年内累计|年内已|今年以来|年初以来|年初至今|年内[^，,将]{0,12}(?:涨幅|跌幅|累计|已)")
NOT_OWN_AFTER = re.compile(r"^(?:同期|同月|水平|[^，,]{0,12}以来|[^，,]{0,6}到期|[^，,]{0,3}的[\d.]+)")
BASE_IN_CLAUSE = re.compile(r"^[^，,]*?(?:相比|相较|占)")  # 与2019年相比…, 2024年营收的占比: a base
SHARE_BEFORE = re.compile(r"占[^，,]{0,16}$")  # 占公司2024年度经审计营业收入的5.19%: the year is the base's
STARTS_FROM = re.compile(r"\d{1,2}日\s?(?:零时|起|开始)|起[，,]?(?:按照|实施|执行|施行|调整|下调|上调|征收)|"
                         r"(?:将|计划|预计)于")  # 8月5日起…: the day a change takes effect, announced before it
KINDS = ("after_published", "point_ahead", "ytd_as_rest")


def span_around(text: str, start: int, end: int, ends: re.Pattern = SENTENCE_END) -> tuple[int, int]:
    """The sentence (or clause, with ``ends`` CLAUSE_END) around ``start:end``."""
    left = max((m.end() for m in ends.finditer(text, 0, start)), default=0)
    right = ends.search(text, end)
    return left, right.end() if right else len(text)


def date(value: str | None) -> dt.date | None:
    """An ISO date or an RFC 2822 one (Tue, 10 Mar 2026 08:00:00 +0800, as the rss items write it)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


def period_of(figure: dict) -> tuple[dt.date, dt.date] | None:
    period = figure.get("period") or {}
    start, end = date(period.get("start")), date(period.get("end"))
    return (start, end) if start and end else None


def times_in(text: str, left: int, right: int, dated: bool) -> list[re.Match]:
    """The explicit time expressions of ``text[left:right]`` that are no comparison base and no name."""
    patterns = (ABSOLUTE, RELATIVE) if dated else (ABSOLUTE,)
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text, left, right):
            before, after = text[max(left, match.start() - 3): match.start()], text[match.end(): match.end() + 12]
            if BASE_BEFORE.search(before) or NAME_AROUND.search(text[left: match.start()]) \
                    or SHARE_BEFORE.search(text[left: match.start()]) \
                    or NAME_AFTER.search(after) or NOT_OWN_AFTER.search(after) or BASE_IN_CLAUSE.search(
                        text[match.end(): right]):
                continue
            if not any(m.start() <= match.start() < m.end() for m in found):
                found.append(match)
    return found


def _after_published(period, published, sentence) -> bool:
    # a day after publication may be the story's own date in Beijing time (an RFC date written in UTC)
    return bool(period and published and period[0] > published + dt.timedelta(days=1)
                and not FORECAST.search(sentence))


def _ytd_as_rest(figure, period, published, clause: str) -> bool:
    """A year-to-date figure (年内累计, 今年以来, comparison ytd) given the rest of the year from publication."""
    return bool(period and published and period[0] == published and (period[1].month, period[1].day) == (12, 31)
                and period[0] != period[1] and (figure.get("comparison") == "ytd" or YTD_DONE.search(clause)))


def defects(figure: dict, text: str, published: dt.date | None) -> list[str]:
    """The defect kinds of one figure's period."""
    period = period_of(figure)
    sentence = span_around(text, figure["start"], figure["end"])
    clause = span_around(text, figure["start"], figure["end"], CLAUSE_END)
    own = times_in(text, clause[0], figure["start"], published is not None)  # before the figure in its clause
    found = []
    if _after_published(period, published, text[sentence[0]: sentence[1]]) and not own \
            and not STARTS_FROM.search(text[sentence[0]: sentence[1]]):
        if period[0] != period[1]:
            found.append("after_published")
        elif (period[0] + dt.timedelta(days=1)).day == 1:  # a month's, quarter's or year's end
            found.append("point_ahead")
    if _ytd_as_rest(figure, period, published, text[clause[0]: clause[1]]):
        found.append("ytd_as_rest")
    return found


def read_inputs(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    with path.open(encoding="utf-8") as lines:
        return {item["id"]: item for item in map(json.loads, lines)}


def records(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def document(record: dict, inputs: dict[str, dict]) -> tuple[str, dt.date | None]:
    """A record's text and publication date: from the input item of its id, else the record's own."""
    item = inputs.get(record["doc"]["id"], {})
    text = item.get("text") or record.get("text", "")
    return text, date(item.get("published") or record["doc"].get("published"))


def scan(path: Path, inputs: dict[str, dict]) -> tuple[int, dict[str, list[tuple]]]:
    """(figures, kind → [(doc id, figure, sentence)])."""
    count, found = 0, collections.defaultdict(list)
    for record in records(path):
        text, published = document(record, inputs)
        for figure in record["figures"]:
            count += 1
            for kind in defects(figure, text, published):
                found[kind].append((record["doc"]["id"], figure, _sentence(text, figure)))
    return count, found


def _sentence(text: str, figure: dict) -> str:
    left, right = span_around(text, figure["start"], figure["end"])
    return text[left:right].strip()


def print_counts(count: int, found: dict, label: str = "") -> None:
    shared_print_counts(count, found, label, KINDS, noun="figures")


def _period_text(period: dict | None) -> str:
    return f"{period['start']}..{period['end']}" if period else "none"


def _period_line(inputs: dict):
    """``line(doc id, figure)`` for print_examples: the document's date, the span, its period and comparison."""
    def line(doc: str, figure: dict) -> str:
        published = inputs.get(doc, {}).get("published", "")[:10]
        return (f"{doc} ({published or 'undated'}) [{figure['text']}] period={_period_text(figure.get('period'))}"
                f" cmp={figure.get('comparison')}")
    return line


def changed(new: Path, old: Path, inputs: dict[str, dict]) -> list[tuple]:
    """(doc id, span text, old period, new period, sentence) for figures whose period differs."""
    return changed_readings(new, old, lambda record: document(record, inputs)[0], lambda figure: figure.get("period"),
                            _sentence)


def main(argv: list[str]) -> None:
    args = arguments(__doc__.split("\n")[0], KINDS, 27).parse_args(argv)
    skip, inputs = read_ids(args.skip_ids), read_inputs(args.input)
    count, found = scan(args.extract, inputs)
    if args.compare:
        rows = changed(args.extract, args.compare, inputs)
        print(f"changed periods: {len(rows)} ({len(rows) - len(shown(rows, skip))} held out, not shown)")
        rows = shown(rows, skip)
        print_counts(*scan(args.compare, inputs), label="old: ")
        print_counts(count, found, label="new: ")
        for doc, span, old, new, sentence in random.Random(args.seed).sample(rows, min(args.examples, len(rows))):
            print(f"- {doc} [{span}] {_period_text(old)} → {_period_text(new)}\n    {sentence[:220]}")
        return
    print_counts(count, found)
    if args.examples:
        print_examples(found, args.kind or KINDS, args.examples, args.seed, skip, _period_line(inputs))


if __name__ == "__main__":
    main(sys.argv[1:])
