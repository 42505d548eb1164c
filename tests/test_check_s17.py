"""The s17 probe set (tests/claims/probe-s17.jsonl): journalists' paraphrases of real-gold dev and corpus/dev documents
(scope words, synonyms of a statistic, periods written otherwise, rounded numbers, a part named apart, a source
clause, 分别 lists) and variants of the W6 dev batch's misses. A regression set, not an independent measure: its
score is held at what the s17 rows reach."""
from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.check.claimset import claim_set_store, load_claims, score_claims

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "claims" / "probe-s17.jsonl"
SHARED_DATA = ROOT.parent / "shared" / "data"
FLOOR = {"verdict_accuracy": 0.95, "slip_accuracy": 0.81}


def test_probe_s17_holds_its_floor(tmp_path):
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is needed for this claim set")
    claims = load_claims(PROBE)
    store = claim_set_store(claims, str(tmp_path), corpus=str(ROOT / "corpus"), shared_data=str(SHARED_DATA))
    try:
        score = score_claims(claims, store)
    finally:
        store.close()
    report = "\n".join(score.lines())
    assert score.accuracy >= FLOOR["verdict_accuracy"], report
    assert score.slip_accuracy >= FLOOR["slip_accuracy"], report
