"""Cost against document size (issue 17): one document of N KB against N/1 documents of 1 KB with the same text.

The text is real archive articles (``../shared/data/rss_finance_news.jsonl``, read in place) joined with line breaks
and cut into 1 KB pieces at line breaks; the large document is the same pieces joined again. The ratio
``seconds(one large) / seconds(many small)`` should stay near 1 at every size (target ≤ 1.2 at 1 MB): anything
that grows faster than the text (a scan from the document's start for every figure, a list of all mentions for
every figure) shows as a ratio that rises with size.

    python benchmarks/bench_linearity.py                 # 64 KB, 256 KB and 1 MB
    python benchmarks/bench_linearity.py --kb 1024
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_all import archive_texts, machine  # noqa: E402

from analyzer.pipeline import Pipeline  # noqa: E402
from analyzer.records import Document  # noqa: E402


def pieces(kb: int) -> list[str]:
    """``kb`` pieces of about 1 KB (UTF-8) each, cut at line breaks of the archive text."""
    out, current, size = [], [], 0
    for line in "\n".join(archive_texts()).splitlines():
        current.append(line)
        size += len(line.encode("utf-8")) + 1
        if size >= 1000:
            out.append("\n".join(current))
            current, size = [], 0
            if len(out) == kb:
                return out
    return out


def seconds(pipeline: Pipeline, texts: list[str]) -> float:
    start = time.perf_counter()
    for i, text in enumerate(texts):
        pipeline.analyze(Document(id=str(i), text=text))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="*", default=[64, 256, 1024])
    args = parser.parse_args()
    pipeline = Pipeline()
    pipeline.analyze(Document(id="warm", text="预热：余额35.3万亿元"))
    print(f"Machine: {machine()}\n")
    print("| size | many 1 KB documents (s) | one document (s) | one ÷ many |")
    print("|---:|---:|---:|---:|")
    for kb in args.kb:
        small = pieces(kb)
        many = seconds(pipeline, small)
        one = seconds(pipeline, ["\n".join(small)])
        print(f"| {len(small)} KB | {many:.2f} | {one:.2f} | {one / many:.2f} |", flush=True)


if __name__ == "__main__":
    main()
