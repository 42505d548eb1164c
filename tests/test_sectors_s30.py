"""Sectors on real text (s30-sectors, issue 14): the lead's convention of 2026-12-08 (实体经济 and 中小银行 are groups a
policy serves or targets, at every occurrence) and the recall classes of a fresh archive draw. Each case: a sentence
in, its sectors out (text as written, canonical name)."""
from __future__ import annotations

import re

import pytest

from analyzer.normalize import normalize
from conftest import gold_files, load_gold

# text → the (text as written, canonical name) of its sector mentions, exactly
CONVENTION_CASES = [
    ("为进一步支持实体经济，优化流动性结构，降低社会融资成本。", {("实体经济", "实体经济")}),
    ("全年社会融资规模增量累计为32.01万亿元；其中，对实体经济发放的人民币贷款增加20.91万亿元。", {("实体经济", "实体经济")}),
    ("服務實體經濟方面，去年末招行普惠型小微企業貸款餘額逾8000億元。",
     {("實體經濟", "实体经济"), ("小微企業", "小微企业")}),
    ("人民银行决定对中小银行定向降准1个百分点", {("中小银行", "中小银行")}),
    ("政策层面将在永续债、二级资本债等方面给予中小银行支持。", {("中小银行", "中小银行")}),
]


@pytest.mark.parametrize("text, expected", CONVENTION_CASES)
def test_real_economy_and_small_banks_are_sectors(finder, text, expected):
    out = finder(normalize(text), text)
    assert {(m.text, m.name) for m in out["sectors"]} == expected


CONVENTION_WORDS = {"实体经济": "实体经济", "實體經濟": "实体经济", "中小银行": "中小银行", "中小銀行": "中小银行"}


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.stem)
def test_corpus_gold_names_every_real_economy_and_small_bank(path):
    """corpus/ gold follows the convention of 2026-12-08 at every occurrence, titles and metric phrases included."""
    record = load_gold(path)
    annotated = {(s["start"], s["end"], s["name"]) for s in record["sectors"]}
    for word, name in CONVENTION_WORDS.items():
        for found in re.finditer(word, record["text"]):
            assert (found.start(), found.end(), name) in annotated, f"{path.stem}@{found.start()} {word}"


# the convention's gate (rules/sector_names.toml `served_groups`, `serving_the_real_economy`): a market's theme or a
# product's issuer is no group a policy serves
GATE_CASES = [
    ("AI交易的受益范围正从超大规模科技公司向实体经济蔓延。", set()),
    ("对比来看，中小银行的大额存单利率具备明显优势。", set()),
    ("会议强调要提高金融服务实体经济质效。", {("实体经济", "实体经济")}),
    ("服务实体经济方面，工商银行普惠型小微企业贷款余额超过2.8万亿元。",
     {("实体经济", "实体经济"), ("小微企业", "小微企业")}),
]


@pytest.mark.parametrize("text, expected", GATE_CASES)
def test_real_economy_counts_where_a_policy_serves_it(finder, text, expected):
    out = finder(normalize(text), text)
    assert {(m.text, m.name) for m in out["sectors"]} == expected
