"""Claim checking: consistency checks within one text, and verdicts for a claim against the store.

    >>> from analyzer.check import check_consistency, check_claim
"""
from __future__ import annotations

from analyzer.check.claims import Evidence, Verdict, check_claim
from analyzer.check.consistency import ConsistencyResult, check_consistency

__all__ = ["ConsistencyResult", "Evidence", "Verdict", "check_claim", "check_consistency"]
