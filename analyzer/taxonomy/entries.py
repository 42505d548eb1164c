"""Taxonomy entries: the data files' schema, their validation and the loaded ``Taxonomy`` (see the package's
docstring; ``analyzer.taxonomy`` re-exports everything here)."""
from __future__ import annotations

import datetime
import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analyzer import rulebook
from analyzer.errors import TaxonomyError
from analyzer.normalize import mapped_again, normalize, to_simplified

DATA_DIR = Path(__file__).parent
KINDS = ("tools", "sectors", "institutions", "metrics")
# the record array each mention kind fills
MENTION_ARRAY = {"tools": "policy_tools", "sectors": "sectors", "institutions": "institutions"}
ARRAY_KIND = {v: k for k, v in MENTION_ARRAY.items()}
# the words that end a bank's branch name (中国工商银行苏州分行, 人民银行深圳市中心支行): its parent is the bank
BRANCH_ENDINGS = ("分行", "支行")
# the taxonomy categories of banks whose branches are read and found as the bank's (the organisation grammar's
# bank_branch reading, Taxonomy.branch_bank, queries for a bank): a foreign central bank's are not its own bodies
BRANCH_BANKS = frozenset({"central_bank", "large_bank", "joint_stock_bank", "city_bank", "rural_bank", "private_bank",
                          "foreign_bank", "policy_bank"})

_FIELDS = {"id", "name", "name_en", "aliases", "category", "issuer", "launched", "retired", "note"}
_LINK_FIELDS = {"tools", "sectors", "institutions"}
# a metric's ``scope``: the scope word (series.toml) the statistic has by definition (普惠小微贷款 are RMB loans)
_METRIC_FIELDS = {"scope"}
# matcher hints: ``exclude`` lists contexts, the name in brackets, where a name is not a mention
# ("[中国银行]业" is the banking industry, "[国务院]常务会议" a meeting); ``refers_back`` lists aliases that name the
# latest tool ending with them (专项再贷款 after 交通物流专项再贷款); ``keep_inner`` keeps the
# same-kind names inside the entry's names as mentions (科技型中小企业 → 科技型企业 and 中小企业); ``in_context``
# lists short aliases that count only after another of the entry's names appeared (续贷 after 无还本续贷); ``in_list``
# lists bare words that count only as items of a list of such groups (汽车、钢铁、化工等承压行业; the list shapes are
# the ``[[list]]`` rows of analyzer/rules/mentions.toml); ``acronyms`` lists ambiguous Latin short forms that name the
# entry only after one of its names appeared (NPS after 韩国国民年金公团); they are no aliases, so lookups and the metric
# stage (which cuts taxonomy names from a phrase's start) do not take them for the entry's names
_MATCH_FIELDS = {"exclude", "refers_back", "keep_inner", "parent", "in_context", "in_list", "acronyms"}
_EXCLUDE = rulebook.regex(r"^([^\[\]]*)\[([^\[\]]+)\]([^\[\]]*)$")
_ALLOWED = {"tools": _FIELDS | _MATCH_FIELDS, "sectors": _FIELDS | _MATCH_FIELDS,
            "institutions": _FIELDS | _MATCH_FIELDS, "metrics": _FIELDS | _LINK_FIELDS | _METRIC_FIELDS}
