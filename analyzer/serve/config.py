"""Datasette metadata and settings for `analyzer serve`: the store's table descriptions, the canned queries
(``queries.toml``) and the charts (``dashboards.json``, for datasette-dashboards), under the served database's name.
"""
from __future__ import annotations

import copy
import functools
import json
import re
import tomllib
import urllib.parse
from html import escape
from importlib import resources

PLUGIN_NAME = "analyzer-serve"
# Datasette settings: queries stop after SQL_TIME_LIMIT_MS; nothing is written, so no CSV/JSON upload exists.
SQL_TIME_LIMIT_MS = 3000
SETTINGS = {"sql_time_limit_ms": SQL_TIME_LIMIT_MS, "max_returned_rows": 2000, "default_page_size": 50,
            "allow_download": False, "suggest_facets": False, "facet_time_limit_ms": 500}


def _package_text(package: str, name: str) -> str:
    return (resources.files(package) / name).read_text(encoding="utf-8")


@functools.cache
def canned_queries() -> dict[str, dict]:
    """``id → {title, description, example, sql}`` from ``queries.toml``."""
    entries = tomllib.loads(_package_text("analyzer.serve", "queries.toml"))["query"]
    return {entry["id"]: entry for entry in entries}


def table_metadata() -> dict:
    """The table and column descriptions and facets of ``analyzer/store/datasette-metadata.json``."""
    metadata = json.loads(_package_text("analyzer.store", "datasette-metadata.json"))
    return metadata["databases"]["analyzer"]["tables"]


def example_path(database: str, query_id: str) -> str:
    """The canned query's page with its example parameters filled in."""
    example = urllib.parse.urlencode(canned_queries()[query_id].get("example", {}))
    return f"/{database}/{query_id}?{example}"


def _html(text: str) -> str:
    """Escaped text with `code` spans."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def _query_metadata(database: str) -> dict:
    return {query_id: {"sql": query["sql"].strip(), "title": query["title"],
                       "description_html": f"<p>{_html(query['description'])}</p><p><a href="
                                           f'"{escape(example_path(database, query_id))}">Example</a></p>'}
            for query_id, query in canned_queries().items()}


def dashboards(database: str) -> dict:
    """datasette-dashboards config: each chart runs the SQL of the canned query its ``query`` names."""
    config = json.loads(_package_text("analyzer.serve", "dashboards.json"))
    config.pop("_comment", None)
    queries = canned_queries()
    for dashboard in config.values():
        for chart in dashboard["charts"].values():
            chart["db"], chart["query"] = database, queries[chart["query"]]["sql"].strip()
        for chart_filter in dashboard.get("filters", {}).values():
            if "query" in chart_filter:
                chart_filter["db"] = database
    return config


def home_html(database: str, example_doc: str | None) -> str:
    """The home page's introduction: where to start."""
    links = ['<a href="/-/dashboards/metric-series">Chart of a metric\'s series</a>',
             '<a href="/-/dashboards/mention-trends">Chart of mention trends</a>']
    links += [f'<a href="{escape(example_path(database, query_id))}">{escape(query["title"])}</a>'
              for query_id, query in canned_queries().items()]
    if example_doc:
        links.append(f'<a href="/-/document/{urllib.parse.quote(example_doc)}">A document with its figures and '
                     f'mentions highlighted</a> (every doc_id links to its own)')
    items = "".join(f"<li>{link}</li>" for link in links)
    return ("<p>Figures, policy tools, sectors and institutions extracted from Chinese financial news and policy "
            "notices. Read-only: browse the tables, run the canned queries or your own SQL "
            f"(queries stop after {SQL_TIME_LIMIT_MS} ms).</p><ul>{items}</ul>")


def build_metadata(database: str, example_doc: str | None = None, limits: dict | None = None) -> dict:
    """The whole datasette metadata for a store served as ``database``."""
    return {
        "title": "policy-analyzer store",
        "description_html": home_html(database, example_doc),
        "databases": {database: {"tables": copy.deepcopy(table_metadata()), "queries": _query_metadata(database)}},
        "plugins": {"datasette-dashboards": dashboards(database),
                    PLUGIN_NAME: {"database": database, "limits": limits or {}}},
    }
