"""Metric names that are wrong on their face, counted on an extract of the archive (issue 14, s26-metricdebris).

No gold is read: each kind below is a name a reader sees as garbage whatever the right name would be.

    python cli.py extract ARCHIVE.jsonl --format jsonl > OUT.jsonl
    python benchmarks/metric_defects.py OUT.jsonl [--input ARCHIVE.jsonl] [--examples N] [--seed S] [--kind K]
    python benchmarks/metric_defects.py NEW.jsonl --compare OLD.jsonl [--examples N] [--seed S]

The first form prints, per defect kind, how many figures' metrics have it and N seeded examples, each with its
sentence. The second prints how many figures' metrics differ between two extracts of the same input (figures
paired by span), the defect counts of both, and N seeded changed figures (old → new, with the sentence), for
reading a change on the archive. Kinds (a metric may have several):

- ``one_char``: a metric of one character (周, 省, 以).
- ``holds_figure``: the metric holds the text of a figure of its sentence (its own or another's: 有2000亿7天期逆回购,
  他身高177cm、体重), or ends in a number or a list's slash (至1.13/).
- ``list_value``: a 分别 list's metric that swallowed a value (分别有6).
- ``trail_function``: the metric ends in a function word or a sign word (…的, …为, …对, …较, …和, …负 of 负增长).
- ``lead_inside_word``: the metric starts inside a word of the text (府性融资… of 政府性融资…, 安那州 of 印第安那州):
  the text's segmentation (jieba) has a word across the metric's first character.
- ``lead_time_place``: a time or place lead kept (为止交易量, 截至…, 全国…).
- ``unbalanced``: brackets or quotes without their pair.
- ``page_debris``: pinyin annotations ((yè), (shè)), URLs, editor and source lines.

No sentence of a held-out document (real-gold/held-out-ids.txt: the reserved ids, real-gold/test, the held-out
audits; ``--skip-ids FILE`` for another list) is printed: such examples are counted, not shown.

The input (the archive .jsonl the extract was made from) gives the texts; without it the extract's own ``text``
is used (the same text).
"""
from __future__ import annotations

import argparse
import collections
import functools
import json
import random
import re
import sys
from pathlib import Path

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
TRAIL_FUNCTION = frozenset("的为对较和与及或在是了将从比达至到被把向由以于并而但则也都又还已负正即按给让使等")
LEAD_TIME_PLACE = ("为止", "截至", "截止", "至今", "迄今", "以来", "全国", "我国", "全省", "全市", "本市", "全区", "全县")
PAIRS = ("()", "（）", "“”", "‘’", "《》", "【】", "[]", "「」")
PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
DEBRIS = re.compile(r"https?:|www\.|\.com|责任编辑|编辑：|来源：|原标题|点击(?:查看|进入|阅读)")
NUMBER = re.compile(r"[0-9０-９][0-9０-９.,，]*")
ENDS_IN_NUMBER = re.compile(r"(?:[0-9０-９][.,，]?|[0-9０-９%][/／、])$")
INDEX_NUMBER = re.compile(r"(?:沪深|中证|上证|科创|创业板|深证|标普|富时|日经|DAX|CAC|纳斯达克|纳指|STOXX|斯托克)\d+$")
SCENARIO = re.compile(r"(?:概率|可能性)$")  # 加息50个基点的概率: a scenario named by its figure
RATIO_END = re.compile(r"(?:占比|之比|效比|人员比)$")
LIST_VALUE = re.compile(r"分别(?:为|是|有|达|约|增长|下降|占)?[0-9０-９一二三四五六七八九十两]")
KINDS = ("one_char", "holds_figure", "list_value", "trail_function", "lead_inside_word", "lead_time_place",
         "unbalanced", "page_debris")


def _segment():
    import jieba  # the full dictionary: an outside reading of the text, not the analyzer's own segmenter
    jieba.setLogLevel(60)
    return functools.partial(jieba.lcut, HMM=False)  # the HMM joins unknown characters into words across names


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start:end``."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = SENTENCE_END.search(text, end)
    return left, right.end() if right else len(text)


def metric_start(text: str, metric: str, sentence: tuple[int, int], figure_start: int) -> int | None:
    """Where ``metric`` is written in its sentence: the last place before the figure, else the first after it."""
    before = text.rfind(metric, sentence[0], figure_start)
    if before >= 0:
        return before
    after = text.find(metric, figure_start, sentence[1])
    return after if after >= 0 else None


def starts_inside_word(text: str, at: int, cut) -> bool:
    """A word of the text's segmentation runs across ``at`` (its last character before, its first after)."""
    window = max(0, at - 8)
    position = window
    for word in cut(text[window: at + 8]):
        if position < at < position + len(word) and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            return True
        position += len(word)
    return False


def _unbalanced(metric: str) -> bool:
    return any(metric.count(a) != metric.count(b) for a, b in PAIRS) or metric.count('"') % 2 == 1


def _ends_in_function(metric: str, cut) -> bool:
    return len(metric) > 1 and metric[-1] in TRAIL_FUNCTION and len(cut(metric)[-1]) == 1 \
        and not RATIO_END.search(metric)


