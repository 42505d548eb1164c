"""Classes of claims learnt from the fourth independent batch's dev misses (ind-309 … ind-368): a claim without a
period read at its own day is also held against that day's figures of other measures (额度增加8000亿元 where 8000亿元
is the level after the increase: ``level_as_growth``); a claim without a period whose number the evidence's
document gives to one other metric is ``wrong_metric`` (a bound only against the same bound); figures found by
context are looked for with each of the claim's longest words, not only the first that finds a sentence; a change
written as two readings (由3.25%下调至3.0%) answers a claim of the change (下调25个基点). Each case
varies the wording of a source written for these tests."""
from __future__ import annotations

import pytest

from conftest import assert_verdict, module_store

# (id, published, text): written for these tests
DOCS = [
    ("u1", "2025-06-18", "会议决定，绿色转型再贷款额度增加2000亿元，达到6000亿元。"),
    ("u2", "2023-03-09", "银行以不高于2.8%的利率发放贷款，财政贴息2个百分点后，贷款主体实际贷款成本不高于0.8%。"),
    ("u3", "2024-09-02", "培训补贴资金由中央财政和地方财政分别承担80%和20%。"),
    ("u4", "2024-10-15", "每名借款人在一家经办机构可享受的累计贴息上限为3000元，对应累计消费金额30万元。"),
    ("u5", "2024-10-15", "对个人消费贷款贴息的，单户享受贴息的最高贷款规模为100万元。"),
    ("u6", "2024-06-05", "自2024年6月1日起，青禾县首套个人住房公积金贷款利率由3.25%下调至3.0%。"),
    ("u7", "2026-09-01", "据统计，8月芯片出口同比激增215.3%至380亿美元。"),
    ("u8", "2026-10-20", "今年以来，青禾县累计发放创业担保贷款12.6亿元。"),
]

CASES = [
    # claim, published, verdict, slip of the claim's last figure
    # the level after an increase quoted as the increase: the day's level of the same series shows the slip
    ("本次绿色转型再贷款额度增加6000亿元。", "2025-06-18", "contradicted", "level_as_growth"),
    ("本次绿色转型再贷款额度增加2000亿元。", "2025-06-18", "supported", None),
    ("本次绿色转型再贷款额度增加3000亿元。", "2025-06-18", "contradicted", "value"),
    # another metric's number in the same document, for a claim without a period
    ("财政贴息后，贷款主体实际贷款成本不高于2.8%。", "2023-03-09", "contradicted", "wrong_metric"),
    ("财政贴息后，贷款主体实际贷款成本不高于0.8%。", "2023-03-09", "supported", None),
    ("财政贴息后，贷款主体实际贷款成本不高于1.5%。", "2023-03-09", "contradicted", "value"),
    ("培训补贴资金中，中央财政承担20%。", "2024-09-02", "contradicted", "wrong_metric"),
    ("培训补贴资金中，中央财政承担80%。", "2024-09-02", "supported", None),
    # the claim's longest word (贷款贴息) is only in another sentence: the next words still find the right one
    ("每名借款人在一家经办机构累计最多可获得3000元消费贷款贴息。", "2024-10-15", "supported", None),
    ("每名借款人在一家经办机构累计最多可获得5000元消费贷款贴息。", "2024-10-15", "contradicted", "value"),
    # a change written as two readings (由3.25%下调至3.0%): the step answers a claim of the change
    ("自2024年6月1日起，青禾县首套个人住房公积金贷款利率下调25个基点至3.0%。", "2024-06-05", "supported", None),
    ("自2024年6月1日起，青禾县首套个人住房公积金贷款利率下调0.25个百分点。", "2024-06-05", "supported", None),
    ("自2024年6月1日起，青禾县首套个人住房公积金贷款利率下调35个基点。", "2024-06-05", "contradicted", "value"),
    ("自2024年6月1日起，青禾县首套个人住房公积金贷款利率上调25个基点。", "2024-06-05", "contradicted", "direction"),
    ("自2024年6月1日起，青禾县首套个人住房公积金贷款利率下调25个百分点。", "2024-06-05", "contradicted", "bp_vs_point"),
    # growth in multiples after 增幅/涨幅 is a growth rate (增幅接近2.2倍 is just under +220%)
    ("8月芯片出口同比增幅接近2.2倍。", "2026-09-01", "supported", None),
    ("8月芯片出口同比增幅接近5倍。", "2026-09-01", "contradicted", "value"),
    # a year not yet over at the claim's date is the year so far (今年以来 answers it); after the year, it is not
    ("2026年青禾县累计发放创业担保贷款超过12亿元。", "2026-10-20", "supported", None),
    ("2026年青禾县累计发放创业担保贷款超过15亿元。", "2026-10-20", "contradicted", "value"),
    ("2026年青禾县累计发放创业担保贷款超过12亿元。", "2027-02-01", "unverifiable", None),
]


store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, verdict, slip", CASES)
def test_fourth_batch_classes(store, claim, published, verdict, slip):
    assert_verdict(store, claim, published, verdict, slip)
