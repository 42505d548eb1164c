"""``--on-duplicate`` across partitions: decided on the client, before any partition is analyzed.

Every partition is first *scanned* (by a worker: read, validated and hashed, not analyzed): the scan (``Scan``,
column by column) holds the position, doc_id, content and text digests, origin and place read of each input that
would reach analysis, ``position`` being its place in the partition's stream of inputs. The client walks the
scans in input order (partition order, which is the order ``analyzer ingest`` reads the inputs in) and decides,
exactly as ``ingest`` does, what each repeated id does; each partition task then gets only the decisions for its
own positions. So

- the decision never depends on which task finishes first, or on how often a task runs: a retried task
  applies the same decisions and never meets "its own" earlier write as a duplicate;
- in one run, only one input of an id is ever written, so two workers never race on a duplicate id (the
  advisory locks and idempotent writes in ``tasks`` still cover retried and duplicated tasks and other runs).

The same walk decides "one file, one document": an input whose text is held under another id, by an earlier
input of the run or by a stored document (looked up by ``documents.text_hash``), is left out with
``ingest``'s line (``SAME_TEXT``), unless the run keeps same texts.

The rules mirror ``analyzer.store.ingest.Ingest._admit`` (the tests compare both engines' results and errors).

The client holds every scan while it decides, so what an input costs there counts (s25-dask2, ``tracemalloc``,
200,000 inputs): the scans are columns, and the walk keeps references (``ref``) to the first input of each id and
text, not copies; a same-text decision holds the holder's (id, file), shared by every input of that text, and the
task writes the line. About 400 bytes an input at the peak, from 900 to 1,000 before.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa

from analyzer.store.ingest import DUPLICATE_POLICIES

KNOWN_CHUNK = 1000  # doc ids per lookup statement

FAIL = "fail"              # reported as an error, not stored (--on-duplicate error)
SKIP = "skip"              # left out, counted as skipped (--on-duplicate skip)
SUPERSEDED = "superseded"  # a later input of the same id wins (--on-duplicate replace): left out, counted as skipped
UNCHANGED = "unchanged"    # replace: what this input holds is stored already or by an earlier input: counted unchanged
SAME_TEXT = "same_text"    # another id holds its text: left out, its line reported, counted as same text skipped

# one input of a scan, built as the walk reaches it: (position in the partition, doc_id, content digest, text
# digest, origin, file, line, ref); the digests are SHA-256 as 32 bytes, the input was read at ``file`` (line None)
# or ``file:line``, and ``ref`` (partition index << 32 | row) finds it again in the scans (``Scans``)
Entry = tuple[int, str, bytes, bytes, "str | None", str, "int | None", int]
Holder = tuple[str, "str | None"]  # (doc id, where it was read or its origin) of the input or document holding a text
# (FAIL, the error line), (SAME_TEXT, the holder: the task writes the line, one holder tuple shared by every input
# of that text) or (SKIP | SUPERSEDED | UNCHANGED, "")
Decision = tuple[str, "str | Holder"]
StoredTexts = dict[bytes, list[tuple[str, "str | None"]]]  # text digest → (doc_id, origin) of stored documents
Stored = dict[str, tuple["bytes | str", str, "str | None"]]  # doc id → (content digest, extractor version, origin)
NO_LINE = -1
ROW_BITS = 32


def split_where(where: str) -> tuple[str, int | None]:
    """``where`` as ``(file, line)``: ``FILE:LINE`` (a line number written as ``str(int)`` writes it) or
    ``(where, None)``; ``join_where`` gives back exactly ``where``."""
    head, sep, tail = where.rpartition(":")
    if sep and tail.isascii() and tail.isdigit() and str(int(tail)) == tail and int(tail) < 2**62:
        return head, int(tail)
    return where, None


def join_where(file: str, line: int | None) -> str:
    """Where an input was read (``FILE:LINE``, ``FILE[N]`` or ``FILE``) from its ``split_where`` parts."""
    return file if line is None else f"{file}:{line}"


@dataclass
class Scan:
    """One partition's scan, column by column: what the client needs to decide ``--on-duplicate`` and same texts.
    s25-dask2: the client held each input as a tuple of its own strings, hex digests and ``where`` (about 600 bytes
    an input); here an input is its id, 64 bytes of digests, two 8-byte numbers and two references to the origin
    and file strings, which a worker hands every input of a file once (pickle keeps them shared)."""
    positions: array = field(default_factory=lambda: array("q"))  # place in the partition's stream of inputs
    ids: list[str] = field(default_factory=list)
    digests: bytearray = field(default_factory=bytearray)  # content then text digest (SHA-256), 64 bytes an input
    origins: list = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    lines: array = field(default_factory=lambda: array("q"))  # NO_LINE: ``where`` is the file alone

    def add(self, position: int, doc_id: str, digest: bytes, text_digest: bytes, origin: str | None, where: str,
            strings: dict[str, str]) -> None:
        file, line = split_where(where)
        self.positions.append(position)
        self.ids.append(doc_id)
        self.digests += digest + text_digest
        self.origins.append(origin if origin is None else strings.setdefault(origin, origin))
        self.files.append(strings.setdefault(file, file))
        self.lines.append(NO_LINE if line is None else line)

    def __len__(self) -> int:
        return len(self.ids)

    def entry(self, row: int, ref: int) -> Entry:
        at, line = 64 * row, self.lines[row]
        return (self.positions[row], self.ids[row], bytes(self.digests[at:at + 32]),
                bytes(self.digests[at + 32:at + 64]), self.origins[row], self.files[row],
                None if line == NO_LINE else line, ref)

    def where(self, row: int) -> str:
        line = self.lines[row]
        return join_where(self.files[row], None if line == NO_LINE else line)

    def text_hashes(self) -> Iterator[str]:
        return (self.digests[at + 32:at + 64].hex() for at in range(0, len(self.digests), 64))


class Scans:
    """The run's scans in input order; an input's ``ref`` is ``partition index << 32 | row``."""

    def __init__(self, scans: list[Scan]):
        self.scans = scans

    def entries(self) -> Iterator[tuple[int, Entry]]:
        for index, scan in enumerate(self.scans):
            for row in range(len(scan)):
                yield index, scan.entry(row, index << ROW_BITS | row)

    def where(self, ref: int) -> str:
        return self.scans[ref >> ROW_BITS].where(ref & (2**ROW_BITS - 1))

    def doc_id(self, ref: int) -> str:
        return self.scans[ref >> ROW_BITS].ids[ref & (2**ROW_BITS - 1)]


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

    def __init__(self, stored: StoredTexts | None, scans: Scans):
        self.stored, self.scans = stored, scans
        self.first: dict[bytes, int] = {}  # text digest → ref of the run's first input holding it
        self.holders: dict[bytes, Holder] = {}  # text digest → the first input's holder, once a later input needs it

    def holder(self, entry: Entry) -> Holder | None:
        """``(doc_id, file)`` of another id that holds the text of ``entry``, or None (then this input holds it)."""
        if self.stored is None:
            return None
        doc_id, digest = entry[1], entry[3]
        first = self.first.get(digest)
        if first is not None:
            holder = self.holders.get(digest) or self.holders.setdefault(
                digest, (self.scans.doc_id(first), self.scans.where(first)))
        else:
            holder = next(((other, origin) for other, origin in self.stored.get(digest, []) if other != doc_id),
                          None)
        if holder is None or holder[0] == doc_id:
            self.first.setdefault(digest, entry[7])
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


def plan_duplicates(scans: list[Scan], policy: str, version: str, stored: Stored,
                    texts: StoredTexts | None = None) -> DuplicatePlan:
    """Decide every repeated id of ``scans`` (one a partition, in input order) under ``policy``;
    ``stored`` is the store's state of those ids when the run began, ``version`` this run's extractor version;
    ``texts`` the stored documents holding the run's texts (``None``: keep inputs whose text another id holds)."""
    if policy not in DUPLICATE_POLICIES:
        raise ValueError(f"on_duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")
    plan, walk = DuplicatePlan(), Walk(Scans(scans), policy, version, stored, texts)
    for index, entry in walk.scans.entries():
        decision = walk.decide(entry, index)
        if decision:
            plan.decisions.setdefault(index, {})[entry[0]] = decision
    if walk.replaced:  # replace: only the input ``ingest`` writes last is written
        walk.replaced.decide(plan)
    return plan


