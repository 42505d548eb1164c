"""s25-probe2: hostile inputs to the commands journalists and researchers run on a store (`check`, `brief`,
`export`, `timeline`, `query`). Each test failed on main before its fix."""
from __future__ import annotations

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.io.readers import ReadLimits


def test_a_claim_on_stdin_keeps_the_one_document_limit():
    """`check -` read all of stdin (6.6 MB: 39 s and 1.3 GB); it now keeps the limit `check --file -` keeps."""
    limit = ReadLimits().max_document_bytes
    result = CliRunner().invoke(main, ["check", "-", "--consistency"], input=b"x" * (limit + 1))
    assert result.exit_code == 2
    assert f"more than {limit:,} bytes" in result.output and "Traceback" not in result.output


def test_a_claim_on_stdin_is_decoded_as_files_are():
    """GB18030 on stdin is read as `--file -` reads it (before: undecodable bytes were replaced in silence)."""
    text = "存款准备金率由2%降至1.75%，下调0.25个百分点。"
    result = CliRunner().invoke(main, ["check", "-", "--consistency"], input=text.encode("gb18030"))
    assert result.exit_code == 0, result.output
    assert "0.25个百分点" in result.output


def test_an_empty_or_blank_claim_is_a_usage_error():
    """`check ""` and `check "   "` said "no figures found" with exit 0, where an empty --file is exit 2."""
    for claim in ("", "   ", "\u3000\n"):
        for extra in ([], ["--consistency"]):
            result = CliRunner().invoke(main, ["check", claim, *extra])
            assert result.exit_code == 2, (claim, extra, result.output)
            assert "the claim is empty" in result.output


def test_a_bad_claim_set_line_costs_only_itself(tmp_path):
    """A claim set with bad lines among good ones: each bad line is one `Error: FILE:LINE` and the others are
    scored, exit 1. Before, the first bad line stopped the run, and a claim that was a number or a slip that was a
    list was a traceback; a published date that is no date was used as none."""
    import json
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元。", encoding="utf-8")
    good = {"claim": "2025年一季度末普惠小微贷款余额超过35万亿元", "verdict": "supported", "slip": None}
    lines = [json.dumps(good, ensure_ascii=False), '{"claim": "y"', json.dumps({"claim": 5, "verdict": "supported"}),
             json.dumps({**good, "verdict": "contradicted", "slip": ["scale"]}),
             json.dumps({**good, "published": "2025-13-01"}), json.dumps({**good, "claim": "   "}),
             json.dumps(good, ensure_ascii=False)]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--claim-set", str(path), "--corpus", str(corpus),
                                       "--format", "json", "--min-accuracy", "0"])
    assert "Traceback" not in result.output and result.exit_code == 1, result.output
    for number in (2, 3, 4, 5, 6):
        assert f"set.jsonl:{number}: " in result.stderr
    assert "set.jsonl:1:" not in result.stderr and "set.jsonl:7:" not in result.stderr
    assert json.loads(result.stdout)["claims"] == 2
    assert "5 lines" in result.stderr and "not scored" in result.stderr


def test_a_claim_set_without_a_good_line_is_a_usage_error(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"claim": 5, "verdict": "supported"}\n\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--claim-set", str(path), "--corpus", str(tmp_path)])
    assert result.exit_code == 2 and "no claim to score" in result.stderr and "set.jsonl:1: " in result.stderr


def _range_and_its_low_end(tmp_path) -> str:
    """A store of two documents: D1 gives a cut of 0.25至0.5个百分点 (a range), D2 a plain cut of 0.25 points."""
    import json
    text = "存款准备金率下调0.25至0.5个百分点。"
    start = text.index("0.25")

    def record(doc_id, written, high):
        figure = {"text": written, "start": start, "end": start + len(written), "value": "-0.25",
                  "value_high": high, "unit": "percentage_point", "qualifier": "range" if high else None,
                  "measure": "change", "comparison": None, "metric": "存款准备金率",
                  "period": {"start": "2024-12-31", "end": "2024-12-31"}}
        body = text if high else text.replace("至0.5", "")
        return {"format": "policy-records/v1", "text": body, "figures": [figure], "policy_tools": [],
                "sectors": [], "institutions": [],
                "doc": {"id": doc_id, "title": None, "source": doc_id.upper(), "published": "2025-01-0" + doc_id[-1],
                        "kind": "news", "url": None}}
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in
                              (record("d1", "0.25至0.5个百分点", "-0.5"), record("d2", "0.25个百分点", None))) + "\n",
                    encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(main, ["ingest", "--records", str(path), "--db", db]).exit_code == 0
    return db


