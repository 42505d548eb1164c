"""A learned boundary chooser for metric names (issue 14): the rules' metric and word-aligned variants around it.

The rules name a figure's metric; about half of their errors on real text are boundaries — junk before the name
(设计的峰值算力 for 峰值算力) or a head noun left out (布伦特原油 for 布伦特原油价格). Where the rules' metric is
written in the figure's sentence, :func:`candidates` gives every word-aligned span of its clause that overlaps it
and starts or ends at most ``REACH`` characters away; :class:`BoundaryModel` scores each by a linear model over
the features of :func:`features` (a conditional logit: the highest score wins) and keeps the rules' metric unless
another candidate beats it by the model's margin. Weights are a JSON file (``models/metric-boundary``), trained by
``analyzer model train-metric-boundary``; inference is plain Python.
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from analyzer.extract.metrics import _metric_words
from analyzer.text import pos
from analyzer.text.sentences import CLAUSE_BREAKS, LIST_BREAK

REACH = 10  # characters a candidate may start before / end after the rules' metric
LONGEST = 24
DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "metric-boundary"
_BREAKS = set(CLAUSE_BREAKS + LIST_BREAK + "。（）()“”\"《》、 \u3000\t")
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Window:
    """The clause words around the rules' metric: ``words`` as (start, end, word, tag) with text offsets, the
    metric at ``text[start:end]`` and the figure at ``figure_start``."""
    words: tuple[tuple[int, int, str, str], ...]
    start: int
    end: int
    figure_start: int
    first: int = 0  # words[first:last] are the rules' metric
    last: int = 0


def locate(text: str, metric: str, figure: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int] | None:
    """Where the rules' ``metric`` is written: its last occurrence before the figure in the sentence, else its
    first after it; None when the name is not written as such (composed or cleaned by a rule)."""
    found = text.rfind(metric, sentence[0], figure[0])
    if found < 0:
        found = text.find(metric, figure[1], sentence[1])
    return (found, found + len(metric)) if found >= 0 else None


def _bound_left(text: str, at: int, limit: int) -> int:
    while at > limit and text[at - 1] not in _BREAKS:
        at -= 1
    return at


def _bound_right(text: str, at: int, limit: int) -> int:
    while at < limit and text[at] not in _BREAKS:
        at += 1
    return at


def window(text: str, span: tuple[int, int], figure: tuple[int, int], sentence: tuple[int, int]) -> Window:
    """The words of the stretch around ``span`` that candidates may take: no clause break, list comma or bracket
    inside, never the figure itself, at most ``REACH`` characters beyond the metric on each side."""
    start, end = span
    left_limit = max(sentence[0], start - REACH)
    right_limit = min(sentence[1], end + REACH)
    if end <= figure[0]:
        right_limit = min(right_limit, figure[0])
    else:
        left_limit = max(left_limit, figure[1])
    left = _bound_left(text, start, left_limit)
    right = _bound_right(text, end, right_limit)
    words = []
    for piece_start, piece_end in ((left, start), (start, end), (end, right)):  # the metric's own ends stay ends
        at = piece_start
        for word, tag in pos.tag(text[piece_start:piece_end]) if piece_end > piece_start else ():
            words.append((at, at + len(word), word, tag))
            at += len(word)
    first = next(k for k, w in enumerate(words) if w[0] == start)
    last = next(k for k, w in enumerate(words) if w[1] == end) + 1
    return Window(tuple(words), start, end, figure[0], first, last)


def candidates(win: Window) -> list[tuple[int, int]]:
    """(first word index, last word index + 1) of every span of ``win`` that overlaps the metric."""
    spans = []
    for i, (s, _, _, _) in enumerate(win.words):
        if s >= win.end:
            break
        for j in range(i + 1, len(win.words) + 1):
            e = win.words[j - 1][1]
            if e - s > LONGEST:
                break
            if e > win.start:
                spans.append((i, j))
    return spans


def _bucket(value: int, top: int) -> int:
    return max(-top, min(top, value))


def _log_count(counts: dict[str, int], name: str) -> int:
    return int(math.log2(1 + counts.get(name, 0)))


def count_features(win: Window, text: str, counts: dict[str, int]) -> list[str]:
    """How often the rules name ``text`` as a metric over the archive, alone and against the rules' own metric."""
    rule = "".join(w[2] for w in win.words[win.first:win.last])
    own, base = _log_count(counts, text), _log_count(counts, rule)
    return [f"mc={min(own, 8)}", f"mcrel={_bucket(own - base, 4)}", f"mc0={own == 0}_{base == 0}"]


_EDGE = (0, 0, "^", "^"), (0, 0, "$", "$")


def _neighbours(words, i: int, j: int) -> tuple[tuple, tuple]:
    """The word before candidate words ``i:j`` and the word after it (edge markers at the window's ends)."""
    return (words[i - 1] if i else _EDGE[0]), (words[j] if j < len(words) else _EDGE[1])


def _shifts(win: Window, i: int, j: int) -> tuple[int, int]:
    """Words the candidate ``words[i:j]`` adds (positive) or drops (negative) before and after the rules' metric."""
    return win.first - i, j - win.last


