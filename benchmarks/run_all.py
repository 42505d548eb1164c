"""Speed benchmark: our pipeline against its peers on the same text, printed as one markdown table.

Every measurement runs in a fresh subprocess so its peak memory (``ru_maxrss``) is its own. The text is the
gold corpus (``corpus/dev`` + ``corpus/test``, field ``text``) cycled until it reaches ``--mb`` megabytes of
UTF-8. Throughput excludes building the pipeline or loading a dictionary; cold start measures exactly that.

    python benchmarks/run_all.py                 # 5 MB
    python benchmarks/run_all.py --mb 50         # the full run issue 8 asks for
    python benchmarks/run_all.py --quick         # 1 MB, for a smoke test
    python benchmarks/run_all.py --with-store    # also run benchmarks/bench_store.py if present
    python benchmarks/run_all.py --with-linearity  # also the size-linearity rows (bench_linearity.py)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def corpus_texts() -> list[str]:
    """The ``text`` of every gold document in corpus/dev and corpus/test, in a fixed order."""
    paths = sorted((ROOT / "corpus" / "dev").glob("*.json")) + sorted((ROOT / "corpus" / "test").glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]


ARCHIVE = ROOT.parent / "shared" / "data" / "rss_finance_news.jsonl"


def archive_texts() -> list[str]:
    """Real outside articles (``../shared/data``, read in place, never copied; the ids reserved for outside evaluation
    left out): a news archive's figure density, about a tenth of our deliberately dense corpus."""
    from analyzer.io.gold import RESERVED_IDS
    with ARCHIVE.open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    return [item["text"] for item in items if item.get("id") not in RESERVED_IDS]


def scaled_texts(mb: float, source: str = "corpus") -> list[str]:
    """Texts cycled until they add up to ``mb`` MB (10**6 bytes) of UTF-8."""
    base, out, size = (archive_texts() if source == "archive" else corpus_texts()), [], 0
    while size < mb * 1_000_000:
        text = base[len(out) % len(base)]
        out.append(text)
        size += len(text.encode("utf-8"))
    return out


# --- measurements: each returns its timed (wall, CPU) seconds and runs inside its own subprocess --------

class Clock:
    """Wall and CPU seconds of the timed loop. CPU time counts this process (and, with ``children``, the worker
    processes reaped since the start): on a machine shared with other jobs it moves far less than wall time."""

    def __init__(self, children: bool = False):
        self.children = children
        self.wall, self.cpu = time.perf_counter(), self._cpu()

    def _cpu(self) -> float:
        used = time.process_time()
        if self.children:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            used += usage.ru_utime + usage.ru_stime
        return used

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, self._cpu() - self.cpu


def measure_ours(texts: list[str]) -> tuple[float, float]:
    """One process, one Pipeline, documents analyzed one after another."""
    from analyzer.pipeline import Pipeline
    from analyzer.records import Document
    pipeline = Pipeline()
    pipeline.analyze(Document(id="warm-up", text=texts[0]))  # rule tables and dictionaries loaded on first use
    clock = Clock()
    for i, text in enumerate(texts):
        pipeline.analyze(Document(id=str(i), text=text))
    return clock.stop()


_worker_pipeline = None


def _init_worker() -> None:
    global _worker_pipeline
    from analyzer.pipeline import Pipeline
    _worker_pipeline = Pipeline()


def _analyze_in_worker(item: tuple[int, str]) -> int:
    from analyzer.records import Document
    record = _worker_pipeline.analyze(Document(id=str(item[0]), text=item[1]))
    return len(record.figures)  # send back something small: results are not what is measured


