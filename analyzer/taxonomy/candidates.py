"""Collect tool-like names missing from the taxonomy across documents (``analyzer taxonomy candidates``)."""
from __future__ import annotations

from collections.abc import Iterable

from analyzer.records import Document


def collect_candidates(documents: Iterable[Document], examples: int = 2, context: int = 12) -> list[dict]:
    """One row per candidate name: count, number of documents and a few example contexts, most frequent first."""
    from analyzer.extract.mentions import MentionFinder
    from analyzer.taxonomy import load_taxonomy
    from analyzer.text.normalize import normalize
    finder = MentionFinder(load_taxonomy())
    rows: dict[str, dict] = {}
    for document in documents:
        text = normalize(document.text)
        for mention in finder(text, document.text)["candidates"]:
            row = rows.setdefault(mention.name, {"name": mention.name, "count": 0, "documents": 0, "examples": [],
                                                 "_docs": set()})
            row["count"] += 1
            row["_docs"].add(document.id)
            if len(row["examples"]) < examples:
                snippet = document.text[max(0, mention.start - context):mention.end + context].replace("\n", " ")
                row["examples"].append(f"{document.id}: …{snippet}…")
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["count"], r["name"])):
        row["documents"] = len(row.pop("_docs"))
        out.append(row)
    return out
