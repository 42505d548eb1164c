"""Options that travel together through the pipeline, the CLI and the store."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB_ENV = "ANALYZER_DB"


def default_db_url() -> str:
    """``$ANALYZER_DB`` if set, else ``analyzer.db`` in the current directory (SQLite)."""
    return os.environ.get(DEFAULT_DB_ENV) or f"sqlite:///{Path('analyzer.db').resolve()}"


DEFAULT_MAX_DOCUMENT_BYTES = 2 * 2**20  # about 700,000 Chinese characters; analysis needs ~70 MB per MB
DEFAULT_TIME_LIMIT = 300.0  # seconds of analysis for one document in ``ingest`` (0: no limit)


@dataclass(frozen=True)
class Settings:
    """Pipeline options. ``links`` adds figure→mention links; ``candidates`` reports unknown tool-like names;
    ``max_document_bytes`` caps one input document; ``time_limit`` caps the analysis of one document in
    ``ingest`` (seconds, 0 for none)."""
    links: bool = True
    candidates: bool = False
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    time_limit: float = DEFAULT_TIME_LIMIT
