"""Policy tools read at face value on the archive (s28-tools): a regulation named after a tool, the procurement trade,
a firm's business scope, a firm that is an AI-infrastructure REIT, a company's reserve or a fund centre named 公积金,
a convertible bond's 债转股, CBS the broadcaster, a product named OMO X and a verb before a subsidy are no mentions; 量宽, the EU's carbon
border tax, capital controls and the PBOC's direct tools are. Sentences are written for the test, not copied from the
archive."""
from __future__ import annotations

import pytest

from conftest import tool_mentions



@pytest.mark.parametrize("text, expected", [
    # regulation_name: a regulation's title is no tool
    ("国务院常务会议审议通过《住房公积金管理条例》修订草案。", []),
    ("有关部门将推动碳排放权交易管理暂行条例出台。", []),
    ("两部门修订《商业汇票承兑、贴现与再贴现管理暂行办法》。", []),
    # procurement_business and tool_business_scope: the purchasing trade
    ("财政局禁止该机构代理政府采购业务。", []),
    ("该公司对政府采购投诉处理决定不服。", []),
    ("新公司经营范围包含：融资担保咨询；软件开发。", []),
    # reit_firm: a firm that is an AI-infrastructure REIT
    ("AI基础设施REIT公司计划上调IPO规模。", []),
    # the housing provident fund's entry: a company's reserve, a fund centre, its hotline
    ("公司本年度不以公积金转增股本。", []),
    ("记者从市住房公积金中心获悉，新政明年实施。", []),
    ("记者从市住房公积金服务热线了解到，额度提高。", []),
    # 市场化债转股: a convertible bond's conversion
    ("公司股票及可转债转股将于下周一停牌。", []),
    # CBS the broadcaster: the acronym counts only after the swap's name
    ("CBS与另一家电视网各支付了一笔和解金。", []),
    # product_model: a Latin short form with a model letter is a product
    ("新款电动摩托车OMO X开启预订，OMO-Robot架构同步亮相。", []),
    # a verb before a subsidy, and a government as the payer, give no name
    ("此举旨在对冲美国政府补贴到期后的价格压力。", []),
])
def test_no_tool(finder, text, expected):
    assert tool_mentions(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("各地要落实政府采购支持中小企业的政策。", [("政府采购", "政府采购")]),
    ("研究拓宽基础设施公募REITs试点范围。", [("基础设施公募REITs试点", "基础设施REITs")]),
    ("市住房公积金将支持老旧小区加装电梯。", [("住房公积金", "住房公积金")]),
    ("资产管理公司以收购重组、债转股为主业。", [("债转股", "市场化债转股")]),
    ("央行开展50亿元央行票据互换（CBS）操作，CBS期限3个月。",
     [("央行票据互换", "中央银行票据互换工具"), ("CBS", "中央银行票据互换工具"), ("CBS", "中央银行票据互换工具")]),
    ("央行加大公开市场操作（OMO）力度，OMO利率下调。", [("公开市场操作", "公开市场操作"), ("OMO", "公开市场操作"), ("OMO", "公开市场操作")]),
    ("上一轮量宽期间跨境资金流入较快。", [("量宽", "量化宽松")]),
    ("出口企业面临欧盟碳关税（CBAM）的压力。", [("碳关税", "碳边境调节机制"), ("CBAM", "碳边境调节机制")]),
    ("新兴市场更难维持资本管制。", [("资本管制", "资本管制")]),
    ("做好两项货币政策直达工具的接续转换。", [("货币政策直达工具", "货币政策直达工具")]),
])
def test_tool(finder, text, expected):
    assert tool_mentions(finder, text) == expected
