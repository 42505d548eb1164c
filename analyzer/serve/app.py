"""Start datasette on a SQLite store, read-only, with the analyzer's metadata, canned queries, charts and
document pages, and only the plugins that are known to read (datasette-dashboards and what it needs).
"""
from __future__ import annotations

import socket
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from analyzer.errors import StoreError
from analyzer.serve.limits import largest_stored, limits_for
from analyzer.store.sql import normalize_url, opens_immutable

DATABASE = "analyzer"  # the name in every URL (/analyzer/figures), whatever the file is called
# Entry-point plugins that may run: they only read. Any other installed datasette plugin is left out.
ALLOWED_PLUGINS = ("datasette_dashboards", "datasette_leaflet", "datasette_render_markdown")
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class ServedStore:
    path: Path
    immutable: bool
    example_doc: str | None
    limits: dict = field(default_factory=lambda: limits_for(0))  # what one request may make it hold (serve.limits)


def store_path(db_url: str | None) -> Path:
    """The SQLite file to serve, or a ``StoreError`` that says what to do instead."""
    url = sa.make_url(normalize_url(db_url))
    if url.get_backend_name() == "postgresql":
        raise StoreError("serve shows a SQLite store; export a snapshot of this PostgreSQL store first: "
                         "analyzer export --sqlite snapshot.db --db URL && analyzer serve --db snapshot.db")
    if url.get_backend_name() != "sqlite" or not url.database:
        raise StoreError(f"serve needs a SQLite file, not {db_url!r}")
    path = Path(url.database)
    if not path.is_file():
        raise StoreError(f"{path}: no store there; create one with: analyzer ingest corpus/ --db {path}")
    return path


def check_store(path: Path, immutable: bool = False) -> tuple[str | None, int]:
    """Raise ``StoreError`` unless ``path`` is an analyzer store; return a document id to show as an example
    (the one with most figures, or None for an empty store) and the length of its longest text in bytes. Opens the
    file read-only (and ``immutable``, as it will be served)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' * immutable}", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"documents", "figures", "mentions"} <= tables:
                raise StoreError(f"{path}: not an analyzer store (no documents, figures and mentions tables)")
            row = connection.execute("SELECT d.doc_id FROM documents d JOIN figures f ON f.document_id = d.id "
                                     "GROUP BY d.id ORDER BY count(*) DESC, d.doc_id LIMIT 1").fetchone()
            largest = largest_stored(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot read it as SQLite: {error}") from None
    return (row[0] if row else None), largest


def has_pending_wal(path: Path) -> bool:
    """True when a write-ahead log holds commits not yet in the file (an ingest is running or was cut off):
    immutable mode would not see them."""
    wal = path.with_name(path.name + "-wal")
    return wal.is_file() and wal.stat().st_size > 0


def open_served(db_url: str | None, live: bool = True) -> ServedStore:
    """The store to serve: ``live`` (the default) opens it ``mode=ro``, so each query reads one consistent moment of
    a file that an ingest may be writing; ``live=False`` (``serve --immutable``) opens it immutable, unless a
    write-ahead log holds pending commits. Immutable was the default until s27-reliab: SQLite then trusts that the
    file never changes, and an ingest beside the server (its checkpoints rewriting pages) gave queries wrong rows
    and `database disk image is malformed`. A store in a folder this process may not write, with no writer's file
    beside it, is served immutable too (``opens_immutable``: live, SQLite would have to create its ``-shm``)."""
    path = store_path(db_url)
    immutable = (not live or opens_immutable(path)) and not has_pending_wal(path)
    example, largest = check_store(path, immutable)
    return ServedStore(path=path.resolve(), immutable=immutable, example_doc=example, limits=limits_for(largest))


def keep_read_only_plugins() -> list[str]:
    """Unregister every entry-point datasette plugin not in ``ALLOWED_PLUGINS``; return the names left out."""
    from datasette.plugins import DEFAULT_PLUGINS, pm
    dropped = []
    for plugin in list(pm.get_plugins()):
        name = getattr(plugin, "__name__", "")
        if name in DEFAULT_PLUGINS or name in ALLOWED_PLUGINS or name.startswith("analyzer."):
            continue
        pm.unregister(plugin)
        dropped.append(name)
    return dropped


def register_plugin() -> None:
    from datasette.plugins import pm

    from analyzer.serve import plugin
    if not pm.is_registered(plugin):
        pm.register(plugin, name="analyzer.serve.plugin")


def quiet_refusals() -> None:
    """Datasette prints every refused query (a write, a syntax error) as a full traceback with its locals when
    rich is installed; keep the server log for real errors (500s still print theirs)."""
    import datasette.handle_exception
    datasette.handle_exception.rich = None


def build_datasette(served: ServedStore):
    """A Datasette app on the store (immutable, or ``mode=ro`` when live), ready to serve."""
    from datasette.app import Datasette
    from datasette.database import Database

    from analyzer.serve.config import SETTINGS, build_metadata
    keep_read_only_plugins()
    register_plugin()
    quiet_refusals()
    datasette = Datasette([], metadata=build_metadata(DATABASE, served.example_doc, served.limits),
                          settings=dict(SETTINGS), template_dir=str(TEMPLATES), cors=False)
    datasette.add_database(Database(datasette, path=str(served.path), is_mutable=not served.immutable),
                           name=DATABASE)
    if "_memory" in datasette.databases:  # added when no file is given to the constructor: not ours to show
        datasette.remove_database("_memory")
    return datasette


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def run(served: ServedStore, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn
    if not port_free(host, port):
        raise StoreError(f"cannot listen on {host}:{port}: the port is in use or the address is not this "
                         "machine's; choose another with --port/--host")
    datasette = build_datasette(served)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Listening on {host}: whoever reaches this machine on port {port} can read the store",
              file=sys.stderr)
    print(f"Serving {served.path} read-only ({'immutable' if served.immutable else 'live'}) at "
          f"http://{host}:{port}/ — Ctrl-C stops", file=sys.stderr, flush=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
