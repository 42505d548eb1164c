"""``analyzer extract``: analyze files and print their records."""
from __future__ import annotations

import sys

import click

from analyzer.cli.common import checked_paths, fail, format_option, handle_errors, report_failures, verbose_option
from analyzer.cli.engine import engine_options, use_dask
from analyzer.errors import InputError
from analyzer.extract.periods import parse_iso_date
from analyzer.io.readers import ReadLimits, read_documents
from analyzer.io.writers import FORMATS, RecordWriter
from analyzer.pipeline import Pipeline
from analyzer.records import Record
from analyzer.settings import DEFAULT_MAX_DOCUMENT_BYTES, Settings
from analyzer.taxonomy.english import english_record


def document_options(func):
    """Metadata options that override what the files say."""
    for option in reversed([
        click.option("--title", help="Document title (overrides the file's)."),
        click.option("--source", help="Publisher, e.g. 经济日报."),
        click.option("--published", help="Publication date YYYY-MM-DD; relative dates (今年, 去年9月) resolve against it."),
        click.option("--kind", type=click.Choice(["news", "policy_notice", "report", "speech", "other"])),
    ]):
        func = option(func)
    return func


def overrides(title=None, source=None, published=None, kind=None) -> dict:
    if published is not None:
        if parse_iso_date(published) is None:
            fail(f"--published {published!r} is not a date like 2025-05-26", 2)
    return {"title": title, "source": source, "published": published, "kind": kind}


def to_english(record: Record) -> Record:
    """The record with English names; figures keep their ``explain`` (not part of the record format)."""
    english = Record.from_dict(english_record(record.to_dict()))
    for figure, original in zip(english.figures, record.figures):
        figure.explain = original.explain
    return english


@click.command(name="extract")
@click.argument("paths", nargs=-1, required=True, callback=checked_paths)
@format_option(choices=(*FORMATS, "parquet"))
@document_options
@click.option("--candidates", is_flag=True, help="Also report tool-like names missing from the taxonomy.")
@click.option("--no-links", is_flag=True, help="Skip linking figures to tools, sectors and institutions.")
@click.option("--measure-model", type=click.Path(exists=True, file_okay=False),
              help="Experimental: a measure classifier (`analyzer model train-measure`) decides the measure where "
                   "the rules fell back to level. Off by default: it scores lower (README).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of tool, sector and institution names in the output.")
@click.option("--max-doc-bytes", type=click.IntRange(1, 2**40), default=DEFAULT_MAX_DOCUMENT_BYTES,
              show_default=True, help="Largest document (a file, a .jsonl line, stdin); bigger ones fail alone.")
@click.option("--out", "out_dir", metavar="DIR", help="With --format parquet: write one Parquet file a partition here.")
@click.option("--workers", "-w", type=click.IntRange(1), default=2, show_default=True,
              help="With --engine dask and no --scheduler: worker processes of the local cluster.")
@click.option("--explain", is_flag=True,
              help="Show, for each figure, the rule behind each attribute and the words it used.")
@engine_options
@verbose_option
@handle_errors
def extract_command(paths, fmt, title, source, published, kind, candidates, no_links, measure_model, lang,
                    max_doc_bytes, out_dir, workers, explain, engine, scheduler, partition_mb):
    """Extract figures, policy tools, sectors and institutions from PATHS (files, directories, or - for stdin).

    Reads .txt, .html, .json and .jsonl (record format v1 or flat objects with a "text" field), UTF-8 or GB18030.
    A file that cannot be read is reported on stderr and skipped; the exit code is 1 if some inputs failed,
    3 if all did.

    With --out DIR --format parquet (and --engine dask to run on a cluster) records go to partitioned Parquet
    files instead: one row a document, `ingest --records DIR` loads them.

    With --explain each figure shows which rule chose each attribute (measure, metric, period …) and from
    which words: indented lines under the figure in a table, an "explain" object per figure in JSON.

    Example: analyzer extract corpus/dev --format jsonl > records.jsonl
    """
    if out_dir or fmt == "parquet" or use_dask(engine, scheduler):
        # only here: the partitioned output needs the cluster engine and SQLAlchemy, which printing records does not
        from analyzer.cli.partitioned import extract_to_parquet
        if explain or measure_model:
            fail("--explain and --measure-model are for printed records, not Parquet output", 2)
        extract_to_parquet(list(paths), out_dir, fmt, engine=engine, scheduler=scheduler, workers=workers,
                           partition_mb=partition_mb, settings=Settings(links=not no_links, candidates=candidates,
                                             max_document_bytes=max_doc_bytes),
                           overrides=overrides(title, source, published, kind), lang=lang)
        return
    pipeline = _with_measure_model(Pipeline(Settings(links=not no_links, candidates=candidates)), measure_model)
    writer = RecordWriter(sys.stdout, fmt, explain=explain)
    errors = total = 0
    documents = read_documents(list(paths), overrides(title, source, published, kind),
                               ReadLimits(max_document_bytes=max_doc_bytes))
    for item in pipeline.analyze_many(documents):
        total += 1
        if isinstance(item, InputError):
            errors += 1
            click.echo(f"Error: {item}", err=True)
        else:
            writer.write(to_english(item) if lang == "en" else item)
    writer.close()
    report_failures(errors, total)


def _with_measure_model(pipeline: Pipeline, path: str | None) -> Pipeline:
    """The pipeline with the experimental measure classifier when ``--measure-model`` names one (imported only
    then: the model's modules are 3% of a cold start)."""
    if path is None:
        return pipeline
    from analyzer.model.measure_model import add_measure_model
    return add_measure_model(pipeline, path)
