"""Score the mention finder and the linker alone, on gold figures, against a gold corpus part.

The linker is run on the gold figures (its links removed), so link scores do not depend on the figure
extractor. Mentions are scored with ``analyzer.evaluate`` (span overlap, names agree).

    python benchmarks/mentions_links.py corpus/dev [--errors 40] [--links-errors 40]
"""
from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path

from analyzer.evaluate import score, score_links
from analyzer.extract.links import Linker
from analyzer.extract.mentions import MentionFinder
from analyzer.records import MENTION_KINDS, Record
from analyzer.taxonomy import load_taxonomy
from analyzer.text.document import TextDoc
from analyzer.normalize import normalize


def predict(gold: dict, finder: MentionFinder, linker: Linker, gold_mentions: bool = False) -> dict:
    """The gold record with mentions found by ``finder`` and figure links set by ``linker``."""
    record = Record.from_dict(copy.deepcopy(gold))
    text = normalize(record.document.text)
    found = finder(text, record.document.text)
    if not gold_mentions:
        for kind in MENTION_KINDS:
            setattr(record, kind, found[kind])
    for figure in record.figures:
        figure.links = None
    linker(TextDoc.from_record(record))
    return record.to_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir")
    parser.add_argument("--errors", type=int, default=30)
    parser.add_argument("--links-errors", type=int, default=30)
    parser.add_argument("--gold-mentions", action="store_true", help="link against the gold mentions")
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    finder, linker = MentionFinder(taxonomy), Linker(taxonomy)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(args.gold_dir).rglob("*.json"))]
    preds = [predict(g, finder, linker, args.gold_mentions) for g in golds]
    scores = score(zip(golds, preds))
    for kind, prf in scores.mentions.items():
        print(f"{kind:<14} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  "
              f"({prf.matched}/{prf.predicted}/{prf.gold})")
    errors = [e for e in scores.errors if any(k in e["error"] for k in MENTION_KINDS)]
    for e in errors[:args.errors]:
        detail = "".join(f" {k}={e[k]}" for k in ("gold", "predicted") if k in e)
        print(f"  {e['doc']}@{e['start']} {e['error']}: {e['text']}{detail}")
    links = score_links(golds, preds)
    print(f"links          P {links['precision']:.3f}  R {links['recall']:.3f}  F1 {links['f1']:.3f}  "
          f"({links['matched']}/{links['predicted']}/{links['gold']})")
    for e in links["errors"][:args.links_errors]:
        print(f"  {e}")


if __name__ == "__main__":
    main()
