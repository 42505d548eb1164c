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

Kinds added by s27-metricdefects (wrong clause or no head of its own; each kept only where 20 examples read on
the archive were wrong 0.8 of the time or more, precision in brackets):

- ``lead_connective``: a connective or adverb of the clause first (则A股投资者总数, 甚至有酒商春节档销售, 并转,
  但未), its first jieba word one of CONNECTIVES (20 of 20).
- ``bare_modifier``: only comparison words, adverbs and move verbs (环比, 同比, 较去年, 环比增长, 降至, 分别上涨):
  no noun says what is measured (19 of 20; 略减 is a forecast kind's name).
- ``bare_measure_head``: a measure word alone (涨幅, 跌幅, 规模, 金额, 增速, 水平): the size of what, of whom is
  left out (18 of 20; a fund's 规模 and a table row's 涨幅 read right).
- ``unit_only``: the figure's own unit word (亿元, 个百分点, 万吨) as its name; none on the archive at ff96eb3.
- ``parallel_subject``: a name from an earlier clause while the figure's own clause is a noun and a move alone
  (…国内氮肥价格累计上涨9.58%，钾肥上涨1.91% named 国内氮肥价格 for the 1.91%) (5 of 6). A broader reading (any
  noun in the figure's own clause before its base words) flagged 1,759, then 709, then 201 as it was narrowed, and
  was wrong only 10 of 25 times (forecasts, breakdowns by place, 去年同期): the wrong clause is rarely visible
  without gold, so only the parallel form is counted.

Kind added by s27-listnames (26 figures on the archive at b16f4f1, all read and all wrong: 24 take the last item's
name, 2 a list of years named by its last year):

- ``list_same_name``: the figures of one list (joined by 、/和/及/与 only) all named by the last item before the
  sentence's 分别 while that list names as many items as there are figures (铜、铝、铅、锌现货均价分别为…，同比上涨
  40.5%、33.5%、3.4%、22.1% all 锌现货均价). A shared name that is no item's (工商银行、建设银行分别实现净利润:
  净利润) is right and not counted: without the last-item test 230 were flagged and 3 of 20 read wrong.

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
# s27-metricdefects: names of the wrong clause or with no head of their own
CONNECTIVES = ("与此同时", "另一方面", "尤其是", "特别是", "而且", "但是", "其中", "此外", "同时", "另外", "并且", "以及",
               "因此", "所以", "不过", "然而", "此后", "随后", "其后", "再者", "加之", "甚至", "首先", "其次", "最后",
               "然后", "而", "但", "并", "且", "则")
BARE_WORDS = ("同比", "环比", "按年", "按月", "按季", "较", "比", "上年", "去年", "上月", "上周", "年初", "前一日", "同期",
              "明显", "大幅", "小幅", "略", "略有", "进一步", "继续", "仍", "仍然", "再", "再度", "再次", "增长", "下降",
              "上涨", "下跌", "上升", "回落", "减少", "增加", "提高", "降低", "提升", "下滑", "反弹", "攀升", "扩大",
              "收窄", "大涨", "大跌", "暴涨", "暴跌", "飙升", "涨", "跌", "升", "降", "增", "减", "收涨", "收跌", "超过",
              "达到", "达", "约", "累计", "合计", "共", "分别", "已", "均", "都", "也", "还", "有", "为", "是", "了",
              "将", "可", "高", "低", "多", "少", "超", "近", "逾", "左右", "以上", "不到", "至", "到", "实现", "完成")
MEASURE_HEADS = frozenset(("增速", "增幅", "涨幅", "跌幅", "降幅", "比重", "占比", "比例", "规模", "总额", "金额", "数量",
                           "幅度", "增长率", "总量", "余额", "比率", "份额", "水平", "数额", "总数", "额度", "增量",
                           "净额", "同比增速", "同比增幅", "平均值", "均值", "涨跌幅", "增长幅度", "下降幅度"))
