"""Read documents from txt, html, json/jsonl files, directories and stdin.

Every reader yields ``Document`` objects or ``InputError``s naming the file (and line) and the problem, so a
batch goes on past a bad input. Text may be UTF-8 (BOM or not), UTF-16/32 with a BOM, GB18030/GBK or Big5
(told apart with charset-normalizer). A .txt file may start with a header block of ``key: value`` lines
(title, source, published, kind, url, id) followed by a blank line.

Identity: a document keeps the id it gives; otherwise its id is its path relative to the folder that was named
(the file name for a file named on its own), plus ``:LINE`` for a JSON Lines record and ``[INDEX]`` for an
element of a JSON array; stdin gets ``stdin-`` and a hash of its content. Cost is bounded: ``ReadLimits`` caps
the bytes of one document (a .json file, a .jsonl line, a page, stdin), JSON nesting depth and number length,
and pages above a size skip trafilatura for a fast lxml text extraction.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analyzer.errors import InputError
from analyzer.io.safejson import check_json, load_json
from analyzer.records import Document
from analyzer.settings import DEFAULT_MAX_DOCUMENT_BYTES

LOG = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# a directory is read for articles: .txt, .html, .json, .jsonl (not READMEs, notes or files without a suffix)
DIRECTORY_SUFFIXES = {".txt", ".text"} | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
HEADER_KEYS = {"id", "title", "source", "published", "kind", "url", "标题", "来源", "日期", "发布日期"}
DOC_FIELDS = frozenset({"id", "title", "source", "published", "kind", "url"})
HEADER_ALIASES = {"标题": "title", "来源": "source", "日期": "published", "发布日期": "published"}
STDIN = "<stdin>"
# byte order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CHINESE_LEGACY = ["gb18030", "big5"]


@dataclass(frozen=True)
class ReadLimits:
    """Caps on what one input may cost. ``max_document_bytes`` applies to a .txt/.html/.json file, one .jsonl
    line and stdin; pages over ``html_fast_bytes`` are read with lxml instead of trafilatura."""
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    html_fast_bytes: int = 512 * 2**10
    html_markup_factor: int = 8  # an HTML file may be this many times bigger; its text must fit the limit

    @property
    def max_html_bytes(self) -> int:
        return self.max_document_bytes * self.html_markup_factor

    def too_big(self, size: int, limit: int | None = None, what: str = "one document") -> str:
        return (f"{size:,} bytes is over the limit of {limit or self.max_document_bytes:,} bytes for {what} "
                "(split it, or raise --max-doc-bytes)")


@dataclass(frozen=True)
class Source:
    """One file to read: its path as found, and the folder its id is relative to."""
    path: Path
    root: Path

    @property
    def id_base(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    @property
    def origin(self) -> str:
        return os.path.abspath(self.path)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode by BOM (UTF-8/16/32), else UTF-8, else GB18030 or Big5; refuse binary data with a clear message."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(source, f"not valid {codec.upper()} after its byte order mark ({error.reason} "
                                         f"at byte {error.start})") from None
            if not text.strip():
                raise InputError(source, "file is empty")
            return text
    if not data.strip():
        raise InputError(source, "file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(source, "looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_chinese_legacy(data, source)


def _decode_chinese_legacy(data: bytes, source: str) -> str:
    """GB18030/GBK or Big5: both decode most byte strings, so charset-normalizer picks the coherent one."""
    from charset_normalizer import from_bytes  # only for legacy encodings: kept off extract's cold start
    best = from_bytes(data, cp_isolation=CHINESE_LEGACY).best()
    if best is None:
        raise InputError(source, "cannot decode as UTF-8, UTF-16/32 (BOM), GB18030 or Big5 (not a text file?)")
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError:
        return str(best)


def stdin_id(text: str) -> str:
    return f"stdin-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


def parse_text(text: str, source: str, doc_id: str | None = None) -> Document:
    """A plain-text document, with an optional ``key: value`` header block."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    seen: dict[str, int] = {}  # key → the line it was given on: a key given twice is an error, as in JSON
    body_start = 0
    for i, line in enumerate(lines[:64]):
        match = re.match(r"^\s*([A-Za-z\u4e00-\u9fff]+)\s*[:：]\s*(.*?)\s*$", line)
        if match and match.group(1).lower() in HEADER_KEYS:
            key = HEADER_ALIASES.get(match.group(1), match.group(1).lower())
            if key in seen:
                raise InputError(f"{source}:{i + 1}", f"the header block gives {key!r} twice (lines {seen[key]} "
                                 f"and {i + 1}): keep one")
            seen[key], meta[key] = i + 1, match.group(2)
            continue
        if not line.strip() and meta:
            body_start = i + 1
        break
    body = "\n".join(lines[body_start:]) if meta and body_start else text
    if not body.strip():
        raise InputError(source, "no text after the header block")
    doc_id = meta.pop("id", None) or doc_id or stdin_id(body)
    return Document(id=doc_id, text=body, **meta)