def measure_ours_workers(texts: list[str], workers: int = 2) -> tuple[float, float]:
    """``workers`` processes, each with its own Pipeline; the time includes starting the pool."""
    from multiprocessing import Pool
    clock = Clock(children=True)
    chunksize = max(1, len(texts) // (workers * 16))  # small enough that no worker idles at the end
    with Pool(workers, initializer=_init_worker) as pool:
        for _ in pool.imap_unordered(_analyze_in_worker, enumerate(texts), chunksize=chunksize):
            pass
    return clock.stop()


def measure_jieba(texts: list[str]) -> tuple[float, float]:
    """jieba accurate mode (``jieba.lcut``), default dictionary, loaded before timing."""
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    clock = Clock()
    for text in texts:
        jieba.lcut(text)
    return clock.stop()


def measure_spacy(texts: list[str]) -> tuple[float, float]:
    """spaCy's blank Chinese pipeline with the jieba segmenter (tokenizer only; there are no other components)."""
    import jieba
    import spacy
    jieba.setLogLevel(60)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp("预热")  # loads jieba's dictionary outside the timed loop
    clock = Clock()
    for _ in nlp.pipe(texts):
        pass
    return clock.stop()


def measure_jionlp(texts: list[str]) -> tuple[float, float]:
    """jionlp's rule-based money and time extraction, both run on every document."""
    import jionlp as jio
    jio.ner.extract_money(texts[0])
    jio.ner.extract_time(texts[0])
    clock = Clock()
    for text in texts:
        jio.ner.extract_money(text)
        jio.ner.extract_time(text)
    return clock.stop()


MEASURES = {
    "ours": ("ours: Pipeline.analyze, 1 process", measure_ours),
    "ours_workers": ("ours: 2 worker processes", measure_ours_workers),
    "jieba": ("jieba.lcut (accurate) alone", measure_jieba),
    "spacy": ('spaCy blank("zh"), jieba segmenter', measure_spacy),
    "jionlp": ("jionlp extract_money + extract_time", measure_jionlp),
}


def run_measure_here(name: str, mb: float, source: str = "corpus") -> dict:
    """Body of the subprocess: time one measurement and report its peak memory as JSON."""
    texts = scaled_texts(mb, source)
    seconds, cpu_seconds = MEASURES[name][1](texts)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest single worker
    return {"docs": len(texts), "chars": sum(map(len, texts)), "seconds": seconds, "cpu_seconds": cpu_seconds,
            "rss_mb": self_kb / 1024, "worker_rss_mb": child_kb / 1024}


def run_measure(name: str, mb: float, source: str = "corpus") -> dict | str:
    """Run one measurement in a fresh interpreter; a string result is the reason it failed."""
    proc = subprocess.run([sys.executable, __file__, "--measure", name, "--mb", str(mb), "--text", source],
                          capture_output=True, text=True, env=ENV, cwd=ROOT)
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["failed"])[-1]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_start(runs: int = 3) -> dict | str:
    """Median wall and CPU time of ``python cli.py extract <short file> --format json``, and the peak RSS of those
    runs. Run from a subprocess of its own, so RUSAGE_CHILDREN covers only the CLI runs."""
    shortest = min(corpus_texts(), key=len)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "short.txt"
        path.write_text(shortest, encoding="utf-8")
        times, cpu_times = [], []
        for _ in range(runs):
            clock = Clock(children=True)
            proc = subprocess.run([sys.executable, "cli.py", "extract", str(path), "--format", "json"],
                                  capture_output=True, text=True, cwd=ROOT, env=ENV)
            wall, cpu = clock.stop()
            times.append(wall)
            cpu_times.append(cpu)
            if proc.returncode != 0:
                return (proc.stderr.strip().splitlines() or ["failed"])[-1]
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": statistics.median(times), "cpu_seconds": statistics.median(cpu_times), "chars": len(shortest),
            "rss_mb": rss_mb}


def run_cold_start() -> dict | str:
    proc = subprocess.run([sys.executable, __file__, "--measure", "cold_start"],
                          capture_output=True, text=True, env=ENV, cwd=ROOT)
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["failed"])[-1]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _speeds(result: dict | str | None) -> tuple[float, float] | None:
    """(chars per wall second, chars per CPU second) of a measurement; None when it did not run."""
    if not isinstance(result, dict):
        return None
    return result["chars"] / result["seconds"], result["chars"] / max(result["cpu_seconds"], 1e-9)


