"""Tools and sectors from the fresh audit of branch s17-tools (40 random archive documents and 15 rss items about
policy, annotated by hand before the extractor ran). Each case: a sentence in, its tools and sectors out, exactly."""
from __future__ import annotations

import pytest

from analyzer.evaluate import default_names_agree
from analyzer.extract.mentions import MentionFinder
from analyzer.normalize import normalize
from analyzer.taxonomy import load_taxonomy

KINDS = ("policy_tools", "sectors")

CASES = [
    # consumers are people named by their role, not consumption as a sector (row `consumers`)
    ("美国消费者对未来一年通胀率的预期保持在6％这一纪录高位。", set()),
    ("二是有利于保护住房消费者的合法权益。", set()),
    ("让以政企、消费者、新业务为主的第二曲线快速拉升。", set()),
    # consumption itself stays a sector
    ("汽车销售改善带动消费增速温和回升。", {("sectors", "消费", "消费")}),
    ("提高了一系列中国输美消费品价格。", {("sectors", "消费", "消费")}),
    # the hog industry, under animal husbandry
    ("农业农村部召开生猪产业发展座谈会，要进一步完善生猪产能综合调控政策。", {("sectors", "生猪产业", "生猪产业")}),
    ("2021年价格大幅下跌带来的生猪行业去产能仍在延续。", {("sectors", "生猪行业", "生猪产业")}),
    ("使得生猪养殖成本同比明显上升，公司生猪养殖业务出现大幅亏损。", set()),
    # carmakers as a group are the automobile industry (real-gold decision: 汽车制造商 → 汽车产业)
    ("支持广汽集团、东风日产、北汽（广州）等整车企业不断提升电动化车型产销量占比。",
     {("sectors", "整车企业", "汽车产业")}),
    ("工信部组织召开重点汽车生产企业座谈会。", {("sectors", "汽车生产企业", "汽车产业")}),
    # named forms of FX intervention and of the electric-car subsidy
    ("“必要时采取大胆行动”，在日本官方语境中是货币干预的惯用表述。", {("policy_tools", "货币干预", "外汇干预")}),
    ("周一早盘日元曾急速升值，市场一度盛传当局再度入市干预。", {("policy_tools", "入市干预", "外汇干预")}),
    ("特斯拉推出新版Model Y，以应对美国电动汽车补贴取消带来的影响。",
     {("policy_tools", "电动汽车补贴", "新能源汽车购置补贴")}),
    ("随着美国联邦电动车补贴到期，特斯拉Q3的表现难以再现。", {("policy_tools", "电动车补贴", "新能源汽车购置补贴")}),
    # facilities attacked or held by armed forces are no infrastructure sector (row attacked_facilities)
    ("如果伊朗基础设施继续遭到美军袭击，伊朗将对地区内所有的基础设施实施打击。", set()),
    ("已指示暂停对伊朗发电厂和能源基础设施的一切军事打击，为期五天。", set()),
    # the words must be in the name's own clause
    ("加大基础设施建设力度，打击违法违规行为。", {("sectors", "基础设施建设", "基础设施")}),
    # the QFLP and QDLP pilots: a Chinese name and its bracketed acronym are two mentions
    ("国家外汇管理局开展合格境外有限合伙人（QFLP）和合格境内有限合伙人（QDLP）试点。",
     {("policy_tools", "合格境外有限合伙人", "合格境外有限合伙人试点"), ("policy_tools", "QFLP", "合格境外有限合伙人试点"),
      ("policy_tools", "合格境内有限合伙人", "合格境内有限合伙人试点"), ("policy_tools", "QDLP", "合格境内有限合伙人试点")}),
    ("深化QFLP、QDLP试点，进一步拓宽企业范围。",
     {("policy_tools", "QFLP", "合格境外有限合伙人试点"), ("policy_tools", "QDLP试点", "合格境内有限合伙人试点")}),
]


@pytest.fixture(scope="module")
def finder():
    return MentionFinder(load_taxonomy())


@pytest.mark.parametrize("text, expected", CASES)
def test_tools_and_sectors(finder, text, expected):
    out = finder(normalize(text), text)
    assert {(kind, m.text, m.name) for kind in KINDS for m in out[kind]} == expected


def test_hog_industry_sits_under_animal_husbandry_and_scores_against_it():
    taxonomy = load_taxonomy()
    assert {"畜牧业", "农林牧渔业"} <= set(taxonomy.ancestors("生猪产业"))
    agree = default_names_agree()
    assert agree("畜牧业", "生猪产业") and agree("农林牧渔业", "生猪产业")
    assert not agree("生猪产业", "畜牧业")
