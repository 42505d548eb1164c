"""The store's tables (SQLAlchemy Core), the same for SQLite and PostgreSQL.

    documents ─┬─ sentences
               ├─ figures ── links (figure → canonical name of a tool, sector or institution)
               └─ mentions (policy tools, sectors, institutions)

Values are exact decimal strings (``value``) with a float copy (``value_num``) for sorting and plotting only.
Dates are ISO strings, which sort as dates. This module describes the newest schema; ``migrations`` brings
older databases up to it.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA_VERSION = 5

metadata = sa.MetaData()
JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
    sa.Column("description", sa.Text),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.Text, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("published", sa.String(32)),
    sa.Column("title", sa.Text),
    sa.Column("kind", sa.String(32)),
    sa.Column("url", sa.Text),
    sa.Column("meta", JSON),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("extractor_version", sa.String(32), nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("origin", sa.Text),  # the input file (absolute path) or <stdin>; null for records written directly
    # SHA-256 (hex) of the text alone: ingest finds a text stored under another id by it (one file, one document)
    sa.Column("text_hash", sa.String(64)),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_text_hash", "text_hash"),
    sa.Index("ix_documents_source", "source"),
)

sentences = sa.Table(
    "sentences", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_sentences_document", "document_id"),
)

figures = sa.Table(
    "figures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("sentence_id", sa.Integer, sa.ForeignKey("sentences.id")),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("value_num", sa.Float),
    sa.Column("value_high", sa.Text),
    sa.Column("unit", sa.String(32), nullable=False),
    sa.Column("counter", sa.Text),
    sa.Column("qualifier", sa.String(16)),
    sa.Column("measure", sa.String(16)),
    sa.Column("comparison", sa.String(16)),
    sa.Column("metric", sa.Text),
    sa.Column("metric_key", sa.Text),  # the series key: with @place for a figure of a place (外贸进出口总值@天津)
    sa.Column("place", sa.Text),  # Figure.place as written (天津, 广东省); null for national figures and no place
    sa.Column("period_start", sa.String(10)),
    sa.Column("period_end", sa.String(10)),
    sa.Column("extra", JSON),
    sa.Index("ix_figures_document", "document_id"),
    sa.Index("ix_figures_metric_key", "metric_key", "measure", "period_end"),
    sa.Index("ix_figures_unit_measure", "unit", "measure"),
    sa.Index("ix_figures_period", "period_end", "period_start"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("sentence_id", sa.Integer, sa.ForeignKey("sentences.id")),
    sa.Column("kind", sa.String(16), nullable=False),  # policy_tool | sector | institution
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    # false for an organisation the taxonomy lacks, read by the name grammar (name as written)
    sa.Column("in_taxonomy", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Index("ix_mentions_kind_name", "kind", "name"),
    sa.Index("ix_mentions_document", "document_id"),
    sa.Index("ix_mentions_sentence", "sentence_id"),
)

links = sa.Table(
    "links", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("figure_id", sa.Integer, sa.ForeignKey("figures.id"), nullable=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Index("ix_links_figure", "figure_id"),
    sa.Index("ix_links_kind_name", "kind", "name"),
    sa.Index("ix_links_document", "document_id"),
)

DATA_TABLES = ("documents", "sentences", "figures", "mentions", "links")
EXPORTABLE = (*DATA_TABLES, "schema_version")
# Children first: the order to delete a document's rows in.
CHILD_TABLES = (links, mentions, figures, sentences)