def table(results: dict[str, dict | str], cold: dict | str) -> str:
    """The markdown table: throughput, ratio to our single-process speed (by wall and by CPU time), peak memory."""
    ours = _speeds(results.get("ours"))
    lines = [("| measurement | docs | MB (UTF-8) | seconds | CPU s | docs/s | chars/s | ours speed ÷ row speed "
              "| same, by CPU time | peak RSS MB |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, result in results.items():
        label = MEASURES[name][0]
        if isinstance(result, str):
            lines.append(f"| {label} | skipped: {result} | | | | | | | | |")
            continue
        speed, cpu_speed = _speeds(result)
        ratio = f"{ours[0] / speed:.2f}×" if ours else "–"
        cpu_ratio = f"{ours[1] / cpu_speed:.2f}×" if ours else "–"
        rss = f"{result['rss_mb']:.0f}"
        if name == "ours_workers":
            rss += f" (+ {result['worker_rss_mb']:.0f} per worker)"
        lines.append(f"| {label} | {result['docs']} | {result['mb']} | {result['seconds']:.2f} | "
                     f"{result['cpu_seconds']:.2f} | {result['docs'] / result['seconds']:,.0f} | {speed:,.0f} | "
                     f"{ratio} | {cpu_ratio} | {rss} |")
    if isinstance(cold, str):
        lines.append(f"| cold start: `cli.py extract` | skipped: {cold} | | | | | | | | |")
    else:
        lines.append(f"| cold start: `cli.py extract` 1 short file ({cold['chars']} chars), median of 3 "
                     f"| 1 | | {cold['seconds']:.2f} | {cold['cpu_seconds']:.2f} | | | | | {cold['rss_mb']:.0f} |")
    return "\n".join(lines)


def targets(results: dict[str, dict | str], cold: dict | str) -> str:
    """Issue 17's targets (issue 8's worker scaling too), each marked as holding or not on this run."""
    def mark(ok: bool) -> str:
        return "holds" if ok else "does NOT hold"

    lines = ["", "Targets (issue 17; worker scaling: issue 8):"]
    ours, jieba, workers = _speeds(results.get("ours")), _speeds(results.get("jieba")), _speeds(results.get("ours_workers"))
    if ours and jieba:
        lines.append(f"- ≥ 2× jieba alone, one process: {ours[0] / jieba[0]:.2f}× by wall time, "
                     f"{ours[1] / jieba[1]:.2f}× by CPU time — {mark(ours[0] >= 2 * jieba[0])}")
    if ours and workers:
        lines.append(f"- 2 workers close to 2× one process: {workers[0] / ours[0]:.2f}× on {os.cpu_count()} CPUs"
                     f" — {mark(workers[0] >= 1.8 * ours[0])}")
    if isinstance(cold, dict):
        lines.append(f"- cold start < 0.5 s: {cold['seconds']:.2f} s wall, {cold['cpu_seconds']:.2f} s CPU — "
                     f"{mark(cold['seconds'] < 0.5)}")
    peaks = [r["rss_mb"] for n, r in results.items() if n.startswith("ours") and isinstance(r, dict)]
    peaks += [results["ours_workers"]["worker_rss_mb"]] if isinstance(results.get("ours_workers"), dict) else []
    peaks += [cold["rss_mb"]] if isinstance(cold, dict) else []
    if peaks:
        lines.append(f"- peak memory < 150 MB (ours, per process): {max(peaks):.0f} MB — {mark(max(peaks) < 150)}")
    return "\n".join(lines)


def machine() -> str:
    """One line: CPU model, core count, Python, date."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M %Z')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="MB of UTF-8 text to process (default 5)")
    parser.add_argument("--quick", action="store_true", help="1 MB, a smoke test")
    parser.add_argument("--with-store", action="store_true", help="also run benchmarks/bench_store.py")
    parser.add_argument("--with-linearity", action="store_true",
                        help="also run benchmarks/bench_linearity.py (64 KB, 256 KB, 1 MB; no 50 MB line)")
    parser.add_argument("--text", choices=["corpus", "archive"], default="corpus",
                        help="corpus: our gold texts (dense with figures); archive: the real articles in "
                             "../shared/data/rss_finance_news.jsonl")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: run one measurement in this process
    args = parser.parse_args()
    mb = 1.0 if args.quick else args.mb

    if args.measure == "cold_start":
        print(json.dumps(cold_start()))
        return
    if args.measure:
        print(json.dumps(run_measure_here(args.measure, mb, args.text)))
        return

    results = {}
    for name in MEASURES:
        print(f"running {name} on {mb:g} MB of {args.text} text …", file=sys.stderr, flush=True)
        result = run_measure(name, mb, args.text)
        if isinstance(result, dict):
            result["mb"] = f"{mb:g}"
        results[name] = result
    print("running cold start …", file=sys.stderr, flush=True)
    cold = run_cold_start()
    print(f"Machine: {machine()}; text: {args.text}\n")
    print(table(results, cold))
    print(targets(results, cold))

    if args.with_linearity:
        print("\n## Size linearity (benchmarks/bench_linearity.py)\n", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_linearity.py"), "--single-line-mb", "0"],
                       check=False, cwd=ROOT, env=ENV)
    if args.with_store:
        bench_store = ROOT / "benchmarks" / "bench_store.py"
        if bench_store.exists():
            print("\n## Store (benchmarks/bench_store.py)\n", flush=True)
            quick = ["--figures", "100000", "--pipeline-copies", "1"] if args.quick else []
            subprocess.run([sys.executable, str(bench_store), *quick], cwd=ROOT, env=ENV)
        else:
            print("\nNote: benchmarks/bench_store.py not found; store query/timeline latency not measured.")


if __name__ == "__main__":
    main()
