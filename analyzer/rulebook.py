"""The rule files (``analyzer/rules/*.toml``): one loader for every stage, each row checked when it is read.

A rule file holds tables of rows (``[[rule]]``, ``[[metric_debris]]`` …). Every row has an ``id`` unique in its
file and an ``example`` (a sentence of the kind it was written for); a row without either is refused with the
file and the row named. ``lexicon.toml`` is the vocabulary the rules share (word lists, not rows).

    from analyzer import rulebook
    for row in rulebook.rows("real_text", "metric_debris"): ...
"""
from __future__ import annotations

import array
import atexit
import datetime
import functools
import hashlib
import marshal
import os
import re
import sys
import _sre
import tomllib
from collections.abc import Iterable
from pathlib import Path

from analyzer.errors import AnalyzerError

RULES_DIR = Path(__file__).with_name("rules")
VOCABULARY = "lexicon"


class RuleFileError(AnalyzerError):
    """A rule file that cannot be used: unreadable TOML, or a row without an id or an example."""


def parse_toml(text: str) -> dict:
    """``tomllib.loads(text)``, read from a marshal cache in this user's :func:`cache_folder` when this Python parsed
    the same text before (the rule files, grammars and taxonomy take a tenth of a cold start to parse; their cache a
    tenth of that). A text that does not parse raises as ``tomllib.loads`` does, and is never cached."""
    folder = cache_folder()
    if folder is None:
        return tomllib.loads(text)
    digest = hashlib.sha1(text.encode("utf-8"))
    digest.update(sys.version.encode("utf-8"))
    cache = folder / f"analyzer-toml-{digest.hexdigest()[:24]}.marshal"
    try:
        dates, parsed = marshal.loads(cache.read_bytes())
        return _with_dates(parsed, dates)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        parsed = tomllib.loads(text)
    dates: list = []
    write_marshal(cache, (dates, _without_dates(parsed, (), dates)))
    return parsed


_DATE_TYPES = {"datetime": datetime.datetime, "date": datetime.date, "time": datetime.time}


def _without_dates(value, path: tuple, dates: list):
    """A copy of parsed TOML with each date, time or datetime written as its ISO text (marshal holds none of
    them), its place noted in ``dates`` as (path, type name, text)."""
    if isinstance(value, dict):
        return {key: _without_dates(item, (*path, key), dates) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_dates(item, (*path, index), dates) for index, item in enumerate(value)]
    if isinstance(value, (datetime.date, datetime.time)):  # datetime.datetime is a date too
        dates.append((path, type(value).__name__, value.isoformat()))
        return value.isoformat()
    return value


def _with_dates(parsed: dict, dates: list) -> dict:
    """``parsed`` with the dates :func:`_without_dates` wrote as text put back."""
    for path, type_name, text in dates:
        *parents, last = path
        holder = parsed
        for key in parents:
            holder = holder[key]
        holder[last] = _DATE_TYPES[type_name].fromisoformat(text)
    return parsed