class Walk:
    """What the walk through the scans knows so far, and how it decides each input."""

    def __init__(self, scans: Scans, policy: str, version: str, stored: Stored, texts: StoredTexts | None):
        self.scans, self.policy, self.version, self.stored = scans, policy, version, stored
        self.seen: dict[str, int] = {}  # doc id → ref of its first admitted input
        self.replaced = Replaced(stored, version) if policy == "replace" else None
        self.same = SameTexts(texts, scans)

    def decide(self, entry: Entry, index: int) -> Decision | None:
        """What ``entry`` does (None: it is written), exactly as ``Ingest._admit`` decides it."""
        position, doc_id, digest = entry[0], entry[1], entry[2]
        problem = self.problem(entry)
        if problem and self.policy != "replace":
            if self.policy == "skip":
                return SKIP, ""
            return FAIL, _error_line(join_where(entry[5], entry[6]), problem)
        self.seen.setdefault(doc_id, entry[7])
        replaced = self.replaced
        changes = (replaced.changes(doc_id, digest) if replaced
                   else _changes_store(self.stored, doc_id, digest, self.version))
        holder = self.same.holder(entry) if changes else None
        if holder:
            return SAME_TEXT, holder
        if replaced:
            replaced.admit(doc_id, digest, index, position, changes)
        return None

    def problem(self, entry: Entry) -> str | None:
        """Why this input's id is a duplicate (``Ingest._duplicate``'s wording), or None."""
        doc_id, digest, origin = entry[1], entry[2], entry[4]
        if doc_id in self.seen:
            return f"id {doc_id!r} repeats the record at {self.scans.where(self.seen[doc_id])}"
        stored_digest, stored_version, stored_from = self.stored.get(doc_id, (None, None, None))
        if (stored_from and origin and stored_from != origin
                and (stored_digest, stored_version) != (digest, self.version)):
            return f"id {doc_id!r} is already stored from another input, {stored_from}"
        return None


def _decide_replaced(plan: DuplicatePlan, inputs: list[tuple[int, int, bool]]) -> None:
    """Of one id's admitted inputs (replace), the last that changes the store is written; one that would
    find its content already there is unchanged, every other one is superseded by a later input."""
    writers = [n for n, (_, _, changes) in enumerate(inputs) if changes]
    last = writers[-1] if writers else None
    for n, (index, position, changes) in enumerate(inputs):
        if n != last:
            plan.decisions.setdefault(index, {})[position] = (SUPERSEDED, "") if changes else (UNCHANGED, "")


def _error_line(where: str, problem: str) -> str:
    return f"{where}: {problem} (ids must be unique: give each record its own id, or choose --on-duplicate skip|replace)"