def defects(metric: str | None, figure: dict, text: str, spans: list[dict], cut) -> list[str]:
    """The defect kinds of one figure's metric."""
    if not metric:
        return []
    found = []
    if len(metric) == 1:
        found.append("one_char")
    sentence = sentence_span(text, figure["start"], figure["end"])
    others = [f["text"] for f in spans if sentence[0] <= f["start"] < sentence[1] and NUMBER.search(f["text"])]
    holds = any(len(other) >= 2 and other in metric for other in others) or ENDS_IN_NUMBER.search(metric)
    if holds and not INDEX_NUMBER.search(metric) and not SCENARIO.search(metric):
        found.append("holds_figure")
    if LIST_VALUE.search(metric):
        found.append("list_value")
    if _ends_in_function(metric, cut):
        found.append("trail_function")
    start = metric_start(text, metric, sentence, figure["start"])
    if start is not None and start > 0 and starts_inside_word(text, start, cut):
        found.append("lead_inside_word")
    if metric.startswith(LEAD_TIME_PLACE) and not metric.startswith("全市场"):  # 全市场: the whole market, a scope
        found.append("lead_time_place")
    if _unbalanced(metric):
        found.append("unbalanced")
    if PINYIN.search(metric) or DEBRIS.search(metric):
        found.append("page_debris")
    return found


def read_texts(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    with path.open(encoding="utf-8") as lines:
        return {item["id"]: item.get("text") or "" for item in map(json.loads, lines)}


def records(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def scan(path: Path, texts: dict[str, str], cut) -> tuple[int, dict[str, list[tuple]]]:
    """(figures with a metric, kind → [(doc id, figure, sentence)])."""
    named, found = 0, collections.defaultdict(list)
    for record in records(path):
        text = texts.get(record["doc"]["id"], record.get("text", ""))
        for figure in record["figures"]:
            named += bool(figure.get("metric"))
            for kind in defects(figure.get("metric"), figure, text, record["figures"], cut):
                left, right = sentence_span(text, figure["start"], figure["end"])
                found[kind].append((record["doc"]["id"], figure, text[left:right].strip()))
    return named, found


def print_counts(named: int, found: dict, label: str = "") -> None:
    print(f"{label}figures with a metric: {named}")
    for kind in KINDS:
        print(f"  {kind:18} {len(found.get(kind, [])):6}")


HELD_OUT = Path(__file__).resolve().parents[1] / "real-gold" / "held-out-ids.txt"


def read_ids(path: Path | None) -> frozenset[str]:
    """The ids of a file with one id a line (# comments and blank lines skipped); none for no file."""
    if path is None:
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def shown(rows: list[tuple], skip: frozenset[str]) -> list[tuple]:
    """The example rows (doc id first) of documents not held out: their sentences are never printed."""
    return [row for row in rows if row[0] not in skip]


def print_examples(found: dict, kinds, n: int, seed: int, skip: frozenset[str] = frozenset()) -> None:
    for kind in kinds:
        rows = found.get(kind, [])
        open_rows = shown(rows, skip)
        print(f"\n== {kind}: {len(rows)}" + (f" ({len(rows) - len(open_rows)} held out, not shown)"
                                              if len(open_rows) < len(rows) else ""))
        for doc, figure, sentence in random.Random(seed).sample(open_rows, min(n, len(open_rows))):
            print(f"- {doc} [{figure['text']}] metric={figure['metric']!r}\n    {sentence[:220]}")


def changed(new: Path, old: Path, texts: dict[str, str]) -> list[tuple]:
    """(doc id, span text, old metric, new metric, sentence) for figures of the same document (paired by doc id,
    not by position: a document one extract lacks shifted every later pair) and span whose metric differs."""
    rows = []
    before = {record["doc"]["id"]: {(f["start"], f["end"]): f.get("metric") for f in record["figures"]}
              for record in records(old)}
    for after in records(new):
        text = texts.get(after["doc"]["id"], after.get("text", ""))
        old_metrics = before.get(after["doc"]["id"], {})
        for figure in after["figures"]:
            key = (figure["start"], figure["end"])
            if key in old_metrics and old_metrics[key] != figure.get("metric"):
                left, right = sentence_span(text, *key)
                rows.append((after["doc"]["id"], figure["text"], old_metrics[key], figure.get("metric"),
                             text[left:right].strip()))
    return rows


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("extract", type=Path)
    parser.add_argument("--input", type=Path)
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--kind", action="append", choices=KINDS)
    parser.add_argument("--compare", type=Path, help="an older extract of the same input")
    parser.add_argument("--skip-ids", type=Path, default=HELD_OUT,
                        help="documents whose sentences are never shown (default: real-gold/held-out-ids.txt)")
    args = parser.parse_args(argv)
    skip = read_ids(args.skip_ids)
    texts, cut = read_texts(args.input), _segment()
    named, found = scan(args.extract, texts, cut)
    if args.compare:
        rows = changed(args.extract, args.compare, texts)
        print(f"changed metrics: {len(rows)} ({len(rows) - len(shown(rows, skip))} held out, not shown)")
        rows = shown(rows, skip)
        print_counts(*scan(args.compare, texts, cut), label="old: ")
        print_counts(named, found, label="new: ")
        for doc, span, old, new, sentence in random.Random(args.seed).sample(rows, min(args.examples, len(rows))):
            print(f"- {doc} [{span}] {old!r} → {new!r}\n    {sentence[:220]}")
        return
    print_counts(named, found)
    if args.examples:
        print_examples(found, args.kind or KINDS, args.examples, args.seed, skip)


if __name__ == "__main__":
    main(sys.argv[1:])
