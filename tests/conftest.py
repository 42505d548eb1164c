"""Shared fixtures: one pipeline for the whole run, gold corpus loading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data"


def gold_files(part: str | None = None) -> list[Path]:
    """Gold files of a part (dev, test, real, real/dev …) or all; outside-text gold only where its texts are."""
    from analyzer.io.gold import find_texts_dir
    base = CORPUS / part if part else CORPUS
    files = sorted(base.rglob("*.json"))
    if find_texts_dir(CORPUS) is None:
        files = [path for path in files if "real" not in path.relative_to(CORPUS).parts]
    return files


def load_gold(path: Path) -> dict:
    """A gold record; one of outside text (corpus/real) gets its text back from ../shared/data."""
    from analyzer.io.gold import find_texts_dir, join_text
    return join_text(json.loads(path.read_text(encoding="utf-8")), find_texts_dir(path))


@pytest.fixture(scope="session")
def pipeline():
    from analyzer.pipeline import Pipeline
    return Pipeline()
