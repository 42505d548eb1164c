"""Quality gate for the claim checker: each claim set under tests/claims/ scores at or above its floors in
tests/quality_floors.json ("claim_sets"), against the corpus plus the ../shared/data documents its claims name.
The independent set (written by someone who has not read the checker) is scored when it exists."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.check.claimset import (RESERVED_IDS, SPLITS, claim_set_store, claims_of_split, load_claims, score_claims,
                                     shared_documents)
from analyzer.cli import main
from analyzer.errors import InputError
from conftest import CORPUS, ROOT, SHARED_DATA, gold_files, load_gold

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))["claim_sets"]
CLAIMS = ROOT / "tests" / "claims"


@pytest.mark.parametrize("name", [k for k in FLOORS if not k.startswith("_")])
def test_claim_set_floor(tmp_path, name):
    path = CLAIMS / name
    if not path.exists():
        pytest.skip(f"{path} not written yet")
    claims = load_claims(path)
    corpus_ids = {load_gold(p)["doc"]["id"] for p in gold_files()}
    shared = str(SHARED_DATA) if SHARED_DATA.exists() else None
    if shared is None and any(c.get("source_doc") not in (None, *corpus_ids) for c in claims):
        pytest.skip("../shared/data is needed for this claim set")
    store = claim_set_store(claims, str(tmp_path), corpus=str(CORPUS), shared_data=shared)
    splits = [k for k in FLOORS[name] if k in SPLITS]
    try:
        scores = {split: score_claims(claims_of_split(claims, split), store) for split in splits} or \
            {None: score_claims(claims, store)}
    finally:
        store.close()
    for split in splits:  # each half at its floor (no misses are listed for the held-out test half)
        report = "\n".join(scores[split].lines())
        assert scores[split].accuracy >= FLOORS[name][split]["verdict_accuracy"], report
        assert scores[split].slip_accuracy >= FLOORS[name][split]["slip_accuracy"], report
    verdicts = sum(s.verdict_correct for s in scores.values()) / sum(s.total for s in scores.values())
    slips = sum(s.slip_correct for s in scores.values()) / max(1, sum(s.slip_total for s in scores.values()))
    report = "\n".join(scores[None].lines()) if None in scores else \
        ", ".join(f"{split}: {s.accuracy:.3f}/{s.slip_accuracy:.3f}" for split, s in scores.items())
    assert verdicts >= FLOORS[name]["verdict_accuracy"], report
    assert slips >= FLOORS[name]["slip_accuracy"], report


def test_fixture_set_covers_the_new_slips():
    slips = {c["slip"] for c in load_claims(CLAIMS / "fixture-series.jsonl") if c["slip"]}
    assert slips >= {"bp_vs_point", "direction", "level_as_growth", "ytd_as_yoy", "wrong_period", "scale"}


PARAPHRASES = ("约", "超", "近", "逾", "翻番", "两成", "三成以上", "破", "创历史新高", "同比多增", "比上年末", "较年初")


def test_paraphrase_set_covers_the_journalists_words():
    claims = load_claims(CLAIMS / "paraphrase.jsonl")
    for word in PARAPHRASES:
        used = [c for c in claims if word in c["claim"]]
        assert {c["verdict"] for c in used} & {"supported"}, f"no supported claim says {word}"
    assert {c["verdict"] for c in claims} >= {"supported", "contradicted"}


def test_shared_data_loads_only_the_named_ids(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    reserved = sorted(RESERVED_IDS)[0]
    items = [{"id": "x-1", "text": "2024年末，绿色贷款余额为36.6万亿元。"},
             {"id": "x-2", "text": "2024年末，绿色贷款余额为99万亿元。"},
             {"id": reserved, "text": "2024年末，涉农贷款余额为12万亿元。"}]
    (data / "news.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    assert [d["id"] for d in shared_documents(data, {"x-1", "nope"})] == ["x-1"]
    claims = [{"claim": "2024年末，绿色贷款余额为36.6万亿元", "published": "2025-03-01", "verdict": "supported",
               "source_doc": "x-1"},
              {"claim": "2024年末，涉农贷款余额为12万亿元", "published": "2025-03-01", "verdict": "supported",
               "source_doc": reserved}]
    claim_file = tmp_path / "set.jsonl"
    claim_file.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--claim-set", str(claim_file), "--shared-data", str(data),
                                       "-f", "json", "--min-accuracy", "0"])
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score["claims"] == 2 and "reserved for outside evaluation" in result.stderr
    # x-2 was never loaded (claim 1 has no contradicting source); the reserved document was not either
    assert score["confusion"] == {"supported": {"supported": 1, "unverifiable": 1}}


def test_a_bad_claim_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"claim": "x", "verdict": "supported"}\n{"claim": "y"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: not JSON"):
        load_claims(path)
    result = CliRunner().invoke(main, ["check", "--claim-set", str(path), "--corpus", str(CORPUS)])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output


def test_split_scores_one_half_and_never_lists_test_misses(tmp_path):
    claims = [{"id": "d-1", "claim": "2024年末，绿色贷款余额为36.6万亿元", "published": "2025-03-01",
               "verdict": "supported", "split": "dev"},
              {"id": "t-1", "claim": "2024年末，涉农贷款余额为12万亿元", "published": "2025-03-01",
               "verdict": "supported", "split": "test"}]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims), encoding="utf-8")
    args = ["check", "--claim-set", str(path), "--corpus", str(tmp_path / "empty"), "--min-accuracy", "0"]
    (tmp_path / "empty").mkdir()
    dev = CliRunner().invoke(main, [*args, "--split", "dev", "-f", "json"])
    assert dev.exit_code == 0, dev.output
    assert json.loads(dev.stdout)["claims"] == 1 and json.loads(dev.stdout)["misses"][0]["id"] == "d-1"
    test = CliRunner().invoke(main, [*args, "--split", "test"])
    assert "claims: 1 " in test.stdout and "t-1" not in test.stdout and "涉农" not in test.stdout
    whole = CliRunner().invoke(main, args)
    assert "claims: 2 " in whole.stdout and "d-1" in whole.stdout and "t-1" not in whole.stdout
    quiet = CliRunner().invoke(main, [*args, "--no-misses", "-f", "json"])
    assert "misses" not in json.loads(quiet.stdout)
    bad = CliRunner().invoke(main, [*args, "--split", "train"])
    assert bad.exit_code == 2


def test_a_half_is_scored_against_the_documents_of_the_whole_set(tmp_path):
    """The store holds every document the set names, whichever half is scored, so a half scores as in the gate."""
    shared = tmp_path / "shared"
    shared.mkdir()
    item = {"id": "s-1", "text": "2024年末，涉农贷款余额为12万亿元。", "published": "2025-02-01"}
    (shared / "items.jsonl").write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    claims = [{"id": "d-1", "claim": "2024年末，涉农贷款余额为12万亿元", "published": "2025-03-01",
               "verdict": "supported", "source_doc": "s-1", "split": "dev"},
              {"id": "t-1", "claim": "2024年末，涉农贷款余额约12万亿元", "published": "2025-03-01",
               "verdict": "supported", "source_doc": "none", "split": "test"}]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims), encoding="utf-8")
    (tmp_path / "empty").mkdir()
    args = ["check", "--claim-set", str(path), "--corpus", str(tmp_path / "empty"), "--shared-data", str(shared),
            "--min-accuracy", "0", "--split", "test", "-f", "json"]
    test = CliRunner().invoke(main, args)
    assert test.exit_code == 0, test.output
    assert json.loads(test.stdout)["claims"] == 1 and json.loads(test.stdout)["verdict_accuracy"] == 1.0
