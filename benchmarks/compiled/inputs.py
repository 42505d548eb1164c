"""Write the fixed inputs of the compiled-build experiment (issue 17, s17-speed).

- ``archive400.jsonl``: the first 400 articles of ``../shared/data/rss_finance_news.jsonl``, reserved ids left
  out (the profile's and the paired timings' input, as the earlier rounds' profiles).
- ``sample300.jsonl``: 100 articles drawn from each file of ``../shared/data`` with ``random.Random(17).sample``,
  reserved ids left out (the identity check's input, as the earlier rounds').
- ``short.txt``: the shortest corpus text (the cold start's input, as ``run_all.py``'s).

Usage: python benchmarks/compiled/inputs.py OUT_DIR
"""
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
RESERVED = {"finnl-train-5196", "finnl-train-5803", "finnl-train-2980", "finnl-eval-233", "rss-1140",
            "rss-226", "rss-1624", "rss-615", "rss-1592", "rss-43"}


def _lines(path: Path) -> list[str]:
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line).get("id") not in RESERVED:
            kept.append(line)
    return kept


def _shortest_corpus_text() -> str:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for part in ("dev", "test") for p in sorted((ROOT / "corpus" / part).glob("*.json"))]
    return min(texts, key=len)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "archive400.jsonl").write_text(
        "\n".join(_lines(DATA / "rss_finance_news.jsonl")[:400]) + "\n", encoding="utf-8")
    sample = []
    for path in sorted(DATA.glob("*.jsonl")):
        sample += random.Random(17).sample(_lines(path), 100)
    (out / "sample300.jsonl").write_text("\n".join(sample) + "\n", encoding="utf-8")
    (out / "short.txt").write_text(_shortest_corpus_text(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
