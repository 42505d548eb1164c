"""Collect names missing from the taxonomy across documents (``analyzer taxonomy candidates``): tool-like names
(…再贷款, …支持工具, …机制), tools read by the tool-name grammar (养老服务消费补贴), sectors read by the sector
grammar (电炉钢行业) and institutions read by the organisation grammar (mentions with ``in_taxonomy: false``)."""
from __future__ import annotations

from collections.abc import Iterable

from analyzer.extract.mentions import MentionFinder
from analyzer.records import Document
from analyzer.taxonomy import load_taxonomy
from analyzer.text.debris import clean
from analyzer.normalize import normalize


def collect_candidates(documents: Iterable[Document], examples: int = 2, context: int = 12) -> list[dict]:
    """One row per candidate (kind, name): count, number of documents and a few example contexts, most frequent
    first."""
    finder = MentionFinder(load_taxonomy())
    rows: dict[tuple[str, str], dict] = {}
    for document in documents:
        cleaned = clean(document.text)
        found = finder(normalize(cleaned.text), cleaned.text)
        outside = [m for m in found["institutions"] if m.extra.get("in_taxonomy") is False]
        tools = [m for m in found["policy_tools"] if m.extra.get("in_taxonomy") is False]
        sectors = [m for m in found["sectors"] if m.extra.get("in_taxonomy") is False]
        for kind, mentions in (("policy_tools", found["candidates"] + tools), ("sectors", sectors),
                               ("institutions", outside)):
            for mention in mentions:
                start, end = cleaned.span(mention.start, mention.end)
                _count(rows, kind, mention.name, document, document.text[max(0, start - context):end + context],
                       examples)
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["count"], r["kind"], r["name"])):
        row["documents"] = len(row.pop("_docs"))
        out.append(row)
    return out


def _count(rows: dict, kind: str, name: str, document: Document, snippet: str, examples: int) -> None:
    row = rows.setdefault((kind, name), {"kind": kind, "name": name, "count": 0, "documents": 0, "examples": [],
                                         "_docs": set()})
    row["count"] += 1
    row["_docs"].add(document.id)
    if len(row["examples"]) < examples:
        row["examples"].append(f"{document.id}: …{snippet.replace(chr(10), ' ')}…")