def parse_html(html: str, source: str, doc_id: str | None = None, limits: ReadLimits | None = None) -> Document:
    """Main text, title and date of an HTML page. The date comes only from the page's metadata (meta tags,
    JSON-LD, <time>), never guessed from years in the body; big pages get a fast lxml text extraction."""
    import trafilatura  # HTML only (0.26 s to import): kept off extract's cold start for text files
    limits = limits or ReadLimits()
    big = len(html) > limits.html_fast_bytes
    if big:
        from analyzer.io.htmltext import head_of, html_text  # lxml; HTML only, as trafilatura above
        text, meta = html_text(html), trafilatura.extract_metadata(head_of(html), extensive=False)
    else:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
        meta = trafilatura.extract_metadata(html, extensive=False)
    if not text or not text.strip():
        raise InputError(source, "no main text found in the HTML page")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_document_bytes:
        raise InputError(source, "the page's text: " + limits.too_big(size))
    return Document(id=doc_id or stdin_id(text), text=text,
                    title=getattr(meta, "title", None), source=getattr(meta, "sitename", None),
                    published=getattr(meta, "date", None), url=getattr(meta, "url", None))


def parse_json_object(obj, source: str, doc_id: str | None = None) -> Document:
    """A record-format v1 object, or a flat object with ``text`` and metadata keys.

    A given id (a string or an integer) is kept; a missing one becomes ``doc_id``; a null, empty or other id
    is an error for this record."""
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}")
    check_json(obj, source)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "JSON object has no non-empty 'text' field")
    if "doc" in obj and not isinstance(obj["doc"], dict):
        raise InputError(source, f"'doc' must be an object, not {type(obj['doc']).__name__}")
    if isinstance(obj.get("doc"), dict):
        doc = obj["doc"]
    else:  # flat records such as {"id", "title", "published", "text", ...}: other list/object fields (labels) stay out,
        # but a metadata field is kept whatever it holds, so a list-valued title fails its record instead of vanishing
        doc = {k: v for k, v in obj.items()
               if k != "text" and (k in DOC_FIELDS or not isinstance(v, (list, dict)))}
    if "id" in doc:
        _check_given_id(doc["id"], source)
    else:
        doc = {"id": doc_id or stdin_id(text), **doc}
    return Document.from_dict(doc, text)


def _check_given_id(value, source: str) -> None:
    if value is None:
        raise InputError(source, "the document id is null: give a string id, or leave 'id' out for a path-based one")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(source, f"the document id must be a string or an integer, not {type(value).__name__}")
    if not str(value).strip():
        raise InputError(source, "the document id is empty")


# --- files ----------------------------------------------------------------------------------------------

def regular_file_size(path: Path, source: str) -> int:
    """The size of a regular file; FIFOs, sockets and devices are refused (reading one could hang)."""
    try:
        info = path.stat()
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, "not a regular file (a FIFO, socket or device): refusing to read it")
    return info.st_size


