"""Score predicted records against gold records, as the record-format spec defines it.

Figures match one-to-one by span overlap (greedy, longest overlap first); span P/R/F1 counts matches.
Among matched pairs each attribute is an accuracy over the pairs whose gold record carries that field.
Tools, sectors and institutions match by span overlap with agreeing names (P/R/F1).
Links are scored as (figure, kind, name) triples among matched figures (``score_links``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from analyzer.io.writers import explain_text
from analyzer.records import MENTION_KINDS, match_spans
from analyzer.taxonomy import Taxonomy, compact, load_taxonomy

ATTRIBUTES = ("value", "value_high", "unit", "qualifier", "measure", "comparison", "metric", "period")


@dataclass
class PRF:
    """Match counts and the precision/recall/F1 they give."""
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "matched": self.matched, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Scores:
    figures: PRF = field(default_factory=PRF)
    attribute_right: Counter = field(default_factory=Counter)
    attribute_total: Counter = field(default_factory=Counter)
    mentions: dict[str, PRF] = field(default_factory=lambda: {kind: PRF() for kind in MENTION_KINDS})
    errors: list[dict] = field(default_factory=list)
    documents: int = 0

    def attribute_accuracy(self, name: str) -> float | None:
        total = self.attribute_total[name]
        return self.attribute_right[name] / total if total else None

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "figures": self.figures.to_dict(),
            "attributes": {name: {"accuracy": None if (acc := self.attribute_accuracy(name)) is None else round(acc, 4),
                                  "right": self.attribute_right[name], "pairs": self.attribute_total[name]}
                           for name in ATTRIBUTES},
            **{kind: prf.to_dict() for kind, prf in self.mentions.items()},
        }


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def attribute_agrees(name: str, gold, pred) -> bool:
    if name in ("value", "value_high"):
        g, p = _decimal(gold), _decimal(pred)
        if g is None or p is None:
            return g is p
        return abs(g - p) <= abs(g) * Decimal("1e-9") if g else p == 0
    if name == "metric":
        strip = (lambda s: "".join((s or "").split()))
        return strip(gold) == strip(pred)
    if name == "period":
        return (gold or None) == ({"start": pred["start"], "end": pred["end"]} if pred else None)
    return gold == pred


def default_names_agree() -> Callable[[str, str], bool]:
    """Names agree when equal, or when the gold name is a name or alias of the predicted name's entry or of one
    of its parents: records keep the finest name (买断式逆回购), gold written before parents existed the broader
    one (逆回购), and both name the same thing. Names compare as the taxonomy looks them up (``compact``: case,
    width, script and spacing aside), so a Latin name written in capitals (MINIMAX) agrees with the taxonomy's
    spelling (MiniMax) that the record keeps (decision of 2026-12-07)."""
    taxonomy = load_taxonomy()

    def agree(gold_name: str, pred_name: str) -> bool:
        if gold_name == pred_name:
            return True
        key = compact(gold_name)
        return key == compact(pred_name) or any(
            key in {compact(n) for n in taxonomy.names_of(name)} for name in (pred_name, *taxonomy.ancestors(pred_name)))
    return agree


def score_record(gold: dict, pred: dict, scores: Scores, names_agree: Callable[[str, str], bool]) -> None:
    """Add one document's matches and errors to ``scores`` (both arguments are record-format dicts; a predicted
    figure may carry ``explain``, attribute → {"rule", "words"}, which its wrong-attribute errors then name)."""
    doc_id = gold["doc"]["id"]
    scores.documents += 1
    _score_figures(doc_id, gold.get("figures") or [], pred.get("figures") or [], scores)
    for kind in MENTION_KINDS:
        _score_mentions(doc_id, kind, gold.get(kind) or [], pred.get(kind) or [], scores, names_agree)


def _score_figures(doc_id, gold_figures: list[dict], pred_figures: list[dict], scores: Scores) -> None:
    pairs = match_spans(gold_figures, pred_figures)
    scores.figures.add(PRF(len(pairs), len(pred_figures), len(gold_figures)))
    _unmatched(doc_id, gold_figures, {gi for gi, _ in pairs}, "missed", scores.errors)
    _unmatched(doc_id, pred_figures, {pi for _, pi in pairs}, "spurious", scores.errors)
    for gi, pi in pairs:
        _score_attributes(doc_id, gold_figures[gi], pred_figures[pi], scores)


def _unmatched(doc_id, items: list[dict], matched: set[int], error: str, errors: list[dict],
               name_key: str | None = None) -> None:
    """An error for each item not in ``matched``; ``name_key`` ("gold"/"predicted") adds a mention's name."""
    for i, item in enumerate(items):
        if i not in matched:
            entry = {"doc": doc_id, "error": error, "text": item["text"], "start": item["start"]}
            if name_key:
                entry[name_key] = item["name"]
            errors.append(entry)


def _score_attributes(doc_id, g: dict, p: dict, scores: Scores) -> None:
    """Count each attribute the gold figure carries, and an error for each the prediction gets wrong."""
    for name in ATTRIBUTES:
        if name not in g:
            continue
        scores.attribute_total[name] += 1
        if attribute_agrees(name, g[name], p.get(name)):
            scores.attribute_right[name] += 1
        else:
            scores.errors.append(_attribute_error(doc_id, name, g, p))


