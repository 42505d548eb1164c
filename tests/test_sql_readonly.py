"""`analyzer sql` on PostgreSQL is read-only by construction: it refuses a superuser and a role that can write,
and as a reader the server's files, programs and other sessions stay out of reach.

Runs when .ci/postgres.sh's URLs are set (ANALYZER_TEST_POSTGRES_URL, _SUPERUSER_URL, _READER_URL).
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.errors import StoreError
from analyzer.store import open_store
from analyzer.store.readonly import reader_role_sql

OWNER_URL = os.environ.get("ANALYZER_TEST_POSTGRES_URL")
SUPERUSER_URL = os.environ.get("ANALYZER_TEST_POSTGRES_SUPERUSER_URL")
READER_URL = os.environ.get("ANALYZER_TEST_POSTGRES_READER_URL")
needs_pg = pytest.mark.skipif(not (OWNER_URL and SUPERUSER_URL and READER_URL),
                              reason="needs the PostgreSQL URLs of .ci/postgres.sh (eval \"$(bash .ci/postgres.sh)\")")
MARKER = Path("/tmp") / f"analyzer-sql-escape-{uuid.uuid4().hex}"

# statements a hostile user may try through `analyzer sql`; none may have any effect
HOSTILE = [
    f"COPY (SELECT 1) TO PROGRAM 'touch {MARKER}'",
    f"COPY documents TO '{MARKER}'",
    "SELECT pg_read_file('/etc/hostname')",
    "SELECT pg_ls_dir('.')",
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
    "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
    "SELECT set_config('role', 'analyzer_admin', false), pg_read_file('/etc/hostname')",
    f"SELECT lo_export(lo_from_bytea(0, 'x'), '{MARKER}')",
    "SELECT lo_import('/etc/hostname')",
    "SELECT lo_create(0)",
    "SELECT 1; DROP TABLE links",
    "DELETE FROM figures",
    "CREATE TABLE evil (x int)",
    "SELECT * FROM query_to_xml('DELETE FROM figures RETURNING 1', true, false, '')",
    "COPY figures TO STDOUT",  # the server starts a COPY the driver will not read: one line, not a traceback
    "COPY (SELECT 1) TO STDOUT",
    "COPY figures FROM STDIN",
]


def _with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_schema():
    """A private schema holding one stored document, readable by the test reader role."""
    schema = f"ro_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(OWNER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    with open_store(_with_schema(OWNER_URL, schema)) as store:
        from tests.test_store import make_record, stored
        store.write([stored(make_record())])
    reader = sa.make_url(READER_URL).username
    with admin.begin() as connection:
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {reader}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {reader}")
    yield schema
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


def _bystander():
    """A second session of the owner role, to see that no statement can end it."""
    engine = sa.create_engine(OWNER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    return engine, engine.connect()


@needs_pg
@pytest.mark.parametrize("which", ["superuser", "owner"])
def test_sql_refuses_roles_that_can_write(pg_schema, which):
    url = SUPERUSER_URL if which == "superuser" else OWNER_URL
    with open_store(_with_schema(url, pg_schema)) as store, pytest.raises(StoreError) as refused:
        store.sql("SELECT 1")
    message = str(refused.value)
    assert "read-only PostgreSQL role" in message and "analyzer sql-reader" in message
    assert ("privileged role" in message) if which == "superuser" else ("owns or may write tables" in message)
    assert "\n" not in message


def _lasting_effects(schema: str) -> tuple:
    """What a statement could leave behind: files, rows, tables, large objects."""
    with open_store(_with_schema(OWNER_URL, schema)) as store, store.engine.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").scalar()
        large_objects = connection.exec_driver_sql("SELECT count(*) FROM pg_largeobject_metadata").scalar()
        return MARKER.exists(), store.counts(), tables, large_objects


@needs_pg
@pytest.mark.parametrize("statement", HOSTILE)
@pytest.mark.parametrize("which", ["superuser", "reader"])
def test_hostile_statements_have_no_effect(pg_schema, statement, which):
    """A superuser is refused before anything runs; a reader's statement leaves nothing behind."""
    before = _lasting_effects(pg_schema)
    engine, bystander = _bystander()
    try:
        with open_store(_with_schema(SUPERUSER_URL if which == "superuser" else READER_URL, pg_schema)) as store:
            try:
                list(store.sql(statement)[1])
                assert which == "reader", "a superuser must be refused"
            except StoreError as error:
                assert "\n" not in str(error)
        assert bystander.exec_driver_sql("SELECT 1").scalar() == 1  # still connected
    finally:
        bystander.close()
        engine.dispose()
    assert _lasting_effects(pg_schema) == before and before[0] is False


