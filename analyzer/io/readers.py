"""Read documents from txt, html, json/jsonl files, directories and stdin.

Every reader yields ``Document`` objects or raises ``InputError`` naming the file and the problem.
Text files may be UTF-8 (with or without BOM) or GB18030/GBK, detected with charset-normalizer.
A .txt file may start with a header block of ``key: value`` lines (title, source, published, kind, url, id)
followed by a blank line.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from analyzer.errors import InputError
from analyzer.records import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
# a directory is read for articles: .txt, .html, .json, .jsonl (not READMEs, notes or files without a suffix)
DIRECTORY_SUFFIXES = {".txt", ".text"} | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
HEADER_KEYS = {"id", "title", "source", "published", "kind", "url", "标题", "来源", "日期", "发布日期"}
HEADER_ALIASES = {"标题": "title", "来源": "source", "日期": "published", "发布日期": "published"}
MAX_BYTES = 200 * 1024 * 1024


def decode_bytes(data: bytes, source: str) -> str:
    """Decode UTF-8 (BOM or not) or GB18030; refuse binary data with a clear message."""
    if not data.strip():
        raise InputError(source, "file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(source, "looks like a binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot decode as UTF-8 or GB18030 (not a text file?)")
    return str(best)


def _doc_id(source: str, text: str) -> str:
    stem = Path(source).stem if source != "-" else "stdin"
    return f"{stem}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}" if source == "-" else stem


def parse_text(text: str, source: str) -> Document:
    """A plain-text document, with an optional ``key: value`` header block."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    body_start = 0
    for i, line in enumerate(lines):
        match = re.match(r"^\s*([A-Za-z\u4e00-\u9fff]+)\s*[:：]\s*(.*?)\s*$", line)
        if match and match.group(1).lower() in HEADER_KEYS:
            meta[HEADER_ALIASES.get(match.group(1), match.group(1).lower())] = match.group(2)
            continue
        if not line.strip() and meta:
            body_start = i + 1
        break
    body = "\n".join(lines[body_start:]) if meta and body_start else text
    if not body.strip():
        raise InputError(source, "no text after the header block")
    doc_id = meta.pop("id", None) or _doc_id(source, body)
    return Document(id=doc_id, text=body, **meta)


def parse_html(html: str, source: str) -> Document:
    """Main text, title and date of an HTML page, via trafilatura."""
    import trafilatura
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise InputError(source, "no main text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    return Document(id=_doc_id(source, text), text=text,
                    title=getattr(meta, "title", None), source=getattr(meta, "sitename", None),
                    published=getattr(meta, "date", None), url=getattr(meta, "url", None))


def parse_json_object(obj, source: str) -> Document:
    """A record-format v1 object, or a flat object with ``text`` and metadata keys."""
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "JSON object has no non-empty 'text' field")
    if isinstance(obj.get("doc"), dict):
        doc = obj["doc"]
    else:  # flat records such as {"id", "title", "published", "text", ...}
        doc = {k: v for k, v in obj.items() if k != "text" and not isinstance(v, (list, dict))}
    if doc.get("id") is None:
        doc = {"id": _doc_id(source, text), **doc}
    return Document.from_dict(doc, text)


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Yield the documents of one file (a .jsonl file holds many); raise InputError if it cannot be read."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None
    if size > MAX_BYTES and path.suffix.lower() not in JSONL_SUFFIXES:
        raise InputError(source, f"file is {size // 2**20} MiB; split it or use .jsonl (limit {MAX_BYTES // 2**20} MiB)")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None
    text = decode_bytes(data, source)
    if suffix in JSON_SUFFIXES:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(source, f"malformed JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
        for i, item in enumerate(obj if isinstance(obj, list) else [obj]):
            yield parse_json_object(item, source if not isinstance(obj, list) else f"{source}[{i}]")
    elif suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        yield parse_html(text, source)
    else:
        yield parse_text(text, source)


def read_jsonl(path: Path) -> Iterator[Document | InputError]:
    """Stream a .jsonl file line by line; a bad line yields an error naming file and line, and reading goes on."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                obj = json.loads(decode_bytes(raw, where))
                yield parse_json_object(obj, where)
            except json.JSONDecodeError as error:
                yield InputError(where, f"malformed JSON: {error.msg}")
            except InputError as error:
                yield error


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Expand directories recursively (sorted, readable suffixes only); keep files and '-' as given."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in DIRECTORY_SUFFIXES and not child.name.startswith("."):
                    yield str(child)
        else:
            yield raw


def read_stdin() -> Iterator[Document]:
    data = sys.stdin.buffer.read()
    text = decode_bytes(data, "<stdin>")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        lines = [line for line in text.splitlines() if line.strip()]
        try:
            objs = [json.loads(text)]
        except json.JSONDecodeError:
            try:
                objs = [json.loads(line) for line in lines]
            except json.JSONDecodeError as error:
                raise InputError("<stdin>", f"malformed JSON: {error.msg}") from None
        for obj in objs:
            yield parse_json_object(obj, "<stdin>")
    else:
        yield parse_text(text, "-")


def read_documents(paths: list[str], overrides: dict | None = None) -> Iterator[Document | InputError]:
    """Yield each document, or the ``InputError`` for a source that failed, so a batch goes on.

    ``overrides`` (title, source, published, kind) replace what the file says.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    for raw in expand_paths(paths):
        try:
            if raw != "-" and not Path(raw).exists():
                raise InputError(raw, "no such file or directory")
            documents = read_stdin() if raw == "-" else read_path(Path(raw))
            for document in documents:
                if isinstance(document, InputError):
                    yield document
                    continue
                for key, value in overrides.items():
                    setattr(document, key, value)
                yield document
        except InputError as error:
            yield error
