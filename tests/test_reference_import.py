"""`analyzer reference import` with hostile tables (s20-probe): a value the store would refuse from `ingest`, or one
Python's Decimal reads but a person did not write as a number, is one error line and nothing is imported."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyzer.cli import main

from test_store import db_url  # noqa: F401 - db_url is a fixture (SQLite, PostgreSQL)

HEADER = "metric,period,value,unit,measure,comparison,source,title,url"
URL = "http://www.pbc.gov.cn/x.html"


def _import(tmp_path, *rows: str):
    path = tmp_path / "ref.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db])
    return result, db


@pytest.mark.parametrize("value, problem", [
    ("1e400", "out of range"),  # stored a 400-digit value and value_num inf
    ("1e-400", "out of range"),
    ("1_000", "not a number"),  # Decimal reads Python's digit grouping
    ("１２３", "not a number"),  # and full-width or other scripts' digits
    ("٣", "not a number"),
    ("NaN", "not a number"),
    ("-Infinity", "not a number"),
])
def test_a_value_no_person_wrote_as_a_number_is_refused(tmp_path, value, problem):
    result, db = _import(tmp_path, f"M1余额,2024-12-31,1,亿元,level,,央行,t,{URL}",
                         f"M2余额,2024-12-31,{value},亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1, result.output
    assert f"ref.csv:3: " in result.output and problem in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value, stored", [("1,234.5", "123450000000"), ("-0.25", "-25000000"), ("3E+2", "30000000000"),
                                           (" 12 ", "1200000000")])
def test_plain_values_still_import(tmp_path, value, stored):
    result, db = _import(tmp_path, f"M2余额,2024-12-31,\"{value}\",亿元,level,,央行,t,{URL}")
    assert result.exit_code == 0, result.output
    rows = CliRunner().invoke(main, ["sql", "SELECT value FROM figures", "--db", db, "-f", "jsonl"])
    assert rows.output.strip() == f'{{"value": "{stored}"}}', rows.output


def test_a_value_past_exact_arithmetic_is_refused_not_rounded(tmp_path):
    """1.00000000000000000000000000000001万亿元 times 1e12 was rounded to 28 digits (Decimal's context) in silence."""
    result, _db = _import(tmp_path, f"M2余额,2024-12-31,1.00000000000000000000000000000001,万亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1 and "kept exactly" in result.output, result.output


def test_a_nul_in_a_cell_is_refused_as_ingest_refuses_it(tmp_path):
    result, _db = _import(tmp_path, f"M2余额,2024-12-31,1,亿元,level,,央\x00行,t,{URL}")
    assert result.exit_code == 1 and "NUL" in result.output, result.output


def test_a_quoted_line_break_is_part_of_its_cell(tmp_path):
    """s20-probe: the table was read line by line, so a title a spreadsheet saved with a line break in its cell
    (quoted, as CSV allows) was two rows with too few cells, and the whole table was refused. U+2028 in a cell also
    split its line. Line numbers still name the line a row starts on."""
    result, db = _import(tmp_path, f'M1余额,2024-12-31,1,亿元,level,,央行,"第一行\n第二行",{URL}',
                         f"M2余额,2024-12-31,2,亿元,level,,央行,标题\u2028续,{URL}",
                         f"M3余额,2024-12-31,x,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1 and "ref.csv:5: value 'x' is not a number" in result.output, result.output
    result, db = _import(tmp_path, f'M1余额,2024-12-31,1,亿元,level,,央行,"第一行\n第二行",{URL}',
                         f"M2余额,2024-12-31,2,亿元,level,,央行,标题\u2028续,{URL}")
    assert result.exit_code == 0, result.output
    rows = CliRunner().invoke(main, ["sql", "SELECT title FROM documents ORDER BY title", "--db", db, "-f", "jsonl"])
    assert [json.loads(line)["title"] for line in rows.output.strip("\n").split("\n")] == ["标题\u2028续", "第一行\n第二行"]


def test_an_unclosed_quote_is_one_error_line(tmp_path):
    result, _db = _import(tmp_path, f'M1余额,2024-12-31,1,亿元,level,,央行,"never closed,{URL}',
                          f"M2余额,2024-12-31,2,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1 and "ref.csv:2" in result.output and "Traceback" not in result.output, result.output


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read_forever(tmp_path, path):
    """s21-probe: `reference import /dev/zero` read the device whole (forever, memory growing); ingest, extract, brief
    and check refuse a FIFO, socket or device without opening it, and so does reference import now."""
    if not __import__("os").path.exists(path):
        pytest.skip(f"no {path}")
    result = CliRunner().invoke(main, ["reference", "import", path, "--source", "t", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and "not a regular file" in result.stderr, result.output


def test_a_folder_or_a_missing_table_is_one_line(tmp_path):
    for path, problem in ((tmp_path, "is a folder"), (tmp_path / "missing.csv", "No such file")):
        result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t",
                                           "--db", str(tmp_path / "s.db")])
        assert result.exit_code == 1 and problem in result.stderr and len(result.stderr.splitlines()) == 1, \
            result.output


@pytest.mark.parametrize("header", ["metric,metric,period,value,unit,source,url",
                                    "metric,period,value,unit,source,url, url "])
def test_a_column_given_twice_is_refused(tmp_path, header):
    """s22-probe: a repeated column was read as the last cell of that name, the other dropped in silence
    (`metric,metric` with `a,b` stored metric b)."""
    path = tmp_path / "ref.csv"
    cells = "M1余额,M2余额,2024-12-31,1,亿元,央行," + URL if header.startswith("metric,metric") \
        else f"M1余额,2024-12-31,1,亿元,央行,{URL},{URL}"
    path.write_text(f"{header}\n{cells}\n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db])
    assert result.exit_code == 1, result.output
    assert "ref.csv:1: column(s) given twice: " in result.output and "nothing imported" in result.output


def _set_rows(db) -> dict[str, str]:
    """``doc_id → value`` of every stored reference row."""
    import sqlalchemy as sa
    from analyzer.store import open_store, schema
    d, f = schema.documents.c, schema.figures.c
    with open_store(str(db), create=False) as store, store.engine.connect() as connection:
        return dict(connection.execute(sa.select(d.doc_id, f.value).join_from(schema.documents, schema.figures,
                                                                               f.document_id == d.id)).all())


def test_importing_a_set_again_makes_it_the_new_table(db_url, tmp_path):  # noqa: F811 - db_url is a fixture
    """s22-probe: a row the corrected table no longer held (a wrong period, a withdrawn figure) stayed in the store,
    and verdicts kept resting on it, while the summary said the rows were replaced. Now the set is the new table,
    in one transaction, and the summary counts what changed; another set whose name begins the same is untouched."""
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(f"{HEADER}\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL}\nM2余额,2024-12-31,2,亿元,level,,央行,t,"
                     f"{URL}\nM0余额,2024-12-31,3,亿元,level,,央行,t,{URL}\n", encoding="utf-8")
    second.write_text(f"{HEADER}\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL}\nM2余额,2024-12-31,5,亿元,level,,央行,t,"
                      f"{URL}\nM2余额,2023-12-31,4,亿元,level,,央行,t,{URL}\n", encoding="utf-8")

    def run(path, name):
        result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", name, "--db", db_url])
        assert result.exit_code == 0, result.output
        return result.stderr
    run(first, "t:b")
    run(first, "t")
    said = run(second, "t")
    assert "1 added, 1 updated, 1 unchanged, 1 removed (rows of 't' this table no longer holds)" in said, said
    rows = _set_rows(db_url)
    ours = sorted(v for k, v in rows.items() if not k.startswith("reference:t:b:"))
    assert ours == ["100000000", "400000000", "500000000"], rows
    assert sorted(v for k, v in rows.items() if k.startswith("reference:t:b:")) == ["100000000", "200000000",
                                                                                      "300000000"]


@pytest.mark.parametrize("rank, published", [("secondary", ""), ("official", "2025-01-15")])
def test_importing_a_set_again_with_another_rank_or_date_updates_its_rows(tmp_path, rank, published):
    """s23-review: the rows' hash was their text and value only, so the same table imported again with --rank
    secondary (or a row's published date corrected) was counted unchanged and its rows stayed as they were, while
    the summary said the set was stored at the new rank."""
    path, db = tmp_path / "ref.csv", str(tmp_path / "store.db")

    def run(rank, published):
        path.write_text(f"{HEADER},published\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL},{published}\n",
                        encoding="utf-8")
        result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--rank", rank,
                                           "--db", db])
        assert result.exit_code == 0, result.output
        return result.stderr
    run("official", "")
    said = run(rank, published)
    assert "0 added, 1 updated, 0 unchanged" in said, said
    import sqlalchemy as sa

    from analyzer.store import open_store, schema
    d = schema.documents.c
    with open_store(db, create=False) as store, store.engine.connect() as connection:
        meta, stored = connection.execute(sa.select(d.meta, d.published)).one()
    assert meta["rank"] == rank and (str(stored or "")[:10] == published), (meta, stored)


def test_a_table_without_rows_is_refused_not_imported_as_an_empty_set(tmp_path):
    """A header alone would now replace the set with nothing: it is refused, as an empty file was."""
    result, db = _import(tmp_path, f"M1余额,2024-12-31,1,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 0, result.output
    path = tmp_path / "ref.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    again = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db])
    assert again.exit_code == 1 and "no rows below the header" in again.output, again.output
    assert list(_set_rows(db).values()) == ["100000000"]


def test_an_ingest_does_not_replace_a_reference_row_unasked(db_url, tmp_path, fake_pipeline):  # noqa: F811
    """s22-probe: a document ingested under a reference row's id replaced the official row in silence ("1 updated",
    exit 0): reference rows have no input file, so the check for an id stored from another input never saw them."""
    table = tmp_path / "ref.csv"
    table.write_text(f"{HEADER}\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["reference", "import", str(table), "--source", "t", "--db", db_url]).exit_code == 0
    [doc_id] = _set_rows(db_url)
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": doc_id, "text": "截至2024年末，狭义货币余额为999亿元。"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", db_url, "--no-progress"])
    assert result.exit_code == 3, result.output
    assert "is already stored from another input, reference set 't' (analyzer reference import)" in result.stderr
    assert _set_rows(db_url) == {doc_id: "100000000"}


def test_the_dask_engine_sees_reference_rows_as_stored_from_their_set(tmp_path):
    """The Dask client decides repeated ids from ``stored_state``: it reads a reference row's origin as ingest does."""
    from analyzer.cluster.duplicates import stored_state
    from analyzer.store import open_store
    result, db = _import(tmp_path, f"M1余额,2024-12-31,1,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 0, result.output
    [doc_id] = _set_rows(db)
    with open_store(db, create=False) as store:
        assert stored_state(store, [doc_id])[doc_id][2] == "reference set 't' (analyzer reference import)"


@pytest.mark.parametrize("period, message", [
    ("２０２４-01-01", "ref.csv:3: period '２０２４-01-01' is written with digits other than 0-9 (２, ０, ４); "
                     "write '2024-01-01'"),
    ("２０２４", "ref.csv:3: period '２０２４' is written with digits other than 0-9"),  # was stored as '２０２４-01-01'
    ("2024-12-31/", "ref.csv:3: period '2024-12-31/' has no end after its '/': write START/END"),
    ("/2024-12-31", "ref.csv:3: period '/2024-12-31' has no start before its '/'"),
    ("2024/2025/2026", "ref.csv:3: period '2024/2025/2026' has more than one '/'"),
])
def test_a_period_message_names_the_column_and_the_value_written(tmp_path, period, message):
    """s22-probe: full-width digits were refused as `figures[0].period.start '２０２４-01-01' is not an ISO date` (a
    field of the store's records, not the table's column), and `2024-12-31/` as `period '' is not …` (its empty end)."""
    result, _db = _import(tmp_path, f"M1余额,2024-12-31,1,亿元,level,,央行,t,{URL}",
                          f"M2余额,{period},2,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert "figures[" not in result.stderr and "period ''" not in result.stderr, result.output


def test_a_published_date_message_names_its_column(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text(f"metric,period,value,unit,source,url,published\nM2余额,2024-12-31,1,亿元,央行,{URL},２０２５-01-15\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t",
                                       "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and "ref.csv:2: published '２０２５-01-15' is written with digits other than 0-9" \
        in result.stderr, result.output


def test_a_table_over_the_size_limit_is_one_line_and_the_set_is_kept(tmp_path):
    """s22-probe: the table was read whole with no size limit (a multi-gigabyte file would be read into memory, 25
    times its size once checked). A file over MAX_TABLE_BYTES is refused from its size, unread (a sparse file here),
    with one line, and the set stored before stays as it was."""
    from analyzer.store.references import MAX_TABLE_BYTES
    result, db = _import(tmp_path, f"M2余额,2024-12-31,1,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 0, result.output
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(MAX_TABLE_BYTES + 1)
    result = CliRunner().invoke(main, ["reference", "import", str(big), "--source", "t", "--db", db])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"Error: {big}: {MAX_TABLE_BYTES + 1:,} bytes is over the limit of "
                                          f"{MAX_TABLE_BYTES:,} bytes for a reference table (split it into several "
                                          "sets, one --source each)"], result.output
    assert list(_set_rows(db).values()) == ["100000000"]


def test_a_table_at_the_size_limit_imports(tmp_path, monkeypatch):
    from analyzer.store import references
    result, _db = _import(tmp_path, f"M2余额,2024-12-31,1,亿元,level,,央行,t,{URL}")
    size = (tmp_path / "ref.csv").stat().st_size
    monkeypatch.setattr(references, "MAX_TABLE_BYTES", size)
    assert _import(tmp_path, f"M2余额,2024-12-31,1,亿元,level,,央行,t,{URL}")[0].exit_code == 0
    monkeypatch.setattr(references, "MAX_TABLE_BYTES", size - 1)
    result, _db = _import(tmp_path, f"M2余额,2024-12-31,1,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1 and "over the limit" in result.stderr, result.output


def test_two_imports_of_one_set_at_once_leave_one_table_not_a_mix(db_url, tmp_path, monkeypatch):  # noqa: F811
    """s23-review: the set's stored ids were read before the write transaction opened, so two imports of one set at
    the same moment could each drop only the rows stored before both began and keep the other's new rows: the set
    ended as a mix of the two tables (and the second import's counts said 0 removed). Here both imports are held at
    the door of the store's write until both are there (a barrier, no sleep), then go on together: the set must end
    as exactly one of the two tables, and each import's counts must be what it did."""
    import threading

    from analyzer.store import SQLStore, open_store
    from analyzer.store.references import import_reference_table
    tables = {"t0": [("M0余额", 7), ("S余额", 7)], "t1": [("S余额", 1), ("A余额", 1)],
              "t2": [("S余额", 2), ("B余额", 2), ("C余额", 2)]}
    paths = {}
    for name, rows in tables.items():
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(HEADER + "\n" + "".join(f"{metric},2024-12-31,{value},亿元,level,,央行,t,{URL}\n"
                                                       for metric, value in rows), encoding="utf-8")
    with open_store(db_url) as store:
        import_reference_table(store, str(paths["t0"]), "s")
    door = threading.Barrier(2, timeout=120)  # a guard against a hang, not a timing: both arrive at once
    write = SQLStore.write

    def held_write(self, *args, **kwargs):
        door.wait()
        return write(self, *args, **kwargs)
    monkeypatch.setattr(SQLStore, "write", held_write)
    results, errors = {}, []

    def run(name):
        try:
            with open_store(db_url) as store:
                results[name] = import_reference_table(store, str(paths[name]), "s")[1]
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
    threads = [threading.Thread(target=run, args=(name,)) for name in ("t1", "t2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    stored = {doc_id.split(":")[2]: value for doc_id, value in _set_rows(db_url).items()}
    last = next((name for name in ("t1", "t2") if stored == {metric: f"{value}00000000"
                                                              for metric, value in tables[name]}), None)
    assert last, f"the set is a mix of the two tables: {stored}"
    first = "t1" if last == "t2" else "t2"
    counts = {name: (r.added, r.updated, r.unchanged, r.removed) for name, r in results.items()}
    assert counts[first] == (len(tables[first]) - 1, 1, 0, 1), counts  # S updated, M0 removed
    assert counts[last] == (len(tables[last]) - 1, 1, 0, len(tables[first]) - 1), counts  # S updated, first's removed


def test_the_store_reads_a_set_by_its_name_alone(db_url, tmp_path):  # noqa: F811 - db_url is a fixture
    """The store owns the set's query (``Store.reference_set``, both backends): set ``a`` is not ``a:b``, and a name
    holding LIKE's wildcards (``a_``, ``a%``) or a backslash matches itself only."""
    from analyzer.store import open_store
    from analyzer.store.references import import_reference_table
    path = tmp_path / "ref.csv"
    path.write_text(f"{HEADER}\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL}\n", encoding="utf-8")
    names = ["a", "a:b", "a_", "ab", "a%", "a\\", "a\\b"]
    with open_store(db_url) as store:
        for name in names:
            import_reference_table(store, str(path), name)
        for name in names:
            [doc_id] = store.reference_set(name)
            assert doc_id.startswith(f"reference:{name}:") and doc_id.endswith(":level::2024-12-31:2024-12-31"), name
        assert store.reference_set("nothing") == {}


@pytest.mark.parametrize("column", ["metric", "source"])
def test_a_huge_cell_is_one_line_and_the_set_is_kept(db_url, tmp_path, column):  # noqa: F811 - db_url is a fixture
    """s24-refs: on PostgreSQL a 100,000-character metric (the row's id) or source went past the btree index's row
    limit (2,704 bytes) and the import ended in a traceback (`ProgramLimitExceeded: index row size … exceeds btree
    version 4 maximum`). The id is held to ingest's limit, named in the table's terms, and anything else the
    database refuses is one line; nothing is imported and the set stays as it was."""
    def run(cells):
        path = tmp_path / "ref.csv"
        path.write_text(f"{HEADER}\n{cells}\n", encoding="utf-8")
        return CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db_url])
    assert run(f"M1余额,2024-12-31,1,亿元,level,,央行,t,{URL}").exit_code == 0
    huge = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(100_000))  # CJK that does not compress
    metric, source = (huge, "央行") if column == "metric" else ("M1余额", huge)
    result = run(f"{metric},2024-12-31,2,亿元,level,,{source},t,{URL}")
    assert "Traceback" not in result.output and not isinstance(result.exception, Exception), result.output[-600:]
    if column == "metric":
        assert result.exit_code == 1 and "ref.csv:2: " in result.stderr and "characters" in result.stderr, \
            result.stderr[-600:]
    if result.exit_code:
        assert len(result.stderr.splitlines()) <= 2 and "nothing imported" in result.stderr, result.stderr[-600:]
        assert list(_set_rows(db_url).values()) == ["100000000"]


@pytest.mark.parametrize("period, message", [
    ("0000", "ref.csv:2: period '0000' is in year 0"),  # said `figures[0].period.start '0000-01-01' is not …`
    ("0000-Q1", "ref.csv:2: period '0000-Q1' is in year 0"),
    ("0000-03", "ref.csv:2: period '0000-03' is in year 0"),
    ("2024-W01", "ref.csv:2: period '2024-W01' is not 2024, 2024-Q1"),  # was stored as the day 2024-01-01
    ("2024W015", "ref.csv:2: period '2024W015' is not 2024, 2024-Q1"),
    ("20241231", "ref.csv:2: period '20241231' is not 2024, 2024-Q1"),  # read by Python 3.11's fromisoformat only
])
def test_a_period_python_reads_but_the_table_format_does_not_is_refused(tmp_path, period, message):
    """s24-refs: `date.fromisoformat` (Python 3.11 on) reads ISO week dates and the basic format, so `2024-W01` (a
    week) was stored as the one day 2024-01-01, and year 0 was refused in the store's terms."""
    result, _db = _import(tmp_path, f"M2余额,{period},2,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert "figures[" not in result.stderr


@pytest.mark.parametrize("published", ["2024/2025", "2024-Q1", "2024", "2024-03"])
def test_a_published_value_that_is_not_one_day_is_refused(tmp_path, published):
    """s24-refs: `published` was checked as a period and stored as written, so `2024/2025` or `2024-Q1` sat in the
    documents' date column (ingest refuses them: not a date), sorted after every 2024 day and was quoted as the
    release's date in verdicts."""
    path = tmp_path / "ref.csv"
    path.write_text(f"metric,period,value,unit,source,url,published\nM2余额,2024-12-31,1,亿元,央行,{URL},{published}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t",
                                       "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and f"ref.csv:2: published {published!r} is not one day" in result.stderr, \
        result.output


@pytest.mark.parametrize("when", ["in the transaction", "after the commit"])
def test_an_interrupted_import_says_whether_the_set_was_stored(db_url, tmp_path, monkeypatch, when):  # noqa: F811
    """s24-refs: Ctrl-C during the import's one transaction rolls it back, but one that lands while COMMIT runs is
    raised once the commit has returned, and the import said only `Error: interrupted` (exit 130) whether the set
    was the new table or the old one. After an interrupt the store is now read again: the line says which."""
    import sqlalchemy as sa

    from analyzer.store import SQLStore
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(f"{HEADER}\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL}\n", encoding="utf-8")
    second.write_text(f"{HEADER}\nM2余额,2024-12-31,2,亿元,level,,央行,t,{URL}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["reference", "import", str(first), "--source", "t", "--db", db_url]).exit_code == 0
    armed = []
    remove, commit = SQLStore._remove, sa.engine.default.DefaultDialect.do_commit

    def arming_remove(connection, doc_ids):
        armed.append(True)  # inside the import's transaction
        return remove(connection, doc_ids)

    def interrupted_commit(self, dbapi_connection):
        if not armed:
            return commit(self, dbapi_connection)
        armed.clear()
        if when == "after the commit":
            commit(self, dbapi_connection)
        raise KeyboardInterrupt
    monkeypatch.setattr(SQLStore, "_remove", staticmethod(arming_remove))
    monkeypatch.setattr(sa.engine.default.DefaultDialect, "do_commit", interrupted_commit)
    result = CliRunner().invoke(main, ["reference", "import", str(second), "--source", "t", "--db", db_url])
    monkeypatch.undo()
    assert result.exit_code == 130, result.output
    if when == "after the commit":
        assert result.stderr.splitlines() == [f"Error: interrupted after the set was stored: 't' holds the 1 rows of "
                                              f"{second}"], result.stderr
        assert list(_set_rows(db_url).values()) == ["200000000"]
    else:
        assert result.stderr.splitlines() == ["Error: interrupted: nothing imported, 't' is as it was"], result.stderr
        assert list(_set_rows(db_url).values()) == ["100000000"]


def test_an_import_interrupted_while_the_store_closes_says_the_set_was_stored(db_url, tmp_path, monkeypatch):  # noqa: F811
    """Closing the store after the write (on SQLite the last connection checkpoints the write-ahead log: a second
    or more after a large import; s25-review: a table of 15,000 rows interrupted there) took a Ctrl-C as any other
    moment: `Error: interrupted`, the line an import interrupted while the table was still being read also gets,
    with the set stored. The close now holds Ctrl-C; the import's line is written, then the interrupt's."""
    import signal

    from analyzer.store import SQLStore
    path = tmp_path / "ref.csv"
    path.write_text(f"{HEADER}\nM1余额,2024-12-31,1,亿元,level,,央行,t,{URL}\n", encoding="utf-8")
    close = SQLStore.close

    def interrupted_close(self):
        close(self)
        signal.raise_signal(signal.SIGINT)  # Ctrl-C while the store closes
    monkeypatch.setattr(SQLStore, "close", interrupted_close)
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db_url])
    monkeypatch.undo()
    assert result.exit_code == 130, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"1 reference rows from {path} stored as 't' (rank official) in ") and len(lines) == 2
    assert lines[1] == f"Error: interrupted after the set was stored: 't' holds the 1 rows of {path}"
    assert list(_set_rows(db_url).values()) == ["100000000"]


@pytest.mark.parametrize("name, problem", [
    ("", "is empty"), ("   ", "is empty"),
    ("s ", "begins or ends with a space"),  # a set beside 's', whose rows then stayed and were cited as official
    (" s", "begins or ends with a space"),
    ("a\nb", "holds a control character"),
    ("x" * 201, "has 201 characters (at most 200)"),  # was one error line per row, or stored under 1,000
])
def test_a_set_name_that_cannot_be_meant_is_one_line(tmp_path, name, problem):
    """s24-refs: `--source 's '` (a name pasted with its space) imported a second set beside `s`, so the rows the
    corrected table dropped stayed in `s` and verdicts kept resting on them; an empty name was a set too, and a name
    past the id limit gave one error line per row of the table."""
    result, db = _import(tmp_path, f"M1余额,2024-12-31,1,亿元,level,,央行,t,{URL}")
    assert result.exit_code == 0
    again = CliRunner().invoke(main, ["reference", "import", str(tmp_path / "ref.csv"), "--source", name, "--db", db])
    assert again.exit_code == 1, again.output
    assert again.stderr.splitlines() == [f"Error: {tmp_path / 'ref.csv'}: the set's name (--source) "
                                         f"{name!r} {problem}; nothing imported".replace("\n", "\\n")], again.stderr
    assert list(_set_rows(db)) and all(k.startswith("reference:t:") for k in _set_rows(db))
