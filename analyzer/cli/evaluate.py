"""``analyzer eval``: score the pipeline (or saved predictions) against gold files."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analyzer.cli.common import checked_paths, fail, handle_errors, verbose_option
from analyzer.errors import safe_message
from analyzer.evaluate import Scores, format_report, score, score_links
from analyzer.io.gold import find_texts_dir, join_text, shape_problems, validate
from analyzer.extract.metric_boundary import add_metric_boundary
from analyzer.model.measure_model import add_measure_model
from analyzer.pipeline import Pipeline
from analyzer.records import Document

EMPTY_PREDICTION = {"figures": [], "policy_tools": [], "sectors": [], "institutions": []}


def _first_problem(record, strict: bool) -> str | None:
    """Why a record of a readable shape (``_checked``) cannot be scored: any record-format problem (``strict``, for
    gold files), else only what scoring needs — doc.id, and start/end on every figure and mention."""
    if strict:
        problems = validate(record)
        return problems[0] if problems else None
    if not (record.get("doc") or {}).get("id"):
        return "doc.id missing"
    for array in ("figures", "policy_tools", "sectors", "institutions"):
        for i, item in enumerate(record.get(array) or []):
            if not isinstance(item.get("start"), int) or not isinstance(item.get("end"), int):
                return f"{array}[{i}]: start/end missing"
    return None


def load_gold(path: str, strict: bool = True, bad: list[str] | None = None,
              seen: dict[str, str] | None = None) -> list[dict]:
    """All gold records under a directory (or one file), .json and .jsonl, sorted by path. A record that is not
    valid JSON or cannot be scored, or whose doc.id is one read before (``seen``: id → where, shared by the
    folders of one run), is one line, ``FILE[:LINE]: problem``, added to ``bad`` and left out (without ``bad``,
    the first stops the run). Gold files of outside text get their text back from ``../shared/data``
    (see ``analyzer.io.gold.join_text``)."""
    seen = {} if seen is None else seen
    root = Path(path)
    if not root.exists():
        fail(f"{path}: no such file or directory")
    files = sorted(root.rglob("*.json*")) if root.is_dir() else [root]
    records = []
    for file in files:
        for where, item in _read_records(file):
            record, problem = (None, item) if isinstance(item, str) else _checked(item, file, strict)
            doc_id = None if problem else str(record["doc"]["id"])
            if doc_id in seen:
                problem = f"doc.id {doc_id!r} repeats the record at {seen[doc_id]} (each document is scored once)"
            if problem is None:
                seen[doc_id] = where
                records.append(record)
            elif bad is None:
                fail(f"{where}: {problem}")
            else:
                bad.append(f"{where}: {problem}")
    return records


def _read_records(file: Path) -> list[tuple[str, dict | str]]:
    """(where, record) for each record of one .json or .jsonl file (other suffixes: none); where a record cannot
    be read, (where, the problem)."""
    if file.suffix not in (".json", ".jsonl"):
        return []
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return [(str(file), f"not UTF-8 text ({error.reason} at byte {error.start})")]
    if file.suffix == ".json":
        return [(str(file), _parsed(text, with_line=True))]
    return [(f"{file}:{number}", _parsed(line, with_line=False))
            for number, line in enumerate(text.split("\n"), 1) if line.strip()]


def _parsed(text: str, with_line: bool):
    """The JSON value of ``text``, or the problem as a string (its line within ``text`` only ``with_line``)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}" if with_line else f"column {error.colno}"
        return f"malformed JSON at {where}: {error.msg.removesuffix(' at')}"
    except RecursionError:
        return "JSON nested too deeply"
    except ValueError:  # the one other ValueError of json.loads: Python's limit on int() (was a traceback)
        return f"JSON holds an integer of more than {sys.get_int_max_str_digits():,} digits"


def _checked(record, file: Path, strict: bool) -> tuple[dict | None, str | None]:
    """``record`` (read from ``file``) with its text joined in, and why it cannot be scored (None: it can)."""
    shape = shape_problems(record)
    if shape:
        return None, shape[0]
    try:
        record = join_text(record, find_texts_dir(file))
    except ValueError as error:
        return None, str(error)
    return record, _first_problem(record, strict)


def saved_pairs(gold: list[dict], pred_dir: str, only_predicted: bool,
                bad: list[str] | None = None) -> list[tuple[dict, dict]]:
    """(gold, prediction) pairs from record files under ``pred_dir``; a gold document without one scores as empty.
    A prediction that cannot be read is a line in ``bad``."""
    predicted = {str(r["doc"]["id"]): r for r in load_gold(pred_dir, strict=False, bad=bad)}
    if only_predicted:
        gold = [g for g in gold if str(g["doc"]["id"]) in predicted]
    missing = [g["doc"]["id"] for g in gold if str(g["doc"]["id"]) not in predicted]
    if missing:
        click.echo(safe_message(f"warning: {len(missing)} gold documents have no prediction (scored as empty), e.g. "
                                f"{missing[0]}"),
                   err=True)
    return [(g, predicted.get(str(g["doc"]["id"]), EMPTY_PREDICTION | {"doc": g["doc"]})) for g in gold]


