"""Shared fixtures: one pipeline for the whole run, gold corpus loading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data"


def gold_files(part: str | None = None) -> list[Path]:
    base = CORPUS / part if part else CORPUS
    return sorted(base.rglob("*.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pipeline():
    from analyzer.pipeline import Pipeline
    return Pipeline()
