"""Classes of claims fixed on the ninth writer's dev misses (s21-claims), each on documents written for these tests,
not the misses' sources: a month written before a stored figure of an undated item (``written_month``); a claim dated
only by its own day, against a story of that day that dates an overnight session the day before (``own_day_period``);
a quarter or month written without its year, in progress on the claim's date (``bare_period``); counters that count
the same things (``same_counter``); guidance is no reading (``guidance``); a figure later in the sentence under the
head of the statistic's name is another period's (``sentence_head``); a round bound right before its number
(``redundant_bound``); 卖地收入 and 少付利息 (``claim_name``). tests/claims/paraphrase-b9.jsonl varies the classes on real sources
(19 claims; main's checker before s21-claims: 8/19, slips 1/7)."""
from __future__ import annotations

import pytest

from analyzer.check.dates import written_elsewhen
from analyzer.check.reading import prepare_claim
from analyzer.records import Period
from conftest import ROOT, assert_claim_set_floor, module_store, verdict_of

PARAPHRASE_B9 = ROOT / "tests" / "claims" / "paraphrase-b9.jsonl"

# (id, published, text): written for these tests; "" is an item stored without a date
DOCS = [
    ("u1", "", "智利去年10月CPI同比上涨6.0%，为近13年来最高。"),
    ("u2", "2025-03-04", "美东时间周一，美股三大指数集体收跌，截至收盘，道指跌1.5%，纳指跌2.6%。"),
    ("u3", "2023-01-09", "截至1月8日，已有12个省份披露2023年一季度地方债发行计划，合计发行新增地方债5800亿元。"),
    ("u4", "2024-11-05", "青川汽车10月汽车销量为8.6万台，同比增长12.4%；10月汽车产量为9.1万台。"),
    ("u5", "2024-08-20", "泰和科技第二季度营收为120亿美元。公司第三季度营收预计约为150亿美元，去年同期为90亿美元。"),
    ("u6", "2025-03-20", "泰和软件发布2024年年报。其中，泰和软件首次披露云相关年度收入达人民币3.2亿元，下半年收入为2.1亿元。"),
    ("u7", "2025-01-17", "2024年全国国有土地使用权出让收入48699亿元，同比下降16%。"),
    ("u8", "2024-09-24", "降低存量房贷利率后，预计平均每年减少家庭利息支出1500亿元左右。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, figure, verdict, slip", [
    # the undated item's 去年10月 reading is no reading of November, whatever its year
    ("智利去年11月CPI同比上涨6.0%。", "2022-12-15", "6.0%", "unverifiable", None),
    ("智利2022年10月CPI同比上涨6.0%。", "2022-12-15", "6.0%", "supported", None),
    # a claim of its own day against the story of that morning dating the US session the day before
    ("纳指收跌2.6%，道指跌1.5%。", "2025-03-04", "2.6%", "supported", None),
    ("纳指收跌3.2%。", "2025-03-04", "3.2%", "contradicted", "value"),
    # 一季度 of a claim of 2023-01-10 is 2023's, not the last one over (2022's)
    ("12个省份已披露的一季度地方债发行计划中，新增地方债合计约5800亿元。", "2023-01-10", "约5800亿元", "supported", None),
    # 台 and 辆 count the same cars
    ("青川汽车10月汽车销量8.6万辆。", "2024-11-05", "8.6万辆", "supported", None),
    ("青川汽车10月汽车产量8.6万辆。", "2024-11-05", "8.6万辆", "contradicted", "wrong_metric"),
    # guidance and the year-ago figure are no readings of the quarter
    ("泰和科技第二季度营收约120亿美元。", "2024-08-20", "约120亿美元", "supported", None),
    ("泰和科技第三季度营收约为150亿美元。", "2024-08-20", "约为150亿美元", "unverifiable", None),
    # 2.1亿元 is the second half's, under the head 收入 of 云相关年度收入
    ("泰和软件2024年全年云相关收入约2.1亿元。", "2025-03-20", "约2.1亿元", "contradicted", "wrong_period"),
    # 破亿 before its number: the number keeps its own name
    ("泰和软件去年云相关收入破亿，达3.2亿元。", "2025-03-20", "3.2亿元", "supported", None),
    # 卖地收入 is the fiscal release's 国有土地使用权出让收入
    ("去年全国卖地收入约4.87万亿元。", "2025-01-17", "约4.87万亿元", "supported", None),
    # 少付利息 is the release's 减少利息支出
    ("央行表示，家庭平均每年可少付利息约1500亿元。", "2024-09-24", "约1500亿元", "supported", None),
])
def test_ninth_batch_classes(store, claim, published, figure, verdict, slip):
    found = verdict_of(store, claim, published, figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


def test_a_written_month_bars_other_months_only():
    row = {"start": 9, "sentence_start": 0, "sentence": "智利去年10月CPI同比上涨6.0%，为近13年来最高。"}
    assert written_elsewhen(Period("2022-11-01", "2022-11-30"), row)
    assert not written_elsewhen(Period("2022-10-01", "2022-10-31"), row)
    assert not written_elsewhen(Period("2022-01-01", "2022-12-31"), row)   # a year covers every month
    assert not written_elsewhen(Period("2022-09-01", "2022-11-30"), row)   # a span that holds October


def test_a_bound_without_digits_goes_only_before_its_number():
    assert prepare_claim("其中AI相关收入破亿，达1.16亿元") == "其中AI相关收入达1.16亿元"
    assert prepare_claim("其中AI相关收入破亿，同比增长30%") == "其中AI相关收入破亿，同比增长30%"


def test_the_classes_hold_on_other_real_sources(tmp_path):
    """Another US session's wrap, FedWatch's January, an undated item's November, GAC's 万台/万辆, guidance beside a
    reading, the half-year under the head 收入, 破十万 before its number, the land sale revenue: every claim right."""
    assert_claim_set_floor(PARAPHRASE_B9, tmp_path, {"verdict_accuracy": 1.0, "slip_accuracy": 1.0})
