"""Hostile input: nothing silently lost, nothing bad let in, bounded cost, one clear line per problem.

Every input is generated here at test time (tmp_path, no stored big files). Each case asserts the one-line
error, the exit code and that every valid record next to the bad one was stored. Store cases run on SQLite
and, when ANALYZER_TEST_POSTGRES_URL is set, on PostgreSQL (the ``db_url`` fixture of test_store).
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.store import schema
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.errors import InputError
from analyzer.io.readers import ReadLimits, read_documents
from analyzer.io.safejson import check_json, load_json
from analyzer.settings import Settings
from analyzer.store import open_store
from analyzer.store.ingest import ingest

from test_store import GOLD, ROOT, db_url  # noqa: F401 - db_url is a fixture (SQLite, PostgreSQL)

TEXT = "截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。"


def record(doc_id: str | None = "good", text: str | None = None, **doc) -> dict:
    """A valid record of the spec's shape with one figure; its text is TEXT after the id, so that records of
    other ids are other documents (one text is stored once: tests/test_same_text.py)."""
    text = f"{doc_id}：{TEXT}" if text is None else text
    start = text.index("35.3万亿元") if "35.3万亿元" in text else 0
    return {"doc": {"id": doc_id, "title": "标题", "source": "经济日报", "published": "2025-05-26", "kind": "news",
                    **doc},
            "text": text,
            "figures": [{"text": "35.3万亿元", "start": start, "end": start + 7, "value": "35300000000000",
                         "unit": "CNY", "measure": "level", "metric": "普惠小微贷款余额",
                         "period": {"start": "2025-03-31", "end": "2025-03-31"}}],
            "policy_tools": [], "sectors": [], "institutions": []}


def line(data: dict) -> str:
    return json.dumps(data)  # ASCII: lone surrogates travel as \\ud800 escapes, as a hostile file has them


def with_doc(**changes):
    data = record("bad")
    data["doc"].update(changes)
    return line(data)


def with_figure(**changes):
    data = record("bad")
    data["figures"][0].update(changes)
    return line(data)


def raw_figure_value(raw: str) -> str:
    return with_figure(value="@@").replace('"@@"', raw)


def raw_meta(raw: str) -> str:
    return with_doc(note="@@").replace('"@@"', raw)


# (case, the bad record as one JSON line, what the error says)
BAD_RECORDS = [
    ("source is an object", with_doc(source={"name": "经济日报"}), "doc.source must be a string"),
    ("published over 32 characters", with_doc(published="2025-05-26" + "x" * 40), "doc.published has 50 characters"),
    ("kind over 32 characters", with_doc(kind="k" * 40), "doc.kind has 40 characters"),
    ("unknown kind", with_doc(kind="blog"), "doc.kind 'blog' is not one of"),
    ("null id", with_doc(id=None), "the document id is null"),
    ("id is an object", with_doc(id={"a": 1}), "must be a string or an integer"),
    ("NUL in text", line({**record("bad"), "text": TEXT + "\x00"}), "NUL character"),
    ("lone surrogate in text", line(record("bad")).replace("12.5%", "12.5\\ud800%", 1), "lone surrogate (U+D800)"),
    ("lone surrogate in a key", with_doc(**{"k\ud800": 1}), "lone surrogate"),
    ("NaN in meta", raw_meta("NaN"), "NaN is not a number"),
    ("Infinity in meta", raw_meta("-Infinity"), "-Infinity is not a number"),
    ("5,000-digit integer in meta", raw_meta("1" * 5000), "a number of 5,000 characters"),
    ("JSON nested 100,000 deep", raw_meta("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    ("JSON nested 70 deep", raw_meta("[" * 70 + "]" * 70), "nested too deeply"),
    ("value 1e400", raw_figure_value("1e400"), "1e400 overflows"),
    ("value 'Infinity'", with_figure(value="Infinity"), "Infinity is not a finite decimal"),
    ("value 'NaN'", with_figure(value="NaN"), "is not a finite decimal"),
    ("value 'sNaN'", with_figure(value="sNaN"), "sNaN is not a finite decimal"),
    ("value '1e999999'", with_figure(value="1e999999"), "is out of range"),
    ("value_high '-Infinity'", with_figure(value_high="-Infinity"), "value_high -Infinity is not a finite decimal"),
    ("offsets outside the text", with_figure(start=10, end=10_000), "outside the text"),
    ("negative offset", with_figure(start=-3), "outside the text"),
    ("offset is a boolean", with_figure(start=True), "must be an integer"),
    ("unknown unit", with_figure(unit="GBP"), "unit 'GBP' is not one of"),
    ("period not a date", with_figure(period={"start": "2025-13-45", "end": "2025-03-31"}), "not an ISO date"),
    # s24-probe: the record format's text[start:end] == text, and a period that does not end before it starts
    ("figure text not at its offsets", with_figure(text="99.9万亿元"),
     "figures[0]: its text '99.9万亿元' is not the document's text at 27..34 ('35.3万亿元')"),
    ("figure offsets shifted by one", with_figure(start=28, end=35), "is not the document's text at 28..35"),
    ("figure period ends before it starts", with_figure(period={"start": "2025-03-31", "end": "2024-03-31"}),
     "figures[0].period ends before it starts (2025-03-31 > 2024-03-31)"),
    ("mention offsets on other text", line({**record("bad"), "institutions": [
        {"text": "金融监管总局", "start": 0, "end": 6, "name": "国家金融监督管理总局"}]}),
     "institutions[0]: its text '金融监管总局' is not the document's text at 0..6"),
    ("figure links of an unknown kind", with_figure(links={"k" * 300: ["中国人民银行"]}),
     "figures[0].links has a kind 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…' that is not one of policy_tools, sectors, "
     "institutions"),
    ("figure links to an empty name", with_figure(links={"institutions": [""]}), "links must map kinds to lists"),
    ("figure without value", line({**record("bad"), "figures": [{"text": "x", "start": 0, "end": 1}]}),
     "not a valid record"),
    ("doc is a list", line({**record("bad"), "doc": [1]}), "'doc' must be an object"),
    ("not an object", "[1, 2, 3]", "expected a JSON object"),
    ("malformed JSON", '{"doc": {"id": "bad"}, "text": ', "malformed JSON"),
]


def ingest_cli(*args, input=None):
    return CliRunner().invoke(main, ["ingest", "--no-progress", *map(str, args)], input=input)


def error_lines(result) -> list[str]:
    return [text for text in result.stderr.splitlines() if text.startswith("Error:")]


def stored_ids(db) -> set[str]:
    with open_store(str(db), create=False) as store:
        return set(store.known_documents())


# --- validate before writing: a bad record fails alone, on both backends ---------------------------------

@pytest.mark.parametrize("case, bad, problem", BAD_RECORDS, ids=[c[0] for c in BAD_RECORDS])
def test_bad_record_fails_alone(db_url, tmp_path, case, bad, problem):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join([line(record("first")), bad, line(record("last"))]) + "\n", encoding="utf-8")
    result = ingest_cli(path, "--records", "--db", db_url)
    assert result.exit_code == 1, result.output
    [error, summary] = error_lines(result)
    assert error.startswith(f"Error: {path}:2: ") and problem in error, error
    assert summary == "Error: 1 of 3 inputs failed"
    assert "Traceback" not in result.output and "2 added" in result.stderr
    assert stored_ids(db_url) == {"first", "last"}


DOCUMENT_CASES = [case for case in BAD_RECORDS if "figure" not in case[0] and "value" not in case[0]
                  and "offset" not in case[0] and "unit" not in case[0] and "period" not in case[0]]


@pytest.mark.parametrize("case, bad, problem", DOCUMENT_CASES, ids=[c[0] for c in DOCUMENT_CASES])
def test_bad_document_fails_alone_when_analyzed(tmp_path, fake_pipeline, case, bad, problem):
    path, db = tmp_path / "docs.jsonl", tmp_path / "store.db"
    path.write_text("\n".join([line(record("first")), bad, line(record("last"))]) + "\n", encoding="utf-8")
    result = ingest_cli(path, "--db", db)
    assert result.exit_code == 1 and problem in error_lines(result)[0], result.output
    assert stored_ids(db) == {"first", "last"}


@pytest.mark.parametrize("field", ["title", "source", "published", "url"])
def test_a_flat_record_with_a_list_valued_field_fails_alone(tmp_path, fake_pipeline, field):
    """A flat record ({"id", "title", "text"}) drops other list or object fields (labels), but a metadata field that
    holds a list is an error for its record, not a field silently lost (s19-probe)."""
    path, db = tmp_path / "flat.jsonl", tmp_path / "store.db"
    bad = line({"id": "bad", field: ["经济日报", "新华社"], "labels": ["a"], "text": TEXT})
    good = [line({"id": name, "title": "标题", "labels": ["a"], "text": f"{name}：{TEXT}"})
            for name in ("first", "last")]
    path.write_text("\n".join([good[0], bad, good[1]]) + "\n", encoding="utf-8")
    result = ingest_cli(path, "--db", db)
    assert result.exit_code == 1, result.output
    assert f"{path}:2: doc.{field} must be a string" in error_lines(result)[0], result.output
    assert stored_ids(db) == {"first", "last"}


def test_the_7201_record_file_keeps_all_but_the_bad_one(tmp_path):
    path, db = tmp_path / "big.jsonl", tmp_path / "store.db"
    lines = [line(record(f"r{n}")) for n in range(1, 7202)]
    lines[3000] = with_doc(id="r3001", source={"name": "x"})
    path.write_text("\n".join(lines), encoding="utf-8")
    result = ingest_cli(path, "--records", "--db", db, "--batch-size", "500")
    assert result.exit_code == 1 and f"{path}:3001: doc.source must be a string" in result.stderr
    assert "7200 added" in result.stderr and len(stored_ids(db)) == 7200


def test_json_array_with_one_bad_element_keeps_the_others(tmp_path):
    path, db = tmp_path / "array.json", tmp_path / "store.db"
    elements = [line(record("a")), with_doc(id="b", source={"x": 1}), raw_meta("NaN").replace('"bad"', '"c"'),
                line(record("d"))]
    path.write_text("[" + ",\n".join(elements) + "]", encoding="utf-8")
    result = ingest_cli(path, "--records", "--db", db)
    assert result.exit_code == 1 and stored_ids(db) == {"a", "d"}
    assert [e.split(": ")[1] for e in error_lines(result)[:2]] == [f"{path}[1]", f"{path}[2]"]


def test_all_bad_exits_3_and_a_good_run_0(tmp_path):
    bad, good, db = tmp_path / "bad.jsonl", tmp_path / "good.jsonl", tmp_path / "store.db"
    bad.write_text(with_figure(value="NaN") + "\n" + with_doc(id=None), encoding="utf-8")
    good.write_text(line(record("g")), encoding="utf-8")
    assert ingest_cli(bad, "--records", "--db", db).exit_code == 3
    assert ingest_cli(good, "--records", "--db", db).exit_code == 0


def test_a_batch_the_database_refuses_is_written_record_by_record(db_url, tmp_path, monkeypatch):
    """Whatever validation misses, the database's refusal of one record costs only that record."""
    from analyzer.store.sql import SQLStore
    original = SQLStore.write

    def refuse_poison(self, batch, **options):
        if any(item.record.document.id == "poison" for item in batch):
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
        return original(self, batch, **options)

    monkeypatch.setattr(SQLStore, "write", refuse_poison)
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(line(record(i)) for i in ("a", "b", "poison", "c")), encoding="utf-8")
    result = ingest_cli(path, "--records", "--db", db_url)
    assert result.exit_code == 1 and stored_ids(db_url) == {"a", "b", "c"}
    assert f"Error: {path}:3: the database refused the record (A string literal cannot contain NUL" in result.stderr


