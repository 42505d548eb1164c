"""Cost against document size (issue 17): one document of N KB against N/1 documents of 1 KB with the same text.

The text is real archive articles (``../shared/data/rss_finance_news.jsonl``, read in place) joined with line breaks
and cut into 1 KB pieces at line breaks; the large document is the same pieces joined again. The ratio
``seconds(one large) / seconds(many small)`` should stay near 1 at every size (target ≤ 1.2 at 1 MB): anything
that grows faster than the text (a scan from the document's start for every figure, a list of all mentions for
every figure) shows as a ratio that rises with size.

A second table feeds ``cli.py extract`` one single-line file of ``--single-line-mb`` MB (the same text with its line
breaks made spaces, repeated; written to a temporary folder) in a fresh process and reports its exit status, time,
peak resident memory and first line of stderr: the reader must not hold the whole line, so the peak stays near
that of a small input whatever the size (a line over ``--max-doc-bytes`` fails alone, as one document).

    python benchmarks/bench_linearity.py                 # 64 KB, 256 KB and 1 MB; a 50 MB single line
    python benchmarks/bench_linearity.py --kb 1024 --single-line-mb 0
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
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
    """CPU seconds of this process for analyzing ``texts``: on a machine shared with other jobs, wall time drifts
    more than the ratio measured."""
    start = time.process_time()
    for i, text in enumerate(texts):
        pipeline.analyze(Document(id=str(i), text=text))
    return time.process_time() - start


ROOT = Path(__file__).resolve().parents[1]
# VmHWM, not ru_maxrss of the children: that one keeps the forking parent's high-water mark across exec
PEAK = """
import re, runpy, sys
sys.argv = ["cli.py", *sys.argv[1:]]
try:
    runpy.run_path("cli.py", run_name="__main__")
finally:
    print("VmHWM", re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1), file=sys.stderr)
"""


def single_line(mb: int) -> None:
    """``cli.py extract`` on one line of ``mb`` MB, in a fresh process: status, seconds, peak RSS."""
    text = " ".join(" ".join(archive_texts()).split("\n")).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line.txt"
        with path.open("wb") as out:
            for _ in range(mb * 1_000_000 // len(text) + 1):
                out.write(text)
        size = path.stat().st_size
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PEAK, "extract", str(path), "--format", "jsonl"],
                              capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    peak = int(lines[-1].split()[1]) / 1024  # the child's own VmHWM, in kB
    said = (lines[:-1] or [""])[0].replace(folder, "TMP")
    print("\n| single-line input | MB | exit | seconds | peak RSS MB | stderr |\n|---|---:|---:|---:|---:|---|")
    print(f"| `cli.py extract line.txt` | {size / 1e6:.0f} | {done.returncode} | {seconds:.2f} | {peak:.0f} | {said} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="*", default=[64, 256, 1024])
    parser.add_argument("--single-line-mb", type=int, default=50, help="0 leaves the single-line row out")
    args = parser.parse_args()
    pipeline = Pipeline()
    pipeline.analyze(Document(id="warm", text="预热：余额35.3万亿元"))
    print(f"Machine: {machine()}\n")
    print("| size | many 1 KB documents (CPU s) | one document (CPU s) | one ÷ many |")
    print("|---:|---:|---:|---:|")
    for kb in args.kb:
        small = pieces(kb)
        many = seconds(pipeline, small)
        one = seconds(pipeline, ["\n".join(small)])
        print(f"| {len(small)} KB | {many:.2f} | {one:.2f} | {one / many:.2f} |", flush=True)
    if args.single_line_mb:
        single_line(args.single_line_mb)


if __name__ == "__main__":
    main()
