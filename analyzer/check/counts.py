"""Counts of kinds in a claim (监测的50种重要生产资料中有37种价格上涨，12种下降): the whole a count is out of, and
the direction the counted kinds moved (``kind_count`` in ``claim_words.toml``).

- The whole (50种 before 中有 and a count of the same unit) is the list the statistic is taken over, not a figure of
  the statistic: it is supported by the same number in a document that the parts were checked against, and is
  otherwise unverifiable, never contradicted by a part.
- A count written in words that opens its clause (两项直达工具覆盖…) counts what the claim is about: where nothing
  stored answers it, it is supported by a document the claim's other figures agree with that writes it.
- A count whose stored sentence says the opposite direction right after the number (34种价格上涨 for the release's
  13种上涨，34种下降) has the direction wrong.
"""
from __future__ import annotations

import re
from dataclasses import replace

from analyzer.check.messages import say
from analyzer.check.reading import claim_words, opposite_direction
from analyzer.check.rows import row_figure
from analyzer.check.slips import agrees

_CLAUSE_END = re.compile(r"[，,、。；;！？]")


def _clause_after(text: str, end: int) -> str:
    rest = text[end:end + 12]
    stop = _CLAUSE_END.search(rest)
    return rest[:stop.start()] if stop else rest


def wholes(text: str, figures: list) -> set[int]:
    """The indexes of figures that are the whole the next figure (a count of the same unit) is out of."""
    found = set()
    for index, (figure, after) in enumerate(zip(figures, figures[1:])):
        between = text[figure.end:after.start]
        word = next((w for w in claim_words()["whole_words"] if between.endswith(w)), None)
        if figure.unit == after.unit and word and not _CLAUSE_END.search(between[:-len(word)]):
            found.add(index)
    return found


def subject_counts(text: str, figures: list) -> set[int]:
    """The indexes of counts written in words that open their clause before what the claim is about (两项直达工具覆盖…,
    六家超大规模计算商今年…: ``subject_count`` in claim_words.toml)."""
    pattern = claim_words()["subject_count"]
    return {i for i, f in enumerate(figures) if f.unit == "count" and pattern.fullmatch(f.text or "")
            and not text[_clause_start(text, f.start):f.start].strip()}


def _clause_start(text: str, position: int) -> int:
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, position)]
    return ends[-1] if ends else 0


def check_counts(checker, text: str, figures: list, verdicts: list) -> list:
    """The verdicts with wholes, subject counts and counts' directions read (see the module's doc)."""
    out = [_direction(checker, text, f, v) if f.unit == "count" else v for f, v in zip(figures, verdicts)]
    for index in wholes(text, figures):
        out[index] = _whole(checker, figures[index], out[index], out)
    for index in subject_counts(text, figures):
        out[index] = _subject_count(checker, figures[index], out[index], out)
    return out


def _subject_count(checker, figure, verdict, verdicts: list):
    """An unverifiable subject count is supported where a document the claim's other figures agree with writes it."""
    finder = getattr(checker.store, "documents_mentioning", None)
    if verdict.verdict != "unverifiable" or finder is None:
        return verdict
    sources = [e for v in verdicts if v is not verdict and v.verdict == "supported" for e in v.evidence if e.agrees]
    written = finder([figure.text]) if sources else set()
    found = next((e for e in sources if e.doc_id in written), None)
    if found is None:
        return verdict
    cite = checker.cite({"doc_id": found.doc_id, "source": found.source, "published": found.published})
    return replace(verdict, verdict="supported", slip=None, evidence=[],
                   explanation=say("supported.subject_count", checker.lang, cite=cite, said=figure.text))


def _direction(checker, text: str, figure, verdict):
    evidence = next((e for e in verdict.evidence if e.agrees), None) if verdict.verdict == "supported" else None
    if evidence is None:
        return verdict
    row = next((r for r in checker.document_rows({evidence.doc_id}) if r["start"] == evidence.start), None)
    if row is None or not row.get("sentence"):
        return verdict
    said = _clause_after(text, figure.end)
    stored = _clause_after(row["sentence"], row["end"] - (row.get("sentence_start") or 0))
    if not opposite_direction(said, stored):
        return verdict
    explanation = say("contradicted.reversed", checker.lang, cite=checker.cite(row), stored=row["text"] + stored,
                      said=figure.text + said)
    return replace(verdict, verdict="contradicted", slip="direction", explanation=explanation)


def _whole(checker, figure, verdict, verdicts: list):
    documents = {e.doc_id for v in verdicts if v is not verdict for e in v.evidence}
    for row in checker.document_rows(documents):
        if row["unit"] == figure.unit and agrees(figure, row_figure(row)):
            explanation = say("supported.whole", checker.lang, cite=checker.cite(row), stored=row["text"],
                              said=figure.text)
            return replace(verdict, verdict="supported", slip=None, explanation=explanation,
                           evidence=[checker.evidence(row, figure)])
    if verdict.verdict != "contradicted":
        return verdict
    return replace(verdict, verdict="unverifiable", slip=None, evidence=[],
                   explanation=say("unverifiable.whole", checker.lang, said=figure.text))
