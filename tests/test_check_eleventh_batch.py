"""Classes of claims fixed on the eleventh writer's dev misses (s26-claims-w11), each on documents written for these
tests, not the misses' sources: a cut or a raise written with a verb the extractor reads no change in (``claim_phrase``
``cut_verbs``/``add_verbs``) and a budget's 安排 after the name (``metric_tail`` ``plan_verb``); a year-end stock's
全年增加 (``whole_year_change_of_a_year_end_stock``); 度 for 千瓦时 (``same_counter`` ``kilowatt_hours``); a results
forecast's 盈利 for 净利润 (``context_alias`` ``profit_short``); a count's change against its stored flow
(``count_change``); a list of exchange rates named by currency only (``currency_list``); a week's move is no day's
(``span_move``); the claim's statistic under the release's shorter name at another period (``claim_tail``); an
operation's amounts of an announcement (``own_day_period`` ``operation_day_at_publication``); 分两次 (``in_steps``);
a speaker's 称 (``speaker_says``); a claim naming a place is answered only by that place's figures, or by those of
documents that name it (``placed_context``). tests/claims/paraphrase-b11.jsonl varies the classes on real and
corpus sources (31 claims; main's checker before s26-claims-w11: 17/31 verdicts, slips 4/12)."""
from __future__ import annotations

import pytest

from analyzer.check.reading import prepare_claim
from conftest import ROOT, assert_claim_set_floor, module_store, verdict_of

PARAPHRASE_B11 = ROOT / "tests" / "claims" / "paraphrase-b11.jsonl"

# (id, published, text): written for these tests
DOCS = [
    ("u1", "2025-03-06", "今年赤字规模为5.66万亿元；一般公共预算支出规模29.7万亿元，比上年增加1.2万亿元。"),
    ("u2", "2026-01-14", "据国家外汇管理局统计，12月末，国家外汇储备余额为33500亿美元，比年初增加1270亿美元。"),
    ("u3", "2026-02-10", "青岚能源集团1月份完成发电量865亿度，同比增长6.1%。"),
    ("u4", "2026-01-22", "青山制药公告，预计2025年盈利5.2亿元-6.1亿元，同比增长31.5%-54.2%。"),
    ("u5", "2026-06-20", "青松研究院20日发布报告，全球氢能企业数量达2316家，较去年增长8.4%，增加180家。"),
    ("u6", "2025-12-12", "12月12日银行间外汇市场人民币汇率中间价为：1美元对人民币7.0805元，1欧元对人民币8.2750元，"
                         "100日元对人民币4.5612元，1英镑对人民币9.4521元。"),
    ("u7", "2026-05-16", "美股三大指数5月15日收盘全线上涨。截至收盘，道琼斯工业平均指数涨幅为0.42%，本周累涨1.86%。"),
    ("u8", "2026-01-06", "青岚新区今年主要经济数据出炉，预计2025年地区生产总值达3200亿元左右，同比增长7%左右。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, figure, verdict, slip", [
    # 压减 and 调增 after 较上年 are a change of that sign: the release's 比上年增加 shows a direction slip or agrees
    ("今年一般公共预算支出安排29.7万亿元，较上年压减1.2万亿元。", "2025-03-07", "1.2万亿元", "contradicted", "direction"),
    ("今年一般公共预算支出安排29.7万亿元，较上年调增1.2万亿元。", "2025-03-07", "1.2万亿元", "supported", None),
    ("今年一般公共预算支出安排29.7万亿元。", "2025-03-07", "29.7万亿元", "supported", None),
    # 全年增加 after a year-end stock is its change since the year's start
    ("去年末国家外汇储备约3.35万亿美元，全年增加超千亿美元。", "2026-01-15", "超千亿美元", "supported", None),
    ("去年末国家外汇储备约3.35万亿美元，全年增加约2000亿美元。", "2026-01-15", "约2000亿美元", "contradicted", "value"),
    # 千瓦时 is the release's 度
    ("1月青岚能源集团发电量超860亿千瓦时。", "2026-02-11", "超860亿千瓦时", "supported", None),
    # a forecast's 盈利 is the claim's 净利润
    ("青山制药预计2025年净利润5.2亿至6.1亿元。", "2026-01-23", "5.2亿至6.1亿元", "supported", None),
    # 比去年多180家 is the stored 增加180家
    ("全球氢能企业达2316家，比去年多180家。", "2026-06-21", "180家", "supported", None),
    # each rate of a list named by its currency only is that currency's
    ("12月12日欧元对人民币中间价报8.2750，英镑报9.4521，100日元报4.5612元人民币。", "2025-12-12", "9.4521",
     "supported", None),
    ("12月12日欧元对人民币中间价报8.2750，英镑报9.4521，100日元报4.5612元人民币。", "2025-12-12", "4.5612元人民币",
     "supported", None),
    # the week's 1.86% is no move of 15 May
    ("5月15日道指上涨1.86%。", "2026-05-16", "1.86%", "contradicted", "wrong_period"),
    ("5月15日道指上涨0.42%。", "2026-05-16", "0.42%", "supported", None),
    # a new district's GDP, stored with no place, is no figure of 天津's
    ("天津2025年地区生产总值约4500亿元。", "2026-01-20", "约4500亿元", "unverifiable", None),
    ("2025年青岚新区地区生产总值约3200亿元。", "2026-01-20", "约3200亿元", "supported", None),
])
def test_eleventh_batch_classes(store, claim, published, figure, verdict, slip):
    found = verdict_of(store, claim, published, figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


def test_phrases_are_written_as_the_releases_write_them():
    assert prepare_claim("支出较上年压减1.1万亿元") == "支出较上年减少1.1万亿元"
    assert prepare_claim("专项债比上年多安排1000亿元") == "专项债比上年增加1000亿元"
    assert prepare_claim("压减1.1万亿元") == "压减1.1万亿元"   # no base of comparison: left alone
    assert prepare_claim("去年末外汇储备3.2万亿美元，全年增加超千亿美元") == "去年末外汇储备3.2万亿美元，比年初增加超千亿美元"
    assert prepare_claim("去年末外汇储备3.2万亿美元，全年增加超千亿美元", names=False) == \
        "去年末外汇储备3.2万亿美元，全年增加超千亿美元"   # a first reading only
    assert prepare_claim("2022年涉农贷款全年增加6.21万亿元") == "2022年涉农贷款全年增加6.21万亿元"   # no year-end
    assert prepare_claim("央行分两次降准共1个百分点") == "央行分次降准共1个百分点"
    assert prepare_claim("雷军称锁单已超3万辆") == "雷军称，锁单已超3万辆"
    assert prepare_claim("该指数简称上证50") == "该指数简称上证50"   # 简称 names no speaker
    assert prepare_claim("欧元对人民币中间价报7.6636，英镑报8.7858，100日元报4.7386元") == \
        "欧元对人民币中间价报7.6636，英镑对人民币中间价报8.7858，日元对人民币中间价报4.7386元"


def test_the_classes_hold_on_other_sources(tmp_path):
    """Budget cuts written 压减/缩减 and raises 调增, a year-end stock's 全年增加, output in 度, forecasts' 盈利, a
    count's 多N家, a list of parities, the week's fall quoted for a day, the claim's own name beside a release's short
    one, announcements of reserve-ratio cuts, speakers' 称: every claim right."""
    assert_claim_set_floor(PARAPHRASE_B11, tmp_path, {"verdict_accuracy": 1.0, "slip_accuracy": 1.0})