# the figure's own unit word as its name: 亿元, 个百分点, 万吨 (a currency or 股份 names what moved or is held)
UNIT_ONLY = re.compile(r"[万亿千百十]*(?:元|吨|公斤|千克|盎司|桶|户|家|个|人次|次|项|件|只|台|辆|套|座|处|笔|倍|个百分点|"
                       r"百分点|个基点|基点|点|平方米|平方公里|公里|亩|公顷|千瓦时|千瓦|小时|分钟|岁)")
CLAUSE_MARK = re.compile(r"[，,；;：:]")
# nouns of a figure's own clause that refer back to a name before (占比重, 涨幅): no subject of their own
REFERRING_NOUNS = MEASURE_HEADS | frozenset(("同比", "同期", "上年", "去年", "其中", "全年", "今年", "当月", "当年",
                                               "年度", "年", "月", "日", "人民币", "水平", "记录", "新高", "新低",
                                               "高位", "低位", "预期", "市场预期", "前值", "预估", "左右", "以上",
                                               "市场", "交易日", "季度末", "盘中", "早盘", "午盘", "尾盘", "盘初",
                                               "收盘", "实际", "均价", "环比", "按年", "按月", "按季", "单日",
                                               "单季", "单月", "全天", "日内", "期间", "此前", "目前", "其他", "去年同期",
                                               "上年同期", "力争", "总体"))
PARALLEL_CLAUSE = re.compile(r"(?P<noun>[\u4e00-\u9fffA-Za-z]{2,8}?)(?:同比|环比|累计|全年|当月|则)?(?:上涨|下跌|增长|下降|"
                             r"上升|回落|减少|增加|完成|实现|达到|收涨|收跌|收报|大涨|大跌|涨|跌|升|降|增|减|达|为|报|占)"
                             r"(?:了|约|近|超|逾)?")
KINDS = ("one_char", "holds_figure", "list_value", "trail_function", "lead_inside_word", "lead_time_place",
         "unbalanced", "page_debris", "lead_connective", "bare_modifier", "bare_measure_head", "unit_only",
         "parallel_subject", "list_same_name")


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


def _posseg():
    import jieba.posseg  # as _segment: an outside reading, here with jieba's parts of speech
    return functools.partial(jieba.posseg.lcut, HMM=False)


def _covered_by(metric: str, words: tuple[str, ...]) -> bool:
    """``metric`` is written wholly with ``words`` (longest first at each place)."""
    at = 0
    ordered = sorted(words, key=len, reverse=True)
    while at < len(metric):
        word = next((w for w in ordered if metric.startswith(w, at)), None)
        if word is None:
            return False
        at += len(word)
    return True


def _starts_with_connective(metric: str, cut) -> bool:
    first = cut(metric)[0] if len(metric) > 1 else ""
    return first in CONNECTIVES and len(metric) > len(first)


def parallel_subject(text: str, metric: str, sentence: tuple[int, int], figure: dict, tag) -> bool:
    """The metric is written before a clause mark that stands between it and the figure, and the figure's own
    clause is a noun and a move word alone (…，钾肥 上涨1.91% named 国内氮肥价格; 矿石完成…，煤炭完成0.345亿吨 named
    矿石): a parallel clause names its own subject."""
    figure_start = figure["start"]
    start = text.rfind(metric, sentence[0], figure_start)
    if start < 0 or metric == "股价":  # 股价: by convention a firm's move names no firm
        return False
    marks = [m.end() for m in CLAUSE_MARK.finditer(text, start + len(metric), figure_start)]
    own = PARALLEL_CLAUSE.fullmatch(re.sub(r"\s+", "", text[marks[-1]:figure_start])) if marks else None
    if own is None or own["noun"] in metric or any(word in own["noun"] for word in REFERRING_NOUNS):
        return False
    return all(flag in ("n", "nz", "eng") for _, flag in tag(own["noun"]))


