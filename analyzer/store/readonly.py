"""Read-only SQL on PostgreSQL by construction: ``analyzer sql`` runs only as a role that can neither write nor
reach the server.

A read-only transaction does not stop a superuser (``COPY … TO PROGRAM``, ``pg_read_file``,
``pg_terminate_backend``), and ``SET ROLE`` is no fence either: a session user may switch back from inside a
single ``SELECT`` with ``set_config('role', …)``. So the session user itself must be a dedicated reader. Before a
statement runs, ``check_reader`` asks the server what the session user — and every role it can become — may do,
and refuses with a message that says how to create a reader (``reader_role_sql``).
"""
from __future__ import annotations

import math
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from analyzer.errors import StoreError

# built-in roles that open the server's files, programs or other sessions, or write every table
SERVER_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program", "pg_signal_backend",
                "pg_write_all_data")
PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock

_CHECK = f"""
WITH RECURSIVE member_of AS (SELECT r.* FROM pg_roles r WHERE pg_has_role(session_user, r.oid, 'MEMBER')),
-- the relations a reader's SELECT reaches: those it may read (any column) and, through each plain view, the ones
-- the view reads with its owner's rights (a materialized view keeps rows and reads nothing)
readable(oid) AS (
  SELECT c.oid FROM pg_class c WHERE c.relkind IN ('v', 'f')
    AND EXISTS (SELECT 1 FROM member_of m WHERE has_any_column_privilege(m.oid, c.oid, 'SELECT'))
  UNION
  SELECT d.refobjid FROM readable r JOIN pg_class v ON v.oid = r.oid AND v.relkind = 'v'
    JOIN pg_rewrite w ON w.ev_class = v.oid
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
                    AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> v.oid)
SELECT
  (SELECT string_agg(DISTINCT rolname, ', ') FROM member_of
    WHERE rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls) AS privileged,
  (SELECT string_agg(DISTINCT rolname, ', ') FROM member_of
    WHERE rolname IN ({", ".join(f"'{name}'" for name in SERVER_ROLES)})) AS server_roles,
  (SELECT string_agg(DISTINCT n.nspname || '.' || c.relname, ', ')
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN member_of m
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
      AND (c.relowner = m.oid
           OR has_table_privilege(m.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
           OR has_any_column_privilege(m.oid, c.oid, 'INSERT, UPDATE, REFERENCES'))) AS writable,
  (SELECT string_agg(DISTINCT n.nspname, ', ') FROM pg_namespace n CROSS JOIN member_of m
    WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
      AND (n.nspowner = m.oid OR has_schema_privilege(m.oid, n.oid, 'CREATE'))) AS creatable_schemas,
  (SELECT bool_or(has_database_privilege(m.oid, current_database(), 'CREATE')) FROM member_of m) AS creates_schemas,
  (SELECT string_agg(DISTINCT p.proname, ', ') FROM pg_proc p CROSS JOIN member_of m
    WHERE p.proname LIKE 'dblink%%' AND has_function_privilege(m.oid, p.oid, 'EXECUTE')
      AND has_schema_privilege(m.oid, p.pronamespace, 'USAGE')) AS remote_sql,
  (SELECT string_agg(DISTINCT n.nspname || '.' || p.proname, ', ')
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace CROSS JOIN member_of m
    WHERE p.prosecdef AND NOT pg_has_role(session_user, p.proowner, 'MEMBER')
      AND has_function_privilege(m.oid, p.oid, 'EXECUTE'))  -- no USAGE needed on its schema: a view may call it
    AS definer_functions,
  (SELECT string_agg(DISTINCT n.nspname || '.' || c.relname, ', ')
     FROM readable r JOIN pg_class c ON c.oid = r.oid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'f') AS foreign_tables,
  session_user AS who
"""


