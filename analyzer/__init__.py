"""policy-analyzer: figures, policy tools, sectors and institutions from Chinese financial text.

    from analyzer import analyze
    record = analyze("截至2025年一季度末，普惠小微贷款余额达35.3万亿元", published="2025-05-26")
"""
from analyzer.errors import AnalyzerError, InputError
from analyzer.pipeline import Pipeline, analyze
from analyzer.records import Document, Figure, Mention, Period, Record
from analyzer.settings import Settings
from analyzer.taxonomy import load_taxonomy, metric_key


def load(settings: Settings | None = None):
    """The analyzer as a spaCy ``Language`` (``nlp.pipe(texts)``, ``nlp.pipe_names``, ``doc.spans["figures"]``).
    spaCy is imported on this call only (README, "Components")."""
    from analyzer.spacy_pipeline import load as _load
    return _load(settings)


def open_store(url: str | None = None):
    """Open the SQLite or PostgreSQL store (default: ``$ANALYZER_DB`` or ./analyzer.db); ``.figures()`` → DataFrame."""
    from analyzer.store import open_store as _open_store
    return _open_store(url)


__all__ = ["AnalyzerError", "Document", "Figure", "InputError", "Mention", "Period", "Pipeline", "Record", "Settings",
           "analyze", "load", "load_taxonomy", "metric_key", "open_store"]
