"""Link each figure to the policy tools, sectors and institutions it belongs to, and each tool to its figure.

A figure belongs to what its metric phrase names (普惠小微贷款余额 → 小微企业; a metric entry of the taxonomy
adds its own links: 续贷金额 → 无还本续贷), to the tools and sectors of its clause, and to the institution
that states or runs it (the nearest one before it in its sentence or paragraph, else the document's main
one). A metric that names nothing of its own (资金, 利率, 额度) inherits the tool the text was talking about.
Links only name tools, sectors and institutions the document mentions.
"""
from __future__ import annotations

import functools

import re
from collections import Counter
from collections.abc import Iterable

import ahocorasick

from analyzer.records import MENTION_KINDS, Figure, Mention, Record
from analyzer.taxonomy import Entry, Taxonomy, match_form
from analyzer.text.sentences import split_paragraphs, split_sentences

CLAUSE_BREAK = re.compile(r"[，；：;]|, ")
GENERIC_TOOL = "再贷款"


def _span(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in spans if s <= pos < e), (pos, pos + 1))


class Linker:
    """Callable stage: ``linker(record, text)`` sets ``figure.links`` and tool ``extra["figure"]``."""

    def __init__(self, taxonomy: Taxonomy):
        from analyzer.extract.mentions import MentionFinder
        self.taxonomy = taxonomy
        self.finder = MentionFinder(taxonomy)
        self.metrics = ahocorasick.Automaton()
        for entry in taxonomy.of_kind("metrics"):
            for name in map(match_form, entry.names):
                self.metrics.add_word(name, (len(name), entry))
        self.metrics.make_automaton()

    def __call__(self, record: Record, text: str) -> None:
        context = DocumentContext(record, text)
        for figure in record.figures:
            figure.links = self.links(figure, context)
        for tool in record.policy_tools:
            figure = quantifying_figure(tool, record.figures, text)
            if figure is not None and "action" in tool.extra:
                tool.extra["figure"] = figure.text

    def links(self, figure: Figure, ctx: DocumentContext) -> dict[str, list[str]]:
        metric_names = self.metric_names(figure, ctx)
        out = {}
        for kind in MENTION_KINDS:
            names = list(metric_names[kind])
            clause = ctx.in_span(kind, ctx.clause(figure))
            if kind == "policy_tools":
                names += [m.name for m in clause]
                if not names and is_generic(figure.metric, metric_names):
                    names += [m.name for m in ctx.nearest_before(kind, figure.start, ctx.sentence(figure))]
                    if not names:
                        names += [m.name for m in ctx.nearest_before(kind, figure.start, ctx.paragraph(figure))]
                names = self.specific_relending(names, figure, ctx)
            elif kind == "sectors":
                names += [m.name for m in clause]
            else:
                names += [m.name for m in ctx.nearest_before(kind, figure.start, ctx.sentence(figure))]
                if not names:
                    names += [m.name for m in ctx.nearest_before(kind, figure.start, ctx.paragraph(figure))]
                if not names and ctx.main_institution:
                    names.append(ctx.main_institution)
            out[kind] = [n for n in dict.fromkeys(names) if n in ctx.mentioned[kind]]
        return out

    def specific_relending(self, names: list[str], figure: Figure, ctx: DocumentContext) -> list[str]:
        """再贷款 said of a named relending tool is that tool: 再贷款支持 after 交通物流专项再贷款."""
        if GENERIC_TOOL not in names:
            return names
        specific = [m.name for m in ctx.mentions["policy_tools"] if m.start < figure.start
                    and m.name != GENERIC_TOOL and self.is_relending(m.name)]
        if not specific:
            return names
        if specific[-1].endswith(GENERIC_TOOL):
            names = [n for n in names if n != GENERIC_TOOL]
        return [*names, specific[-1]]

    def is_relending(self, name: str) -> bool:
        entry = self.taxonomy.by_name("tools", name)
        return entry is not None and entry.category in ("relending", "structural_tool")

    def metric_names(self, figure: Figure, ctx: DocumentContext) -> dict[str, list[str]]:
        """Names the metric phrase itself carries: mentions inside it, and its metric entry's links."""
        return self._metric_names(figure.metric or "")

    @functools.lru_cache(maxsize=65536)
    def _metric_names(self, metric: str) -> dict[str, list[str]]:
        """Cached per metric phrase: a few hundred distinct phrases cover an archive."""
        out: dict[str, list[str]] = {kind: [] for kind in MENTION_KINDS}
        if not metric:
            return out
        found = self.finder(match_form(metric), metric)
        for kind in MENTION_KINDS:
            out[kind] += [m.name for m in found[kind]]
        for entry in self.metric_entries(metric):
            for kind, names in entry.links.items():
                out[{"tools": "policy_tools"}.get(kind, kind)] += list(names)
        return out

    def metric_entries(self, metric: str) -> list[Entry]:
        """Metric entries named inside the phrase, longest first and not overlapping
        (人民币普惠小微贷款余额 → 普惠小微贷款余额)."""
        hits = sorted(((last + 1 - n, last + 1, e) for last, (n, e) in self.metrics.iter(match_form(metric))),
                      key=lambda h: h[0] - h[1])
        kept = []
        for start, end, entry in hits:
            if all(end <= s or e <= start for s, e, _ in kept):
                kept.append((start, end, entry))
        return [entry for _, _, entry in kept]


