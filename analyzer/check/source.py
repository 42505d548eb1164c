"""The claim's source sentence: an unverifiable figure read in the stored sentence its sibling figures were found in
(``source_sentence`` in claim_words.toml).

A claim's figures are most often taken from one sentence of one story. When a sibling figure of the claim agrees with
a stored figure (the sentence is an *anchor*), or when one stored sentence writes two or more of the claim's numbers
at its period (a *shared* sentence: the claim's source though the extractor named the statistic otherwise), that
sentence is where a figure the checker found no series for is looked up, whatever metric the extractor gave it:

- a stored figure of the same kind that agrees supports it (两成 for the sentence's 约20%);
- a range (21.99万至30.39万元) is supported by its two ends written in the sentence;
- a change (环比提高约15个百分点) by the step two readings of the sentence write (由23.30%上升至38.33%);
- a stored figure that writes the claim's very number as another measure or comparison shows the slip (较年初增长
  34.4% where the sentence's 34.4% is 较上年同期).

In the documents of those sentences, a figure named by the claim's name or its end (净卖出 for 自2021年4月以来最大规模的
净卖出) that agrees supports it too. Where a sentence lists one measure for several statistics (铜、铝、铅、锌…分别上涨…),
only the items that write the claim's other numbers may answer it, and its number written for another item is a
``wrong_metric``. Only figures at the claim's period (or undated, or within it) count; a number counts as written only
to the claim's precision or finer. A figure no sentence answers stays unverifiable: a plain other value never
contradicts it here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analyzer.check import slips as sl
from analyzer.check.dates import written_elsewhen
from analyzer.check.messages import say
from analyzer.check.precision import half
from analyzer.check.reading import claim_words
from analyzer.check.rows import row_figure, series_key
from analyzer.check.steps import steps
from analyzer.records import Figure

_ANY = re.compile(".*", re.S)  # two readings of one statistic in a sentence are a step whatever words join them


@dataclass
class Source:
    """A stored sentence the claim was taken from: its figures, and the metric keys of those that write the claim's
    numbers (the items of a list the claim speaks of)."""
    rows: list[dict]
    keys: frozenset


def source_sentences(checker, figures: list, verdicts: list) -> list:
    """The verdicts, with unverifiable figures answered by the claim's anchor or shared sentences (module doc)."""
    if not claim_words()["source_sentence"] or not any(v.verdict == "unverifiable" for v in verdicts):
        return verdicts
    sources = _anchors(checker, figures, verdicts) or _shared(checker, figures)
    if not sources:
        return verdicts
    return [_answered(checker, f, v, sources) if v.verdict == "unverifiable" else v for f, v in zip(figures, verdicts)]


def _anchors(checker, figures: list, verdicts: list) -> list[Source]:
    """The stored sentences, in the documents of the evidence that agrees with the claim's supported figures, that
    write one of those figures' numbers in its unit at its period (the evidence's own sentence among them)."""
    supported = [f for f, v in zip(figures, verdicts) if v.verdict == "supported"]
    documents = {e.doc_id for v in verdicts if v.verdict == "supported" for e in v.evidence if e.agrees}
    return _sources(_owned_rows(checker, documents), supported, 1, _same_digits)


def _shared(checker, figures: list) -> list[Source]:
    """The stored sentences that write ``min_shared`` or more of the claim's numbers at its period, in the documents
    whose sentences hold one of them written with ``min_digits`` digits or more."""
    rule = claim_words()["source_sentence"][0]
    searched = {_number(f) for f in figures if sum(c.isdigit() for c in _number(f)) >= rule["min_digits"]}
    if len(figures) < rule["min_shared"] or not searched:
        return []
    documents = {r["doc_id"] for n in sorted(searched) for r in checker.search_rows(n)}
    return _sources(_owned_rows(checker, documents), figures, rule["min_shared"], _writes)


def _owned_rows(checker, documents: set[str]) -> list[dict]:
    """The documents' stored figures less those of banks or firms the claim does not name (``anothers``): a sentence
    of 长江电力's results is no source of a claim about 三峡能源, though it writes both of the claim's numbers (W14
    ind-961)."""
    return [r for r in checker.document_rows(documents) if not checker.anothers(r)]


def _number(figure: Figure) -> str:
    return "".join(c for c in figure.text or "" if c.isdigit() or c == ".").strip(".")


