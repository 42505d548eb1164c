"""The carry-over audits of metric names (``models/metric-boundary/audit-*.json``) scored with the rules alone and
with the rules plus the experimental metric boundary model (``model.metric_boundary.score_audit``): metrics right
of the figures matched, and figures annotated. Scoring only: the audits' errors are not read for rules.

    python benchmarks/metric_audits.py [MODEL_DIR] [DATA_DIR]   # defaults: models/metric-boundary, ../shared/data

The audited texts are read from the archive by id (each checked against the audit's sha256).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzer.extract.metric_boundary import add_metric_boundary  # noqa: E402
from analyzer.io.gold import RESERVED_IDS  # noqa: E402
from analyzer.model.metric_boundary import score_audit  # noqa: E402
from analyzer.pipeline import Pipeline  # noqa: E402


def archive_texts(data_dir: Path, ids: set[str]) -> dict[str, str]:
    """The text of each of ``ids`` in the archive's JSON Lines files (never a reserved id)."""
    wanted, found = ids - RESERVED_IDS, {}
    for path in sorted(data_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if item["id"] in wanted:
                    found[item["id"]] = item.get("text") or ""
    return found


def main(argv: list[str]) -> None:
    model = Path(argv[0]) if argv else ROOT / "models" / "metric-boundary"
    data_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    audits = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(model.glob("audit-*.json"))}
    texts = archive_texts(data_dir, {doc for audit in audits.values() for doc in audit["documents"]})
    pipelines = {"rules": Pipeline(), "rules + model": add_metric_boundary(Pipeline(), model)}
    print("| audit | " + " | ".join(pipelines) + " |")
    print("|---|" + "---:|" * len(pipelines))
    for name, audit in audits.items():
        scores = [score_audit(audit, pipeline, texts) for pipeline in pipelines.values()]
        print(f"| {name} | " + " | ".join(f"{right}/{matched} ({total} annotated)" for right, matched, total in scores)
              + " |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