_REQUIRED = ("id", "name", "name_en", "category")
_ID = rulebook.regex(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Entry:
    """One taxonomy entry: a tool, sector, institution or metric."""
    id: str
    kind: str
    name: str
    name_en: str
    category: str
    aliases: tuple[str, ...] = ()
    issuer: str | None = None
    launched: str | None = None
    retired: str | None = None
    note: str | None = None
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # metrics only
    exclude: tuple[tuple[str, str, str], ...] = ()  # (before, name, after)
    refers_back: tuple[str, ...] = ()
    in_context: tuple[str, ...] = ()  # aliases that need another of the entry's names earlier in the text
    in_list: tuple[str, ...] = ()  # aliases that are mentions only as items of a list (mentions.toml [[list]])
    acronyms: tuple[str, ...] = ()  # ambiguous Latin short forms, mentions only after one of the entry's names
    keep_inner: bool = False  # names inside this entry's names stay mentions of their own
    scope: str | None = None  # metrics only: the scope word that is the statistic's own (人民币)
    parents: tuple[str, ...] = ()  # canonical names of broader entries of the same kind

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    def to_dict(self) -> dict:
        out = {"id": self.id, "kind": self.kind, "name": self.name, "name_en": self.name_en,
               "category": self.category, "aliases": list(self.aliases)}
        for key in ("issuer", "launched", "retired", "note", "scope"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out.update({k: list(v) for k, v in self.links.items()})
        if self.parents:
            out["parent"] = list(self.parents)
        return out


@dataclass
class Taxonomy:
    """All entries, indexed by id, by (kind, canonical name) and by any name or alias."""
    entries: list[Entry]
    version: str = ""

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entries}
        self._by_name: dict[tuple[str, str], Entry] = {}
        self._by_alias: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self._by_name[(entry.kind, entry.name)] = entry
            for name in entry.names:
                self._by_alias.setdefault(compact(name), []).append(entry)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def by_name(self, kind: str, name: str) -> Entry | None:
        """The entry of ``kind`` whose canonical name is ``name``."""
        return self._by_name.get((kind, name))

    def lookup(self, name: str, kind: str | None = None) -> Entry | None:
        """The entry whose name or alias is ``name`` (any script, width or spacing)."""
        for entry in self._by_alias.get(compact(name), []):
            if kind is None or entry.kind == kind:
                return entry
        return None

    def names_of(self, name: str) -> set[str]:
        """Every name and alias of the tool, sector or institution whose canonical name is ``name``."""
        return {n for kind in MENTION_ARRAY for e in [self.by_name(kind, name)] if e for n in e.names}

    def ancestors(self, name: str, kind: str | None = None) -> list[str]:
        """Canonical names of every broader entry of the entry named ``name`` (parents first); [] when none."""
        entry = self.lookup(name, kind)
        out: list[str] = []
        todo = list(entry.parents) if entry else []
        while todo:
            parent = todo.pop(0)
            if parent not in out:
                out.append(parent)
                todo.extend(self._by_name[(entry.kind, parent)].parents)
        return out

    def descendants(self, name: str, kind: str | None = None) -> list[str]:
        """Canonical names of every narrower entry of the entry named ``name`` (children first)."""
        entry = self.lookup(name, kind)
        if entry is None:
            return []
        children = self._children()
        out: list[str] = []
        todo = list(children.get((entry.kind, entry.name), ()))
        while todo:
            child = todo.pop(0)
            if child not in out:
                out.append(child)
                todo.extend(children.get((entry.kind, child), ()))
        return out

    def roots(self, name: str, kind: str | None = None) -> list[str]:
        """The broadest entries above ``name`` (itself when it has no parent): what ``trends --rollup`` counts. A
        bank's branch the taxonomy lacks counts under its bank's roots (中国工商银行苏州分行 → 中国工商银行)."""
        entry = self.lookup(name, kind)
        if entry is None:
            bank = self.branch_parent(name) if kind in (None, "institutions") else None
            if bank:
                return self.roots(bank, "institutions")
            refined = self.refined_entry(name, kind) if kind in ("tools", "sectors") else None
            return self.roots(refined.name, kind) if refined else [name]
        ancestors = self.ancestors(entry.name, entry.kind)
        tops = [a for a in ancestors if not self._by_name[(entry.kind, a)].parents]
        return tops or [entry.name]

    def refined_entry(self, name: str, kind: str) -> Entry | None:
        """The taxonomy entry of ``kind`` that a tool or sector read outside the taxonomy ends with, the longest
        (绿色再贷款 → 再贷款, 电动汽车税收抵免 → 税收抵免): the one whose queries find it (store.queries.outside_names)."""
        for start in range(1, len(name) - 1):
            entry = self.lookup(name[start:], kind)
            if entry is not None and entry.name == name[start:]:
                return entry
        return None

    def branch_parent(self, name: str) -> str | None:
        """The canonical name of the bank whose branch ``name`` names (中国工商银行苏州分行, 农行上海市分行,
        人民银行深圳市中心支行): the longest taxonomy bank name or alias that begins a name ending in a
        ``BRANCH_ENDINGS`` word. None for a taxonomy name, another name, or a branch of a bank the taxonomy lacks.
        The convention of 2026-12-07: records keep the branch, queries and rollups of the bank include it."""
        found = self.branch_bank(name)
        return found[0].name if found else None

    def branch_canonical(self, name: str) -> str | None:
        """The branch ``name`` under its bank's canonical name (工行苏州分行 and 中国工商银行苏州分行 →
        中国工商银行苏州分行): one branch however the bank is written. None where ``branch_parent`` gives None."""
        found = self.branch_bank(name)
        return found[0].name + name[found[1]:] if found else None

    def branch_bank(self, name: str) -> tuple[Entry, int] | None:
        """The bank entry a branch name begins with (the longest) and where the bank's name ends in ``name``."""
        if not name.endswith(BRANCH_ENDINGS) or self.lookup(name) is not None:
            return None
        for end in range(len(name) - 2, 1, -1):
            entry = self.lookup(name[:end], "institutions")
            if entry is not None and entry.category in BRANCH_BANKS:
                return entry, end
        return None

    def _children(self) -> dict[tuple[str, str], list[str]]:
        if not hasattr(self, "_children_cache"):
            children: dict[tuple[str, str], list[str]] = {}
            for entry in self.entries:
                for parent in entry.parents:
                    children.setdefault((entry.kind, parent), []).append(entry.name)
            self._children_cache = children
        return self._children_cache

    def english(self, name: str, kind: str | None = None) -> str:
        """English name of a canonical or alias name; the name itself when unknown."""
        entry = self.lookup(name, kind)
        return entry.name_en if entry else name


def compact(text: str) -> str:
    """Simplified, ASCII-width, upper-case form without white space or punctuation: the key names compare on.

    Page artifacts such as the pinyin in 續(xù) are dropped first. A plus that closes a name stays, being part of
    it: OPEC+ (欧佩克+) is another body than OPEC.
    """
    text = re.sub(r"[(（][a-zà-ü\s]+[)）]", "", to_simplified(text or ""))
    plus = "+" if _CLOSING_PLUS.search(text) else ""
    return re.sub(r"[\s\W_]+", "", text).upper() + plus


_CLOSING_PLUS = re.compile(r"[^\W_]\s*[+＋]\s*$")


def match_form(text: str) -> str:
    """The form names are matched in: simplified, ASCII-width, ASCII upper-case; same length as ``text``.
    Short phrases (metrics, names) are cached; whole documents are not, so memory stays flat on archives."""
    if len(text) <= 64:
        return _match_form_cached(text)
    return _upper_ascii(normalize(text))


def match_form_of_normalized(text: str) -> str:
    """:func:`match_form` of a text already normalized (``normalize(x)``, a document's ``norm``): normalizing it again
    changes only a character the table maps onward (:func:`analyzer.normalize.mapped_again`), so a text without one
    is only upper-cased — a document is translated once, not twice."""
    if any(char in text for char in mapped_again()):
        return match_form(text)
    return _upper_ascii(text)


@functools.lru_cache(maxsize=65536)
def _match_form_cached(text: str) -> str:
    return _upper_ascii(normalize(text))


_LOWER_ASCII = rulebook.regex(r"[a-z]+")


def _upper_ascii(text: str) -> str:
    """``text`` with ASCII a–z in upper case and every other character as it is (runs of Latin letters are few in
    Chinese text: one substitution per run costs a fraction of a translation of every character)."""
    return _LOWER_ASCII.sub(lambda run: run.group().upper(), text)


def _check_date(value, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise TaxonomyError(f"{where}: {value!r} is not an ISO date like 2024-09-24") from None


def parse_entries(kind: str, data: dict, source: str) -> list[Entry]:
    """Entries of one data file (already parsed TOML), validated field by field."""
    unknown_top = set(data) - {"version", "description", "entry"}
    if unknown_top:
        raise TaxonomyError(f"{source}: unknown top-level key {sorted(unknown_top)[0]!r} (expected [[entry]] tables)")
    return [_parse_entry(kind, raw, f"{source}: entry {raw.get('id', i)!r}")
            for i, raw in enumerate(data.get("entry", []))]


def _parse_entry(kind: str, raw: dict, where: str) -> Entry:
    _check_fields(kind, raw, where)
    parents = _parse_parents(raw.get("parent"), where)
    for key in ("aliases", *_LINK_FIELDS, "exclude", "refers_back", "in_context", "in_list", "acronyms"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
            raise TaxonomyError(f"{where}: {key} must be a list of non-empty strings")
    aliases = raw.get("aliases", [])
    links = {k: tuple(raw[k]) for k in sorted(_LINK_FIELDS) if k in raw}
    return Entry(
        id=raw["id"], kind=kind, name=raw["name"], name_en=raw["name_en"], category=raw["category"],
        aliases=tuple(aliases), issuer=raw.get("issuer"), note=raw.get("note"),
        launched=_check_date(raw.get("launched"), where), retired=_check_date(raw.get("retired"), where),
        links=links, exclude=_parse_excludes(raw.get("exclude", []), aliases + [raw["name"]], where),
        refers_back=tuple(raw.get("refers_back", [])), keep_inner=raw.get("keep_inner", False),
        scope=raw.get("scope"),
        in_context=_check_listed(raw.get("in_context", []), [*aliases, raw["name"]], "in_context", where),
        in_list=_check_listed(raw.get("in_list", []), aliases, "in_list", where),
        acronyms=tuple(raw.get("acronyms", [])),
        parents=parents)


def _check_fields(kind: str, raw: dict, where: str) -> None:
    """Known fields only, the required ones present, a lower_snake_case id, a boolean keep_inner."""
    unknown = set(raw) - _ALLOWED[kind]
    if unknown:
        raise TaxonomyError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    missing = [k for k in _REQUIRED if not raw.get(k)]
    if missing:
        raise TaxonomyError(f"{where}: missing field {missing[0]!r}")
    if not _ID.match(raw["id"]):
        raise TaxonomyError(f"{where}: id must be lower_snake_case ASCII")
    if not isinstance(raw.get("keep_inner", False), bool):
        raise TaxonomyError(f"{where}: keep_inner must be true or false")


def _check_listed(names: list[str], aliases: list[str], key: str, where: str) -> tuple[str, ...]:
    unknown = [n for n in names if n not in aliases]
    if unknown:
        raise TaxonomyError(f"{where}: {key} {unknown[0]!r} is not one of the entry's names")
    return tuple(names)


def _parse_parents(value, where: str) -> tuple[str, ...]:
    """``parent`` is one canonical name or a list of them (an entry may sit under several broader ones)."""
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise TaxonomyError(f"{where}: parent must be a name or a list of names")
    return tuple(values)


def _parse_excludes(patterns: list[str], names: list[str], where: str) -> tuple[tuple[str, str, str], ...]:
    out = []
    for pattern in patterns:
        match = _EXCLUDE.match(pattern)
        if not match or match.group(2) not in names:
            raise TaxonomyError(f"{where}: exclude {pattern!r} must bracket one of the entry's names, like '[央行]行长'")
        out.append(match.groups())
    return tuple(out)


def validate(entries: list[Entry]) -> None:
    """Raise ``TaxonomyError`` on a duplicate id, a name or alias used by two entries (two metrics, or two
    tools/sectors/institutions), a parent cycle, or a metric link / issuer / parent naming no entry."""
    seen_ids: dict[str, Entry] = {}
    seen_names: dict[tuple[bool, str], Entry] = {}
    for entry in entries:
        if entry.id in seen_ids:
            raise TaxonomyError(f"duplicate id {entry.id!r} ({entry.kind} and {seen_ids[entry.id].kind})")
        seen_ids[entry.id] = entry
        _check_names(entry, seen_names)
    _check_no_cycle(entries)
    canonical = {(e.kind, e.name) for e in entries}
    for entry in entries:
        _check_references(entry, canonical)


def _check_names(entry: Entry, seen_names: dict[tuple[bool, str], Entry]) -> None:
    """No name twice within the entry, and none that an earlier entry of its name space uses."""
    literal = [match_form(name) for name in entry.names]
    if len(set(literal)) < len(literal):
        twice = next(n for n in literal if literal.count(n) > 1)
        raise TaxonomyError(f"duplicate alias {twice!r} within {kind_name(entry)}")
    for name in entry.names:
        # tools, sectors and institutions share one name space: the matcher must know what a name is
        key = (entry.kind == "metrics", compact(name))
        other = seen_names.setdefault(key, entry)
        if other is not entry:
            raise TaxonomyError(f"duplicate alias {name!r}: {kind_name(other)} and {kind_name(entry)}")


def _check_references(entry: Entry, canonical: set[tuple[str, str]]) -> None:
    """The entry's links, issuer and parents each name an entry (``canonical``: (kind, name) pairs)."""
    for kind, names in entry.links.items():
        for name in names:
            if (kind, name) not in canonical:
                raise TaxonomyError(f"{kind_name(entry)}: links to unknown {kind[:-1]} {name!r}")
    if entry.issuer and ("institutions", entry.issuer) not in canonical:
        raise TaxonomyError(f"{kind_name(entry)}: issuer {entry.issuer!r} is not an institution's name")
    for parent in entry.parents:
        if (entry.kind, parent) not in canonical:
            raise TaxonomyError(f"{kind_name(entry)}: parent {parent!r} is not the name of a {entry.kind[:-1]}")


def _check_no_cycle(entries: list[Entry]) -> None:
    """Raise ``TaxonomyError`` when following parents leads back to where it started."""
    parents = {(e.kind, e.name): e.parents for e in entries}
    done: set[tuple[str, str]] = set()
    for start in parents:
        path: list[tuple[str, str]] = []
        _walk_up(start, parents, path, done)


def _walk_up(node, parents, path, done) -> None:
    if node in done:
        return
    if node in path:
        cycle = " → ".join(name for _, name in path[path.index(node):] + [node])
        raise TaxonomyError(f"parent cycle: {cycle}")
    path.append(node)
    for parent in parents.get(node, ()):
        _walk_up((node[0], parent), parents, path, done)
    path.pop()
    done.add(node)


def kind_name(entry: Entry) -> str:
    return f"{entry.kind[:-1]} {entry.id!r}"


def load_files(directory: Path = DATA_DIR) -> Taxonomy:
    """Read and validate ``tools.toml``, ``sectors.toml``, ``institutions.toml`` and ``metrics.toml``."""
    entries: list[Entry] = []
    versions = []
    for kind in KINDS:
        path = Path(directory) / f"{kind}.toml"
        try:
            data = rulebook.parse_toml(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TaxonomyError(f"{path}: taxonomy file missing") from None
        except tomllib.TOMLDecodeError as error:
            raise TaxonomyError(f"{path}: invalid TOML: {error}") from None
        entries.extend(parse_entries(kind, data, path.name))
        versions.append(str(data.get("version", "")))
    validate(entries)
    return Taxonomy(entries, version=max(versions))


@functools.cache
def load_taxonomy() -> Taxonomy:
    """The project taxonomy, loaded once per process."""
    return load_files(DATA_DIR)


def taxonomy_words() -> list[str]:
    """Every tool, sector and institution name and alias (for the segmenter's user dictionary)."""
    words = {name for entry in load_taxonomy() if entry.kind != "metrics" for name in entry.names}
    return sorted(words, key=lambda w: (-len(w), w))