LIST_JOINT = re.compile(r"\s*[、和及与]\s*")
LIST_ITEMS = re.compile(r"[、和及与]")
CLAUSE_MARK = re.compile(r"[，,；;：:。]")


def _figure_run(figure: dict, spans: list[dict], text: str) -> list[dict]:
    """The figures joined to ``figure`` by 、/和/及/与 only (40.5%、33.5%、3.4%、22.1%), in order."""
    at = next((i for i, f in enumerate(spans) if f["start"] == figure["start"]), None)
    if at is None:
        return [figure]
    first = last = at
    while first > 0 and LIST_JOINT.fullmatch(text[spans[first - 1]["end"]:spans[first]["start"]]):
        first -= 1
    while last + 1 < len(spans) and LIST_JOINT.fullmatch(text[spans[last]["end"]:spans[last + 1]["start"]]):
        last += 1
    return spans[first:last + 1]


def list_same_name(metric: str, figure: dict, text: str, spans: list[dict], sentence: tuple[int, int]) -> bool:
    """铜、铝、铅、锌现货均价分别为…，同比上涨40.5%、33.5%、3.4%、22.1% all named 锌现货均价: the figures of one list
    share the last item's name while the items before the sentence's last 分别 are as many as the figures (a shared
    name that is no item's, 工商银行、建设银行分别实现净利润, is right: the items are whose figures they are)."""
    run = _figure_run(figure, spans, text)
    if len(run) < 2 or any(f.get("metric") != metric for f in run):
        return False
    marker = text.rfind("分别", sentence[0], run[0]["start"])
    if marker < 0:
        return False
    opening = max((m.end() for m in CLAUSE_MARK.finditer(text, sentence[0], marker)), default=sentence[0])
    items = [item.strip() for item in LIST_ITEMS.split(text[opening:marker])]
    # the name opens like the last item (锌现货均价 of 锌现货均价) and holds no other: the last item's name for all
    return len(items) == len(run) and all(items) and metric.startswith(items[-1][:2]) and \
        not any(item in metric for item in items[:-1])


def face_value_kinds(metric: str, figure: dict, text: str, sentence: tuple[int, int], cut, tag) -> list[str]:
    """The s27 kinds: a connective first, no head but adverbs and moves, a measure word alone, a unit word alone,
    a name from another clause."""
    found = []
    if _starts_with_connective(metric, cut):
        found.append("lead_connective")
    if _covered_by(metric, BARE_WORDS):
        found.append("bare_modifier")
    if metric in MEASURE_HEADS:
        found.append("bare_measure_head")
    if UNIT_ONLY.fullmatch(metric):
        found.append("unit_only")
    if tag is not None and parallel_subject(text, metric, sentence, figure, tag):
        found.append("parallel_subject")
    return found


def list_kinds(metric: str, figure: dict, text: str, spans: list[dict], sentence: tuple[int, int]) -> list[str]:
    """The s27-listnames kind: the members of one list under one name."""
    return ["list_same_name"] if list_same_name(metric, figure, text, spans, sentence) else []


def defects(metric: str | None, figure: dict, text: str, spans: list[dict], cut, tag=None) -> list[str]:
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
    return found + face_value_kinds(metric, figure, text, sentence, cut, tag) + \
        list_kinds(metric, figure, text, spans, sentence)