def _sources(rows: list[dict], figures: list, least: int, writes) -> list[Source]:
    """The sentences of ``rows`` that write (``writes``) ``least`` or more of the figures' numbers in their units."""
    by_sentence: dict[tuple, list[dict]] = {}
    for row in rows:
        by_sentence.setdefault((row["doc_id"], row.get("sentence_start")), []).append(row)
    out = []
    for group in by_sentence.values():
        written = [(i, r) for i, f in enumerate(figures) for r in group
                   if sl.units_comparable(f, r["unit"], r.get("counter")) and writes(f, r)]
        if len({i for i, _ in written}) >= least:
            out.append(Source(group, _claims_items({r["metric_key"] for _, r in written}, figures)))
    return out


def _claims_items(keys: set, figures: list) -> frozenset:
    """Of the stored names that write the claim's numbers, those nearest the claim's own names (铝现货均价, not
    锌现货均价, for 国内铝价均价 where the sentence lists both): the items the claim speaks of."""
    names = [series_key(f.metric) or "" for f in figures]
    score = {k: max(_overlap(k or "", n) for n in names) for k in keys}
    best = max(score.values(), default=0)
    return frozenset(k for k in keys if score[k] == best)


def _overlap(a: str, b: str) -> float:
    """Share of characters two names have in common."""
    return sum(min(a.count(c), b.count(c)) for c in set(a)) / max(len(a), len(b), 1)


def _writes(figure: Figure, row: dict) -> bool:
    """The stored figure writes the claim's number, to the claim's precision or finer (1.89万 in 18946; not 1.75 in
    超2%), at its period (or is undated): a sentence found by the numbers alone must write them."""
    stored = row_figure(row)
    return abs(abs(figure.value) - abs(stored.value)) <= half(figure) and half(stored) <= half(figure) \
        and _in_period(figure, row)


def _same_digits(figure: Figure, row: dict) -> bool:
    """The stored figure writes the number of a claim's figure it was found to agree with, to either's precision, at
    its period: the evidence's sentence, or another of its document that repeats the number."""
    return sl.same_digits(figure, row_figure(row)) and _in_period(figure, row)


def _in_period(figure: Figure, row: dict) -> bool:
    """Undated (and no month or span written before it says another time: dates.written_elsewhen), or of the claim's
    period, or of a span within it (1日至24日 of 6月)."""
    start, end = str(row.get("period_start") or "")[:10], str(row.get("period_end") or "")[:10]
    period = figure.period
    if not end:
        return not written_elsewhen(period, row)
    return period is None or (period.start <= start and end <= period.end)


def _answered(checker, figure: Figure, verdict, sources: list[Source]):
    """The figure answered by the source sentences' figures of its place (``of_claim_place``)."""
    sources = _of_figure_place(checker, figure, sources)
    if not sources:
        return verdict
    documents = {source.rows[0]["doc_id"] for source in sources}
    named = _named(figure, [r for r in _owned_rows(checker, documents) if checker.of_claim_place(figure, r)])
    if named:
        return _supported(checker, figure, verdict, named)
    for source in sources:
        rows = _items(figure, source)
        found = _agreeing(figure, rows) or _range(figure, rows) or _step(figure, source.rows)
        if found:
            return _supported(checker, figure, verdict, found)
    for source in sources:
        slipped = _slipped(figure, source)
        if slipped:
            return _contradicted(checker, figure, verdict, *slipped)
    return verdict


def _of_figure_place(checker, figure: Figure, sources: list[Source]) -> list[Source]:
    """The sources less the figures of another place than the claim figure's (a province's for a national claim)."""
    kept = [Source([r for r in source.rows if checker.of_claim_place(figure, r)], source.keys) for source in sources]
    return [source for source in kept if source.rows]


def _items(figure: Figure, source: Source) -> list[dict]:
    """The sentence's figures at the claim's period that may be its: where the sentence lists several statistics of
    the claim's measure (铜、铝、铅、锌现货均价…分别上涨40.5%、33.5%、3.4%、22.1%), only those of the items that write
    the claim's other numbers."""
    rows = [r for r in source.rows if _in_period(figure, r)]
    return [r for r in rows if not _listed(figure, rows) or r["metric_key"] in source.keys]


def _listed(figure: Figure, rows: list[dict]) -> bool:
    """The rows give the claim's measure for two or more named statistics."""
    return len({r["metric_key"] for r in rows if r["metric_key"] and _kind(figure, r)}) > 1