def check_reader(connection: sa.Connection) -> None:
    """Raise ``StoreError`` unless the session user of ``connection`` is a plain reader."""
    row = connection.exec_driver_sql(_CHECK).mappings().one()
    problems = [text for text in (
        row["privileged"] and f"it is or can become a privileged role ({row['privileged']})",
        row["server_roles"] and f"it is a member of {row['server_roles']}",
        row["writable"] and f"it owns or may write tables ({_few(row['writable'])})",
        row["creatable_schemas"] and f"it may create objects in schema {_few(row['creatable_schemas'])}",
        row["creates_schemas"] and "it may create schemas in this database",
        row["remote_sql"] and "it may run SQL in sessions of their own, which commit, through dblink "
                              "(revoke EXECUTE on dblink's functions from it and from PUBLIC)",
        row["definer_functions"] and "it may call functions that run with another role's rights (SECURITY DEFINER: "
                                     f"{_few(row['definer_functions'])}; revoke EXECUTE on them from it and from PUBLIC)",
        row["foreign_tables"] and "it may read foreign tables, which reach outside the database (file_fdw reads the "
                                  "server's files or runs a program on every read): "
                                  f"{_few(row['foreign_tables'])}; revoke SELECT on them from it",
    ) if text]
    if problems:
        raise StoreError(f"analyzer sql runs only as a read-only PostgreSQL role, and role {row['who']!r} is not one: "
                         f"{'; '.join(problems)}. Create a reader with `analyzer sql-reader NAME --db URL` "
                         "(or the SQL in the README, 'Read-only SQL on PostgreSQL') and give its URL to --db")


def timeout_ms(seconds: float) -> int:
    """PostgreSQL's ``statement_timeout`` for a limit of ``seconds`` (0: none): whole milliseconds, at least 1 for any
    positive limit — rounded, a limit under half a millisecond became 0, which is no limit at all."""
    return math.ceil(seconds * 1000) if seconds > 0 else 0


def limit_time(connection: sa.Connection, seconds: float) -> None:
    """Give the statement run next in this transaction (``run_alone``'s) ``seconds`` at most: ``SET LOCAL
    statement_timeout``. Set here, after the connection is made and ``check_reader`` has run, the limit bounds the
    reader's statement alone — given as a connection option, a small one also stopped SQLAlchemy's first queries
    and the check, which failed with a traceback instead of the time limit's one line. A statement cannot lift it
    for itself: ``set_config('statement_timeout', …)`` takes effect from the next one."""
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {timeout_ms(seconds)}")


STREAM_CHUNK = 100  # rows the server sends at a time to a streamed statement


def run_alone(connection: sa.Connection, statement: str) -> tuple[list[str], Iterable[tuple]]:
    """Run ``statement`` alone: its column names and its rows, streamed from the server ``STREAM_CHUNK`` at a time
    (read them before the transaction ends). It goes through the extended query protocol (a prepared statement), in
    which the server itself refuses a string of several statements — so a ';' inside a string, a quoted name, a
    dollar quote or a comment is read as PostgreSQL reads it, with no parsing of ours. Without parameters psycopg
    sends the text as it is (a % is a %)."""
    raw = connection.connection.driver_connection
    columns = _describe(raw, statement)
    cursor = raw.cursor()
    if not columns:  # a command without rows (LOCK, SET) or a COPY, which the driver refuses with one line
        cursor.execute(statement, prepare=True)
        return [], []
    return columns, cursor.stream(statement, size=STREAM_CHUNK)


