"""The metric boundary chooser (``analyzer.model.metric_boundary``) trained on the POOL of metric gold that is no test
set — corpus/dev, real-gold/dev and every carry-over audit (``models/metric-boundary/audit-*.json``) — and measured
leave-one-set-out: for each audit, train without it and score it; real-gold/dev in 5 folds by document (each fold
scored by weights trained on everything else); corpus/test scored by the weights of the whole pool. For each margin:
how many figures the model switches away from the rules' metric, how many of those switches are right, how many
broke a metric the rules had right, and the net gain (right − broke). Figures whose metric the rules did not write
in their sentence have no candidates and never change.

    python benchmarks/metric_boundary_pool.py [COUNTS_DIR] [--l2 0.3] [--out DIR]

COUNTS_DIR holds the ``metric_counts.json`` the features read (default models/metric-boundary; count it again with
every audit's documents left out: ``analyzer model train-metric-boundary --recount --out DIR`` after copying the
audits into DIR). About 2 minutes a fit; 11 fits. Training only on sets that are no test split; corpus/test is scored.
With ``--out DIR`` it only fits the whole pool and writes ``weights.json`` (margin 1.0) and the counts it used in DIR,
a folder ``analyzer eval … --metric-boundary DIR`` reads (copy the audits there for ``benchmarks/metric_audits.py``).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzer.model.metric_boundary import (BoundaryOptions, accuracy, audit_records, choose,  # noqa: E402
                                            document_groups, fit, gold_records, save)
from analyzer.pipeline import Pipeline  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from metric_audits import archive_texts  # noqa: E402

MARGINS = (0.0, 0.5, 1.0, 2.0)
FOLDS = 5


def pool_groups(counts: dict[str, int]) -> dict[str, list]:
    """Candidate groups of each set: cdev, rdev, ctest and one per audit (named after its file)."""
    pipeline = Pipeline()
    records = {name: gold_records([ROOT / folder]) for name, folder in
               (("cdev", "corpus/dev"), ("rdev", "real-gold/dev"), ("ctest", "corpus/test"))}
    audits = {path.stem.removeprefix("audit-"): json.loads(path.read_text(encoding="utf-8"))
              for path in sorted((ROOT / "models" / "metric-boundary").glob("audit-*.json"))}
    texts = archive_texts(ROOT.parent / "shared" / "data", {d for a in audits.values() for d in a["documents"]})
    records.update({name: audit_records(audit, texts) for name, audit in audits.items()})
    return {name: [g for record in recs for g in document_groups(pipeline, record, counts)]
            for name, recs in records.items()}


def tally(weights: dict[str, float], groups: list) -> dict[float, tuple[int, int, int]]:
    """margin → (switches, switches right, switches that broke a right rule)."""
    out = {}
    for margin in MARGINS:
        picks = [(choose(weights, g, margin), g) for g in groups]
        switched = [(k, g) for k, g in picks if k != g.rule]
        out[margin] = (len(switched), sum(k == g.gold for k, g in switched), sum(g.rule == g.gold for _, g in switched))
    return out


def add(total: dict, part: dict) -> dict:
    return {m: tuple(a + b for a, b in zip(total.get(m, (0, 0, 0)), part[m])) for m in MARGINS}


def leave_one_out(groups: dict[str, list], l2: float) -> dict[str, dict]:
    """Held-out tallies: each audit left out in turn, real-gold/dev by folds, corpus/test by the whole pool."""
    audits = [name for name in groups if name not in ("cdev", "rdev", "ctest")]
    pool = ["cdev", "rdev", *audits]
    results = {held: tally(fit([g for name in pool if name != held for g in groups[name]], l2=l2), groups[held])
               for held in audits}
    results["rdev (5 folds)"] = rdev_folds(groups, pool, l2)
    results["ctest (whole pool)"] = tally(fit([g for name in pool for g in groups[name]], l2=l2), groups["ctest"])
    return results


def rdev_folds(groups: dict[str, list], pool: list[str], l2: float) -> dict:
    """real-gold/dev's documents in FOLDS folds, each scored by a fit on the rest of the pool; the tallies added."""
    docs = sorted({g.doc_id for g in groups["rdev"]})
    random.Random(5).shuffle(docs)
    total: dict = {}
    for fold in range(FOLDS):
        test = set(docs[fold::FOLDS])
        train = [g for name in pool for g in groups[name] if name != "rdev" or g.doc_id not in test]
        total = add(total, tally(fit(train, l2=l2), [g for g in groups["rdev"] if g.doc_id in test]))
    return total


def save_pool(groups: dict[str, list], l2: float, counts_dir: Path, out: Path) -> dict:
    """Fit the whole pool (every set but corpus/test) and save it in ``out`` with the counts of ``counts_dir``."""
    pool = [g for name, gs in groups.items() if name != "ctest" for g in gs]
    options = BoundaryOptions(l2=l2)
    weights = fit(pool, l2=l2, steps=options.steps, rate=options.rate)
    right, rules, total = accuracy(weights, pool, options.margin)
    meta = {"train": sorted(name for name in groups if name != "ctest"), "groups": total, "rules_right": rules,
            "model_right_in_sample": right, "l2": l2, "steps": options.steps, "rate": options.rate}
    save(weights, options, out, meta)
    if counts_dir.resolve() != out.resolve():
        (out / "metric_counts.json").write_text((counts_dir / "metric_counts.json").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    return meta


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts_dir", nargs="?", type=Path, default=ROOT / "models" / "metric-boundary")
    parser.add_argument("--l2", type=float, default=0.3)
    parser.add_argument("--out", type=Path, help="save the weights trained on the whole pool here")
    args = parser.parse_args(argv)
    l2, counts_dir = args.l2, args.counts_dir
    counts = json.loads((counts_dir / "metric_counts.json").read_text(encoding="utf-8"))
    groups = pool_groups(counts)
    if args.out is not None:
        print(save_pool(groups, l2, counts_dir, args.out))
        return
    rules = {name: f"{sum(g.rule == g.gold for g in gs)}/{len(gs)}" for name, gs in groups.items()}
    print(f"l2 {l2}; rules right / figures with candidates: {rules}")
    print("| held out | " + " | ".join(f"margin {m}: switched/right/broke (net)" for m in MARGINS) + " |")
    print("|---|" + "---|" * len(MARGINS))
    for name, row in leave_one_out(groups, l2).items():
        print(f"| {name} | " + " | ".join(f"{s}/{r}/{b} ({r - b:+d})" for s, r, b in row.values()) + " |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