_GENERIC = ("资金", "利率", "额度", "比例", "展期", "规模", "余额", "到期", "投放", "净投放", "金额", "成本",
            "操作", "激励")


def is_generic(metric: str | None, names: dict[str, list[str]]) -> bool:
    """A metric that names nothing of its own (资金, 操作利率): its figure is about the tool in discussion."""
    if any(names.values()):
        return False
    return bool(metric) and len(metric) <= 8


class DocumentContext:
    """Positions of a record's mentions, sentences and paragraphs, for the link rules."""

    def __init__(self, record: Record, text: str):
        self.text = text
        self.sentences = split_sentences(text)
        self.paragraphs = split_paragraphs(text)
        self.mentions = {kind: sorted(record.mentions(kind), key=lambda m: m.start) for kind in MENTION_KINDS}
        self.mentioned = {kind: {m.name for m in ms} for kind, ms in self.mentions.items()}
        counts = Counter(m.name for m in self.mentions["institutions"])
        self.main_institution = counts.most_common(1)[0][0] if counts else None

    def sentence(self, figure: Figure) -> tuple[int, int]:
        return _span(self.sentences, figure.start)

    def paragraph(self, figure: Figure) -> tuple[int, int]:
        return _span(self.paragraphs, figure.start)

    def clause(self, figure: Figure) -> tuple[int, int]:
        start, end = self.sentence(figure)
        left = max((m.end() for m in CLAUSE_BREAK.finditer(self.text, start, figure.start)), default=start)
        right = CLAUSE_BREAK.search(self.text, figure.end, end)
        return left, right.start() if right else end

    def in_span(self, kind: str, span: tuple[int, int]) -> list[Mention]:
        return [m for m in self.mentions[kind] if span[0] <= m.start and m.end <= span[1]]

    def nearest_before(self, kind: str, pos: int, span: tuple[int, int]) -> list[Mention]:
        """The last mention of ``kind`` in ``span`` that starts before ``pos`` (as a 0- or 1-item list)."""
        before = [m for m in self.in_span(kind, span) if m.start < pos]
        return before[-1:]


def quantifying_figure(tool: Mention, figures: list[Figure], text: str) -> Figure | None:
    """The first figure after the tool in its clause (下调存款准备金率0.5个百分点)."""
    right = CLAUSE_BREAK.search(text, tool.end)
    stop = min(right.start() if right else len(text), text.find("。", tool.end) % (len(text) + 1))
    return next((f for f in figures if tool.end <= f.start < stop), None)


def link_pairs(record: dict) -> Iterable[tuple[int, str, str]]:
    for i, figure in enumerate(record.get("figures") or []):
        for kind, names in (figure.get("links") or {}).items():
            for name in names:
                yield i, kind, name


def score_links(gold_records: list[dict], predicted_records: list[dict]) -> dict:
    """Micro P/R/F1 over (figure, kind, name) link triples among span-matched figures with gold links.

    Records pair up by ``doc.id``; figures by span overlap as in ``analyzer.evaluate``.
    """
    from analyzer.evaluate import match_spans
    predicted = {str(p["doc"]["id"]): p for p in predicted_records}
    matched = n_pred = n_gold = 0
    errors = []
    for gold in gold_records:
        doc_id = str(gold["doc"]["id"])
        pred = predicted.get(doc_id, {})
        gold_figures, pred_figures = gold.get("figures") or [], pred.get("figures") or []
        for gi, pi in match_spans(gold_figures, pred_figures):
            if gold_figures[gi].get("links") is None:
                continue
            g = {(k, n) for k, ns in gold_figures[gi]["links"].items() for n in ns}
            p = {(k, n) for k, ns in (pred_figures[pi].get("links") or {}).items() for n in ns}
            matched, n_pred, n_gold = matched + len(g & p), n_pred + len(p), n_gold + len(g)
            if g != p:
                errors.append(f"{doc_id}@{gold_figures[gi]['start']} {gold_figures[gi]['text']} "
                              f"[{gold_figures[gi].get('metric')}] missed={sorted(n for _, n in g - p)} "
                              f"spurious={sorted(n for _, n in p - g)}")
    precision = matched / n_pred if n_pred else 1.0
    recall = matched / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": matched, "predicted": n_pred,
            "gold": n_gold, "errors": errors}
