"""Time candidate finding on hostile runs of digits and numerals (issue 12, item 4): cost must grow linearly.

For each run (``1``, ``三``, ``壹``, ``1,234`` …) and each length from 1,000 to 32,000 characters, the best of
three ``FigureExtractor.find_candidates`` calls, then the ratio per doubling (about 2 is linear, 4 quadratic).
Also times the whole pipeline on the 16,000-character runs, and on one long sentence of many figures with no 。
(issue 17: ``增长1.5%，`` and ``5%`` repeated 1,000 to 8,000 times), reporting the time per figure, which stays
flat when the cost is linear.

    python benchmarks/bench_number_runs.py
    python benchmarks/bench_number_runs.py --sentence   # one sentence of many figures only
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = ["1", "三", "壹", "1,234", "十几", "1亿", "%E4"]
LENGTHS = [1000, 2000, 4000, 8000, 16000, 32000]


def best_of(call, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from analyzer.extract.figures import FigureExtractor
    from analyzer.pipeline import analyze
    extractor = FigureExtractor()
    print("| run | " + " | ".join(f"{n:,} chars" for n in LENGTHS) + " | ratio per doubling (last) |")
    print("|---|" + "---:|" * (len(LENGTHS) + 1))
    for unit in RUNS:
        texts = [unit * (n // len(unit)) + "元" for n in LENGTHS]
        seconds = [best_of(lambda text=text: extractor.find_candidates(text)) for text in texts]
        ratio = seconds[-1] / seconds[-2] if seconds[-2] else float("nan")
        print(f"| `{unit}` | " + " | ".join(f"{s * 1000:.1f} ms" for s in seconds) + f" | {ratio:.1f} |")
    print()
    for unit in ("1", "三"):
        text = unit * 16000 + "亿元"
        print(f"whole pipeline, 16,000 × `{unit}`: {best_of(lambda text=text: analyze(text), 1):.3f} s, "
              f"{len(analyze(text).figures)} figures")


# (words opening the sentence, the unit repeated): the probe's two shapes, one dated by a time that opens the
# sentence, and one that opens with 今年以来 (measure.toml market-move-since-new-year's sentence_pattern ends in $
# after an unbounded run: searched from 今年以来 for each figure until s20-review, now answered by prefix_search's
# anchored plan from the leads and the places where the run stops, found once a sentence)
SENTENCE_RUNS = [("", "增长1.5%，"), ("", "5%"), ("2025年1月，", "增长1.5%，"), ("今年以来，", "上涨1.5%，")]
SENTENCE_COUNTS = [1000, 2000, 4000, 8000]


def sentence_runs(counts: list[int] = SENTENCE_COUNTS) -> None:
    """The whole pipeline on one sentence of ``n`` figures (no 。 to split it): microseconds per figure."""
    from analyzer.pipeline import analyze
    print("| one sentence of | " + " | ".join(f"{n:,} figures" for n in counts) + " | ratio per doubling (last) |")
    print("|---|" + "---:|" * (len(counts) + 1))
    for head, unit in SENTENCE_RUNS:
        per_figure = []
        for n in counts:
            text = head + unit * n
            seconds = best_of(lambda text=text: analyze(text), 1)
            per_figure.append(seconds / n)
        ratio = per_figure[-1] * 2 / per_figure[-2] if per_figure[-2] else float("nan")
        print(f"| `{head}{unit}` × n | " + " | ".join(f"{s * 1e6:,.0f} µs" for s in per_figure) + f" | {ratio:.1f} |",
              flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--sentence"]:
        sentence_runs()
        sys.exit()
    main()