# --- identity -----------------------------------------------------------------------------------------

def test_same_file_names_in_different_folders_are_different_documents(tmp_path, fake_pipeline):
    for folder in ("a", "b", "c/deeper"):
        (tmp_path / "site" / folder).mkdir(parents=True)
        (tmp_path / "site" / folder / "index.html").write_text(
            f"<html><body><article><p>{folder}：{TEXT}</p><p>{TEXT}</p></article></body></html>", encoding="utf-8")
    db = tmp_path / "store.db"
    result = ingest_cli(tmp_path / "site", "--db", db)
    assert result.exit_code == 0, result.output
    assert stored_ids(db) == {"a/index.html", "b/index.html", "c/deeper/index.html"}


def test_records_without_ids_get_file_and_line(tmp_path, fake_pipeline):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.jsonl").write_text(json.dumps({"text": TEXT}) + "\n\n" + json.dumps({"text": "二"}), "utf-8")
    (tmp_path / "in" / "y.json").write_text(json.dumps([{"text": "y：" + TEXT}, {"text": "三"}]), "utf-8")
    db = tmp_path / "store.db"
    assert ingest_cli(tmp_path / "in", "--db", db).exit_code == 0
    assert stored_ids(db) == {"x.jsonl:1", "x.jsonl:3", "y.json[0]", "y.json[1]"}