def test_a_range_keeps_its_upper_end_in_the_timeline(tmp_path):
    """`timeline` printed 0.25至0.5个百分点 as -0.25 (value_high dropped) and counted it as agreeing with a plain
    -0.25 from another document. A range now shows value_high, and a range and its low end disagree."""
    import json
    db = _range_and_its_low_end(tmp_path)
    result = CliRunner().invoke(main, ["timeline", "存款准备金率", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    [point] = json.loads(result.stdout)
    assert point["disagree"] is True and point["documents"] == 2
    assert "-0.25..-0.5: D1 (d1)" in point["sources"] and "-0.25: D2 (d2)" in point["sources"]
    assert (point["value"], point["value_high"]) in {("-0.25", "-0.5"), ("-0.25", None)}



def test_serve_lists_a_range_and_its_low_end_as_a_conflict(tmp_path):
    """s25-probe2 left open: serve's `conflicts` query compared values without value_high, so the range above and
    the plain -0.25 were one value and no conflict, while `timeline` said they disagree."""
    import asyncio

    from analyzer.serve.app import build_datasette, open_served
    datasette = build_datasette(open_served(_range_and_its_low_end(tmp_path)))

    async def get():
        await datasette.invoke_startup()
        return await datasette.client.get("/analyzer/conflicts.json?metric=&_shape=array")
    [row] = asyncio.run(get()).json()
    assert row["values"] == 2 and "(-0.25..-0.5): D1 (d1)" in row["sources"] and "(-0.25): D2 (d2)" in row["sources"]

def test_a_range_of_changes_in_the_brief_does_not_read_as_a_change_to_a_level(tmp_path):
    """The brief wrote 下调0.25至0.5个百分点 as 下调0.25个百分点至0.5个百分点, which reads as a cut of 0.25 points to a
    level of 0.5 (as in 同比激增215.3%至380亿美元). A range is now written LOW—HIGH."""
    import json
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"id": "x", "text": "存款准备金率下调0.25至0.5个百分点。新增贷款3至5万亿元。"},
                               ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(path), "--classifier", "keywords"])
    assert result.exit_code == 0, result.output
    assert "下调0.25个百分点—0.5个百分点" in result.stdout and "3万亿元—5万亿元" in result.stdout
    assert "至0.5个百分点" not in result.stdout


def test_an_empty_query_filter_is_refused(tmp_path):
    """`query --doc ""` (an unset shell variable) filtered nothing and printed every stored figure as that
    document's; the same for --metric, --tool, --sector, --institution, --source and --search."""
    db = str(tmp_path / "none.db")
    for option in ("--doc", "--metric", "--tool", "--sector", "--institution", "--source", "--search"):
        for value in ("", "  ", "\u3000"):
            result = CliRunner().invoke(main, ["query", "--db", db, option, value])
            assert result.exit_code == 2 and "is empty" in result.output, (option, value, result.output)


def _range_store(tmp_path, qualifier):
    import json
    text = "另一个区间3至5万亿元。"
    start = text.index("3至5")
    figure = {"text": "3至5万亿元", "start": start, "end": start + 6, "value": "3000000000000",
              "value_high": "5000000000000", "unit": "CNY", "qualifier": qualifier, "measure": "level",
              "comparison": None, "metric": "区间", "period": {"start": "2025-03-31", "end": "2025-03-31"}}
    record = {"format": "policy-records/v1", "text": text, "figures": [figure], "policy_tools": [], "sectors": [],
              "institutions": [], "doc": {"id": "r1", "title": "t", "source": "s", "published": "2025-05-26",
                                          "kind": "news", "url": None}}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / f"{qualifier}.db")
    assert CliRunner().invoke(main, ["ingest", "--records", str(path), "--db", db]).exit_code == 0
    return db


def test_check_quotes_a_stored_range_whole(tmp_path):
    """Against a stored 3至5万亿元, `check` said the source gives 3万亿元 (its low end), in the explanation, the
    fact-check box and the evidence line. The range is now quoted whole, and the JSON evidence has value_high."""
    import json
    db = _range_store(tmp_path, "range")
    args = ["check", "2025年一季度末区间为6万亿元", "--db", db, "--published", "2025-05-26"]
    for fmt in ("table", "markdown"):
        result = CliRunner().invoke(main, [*args, "--format", fmt])
        assert result.exit_code == 1, result.output
        assert "3万亿元—5万亿元" in result.output and "为3万亿元，" not in result.output
    result = CliRunner().invoke(main, [*args, "--format", "json", "--lang", "en"])
    [verdict] = json.loads(result.stdout)["verdicts"]
    assert verdict["evidence"][0]["value_high"] == "5000000000000" and "3万亿元—5万亿元" in verdict["explanation"]


def test_a_record_range_without_the_range_qualifier_is_still_a_range(tmp_path):
    """A --records figure with value_high and qualifier null (valid: ingest takes it) was checked as its low end,
    so 4万亿元 inside 3至5万亿元 was 'contradicted'."""
    db = _range_store(tmp_path, None)
    result = CliRunner().invoke(main, ["check", "2025年一季度末区间为4万亿元", "--db", db, "--published", "2025-05-26"])
    assert result.exit_code == 0 and "3万亿元—5万亿元" in result.output, result.output


def test_a_claim_beside_a_claim_set_is_a_usage_error(tmp_path):
    """s25-probe2 left open: `check "CLAIM" --claim-set FILE` scored the set and ignored the claim without a word."""
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"id": "c1", "claim": "普惠小微贷款余额35.3万亿元", "verdict": "supported", "slip": null}\n',
                      encoding="utf-8")
    for given in (["普惠小微贷款余额35万亿元"], ["--file", str(claims)]):
        result = CliRunner().invoke(main, ["check", *given, "--claim-set", str(claims), "--corpus", str(tmp_path)])
        assert result.exit_code == 2 and "not both" in result.stderr, result.output
