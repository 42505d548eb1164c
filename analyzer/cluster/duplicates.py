"""``--on-duplicate`` across partitions: decided on the client, before any partition is analyzed.

Every partition is first *scanned* (by a worker: read, validated and hashed, not analyzed): the scan lists
``(position, doc_id, content digest, text digest, origin, file, line)`` (``Entry``) of each input that would
reach analysis, ``position`` being
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

from analyzer.store.ingest import DUPLICATE_POLICIES

KNOWN_CHUNK = 1000  # doc ids per lookup statement

FAIL = "fail"              # reported as an error, not stored (--on-duplicate error)
SKIP = "skip"              # left out, counted as skipped (--on-duplicate skip)
SUPERSEDED = "superseded"  # a later input of the same id wins (--on-duplicate replace): left out, counted as skipped
UNCHANGED = "unchanged"    # replace: what this input holds is stored already or by an earlier input: counted unchanged
SAME_TEXT = "same_text"    # another id holds its text: left out, its line reported, counted as same text skipped

# (position in the partition, doc_id, content digest, text digest, origin, file, line): the digests are SHA-256 as
# 32 bytes, not 64 hex characters, and the input was read at ``file`` (line None) or ``file:line`` (``where_of``);
# a worker hands every input of a file the same origin and file strings, so they travel and stay once a partition
# (s25-dask2: the client held about 1.2 KB an input, with hex digests and a ``where`` string each)
Entry = tuple[int, str, bytes, bytes, "str | None", str, "int | None"]
Holder = tuple[str, "str | None"]  # (doc id, where it was read or its origin) of the input or document holding a text
# (FAIL, the error line), (SAME_TEXT, the holder: the task writes the line, one holder tuple shared by every input
# of that text) or (SKIP | SUPERSEDED | UNCHANGED, "")
Decision = tuple[str, "str | Holder"]
StoredTexts = dict[bytes, list[tuple[str, "str | None"]]]  # text digest → (doc_id, origin) of stored documents
Stored = dict[str, tuple["bytes | str", str, "str | None"]]  # doc id → (content digest, extractor version, origin)


def split_where(where: str) -> tuple[str, int | None]:
    """``where`` as ``(file, line)``: ``FILE:LINE`` (a line number written as ``str(int)`` writes it) or
    ``(where, None)``; ``where_of`` gives back exactly ``where``."""
    head, sep, tail = where.rpartition(":")
    if sep and tail.isascii() and tail.isdigit() and str(int(tail)) == tail:
        return head, int(tail)
    return where, None


def where_of(entry: Entry) -> str:
    """Where the input of ``entry`` was read (``FILE:LINE``, ``FILE[N]`` or ``FILE``)."""
    file, line = entry[5], entry[6]
    return file if line is None else f"{file}:{line}"


def digest_bytes(digest: str | None) -> bytes | str | None:
    """A stored hex digest as the scans hold it (32 bytes); anything else as it is (it then equals no scan's)."""
    try:
        return bytes.fromhex(digest) if isinstance(digest, str) and len(digest) == 64 else digest
    except ValueError:
        return digest


@dataclass
class DuplicatePlan:
    """What each partition does with its repeated ids: ``decisions[partition index][position]``."""
    decisions: dict[int, dict[int, Decision]] = field(default_factory=dict)

    def for_partition(self, index: int) -> dict[int, Decision]:
        return self.decisions.get(index, {})

    def count(self, kind: str) -> int:
        return sum(1 for part in self.decisions.values() for what, _ in part.values() if what == kind)


def stored_state(store, doc_ids: Iterable[str]) -> Stored:
    """``doc_id → (content digest, extractor_version, origin)`` of those of ``doc_ids`` already in ``store``
    (looked up in chunks: the client holds the run's ids, not the whole store)."""
    from analyzer.store import schema
    from analyzer.store.base import stored_origin
    d = schema.documents.c
    ids, state = sorted(set(doc_ids)), {}
    with store.engine.connect() as connection:
        for first in range(0, len(ids), KNOWN_CHUNK):
            rows = connection.execute(sa.select(d.doc_id, d.content_hash, d.extractor_version, d.origin, d.kind,
                                                d.meta).where(d.doc_id.in_(ids[first:first + KNOWN_CHUNK])))
            state.update((doc_id, (digest_bytes(digest), version, stored_origin(origin, kind, meta)))
                         for doc_id, digest, version, origin, kind, meta in rows)
    return state


class SameTexts:
    """The first holder of each text in the run, then in the store; ``None`` keeps every input (--keep-same-text)."""

    def __init__(self, stored: StoredTexts | None):
        self.stored = stored
        self.first: dict[bytes, Entry] = {}  # text digest → the run's first input holding it (no copy of it)
        self.holders: dict[bytes, Holder] = {}  # text digest → the first input's holder, once a later input needs it

    def holder(self, entry: Entry) -> Holder | None:
        """``(doc_id, file)`` of another id that holds the text of ``entry``, or None (then this input holds it)."""
        if self.stored is None:
            return None
        doc_id, digest = entry[1], entry[3]
        first = self.first.get(digest)
        if first is not None:
            holder = self.holders.get(digest) or self.holders.setdefault(digest, (first[1], where_of(first)))
        else:
            holder = next(((other, origin) for other, origin in self.stored.get(digest, []) if other != doc_id),
                          None)
        if holder is None or holder[0] == doc_id:
            self.first.setdefault(digest, entry)
            return None
        return holder


class Replaced:
    """``--on-duplicate replace``: every admitted input of each id, so that only the one ``ingest`` writes last
    is written (under error and skip an id is admitted once, so nothing is kept for it)."""

    def __init__(self, stored: Stored, version: str):
        self.stored, self.version = stored, version
        self.last: dict[str, bytes] = {}  # doc id → content digest of its last admitted input
        self.inputs: dict[str, list[tuple[int, int, bool]]] = {}  # doc id → (partition, position, changes the store)

    def changes(self, doc_id: str, digest: bytes) -> bool:
        if doc_id in self.last:
            return self.last[doc_id] != digest
        return _changes_store(self.stored, doc_id, digest, self.version)

    def admit(self, doc_id: str, digest: bytes, index: int, position: int, changes: bool) -> None:
        self.last[doc_id] = digest
        self.inputs.setdefault(doc_id, []).append((index, position, changes))

    def decide(self, plan: DuplicatePlan) -> None:
        for inputs in self.inputs.values():
            if len(inputs) > 1:
                _decide_replaced(plan, inputs)


def _changes_store(stored: Stored, doc_id: str, digest: bytes, version: str) -> bool:
    stored_digest, stored_version, _ = stored.get(doc_id, (None, None, None))
    return (stored_digest, stored_version) != (digest, version)


def plan_duplicates(scans: list[list[Entry]], policy: str, version: str, stored: Stored,
                    texts: StoredTexts | None = None) -> DuplicatePlan:
    """Decide every repeated id of ``scans`` (one list a partition, in input order) under ``policy``;
    ``stored`` is the store's state of those ids when the run began, ``version`` this run's extractor version;
    ``texts`` the stored documents holding the run's texts (``None``: keep inputs whose text another id holds)."""
    if policy not in DUPLICATE_POLICIES:
        raise ValueError(f"on_duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")
    plan = DuplicatePlan()
    seen: dict[str, Entry] = {}  # doc id → its first admitted input
    replaced = Replaced(stored, version) if policy == "replace" else None
    same = SameTexts(texts)
    for index, entries in enumerate(scans):
        for entry in entries:
            decision = _decide(entry, index, policy, seen, stored, version, same, replaced)
            if decision:
                plan.decisions.setdefault(index, {})[entry[0]] = decision
    if replaced:  # replace: only the input ``ingest`` writes last is written
        replaced.decide(plan)
    return plan


def _decide(entry: Entry, index: int, policy: str, seen: dict[str, Entry], stored: Stored, version: str,
            same: SameTexts, replaced: Replaced | None) -> Decision | None:
    """What ``entry`` does (None: it is written), exactly as ``Ingest._admit`` decides it."""
    position, doc_id, digest = entry[0], entry[1], entry[2]
    problem = _problem(entry, seen, stored, version)
    if problem and policy != "replace":
        return (SKIP, "") if policy == "skip" else (FAIL, _error_line(where_of(entry), problem))
    seen.setdefault(doc_id, entry)
    changes = replaced.changes(doc_id, digest) if replaced else _changes_store(stored, doc_id, digest, version)
    holder = same.holder(entry) if changes else None
    if holder:
        return SAME_TEXT, holder
    if replaced:
        replaced.admit(doc_id, digest, index, position, changes)
    return None


def _decide_replaced(plan: DuplicatePlan, inputs: list[tuple[int, int, bool]]) -> None:
    """Of one id's admitted inputs (replace), the last that changes the store is written; one that would
    find its content already there is unchanged, every other one is superseded by a later input."""
    writers = [n for n, (_, _, changes) in enumerate(inputs) if changes]
    last = writers[-1] if writers else None
    for n, (index, position, changes) in enumerate(inputs):
        if n != last:
            plan.decisions.setdefault(index, {})[position] = (SUPERSEDED, "") if changes else (UNCHANGED, "")


def _problem(entry: Entry, seen: dict[str, Entry], stored: Stored, version: str) -> str | None:
    """Why this input's id is a duplicate (``Ingest._duplicate``'s wording), or None."""
    doc_id, digest, origin = entry[1], entry[2], entry[4]
    if doc_id in seen:
        return f"id {doc_id!r} repeats the record at {where_of(seen[doc_id])}"
    stored_digest, stored_version, stored_from = stored.get(doc_id, (None, None, None))
    if stored_from and origin and stored_from != origin and (stored_digest, stored_version) != (digest, version):
        return f"id {doc_id!r} is already stored from another input, {stored_from}"
    return None


def _error_line(where: str, problem: str) -> str:
    return f"{where}: {problem} (ids must be unique: give each record its own id, or choose --on-duplicate skip|replace)"