def read_texts(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    with path.open(encoding="utf-8") as lines:
        return {item["id"]: item.get("text") or "" for item in map(json.loads, lines)}


def records(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def scan(path: Path, texts: dict[str, str], cut, tag=None) -> tuple[int, dict[str, list[tuple]]]:
    """(figures with a metric, kind → [(doc id, figure, sentence)])."""
    tag = tag or _posseg()
    named, found = 0, collections.defaultdict(list)
    for record in records(path):
        text = texts.get(record["doc"]["id"], record.get("text", ""))
        for figure in record["figures"]:
            named += bool(figure.get("metric"))
            for kind in defects(figure.get("metric"), figure, text, record["figures"], cut, tag):
                left, right = sentence_span(text, figure["start"], figure["end"])
                found[kind].append((record["doc"]["id"], figure, text[left:right].strip()))
    return named, found


def print_counts(count: int, found: dict, label: str = "", kinds=None, noun: str = "figures with a metric",
                 width: int = 18) -> None:
    """The count of figures read and of each kind's flags (the defect counters share it)."""
    print(f"{label}{noun}: {count}")
    for kind in kinds or KINDS:
        print(f"  {kind:{width}} {len(found.get(kind, [])):6}")


HELD_OUT = Path(__file__).resolve().parents[1] / "real-gold" / "held-out-ids.txt"


def read_ids(path: Path | None) -> frozenset[str]:
    """The ids of a file with one id a line (# comments and blank lines skipped); none for no file."""
    if path is None:
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def arguments(description: str, kinds, seed: int) -> argparse.ArgumentParser:
    """The command line the defect counters share (metric, period and measure_defects.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("extract", type=Path)
    parser.add_argument("--input", type=Path)
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--kind", action="append", choices=kinds)
    parser.add_argument("--compare", type=Path, help="an older extract of the same input")
    parser.add_argument("--skip-ids", type=Path, default=HELD_OUT,
                        help="documents whose sentences are never shown (default: real-gold/held-out-ids.txt)")
    return parser


def changed_readings(new: Path, old: Path, text_of, reading, sentence_of) -> list[tuple]:
    """(doc id, span text, old reading, new reading, sentence) for figures of the same document (paired by doc id,
    not by position: a document one extract lacks shifted every later pair) and span whose ``reading`` differs;
    ``text_of(record)`` gives a record's text, ``sentence_of(text, figure)`` the figure's sentence."""
    rows = []
    before = {record["doc"]["id"]: {(f["start"], f["end"]): reading(f) for f in record["figures"]}
              for record in records(old)}
    for after in records(new):
        text, old_readings = text_of(after), before.get(after["doc"]["id"], {})
        for figure in after["figures"]:
            key = (figure["start"], figure["end"])
            if key in old_readings and old_readings[key] != reading(figure):
                rows.append((after["doc"]["id"], figure["text"], old_readings[key], reading(figure),
                             sentence_of(text, figure)))
    return rows


def shown(rows: list[tuple], skip: frozenset[str]) -> list[tuple]:
    """The example rows (doc id first) of documents not held out: their sentences are never printed."""
    return [row for row in rows if row[0] not in skip]


def _metric_line(doc: str, figure: dict) -> str:
    return f"{doc} [{figure['text']}] metric={figure['metric']!r}"


def print_examples(found: dict, kinds, n: int, seed: int, skip: frozenset[str] = frozenset(),
                   line=_metric_line) -> None:
    """A seeded sample of each kind's flags, ``line(doc id, figure)`` and the sentence each; held-out documents'
    sentences are never printed (the defect counters share it)."""
    for kind in kinds:
        rows = found.get(kind, [])
        open_rows = shown(rows, skip)
        print(f"\n== {kind}: {len(rows)}" + (f" ({len(rows) - len(open_rows)} held out, not shown)"
                                              if len(open_rows) < len(rows) else ""))
        for doc, figure, sentence in random.Random(seed).sample(open_rows, min(n, len(open_rows))):
            print(f"- {line(doc, figure)}\n    {sentence[:220]}")


def _sentence_of(text: str, figure: dict) -> str:
    left, right = sentence_span(text, figure["start"], figure["end"])
    return text[left:right].strip()


def changed(new: Path, old: Path, texts: dict[str, str]) -> list[tuple]:
    """(doc id, span text, old metric, new metric, sentence) for figures whose metric differs."""
    return changed_readings(new, old, lambda record: texts.get(record["doc"]["id"], record.get("text", "")),
                            lambda figure: figure.get("metric"), _sentence_of)


def main(argv: list[str]) -> None:
    args = arguments(__doc__.split("\n")[0], KINDS, 26).parse_args(argv)
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