def _attribute_error(doc_id, name: str, g: dict, p: dict) -> dict:
    error = {"doc": doc_id, "error": f"wrong {name}", "text": g["text"], "start": g["start"],
             "gold": g[name], "predicted": p.get(name)}
    if "explain" in p:  # predictions scored with --explain: the rule that gave the wrong value
        entry = p["explain"].get(name) or {}
        error["rule"], error["words"] = entry.get("rule"), entry.get("words")
    return error


def _score_mentions(doc_id, kind: str, gold_mentions: list[dict], pred_mentions: list[dict], scores: Scores,
                    names_agree: Callable[[str, str], bool]) -> None:
    pairs = match_spans(gold_mentions, pred_mentions, lambda g, p: names_agree(g["name"], p["name"]))
    scores.mentions[kind].add(PRF(len(pairs), len(pred_mentions), len(gold_mentions)))
    _unmatched(doc_id, gold_mentions, {gi for gi, _ in pairs}, f"missed {kind}", scores.errors, "gold")
    _unmatched(doc_id, pred_mentions, {pi for _, pi in pairs}, f"spurious {kind}", scores.errors, "predicted")


def score(pairs: Iterable[tuple[dict, dict]], names_agree: Callable[[str, str], bool] | None = None) -> Scores:
    """Score (gold, predicted) record-dict pairs."""
    names_agree = names_agree or default_names_agree()
    scores = Scores()
    for gold, pred in pairs:
        score_record(gold, pred, scores, names_agree)
    return scores


def format_report(scores: Scores, max_errors: int = 25) -> str:
    """A plain-text report: figure P/R/F1, attribute accuracies, mention P/R/F1 and the first errors."""
    def prf_line(label: str, prf: PRF) -> str:
        return (f"{label:<14} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}"
                f"   ({prf.matched} matched, {prf.predicted} predicted, {prf.gold} gold)")

    lines = [f"documents      {scores.documents}", prf_line("figures", scores.figures)]
    for name in ATTRIBUTES:
        acc = scores.attribute_accuracy(name)
        shown = "  n/a" if acc is None else f"{acc:.3f}"
        lines.append(f"  {name:<12} {shown}   ({scores.attribute_right[name]}/{scores.attribute_total[name]})")
    for kind, prf in scores.mentions.items():
        lines.append(prf_line(kind, prf))
    if scores.errors and max_errors:
        lines.append(f"\nfirst {min(max_errors, len(scores.errors))} of {len(scores.errors)} errors:")
        for error in scores.errors[:max_errors]:
            detail = "".join(f"  {key}={error[key]!r}" for key in ("gold", "predicted") if key in error)
            if "rule" in error:
                detail += "  " + explain_text({"rule": error["rule"], "words": error["words"]})
            lines.append(f"  {error['doc']}@{error['start']}  {error['error']}: {error['text']!r}{detail}")
    return "\n".join(lines)


def score_links(gold_records: list[dict], predicted_records: list[dict]) -> dict:
    """Micro P/R/F1 over (figure, kind, name) link triples among span-matched figures with gold links.

    Records pair up by ``doc.id``; figures by span overlap as in ``match_spans``.
    """
    taxonomy = load_taxonomy()
    predicted = {str(p["doc"]["id"]): p for p in predicted_records}
    counts, errors = PRF(), []
    for gold in gold_records:
        doc_id = str(gold["doc"]["id"])
        _score_document_links(doc_id, gold, predicted.get(doc_id, {}), taxonomy, counts, errors)
    precision = counts.matched / counts.predicted if counts.predicted else 1.0
    recall = counts.matched / counts.gold if counts.gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": counts.matched,
            "predicted": counts.predicted, "gold": counts.gold, "errors": errors}


def _score_document_links(doc_id: str, gold: dict, pred: dict, taxonomy: Taxonomy, counts: PRF,
                          errors: list[str]) -> None:
    """Add one document's link triples to ``counts`` and a line per figure whose links differ to ``errors``."""
    gold_figures, pred_figures = gold.get("figures") or [], pred.get("figures") or []
    for gi, pi in match_spans(gold_figures, pred_figures):
        gold_figure = gold_figures[gi]
        if gold_figure.get("links") is None:
            continue
        g = {(k, n) for k, ns in gold_figure["links"].items() for n in ns}
        p = {coarsen(k, n, g, taxonomy) for k, ns in (pred_figures[pi].get("links") or {}).items() for n in ns}
        counts.add(PRF(len(g & p), len(p), len(g)))
        if g != p:
            errors.append(f"{doc_id}@{gold_figure['start']} {gold_figure['text']} "
                          f"[{gold_figure.get('metric')}] missed={sorted(n for _, n in g - p)} "
                          f"spurious={sorted(n for _, n in p - g)}")


def coarsen(kind: str, name: str, gold: set[tuple[str, str]], taxonomy: Taxonomy) -> tuple[str, str]:
    """A predicted link at the gold's granularity: a name not in the gold that has a parent in it (买断式逆回购 where
    the gold, written before parents, says 逆回购) counts as that parent; an alias (阿里巴巴) as its entry."""
    if (kind, name) in gold:
        return kind, name
    for broader in (name, *taxonomy.ancestors(name)):
        for written in taxonomy.names_of(broader):
            if (kind, written) in gold:
                return kind, written
    return kind, name
