"""Options that travel together through the pipeline, the CLI and the store."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB_ENV = "ANALYZER_DB"


def default_db_url() -> str:
    """``$ANALYZER_DB`` if set, else ``analyzer.db`` in the current directory (SQLite)."""
    return os.environ.get(DEFAULT_DB_ENV) or f"sqlite:///{Path('analyzer.db').resolve()}"


@dataclass(frozen=True)
class Settings:
    """Pipeline options. ``links`` adds figure→mention links; ``candidates`` reports unknown tool-like names."""
    links: bool = True
    candidates: bool = False
