"""`taxonomy candidates --skip-ids FILE` leaves the listed documents out, and the shipped list of held-out ids
(real-gold/held-out-ids.txt) holds every document no rule may be drawn from (s24-docs: the README's command read the
reserved ids of ../shared/data)."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.cli.taxonomy import read_id_list

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ROOT / "real-gold" / "held-out-ids.txt"


def test_listed_documents_are_left_out(tmp_path):
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"id": doc_id, "text": "设立某某再贷款支持机制。"}, ensure_ascii=False) + "\n"
                              for doc_id in ("kept", "left-out")), encoding="utf-8")
    skip = tmp_path / "skip.txt"
    skip.write_text("# held out\n\nleft-out\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "candidates", str(source), "-f", "jsonl", "--skip-ids", str(skip)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(row["documents"] == 1 and "left-out" not in json.dumps(row, ensure_ascii=False)
                        for row in rows)


def test_a_list_that_is_not_utf8_is_one_line(tmp_path):
    skip = tmp_path / "skip.txt"
    skip.write_bytes(b"\xff\xfe\x00bad")
    source = tmp_path / "a.txt"
    source.write_text("设立某某再贷款支持机制。", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "candidates", str(source), "--skip-ids", str(skip)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "not UTF-8" in result.stderr


def test_the_held_out_list_holds_the_reserved_ids_real_test_and_the_held_out_audits():
    held_out = read_id_list(str(HELD_OUT))
    reserved = tomllib.loads((ROOT / "analyzer/model/pretrain_exclude.toml").read_text(encoding="utf-8"))["reserved"]
    rows = [line.split("\t") for line in (ROOT / "real-gold/selection.tsv").read_text(encoding="utf-8").splitlines()]
    real_test = {row[0] for row in rows if len(row) > 1 and row[1] == "test"}
    audit_d = {path.stem for path in (ROOT / "real-gold/audits/s22d").glob("*.json")}
    audit_b = {path.stem for path in (ROOT / "real-gold/audits/s26m/B").glob("*.json")}
    audit_s27i_b = {path.stem for path in (ROOT / "real-gold/audits/s27i/B").glob("*.json")}
    audit_s29f_b = {path.stem for path in (ROOT / "real-gold/audits/s29f/B").glob("*.json")}
    assert len(reserved) == 10 and len(real_test) == 112 and len(audit_d) == 16 and len(audit_b) == 25
    assert len(audit_s27i_b) == 15 and len(audit_s29f_b) == 14
    assert held_out == set(reserved) | real_test | audit_d | audit_b | audit_s27i_b | audit_s29f_b
