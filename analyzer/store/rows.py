"""Records → table rows: one document row, its sentences, figures, mentions and figure links.

Figures and mentions point at their sentence by index into the batch's sentence list (``_sentence``);
the store swaps the index for the sentence's new id once the sentences are inserted.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from analyzer.extract.periods import parse_date
from analyzer.records import MENTION_KINDS, Record
from analyzer.store.base import MENTION_KIND, StoredRecord, text_hash
from analyzer.taxonomy import metric_key
from analyzer.text.sentences import split_sentences


@functools.lru_cache(maxsize=100_000)
def cached_metric_key(metric: str, place: str | None = None) -> str:
    return metric_key(metric, place)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")


def stored_published(published: str | None) -> tuple[str | None, str | None]:
    """``(date to store, form as written)``: an ISO date or date-time is stored as it is; 2025/05/26,
    2025年5月26日 or an RFC 2822 date as its ISO date (queries compare ISO strings), the written form kept."""
    if published is None or ISO_DATE.match(str(published)):
        return published, None
    parsed = parse_date(published)
    return (parsed.isoformat(), published) if parsed else (published, None)


def document_row(item: StoredRecord) -> dict:
    document = item.record.document
    meta = {k: v for k, v in document.doc_dict().items()
            if k not in ("id", "title", "source", "published", "kind", "url")}
    published, written = stored_published(document.published)
    if written:
        meta["published_as_written"] = written
    return {"doc_id": document.id, "content_hash": item.content_hash, "source": document.source,
            "published": published,
            "title": document.title, "kind": document.kind, "url": document.url, "meta": meta or None,
            "text": document.text, "extractor_version": item.extractor_version, "ingested_at": now_iso(),
            "origin": item.origin, "text_hash": text_hash(document.text)}


@dataclass
class RecordRows:
    sentences: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    figure_links: list[tuple[int, dict]] = field(default_factory=list)  # (index into figures, link row)


def record_rows(record: Record, document_id: int, sentence_base: int = 0, figure_base: int = 0) -> RecordRows:
    """Rows for one record; ``*_base`` offset the sentence and figure indexes into the batch's lists."""
    text = record.document.text
    spans = split_sentences(text)
    starts = [a for a, _ in spans]
    rows = RecordRows(sentences=[{"document_id": document_id, "start": a, "end": b, "text": text[a:b]}
                                 for a, b in spans])

    def sentence_of(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        return sentence_base + i if i >= 0 and offset < spans[i][1] else None

    for figure in record.figures:
        data = figure.to_dict()
        period = figure.period
        extra = {k: v for k, v in figure.extra.items()} or None
        rows.figures.append({
            "document_id": document_id, "_sentence": sentence_of(figure.start),
            "text": figure.text, "start": figure.start, "end": figure.end,
            "value": data["value"], "value_num": float(figure.value), "value_high": data["value_high"],
            "unit": figure.unit, "counter": figure.counter, "qualifier": figure.qualifier,
            "measure": figure.measure, "comparison": figure.comparison, "metric": figure.metric,
            "metric_key": cached_metric_key(figure.metric, figure.place) if figure.metric else None,
            "place": figure.place,
            "period_start": period.start if period else None, "period_end": period.end if period else None,
            "extra": extra,
        })
        for kind, names in (figure.links or {}).items():
            for name in dict.fromkeys(names):
                rows.figure_links.append((figure_base + len(rows.figures) - 1,
                                          {"document_id": document_id, "kind": MENTION_KIND.get(kind, kind),
                                           "name": name}))
    for kind in MENTION_KINDS:
        for mention in record.mentions(kind):
            rows.mentions.append({"document_id": document_id, "_sentence": sentence_of(mention.start),
                                  "kind": MENTION_KIND[kind], "name": mention.name, "text": mention.text,
                                  "start": mention.start, "end": mention.end,
                                  "in_taxonomy": mention.extra.get("in_taxonomy", True) is not False})
    return rows
