"""The s17 probe set (tests/claims/probe-s17.jsonl): journalists' paraphrases of real-gold dev and corpus/dev documents
(scope words, synonyms of a statistic, periods written otherwise, rounded numbers, a part named apart, a source
clause, 分别 lists) and variants of the W6 dev batch's misses. A regression set, not an independent measure: its
score is held at what the s17 rows reach."""
from __future__ import annotations

from pathlib import Path

from conftest import assert_claim_set_floor

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "claims" / "probe-s17.jsonl"
FLOOR = {"verdict_accuracy": 0.95, "slip_accuracy": 0.81}


def test_probe_s17_holds_its_floor(tmp_path):
    assert_claim_set_floor(PROBE, tmp_path, FLOOR)
