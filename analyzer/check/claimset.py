"""Score the claim checker on a claim set: one JSON object a line with ``claim``, ``published``, the expected
``verdict`` of the whole claim and, for contradictions, the expected ``slip``.

A claim's verdict is its worst figure's: contradicted if any figure is, else unverifiable if any is, else supported
(a claim in which the analyzer finds no figure counts as unverifiable).
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.check.claims import Verdict, check_claim


def claim_verdict(verdicts: list[Verdict]) -> tuple[str, str | None]:
    for name in ("contradicted", "unverifiable"):
        hits = [v for v in verdicts if v.verdict == name]
        if hits:
            return name, hits[0].slip
    return ("supported", None) if verdicts else ("unverifiable", None)


@dataclass
class ClaimSetScore:
    total: int = 0
    verdict_correct: int = 0
    slip_total: int = 0
    slip_correct: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.verdict_correct / self.total if self.total else 0.0

    @property
    def slip_accuracy(self) -> float:
        return self.slip_correct / self.slip_total if self.slip_total else 0.0

    def to_dict(self) -> dict:
        return {"claims": self.total, "verdict_accuracy": round(self.accuracy, 4),
                "slips": self.slip_total, "slip_accuracy": round(self.slip_accuracy, 4),
                "confusion": self.confusion, "misses": self.misses}

    def lines(self) -> list[str]:
        out = [f"claims: {self.total}   verdict accuracy: {self.accuracy:.3f} ({self.verdict_correct}/{self.total})",
               f"slips:  {self.slip_total}   slip accuracy:    {self.slip_accuracy:.3f} "
               f"({self.slip_correct}/{self.slip_total})", "", "expected \\ got   supported  contradicted  unverifiable"]
        for want in ("supported", "contradicted", "unverifiable"):
            row = self.confusion.get(want, {})
            out.append(f"{want:<16} {row.get('supported', 0):>9}  {row.get('contradicted', 0):>12}  "
                       f"{row.get('unverifiable', 0):>12}")
        for miss in self.misses:
            out.append(f"  miss {miss['id']}: expected {miss['expected']}, got {miss['got']} — {miss['claim']}")
        return out


def load_claims(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def score_claims(claims: list[dict], store, lang: str = "zh") -> ClaimSetScore:
    score = ClaimSetScore()
    for item in claims:
        verdict, slip = claim_verdict(check_claim(item["claim"], store, published=item.get("published"), lang=lang))
        want, want_slip = item["verdict"], item.get("slip")
        score.total += 1
        score.confusion.setdefault(want, {}).setdefault(verdict, 0)
        score.confusion[want][verdict] += 1
        ok = verdict == want
        score.verdict_correct += ok
        if want == "contradicted" and want_slip:
            score.slip_total += 1
            score.slip_correct += ok and slip == want_slip
        if not ok or (want_slip and slip != want_slip):
            score.misses.append({"id": item.get("id"), "claim": item["claim"],
                                 "expected": f"{want}/{want_slip}" if want_slip else want,
                                 "got": f"{verdict}/{slip}" if slip else verdict})
    return score


def corpus_store(corpus: str | Path, directory: str | None = None):
    """A fresh SQLite store holding ``corpus`` as the analyzer reads it (documents analyzed by the pipeline)."""
    from analyzer.store import open_store
    from analyzer.store.ingest import ingest
    directory = directory or tempfile.mkdtemp(prefix="claimset-")
    store = open_store(str(Path(directory) / "corpus.db"))
    ingest(store, [str(corpus)])
    return store
