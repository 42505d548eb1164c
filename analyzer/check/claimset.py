"""Score the claim checker on a claim set: one JSON object a line with ``claim``, ``published``, the expected
``verdict`` of the whole claim and, for contradictions, the expected ``slip``; optionally ``source_doc``, the id
of the document the claim's truth was read from (a corpus gold document, or an id from ``../shared/data/*.jsonl``,
which ``claim_set_store`` loads), and a ``note``.

A claim's verdict is its worst figure's: contradicted if any figure is, else unverifiable if any is, else supported
(a claim in which the analyzer finds no figure counts as unverifiable).
"""
from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.check.claims import VERDICTS, Verdict, check_claim
from analyzer.check.slips import SLIPS
from analyzer.errors import InputError
from analyzer.extract.periods import parse_iso_date
from analyzer.io.gold import RESERVED_IDS
from analyzer.store import open_store
from analyzer.store.ingest import ingest
from analyzer.store.references import import_references


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
    by_slip: dict[str, list[int]] = field(default_factory=dict)  # expected slip → [correct, total]
    misses: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.verdict_correct / self.total if self.total else 0.0

    @property
    def slip_accuracy(self) -> float:
        return self.slip_correct / self.slip_total if self.slip_total else 0.0

    def to_dict(self, misses: bool = True) -> dict:
        out = {"claims": self.total, "verdict_accuracy": round(self.accuracy, 4),
               "slips": self.slip_total, "slip_accuracy": round(self.slip_accuracy, 4),
               "by_slip": {k: {"correct": c, "total": t} for k, (c, t) in sorted(self.by_slip.items())},
               "confusion": self.confusion}
        if misses:
            out["misses"] = self.misses
        return out

    def lines(self, misses: bool = True) -> list[str]:
        """The score as text; ``misses=False`` leaves the missed claims out (for a held-out half)."""
        out = [f"claims: {self.total}   verdict accuracy: {self.accuracy:.3f} ({self.verdict_correct}/{self.total})",
               f"slips:  {self.slip_total}   slip accuracy:    {self.slip_accuracy:.3f} "
               f"({self.slip_correct}/{self.slip_total})", "", "expected \\ got   supported  contradicted  unverifiable"]
        for want in ("supported", "contradicted", "unverifiable"):
            row = self.confusion.get(want, {})
            out.append(f"{want:<16} {row.get('supported', 0):>9}  {row.get('contradicted', 0):>12}  "
                       f"{row.get('unverifiable', 0):>12}")
        if self.by_slip:
            out.append("")
            out.append("slip               correct / expected")
            out += [f"{name:<18} {c:>7} / {t}" for name, (c, t) in sorted(self.by_slip.items())]
        for miss in self.misses if misses else ():
            out.append(f"  miss {miss['id']}: expected {miss['expected']}, got {miss['got']} — {miss['claim']}")
        return out


def load_claims(path: str | Path) -> list[dict]:
    """The claims of a JSON Lines file; a bad line is an ``InputError`` naming FILE:LINE."""
    claims, errors = read_claims(path)
    if errors:
        raise errors[0]
    return claims


