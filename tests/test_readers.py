"""Reading documents: encodings, formats, metadata, and one-line errors for bad input."""
import json

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.errors import InputError
from analyzer.io.readers import read_documents

TEXT = "截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。"


def read(paths):
    return list(read_documents([str(p) for p in paths]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    [doc] = read([path])
    assert doc.text == TEXT and doc.id == "a.txt"  # the path relative to the folder, not the bare stem


def test_header_block(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"title: 标题\nsource: 经济日报\npublished: 2025-05-26\n\n{TEXT}", encoding="utf-8")
    [doc] = read([path])
    assert (doc.title, doc.source, doc.published, doc.text) == ("标题", "经济日报", "2025-05-26", TEXT)


def test_json_jsonl_and_directory(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.json").write_text(json.dumps({"doc": {"id": "x1", "extra": 5}, "text": TEXT}), "utf-8")
    (tmp_path / "many.jsonl").write_text("\n".join(json.dumps({"id": f"r{i}", "text": TEXT}) for i in range(3)), "utf-8")
    docs = read([tmp_path])
    assert [d.id for d in docs] == ["r0", "r1", "r2", "x1"]
    assert docs[3].doc_dict() == {"id": "x1", "extra": 5}


def test_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>标题</title></head><body><article><p>{TEXT}</p><p>{TEXT}</p></article>"
                    "</body></html>", encoding="utf-8")
    [doc] = read([path])
    assert "35.3万亿元" in doc.text


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n", "empty"),
    ("binary.txt", b"\x00\x01\x02PNG\x00", "binary"),
    ("bad.json", b'{"text": "x",', "malformed JSON"),
    ("notext.json", b'{"doc": {"id": "a"}}', "no non-empty 'text'"),
])
def test_bad_files_give_one_line_errors(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read([path])
    assert isinstance(error, InputError) and problem in str(error) and str(path) in str(error)
    assert "\n" not in str(error)


def test_bad_jsonl_line_does_not_stop_the_file(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a", "text": "一"}\n{broken\n{"id": "b", "text": "二"}\n', encoding="utf-8")
    items = read([path])
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b"]
    assert ":2" in str(items[1])


def test_cli_batch_goes_on_and_exit_code_says_some_failed(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(good), str(bad), "--format", "jsonl"])
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0])["doc"]["id"] == "good.txt"
    assert f"Error: {bad}: file is empty" in result.stderr


def test_cli_missing_file_all_failed(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3 and "no such file" in result.stderr


def test_extract_keeps_doc_metadata(tmp_path):
    doc = {"id": 12345, "title": "t", "custom": {"k": [1, 2]}, "published": "2025-05-26"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"doc": doc, "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert json.loads(result.stdout)["doc"] == doc


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_a_json_lines_file_in_utf16_or_utf32_with_its_bom_is_read_line_by_line(tmp_path, codec, bom):
    """As Windows PowerShell's `>` writes it (UTF-16 LE, BOM, CRLF). Before (s24-probe) the bytes were split at 0x0A,
    which cuts UTF-16 characters: every record failed, one of them on a line that does not exist."""
    texts = [f"{n}：{TEXT}\u2028第二段" for n in range(3)]  # U+2028 is no line end in JSON Lines
    lines = "".join(json.dumps({"id": f"r{n}", "text": text}, ensure_ascii=False) + "\r\n"
                    for n, text in enumerate(texts))
    path = tmp_path / "ps.jsonl"
    path.write_bytes(bom + lines.encode(codec))
    documents = read_documents([str(path)])
    assert [(d.id, d.text, d.location) for d in documents] == [(f"r{n}", text, f"{path}:{n + 1}")
                                                               for n, text in enumerate(texts)]


def test_a_utf16_json_lines_file_that_breaks_off_keeps_the_lines_before(tmp_path):
    lines = "".join(json.dumps({"id": f"r{n}", "text": f"{n}：{TEXT}"}, ensure_ascii=False) + "\n" for n in range(2))
    path = tmp_path / "cut.jsonl"
    path.write_bytes(lines.encode("utf-16") + b"\x00\xd8\x41")  # a lone high surrogate, then half a character
    *documents, error = read_documents([str(path)])
    assert [d.id for d in documents] == ["r0", "r1"]
    assert isinstance(error, InputError) and str(error).startswith(f"{path}:3: not valid UTF-16")


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_utf16_json_lines_line_is_held_to_the_byte_limit_as_a_utf8_one(tmp_path, codec):
    """A .jsonl line is at most --max-doc-bytes bytes of UTF-8. The UTF-16/32 reader (s24-probe) passed that cap
    to a text readline, which counts characters: a line of Chinese three times over the cap was read whole, and a
    too-long line was measured in a mix of characters and bytes. The same lines as UTF-8 are the yardstick."""
    from analyzer.io.readers import ReadLimits
    lines = [{"id": "small", "text": "贷款" * 10}, {"id": "large", "text": "贷款余额" * 100},
             {"id": "after", "text": "同比增长" * 5}]
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    large = json.dumps(lines[1], ensure_ascii=False)
    limits = ReadLimits(max_document_bytes=len(large) + 10)  # over the line's characters, under its bytes
    assert limits.max_document_bytes < len(large.encode("utf-8"))
    outcomes = {}
    for name, data in (("utf-8", text.encode("utf-8")), (codec, text.encode(codec))):
        path = tmp_path / f"{name}.jsonl"
        path.write_bytes(data)
        outcomes[name] = [d.id if not isinstance(d, InputError) else str(d).replace(str(path), "FILE")
                          for d in read_documents([str(path)], limits=limits)]
    assert outcomes["utf-8"][0] == "small" and outcomes["utf-8"][2] == "after"
    assert outcomes["utf-8"][1].startswith("FILE:2: ") and "over the limit" in outcomes["utf-8"][1]
    assert outcomes[codec] == outcomes["utf-8"]
