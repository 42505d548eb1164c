"""``analyzer check``: verdicts for the figures of a claim against the store, and consistency checks within a text."""
from __future__ import annotations

import dataclasses
import json
import sys
import tempfile

import click

from analyzer.check import any_contradicted, check_claim, check_consistency
from analyzer.check.claimset import SPLITS, claim_set_store, claims_of_split, read_claims, score_claims
from analyzer.check.consistency import check_growth_with_store
from analyzer.check.markdown import render_markdown
from analyzer.check.messages import say
from analyzer.check.reading import prepare_claim
from analyzer.cli import main
from analyzer.cli.common import FiniteRange, checked_paths, fail, handle_errors, verbose_option
from analyzer.cli.extract import overrides
from analyzer.errors import InputError, StoreError, one_line
from analyzer.io.readers import read_documents, read_stdin_text
from analyzer.io.writers import format_table
from analyzer.pipeline import Pipeline
from analyzer.records import Document
from analyzer.store import open_store
from analyzer.wording import LANGS

EXIT_CONTRADICTED = 1


def _read_input(claim: str | None, file: str | None, published: str | None):
    """The document to check: the CLAIM text (``-`` reads stdin) or the ``--file`` (``-`` for stdin)."""
    if claim is not None and file is not None:
        fail("give either CLAIM or --file, not both", 2)
    if claim is None and file is None:
        fail("nothing to check: give a CLAIM, - for stdin, or --file ARTICLE", 2)
    if claim is not None and claim != "-":
        return Document(id="claim", text=claim, published=published)
    if claim == "-":
        return Document(id="claim", text=_read_stdin_claim(), published=published)
    documents = list(read_documents([file], {"published": published}))
    if not documents:
        fail(f"{file}: no text found", 2)
    if isinstance(documents[0], InputError):
        fail(str(documents[0]), 2)
    document = documents[0]
    if len(documents) > 1:
        click.echo(f"Note: {file} holds {len(documents)} documents; checking the first", err=True)
    return document


def _read_stdin_claim() -> str:
    """The claim on stdin, within the one-document limit that ``--file -`` and ``ingest -`` keep, decoded as they
    decode it (UTF-8, a BOM, GB18030/Big5)."""
    try:
        return read_stdin_text()
    except InputError as error:
        fail(str(error), 2)


def _period(period: dict | None) -> str:
    if not period:
        return ""
    return period["end"] if period["start"] == period["end"] else f"{period['start']}..{period['end']}"


def _evidence_lines(e, lang: str) -> list[str]:
    mark = "" if e.agrees is None else ("✓ " if e.agrees else "✗ ")
    title = f"《{e.title}》" if e.title else ""
    source = e.source or say("unknown.source", lang)
    date = e.published or say("unknown.date", lang)
    lines = [f"    {mark}{source}{title} {date} doc={e.doc_id} "
             f"[{e.start}:{e.end}] {e.text} (= {e.value}{'..' + e.value_high if e.value_high else ''} {e.unit}, "
             f"{e.measure}, {_period(e.period)})"]
    if e.sentence:
        lines.append(f"      “{e.sentence.strip()}”")
    return lines


def _verdict_lines(verdicts, lang: str) -> list[str]:
    rows = [{"#": i, "figure": v.figure["text"], "metric": v.figure.get("metric"),
             "period": _period(v.figure.get("period")), "measure": v.figure.get("measure"),
             "verdict": say(f"label.{v.verdict}", lang), "slip": v.slip or ""} for i, v in enumerate(verdicts, 1)]
    out = [format_table(rows, max_width=30) if rows else say("table.no_figures", lang)]
    for i, v in enumerate(verdicts, 1):
        out.append(f"\n[{i}] {v.explanation}")
        for e in v.evidence:
            out += _evidence_lines(e, lang)
    return out


def _consistency_lines(consistency, lang: str, after_verdicts: bool) -> list[str]:
    out = [("\n" if after_verdicts else "") + say("table.consistency", lang)]
    if not consistency:
        out.append("  " + say("table.nothing_to_check", lang))
    for r in consistency:
        spans = ", ".join(f"{f['text']}[{f['start']}:{f['end']}]" for f in r.figures)
        out.append(f"  {say(f'label.{r.status}', lang):<6} {r.kind:<6} {r.arithmetic}")
        out.append(f"         {spans}" + (f"  — {r.note}" if r.note else ""))
    return out


