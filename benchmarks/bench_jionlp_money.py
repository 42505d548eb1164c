"""Compare money and percent extraction with jionlp on the gold corpus: span-overlap P/R/F1 and docs/s.

A predicted span matches a gold figure of the same kind when the two share at least one character (each gold
figure matched once). Money is gold units CNY/USD/HKD; percent is gold unit ``percent``. jionlp has no percent
extractor, so its percent row is empty. Our docs/s is the whole pipeline; jionlp's is ``extract_money`` alone.

    python benchmarks/bench_jionlp_money.py [corpus/dev corpus/test]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = {"money": {"CNY", "USD", "HKD"}, "percent": {"percent"}}


def match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> int:
    """How many predicted spans overlap a not yet matched gold span."""
    free, matched = list(gold), 0
    for start, end in predicted:
        for span in free:
            if start < span[1] and span[0] < end:
                free.remove(span)
                matched += 1
                break
    return matched


def prf(matched: int, predicted: int, gold: int) -> str:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f} | {matched} / {predicted} / {gold}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", nargs="*", default=["corpus/dev", "corpus/test"], help="gold corpus folders")
    args = parser.parse_args()
    golds = [json.loads(p.read_text(encoding="utf-8"))
             for part in args.parts for p in sorted((ROOT / part).glob("*.json"))]

    from analyzer.pipeline import Pipeline
    from analyzer.records import Document
    pipeline = Pipeline()
    start = time.perf_counter()
    ours = [pipeline.analyze(Document(id=g["doc"]["id"], text=g["text"], published=g["doc"].get("published")))
            for g in golds]
    ours_seconds = time.perf_counter() - start

    try:
        import jionlp as jio
    except ImportError:
        jio = None
        print("Note: jionlp is not installed (pip install jionlp); only our scores are shown.\n")
    jio_money, jio_seconds = [], None
    if jio is not None:
        jio.ner.extract_money(golds[0]["text"])  # load its lexicons outside the timing
        start = time.perf_counter()
        jio_money = [[tuple(m["offset"]) for m in jio.ner.extract_money(g["text"])] for g in golds]
        jio_seconds = time.perf_counter() - start

    print(f"{len(golds)} gold documents from {', '.join(args.parts)}\n")
    print("| extractor | kind | P | R | F1 | matched / predicted / gold | docs/s |")
    print("|---|---|---:|---:|---:|---|---:|")
    for kind, units in KINDS.items():
        totals = [0, 0, 0]
        jio_totals = [0, 0, 0]
        for i, (gold, record) in enumerate(zip(golds, ours)):
            gold_spans = [(f["start"], f["end"]) for f in gold["figures"] if f["unit"] in units]
            our_spans = [(f.start, f.end) for f in record.figures if f.unit in units]
            for acc, spans in ((totals, our_spans), (jio_totals, jio_money[i] if jio_money else [])):
                acc[0] += match(gold_spans, spans)
                acc[1] += len(spans)
                acc[2] += len(gold_spans)
        print(f"| ours (whole pipeline) | {kind} | {prf(*totals)} | {len(golds) / ours_seconds:,.0f} |")
        if jio is not None and kind == "money":
            print(f"| jionlp extract_money | {kind} | {prf(*jio_totals)} | {len(golds) / jio_seconds:,.0f} |")
        elif jio is not None:
            print(f"| jionlp | {kind} | – | – | – | no percent extractor | – |")


if __name__ == "__main__":
    main()
