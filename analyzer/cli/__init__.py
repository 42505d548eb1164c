"""Command line interface: each command parses its arguments and calls plain library functions.

Command families live one per module in this package. ``main`` is a ``LazyGroup`` (click's documented pattern,
"Lazily loading subcommands"): a command's module is imported only when that command runs, so each module imports
what it needs at module level while ``analyzer extract`` and ``analyzer --help`` stay free of pandas and the store.
"""
from __future__ import annotations

import contextlib
import importlib

import click

from analyzer.cli.common import CONTEXT_SETTINGS
from analyzer.errors import safe_message

# name → ("module:attribute", the first paragraph of its help). The help is repeated here so that `analyzer --help`
# lists every command without importing any; tests/test_cli_lazy.py checks it against each command's docstring.
COMMANDS: dict[str, tuple[str, str]] = {
    "brief": ("analyzer.cli.brief:brief_command",
              "Write the brief of the article in PATH (a .txt, .html or .json file, or - for stdin)."),
    "check": ("analyzer.cli.check:check_command",
              "Check the numbers of CLAIM (or --file ARTICLE; - reads stdin) against the stored records."),
    "eval": ("analyzer.cli.evaluate:eval_command",
             "Score extraction against the gold files in GOLD_DIR: figure span P/R/F1, attribute accuracies, "
             "and P/R/F1 for policy tools, sectors and institutions, followed by the errors."),
    "export": ("analyzer.cli.store:export_command",
               "Export a whole TABLE (documents, sentences, figures, mentions, links) as CSV, JSON Lines or "
               "Parquet, or with --sqlite FILE the whole store as a SQLite snapshot."),
    "extract": ("analyzer.cli.extract:extract_command",
                "Extract figures, policy tools, sectors and institutions from PATHS (files, directories, "
                "or - for stdin)."),
    "ingest": ("analyzer.cli.store:ingest_command",
               "Analyze PATHS (files, directories, - for stdin) and store their records in the database."),
    "model": ("analyzer.cli.model:model_group",
              "Train and score the theme classifier that `analyzer brief` uses (needs the `model` extra)."),
    "query": ("analyzer.cli.store:query_command",
              "Print the stored figures that match every filter given, with their document, sentence and offsets."),
    "reference": ("analyzer.cli.reference:reference_group",
                  "Official reference series (PBOC, NBS releases) for `analyzer check`."),
    "serve": ("analyzer.cli.serve:serve_command",
              "Browse the store in datasette: tables with facets, canned queries (a metric's series with the "
              "sources' disagreements, conflicts between sources, figures by tool/sector/institution and period, "
              "documents that mention a tool), charts, and each document with its figures and mentions "
              "highlighted."),
    "sql": ("analyzer.cli.store:sql_command",
            "Run one SQL statement on a read-only connection and print its rows (writes are refused)."),
    "sql-reader": ("analyzer.cli.store:sql_reader_command",
                   "Print (or with --apply, run) the SQL that creates ROLE, a PostgreSQL login that may only SELECT "
                   "the store's tables: the only kind of role `analyzer sql` runs as on PostgreSQL."),
    "taxonomy": ("analyzer.cli.taxonomy:taxonomy_group",
                 "Browse the taxonomy of policy tools, sectors, institutions and metrics."),
    "timeline": ("analyzer.cli.timeline:timeline_command",
                 "The series of METRIC over time across all documents: one row per period with the value, the "
                 "unit, how many documents report it, and whether they disagree (then `sources` lists each value "
                 "and who gave it)."),
    "trends": ("analyzer.cli.trends:trends_command",
               "Mentions of policy tools, sectors or institutions per month, quarter or year of publication: "
               "how often each is mentioned and in how many documents."),
}


@contextlib.contextmanager
def masked_usage_errors():
    """Click's usage errors quote the arguments they refuse (``Got unexpected extra arguments (--db
    postgresql://user:secret@…)``): their message is made safe as every other message is (passwords masked,
    control characters escaped)."""
    try:
        yield
    except click.UsageError as error:
        error.message = safe_message(error.message)
        raise


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (``lazy_subcommands``: name → (import path, help))."""

    def __init__(self, *args, lazy_subcommands: dict[str, tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        with masked_usage_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context):
        with masked_usage_errors():  # a subcommand's arguments are parsed here
            return super().invoke(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            return self._lazy_load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _lazy_load(self, cmd_name: str) -> click.Command | None:
        module_name, attribute = self.lazy_subcommands[cmd_name][0].split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:  # a command module left out of this installation: no such command
                raise
            return None
        command = getattr(module, attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the stored help texts, without importing any command module."""
        names = [n for n in self.list_commands(ctx) if n in self.lazy_subcommands or self.get_command(ctx, n)]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.lazy_subcommands:
                stub = click.Command(name, help=self.lazy_subcommands[name][1])  # click's own shortening
                rows.append((name, stub.get_short_help_str(limit)))
            else:
                rows.append((name, self.get_command(ctx, name).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, lazy_subcommands=COMMANDS, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="policy-analyzer")
def main() -> None:
    """Extract figures, policy tools, sectors and institutions from Chinese financial text,
    store them, track them over time, check claims and write briefs.

    Example: analyzer extract article.txt --format table
    """
