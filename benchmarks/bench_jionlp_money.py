"""Compare money, percent and count extraction with jionlp: on the gold corpus and per written form (issue 15).

1. Gold corpus: span-overlap P/R/F1 per kind (money: gold units CNY/USD/HKD/EUR/JPY; percent; count), plus the
   value accuracy over the matched pairs (value and value_high equal as decimals), and docs/s. A predicted span
   matches a gold figure of the same kind when the two share at least one character (each gold figure matched
   once). jionlp's ``extract_money`` is its only extractor of these kinds: it has none for percentages or counts.
   Our docs/s is the whole pipeline; jionlp's is ``extract_money`` alone.
2. Number-form families: the case table of ``tests/test_number_forms.py`` (ranges, capital numerals, sub-units,
   ‰, 成, signs, separators, currency symbols, money without 元, counts before their noun, vague amounts, 兆 …).
   A case is right when a figure covers the case's span with its value (and high end). jionlp is asked only for
   the money cases.

    python benchmarks/bench_jionlp_money.py [corpus/dev corpus/test]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MONEY = {"CNY", "USD", "HKD", "EUR", "JPY"}
KINDS = {"money": MONEY, "percent": {"percent"}, "count": {"count"}}


def match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: each predicted span takes the first free gold span it overlaps."""
    free, pairs = list(range(len(gold))), []
    for p, (start, end) in enumerate(predicted):
        for g in free:
            if start < gold[g][1] and gold[g][0] < end:
                free.remove(g)
                pairs.append((g, p))
                break
    return pairs


def prf(matched: int, predicted: int, gold: int) -> str:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f} | {matched} / {predicted} / {gold}"


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(str(a)) == Decimal(str(b))


def jionlp_money(jio, text: str) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, value, value_high) of jionlp's money entities; a blurred pair gives both ends."""
    out = []
    for entity in jio.ner.extract_money(text, with_parsing=True):
        num = entity.get("detail", {}).get("num")
        low, high = (num[0], num[1]) if isinstance(num, list) else (num, None)
        out.append((entity["offset"][0], entity["offset"][1], low, high))
    return out


def score(golds, predictions) -> list[int]:
    """[matched, predicted, gold, values right] over documents; predictions are (start, end, value, high) lists."""
    totals = [0, 0, 0, 0]
    for gold, predicted in zip(golds, predictions):
        spans = [(f["start"], f["end"]) for f in gold]
        pairs = match(spans, [(p[0], p[1]) for p in predicted])
        totals[0] += len(pairs)
        totals[1] += len(predicted)
        totals[2] += len(gold)
        totals[3] += sum(same(gold[g]["value"], predicted[p][2]) and same(gold[g]["value_high"], predicted[p][3])
                         for g, p in pairs)
    return totals


def corpus_table(golds, ours, ours_seconds, jio) -> None:
    print("| extractor | kind | P | R | F1 | matched / predicted / gold | value right | docs/s |")
    print("|---|---|---:|---:|---:|---|---:|---:|")
    jio_money, jio_seconds = None, None
    if jio is not None:
        jio.ner.extract_money(golds[0]["text"])  # load its lexicons outside the timing
        start = time.perf_counter()
        jio_money = [jionlp_money(jio, g["text"]) for g in golds]
        jio_seconds = time.perf_counter() - start
    for kind, units in KINDS.items():
        gold = [[f for f in g["figures"] if f["unit"] in units] for g in golds]
        mine = [[(f.start, f.end, f.value, f.value_high) for f in r.figures if f.unit in units] for r in ours]
        t = score(gold, mine)
        print(f"| ours (whole pipeline) | {kind} | {prf(*t[:3])} | {t[3] / max(t[0], 1):.3f} "
              f"| {len(golds) / ours_seconds:,.0f} |")
        if jio_money is not None and kind == "money":
            t = score(gold, jio_money)
            print(f"| jionlp extract_money | {kind} | {prf(*t[:3])} | {t[3] / max(t[0], 1):.3f} "
                  f"| {len(golds) / jio_seconds:,.0f} |")
        elif jio is not None:
            print(f"| jionlp | {kind} | – | – | – | no {kind} extractor | – | – |")


def case_right(predicted, span: tuple[int, int], value: str, high: str | None) -> bool:
    return any(p[0] <= span[0] and span[1] <= p[1] and same(value, p[2]) and same(high, p[3]) for p in predicted)


def family_table(jio) -> None:
    from test_number_forms import CASES

    from analyzer.pipeline import analyze
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # cases, ours right, money cases, jionlp right
    for family, text, span, value, high, unit, _qualifier, _counter in CASES:
        where = (text.index(span), text.index(span) + len(span))
        row = rows[family]
        row[0] += 1
        ours = [(f.start, f.end, f.value, f.value_high) for f in analyze(text).figures]
        row[1] += case_right(ours, where, value, high)
        if unit in MONEY and jio is not None:
            row[2] += 1
            row[3] += case_right(jionlp_money(jio, text), where, value, high)
    print("| family | cases | ours right | money cases | jionlp extract_money right |")
    print("|---|---:|---:|---:|---:|")
    total = [0, 0, 0, 0]
    for family, row in rows.items():
        total = [a + b for a, b in zip(total, row)]
        jio_cell = f"{row[3]}" if row[2] else "– (no extractor)"
        print(f"| {family} | {row[0]} | {row[1]} | {row[2]} | {jio_cell} |")
    print(f"| all | {total[0]} | {total[1]} | {total[2]} | {total[3]} |")


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
    print(f"{len(golds)} gold documents from {', '.join(args.parts)}\n")
    corpus_table(golds, ours, ours_seconds, jio)
    print()
    family_table(jio)


if __name__ == "__main__":
    main()