def render_table(verdicts, consistency, lang: str) -> str:
    out = []
    if verdicts is not None:
        out += _verdict_lines(verdicts, lang)
    if consistency is not None:
        out += _consistency_lines(consistency, lang, verdicts is not None)
    lines = "\n".join(out).split("\n")  # no stored ESC sequence reaches the terminal
    return "\n".join(one_line(line) for line in lines).lstrip("\n")


def _read_claim_set(path: str) -> tuple[list[dict], int]:
    """The good claims of the set and how many lines failed, each failed line named on stderr (FILE:LINE); exit 2
    when no line holds a claim."""
    claims, errors = read_claims(path)
    for error in errors:
        click.echo(f"Error: {one_line(str(error))}", err=True)
    if not claims:
        fail(f"{path}: no claim to score" + (f" ({len(errors)} bad lines)" if errors else ""), 2)
    if errors:
        click.echo(f"Note: {len(errors)} lines of {path} were not scored; the scores are of the "
                   f"{len(claims)} others", err=True)
    return claims, len(errors)


def score_claim_set(path: str, sources: dict, db_url: str | None, min_accuracy: float, fmt: str,
                    lang: str, split: str | None = None, misses: bool = True) -> None:
    """Score the checker on a claim set (only its ``split`` half when given) against a fresh store of ``sources``
    (corpus, shared data, references) or against the database at ``db_url``. Misses of held-out (``split``
    test) claims are never listed; ``misses=False`` lists none. The store holds the documents of the whole set, so a
    half scores the same as in the quality gate, whichever half is asked for."""
    every_claim, failed = _read_claim_set(path)
    claims = claims_of_split(every_claim, split)
    with tempfile.TemporaryDirectory(prefix="claimset-") as directory:
        if any(sources.values()):
            store = claim_set_store(every_claim, directory, **sources)
        else:
            store = open_store(db_url, create=False)
        try:
            score = score_claims(claims, store, lang)
        finally:
            store.close()
    if fmt == "json":
        click.echo(json.dumps(score.to_dict(misses), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(score.lines(misses)))
    if score.accuracy < min_accuracy or failed:
        sys.exit(EXIT_CONTRADICTED)


@main.command(name="check")
@click.argument("claim", required=False)
@click.option("--file", "file", metavar="ARTICLE", callback=checked_paths,
              help="Check every figure of an article (- for stdin).")
@click.option("--published", metavar="DATE", help="Date the claim was made; relative dates (今年, 一季度末) resolve against it.")
@click.option("--db", "db_url", metavar="URL",
              help="Database: a SQLite path or URL, or postgresql://user:pass@host/db "
                   "[default: $ANALYZER_DB, else ./analyzer.db].")
@click.option("--consistency", is_flag=True,
              help="Only check the text's figures against each other (growth vs levels, share vs part and total, "
                   "由A降至B vs the stated change, parts vs sum); no database is needed.")
@click.option("--with-consistency", is_flag=True,
              help="Run the consistency checks as well as the verdicts; a growth rate is then also checked against "
                   "stored levels when the text states only one of them (or none).")
@click.option("--claim-set", metavar="JSONL",
              help="Score the checker on a claim set (claim, published, expected verdict and slip per line) "
                   "instead of checking one claim; prints verdict and slip accuracy.")
@click.option("--corpus", metavar="DIR",
              help="With --claim-set: ingest DIR into a fresh temporary store and score against it (instead of --db).")
@click.option("--shared-data", metavar="DIR",
              help="With --claim-set: also ingest the documents the claims' source_doc fields name, read from the "
                   "*.jsonl files in DIR (e.g. ../shared/data; only those ids are loaded).")
@click.option("--reference", "references", metavar="FILE.csv", multiple=True,
              help="With --claim-set: also import this official reference table into the temporary store.")
@click.option("--split", type=click.Choice(SPLITS), default=None,
              help="With --claim-set: score only the claims of this half (their 'split' field). Misses of the "
                   "test half are never listed.")
@click.option("--no-misses", is_flag=True, help="With --claim-set: print the scores only, no missed claims.")
@click.option("--min-accuracy", type=FiniteRange(0, 1), default=0.9, show_default=True,
              help="With --claim-set: exit 1 when verdict accuracy is below this.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help="Output format; markdown writes a fact-check box to paste into a draft.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="Language of the explanations.")
@verbose_option
@handle_errors
def check_command(claim, file, published, db_url, consistency, with_consistency, claim_set, corpus, shared_data,
                  references, split, no_misses, min_accuracy, fmt, lang):
    """Check the numbers of CLAIM (or --file ARTICLE; - reads stdin) against the stored records.

    Each figure the analyzer finds is compared with stored figures of the same metric, period, measure and unit,
    allowing for the claim's precision (35万亿 covers 35.3万亿) and qualifier (超过, 近, 约). Verdicts:
    supported, contradicted (naming the slip: percent_vs_point, bp_vs_point, scale for 亿 vs 万亿 or 户 vs 万户,
    direction, growth_as_level, level_as_growth, ytd_as_yoy, wrong_period, wrong_metric, or value), or
    unverifiable (with the nearest stored periods and metrics). Official reference series (`analyzer reference
    import`) rank above news reports. Each verdict cites its evidence: source, title, date, sentence, link and
    stored value, and says why evidence written under another name is the same series.

    With --consistency the text's figures are checked against each other instead, with the arithmetic shown.
    With --claim-set FILE (and --corpus DIR, --shared-data DIR, --reference FILE.csv, or --db URL) the checker
    is scored on a labelled claim set: verdict accuracy and slip accuracy (--split dev|test scores one half;
    the test half's misses are never listed, --no-misses lists none).

    With --format markdown a fact-check box (claim, verdict, evidence with source, date, sentence and link) is
    written, ready to paste into an article draft.

    Exit code: 0 when nothing is contradicted (or inconsistent), 1 when something is (with --claim-set: when
    verdict accuracy is below --min-accuracy), 2 for usage errors and an empty database.

    Example: analyzer check "截至今年一季度末，普惠小微贷款余额超过35万亿元，同比增长12.5%" --published 2025-05-26
    """
    overrides(published=published)  # validates the date
    if claim_set:
        if claim is not None or file is not None:  # before (s25-probe2): the claim was ignored without a word
            fail("--claim-set scores a claim set; give either CLAIM/--file or --claim-set, not both", 2)
        sources = {"corpus": corpus, "shared_data": shared_data, "references": list(references)}
        score_claim_set(claim_set, sources, db_url, min_accuracy, fmt, lang, split, not no_misses)
        return
    document = _read_input(claim, file, published)
    if not document.text.strip():
        fail("the claim is empty: nothing to check (give a CLAIM, - for stdin, or --file ARTICLE)", 2)
    record = Pipeline().analyze(dataclasses.replace(document, text=prepare_claim(document.text)))
    if consistency:
        verdicts, results = None, check_consistency(record)
    else:
        verdicts, results = check_against_store(record, db_url, with_consistency, lang)
    bad = (verdicts is not None and any_contradicted(verdicts)) or \
          (results is not None and any(not r.ok for r in results))
    click.echo(render(document, verdicts, results, bad, fmt, lang), nl=False)
    if bad:
        sys.exit(EXIT_CONTRADICTED)


def _filled_store(db_url: str | None):
    """The store at ``db_url``; exit 2 where there is none or it holds no documents."""
    try:
        store = open_store(db_url, create=False)
    except StoreError as error:  # no store there: it holds no documents (and none is created)
        fail(f"{error}; it holds no documents (or use --consistency, which needs none)", 2)
    if not store.counts().get("documents"):
        store.close()
        fail(f"the database {store.display_url} holds no documents: fill it with `analyzer ingest` "
             "(or use --consistency, which needs none)", 2)
    return store


def check_against_store(record, db_url: str | None, with_consistency: bool, lang: str):
    """The verdicts of the record's figures, and with ``with_consistency`` its consistency checks (a growth rate
    also against stored levels)."""
    store = _filled_store(db_url)
    try:
        verdicts = check_claim(record, store, lang=lang)
        results = check_consistency(record) + check_growth_with_store(record, store) if with_consistency else None
    finally:
        store.close()
    return verdicts, results


def render(document, verdicts, results, bad: bool, fmt: str, lang: str) -> str:
    """The check's output in ``fmt``: json, markdown (a fact-check box) or a table."""
    if fmt == "json":
        data = {"text": document.text, "published": document.published, "contradicted": bad}
        if verdicts is not None:
            data["verdicts"] = [v.to_dict() for v in verdicts]
        if results is not None:
            data["consistency"] = [r.to_dict() for r in results]
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "markdown":
        box = render_markdown(document.text, verdicts or [], document.published, lang)
        return box + ("\n" + render_table(None, results, lang) + "\n" if results is not None else "")
    return render_table(verdicts, results, lang) + "\n"