def cache_folder() -> Path | None:
    """This user's private folder for parse caches: ``$ANALYZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/analyzer``, else
    ``~/.cache/analyzer``, made with mode 0700. None — no cache, everything is parsed — where it cannot be made or
    is not private to this user: a cache another user can write could change the rules a process reads."""
    try:
        base = os.environ.get("ANALYZER_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = Path(base) / ("" if os.environ.get("ANALYZER_CACHE_DIR") else "analyzer")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except (OSError, RuntimeError, KeyError):  # no home folder, a read-only or missing disk
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    return folder


def write_marshal(path: Path, value) -> None:
    """Write ``value`` marshalled, atomically; a folder that cannot be written, or a value marshal cannot hold (a
    TOML date), only costs the next process the build."""
    part = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        part.write_bytes(marshal.dumps(value))
        os.replace(part, path)
    except (OSError, ValueError):
        part.unlink(missing_ok=True)


# compiled regular expressions: (pattern, flags) → what ``re`` builds from them (flags, code, groups, names)
_REGEX_BUILT: dict[tuple[str, int], re.Pattern] = {}
_REGEX_CODE: dict[tuple[str, int], tuple] = {}
_REGEX_STATE = {"loaded": False, "missed": False}
_REGEX_CACHE_ENTRIES = 2000  # loaded entries this process did not use are kept while the file stays below this


def regex(pattern, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, built from the compiled code kept in a marshal file in :func:`cache_folder`
    when this Python compiled the same pattern before. The rule tables' patterns (the market-day words alone are
    12,000 characters) took a third of a cold start to compile. A pattern ``re`` builds otherwise than from its
    kept code (another Python, a bytes pattern, a pattern object) is compiled by ``re``. Every pattern asked for
    is kept for the process: this is for the patterns of the rule tables and modules, not ones built per text."""
    key = (pattern, int(flags))
    built = _REGEX_BUILT.get(key)
    if built is None:
        built = _REGEX_BUILT[key] = _regex_from_code(key) if type(pattern) is str else re.compile(pattern, flags)
    return built


def _regex_from_code(key: tuple[str, int]) -> re.Pattern:
    if not _REGEX_STATE["loaded"]:
        _REGEX_STATE["loaded"] = True
        _REGEX_CODE.update(_read_regex_cache())
    kept = _REGEX_CODE.get(key)
    if kept is not None:
        try:
            return _built_from(key[0], kept)
        except (TypeError, ValueError, RuntimeError):  # a kept entry this Python cannot build
            del _REGEX_CODE[key]
    compiled = re.compile(*key)
    kept = _regex_code(*key)
    if kept is not None and _built_from(key[0], kept) == compiled:  # equal: same flags, pattern and code
        _REGEX_CODE[key] = kept
        if not _REGEX_STATE["missed"]:
            _REGEX_STATE["missed"] = True
            atexit.register(_write_regex_cache)
    return compiled


def _built_from(pattern: str, kept: tuple) -> re.Pattern:
    flags, code, groups, names, index_group = kept
    return _sre.compile(pattern, flags, array.array("I", code).tolist(), groups, names, index_group)


def _regex_code(pattern: str, flags: int) -> tuple | None:
    """(flags, code, groups, group index, index group): the arguments ``re`` passes ``_sre.compile`` after the
    pattern (``re._compiler.compile``), the code as the bytes of its unsigned ints, all of it what marshal holds;
    None where this Python's ``re`` has no such steps."""
    if array.array("I").itemsize != _sre.CODESIZE:
        return None
    try:
        parsed = re._parser.parse(pattern, flags)
        code = array.array("I", re._compiler._code(parsed, flags)).tobytes()
    except (AttributeError, TypeError, OverflowError):
        return None
    names = dict(parsed.state.groupdict)
    index_group: list = [None] * parsed.state.groups
    for name, index in names.items():
        index_group[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, names, tuple(index_group)


def _regex_cache_path() -> Path | None:
    folder = cache_folder()
    digest = hashlib.sha1(f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE}".encode("utf-8")).hexdigest()[:24]
    return folder / f"analyzer-regex-{digest}.marshal" if folder else None


def _read_regex_cache() -> dict:
    path = _regex_cache_path()
    try:
        kept = marshal.loads(path.read_bytes()) if path else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _write_regex_cache() -> None:
    """At exit, when this process compiled a pattern the file did not hold: the file with them (and without the
    entries no process used lately, once it outgrows ``_REGEX_CACHE_ENTRIES``)."""
    path = _regex_cache_path()
    if path is None:
        return
    used = {key: _REGEX_CODE[key] for key in _REGEX_BUILT if key in _REGEX_CODE}
    kept = {**_read_regex_cache(), **used}
    write_marshal(path, kept if len(kept) <= _REGEX_CACHE_ENTRIES else used)


@functools.cache
def load(name: str) -> dict:
    """The parsed rule file ``analyzer/rules/NAME.toml``, every row checked (see the module docstring)."""
    path = RULES_DIR / f"{name}.toml"
    try:
        data = parse_toml(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleFileError(f"{path}: {error}") from None
    if name != VOCABULARY:
        _check_rows(path, data)
    return data


def _check_rows(path: Path, data: dict) -> None:
    for table, rows in data.items():
        if not (isinstance(rows, list) and rows and isinstance(rows[0], dict)):
            continue
        seen: set[str] = set()
        for number, row in enumerate(rows, 1):
            where = f"{path}: [[{table}]] row {number}"
            if not row.get("id") or not row.get("example"):
                raise RuleFileError(f"{where} needs an id and an example")
            if row["id"] in seen:
                raise RuleFileError(f"{where}: id {row['id']!r} used twice")
            seen.add(row["id"])


def rows(name: str, table: str = "rule") -> list[dict]:
    """The rows of one table of a rule file, in file order (order is priority where a stage says so)."""
    return load(name).get(table, [])


def _extend_lists(lexicon: dict, rule_rows: Iterable[dict]) -> dict:
    """``lexicon`` with each row's ``words`` added to the list its dotted ``list`` path names."""
    for row in rule_rows:
        *tables, key = row["list"].split(".")
        table = lexicon
        for name in tables:
            table = table.setdefault(name, {})
        known = table.setdefault(key, [])
        table[key] = [*known, *(word for word in row["words"] if word not in known)]
    return lexicon


@functools.cache
def lexicon() -> dict:
    """The shared vocabulary (``lexicon.toml``) with the word-list rows of ``real_text.toml`` added."""
    vocabulary = parse_toml((RULES_DIR / f"{VOCABULARY}.toml").read_text(encoding="utf-8"))
    return _extend_lists(vocabulary, rows("real_text"))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 万亿 is tried before 万)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
