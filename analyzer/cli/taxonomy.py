"""``analyzer taxonomy``: list and show taxonomy entries, and collect candidate tool names from a corpus."""
from __future__ import annotations

import json
import sys

import click

from analyzer.analysis.candidates import collect_candidates
from analyzer.cli.common import checked_paths, fail, handle_errors, report_failures, verbose_option
from analyzer.io import gold
from analyzer.io.readers import read_documents
from analyzer.io.rows import write_rows
from analyzer.taxonomy import KINDS, load_taxonomy

LIST_FORMATS = ("table", "json", "jsonl", "csv")


def _write_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    """Lists (aliases) are joined for tables and CSV; JSON keeps them as lists."""
    if fmt in ("table", "csv"):
        rows = [{k: "、".join(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows]
    write_rows(rows, columns if fmt in ("table", "csv") else list(rows[0]) if rows else columns, fmt, sys.stdout)


@click.group(name="taxonomy")
def taxonomy_group() -> None:
    """Browse the taxonomy of policy tools, sectors, institutions and metrics.

    Example: analyzer taxonomy list --kind tools --lang en
    """


@taxonomy_group.command(name="list")
@click.option("--kind", type=click.Choice(KINDS), help="Only entries of this kind.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of names.")
@click.option("--format", "-f", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@verbose_option
@handle_errors
def list_command(kind, lang, fmt):
    """List taxonomy entries: id, kind, name, category and aliases.

    Example: analyzer taxonomy list --kind institutions --format csv
    """
    entries = load_taxonomy().of_kind(kind) if kind else list(load_taxonomy())
    rows = [{"id": e.id, "kind": e.kind, "name": e.name_en if lang == "en" else e.name, "category": e.category,
             "aliases": list(e.aliases), "launched": e.launched, "retired": e.retired} for e in entries]
    _write_rows(rows, fmt, ["id", "kind", "name", "category", "aliases", "launched", "retired"])


@taxonomy_group.command(name="show")
@click.argument("entry_id")
@handle_errors
def show_command(entry_id):
    """Show one entry (by id, or by any of its names) as JSON.

    Example: analyzer taxonomy show lpr
    """
    taxonomy = load_taxonomy()
    entry = taxonomy.get(entry_id) or taxonomy.lookup(entry_id)
    if entry is None:
        fail(f"no taxonomy entry {entry_id!r}; see `analyzer taxonomy list` for ids")
    click.echo(json.dumps(entry.to_dict(), ensure_ascii=False, indent=1))


@taxonomy_group.command(name="candidates")
@click.argument("paths", nargs=-1, required=True, callback=checked_paths)
@click.option("--examples", type=click.IntRange(min=0), default=2, show_default=True, help="Example contexts per candidate.")
@click.option("--min-count", type=click.IntRange(min=0), default=1, show_default=True, help="Only names seen this often.")
@click.option("--kind", "kinds", type=click.Choice(["policy_tools", "sectors", "institutions"]),
              multiple=True, help="Only candidates of this kind (repeatable; default all three).")
@click.option("--skip-ids", "skip_file", type=click.Path(exists=True, dir_okay=False),
              help="A file of document ids to leave out, one a line (# comments), e.g. real-gold/held-out-ids.txt: "
                   "the documents reserved for outside evaluation and the held-out gold.")
@click.option("--format", "-f", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@verbose_option
@handle_errors
def candidates_command(paths, examples, min_count, kinds, skip_file, fmt):
    """Names in PATHS that the taxonomy lacks, with counts and examples: tool-like names (…再贷款, …支持工具,
    …机制), sectors read by the sector grammar (电炉钢行业, 煤炭生产企业) and institutions read by the organisation
    grammar (…市人民政府办公厅, …证券); the grammars' names are stored with in_taxonomy false.

    \b
    Example: analyzer taxonomy candidates ../shared/data --skip-ids real-gold/held-out-ids.txt
    """
    skipped = read_id_list(skip_file) if skip_file else set()
    documents, failed, total = [], 0, 0
    for item in read_documents(list(paths), {}):
        total += 1
        if isinstance(item, Exception):
            click.echo(f"Error: {item}", err=True)
            failed += 1
        elif item.id not in skipped:
            documents.append(item)
    rows = [row for row in collect_candidates(documents, examples)
            if row["count"] >= min_count and (not kinds or row["kind"] in kinds)]
    _write_rows(rows, fmt, ["kind", "name", "count", "documents", "examples"])
    sys.stdout.flush()
    report_failures(failed, total)  # as ingest and extract: 1 when some inputs failed, 3 when all did


def read_id_list(path: str) -> set[str]:
    """The ids of ``--skip-ids``: one id a line, blank lines and # comments skipped; a file not in UTF-8 stops
    the command with one line (not a traceback)."""
    try:
        return gold.read_id_list(path)
    except UnicodeDecodeError as error:
        fail(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}): write one id a line in UTF-8")
