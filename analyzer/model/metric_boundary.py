"""Training the metric boundary chooser (``analyzer.extract.metric_boundary``) on gold records.

Each gold figure matched by a predicted one (span overlap, longest first) whose predicted metric is written in its
sentence gives a group of candidates; the group is a training example when the gold metric is one of them. The
model is a conditional logit (softmax over a group's candidates) with L2, fitted by full-batch gradient descent in
numpy; the weights file lists each feature's weight. Data: corpus/dev and real-gold/dev only (never a test set).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from analyzer.extract.metric_boundary import candidates, features, figure_windows
from analyzer.pipeline import Pipeline
from analyzer.records import Document, match_spans
from analyzer.text.document import TextDoc


@dataclass
class Group:
    """One figure's candidates: their feature names, their strings, the gold's index (None: gold not among them)
    and the rules' index."""
    doc_id: str
    names: list[list[str]]
    strings: list[str]
    gold: int | None
    rule: int
    gold_metric: str


def _strip(value: str | None) -> str:
    return "".join((value or "").split())


def document_groups(pipeline: Pipeline, gold: dict, counts: dict[str, int] | None = None) -> list[Group]:
    """The candidate groups of one gold record's matched figures (rules only: no boundary component)."""
    doc = pipeline(TextDoc.from_document(Document.from_dict(gold["doc"], gold["text"])))
    windows = figure_windows(doc, doc.spans["figures"])  # before to_record moves the offsets
    pred = doc.to_record().to_dict()["figures"]
    groups = []
    for gi, pi in match_spans(gold.get("figures") or [], pred):
        gold_metric, win = gold["figures"][gi].get("metric"), windows[pi]
        if not gold_metric or win is None:
            continue
        spans = candidates(win)
        strings = [doc.norm[win.words[i][0]:win.words[j - 1][1]] for i, j in spans]
        rule = next((k for k, (i, j) in enumerate(spans)
                     if win.words[i][0] == win.start and win.words[j - 1][1] == win.end), None)
        if rule is None:  # the rules' metric is longer than LONGEST: no candidate, nothing to learn from
            continue
        target = _strip(gold_metric)
        gold_index = next((k for k, s in enumerate(strings) if _strip(s) == target), None)
        names = [features(win, i, j, counts) for i, j in spans]
        groups.append(Group(str(gold["doc"]["id"]), names, strings, gold_index, rule, gold_metric))
    return groups


def build_groups(golds: list[dict], counts: dict[str, int] | None = None) -> list[Group]:
    """The candidate groups of every gold record's matched figures, in order (:func:`document_groups`)."""
    pipeline = Pipeline()
    return [group for gold in golds for group in document_groups(pipeline, gold, counts)]


def fit(groups: list[Group], l2: float = 0.3, steps: int = 3000, rate: float = 5.0) -> dict[str, float]:
    """Weights (feature → float) of the conditional logit over the groups whose gold is a candidate: full-batch
    gradient descent from zero, so the same groups always give the same weights."""
    import numpy as np
    usable = [g for g in groups if g.gold is not None]
    vocab = sorted({name for g in usable for names in g.names for name in names})
    index = {name: k for k, name in enumerate(vocab)}
    rows, cols, group_of, golds, offsets = [], [], [], [], []
    row = 0
    for gi, g in enumerate(usable):
        offsets.append(row)
        for names in g.names:
            for name in names:
                rows.append(row)
                cols.append(index[name])
            group_of.append(gi)
            row += 1
        golds.append(offsets[-1] + g.gold)
    rows, cols = np.array(rows), np.array(cols)
    group_of, golds = np.array(group_of), np.array(golds)
    w = np.zeros(len(vocab))
    for _ in range(steps):
        scores = np.bincount(rows, weights=w[cols], minlength=row)
        top = np.full(len(usable), -np.inf)
        np.maximum.at(top, group_of, scores)
        e = np.exp(scores - top[group_of])
        z = np.bincount(group_of, weights=e, minlength=len(usable))
        p = e / z[group_of]
        p[golds] -= 1.0  # d(-log p_gold)/d score
        grad = np.bincount(cols, weights=p[rows], minlength=len(vocab)) / len(usable) + l2 * w / len(usable)
        w -= rate * grad
    return {name: round(float(w[k]), 5) for k, name in enumerate(vocab) if abs(w[k]) >= 1e-5}


def choose(weights: dict[str, float], group: Group, margin: float) -> int:
    """The index of the candidate the weights choose in ``group``: the best other than the rules' metric when it
    beats the rules' by more than ``margin``, else the rules' (as ``BoundaryModel.choose_in`` does)."""
    scores = [sum(weights.get(n, 0.0) for n in names) for names in group.names]
    best = max((k for k in range(len(scores)) if k != group.rule), key=lambda k: scores[k], default=group.rule)
    return best if scores[best] > scores[group.rule] + margin else group.rule


def accuracy(weights: dict[str, float], groups: list[Group], margin: float) -> tuple[int, int, int]:
    """(right with the model, right with the rules, groups)."""
    model = sum(1 for g in groups if choose(weights, g, margin) == g.gold)
    rules = sum(1 for g in groups if g.rule == g.gold)
    return model, rules, len(groups)