@pytest.mark.parametrize("policy, code, stored_text, summary", [
    ("error", 1, TEXT, "2 added, 0 updated, 0 unchanged, 1 failed"),
    ("skip", 0, TEXT, "2 added, 0 updated, 0 unchanged, 0 failed, 1 skipped"),
    ("replace", 0, "二" + TEXT, "2 added, 1 updated"),
])
def test_repeated_id_in_one_input(tmp_path, fake_pipeline, policy, code, stored_text, summary):
    path, db = tmp_path / "r.jsonl", tmp_path / "store.db"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              (("x", TEXT), ("y", "y：" + TEXT), ("x", "二" + TEXT))), encoding="utf-8")
    result = ingest_cli(path, "--db", db, "--on-duplicate", policy, "--batch-size", "1")
    assert result.exit_code == code and summary in result.stderr, result.output
    if policy == "error":
        assert f"Error: {path}:3: id 'x' repeats the record at {path}:1" in result.stderr
    with open_store(str(db)) as store:
        assert stored_ids(db) == {"x", "y"}
        assert store.documents().set_index("doc_id").loc["x", "title"] is None
        assert store.sql("SELECT text FROM documents WHERE doc_id = 'x'")[1].__next__()[0] == stored_text


def test_an_id_stored_from_another_file_is_reported_not_overwritten(db_url, tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(line(record("shared")), encoding="utf-8")
    second.write_text(line(record("shared", text="另一篇：" + TEXT)), encoding="utf-8")
    assert ingest_cli(first, "--records", "--db", db_url).exit_code == 0
    refused = ingest_cli(second, "--records", "--db", db_url)
    assert refused.exit_code == 3
    assert f"Error: {second}:1: id 'shared' is already stored from another input, {first}" in refused.stderr
    again = ingest_cli(first, "--records", "--db", db_url)  # the same file again: unchanged, no conflict
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
    replaced = ingest_cli(second, "--records", "--db", db_url, "--on-duplicate", "replace")
    assert replaced.exit_code == 0 and "1 updated" in replaced.stderr
    with open_store(db_url) as store:
        assert store.document_origins() == {"shared": str(second)}


def test_stdin_gets_a_content_hash_id(tmp_path, fake_pipeline):
    db = tmp_path / "store.db"
    first = ingest_cli("-", "--db", db, input=TEXT)
    assert first.exit_code == 0 and ingest_cli("-", "--db", db, input=TEXT).stderr.count("1 unchanged") == 1
    [doc_id] = stored_ids(db)
    assert doc_id.startswith("stdin-") and len(doc_id) == len("stdin-") + 16
    assert ingest_cli("-", "--db", db, input=json.dumps({"text": "二" + TEXT})).exit_code == 0
    assert len(stored_ids(db)) == 2



@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
def test_stdin_json_lines_split_at_newlines_only(tmp_path, fake_pipeline, separator):
    """JSON strings may hold U+2028, U+0085 and other characters that str.splitlines() breaks at: a record
    holding one is still one record (as it is in a .jsonl file)."""
    rows = [json.dumps({"id": f"s{i}", "text": f"第{i}段{separator}{TEXT}"}, ensure_ascii=False) for i in (1, 2)]
    result = ingest_cli("-", "--db", tmp_path / "store.db", input="\n".join(rows) + "\n")
    assert result.exit_code == 0 and not error_lines(result), result.output
    assert stored_ids(tmp_path / "store.db") == {"s1", "s2"}


@pytest.mark.parametrize("name, content, problem", [
    ("empty.jsonl", b"", "file is empty"), ("blank.jsonl", b"\n\n  \n", "file is empty"),
    ("bom.jsonl", b"\xef\xbb\xbf", "file is empty"), ("none.json", b"[]", "an empty JSON array: no records"),
])
def test_a_json_file_without_records_is_reported(tmp_path, fake_pipeline, name, content, problem):
    """A 0-byte (or blank) .jsonl or an empty JSON array is reported as an empty .txt or .json file is, never
    an exit code of 0 with nothing read; the good file beside it is stored."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(content)
    (tmp_path / "in" / "good.jsonl").write_text(json.dumps({"id": "g", "text": TEXT}) + "\n", encoding="utf-8")
    result = ingest_cli(tmp_path / "in", "--db", tmp_path / "store.db")
    assert result.exit_code == 1, result.output
    [error, summary] = error_lines(result)
    assert summary == "Error: 1 of 2 inputs failed"
    assert error.startswith(f"Error: {tmp_path / 'in' / name}") and error.endswith(f": {problem}"), error
    assert stored_ids(tmp_path / "store.db") == {"g"}


def test_links_to_folders_are_reported_not_silently_skipped(tmp_path, fake_pipeline):
    """A folder reached through a symbolic link is not walked (a link loop would never end, and a second
    path to the same files would store them twice); it is named, so its documents are not lost unseen."""
    (tmp_path / "in").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    result = ingest_cli(tmp_path / "in", "--db", tmp_path / "store.db")
    assert result.exit_code == 1, result.output
    assert error_lines(result)[:2] == [
        f"Error: {tmp_path / 'in' / name}: a link to a folder, not followed (name the folder itself to read it)"
        for name in ("linked", "loop")]
    assert stored_ids(tmp_path / "store.db") == {"good.txt"}


def test_a_file_removed_while_its_folder_is_read_is_named_as_removed(tmp_path):
    """s22-probe: files deleted during an ingest of their folder (listed, then gone) were each reported as "not a
    regular file (a FIFO, socket, device or broken link)", which sent the reader looking for a device."""
    from analyzer.io.readers import walk_folder
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.txt").symlink_to(tmp_path / "nowhere.txt")
    walked = walk_folder(tmp_path)
    first = next(walked)  # the folder is listed
    (tmp_path / "b.txt").unlink()
    rest = [str(item) for item in walked]
    assert first.path.name == "a.txt"
    assert rest == [f"{tmp_path / 'b.txt'}: removed while the folder was read: skipped",
                    f"{tmp_path / 'c.txt'}: not a regular file (a FIFO, socket, device or broken link): skipped"]


def test_stdin_never_silently_replaces_a_document_stored_from_stdin(tmp_path, fake_pipeline):
    """Two pipes are two inputs, whatever their origin says (<stdin>): a given id stored from one is not replaced
    by different text from the next unless --on-duplicate replace says so; the same text again is unchanged."""
    db = tmp_path / "store.db"
    first = json.dumps({"id": "q", "text": "甲" + TEXT}, ensure_ascii=False)
    assert ingest_cli("-", "--db", db, input=first).exit_code == 0
    assert "1 unchanged" in ingest_cli("-", "--db", db, input=first).stderr
    other = json.dumps({"id": "q", "text": "乙" + TEXT}, ensure_ascii=False)
    refused = ingest_cli("-", "--db", db, input=other)
    assert refused.exit_code == 3, refused.output
    assert "Error: <stdin>: id 'q' is already stored from another input, <stdin>" in refused.stderr
    with open_store(str(db)) as store:
        assert store.sql("SELECT text FROM documents")[1].__next__()[0].startswith("甲")
    replaced = ingest_cli("-", "--db", db, "--on-duplicate", "replace", input=other)
    assert replaced.exit_code == 0 and "1 updated" in replaced.stderr


def test_a_key_given_twice_fails_its_record_alone(tmp_path, fake_pipeline):
    """{"text": A, "text": B} kept B and dropped A without a word (json.loads keeps the last); now the record is
    one error line and its neighbours are stored."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([json.dumps({"id": "a", "text": "a：" + TEXT}),
                               '{"id": "b", "text": "first", "text": "second"}',
                               '{"id": "c", "id": "d", "text": "x"}',
                               json.dumps({"id": "e", "text": "e：" + TEXT})]) + "\n", encoding="utf-8")
    result = ingest_cli(path, "--db", tmp_path / "store.db")
    assert result.exit_code == 1, result.output
    assert error_lines(result)[:2] == [f"Error: {path}:2: text: the key 'text' is given twice (keys must be unique)",
                                       f"Error: {path}:3: id: the key 'id' is given twice (keys must be unique)"]
    assert stored_ids(tmp_path / "store.db") == {"a", "e"}


def test_published_dates_are_stored_as_iso_dates_or_reported(tmp_path, fake_pipeline):
    """A date written 2025/05/26 or 2025年5月26日 was stored as written, so --published-from/--to (which compare
    ISO strings) left it out without a word; one that is no date at all (yesterday, 2025-02-30) was stored too.
    Now the first are stored as ISO dates (the written form kept in meta) and the second is one error line."""
    db = tmp_path / "store.db"
    rows = [("p1", "2025/05/26"), ("p2", "2025年5月26日"), ("p3", "2025-05-26T08:00:00+08:00"), ("p4", "2025-05-26"),
            ("p5", "yesterday"), ("p6", "2025-02-30")]
    lines = [json.dumps({"id": i, "text": f"{i}：{TEXT}", "published": d}, ensure_ascii=False) for i, d in rows]
    result = ingest_cli("-", "--db", db, input="\n".join(lines) + "\n")
    assert result.exit_code == 1, result.output
    assert error_lines(result)[:2] == [
        "Error: <stdin>:5: doc.published 'yesterday' is not a date (write it as 2025-05-26)",
        "Error: <stdin>:6: doc.published '2025-02-30' is not a date (write it as 2025-05-26)"]
    with open_store(str(db)) as store:
        stored = dict(store.sql("SELECT doc_id, published FROM documents")[1])
        meta = dict(store.sql("SELECT doc_id, meta FROM documents WHERE doc_id = 'p2'")[1])
        in_may = store.sql("SELECT count(*) FROM documents WHERE published >= '2025-05-01' AND published < '2025-06'")
        assert list(in_may[1]) == [(4,)]  # what --published-from/--to compare
    assert stored == {"p1": "2025-05-26", "p2": "2025-05-26", "p3": "2025-05-26T08:00:00+08:00", "p4": "2025-05-26"}
    assert "2025年5月26日" in str(meta["p2"])


# --- parsers ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, problem", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a": ' * 80 + "1" + "}" * 80, "nested too deeply"),
    ("1" * 5000, "a number of 5,000 characters"),
    ('{"x": 0.' + "1" * 5000 + "}", "a number of 5,002 characters"),
    ('{"text": "\\ud800"}', "lone surrogate (U+D800)"),
    ('{"text": "a\\u0000b"}', "NUL character"),
    ("[NaN]", "NaN is not a number"),
    ("[1e400]", "overflows"),
    ('{"a": 1,}', "malformed JSON at line 1"),
    # s21-probe: Python's own message ends with a dangling " at" before the place it adds itself
    ('{"text": "a\nb"}', "malformed JSON at line 1 column 12: Invalid control character (a raw line break, tab or "
                         "other control character inside a string: write it as \\n, \\t or \\u00XX)"),
    ('{"text": "abc', "malformed JSON at line 1 column 10: Unterminated string starting"),
])
def test_json_limits_give_one_line(text, problem):
    with pytest.raises(InputError, match="^x.json: ") as caught:
        check_json(load_json(text, "x.json"), "x.json")
    assert problem in str(caught.value) and "\n" not in str(caught.value)
    assert not str(caught.value).endswith(" at")


# --- bounded cost -------------------------------------------------------------------------------------

# VmHWM, not ru_maxrss: the latter keeps the high-water mark of the forking pytest process across exec
PEAK_MEMORY = """
import re, sys
from analyzer.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    kilobytes = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
    print(f"peak {kilobytes // 1024} MB", file=sys.stderr)
    raise
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
def test_50_mb_single_lines_are_refused_within_500_mb(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "line.txt").write_bytes("截至2025年一季度末".encode() * (2 * 2**20))  # 50 MB, one line
    with (folder / "lines.jsonl").open("w", encoding="utf-8") as out:
        out.write(line(record("before")) + "\n")
        out.write(json.dumps({"id": "huge", "text": "一" * (17 * 2**20)}, ensure_ascii=False) + "\n")
        out.write(line(record("after")) + "\n")
    (folder / "small.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "store.db"
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY, "ingest", str(folder), "--db", str(db),
                             "--no-progress"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    assert f"Error: {folder / 'line.txt'}: 52,428,800 bytes is over the limit of 2,097,152 bytes" in result.stderr
    assert f"Error: {folder / 'lines.jsonl'}:2: " in result.stderr and "Traceback" not in result.stderr
    assert stored_ids(db) == {"before", "after", "small.txt"}
    peak = int(result.stderr.split("peak ")[1].split(" MB")[0])
    assert peak < 500, peak


def test_document_size_limit_is_configurable(tmp_path, fake_pipeline):
    (tmp_path / "small.txt").write_text("二", encoding="utf-8")
    (tmp_path / "big.txt").write_text(TEXT * 10, encoding="utf-8")
    db = tmp_path / "store.db"
    result = ingest_cli(tmp_path / "small.txt", tmp_path / "big.txt", "--db", db, "--max-doc-bytes", "200")
    assert result.exit_code == 1 and "bytes is over the limit of 200 bytes for one document" in result.stderr
    assert stored_ids(db) == {"small.txt"}
    extracted = CliRunner().invoke(main, ["extract", str(tmp_path / "big.txt"), "--max-doc-bytes", "200"])
    assert extracted.exit_code == 3 and "over the limit of 200 bytes" in extracted.stderr


def big_table_page(rows: int) -> str:
    cells = "".join(f"<tr><td>{i}</td><td>地区{i}</td><td>{i * 3.7:.2f}亿元</td><td>同比增长{i % 13}.5%</td></tr>"
                    for i in range(rows))
    return (f"<html><head><title>大表</title><meta property='article:published_time' content='2025-05-26'>"
            f"</head><body><script>var x = 1;</script><article><p>{TEXT}</p><table>{cells}</table>"
            "</article></body></html>")


def test_a_3_7_mb_page_with_a_big_table_takes_the_fast_path(tmp_path, monkeypatch):
    import trafilatura

    def slow(*args, **kwargs):
        raise AssertionError("trafilatura.extract must not see a page this big")

    monkeypatch.setattr(trafilatura, "extract", slow)
    path = tmp_path / "table.html"
    rows = 43_000
    path.write_text(big_table_page(rows), encoding="utf-8")
    assert path.stat().st_size > 3.7 * 10**6
    [document] = read_documents([str(path)], limits=ReadLimits(max_document_bytes=4 * 2**20))
    last = rows - 1
    assert document.text.startswith(TEXT) and document.text.endswith(
        f"{last} 地区{last} {last * 3.7:.2f}亿元 同比增长{last % 13}.5%")
    assert "var x" not in document.text and (document.title, document.published) == ("大表", "2025-05-26")
    [refused] = read_documents([str(path)])  # its text is over the default 2 MiB: one line, not a stall
    assert isinstance(refused, InputError) and "the page's text" in str(refused)


def test_a_slow_document_runs_out_of_time_and_the_rest_are_stored(tmp_path, fake_pipeline):
    path, db = tmp_path / "docs.jsonl", tmp_path / "store.db"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              (("a", "a：" + TEXT), ("slow", "SLOW " + TEXT), ("b", "b：" + TEXT))), encoding="utf-8")
    result = ingest_cli(path, "--db", db, "--time-limit", "0.3")
    assert result.exit_code == 1, result.output
    assert f"Error: {path}:2: analysis took longer than 0.3 s (the per-document limit, --time-limit)" in result.stderr
    assert stored_ids(db) == {"a", "b"}


