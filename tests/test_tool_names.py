"""The tool-name grammar (``analyzer/rules/tool_names.toml``; issue 14, "A closed taxonomy"): policy tools the
taxonomy lacks, a modifier and a head the spec counts (补贴, 补助, 再贷款, 减免, 退税), stored under the written
name with ``in_taxonomy: false``; the taxonomy's reading wins where one of its tools overlaps."""
from __future__ import annotations

import pytest

from analyzer import rulebook
from analyzer.analysis.candidates import collect_candidates
from analyzer.normalize import normalize
from analyzer.records import Document


def tools(finder, text):
    return [(m.text, m.name, m.extra.get("in_taxonomy", True)) for m in finder(normalize(text), text)["policy_tools"]]


@pytest.mark.parametrize("text, expected", [
    ("民政部举行发布会，介绍养老服务消费补贴项目推进情况。", [("养老服务消费补贴", "养老服务消费补贴", False)]),
    ("RCEP协定正式生效，关税减免、服务投资开放同步推进。", [("关税减免", "关税减免", False)]),
    ("如已经落地的“绿色再贷款”，未来可能扩容。", [("绿色再贷款", "绿色再贷款", False)]),
    ("鼓励有条件的地区为困难群众发放临时生活补助。", [("临时生活补助", "临时生活补助", False)]),
    # an adjective in the modifier (稳定 is one to jieba)
    ("金融稳定再贷款利率下调0.5个百分点至1.75%。", [("金融稳定再贷款", "金融稳定再贷款", False)]),
    # an adjective of degree qualifies the amount, not the tool
    ("额外提供最长6个月的过渡性补贴，最高过渡性补贴价值可达7.2万元。",
     [("过渡性补贴", "过渡性补贴", False), ("过渡性补贴", "过渡性补贴", False)]),
    # a leading place is cut: the taxonomy's names carry none either
    ("完善广州市新能源汽车消费补贴政策。", [("新能源汽车消费补贴", "新能源汽车消费补贴", False)]),
])
def test_grammar_reads_tools_outside_the_taxonomy(finder, text, expected):
    assert tools(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the taxonomy's tool ends where the head does: real-dev gold names it so (人才租金补贴 → 租金补贴)
    ("所有人才租金补贴面积的上限为50平方米。", [("租金补贴", "租金补贴", True)]),
    ("推进实施新型基础设施建设项目贴息政策。", [("贴息", "贷款贴息", True)]),  # corpus gold: X贴息 is 贷款贴息
    ("使用股票回购增持专项再贷款及配套资金。", [("股票回购增持专项再贷款", "股票回购增持再贷款", True)]),
])
def test_taxonomy_reading_wins(finder, text, expected):
    assert tools(finder, text) == expected


@pytest.mark.parametrize("text", [
    "27日起将向炼油商补贴每升3.4日元。",          # the head is a verb with an amount
    "国际消费中心城市每个城市合计补助 2亿元。",     # the same, a space before the amount
    "由于计入公司当期损益的政府补贴减少。",        # who pays, not what: generic
    "上述补贴款将直接冲减已销售新车的成本。",      # a pointer, not a name
    "为全市餐饮商户减免外卖订单配送费。",          # 减免 as a verb: no levy before it
    "平台不得以开展长期、大额补贴的手段排挤对手。",   # a firm's promotion
    "未来还将继续用好用足再贷款这一政策工具。",     # verbs before a taxonomy tool
    "对符合条件的车型精准设置补贴标准。",
    "具体补贴标准为：一线城市每月发放。",
])
def test_no_grammar_name(finder, text):
    assert all(flag for _, _, flag in tools(finder, text)), tools(finder, text)


def test_kind_adjective_keeps_the_taxonomy_entry(finder):
    # 普惠性 says what kind of allotment, like 结构性: corpus gold names 普惠性再贷款再贴现额度 再贷款
    assert tools(finder, "安排1万亿元普惠性再贷款再贴现额度。")[0][1:] == ("再贷款", True)


def test_every_head_row_reads_its_example(finder):
    for row in rulebook.rows("tool_names", "head"):
        assert row.get("why"), row["id"]
        first = row["example"].split(";")[0]
        assert any(flag is False for _, _, flag in tools(finder, first)), (row["id"], first)


def test_candidates_list_grammar_tools():
    documents = [Document(id=f"d{i}", text="民政部介绍养老服务消费补贴项目推进情况。") for i in range(2)]
    rows = {(r["kind"], r["name"]): r for r in collect_candidates(documents)}
    assert rows[("policy_tools", "养老服务消费补贴")]["documents"] == 2


def test_long_form_of_qt_is_the_taxonomy_tool(finder):
    # 缩减资产负债表 is what 缩表 abbreviates (23 times in the archive, all central banks')
    assert tools(finder, "美联储将于9月开始缩减资产负债表。") == [("缩减资产负债表", "缩表", True)]
