"""A claim's figures read together: an unverifiable figure answered by an undated stored figure of the document that
supports the claim's other figures (``undated_in_source`` in claim_words.toml), of the claim's banks or firms and
place as any figure found by context."""
from __future__ import annotations

from dataclasses import replace

from analyzer.check.messages import say
from analyzer.check.reading import claim_words
from analyzer.check.rows import row_figure
from analyzer.check.slips import agrees
from analyzer.normalize import normalize


def undated_in_source(checker, figures: list, verdicts: list) -> list:
    """The verdicts, with unverifiable figures supported by an agreeing undated figure of their siblings' source."""
    sources = {e.doc_id for v in verdicts if v.verdict == "supported" and v.figure.get("period")
               for e in v.evidence if e.agrees}
    if not sources:
        return verdicts
    rows = [r for r in checker.document_rows(sources) if not r.get("period_start") and not checker.anothers(r)]
    return [_from_source(checker, f, v, rows) if v.verdict == "unverifiable" else v for f, v in zip(figures, verdicts)]


def _from_source(checker, figure, verdict, rows: list[dict]):
    name = normalize(figure.metric or "")
    if len(name) < claim_words()["undated_in_source"] or figure.period is None:
        return verdict
    row = next((r for r in rows if normalize(r.get("metric_key") or "").endswith(name)
                and checker.of_claim_place(figure, r)
                and r["unit"] == figure.unit and r["measure"] == figure.measure
                and agrees(figure, row_figure(r))), None)
    if row is None:
        return verdict
    text = say("supported.undated_in_source", checker.lang, cite=checker.cite(row), stored=row["text"],
               said=figure.text)
    return replace(verdict, verdict="supported", slip=None, explanation=text, evidence=[checker.evidence(row, figure)])