def read_file_bytes(path: Path, source: str, limits: ReadLimits, cap: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes (default: the document limit)."""
    cap = cap or limits.max_document_bytes
    what = "one document" if cap == limits.max_document_bytes else "one HTML page"
    size = regular_file_size(path, source)
    if size > cap:
        raise InputError(source, limits.too_big(size, cap, what))
    try:
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None
    if len(data) > cap:  # it grew since stat()
        raise InputError(source, limits.too_big(len(data), cap, what))
    return data


def read_source(item: Source, limits: ReadLimits | None = None) -> Iterator[Document | InputError]:
    """Yield the documents of one file (a .jsonl file or a JSON array holds many); errors are yielded too."""
    limits = limits or ReadLimits()
    source = str(item.path)
    suffix = item.path.suffix.lower()
    if suffix in JSON_SUFFIXES | JSONL_SUFFIXES:
        for entry in json_objects(item, limits):
            if isinstance(entry, InputError):
                yield entry
                continue
            where, id_base, obj = entry
            try:
                yield located(parse_json_object(obj, where, id_base), where, item.origin)
            except InputError as error:
                yield error
        return
    try:
        cap = limits.max_html_bytes if suffix in HTML_SUFFIXES else limits.max_document_bytes
        text = decode_bytes(read_file_bytes(item.path, source, limits, cap), source)
        if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            document = parse_html(text, source, item.id_base, limits)
        else:
            document = parse_text(text, source, item.id_base)
        yield located(document, source, item.origin)
    except InputError as error:
        yield error


def json_objects(item: Source, limits: ReadLimits) -> Iterator[tuple[str, str, object] | InputError]:
    """``(where, id, object)`` for each object of a .json file (one, or each element of an array) or each
    line of a .jsonl file; a line or file that cannot be read or parsed is yielded as its error."""
    source = str(item.path)
    try:
        if item.path.suffix.lower() in JSONL_SUFFIXES:
            regular_file_size(item.path, source)
            yield from _jsonl_objects(item, limits)
            return
        obj = load_json(decode_bytes(read_file_bytes(item.path, source, limits), source), source)
    except InputError as error:
        yield error
        return
    if obj == []:
        yield InputError(source, "an empty JSON array: no records")
    elif isinstance(obj, list):
        yield from (_with_text(f"{source}[{i}]", f"{item.id_base}[{i}]", element, item.path)
                    for i, element in enumerate(obj))
    else:
        yield _with_text(source, item.id_base, obj, item.path)


def _with_text(where: str, id_base: str, obj, path: Path) -> tuple[str, str, object] | InputError:
    """A gold record of outside text (``text_sha256`` in place of ``text``, as in ``real-gold/``) with its text
    joined from ``../shared/data`` (or ``$ANALYZER_REAL_TEXTS``); any other object as it is."""
    from analyzer.io.gold import TEXT_HASH, find_texts_dir, join_text
    if not isinstance(obj, dict) or "text" in obj or TEXT_HASH not in obj:
        return where, id_base, obj
    try:
        return where, id_base, join_text(obj, find_texts_dir(path.parent))
    except ValueError as error:
        return InputError(where, str(error))


class Utf16Lines:
    """A JSON Lines file in UTF-16 or UTF-32 (its BOM first: Windows PowerShell's ``>`` writes UTF-16) read as UTF-8
    lines, split at ``\n`` only as a UTF-8 file is. Before (s24-probe) its bytes were split at the byte 0x0A, which
    cuts UTF-16 characters: every record failed, with a line that does not exist. ``readline(size)`` returns at most
    ``size`` bytes of UTF-8, as a binary file's does, so a line is held to the byte limit of a UTF-8 one (a text
    readline counts characters: a line of Chinese three times over ``--max-doc-bytes`` was read whole)."""

    def __init__(self, handle, codec: str):
        self.text = io.TextIOWrapper(handle, encoding=codec, newline="\n")
        self.pending = b""  # UTF-8 bytes read from the file and not yet returned (the rest of a cut line)

    def readline(self, size: int = -1) -> bytes:
        if not self.pending.endswith(b"\n") and (size < 0 or len(self.pending) < size):
            # a character is at least one byte: this many fill ``size`` bytes, or end the line, or the file
            self.pending += self.text.readline(size - len(self.pending) if size >= 0 else -1).encode("utf-8")
        end = len(self.pending) if size < 0 else min(size, len(self.pending))
        line, self.pending = self.pending[:end], self.pending[end:]
        return line


def _opened_lines(handle):
    """``handle`` as ``jsonl_lines`` reads it: UTF-16/32 (by BOM) transcoded to UTF-8, any other file as it is."""
    start = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    codec = next((codec for bom, codec in BOMS if start.startswith(bom) and codec != "utf-8-sig"), None)
    return Utf16Lines(handle, codec) if codec else handle


def _jsonl_objects(item: Source, limits: ReadLimits) -> Iterator[tuple[str, str, object] | InputError]:
    source = str(item.path)
    try:
        handle = item.path.open("rb")
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None
    number = 0
    with handle:
        try:
            for number, entry in _jsonl_entries(item, _opened_lines(handle), limits):
                yield entry
        except UnicodeDecodeError as error:  # a UTF-16/32 file that breaks off: the lines before it are kept
            yield InputError(f"{source}:{number + 1}", f"not valid {error.encoding.upper()} after its byte order "
                                                       f"mark ({error.reason})")
    if not number:  # no line that is not blank: reported as an empty .txt or .json file is
        yield InputError(source, "file is empty")


def _jsonl_entries(item: Source, handle, limits: ReadLimits):
    """``(line number, entry)`` for each non-blank line of ``handle``: its object, or its error."""
    source = str(item.path)
    for number, raw in jsonl_lines(handle, source, limits):
        where = f"{source}:{number}"
        try:
            if isinstance(raw, InputError):
                raise raw
            yield number, _with_text(where, f"{item.id_base}:{number}", load_json(decode_bytes(raw, where), where),
                                     item.path)
        except InputError as error:
            yield number, error


def located(document: Document, location: str, origin: str) -> Document:
    document.location, document.origin = location, origin
    return document


def jsonl_lines(handle, source: str, limits: ReadLimits) -> Iterator[tuple[int, bytes | InputError]]:
    """``(line number, bytes)`` of each non-blank line; a line over the size limit is skipped unread."""
    cap = limits.max_document_bytes
    number = 0
    while raw := handle.readline(cap + 1):
        number += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            size = len(raw)
            while chunk := handle.readline(2**20):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield number, InputError(f"{source}:{number}", limits.too_big(size))
        elif raw.strip():
            yield number, raw


# --- paths and stdin ------------------------------------------------------------------------------------

# os.walk does not follow these (a link loop would never end; a second path would store files twice): say so
LINKED_FOLDER = "a link to a folder, not followed (name the folder itself to read it)"


def walk_folder(root: Path, suffixes=frozenset(DIRECTORY_SUFFIXES)) -> Iterator[Source | InputError]:
    """The article files (or the files of other ``suffixes``) under ``root`` in sorted order; a folder that cannot be
    read is reported, as is an entry with such a suffix that is not a regular file (a FIFO or device is never
    opened) and a link to a folder (not followed)."""
    errors: list[InputError] = []
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        errors.append(InputError(error.filename or str(root), f"cannot read folder: {error.strerror or error}"))

    hidden: list[Path] = []
    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        hidden.extend(_prune_hidden(folder, subfolders))
        errors.extend(InputError(os.path.join(folder, name), LINKED_FOLDER)
                      for name in subfolders if os.path.islink(os.path.join(folder, name)))
        for name in sorted(names):
            path = Path(folder, name)
            if path.suffix.lower() in suffixes:
                (hidden if name.startswith(".") else found).append(path)
    yield from errors
    if hidden:
        say_hidden(root, hidden)
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        if path.is_file():
            yield Source(path, root)
        elif not path.exists() and not path.is_symlink():
            yield InputError(str(path), "removed while the folder was read: skipped")
        else:
            yield InputError(str(path), "not a regular file (a FIFO, socket, device or broken link): skipped")


def _prune_hidden(folder: str, subfolders: list[str]) -> list[Path]:
    """Leave the hidden folders (a name that starts with '.') out of ``subfolders`` (os.walk's own list, sorted
    here); return their paths."""
    hidden = [Path(folder, name) for name in sorted(subfolders) if name.startswith(".")]
    subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
    return hidden


def say_hidden(root: Path, hidden: list[Path]) -> None:
    """One line for the hidden entries under ``root`` that were not read (files with a read suffix, folders: names
    starting with '.', as .git or .ipynb_checkpoints, whose copies of articles would be stored twice): skipped
    as ls and git skip them, but said, since a file put in the folder and not read is a surprise."""
    names = [str(path.relative_to(root)) for path in hidden]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    LOG.warning("%s: %d hidden %s skipped (a name that starts with '.': %s); name a file to read it", root,
                len(names), "entry" if len(names) == 1 else "entries", shown)


def expand_paths(paths: list[str]) -> Iterator[Source | InputError | str]:
    """Each file to read: folders are walked (article suffixes only), files kept, '-' passed on for stdin."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from walk_folder(path)
        elif not path.exists() and not path.is_symlink():
            yield InputError(raw, "no such file or directory")
        else:
            yield Source(path, path.parent)


def read_stdin_text(limits: ReadLimits | None = None, hint: str = "") -> str:
    """Standard input as text, within the one-document limit (``hint`` ends the message past it), decoded as files
    are (UTF-8, a BOM, GB18030/Big5)."""
    limits = limits or ReadLimits()
    data = sys.stdin.buffer.read(limits.max_document_bytes + 1)
    if len(data) > limits.max_document_bytes:
        raise InputError(STDIN, f"more than {limits.max_document_bytes:,} bytes, the limit for one document{hint}")
    return decode_bytes(data, STDIN)


# what may follow the bracket that opens a JSON text: stdin is read as JSON only then
JSON_SECOND = {"{": frozenset('"}'), "[": frozenset('{["-0123456789tfn]')}
AS_TEXT_HINT = " (stdin that starts with { or [ is read as JSON: save a plain-text article as a .txt file to read it)"


def looks_like_json(text: str) -> bool:
    """Whether stdin is JSON (or JSON Lines): it opens with ``{`` or ``[`` and goes on as only JSON can. A plain-text
    article that opens with a bracket (``[注] …``, ``{转载}``) was read as JSON and failed."""
    body = text.lstrip()
    if body[:1] not in JSON_SECOND:
        return False
    after = body[1:].lstrip()[:1]
    return not after or after in JSON_SECOND[body[0]]


def read_stdin(limits: ReadLimits | None = None) -> Iterator[Document | InputError]:
    text = read_stdin_text(limits, " (for many documents use a .jsonl file, or raise --max-doc-bytes)")
    if not looks_like_json(text):
        yield located(parse_text(text, STDIN), STDIN, STDIN)
        return
    try:
        objects = [(STDIN, load_json(text, STDIN))]
    except InputError:  # JSON Lines: split at \n only, as a .jsonl file is (str.splitlines() would also
        # split at U+2028, U+0085 and others that a JSON string may hold)
        objects = [(f"{STDIN}:{n}", line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    for where, obj in objects:
        try:
            obj = load_json(obj, where) if isinstance(obj, str) else obj
        except InputError as error:
            yield InputError(error.source, error.problem + AS_TEXT_HINT) if where == f"{STDIN}:1" else error
            continue
        for i, element in enumerate(obj if isinstance(obj, list) else [obj]):
            place = f"{where}[{i}]" if isinstance(obj, list) else where
            try:  # a bad element costs itself alone: the array's later elements are still read
                yield located(parse_json_object(element, place), place, STDIN)
            except InputError as error:
                yield error


def read_documents(paths: list[str], overrides: dict | None = None,
                   limits: ReadLimits | None = None) -> Iterator[Document | InputError]:
    """Yield each document, or the ``InputError`` for a source that failed, so a batch goes on.

    ``overrides`` (title, source, published, kind) replace what the file says. Every document carries
    ``location`` (file, with :LINE or [INDEX]) and ``origin`` (the file's absolute path, or <stdin>).
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    limits = limits or ReadLimits()
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            documents = read_stdin(limits) if item == "-" else read_source(item, limits)
            for document in documents:
                if isinstance(document, Document):
                    for key, value in overrides.items():
                        setattr(document, key, value)
                yield document
        except InputError as error:
            yield error
