"""Policy tools read at face value on the archive (s30-tools): a firm's sales promotion or staff benefit, a regulation
named after a grammar-read subsidy, a bond's indexation subsidy and the guarantees firms give for others' debts are
no tool mentions; the same tools in policy text stay. Sentences are written for the test, not copied from the
archive."""
from __future__ import annotations

import pytest

from conftest import tool_mentions


@pytest.mark.parametrize("text", [
    # sales_promotion: a retailer's, a platform's or a bank's offer to its customers
    "家电卖场在购物节期间推出折扣、返现、以旧换新补贴等活动。",
    "某电商平台在大促之际以消费券为引流手段。",
    "多家银行推出消费贷让利活动，贴息、立减金等福利同步上线。",
    # staff_benefit: an employer's allowance to its staff (the grammar's names too)
    "某互联网公司发布内部信调整员工福利：明年起调整租房补贴。",
    # the context rows apply to the tool-name grammar's names: a regulation's title is no tool
    "民政部印发《养老服务消费补贴管理办法》。",
    # 贷款贴息: a government bond's indexation subsidy is paid on no loan
    "当年市场对该期国债的保值贴息率预期分歧很大。",
    # 融资担保: guarantees firms give for others' debts, which a regulator polices
    "国资委要求对企业新开展的违规融资担保行为严肃追责。",
    "国资委印发关于加强中央企业融资担保管理工作的通知。",
    # firm_deleveraging: a developer's balance sheet
    "行业风险出清之后，地产商缩表阵痛有望结束。",
])
def test_no_tool(finder, text):
    assert tool_mentions(finder, text) == []


@pytest.mark.parametrize("text, expected", [
    ("今年各地将继续开展消费品以旧换新，发放消费券。", [("消费品以旧换新", "消费品以旧换新"), ("消费券", "消费券")]),
    ("民政部介绍养老服务消费补贴项目推进情况。", [("养老服务消费补贴", "养老服务消费补贴")]),
    ("对新增贷款给予1个百分点的贴息。", [("贴息", "贷款贴息")]),
    ("综合运用融资担保、贷款贴息等方式支持小微企业。", [("融资担保", "融资担保"), ("贷款贴息", "贷款贴息")]),
    ("市人社局明年起调整租房补贴标准。", [("租房补贴", "租房补贴")]),
    ("美联储将在购债结束后不久开始缩表。", [("购债", "资产购买计划"), ("缩表", "缩表")]),
])
def test_tool(finder, text, expected):
    assert tool_mentions(finder, text) == expected