def read_claims(path: str | Path) -> tuple[list[dict], list[InputError]]:
    """The good claims of a JSON Lines file, and an ``InputError`` naming FILE:LINE for each bad line, so one bad
    line costs only itself. A file that cannot be read is an ``InputError``."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the claim set: {error}") from None
    claims, errors = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            claims.append(_claim_of_line(line, f"{path}:{number}"))
        except InputError as error:
            errors.append(error)
    return claims, errors


def _claim_of_line(line: str, where: str) -> dict:
    """One line's claim: a JSON object with a non-blank string ``claim``, a known ``verdict``, a known ``slip``
    (or none) and a ``published`` date (or none)."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(where, f"not JSON: {error.msg}") from None
    except RecursionError:  # these two were tracebacks
        raise InputError(where, "not JSON that can be read: nested too deeply") from None
    except ValueError:  # the one other ValueError of json.loads: Python's limit on int()
        raise InputError(where, f"not JSON that can be read: an integer of more than "
                                f"{sys.get_int_max_str_digits():,} digits") from None
    if not isinstance(item, dict) or not isinstance(item.get("claim"), str) or not item["claim"].strip() \
            or item.get("verdict") not in VERDICTS:
        raise InputError(where, f"a claim needs 'claim' (text) and 'verdict' ({', '.join(VERDICTS)})")
    slip, published = item.get("slip"), item.get("published")
    if slip is not None and slip not in SLIPS:
        raise InputError(where, f"'slip' is one of {', '.join(SLIPS)} or null, not {slip!r}")
    if published is not None and (not isinstance(published, str) or parse_iso_date(published) is None):
        raise InputError(where, f"'published' {published!r} is not a date like 2025-05-26")
    return item


SPLITS = ("dev", "test")


def claims_of_split(claims: list[dict], split: str | None) -> list[dict]:
    """The claims whose ``split`` is ``split`` (all of them for ``None``); an unknown split is an ``InputError``."""
    if split is None:
        return claims
    if split not in SPLITS:
        raise InputError(split, f"a split is one of {', '.join(SPLITS)}")
    return [c for c in claims if c.get("split") == split]


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
            tally = score.by_slip.setdefault(want_slip, [0, 0])
            tally[0] += ok and slip == want_slip
            tally[1] += 1
        held_out = item.get("split") == "test"  # its misses are never shown: rules are written on dev only
        if not held_out and (not ok or (want_slip and slip != want_slip)):
            score.misses.append({"id": item.get("id"), "claim": item["claim"],
                                 "expected": f"{want}/{want_slip}" if want_slip else want,
                                 "got": f"{verdict}/{slip}" if slip else verdict})
    return score


def shared_documents(directory: str | Path, ids: set[str]) -> list[dict]:
    """The JSON objects with these ids from the ``*.jsonl`` files in ``directory`` (read in place, one pass)."""
    found = []
    for path in sorted(Path(directory).glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                head = line[:80]
                if not any(f'"{doc_id}"' in head for doc_id in ids):
                    continue
                item = json.loads(line)
                if item.get("id") in ids:
                    found.append(item)
    return found


def claim_set_store(claims: list[dict], directory: str, corpus: str | None = None, shared_data: str | None = None,
                    references: list[str] | None = None):
    """A fresh SQLite store with the corpus, the shared-data documents the claims name (``source_doc``) and
    the reference tables: what a claim set is scored against. Ids found nowhere are reported on stderr."""
    store = corpus_store(corpus, directory) if corpus else _empty_store(directory)
    wanted = {c["source_doc"] for c in claims if c.get("source_doc") not in (None, "", "none")}
    wanted -= set(store.known_documents())
    reserved = wanted & RESERVED_IDS
    if reserved:
        print(f"Note: not loading ids reserved for outside evaluation: {', '.join(sorted(reserved))}", file=sys.stderr)
    wanted -= RESERVED_IDS
    if shared_data and wanted:
        documents = shared_documents(shared_data, wanted)
        path = Path(directory) / "shared-documents.jsonl"
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8")
        if documents:
            ingest(store, [str(path)])
        wanted -= {d["id"] for d in documents}
    if wanted:
        print(f"Note: source documents not found: {', '.join(sorted(wanted))}", file=sys.stderr)
    for reference in references or []:
        import_references(store, reference, Path(reference).stem, "official")
    return store


def _empty_store(directory: str):
    return open_store(str(Path(directory) / "claims.db"))


def corpus_store(corpus: str | Path, directory: str | None = None):
    """A fresh SQLite store holding ``corpus`` as the analyzer reads it (documents analyzed by the pipeline)."""
    directory = directory or tempfile.mkdtemp(prefix="claimset-")
    store = open_store(str(Path(directory) / "corpus.db"))
    ingest(store, [str(corpus)])
    return store