def test_time_limit_works_in_worker_processes(tmp_path):
    long_text = "\n".join(json.loads(p.read_text(encoding="utf-8"))["text"] for p in GOLD)
    long_text = (long_text * (1 + 1_500_000 // len(long_text.encode())))[: 1_500_000 // 3]
    path, db = tmp_path / "docs.jsonl", tmp_path / "store.db"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in
                              (("a", "a：" + TEXT), ("long", long_text), ("b", "b：" + TEXT))), encoding="utf-8")
    result = ingest_cli(path, "--db", db, "--workers", "2", "--time-limit", "2")
    assert result.exit_code == 1, result.output
    assert f"Error: {path}:2: analysis took longer than 2 s" in result.stderr and "Traceback" not in result.output
    assert stored_ids(db) == {"a", "b"}


# --- concurrency --------------------------------------------------------------------------------------

# Starts the CLI once a flag file exists, so that two processes begin writing at the same moment.
AT_THE_FLAG = """
import sys, time
from pathlib import Path
while not Path(sys.argv[1]).exists():
    time.sleep(0.01)
from analyzer.cli import main
main(sys.argv[2:])
"""


def test_two_concurrent_ingests_both_finish(db_url, tmp_path):
    path, flag = tmp_path / "records.jsonl", tmp_path / "go"
    path.write_text("\n".join(line(record(f"r{n}")) for n in range(400)), encoding="utf-8")
    command = [sys.executable, "-c", AT_THE_FLAG, str(flag), "ingest", str(path), "--records", "--db", db_url,
               "--no-progress"]
    open_store(db_url).close()
    runs = [subprocess.Popen([*command, "--batch-size", size], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for size in ("1", "2")]
    flag.write_text("go")
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, outputs):
        assert run.returncode == 0 and "Traceback" not in stderr, stderr
    with open_store(db_url) as store:
        assert store.counts()["documents"] == 400 and store.counts()["figures"] == 400