@needs_pg
def test_session_settings_do_not_outlive_one_statement(pg_schema):
    """A reader may change its own session's settings, but each statement gets a fresh read-only session."""
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        list(store.sql("SELECT set_config('default_transaction_read_only', 'off', false)")[1])
        with pytest.raises(StoreError):
            list(store.sql("DELETE FROM figures")[1])
    with open_store(_with_schema(OWNER_URL, pg_schema)) as store:
        assert store.counts()["figures"] == 3


@needs_pg
def test_reader_reads(pg_schema):
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        columns, rows = store.sql("SELECT count(*) AS n FROM figures")
        assert columns == ["n"] and list(rows) == [(3,)]


@needs_pg
def test_sql_reader_command_prints_and_creates_a_working_reader(pg_schema, monkeypatch):
    role = f"reader_{uuid.uuid4().hex[:8]}"
    printed = CliRunner().invoke(main, ["sql-reader", role, "--db", _with_schema(OWNER_URL, pg_schema)])
    assert printed.exit_code == 0, printed.output
    assert f"GRANT SELECT ON ALL TABLES IN SCHEMA {pg_schema} TO {role};" in printed.output
    monkeypatch.setenv("ANALYZER_READER_PASSWORD", "s3cret'quote")
    created = CliRunner().invoke(main, ["sql-reader", role, "--apply", "--db", _with_schema(SUPERUSER_URL, pg_schema)])
    try:
        assert created.exit_code == 0, created.output
        assert "s3cret" not in created.output
        url = sa.make_url(READER_URL).set(username=role, password="s3cret'quote")
        with open_store(_with_schema(url.render_as_string(hide_password=False), pg_schema)) as store:
            assert list(store.sql("SELECT count(*) FROM documents")[1]) == [(1,)]
    finally:
        admin = sa.create_engine(SUPERUSER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP OWNED BY {role}")
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        admin.dispose()


@pytest.mark.parametrize("name", ["bad name", "x;DROP", "1abc", ""])
def test_reader_role_sql_refuses_names_that_are_not_plain(name):
    with pytest.raises(StoreError):
        reader_role_sql(name, "db", "public", "owner")


@pytest.mark.parametrize("name", ["public", "PUBLIC", "current_user", "session_user", "current_role", "none",
                                  "pg_monitor", "pg_read_all_data"])
def test_a_reader_is_never_a_role_postgresql_reads_as_another(name):
    """s22-probe: `sql-reader public` printed CREATE ROLE public (refused: reserved) and then GRANT … TO public;
    pasted into psql, the GRANTs ran after the failed CREATE and every role on the server could read the store."""
    with pytest.raises(StoreError, match="reserves or reads as another role"):
        reader_role_sql(name, "db", "public", "owner")
    assert reader_role_sql("public_reader", "db", "public", "owner")  # a name that only begins so is fine


@needs_pg
def test_printed_reader_sql_is_one_transaction(pg_schema):
    """Pasted into psql, a CREATE ROLE that fails (the role exists) stops the GRANTs and the password change after it;
    before, they ran, and the printed ALTER ROLE … PASSWORD changed the existing role's password."""
    printed = CliRunner().invoke(main, ["sql-reader", "some_reader", "--db", _with_schema(OWNER_URL, pg_schema)])
    lines = printed.output.splitlines()
    assert printed.exit_code == 0 and lines[0] == "BEGIN;" and lines[-1] == "COMMIT;", printed.output
    assert lines[1].startswith("CREATE ROLE some_reader ") and lines[-2] == "ALTER ROLE some_reader PASSWORD '…';"


@needs_pg
def test_refused_reader_name_prints_no_sql(pg_schema):
    """s23-review: `sql-reader public` printed BEGIN; on stdout before its refusal, a transaction left open in a
    psql the output was piped to."""
    refused = CliRunner().invoke(main, ["sql-reader", "public", "--db", _with_schema(OWNER_URL, pg_schema)])
    assert refused.exit_code != 0 and "reserves or reads as another role" in refused.output
    assert "BEGIN;" not in refused.output, refused.output


@needs_pg
def test_cli_refusal_is_one_line_without_the_password(pg_schema):
    result = CliRunner().invoke(main, ["sql", "SELECT 1", "--db", _with_schema(SUPERUSER_URL, pg_schema)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "read-only PostgreSQL role" in lines[0]
    assert f":{sa.make_url(SUPERUSER_URL).password}@" not in result.output


@needs_pg
def test_copy_to_stdout_is_one_line(pg_schema):
    """COPY … TO STDOUT starts a copy that exec_driver_sql cannot read; the connection is then busy, and
    releasing it must not turn the refusal into a traceback."""
    result = CliRunner().invoke(main, ["sql", "COPY figures TO STDOUT", "--db", _with_schema(READER_URL, pg_schema)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "COPY" in lines[0], lines


@pytest.mark.parametrize("statement", ["SELECT fts3_tokenizer('simple')",
                                       "SELECT fts3_tokenizer('simple', x'4141414141414141')"])
def test_sqlite_sql_refuses_fts3_tokenizer(tmp_path, statement):
    """fts3_tokenizer('simple') returns a pointer into the process (an address leak) and, where SQLite is built
    with ENABLE_FTS3_TOKENIZER (Debian's is), fts3_tokenizer(name, pointer) replaces a tokenizer's code pointer."""
    from tests.test_store import make_record, stored
    db = str(tmp_path / "store.db")
    with open_store(db) as store:
        store.write([stored(make_record())])
    with open_store(db) as store, pytest.raises(StoreError, match="not authorized|no such function"):
        list(store.sql(statement)[1])


@pytest.mark.parametrize("statement", ["SELECT fts3_tokenizer('simple')", "ATTACH '{path}' AS other"])
def test_an_in_memory_store_refuses_what_a_file_store_refuses(tmp_path, statement):
    """s19-review: store.sql on an in-memory store (sqlite://) set query_only but no authorizer, so fts3_tokenizer
    leaked a pointer and ATTACH created a file; the store still writes after the call."""
    from tests.test_store import make_record, stored
    attached = tmp_path / "attached.db"
    with open_store("sqlite://") as store:
        with pytest.raises(StoreError, match="not authorized"):
            list(store.sql(statement.format(path=attached))[1])
        store.write([stored(make_record())])
        assert list(store.sql("SELECT count(*) FROM documents")[1]) == [(1,)]
    assert not attached.exists()


# one statement each: the ';' sits in a string, a quoted name, a dollar quote or a comment (s20-probe: PostgreSQL
# refused all of these, because the check for one statement looked for ';' anywhere in the text)
ONE_STATEMENT = [
    ("SELECT ';' AS x", [(";",)]),
    ("SELECT 'a;b' AS x;", [("a;b",)]),
    ('SELECT 1 AS "a;b"', [(1,)]),
    ("SELECT $$;$$ AS x", [(";",)]),
    ("SELECT $tag$ ; DELETE FROM figures $tag$ AS x", [(" ; DELETE FROM figures ",)]),
    ("SELECT 1 AS x /* ; */", [(1,)]),
    ("SELECT 1 AS x -- ;\n", [(1,)]),
    ("SELECT 'a%b;' AS x", [("a%b;",)]),
]
SEVERAL_STATEMENTS = ["SELECT 1; SELECT 2", "SELECT ';'; DELETE FROM figures", "SELECT 1;DELETE FROM figures;",
                      "SELECT $$;$$; SELECT 2", "SELECT 1 /* ; */; SELECT 2"]


@needs_pg
@pytest.mark.parametrize("statement, rows", ONE_STATEMENT)
def test_a_semicolon_inside_quotes_or_comments_is_one_statement(pg_schema, statement, rows):
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        assert list(store.sql(statement)[1]) == rows


@pytest.mark.parametrize("statement, rows", ONE_STATEMENT[:3] + ONE_STATEMENT[5:])  # SQLite has no dollar quotes
def test_a_semicolon_inside_quotes_or_comments_is_one_statement_on_sqlite(tmp_path, statement, rows):
    from tests.test_store import make_record, stored
    db = str(tmp_path / "store.db")
    with open_store(db) as store:
        store.write([stored(make_record())])
    with open_store(db) as store:
        assert list(store.sql(statement)[1]) == rows


@needs_pg
@pytest.mark.parametrize("statement", SEVERAL_STATEMENTS)
def test_several_statements_are_refused_before_any_runs(pg_schema, statement):
    with open_store(_with_schema(READER_URL, pg_schema)) as store, pytest.raises(StoreError) as refused:
        list(store.sql(statement)[1])
    assert "one SQL statement at a time" in str(refused.value) and "\n" not in str(refused.value)
    with open_store(_with_schema(OWNER_URL, pg_schema)) as store:
        assert store.counts()["figures"] == 3


def _notifications(listener, seconds: float = 0.3) -> list:
    return list(listener.notifies(timeout=seconds, stop_after=10))


@needs_pg
@pytest.mark.parametrize("statement", ["NOTIFY analyzer_s20, 'x'", "SELECT pg_notify('analyzer_s20', 'x')"])
def test_a_readers_notification_reaches_no_listener(pg_schema, statement):
    """NOTIFY is allowed in a read-only transaction, but PostgreSQL delivers it only at commit: the reader's
    statement is always rolled back, so a listener in another session hears nothing."""
    import psycopg
    with psycopg.connect(OWNER_URL, autocommit=True) as listener:
        listener.execute("LISTEN analyzer_s20")
        with open_store(_with_schema(READER_URL, pg_schema)) as store:
            list(store.sql(statement)[1])
        assert _notifications(listener) == []
        listener.execute("NOTIFY analyzer_s20, 'control'")  # the listener does hear a committed one
        assert [n.payload for n in _notifications(listener)] == ["control"]


@needs_pg
@pytest.mark.parametrize("statement", ["SELECT pg_advisory_lock(20201207)", "SELECT pg_advisory_lock_shared(20201207)",
                                       "LOCK TABLE figures IN ACCESS SHARE MODE"])
def test_nothing_a_reader_takes_outlives_its_statement(pg_schema, statement):
    """A session-level advisory lock or a table lock taken by the reader is gone when store.sql returns, before its
    rows are read: a reader whose output is paged (`analyzer sql … | less`) does not hold up an ingest's schema
    lock or a migration."""
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        _columns, rows = store.sql(statement)  # rows not read yet
        try:
            with open_store(_with_schema(OWNER_URL, pg_schema)) as owner, owner.engine.connect() as other:
                other.exec_driver_sql("SET lock_timeout = '2s'")
                assert other.exec_driver_sql("SELECT pg_try_advisory_lock(20201207)").scalar() is True
                other.exec_driver_sql("LOCK TABLE figures IN ACCESS EXCLUSIVE MODE")  # what ALTER TABLE needs
                other.rollback()
        finally:
            rows.close()  # before the fix the reader's session stayed open until its rows were read


@needs_pg
def test_a_reader_that_may_call_dblink_is_refused(pg_schema):
    """dblink_exec runs SQL in a new session of its own, which commits whatever the caller's read-only
    transaction does; a role that may call it (dblink's functions are PUBLIC where the extension is installed)
    is not a reader."""
    admin = sa.create_engine(SUPERUSER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        if connection.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'dblink'").scalar():
            pytest.skip("dblink is installed elsewhere in this database")
        if not connection.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'dblink'").scalar():
            pytest.skip("dblink is not available on this server")
        connection.exec_driver_sql(f"CREATE EXTENSION dblink SCHEMA {pg_schema}")
    try:
        with open_store(_with_schema(READER_URL, pg_schema)) as store, pytest.raises(StoreError) as refused:
            store.sql("SELECT 1")
        assert "dblink" in str(refused.value) and "\n" not in str(refused.value)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql("DROP EXTENSION IF EXISTS dblink")
        admin.dispose()


@needs_pg
def test_a_reader_that_may_call_a_function_running_with_other_rights_is_refused(pg_schema):
    """A SECURITY DEFINER function runs with its owner's rights: one a superuser owns and PUBLIC may execute (the
    default) ran `COPY … TO PROGRAM` and read the server's files for the reader. A role that may call such a
    function of another role is not a reader; once EXECUTE is revoked from PUBLIC it is one again."""
    marker = Path("/tmp") / f"analyzer-definer-{uuid.uuid4().hex}"
    admin = sa.create_engine(SUPERUSER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(
            f"CREATE FUNCTION {pg_schema}.shell() RETURNS int SECURITY DEFINER LANGUAGE plpgsql AS $f$ BEGIN "
            f"COPY (SELECT 1) TO PROGRAM 'touch {marker}'; RETURN 1; END $f$")
    try:
        with open_store(_with_schema(READER_URL, pg_schema)) as store:
            for statement in ("SELECT shell()", "SELECT 1"):
                with pytest.raises(StoreError) as refused:
                    list(store.sql(statement)[1])
                message = str(refused.value)
                assert "SECURITY DEFINER" in message and f"{pg_schema}.shell" in message and "\n" not in message
        assert not marker.exists()
        with admin.begin() as connection:
            connection.exec_driver_sql(f"REVOKE EXECUTE ON FUNCTION {pg_schema}.shell() FROM PUBLIC")
        with open_store(_with_schema(READER_URL, pg_schema)) as store:
            assert list(store.sql("SELECT 1")[1]) == [(1,)]
    finally:
        marker.unlink(missing_ok=True)
        admin.dispose()


@pytest.fixture
def foreign_table(pg_schema):
    """A file_fdw foreign table ``{pg_schema}.outside`` that touches a marker file on every read (nothing granted)."""
    marker = Path("/tmp") / f"analyzer-fdw-{uuid.uuid4().hex}"
    server = f"files_{pg_schema}"
    admin = sa.create_engine(SUPERUSER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        if connection.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'file_fdw'").scalar():
            pytest.skip("file_fdw is installed elsewhere in this database")
        if not connection.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'file_fdw'").scalar():
            pytest.skip("file_fdw is not available on this server")
        connection.exec_driver_sql(f"CREATE EXTENSION file_fdw SCHEMA {pg_schema}")
        connection.exec_driver_sql(f"CREATE SERVER {server} FOREIGN DATA WRAPPER file_fdw")
        connection.exec_driver_sql(f"CREATE FOREIGN TABLE {pg_schema}.outside (line text) SERVER {server} "
                                   f"OPTIONS (program 'touch {marker}; echo x')")
    try:
        yield admin, marker
    finally:
        marker.unlink(missing_ok=True)
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SERVER IF EXISTS {server} CASCADE")
            connection.exec_driver_sql("DROP EXTENSION IF EXISTS file_fdw CASCADE")
        admin.dispose()


@needs_pg
def test_a_reader_that_may_read_a_foreign_table_is_refused(pg_schema, foreign_table):
    """A file_fdw foreign table reads a server file, or runs a program on every read, for whoever may SELECT it —
    and `GRANT SELECT ON ALL TABLES` (the reader's setup) grants foreign tables too. A reader that may read one is
    refused; once SELECT is revoked it is a reader again."""
    admin, marker = foreign_table
    reader = sa.make_url(READER_URL).username
    with admin.begin() as connection:
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {pg_schema} TO {reader}")
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        with pytest.raises(StoreError) as refused:
            list(store.sql("SELECT * FROM outside")[1])
        message = str(refused.value)
        assert "foreign tables" in message and f"{pg_schema}.outside" in message and "\n" not in message
    assert not marker.exists()
    with admin.begin() as connection:
        connection.exec_driver_sql(f"REVOKE SELECT ON {pg_schema}.outside FROM {reader}")
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        assert list(store.sql("SELECT 1")[1]) == [(1,)]


ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def _sqlite_store(tmp_path) -> str:
    from tests.test_store import make_record, stored
    db = str(tmp_path / "store.db")
    with open_store(db) as store:
        store.write([stored(make_record())])
    return db


@pytest.mark.parametrize("in_memory", [False, True])
def test_a_runaway_sqlite_statement_stops_at_the_time_limit(tmp_path, in_memory):
    """s20-probe left `analyzer sql` on SQLite without a time limit: a recursive CTE with no end ran forever. It stops
    at --time-limit (default 60 s, as on PostgreSQL) with one line saying how to raise it; the store still works."""
    db = "sqlite://" if in_memory else _sqlite_store(tmp_path)
    with open_store(db) as store:
        with pytest.raises(StoreError) as stopped:
            list(store.sql(ENDLESS, time_limit=0.2)[1])
        message = str(stopped.value)
        assert "time limit of 0.2 s" in message and "--time-limit" in message and "\n" not in message
        assert list(store.sql("SELECT count(*) FROM documents")[1]) == [(0 if in_memory else 1,)]


def test_sql_time_limit_option(tmp_path):
    db = _sqlite_store(tmp_path)
    result = CliRunner().invoke(main, ["sql", ENDLESS, "--db", db, "--time-limit", "0.2"])
    assert result.exit_code == 1 and "time limit of 0.2 s" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert CliRunner().invoke(main, ["sql", "SELECT 1", "--db", db, "--time-limit", "0"]).exit_code == 0  # no limit
    assert "60" in CliRunner().invoke(main, ["sql", "--help"]).output


def test_the_time_limit_counts_sqlites_time_not_the_readers(tmp_path):
    """Rows read slowly (`analyzer sql … | less`) are not cut off: the limit counts only the time SQLite works."""
    import time
    db = _sqlite_store(tmp_path)
    with open_store(db) as store:
        rows = store.sql("SELECT 1 UNION ALL SELECT 2", time_limit=3)[1]  # far more than SQLite needs, even on a
        first = next(rows)  # loaded machine; the wait is longer than the limit
        time.sleep(3.5)
        assert [first, *rows] == [(1,), (2,)]


@needs_pg
def test_a_runaway_postgresql_statement_stops_at_the_time_limit(pg_schema):
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        with pytest.raises(StoreError) as stopped:
            list(store.sql("SELECT pg_sleep(30)", time_limit=0.2)[1])
        assert "time limit of 0.2 s" in str(stopped.value) and "--time-limit" in str(stopped.value)
        assert list(store.sql("SELECT 1", time_limit=0)[1]) == [(1,)]


@needs_pg
def test_a_definer_function_reached_through_a_view_is_refused(pg_schema):
    """s21-review: a SECURITY DEFINER function in a schema the reader may not use is still run by a view that calls
    it (a view's functions are resolved by OID; only EXECUTE is checked, as the reader), with its owner's rights.
    The check asked for USAGE on the function's schema too, so such a reader passed; EXECUTE alone now counts."""
    hidden = f"{pg_schema}_hidden"
    reader = sa.make_url(READER_URL).username
    admin = sa.create_engine(SUPERUSER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {hidden}")
        connection.exec_driver_sql(f"CREATE FUNCTION {hidden}.who() RETURNS text SECURITY DEFINER LANGUAGE sql "
                                   "AS 'SELECT current_user::text'")
        connection.exec_driver_sql(f"CREATE VIEW {pg_schema}.whoami AS SELECT {hidden}.who() AS who")
        connection.exec_driver_sql(f"GRANT SELECT ON {pg_schema}.whoami TO {reader}")
    try:
        with open_store(_with_schema(READER_URL, pg_schema)) as store, pytest.raises(StoreError) as refused:
            list(store.sql("SELECT who FROM whoami")[1])
        assert "SECURITY DEFINER" in str(refused.value) and f"{hidden}.who" in str(refused.value)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {hidden} CASCADE")
        admin.dispose()


@needs_pg
@pytest.mark.parametrize("grant", ["GRANT SELECT (line) ON {schema}.outside TO {reader}",
                                   "CREATE VIEW {schema}.lines AS SELECT line FROM {schema}.outside; "
                                   "CREATE VIEW {schema}.lines2 AS SELECT line FROM {schema}.lines; "
                                   "GRANT SELECT ON {schema}.lines2 TO {reader}"])
def test_a_foreign_table_readable_by_column_or_through_views_is_refused(pg_schema, foreign_table, grant):
    """s21-review: SELECT on one column of a foreign table, or on a view (of a view) owned by another role that
    reads one, runs file_fdw's program for the reader as well; the check saw only a table-wide SELECT."""
    admin, marker = foreign_table
    with admin.begin() as connection:
        for statement in grant.format(schema=pg_schema, reader=sa.make_url(READER_URL).username).split("; "):
            connection.exec_driver_sql(statement)
    with open_store(_with_schema(READER_URL, pg_schema)) as store, pytest.raises(StoreError) as refused:
        list(store.sql("SELECT 1")[1])
    assert "foreign tables" in str(refused.value) and f"{pg_schema}.outside" in str(refused.value)
    assert not marker.exists()


@needs_pg
def test_the_postgresql_time_limit_is_the_readers_statements_alone(pg_schema):
    """s21-review: statement_timeout is in whole milliseconds, and 0 means none: --time-limit 0.0004 was rounded to
    0 and ran with no limit on PostgreSQL (SQLite kept it); any positive limit is now at least 1 ms. It is set in
    the read-only transaction just before the statement, so a statement cannot lift it for itself."""
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        assert list(store.sql("SHOW statement_timeout", time_limit=0.0004)[1]) == [("1ms",)]
        assert list(store.sql("SHOW statement_timeout", time_limit=2.5)[1]) == [("2500ms",)]
        assert list(store.sql("SHOW statement_timeout", time_limit=0)[1]) == [("0",)]
        with pytest.raises(StoreError) as stopped:
            list(store.sql("SELECT set_config('statement_timeout', '0', false), pg_sleep(30)", time_limit=0.2)[1])
        assert "time limit of 0.2 s" in str(stopped.value)


@needs_pg
def test_a_reader_that_may_write_one_column_is_refused(pg_schema):
    """s21-review: a column's INSERT, UPDATE or REFERENCES grant (GRANT UPDATE (title) ON documents) is no table
    privilege, so has_table_privilege missed it; the read-only transaction still stopped the write, but the check
    is to refuse any role that can write."""
    admin = sa.create_engine(OWNER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"GRANT UPDATE (title) ON {pg_schema}.documents TO {sa.make_url(READER_URL).username}")
    admin.dispose()
    with open_store(_with_schema(READER_URL, pg_schema)) as store, pytest.raises(StoreError) as refused:
        list(store.sql("SELECT 1")[1])
    assert f"may write tables ({pg_schema}.documents)" in str(refused.value)


def test_one_default_time_limit_for_sql():
    """s21-mend: the Store protocol's ``sql`` wrote 60.0 again beside readonly's constant; one constant now serves
    the protocol, the SQL store and the command's option."""
    import inspect

    from analyzer.cli import main
    from analyzer.store import base, readonly
    from analyzer.store.sql import SQLStore

    limit = base.DEFAULT_SQL_TIME_LIMIT
    assert inspect.signature(base.Store.sql).parameters["time_limit"].default is limit
    assert inspect.signature(SQLStore.sql).parameters["time_limit"].default is limit
    option = next(p for p in main.get_command(None, "sql").params if p.name == "time_limit")
    assert option.default is limit and not hasattr(readonly, "DEFAULT_TIME_LIMIT")


LARGE = "SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 200000) g"


def _peak_python_memory(store, statement: str) -> tuple[list[str], int, int]:
    """The columns, the row count and the peak of Python's allocations while ``store.sql`` runs ``statement`` and
    every row is read."""
    import tracemalloc
    tracemalloc.start()
    try:
        columns, rows = store.sql(statement)
        count = sum(1 for _ in rows)
        return columns, count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@needs_pg
def test_a_large_postgresql_result_is_read_in_bounded_memory(pg_schema):
    """s22-probe: every row was fetched into memory before the first was given (200,000 rows of 200 characters:
    about 70 MB of Python objects; a 1M-row result, benchmarks/bench_sql_memory.py). The rows are streamed from
    the server and kept in a temporary file until read, so the session still ends before the first row is given."""
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        columns, count, peak = _peak_python_memory(store, LARGE)
    assert columns == ["g", "pad"] and count == 200_000
    assert peak < 20 * 2**20, f"{peak / 2**20:.0f} MB"


def test_a_large_sqlite_result_is_read_in_bounded_memory(tmp_path):
    db = _sqlite_store(tmp_path)
    statement = ("WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < 200000) "
                 "SELECT g, printf('%.200c', 'x') AS pad FROM n")
    with open_store(db) as store:
        columns, count, peak = _peak_python_memory(store, statement)
    assert columns == ["g", "pad"] and count == 200_000
    assert peak < 20 * 2**20, f"{peak / 2**20:.0f} MB"


@needs_pg
@pytest.mark.parametrize("statement, columns, rows", [
    ("SELECT 1 AS a WHERE false", ["a"], []),
    ("SELECT 1 AS a, 2 AS a", ["a", "a"], [(1, 2)]),
    ("LOCK TABLE figures IN ACCESS SHARE MODE", [], []),
    ("SHOW statement_timeout", ["statement_timeout"], [("1min",)]),
    ("EXPLAIN SELECT 1", ["QUERY PLAN"], None),
])
def test_streamed_results_keep_their_columns(pg_schema, statement, columns, rows):
    """An empty result still names its columns, and a command without rows gives none."""
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        got_columns, got_rows = store.sql(statement)
        got_rows = list(got_rows)
    assert got_columns == columns and (rows is None and len(got_rows) == 1 or got_rows == rows)


@needs_pg
def test_a_full_temporary_folder_is_one_line(pg_schema, monkeypatch):
    """The spool fails mid-result: one line, and the stream is closed first (left open, it kept the driver's
    connection busy and the session's rollback waited on it for ever)."""
    import tempfile
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda: open("/dev/full", "w+b"))
    with open_store(_with_schema(READER_URL, pg_schema)) as store, pytest.raises(StoreError) as full:
        store.sql(LARGE)
    assert "does not fit in the temporary folder" in str(full.value) and "\n" not in str(full.value)
    monkeypatch.undo()
    with open_store(_with_schema(READER_URL, pg_schema)) as store:
        assert list(store.sql("SELECT 1")[1]) == [(1,)]


# --- an older store (s24-probe): analyzer sql reads it as it is, and writes nothing to upgrade it -------------

def _make_version_4(url: str) -> None:
    """Turn the store at ``url`` into one as main made it before text hashes (schema version 4)."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP INDEX ix_documents_text_hash"))
        connection.execute(sa.text("ALTER TABLE documents DROP COLUMN text_hash"))
        connection.execute(sa.text("DELETE FROM schema_version WHERE version >= 5"))
        connection.execute(sa.text("INSERT INTO schema_version (version, applied_at, description) "
                                   "VALUES (4, '2026-12-06T00:00:00+00:00', 'as main made it')"))
    engine.dispose()


def _version(url: str) -> tuple[int, list[str]]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        found = connection.execute(sa.text("SELECT max(version) FROM schema_version")).scalar()
        columns = [c["name"] for c in sa.inspect(connection).get_columns("documents")]
    engine.dispose()
    return found, columns


def test_sql_reads_an_older_sqlite_store_without_upgrading_it(tmp_path):
    db = _sqlite_store(tmp_path)
    _make_version_4(f"sqlite:///{db}")
    result = CliRunner().invoke(main, ["sql", "SELECT count(*) AS n FROM documents", "--db", db, "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "1"], result.output
    version, columns = _version(f"sqlite:///{db}")
    assert version == 4 and "text_hash" not in columns  # before: upgraded to 5 by a read-only command


@needs_pg
def test_a_reader_reads_an_older_store_and_the_other_commands_say_why_they_cannot(pg_schema):
    _make_version_4(_with_schema(OWNER_URL, pg_schema))
    reader = _with_schema(READER_URL, pg_schema)
    result = CliRunner().invoke(main, ["sql", "SELECT count(*) AS n FROM documents", "--db", reader, "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "1"], result.output  # before: 'must be owner'
    query = CliRunner().invoke(main, ["query", "--db", reader])
    assert query.exit_code == 1 and "Traceback" not in query.output
    assert ("the store has schema version 4, older than this analyzer's 5, and upgrading it failed (must be owner "
            "of table documents)") in query.stderr and "`analyzer ingest` as the store's owner" in query.stderr
    assert f":{sa.make_url(READER_URL).password}@" not in query.output
    assert _version(_with_schema(OWNER_URL, pg_schema))[0] == 4



def test_sqlite_running_out_of_memory_is_one_line(tmp_path):
    """SQLite's out-of-memory error is a MemoryError, not a sqlite3.Error: before (s24-probe), a traceback. In a
    process of its own: the heap limit is SQLite's, for the whole process."""
    import subprocess
    import sys
    db = _sqlite_store(tmp_path)
    result = subprocess.run([sys.executable, "cli.py", "sql", "PRAGMA hard_heap_limit = 1", "--db", db],
                            cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip() == ("Error: SQL failed: SQLite ran out of memory (a heap limit the statement set, "
                                     "or a result too large)")


def test_a_failed_upgrade_advises_by_its_reason():
    """s25-review: any failed upgrade advised another role or file permissions, a locked store too."""
    import sqlite3

    from analyzer.store.migrations import _upgrade_advice
    locked = sa.exc.OperationalError("ALTER TABLE …", {}, sqlite3.OperationalError("database is locked"))
    read_only = sa.exc.OperationalError("ALTER TABLE …", {}, sqlite3.OperationalError(
        "attempt to write a readonly database"))
    assert "run the command again" in _upgrade_advice(locked) and "role" not in _upgrade_advice(locked)
    assert "role or file permissions" in _upgrade_advice(read_only)