def _kind(figure: Figure, row: dict) -> bool:
    return sl.units_comparable(figure, row["unit"], row.get("counter")) \
        and sl.measures_compatible(figure, row["measure"], row["unit"], loose=True)


def _named(figure: Figure, rows: list[dict]) -> list[dict]:
    """A figure of the source documents, named by the claim's name or its end (净卖出 for 自2021年4月以来最大规模的净卖出;
    专项再贷款额度 for 设备更新改造专项再贷款额度; ``min_tail`` characters at least), at the claim's period, that agrees."""
    key, least = series_key(figure.metric) or "", claim_words()["source_sentence"][0]["min_tail"]
    tied = [r for r in rows if _in_period(figure, r) and _tail_of(key, r["metric_key"] or "", least)]
    return _agreeing(figure, tied)


def _tail_of(key: str, other: str, least: int) -> bool:
    short, long = sorted((key, other), key=len)
    return len(short) >= least and long.endswith(short)


def _agreeing(figure: Figure, rows: list[dict]) -> list[dict]:
    """The first figure of its kind that agrees (a range only by its two ends: one price inside it is not it)."""
    if figure.value_high is not None:
        return []
    return next(([r] for r in rows if _kind(figure, r) and sl.agrees(figure, row_figure(r))
                  and sl.comparisons_agree(figure, r.get("comparison"), r.get("period_end"))), [])


def _range(figure: Figure, rows: list[dict]) -> list[dict]:
    """Both ends of the claim's range, written as two figures of its unit."""
    if figure.value_high is None:
        return []
    ends = [replace(figure, value=v, value_high=None, qualifier=None) for v in (figure.value, figure.value_high)]
    found = [next((r for r in rows if r["unit"] == figure.unit and sl.same_number(end, row_figure(r))), None)
             for end in ends]
    return found if all(found) else []


def _step(figure: Figure, rows: list[dict]) -> list[dict]:
    """Two readings of one statistic in the sentence, the later at the claim's period and the earlier before it
    (由三季度的23.30%上升至四季度的38.33%), whose step agrees with the claimed change."""
    if figure.measure != "change" or figure.period is None:
        return []
    for new in (r for r in rows if _in_period(figure, r) and r.get("period_start")):
        for old in rows:
            if old["metric_key"] == new["metric_key"] and old["unit"] == new["unit"] == "percent" \
                    and old["measure"] == new["measure"] and str(old.get("period_end") or "") < new["period_start"] \
                    and old.get("period_end") and _step_agrees(figure, old, new):
                return [old, new]
    return []


def _step_agrees(figure: Figure, old: dict, new: dict) -> bool:
    return any(sl.agrees(figure, s.change) for s in steps([old, new], [(_ANY, _ANY)]))


def _slipped(figure: Figure, source: Source) -> tuple[dict, str] | None:
    """The claim's number written in the sentence as another measure or comparison (the slip that names), or, in a
    list of statistics, as another item's (``wrong_metric``)."""
    if figure.qualifier in ("over", "under"):
        return None  # a bound traces no number
    rows = [r for r in source.rows if _in_period(figure, r)]
    for row in _items(figure, source):
        slip = sl.cross_measure_slip(figure, row_figure(row), row.get("period_end"))
        if slip:
            return row, slip
    other = [r for r in rows if r["metric_key"] not in source.keys and _kind(figure, r)
             and sl.same_number(figure, row_figure(r))]
    return (other[0], "wrong_metric") if other and _listed(figure, rows) else None


def _supported(checker, figure: Figure, verdict, rows: list[dict]):
    text = say("supported.source_sentence", checker.lang, cite=checker.cite(rows[0]),
               stored="、".join(r["text"] for r in rows), sentence=(rows[0].get("sentence") or "").strip(),
               said=figure.text)
    return replace(verdict, verdict="supported", slip=None, explanation=text,
                   evidence=[checker.evidence(r, figure) for r in rows])


def _contradicted(checker, figure: Figure, verdict, row: dict, slip: str):
    text = say("contradicted.source_sentence", checker.lang, cite=checker.cite(row), stored=row["text"],
               sentence=(row.get("sentence") or "").strip(), said=figure.text, slip=slip)
    return replace(verdict, verdict="contradicted", slip=slip, explanation=text,
                   evidence=[checker.evidence(row, figure)])