def _describe(raw, statement: str) -> list[str]:
    """The column names of ``statement``, parsed by the server (nothing runs): ``[]`` for a command without rows.
    Raises the server's error for a statement that does not parse, and ``StoreError`` for several statements."""
    import psycopg  # installed wherever a postgresql:// store opens
    from psycopg import pq
    encoding = raw.info.encoding
    parsed = raw.pgconn.prepare(b"", statement.encode(encoding))
    if parsed.status != pq.ExecStatus.COMMAND_OK:
        message = (parsed.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode(encoding, "replace")
        if "multiple commands" in message:
            raise StoreError("give one SQL statement at a time (a ';' is allowed only inside quotes or comments)")
        state = (parsed.error_field(pq.DiagnosticField.SQLSTATE) or b"").decode("ascii", "replace")
        raise psycopg.errors.lookup(state)(message) if state else psycopg.Error(message)
    described = raw.pgconn.describe_prepared(b"")
    return [described.fname(index).decode(encoding) for index in range(described.nfields)]


def spooled(rows: Iterable[tuple]) -> Iterator[tuple]:
    """Every row of ``rows``, read now into an unnamed temporary file (a row at a time: bounded memory) and given back
    from it as they are read — so the session that streams them can end before the first is given."""
    import pickle
    import tempfile
    spool = tempfile.TemporaryFile()  # unlinked at once: private to this process, gone when closed
    try:
        for row in rows:
            pickle.dump(tuple(row), spool, protocol=pickle.HIGHEST_PROTOCOL)
        spool.seek(0)
    except OSError as error:  # a full disk: one line, not a traceback
        _discard(spool, rows)
        raise StoreError(f"the result does not fit in the temporary folder ({tempfile.gettempdir()}): "
                         f"{error.strerror or error}; free space there, set TMPDIR to a larger one, or select fewer "
                         "rows") from None
    except BaseException:
        _discard(spool, rows)
        raise

    def given() -> Iterator[tuple]:
        with spool:
            while True:
                try:
                    yield pickle.load(spool)  # our own file, written just above
                except EOFError:
                    return
    return given()


def _discard(spool, rows: Iterable[tuple]) -> None:
    """Close a spool that failed (its last buffered bytes may not fit either) and the stream it was reading: a stream
    left open mid-result keeps the driver's connection busy, and the session's rollback would wait on it for ever
    (psycopg cancels the statement when its stream is closed)."""
    try:
        spool.close()
    except OSError:
        pass
    close = getattr(rows, "close", None)
    try:
        if close:
            close()
    except Exception:  # noqa: BLE001 - a broken connection: the error being raised says more
        pass


def _few(names: str, most: int = 3) -> str:
    parts = names.split(", ")
    return ", ".join(parts[:most]) + (f" and {len(parts) - most} more" if len(parts) > most else "")


# role names PostgreSQL reads as another role in GRANT (PUBLIC: every role) or reserves (pg_*): CREATE ROLE fails
# on them, and a GRANT … TO public pasted after that failure gave every role on the server the store's tables
SPECIAL_ROLES = re.compile(r"public|none|current_user|current_role|session_user|user|all|pg_.*", re.IGNORECASE)


def reader_role_sql(role: str, database: str, schema: str, owner: str) -> list[str]:
    """The statements that create a login role with SELECT only on the store's tables (password set separately)."""
    for name in (role, database, schema, owner):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
            raise StoreError(f"{name!r} is not a plain SQL name (letters, digits and _, not starting with a digit)")
    if SPECIAL_ROLES.fullmatch(role):
        raise StoreError(f"{role!r} is a name PostgreSQL reserves or reads as another role (PUBLIC is every role): "
                         "choose another name for the reader")
    return [
        f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT",
        f"GRANT CONNECT ON DATABASE {database} TO {role}",
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} GRANT SELECT ON TABLES TO {role}",
    ]


def reader_setup(engine: sa.Engine, role: str) -> list[str]:
    """``reader_role_sql`` for the store behind ``engine``: its database, schema and the owner of its tables."""
    with engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT current_database() AS db, current_schema() AS schema, "
            "(SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = to_regclass('documents')) AS owner"
        ).mappings().one()
    if row["owner"] is None:
        raise StoreError("no analyzer tables in this database yet: ingest something first, then create the reader")
    return reader_role_sql(role, row["db"], row["schema"], row["owner"])


def create_reader(engine: sa.Engine, role: str, password: str) -> None:
    """Run ``reader_setup`` and set the role's password, in one transaction (all or nothing)."""
    statements = reader_setup(engine, role)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
            quoted = connection.exec_driver_sql("SELECT quote_literal(%(p)s)", {"p": password}).scalar()
            connection.exec_driver_sql(f"ALTER ROLE {role} PASSWORD {quoted}".replace("%", "%%"))
    except sa.exc.SQLAlchemyError as error:
        message = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise StoreError(f"cannot create the reader role {role}: {message}") from None


# --- SQLite: the authorizer of read-only connections (analyzer sql, analyzer serve) ---------------------------

# fts3_tokenizer('simple') returns a pointer into the process; with two arguments (SQLite built with
# ENABLE_FTS3_TOKENIZER, as Debian's is) it replaces a tokenizer's code pointer
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer"})


def deny_functions(action: int, _arg1=None, name=None, *_args) -> int:
    """The SQLite authorizer of every read-only connection: the functions above are refused."""
    return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_FUNCTION and str(name).lower() in DENIED_FUNCTIONS \
        else sqlite3.SQLITE_OK


def deny_attach(action: int, *args) -> int:
    """ATTACH and DETACH (which would open or create other files) and the functions above are refused."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    return deny_functions(action, *args)


class SQLiteClock:
    """The time limit of a statement on SQLite, as a progress handler (``set_progress_handler(clock.over, …)``):
    it counts only the time spent inside ``running()`` — executing the statement and fetching each row — so rows
    read slowly (a pager) are not cut off. ``tripped`` says that the limit, not something else, stopped it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.spent = 0.0
        self.since: float | None = None
        self.tripped = False

    @contextmanager
    def running(self) -> Iterator[None]:
        self.since = time.monotonic()
        try:
            yield
        finally:
            self.spent += time.monotonic() - self.since
            self.since = None

    def over(self) -> int:
        if self.seconds and self.since is not None and self.spent + time.monotonic() - self.since > self.seconds:
            self.tripped = True
        return int(self.tripped)