def pipeline_pairs(gold: list[dict], explain: bool = False, measure_model: str | None = None,
                   metric_boundary: str | None = None) -> list[tuple[dict, dict]]:
    """(gold, prediction) pairs from running the pipeline on each gold text; with ``explain`` each predicted
    figure carries its ``explain`` (attribute → rule and words), which the errors then name; ``measure_model`` adds
    the experimental measure classifier, ``metric_boundary`` the experimental metric boundary chooser."""
    pipeline = add_metric_boundary(add_measure_model(Pipeline(), measure_model), metric_boundary)
    pairs = []
    for g in gold:
        record = pipeline.analyze(Document.from_dict(g["doc"], g["text"]))
        pred = record.to_dict()
        if explain:
            for data, figure in zip(pred["figures"], record.figures):
                data["explain"] = figure.explain
        pairs.append((g, pred))
    return pairs


def render(scores: Scores, link_scores: dict, fmt: str, max_errors: int) -> str:
    """The report in ``fmt`` (text or json), with the link scores."""
    if fmt == "json":
        return json.dumps(scores.to_dict() | {"links": link_scores, "errors": scores.errors[:max_errors]},
                          ensure_ascii=False, indent=2)
    report = format_report(scores, max_errors)
    if link_scores:
        line = "links          " + "  ".join(f"{label} {link_scores[key]:.3f}" for label, key in
                                              (("P", "precision"), ("R", "recall"), ("F1", "f1")))
        head, _, tail = report.partition("\n\nfirst")
        report = head + "\n" + line + ("\n\nfirst" + tail if tail else "")
    return report


@click.command(name="eval")
@click.argument("gold_dirs", metavar="GOLD_DIR...", nargs=-1, required=True, callback=checked_paths)
@click.option("--pred", "pred_dir", help="Score saved predictions (record-format files, matched by doc.id) instead of running the pipeline.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--errors", "max_errors", type=click.IntRange(min=0), default=25, show_default=True, help="How many errors to list.")
@click.option("--only-predicted", is_flag=True,
              help="With --pred: score only the gold documents that have a prediction (annotator agreement).")
@click.option("--explain", is_flag=True,
              help="Name, on each wrong-attribute error, the rule that gave the predicted value and its words.")
@click.option("--measure-model", type=click.Path(exists=True, file_okay=False),
              help="Score with the experimental measure classifier added (`analyzer model train-measure`).")
@click.option("--metric-boundary", type=click.Path(exists=True, file_okay=False),
              help="Score with the experimental metric boundary chooser added (models/metric-boundary; "
                   "`analyzer model train-metric-boundary`).")
@verbose_option
@handle_errors
def eval_command(gold_dirs, pred_dir, fmt, max_errors, only_predicted, explain, measure_model, metric_boundary):
    """Score extraction against the gold files in GOLD_DIR: figure span P/R/F1, attribute accuracies,
    and P/R/F1 for policy tools, sectors and institutions, followed by the errors.

    Example: analyzer eval corpus/test

    Agreement of a second annotator with the first: analyzer eval real-gold/dev real-gold/test
    --pred real-gold/agreement --only-predicted

    Which rule made each error: analyzer eval corpus/dev --explain
    """
    if pred_dir and explain:
        fail("--explain needs the pipeline's own predictions (saved records carry no rules); drop --pred", 2)
    gold, bad = _gold_to_score(gold_dirs)
    if pred_dir:
        bad_predictions: list[str] = []
        pairs = saved_pairs(gold, pred_dir, only_predicted, bad_predictions)
        _name_bad(bad_predictions)
    else:
        bad_predictions, pairs = [], pipeline_pairs(gold, explain, measure_model, metric_boundary)
    scores = score(pairs)
    links = score_links([g for g, _ in pairs], [p for _, p in pairs])
    link_scores = {k: links[k] for k in ("precision", "recall", "f1") if k in links}
    click.echo(render(scores, link_scores, fmt, max_errors))
    if bad or bad_predictions:
        click.echo(_unread_note(bad, bad_predictions, len(pairs), only_predicted), err=True)
        raise SystemExit(1)


def _unread_note(bad: list[str], bad_predictions: list[str], scored: int, only_predicted: bool) -> str:
    """How many records could not be read and which gold documents the scores are of (``scored`` of them)."""
    unread = [f"{len(bad)} gold records"] if bad else []
    unread += [f"{len(bad_predictions)} predictions"] if bad_predictions else []
    if only_predicted:
        which = f"the {scored} gold records with a prediction read"
    elif bad:
        which = f"the other {scored} gold records"
    else:
        which = f"all {scored} gold records, a document whose prediction could not be read as having none"
    return f"Note: {' and '.join(unread)} could not be read (named above); the scores are of {which}"


def _name_bad(lines: list[str]) -> None:
    for line in lines:
        click.echo(f"Error: {safe_message(line)}", err=True)


def _gold_to_score(gold_dirs) -> tuple[list[dict], list[str]]:
    """The gold records of ``gold_dirs`` that can be scored, and one line for each that cannot (named on stderr);
    none to score stops the run."""
    bad: list[str] = []
    seen: dict[str, str] = {}
    gold = [record for gold_dir in gold_dirs for record in load_gold(gold_dir, bad=bad, seen=seen)]
    _name_bad(bad)
    if not gold:
        fail(f"{' '.join(gold_dirs)}: " + (f"no gold record to score ({len(bad)} bad)" if bad else
                                          "no gold records in .json/.jsonl files"), 2 if bad else 1)
    return gold, bad