def features(win: Window, i: int, j: int, counts: dict[str, int] | None = None) -> list[str]:
    """The named binary features of candidate words ``i:j`` of ``win`` (with ``counts``: how often the archive
    names each metric, :func:`count_features`)."""
    words = win.words
    first, last = words[i], words[j - 1]
    s, e = first[0], last[1]
    text = "".join(w[2] for w in words[i:j])
    before, after = _neighbours(words, i, j)
    start_shift, end_shift = _shifts(win, i, j)
    metric_words = _metric_words()
    out = [
        "bias", f"rule={s == win.start and e == win.end}", f"ds={_bucket(start_shift, 3)}",
        f"de={_bucket(end_shift, 3)}",
        f"len={min(len(text), 12)}", f"nw={min(j - i, 6)}", f"fp={first[3]}", f"lp={last[3]}", f"fw={first[2]}",
        f"lw={last[2]}", f"fc={text[0]}", f"lc={text[-1]}", f"pw={before[2]}", f"pp={before[3]}", f"aw={after[2]}",
        f"ap={after[3]}", f"fp_pp={first[3]}_{before[3]}", f"lp_ap={last[3]}_{after[3]}",
        f"gap={_bucket((win.figure_start - e) // 2, 6) if e <= win.figure_start else 'after'}",
        f"digit={bool(_DIGIT.search(text))}", f"de_in={'的' in text}", f"lmw={last[2] in metric_words}",
        f"fmw={first[2] in metric_words}", f"single_first={len(first[2]) == 1}", f"single_last={len(last[2]) == 1}",
    ]
    if s != win.start or e != win.end:
        out += [f"ds_fp={_bucket(start_shift, 3)}_{first[3]}", f"de_lp={_bucket(end_shift, 3)}_{last[3]}"]
    return out + count_features(win, text, counts) if counts is not None else out


class BoundaryModel:
    """Linear weights over :func:`features`; ``margin``: how far a candidate must beat the rules' metric."""

    def __init__(self, weights: dict[str, float], margin: float = 0.0, counts: dict[str, int] | None = None):
        self.weights = weights
        self.margin = margin
        self.counts = counts

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> BoundaryModel:
        """The model saved in folder ``path``: ``weights.json`` and, when the weights use them, the archive's
        metric counts (``metric_counts.json``)."""
        folder = Path(path)
        data = json.loads((folder / "weights.json").read_text(encoding="utf-8"))
        counts_file = folder / "metric_counts.json"
        if data.get("counts") and not counts_file.is_file():  # said before reading, which would fail without it
            raise FileNotFoundError(f"{counts_file}: the weights use the archive's metric counts")
        counts = json.loads(counts_file.read_text(encoding="utf-8")) if data.get("counts") else None
        return cls(data["weights"], data.get("margin", 0.0), counts)

    def score(self, names: list[str]) -> float:
        """The sum of the weights of a candidate's features (a feature the weights lack counts 0)."""
        get = self.weights.get
        return sum(get(name, 0.0) for name in names)

    def choose(self, text: str, metric: str, figure: tuple[int, int], sentence: tuple[int, int]) -> str:
        """The metric this model prefers for the figure at ``figure`` (the rules' ``metric`` when it is not
        written in the sentence, or when no candidate beats it by the margin)."""
        span = locate(text, metric, figure, sentence)
        return metric if span is None else self.choose_in(text, window(text, span, figure, sentence))

    def choose_in(self, text: str, win: Window) -> str:
        """The best candidate of ``win``: the rules' metric unless another beats it by the margin (always the rules'
        when it is longer than ``LONGEST`` and so no candidate itself: there is no score to beat)."""
        best, best_score, rule_score = text[win.start:win.end], float("-inf"), float("inf")
        for i, j in candidates(win):
            score = self.score(features(win, i, j, self.counts))
            if win.words[i][0] == win.start and win.words[j - 1][1] == win.end:
                rule_score = score
            elif score > best_score:
                best, best_score = text[win.words[i][0]:win.words[j - 1][1]], score
        return best if best_score > rule_score + self.margin else text[win.start:win.end]


@functools.cache
def default_model() -> BoundaryModel:
    """The model saved in ``models/metric-boundary``, loaded once."""
    return BoundaryModel.load(DEFAULT_MODEL)


def add_metric_boundary(pipeline, path: str | Path | None):
    """``pipeline`` with a ``metric_boundary`` component after ``figures`` (nothing added when ``path`` is None)."""
    if path is not None:
        pipeline.add_component("metric_boundary", MetricBoundary(BoundaryModel.load(path)), after="figures")
    return pipeline


def figure_windows(doc, figures) -> list[Window | None]:
    """The :class:`Window` of each figure's metric in ``doc.norm`` (None: no metric, or not written as such). The
    sentence is the document's own (``TextDoc.sentence_at``): a figure outside every sentence gets a one-character
    span, so its metric is not looked for in the text before it (the (0, 0) this took for such a figure made
    :func:`locate` read from the text's start, outside the figure's sentence)."""
    text, out = doc.norm, []
    for figure in figures:
        sentence = doc.sentence_at(figure.start)
        span = locate(text, figure.metric, (figure.start, figure.end), sentence) if figure.metric else None
        out.append(None if span is None else window(text, span, (figure.start, figure.end), sentence))
    return out


class MetricBoundary:
    """Pipeline component: each figure's metric as the boundary model chooses it (rule ``metric-boundary``)."""

    def __init__(self, model: BoundaryModel | None = None):
        self.model = model or default_model()

    def __call__(self, doc):
        figures = doc.spans["figures"]
        for figure, win in zip(figures, figure_windows(doc, figures)):
            if win is None:
                continue
            chosen = self.model.choose_in(doc.norm, win)
            if chosen != figure.metric:
                figure.explain["metric"] = {"rule": "metric-boundary", "words": figure.metric}
                figure.metric = chosen
        return doc
