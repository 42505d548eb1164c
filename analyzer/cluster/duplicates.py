"""``--on-duplicate`` across partitions: decided on the client, before any partition is analyzed.

Every partition is first *scanned* (by a worker: read, validated and hashed, not analyzed): the scan lists
``(position, doc_id, content_hash, where, origin)`` of each input that would reach analysis, ``position`` being
its place in the partition's stream of inputs. The client walks the scans in input order (partition order,
which is the order ``analyzer ingest`` reads the inputs in) and decides, exactly as ``ingest`` does, what each
repeated id does; each partition task then gets only the decisions for its own positions. So

- the decision never depends on which task finishes first, or on how often a task runs: a retried task
  applies the same decisions and never meets "its own" earlier write as a duplicate;
- in one run, only one input of an id is ever written, so two workers never race on a duplicate id (the
  advisory locks and idempotent writes in ``tasks`` still cover retried and duplicated tasks and other runs).

The same walk decides "one file, one document": an input whose text is held under another id, by an earlier
input of the run or by a stored document (looked up by ``documents.text_hash``), is left out with
``ingest``'s line (``SAME_TEXT``), unless the run keeps same texts.

The rules mirror ``analyzer.store.ingest.Ingest._admit`` (the tests compare both engines' results and errors).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from analyzer.store.ingest import DUPLICATE_POLICIES, same_text_line

KNOWN_CHUNK = 1000  # doc ids per lookup statement

FAIL = "fail"              # reported as an error, not stored (--on-duplicate error)
SKIP = "skip"              # left out, counted as skipped (--on-duplicate skip)
SUPERSEDED = "superseded"  # a later input of the same id wins (--on-duplicate replace): left out, counted as skipped
UNCHANGED = "unchanged"    # replace: what this input holds is stored already or by an earlier input: counted unchanged
SAME_TEXT = "same_text"    # another id holds its text: left out, its line reported, counted as same text skipped

# (position in the partition, doc_id, content hash, where, origin, text hash)
Entry = tuple[int, str, str, str, "str | None", str]
Decision = tuple[str, str]  # (FAIL, the error line), (SAME_TEXT, the line) or (SKIP | SUPERSEDED | UNCHANGED, "")
StoredTexts = dict[str, list[tuple[str, "str | None"]]]  # text hash → (doc_id, origin) of stored documents


@dataclass
class DuplicatePlan:
    """What each partition does with its repeated ids: ``decisions[partition index][position]``."""
    decisions: dict[int, dict[int, Decision]] = field(default_factory=dict)

    def for_partition(self, index: int) -> dict[int, Decision]:
        return self.decisions.get(index, {})

    def count(self, kind: str) -> int:
        return sum(1 for part in self.decisions.values() for what, _ in part.values() if what == kind)


def stored_state(store, doc_ids: Iterable[str]) -> dict[str, tuple[str, str, str | None]]:
    """``doc_id → (content_hash, extractor_version, origin)`` of those of ``doc_ids`` already in ``store``
    (looked up in chunks: the client holds the run's ids, not the whole store)."""
    from analyzer.store import schema
    from analyzer.store.base import stored_origin
    d = schema.documents.c
    ids, state = sorted(set(doc_ids)), {}
    with store.engine.connect() as connection:
        for first in range(0, len(ids), KNOWN_CHUNK):
            rows = connection.execute(sa.select(d.doc_id, d.content_hash, d.extractor_version, d.origin, d.kind,
                                                d.meta).where(d.doc_id.in_(ids[first:first + KNOWN_CHUNK])))
            state.update((doc_id, (digest, version, stored_origin(origin, kind, meta)))
                         for doc_id, digest, version, origin, kind, meta in rows)
    return state


class SameTexts:
    """The first holder of each text in the run, then in the store; ``None`` keeps every input (--keep-same-text)."""

    def __init__(self, stored: StoredTexts | None):
        self.stored = stored
        self.first: dict[str, tuple[str, str]] = {}  # text hash → (doc id, where) of the run's first input

    def holder(self, doc_id: str, text_digest: str, where: str) -> tuple[str, str | None] | None:
        """``(doc_id, file)`` of another id that holds this text, or None (then this input holds it)."""
        if self.stored is None:
            return None
        first = self.first.get(text_digest)
        if first is None:
            first = next(((other, origin) for other, origin in self.stored.get(text_digest, []) if other != doc_id),
                         None)
        if first is None or first[0] == doc_id:
            self.first.setdefault(text_digest, (doc_id, where))
            return None
        return first


def plan_duplicates(scans: list[list[Entry]], policy: str, version: str,
                    stored: dict[str, tuple[str, str, str | None]], texts: StoredTexts | None = None) -> DuplicatePlan:
    """Decide every repeated id of ``scans`` (one list a partition, in input order) under ``policy``;
    ``stored`` is the store's state of those ids when the run began, ``version`` this run's extractor version;
    ``texts`` the stored documents holding the run's texts (``None``: keep inputs whose text another id holds)."""
    if policy not in DUPLICATE_POLICIES:
        raise ValueError(f"on_duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")
    plan = DuplicatePlan()
    seen: dict[str, str] = {}  # doc id → where its first admitted input was read
    admitted: dict[str, list[tuple[int, int, bool]]] = {}  # doc id → (partition, position, changes the store)
    known = {doc_id: (digest, stored_version) for doc_id, (digest, stored_version, _) in stored.items()}
    same = SameTexts(texts)
    for index, entries in enumerate(scans):
        for position, doc_id, digest, where, origin, text_digest in entries:
            problem = _problem(doc_id, digest, origin, seen, stored, version)
            if problem and policy != "replace":
                decision = (SKIP, "") if policy == "skip" else (FAIL, _error_line(where, problem))
                plan.decisions.setdefault(index, {})[position] = decision
                continue
            seen.setdefault(doc_id, where)
            changes = known.get(doc_id) != (digest, version)
            holder = same.holder(doc_id, text_digest, where) if changes else None
            if holder:
                plan.decisions.setdefault(index, {})[position] = (SAME_TEXT, same_text_line(where, *holder))
                continue
            known[doc_id] = (digest, version)
            admitted.setdefault(doc_id, []).append((index, position, changes))
    for inputs in admitted.values():  # replace: only the input ``ingest`` writes last is written
        if len(inputs) > 1:
            _decide_replaced(plan, inputs)
    return plan


def _decide_replaced(plan: DuplicatePlan, inputs: list[tuple[int, int, bool]]) -> None:
    """Of one id's admitted inputs (replace), the last that changes the store is written; one that would
    find its content already there is unchanged, every other one is superseded by a later input."""
    writers = [n for n, (_, _, changes) in enumerate(inputs) if changes]
    last = writers[-1] if writers else None
    for n, (index, position, changes) in enumerate(inputs):
        if n != last:
            plan.decisions.setdefault(index, {})[position] = (SUPERSEDED, "") if changes else (UNCHANGED, "")


def _problem(doc_id: str, digest: str, origin: str | None, seen: dict, stored: dict, version: str) -> str | None:
    """Why this input's id is a duplicate (``Ingest._duplicate``'s wording), or None."""
    if doc_id in seen:
        return f"id {doc_id!r} repeats the record at {seen[doc_id]}"
    stored_digest, stored_version, stored_from = stored.get(doc_id, (None, None, None))
    if stored_from and origin and stored_from != origin and (stored_digest, stored_version) != (digest, version):
        return f"id {doc_id!r} is already stored from another input, {stored_from}"
    return None


def _error_line(where: str, problem: str) -> str:
    return f"{where}: {problem} (ids must be unique: give each record its own id, or choose --on-duplicate skip|replace)"