def test_a_version_1_store_gains_document_origins(db_url, tmp_path):
    """Stores made before ids were tied to their input are upgraded in place; their documents keep no origin."""
    import sqlalchemy as sa
    path = tmp_path / "r.jsonl"
    path.write_text(line(record("old")), encoding="utf-8")
    assert ingest_cli(path, "--records", "--db", db_url).exit_code == 0
    with open_store(db_url) as store, store.engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE documents DROP COLUMN origin"))  # what version 1 lacked
        connection.execute(sa.text("DROP INDEX ix_documents_text_hash"))
        connection.execute(sa.text("ALTER TABLE documents DROP COLUMN text_hash"))
        connection.execute(sa.text("ALTER TABLE mentions DROP COLUMN in_taxonomy"))
        connection.execute(sa.text("ALTER TABLE figures DROP COLUMN place"))
        connection.execute(sa.text("DELETE FROM schema_version"))
        connection.execute(sa.text("INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-01')"))
    with open_store(db_url) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION and store.document_origins() == {}
    again = ingest_cli(path, "--records", "--db", db_url)
    assert again.exit_code == 0 and "1 unchanged" in again.stderr


OPEN_STORE = "import sys; from analyzer.store import open_store; print(open_store(sys.argv[1]).counts()['documents'])"