def save(weights: dict[str, float], options: BoundaryOptions, out: str | Path, meta: dict) -> Path:
    """Write ``weights.json`` (margin, whether the weights use the metric counts, ``meta``, the weights) in ``out``."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "weights.json"
    data = {"margin": options.margin, "counts": options.counts, "meta": meta, "weights": dict(sorted(weights.items()))}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


@dataclass
class BoundaryOptions:
    """The settings of :func:`train`: L2 strength, gradient steps and rate of :func:`fit`, and the margin saved."""
    l2: float = 0.3
    steps: int = 3000
    rate: float = 5.0
    margin: float = 1.0
    counts: bool = True  # use the archive's metric counts (metric_counts.json in the output folder)


def gold_records(train_dirs) -> list[dict]:
    """The gold records under each folder, their outside text joined back (``../shared/data``)."""
    from analyzer.io.gold import find_texts_dir, join_text
    records = []
    for folder in map(Path, train_dirs):
        for path in sorted(folder.glob("*.json")):
            records.append(join_text(json.loads(path.read_text(encoding="utf-8")), find_texts_dir(path)))
    return records


def train(train_dirs, out: str | Path, options: BoundaryOptions) -> dict:
    """Fit the boundary model on the gold figures of ``train_dirs`` and save it in ``out`` (the metric counts
    there must exist when ``options.counts``: ``analyzer model train-metric-boundary --recount`` writes them)."""
    counts = json.loads((Path(out) / "metric_counts.json").read_text(encoding="utf-8")) if options.counts else None
    groups = build_groups(gold_records(train_dirs), counts)
    weights = fit(groups, l2=options.l2, steps=options.steps, rate=options.rate)
    right, rules, total = accuracy(weights, groups, options.margin)
    meta = {"train": [str(d) for d in train_dirs], "groups": total, "gold_among_candidates":
            sum(g.gold is not None for g in groups), "rules_right": rules, "model_right_in_sample": right,
            "l2": options.l2, "steps": options.steps, "rate": options.rate}
    save(weights, options, out, meta)
    return meta


def held_out_ids(root: Path, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Archive documents the metric counts never read: the reserved ids and held-out audits
    (``real-gold/held-out-ids.txt``), every real-gold document (dev and test: a training figure's own document must
    not count its own metric) and ``extra`` (a carry-over audit)."""
    from analyzer.io.gold import held_out_ids as held_out
    selection = (root / "real-gold" / "selection.tsv").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in selection)
    return held_out(root) | {row[0] for row in rows if row and row[0]} | set(extra)


def archive_metric_counts(data_dir: Path, skip: frozenset[str], least: int = 2) -> dict[str, int]:
    """How often the rules name each metric over the archive under ``data_dir`` (documents in ``skip`` left out);
    names seen fewer than ``least`` times are dropped."""
    from collections import Counter
    pipeline = Pipeline(components=["figures"])
    counts: Counter = Counter()
    for path in sorted(Path(data_dir).glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if item["id"] in skip or not item.get("text"):
                    continue
                record = pipeline.analyze(Document(id=item["id"], text=item["text"], published=item.get("published")))
                counts.update(f.metric for f in record.figures if f.metric)
    return {name: n for name, n in sorted(counts.items()) if n >= least}


def audit_records(audit: dict, texts: dict[str, str]) -> list[dict]:
    """A carry-over audit (``models/metric-boundary/audit-*.json``: per document, [span, metric] in text order) as
    gold records ({"doc", "text", "figures"}, each span found from one past the previous start), in id order; each
    text (from ``../shared/data``) checked against the audit's sha256. No publication date: the audits were scored
    without one."""
    from analyzer.io.gold import text_sha256
    records = []
    for doc_id, doc in sorted(audit["documents"].items()):
        text = texts[doc_id]
        if text_sha256(text) != doc["text_sha256"]:
            raise ValueError(f"{doc_id}: the text differs from the audited one (sha256 mismatch)")
        gold, cursor = [], 0
        for span, metric in doc["figures"]:
            at = text.index(span, cursor)
            gold.append({"start": at, "end": at + len(span), "text": span, "metric": metric})
            cursor = at + 1
        records.append({"doc": {"id": doc_id}, "text": text, "figures": gold})
    return records


def score_audit(audit: dict, pipeline: Pipeline, texts: dict[str, str]) -> tuple[int, int, int]:
    """(metrics right, matched figures, annotated figures) of ``pipeline`` on a carry-over audit
    (``models/metric-boundary/audit-s19.json``: per document, [span, metric] in text order); ``texts`` maps
    each id to its text from ``../shared/data``."""
    right = matched = total = 0
    for record in audit_records(audit, texts):
        gold = record["figures"]
        pred = pipeline.analyze(Document(id=record["doc"]["id"], text=record["text"])).to_dict()["figures"]
        pairs = match_spans(gold, pred)
        total += len(gold)
        matched += len(pairs)
        right += sum(_strip(gold[g]["metric"]) == _strip(pred[p]["metric"]) for g, p in pairs)
    return right, matched, total
