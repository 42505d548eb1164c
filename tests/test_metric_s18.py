"""Metric-name leftovers (s18-metric): a sentence in, the figure's metric out.

Every sentence is written for the test (never copied from ../shared/data).
"""
import pytest

from analyzer.pipeline import analyze

CASES = [
    # 共有 (there are in all) before a name is no part of it (lexicon leading 共有)
    ("total-there-are-goes", "截至年末，全国共有村镇银行1600家。", "1600家", "村镇银行"),
    # 对价 and 对冲基金 are words; 对应 links to the figure before and goes (words-begun-by-dui, correspond-dui)
    ("consideration-keeps-dui", "公司拟以3亿元的对价受让该项目。", "3亿元", "对价"),
    ("hedge-fund-keeps-dui", "去年全球对冲基金的管理规模增长到5万亿美元。", "5万亿美元", "对冲基金的管理规模"),
    ("corresponding-goes", "发行价为20元，对应市值约80亿元。", "约80亿元", "市值"),
    # 比 opening a word (比特币, 阿拉比卡) is no comparison (bi-opens-a-word, compared-with-kept)
    ("bitcoin-is-no-comparison", "美元指数涨0.4%，比特币跌5%。", "5%", "比特币"),
    ("arabica-not-cut-at-bi", "ICE阿拉比卡咖啡期货涨1.5%。", "1.5%", "ICE阿拉比卡咖啡期货"),
    ("comparison-before-restructuring", "公司净利润9亿元，比重组后上年同期增长20%。", "20%", "净利润"),
    # the minutes of a clock time are no name (CLOCK_REST after a time that ends in the hour)
    ("clock-minutes-go", "原定美东时间周二上午10:30购买50亿美元国债。", "50亿美元", "购买"),
    # a session or event and a move to the day's high or low name nothing: the yield named before (session-before-day-extreme)
    ("session-move-to-day-high-takes-yield", "德国10年期国债收益率跌2个基点，报1.2%，欧市盘初曾涨至日高1.25%。", "1.25%",
     "10年期国债收益率"),
    ("condition-dui-goes", "对月销售额15万元以下的纳税人免征增值税。", "15万元以下", "月销售额"),
    # 累计完成 after a statistic joins it to its amount, as 累计实现 and 完成 do (lexicon trailing 累计完成)
    ("accumulated-completed-goes", "前三季度，邮政业务收入累计完成1200亿元，同比增长6%。", "1200亿元", "邮政业务收入"),
    # 该行业/该企业 refer back whole; 该行/该企 (the bank, the firm) once cut them and left 业 (metric-leading-this-whole-word)
    ("this-industry-whole", "该行业汽车销量同比增长12%。", "12%", "汽车销量"),
    ("this-enterprise-whole", "该企业营收同比增长8%。", "8%", "营收"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_metric_of_figure(text, span, expected):
    figures = [f for f in analyze(text, published="2026-06-30").figures if f.text == span]
    assert [f.metric for f in figures] == [expected], [(f.text, f.metric) for f in analyze(text).figures]