def test_concurrent_creation_of_a_new_store(db_url, tmp_path):
    target = db_url if "://" in db_url else str(tmp_path / "new.db")
    runs = [subprocess.Popen([sys.executable, "-c", OPEN_STORE, target], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(6)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0] * 6, [err for _, err in outputs]
    assert [out.strip() for out, _ in outputs] == ["0"] * 6


# --- the smaller items --------------------------------------------------------------------------------

TRADITIONAL = "截至2025年一季度末，全國普惠小微貸款餘額達35.3萬億元，同比增長12.5%。中國人民銀行決定下調存款準備金率。"


@pytest.mark.parametrize("codec, bom", [
    ("big5", b""), ("cp950", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
])
def test_big5_and_utf16_32_with_bom_are_read(tmp_path, codec, bom):
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + TRADITIONAL.encode(codec))
    [document] = read_documents([str(path)])
    assert document.text == TRADITIONAL


def test_utf16_without_a_valid_body_is_one_line(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone high surrogate
    [error] = read_documents([str(path)])
    assert isinstance(error, InputError) and "not valid UTF-16 after its byte order mark" in str(error)


def test_unreadable_folder_is_reported(tmp_path, monkeypatch, fake_pipeline):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "ok.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "locked" / "hidden.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "in" / "locked"
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: make the folder unreadable to os.walk instead
        real = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        db = tmp_path / "store.db"
        result = ingest_cli(tmp_path / "in", "--db", db)
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert f"Error: {locked}: cannot read folder: Permission denied" in result.stderr
    assert stored_ids(db) == {"ok.txt"}


def test_fifos_are_refused_not_read(tmp_path):
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    (tmp_path / "in" / "ok.txt").write_text(TEXT, encoding="utf-8")
    result = subprocess.run([sys.executable, "cli.py", "extract", str(tmp_path / "in"), str(tmp_path / "named.txt"),
                             "-f", "jsonl"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert f"Error: {tmp_path / 'in' / 'pipe.txt'}: not a regular file" in result.stderr
    assert f"Error: {tmp_path / 'named.txt'}: not a regular file (a FIFO, socket or device)" in result.stderr
    assert json.loads(result.stdout)["doc"]["id"] == "ok.txt"


@pytest.mark.parametrize("url", [
    "mysql://user:s3cret@localhost/db",
    "mysql+pymysql://user:s3cret@localhost/db",
    "oracle://scott:s3cret@host:1521/orcl",
    "postgresql://user:s3cret@127.0.0.1:1/db",
    "mssql+pyodbc://user:s3cret@dsn",
    "http://user:s3cret@example.com/x",
    "postgresql://user@127.0.0.1:1/db?password=s3cret",  # libpq takes the password as a query parameter too
    "postgresql://127.0.0.1:1/db?user=u&password=s3cret&sslmode=disable",
    "postgresql://user:s3cret@127.0.0.1:notaport/db",  # a bad port: one line, not a traceback
    "postgresql+psycopg2://user:s3cret@127.0.0.1:1/db",  # a driver that is not installed: one line
    "postgresql://user:pa's3cret@127.0.0.1:notaport/db",  # a quote in the password (s19-review: was shown)
    "postgresql://user@127.0.0.1:notaport/db?password=pa)s3cret",  # a bracket in a query password (was half shown)
])
def test_passwords_are_masked_in_every_message(url):
    result = CliRunner().invoke(main, ["query", "--db", url])
    assert result.exit_code == 1 and "s3cret" not in result.output, result.output
    assert len(error_lines(result)) == 1 and "***" in result.stderr and "Traceback" not in result.output



@pytest.mark.parametrize("args", [
    ["sql", "--", "SELECT 1", "--db", "postgresql://user:s3cret@127.0.0.1:1/db"],  # extra arguments echoed
    ["query", "--format", "postgresql://user:s3cret@127.0.0.1:1/db"],  # a bad choice echoes its value
    ["query", "--limit", "postgresql://u@h/db?password=s3cret"],  # a bad number echoes its value
    ["ingest", "--on-duplicate", "mysql://user:s3cret@h/db", "-"],
])
def test_usage_errors_mask_passwords(args):
    """s20-probe: click's usage errors quote the arguments they refuse (Got unexpected extra arguments (--db
    postgresql://user:s3cret@…)), and showed the password."""
    result = CliRunner().invoke(main, args, input="x")
    assert result.exit_code == 2 and "s3cret" not in result.output and "***" in result.output, result.output


@pytest.mark.parametrize("command", [["query"], ["ingest", "-"], ["sql", "SELECT 1"]])
def test_a_password_holding_an_unencoded_at_sign_is_not_shown_in_part(command):
    """postgresql://user:pa@ss@host/db: the URL parser ends the password at the first @, so 'ss@host' became
    the host and the second half of the password was shown (in the URL and in the driver's 'failed to
    resolve host' message)."""
    result = CliRunner().invoke(main, [*command, "--db", "postgresql://user:pa@ssWORD@127.0.0.1:1/db"], input="x")
    assert result.exit_code in (1, 3) and "ssWORD" not in result.output and "Traceback" not in result.output, \
        result.output
    assert "%40" in result.output  # says how to write it

READ_COMMANDS = [
    (["query"], 1), (["timeline", "普惠小微贷款余额"], 1), (["trends"], 1), (["export", "figures"], 1),
    (["sql", "SELECT 1"], 1), (["check", "2024年末普惠小微贷款余额为32.9万亿元"], 2),
]


@pytest.mark.parametrize("args, code", READ_COMMANDS, ids=[a[0][0] for a in READ_COMMANDS])
def test_read_commands_on_a_missing_store_say_so(tmp_path, args, code):
    missing = tmp_path / "nothing-here.db"
    result = CliRunner().invoke(main, [*args, "--db", str(missing)])
    assert result.exit_code == code and f"Error: no store at {missing}" in result.stderr, result.output
    assert not missing.exists()


def test_read_command_on_an_empty_postgresql_database_says_so(db_url):
    if "://" not in db_url:
        pytest.skip("the SQLite case is test_read_commands_on_a_missing_store_say_so")
    result = CliRunner().invoke(main, ["query", "--db", db_url])
    assert result.exit_code == 1 and "Error: no analyzer store in postgresql://" in result.stderr, result.stderr
    assert "analyzer:analyzer@" not in result.stderr  # the URL as the user writes it, not SQLAlchemy's +psycopg


def test_a_file_name_cannot_forge_an_error_line(tmp_path):
    path = tmp_path / "x\nError: forged.txt"
    path.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 3
    assert not any(text.startswith("Error: forged") for text in result.stderr.splitlines())
    assert "x\\nError: forged.txt: file is empty" in result.stderr and len(result.stderr.splitlines()) == 2


@pytest.mark.parametrize("head, published", [
    ("", None),
    ("<meta property='article:published_time' content='2025-05-26'>", "2025-05-26"),
    ("<meta name='pubdate' content='2024-03-01'>", "2024-03-01"),
])
def test_html_published_comes_only_from_metadata(tmp_path, head, published):
    path = tmp_path / "page.html"
    body = "2019年以来，" + TEXT.replace("截至2025年", "截至今年")
    path.write_text(f"<html><head><title>t</title>{head}</head><body><article><p>{body}</p><p>{body}</p>"
                    "</article></body></html>", encoding="utf-8")
    [document] = read_documents([str(path)])
    assert document.published == published


@pytest.fixture
def gold_db(tmp_path):
    db = str(tmp_path / "gold.db")
    assert ingest_cli(*GOLD[:10], "--records", "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("redirect, problem", [
    (">&-", "cannot write to standard output: "),
    ("> /dev/full", "cannot write to standard output: No space left on device"),
])
def test_closed_stdout_and_full_disk_give_one_line(gold_db, redirect, problem):
    if redirect.endswith("/dev/full") and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    command = f"exec {sys.executable} cli.py query --db {gold_db} {redirect}"
    result = subprocess.run(["sh", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"Error: {problem}"), result.stderr


@pytest.mark.parametrize("args", [
    ["export", "figures", "-o", "/nonexistent/folder/figures.csv"],
    ["export", "figures", "-f", "parquet", "-o", "/nonexistent/folder/figures.parquet"],
    ["trends", "--plot", "/nonexistent/folder/trends.png"],
    ["timeline", "普惠小微贷款余额", "--plot", "/nonexistent/folder/series.png"],
])
def test_bad_output_paths_give_one_line(gold_db, args):
    result = CliRunner().invoke(main, [*args, "--db", gold_db])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    [error] = error_lines(result)
    assert error.startswith(f"Error: cannot write {args[-1]}: ")


@pytest.mark.parametrize("args", [["query", "--limit", str(10**20)], ["trends", "--top", str(10**20)],
                                  ["ingest", "x", "--batch-size", str(10**20)]])
def test_huge_numbers_in_options_are_usage_errors(gold_db, args):
    result = CliRunner().invoke(main, [*args, "--db", gold_db])
    assert result.exit_code == 2 and "is not in the range" in result.stderr, result.output
    assert "Traceback" not in result.output and "OverflowError" not in result.output


def test_ingest_of_the_real_pipeline_validates_its_output(tmp_path):
    """Through the real extractor: every record it stores passed validation, offsets included."""
    path, db = tmp_path / "docs.jsonl", tmp_path / "store.db"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": TEXT * i}, ensure_ascii=False)
                              for i in range(1, 4)), encoding="utf-8")
    result = ingest(open_store(str(db)), [str(path)], settings=Settings())
    assert (result.added, result.failed) == (3, 0) and result.figures > 0


def test_messages_escape_control_characters():
    error = InputError("a\x1b[31mred\u202e.txt", "bad")
    assert str(error) == "a\\x1b[31mred\\u202e.txt: bad"
    assert "\n" not in str(InputError("a\nError: x", "b\rc"))


def test_terminal_formats_escape_control_characters(tmp_path):
    """s20-probe: a title, source or text holding ESC sequences (\\x1b[2J clears the screen, OSC 52 writes the
    clipboard) reached the terminal raw through check's table, extract -f table, brief and the fact-check box."""
    record = {"id": "e1", "title": "标题\x1b[2J", "source": "src\x1b]52;c;aGk=\x07", "published": "2025-02-15",
              "text": "1月末，广义货币(M2)余额313.53万亿元，同比增长7%。\x1b[31m"}
    path = tmp_path / "esc.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    assert CliRunner().invoke(main, ["ingest", str(path), "--db", db]).exit_code == 0
    claim = "1月末M2余额313.53万亿元"
    for args in (["check", claim, "--db", db], ["check", claim, "--db", db, "-f", "markdown"],
                 ["extract", str(path), "-f", "table"], ["brief", str(path), "--classifier", "keywords"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
        assert "\x1b" not in result.output and "\x07" not in result.output, (args, result.output)
        assert "\\x1b" in result.output, (args, result.output)
