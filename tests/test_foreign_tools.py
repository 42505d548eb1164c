"""Foreign central banks' and governments' named instruments are policy tools as China's are (s20-tools; decision of
2026-12-07 in real-gold/README.md): policy rates a central bank sets (联邦基金利率, 准备金余额利率/IORB, the ECB's
three rates, the RBA's 现金利率), its facilities and operations (隔夜逆回购工具/RRP, 常备回购便利/SRF, PEPP), a
government's named kinds of bonds (赤字国债, 过桥国债, 注资特别国债) and tax credits. Generic words stay out (政策利率,
基准利率, 国债 as a traded security), and so does a futures contract named after a rate. Sentences are written for
the test, not copied from the archive."""
from __future__ import annotations

import pytest

from conftest import tool_mentions

from analyzer.evaluate import default_names_agree
from analyzer.pipeline import analyze
from analyzer.taxonomy import load_taxonomy


@pytest.mark.parametrize("text, expected", [
    ("美联储宣布将联邦基金利率目标区间维持不变。", [("联邦基金利率目标区间", "联邦基金利率")]),
    ("有效联邦基金利率仍低于上限。", [("联邦基金利率", "联邦基金利率")]),
    ("美联储同时上调准备金余额利率（IORB）。", [("准备金余额利率", "准备金余额利率"), ("IORB", "准备金余额利率")]),
    ("市场关注美联储隔夜逆回购工具（RRP）的使用量，RRP余额继续回落。",
     [("隔夜逆回购工具", "隔夜逆回购工具"), ("RRP", "隔夜逆回购工具"), ("RRP", "隔夜逆回购工具")]),
    ("常备回购便利利率（SRF）同步上调。", [("常备回购便利", "常备回购便利"), ("SRF", "常备回购便利")]),
    ("财长支持扩大 FIMA（外国和国际货币当局）回购便利，FIMA是外国央行的后盾。",
     [("FIMA（外国和国际货币当局）回购便利", "FIMA回购便利"), ("FIMA", "FIMA回购便利")]),
    ("欧洲央行下调存款机制利率和主要再融资利率。", [("存款机制利率", "存款便利利率"), ("主要再融资利率", "主要再融资利率")]),
    ("欧洲央行将结束紧急抗疫购债计划（PEPP）。", [("紧急抗疫购债计划", "紧急抗疫购债计划"), ("PEPP", "紧急抗疫购债计划")]),
    ("分析师预计澳洲联储年内上调现金利率。", [("现金利率", "现金利率")]),
    ("政府拟发行赤字国债弥补缺口，另设过桥国债。", [("赤字国债", "赤字国债"), ("过桥国债", "过桥国债")]),
    ("财政部发行中央金融机构注资特别国债。", [("中央金融机构注资特别国债", "注资特别国债")]),
    ("市场预期美联储资产负债表缩减提前开始。", [("资产负债表缩减", "缩表")]),
])
def test_foreign_instruments_are_tools(finder, text, expected):
    assert tool_mentions(finder, text) == expected


@pytest.mark.parametrize("text", [
    "交易员买入下月交割的联邦基金利率期货。",  # a futures contract named after the rate
    "该行维持政策利率不变，基准利率仍为1.5%。",  # generic words, as for the PBOC (corpus gold)
    "10年期国债收益率上行5个基点。",            # 国债 as a traded security
    "SRF指数上涨，RRP价格下调，FIMA扩容。",      # Latin short forms only after one of the entry's names
])
def test_generic_words_and_markets_are_no_tools(finder, text):
    assert tool_mentions(finder, text) == []


def test_named_tax_credit_keeps_its_written_name(finder):
    # the grammar's head 税收抵免; the bare word is the taxonomy's entry under 税收优惠
    assert tool_mentions(finder, "美国的电动汽车税收抵免将于月底到期，税收抵免结束后销量或回落。") == [
        ("电动汽车税收抵免", "电动汽车税收抵免"), ("税收抵免", "税收抵免")]
    # a numeral jieba leaves alone (三 of 周三) is a time, not part of the name
    assert tool_mentions(finder, "分析师称本周三电动汽车税收抵免到期。") == [("电动汽车税收抵免", "电动汽车税收抵免")]


def test_parents_keep_queries_and_scores_together():
    taxonomy = load_taxonomy()
    assert "逆回购" in taxonomy.ancestors("隔夜逆回购工具")
    assert "特别国债" in taxonomy.ancestors("注资特别国债")
    assert "资产购买计划" in taxonomy.ancestors("紧急抗疫购债计划")
    assert "税收优惠" in taxonomy.ancestors("税收抵免")
    agree = default_names_agree()
    assert agree("隔夜逆回购", "隔夜逆回购工具")  # gold written for the parent still matches
    assert agree("隔夜回购工具", "隔夜逆回购工具")  # the loose translation is an alias


def test_rate_figure_keeps_its_metric():
    record = analyze("美联储将联邦基金利率目标区间下调25个基点。", published="2025-09-18", doc_id="t").to_dict()
    assert [(t["name"], t.get("action")) for t in record["policy_tools"]] == [("联邦基金利率", "下调")]
    # the same metric as before the entry existed: the tool mention adds a link, it does not rename the figure
    assert [(f["value"], f["unit"], f["metric"]) for f in record["figures"]] == [("-25", "basis_point", "联邦基金利率目标区间")]
