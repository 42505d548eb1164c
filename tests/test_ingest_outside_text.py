"""Gold records of outside text (``real-gold/``: ``text_sha256`` instead of ``text``) can be extracted and ingested:
their text is joined from the outside data (``$ANALYZER_REAL_TEXTS`` or ``../shared/data``), and a text that is
missing or differs is one error line for that record, not a failed run."""
import json

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.io.gold import REAL_TEXTS_ENV, text_sha256

TEXT = "截至2025年一季度末，全国人民币普惠小微贷款余额达35.3万亿元，同比增长12.5%。"


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A folder of outside data holding one article, and the gold records of it kept without their text."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "news.jsonl").write_text(json.dumps({"id": "news-1", "text": TEXT, "title": "普惠"}, ensure_ascii=False)
                                     + "\n", encoding="utf-8")
    monkeypatch.setenv(REAL_TEXTS_ENV, str(data))
    gold = tmp_path / "gold"
    gold.mkdir()
    record = {"format": "policy-records/v1", "doc": {"id": "news-1", "published": "2025-05-26"},
              "text_sha256": text_sha256(TEXT), "figures": []}
    (gold / "news-1.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_ingest_joins_the_outside_text_and_the_series_holds_it(outside):
    db = str(outside / "real.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(outside / "gold"), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    timeline = runner.invoke(main, ["timeline", "普惠小微贷款余额", "--db", db])
    assert timeline.exit_code == 0, timeline.output
    assert "人民币普惠小微贷款余额" in timeline.output and "35300000000000" in timeline.output


def test_extract_reads_a_gold_record_without_text(outside):
    result = CliRunner().invoke(main, ["extract", str(outside / "gold" / "news-1.json"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "35300000000000" in result.output


def test_a_changed_outside_text_fails_that_record_alone(outside):
    (outside / "data" / "news.jsonl").write_text(json.dumps({"id": "news-1", "text": TEXT + "另"}, ensure_ascii=False),
                                                encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(outside / "gold"), "--db", str(outside / "x.db"), "--no-progress"])
    assert result.exit_code == 3
    assert "sha256 mismatch" in result.output
