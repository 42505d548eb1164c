"""Claim checking: consistency checks within one text, and verdicts for a claim against the store.

    >>> from analyzer.check import check_claim, check_consistency
    >>> check_consistency("存款准备金率由2%降至1.75%，下调0.25个百分点。")
"""
from __future__ import annotations

from analyzer.check.claims import ClaimChecker, Evidence, Verdict, any_contradicted, check_claim
from analyzer.check.consistency import ConsistencyResult, check_consistency

__all__ = ["ClaimChecker", "ConsistencyResult", "Evidence", "Verdict", "any_contradicted", "check_claim",
           "check_consistency"]
