"""Store benchmark: bulk-write throughput, pipeline ingest throughput and ``timeline`` latency.

Synthesizes records (10 figures and 3 mentions a document, 200 metrics over 44 quarters, 12 sources) and writes
them through the store's bulk path (``Store.write``, the batch transaction ``ingest`` uses) until the store holds
``--figures`` figures, then times ``timeline`` (the query and the grouping, as the CLI runs them) on it.
Pipeline ingest is timed separately on copies of the gold corpus texts.

    python benchmarks/bench_store.py                      # 1,000,000 figures in a temporary SQLite file
    python benchmarks/bench_store.py --db postgresql://analyzer:analyzer@localhost/analyzer_test --figures 200000
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.analysis.timeline import build_timeline  # noqa: E402
from analyzer.io.writers import format_table  # noqa: E402
from analyzer.records import Document, Figure, Mention, Period, Record  # noqa: E402
from analyzer.store import StoredRecord, open_store  # noqa: E402
from analyzer.store.ingest import ingest  # noqa: E402
from analyzer.store.base import FigureQuery  # noqa: E402

METRICS = [f"指标{i:03d}贷款余额" for i in range(199)] + ["普惠小微贷款余额"]
SOURCES = ["经济日报", "新华社", "人民日报", "金融时报", "中国证券报", "证券时报", "第一财经", "财新", "中国人民银行网站",
           "国家金融监督管理总局网站", "上海证券报", "21世纪经济报道"]
QUARTER_ENDS = [dt.date(y, m, d).isoformat() for y in range(2015, 2026) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
FIGURES_PER_DOC = 10


def synthetic_record(n: int, rng: random.Random) -> Record:
    """Document ``n``: ten sentences, each with one level figure of a random metric at a random quarter end."""
    published = (dt.date(2015, 1, 1) + dt.timedelta(days=n % 4000)).isoformat()
    parts, figures = [], []
    offset = 0
    for _ in range(FIGURES_PER_DOC):
        metric, period = rng.choice(METRICS), rng.choice(QUARTER_ENDS)
        amount = f"{rng.randint(100, 4000) / 100:.2f}"
        head = f"截至{period}，{metric}达"
        sentence = f"{head}{amount}万亿元。"
        start = offset + len(head)
        figures.append(Figure(text=f"{amount}万亿元", start=start, end=start + len(amount) + 3,
                              value=Decimal(amount) * 10 ** 12, unit="CNY", measure="level",
                              metric=metric, period=Period(period, period),
                              links={"sectors": ["小微企业"], "policy_tools": [], "institutions": []}))
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts) + "中国人民银行加大再贷款支持小微企业。"
    base = offset
    mentions = {"institutions": [Mention("中国人民银行", base, base + 6, "中国人民银行")],
                "policy_tools": [Mention("再贷款", base + 8, base + 11, "再贷款")],
                "sectors": [Mention("小微企业", base + 13, base + 17, "小微企业")]}
    document = Document(id=f"synthetic-{n:07d}", text=text, title=f"合成文档{n}", source=SOURCES[n % len(SOURCES)],
                        published=published, kind="news")
    return Record(document=document, figures=figures, **mentions)


def bench_bulk_write(store, figures: int, batch: int) -> dict:
    rng = random.Random(42)
    docs = figures // FIGURES_PER_DOC
    started = time.perf_counter()
    written = 0
    for first in range(0, docs, batch):
        records = [synthetic_record(n, rng) for n in range(first, min(docs, first + batch))]
        written += store.write([StoredRecord(r, f"hash-{r.document.id}", "synthetic") for r in records]).figures
        if first // batch % 20 == 0:
            print(f"  … {written:,} figures written", file=sys.stderr)
    seconds = time.perf_counter() - started
    return {"step": f"bulk write ({batch} docs/transaction)", "documents": f"{docs:,}", "figures": f"{written:,}",
            "seconds": f"{seconds:.1f}", "throughput": f"{written / seconds:,.0f} figures/s, {docs / seconds:,.0f} docs/s"}


def bench_timeline(store, metric: str, runs: int = 5) -> dict:
    timings, rows = [], None
    for _ in range(runs):
        started = time.perf_counter()
        rows = build_timeline(store.timeline_rows(metric), None, metric).rows
        timings.append(time.perf_counter() - started)
    reports = sum(r["figures"] for r in rows)
    return {"step": f"timeline {metric}", "documents": "", "figures": f"{reports:,}",
            "seconds": f"{statistics.median(timings):.3f}",
            "throughput": f"median of {runs}; {len(rows)} periods"}


def bench_query(store, label: str, query: FigureQuery, runs: int = 5) -> dict:
    """``analyzer query`` as the CLI runs it: every matching row, with document, sentence and offsets."""
    timings, count = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        count = sum(1 for _ in store.iter_figures(query))
        timings.append(time.perf_counter() - started)
    return {"step": f"query {label}", "documents": "", "figures": f"{count:,}",
            "seconds": f"{statistics.median(timings):.3f}", "throughput": f"median of {runs}"}


def bench_pipeline_ingest(copies: int, workers: int, tmp: Path) -> dict:
    """Ingest ``copies`` renamed copies of each gold corpus text through the real pipeline."""
    inputs = tmp / "pipeline-inputs.jsonl"
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").rglob("*.json"))]
    chars = copies * sum(len(data["text"]) for data in gold)
    with inputs.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for data in gold:
                doc = {**data["doc"], "id": f"{data['doc']['id']}-{copy}"}
                out.write(json.dumps({"doc": doc, "text": data["text"]}, ensure_ascii=False) + "\n")
    db = tmp / f"pipeline-{workers}.db"
    with open_store(str(db)) as store:
        started = time.perf_counter()
        summary = ingest(store, [str(inputs)], workers=workers, keep_same_text=True)  # copies: every one analyzed
        seconds = time.perf_counter() - started
    return {"step": f"pipeline ingest, {workers} worker{'s' if workers > 1 else ''}",
            "documents": f"{summary.added:,}", "figures": f"{summary.figures:,}", "seconds": f"{seconds:.1f}",
            "throughput": f"{summary.added / seconds:,.1f} docs/s, {chars / seconds:,.0f} chars/s (failed {summary.failed})"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--figures", type=int, default=1_000_000, help="figures to synthesize (default 1,000,000)")
    parser.add_argument("--batch", type=int, default=1000, help="documents per write transaction")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--pipeline-copies", type=int, default=5, help="copies of the gold corpus to ingest (0: skip)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or str(Path(tmp) / "bench.db")
        with open_store(url) as store:
            if store.counts()["figures"]:
                sys.exit(f"{store.display_url} is not empty; give an empty database")
            rows.append(bench_bulk_write(store, args.figures, args.batch))
            counts = store.counts()
            for metric in ("普惠小微贷款余额", METRICS[7]):
                rows.append(bench_timeline(store, metric))
            rows.append(bench_query(store, "--metric 普惠小微贷款余额", FigureQuery(metric="普惠小微贷款余额")))
            rows.append(bench_query(store, "--sector 小微企业 --published-from 2025-01-01 --limit 1000",
                                    FigureQuery(sector="小微企业", published_from="2025-01-01", limit=1000)))
            size = Path(store.engine.url.database).stat().st_size / 2**20 if store.backend == "sqlite" else None
        if args.pipeline_copies:
            for workers in sorted({1, args.workers}):
                rows.append(bench_pipeline_ingest(args.pipeline_copies, workers, Path(tmp)))
    print(f"store: {store.backend}, {counts['figures']:,} figures, {counts['documents']:,} documents"
          + (f", {size:,.0f} MiB" if size else "") + f"; {os.cpu_count()} CPUs")
    print(format_table(rows, ["step", "documents", "figures", "seconds", "throughput"], max_width=60))


if __name__ == "__main__":
    main()
