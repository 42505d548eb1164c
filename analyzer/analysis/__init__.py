"""Analysis built on extraction and on the store's public API (the store only stores and reads): a metric's series
over time (``timeline``), mentions per period (``trends``), their charts (``plot``, matplotlib) and names missing
from the taxonomy across documents (``candidates``).

    >>> from analyzer.analysis.timeline import metric_timeline
    >>> from analyzer.analysis.trends import mention_trends
    >>> metric_timeline(open_store(), "普惠小微贷款余额")      # one row per period, with disagree/sources
    >>> mention_trends(open_store(), "tool", "quarter", top=10)

Nothing is imported here, so that a module's users load only what it needs (pandas for ``trends``).
"""
