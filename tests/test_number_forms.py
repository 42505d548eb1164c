"""Every way Chinese text writes an amount, a count or a ratio (issue 15): case tables per family, generated
round trips (hypothesis), page debris on the outside data, and bounded work on hostile digit runs (issue 12)."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from conftest import SHARED_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer import rulebook
from analyzer.extract import figures as figures_module
from analyzer.extract.figures import FigureExtractor
from analyzer.extract.numbers import parse_number
from analyzer.pipeline import analyze
from analyzer.normalize import normalize

PUBLISHED = "2026-06-30"

# family, text, span, value, value_high, unit, qualifier, counter
CASES = [
    # ranges: each end in its own numeral style, the scale written last shared when it keeps low <= high
    ("range", "预计投入三至五万亿元用于改造", "三至五万亿元", "3000000000000", "5000000000000", "CNY", "range", None),
    ("range", "每户补贴两到三万元", "两到三万元", "20000", "30000", "CNY", "range", None),
    ("range", "单笔金额一千到两千万元不等", "一千到两千万元", "10000000", "20000000", "CNY", "range", None),
    ("range", "奖励标准为8000到2万元", "8000到2万元", "8000", "20000", "CNY", "range", None),
    ("range", "罚款1万元--5万元", "1万元--5万元", "10000", "50000", "CNY", "range", None),
    ("range", "处1万(含)-5万元罚款", "1万(含)-5万元", "10000", "50000", "CNY", "range", None),
    ("range", "年费2——3万元", "2——3万元", "20000", "30000", "CNY", "range", None),
    ("range", "新增十至十五万家", "十至十五万家", "100000", "150000", "count", "range", "家"),
    ("range", "亏损-80亿至-83亿元", "-80亿至-83亿元", "-8000000000", "-8300000000", "CNY", "range", None),
    ("range", "规模达四到六千亿元", "四到六千亿元", "400000000000", "600000000000", "CNY", "range", None),
    # capital numerals (大写) of contracts and tenders
    ("capital", "合同价款贰亿贰仟陆佰万元整。", "贰亿贰仟陆佰万元整", "226000000", None, "CNY", None, None),
    ("capital", "中標金額肆佰叁拾萬圓整", "肆佰叁拾萬圓整", "4300000", None, "CNY", None, None),
    ("capital", "大写壹万二千三百元", "壹万二千三百元", "12300", None, "CNY", None, None),
    ("capital", "报价叁仟零伍拾元整，", "叁仟零伍拾元整", "3050", None, "CNY", None, None),
    ("capital", "计人民币壹拾万元", "壹拾万元", "100000", None, "CNY", None, None),
    ("capital", "合计捌佰陆拾元伍角", "捌佰陆拾元伍角", "860.5", None, "CNY", None, None),
    ("capital", "保证金叁拾万零伍佰元零伍分", "叁拾万零伍佰元零伍分", "300500.05", None, "CNY", None, None),
    ("capital", "退还壹角伍分", "壹角伍分", "0.15", None, "CNY", None, None),
    # money sub-units: 角, 分, 毛; colloquial 块钱
    ("sub-unit", "每张票50元6角3分", "50元6角3分", "50.63", None, "CNY", None, None),
    ("sub-unit", "每度电便宜3角", "3角", "0.3", None, "CNY", None, None),
    ("sub-unit", "一支笔涨了5毛", "5毛", "0.5", None, "CNY", None, None),
    ("sub-unit", "单价12元5角", "12元5角", "12.5", None, "CNY", None, None),
    ("sub-unit", "起步价只要8块钱", "8块钱", "8", None, "CNY", None, None),
    ("sub-unit", "每升上调2毛钱", "2毛钱", "0.2", None, "CNY", None, None),
    # per mille and per ten thousand are percent
    ("per mille", "印花税税率为千分之一", "千分之一", "0.1", None, "percent", None, None),
    ("per mille", "手续费按万分之五收取", "万分之五", "0.05", None, "percent", None, None),
    ("per mille", "出生率为6.77‰，", "6.77‰", "0.677", None, "percent", None, None),
    ("per mille", "佣金5‱", "5‱", "0.05", None, "percent", None, None),
    ("per mille", "费率千分之二点五", "千分之二点五", "0.25", None, "percent", None, None),
    # 成 with any digits
    ("cheng", "上座率恢复到3成", "3成", "30", None, "percent", None, None),
    ("cheng", "产能利用率为2.5成", "2.5成", "25", None, "percent", None, None),
    ("cheng", "仓位降至９成", "９成", "90", None, "percent", None, None),
    ("cheng", "市占率为七成六", "七成六", "76", None, "percent", None, None),
    ("cheng", "开工率八点五成", "八点五成", "85", None, "percent", None, None),
    ("cheng", "涨幅不过半成", "半成", "5", None, "percent", None, None),
    ("cheng", "出口占比三成半", "三成半", "35", None, "percent", None, None),
    # signs
    ("sign", "利润增速为负3.9%", "负3.9%", "-3.9", None, "percent", None, None),
    ("sign", "价格指数−2.1%", "−2.1%", "-2.1", None, "percent", None, None),
    ("sign", "出口同比负增长4.4%", "4.4%", "-4.4", None, "percent", None, None),
    ("sign", "就业人数为负3.2万人", "负3.2万人", "-32000", None, "count", None, "人"),
    # thousands separators, full-width included
    ("separator", "持有19，212，760股", "19，212，760股", "19212760", None, "count", None, "股"),
    ("separator", "增持1，567万股", "1，567万股", "15670000", None, "count", None, "股"),
    ("separator", "共１９，２１２，７６０股", "１９，２１２，７６０股", "19212760", None, "count", None, "股"),
    ("separator", "收入1,234,567.89元", "1,234,567.89元", "1234567.89", None, "CNY", None, None),
    # currency symbols and codes before the number
    ("symbol", "门票售价$20起", "$20", "20", None, "USD", None, None),
    ("symbol", "募资US$5亿，", "US$5亿", "500000000", None, "USD", None, None),
    ("symbol", "配售HK$3亿股份", "HK$3亿", "300000000", None, "HKD", None, None),
    ("symbol", "（￥300）", "￥300", "300", None, "CNY", None, None),
    ("symbol", "票价¥300", "¥300", "300", None, "CNY", None, None),
    ("symbol", "年费€50", "€50", "50", None, "EUR", None, None),
    ("symbol", "融资5亿美圆", "5亿美圆", "500000000", None, "USD", None, None),
    ("symbol", "注册资本RMB 300万", "RMB 300万", "3000000", None, "CNY", None, None),
    # money without 元 where the context makes it money
    ("money context", "该集团以20.6亿收购一家工厂", "20.6亿", "2060000000", None, "CNY", None, None),
    ("money context", "半年净亏5000万", "5000万", "50000000", None, "CNY", None, None),
    ("money context", "总价：3,235,824.00", "3,235,824.00", "3235824", None, "CNY", None, None),
    ("money context", "亏损26.26亿(港元，下同)", "26.26亿", "2626000000", None, "HKD", None, None),
    # counts followed by their noun
    ("count noun", "拟回购60万股股份", "60万股", "600000", None, "count", None, "股"),
    ("count noun", "解禁1.59亿股股票", "1.59亿股", "159000000", None, "count", None, "股"),
    ("count noun", "质押814万股股权", "814万股", "8140000", None, "count", None, "股"),
    ("count noun", "共12家股份制银行", "12家", "12", None, "count", None, "家"),
    # approximate pairs and vague amounts
    ("vague", "总投资七八亿元", "七八亿元", "700000000", "800000000", "CNY", "range", None),
    ("vague", "每年吸引十七八万人", "十七八万人", "170000", "180000", "count", "range", "人"),
    ("vague", "获得数十亿元融资", "数十亿元", "1000000000", None, "CNY", "over", None),
    ("vague", "年收入十几万元", "十几万元", "100000", None, "CNY", "over", None),
    ("vague", "开设几百家门店", "几百家", "100", None, "count", "over", "家"),
    ("vague", "回收率百分之百", "百分之百", "100", None, "percent", None, None),
    ("vague", "位于百分之七十百分位", "百分之七十", "70", None, "percent", None, None),
    # Taiwan and Hong Kong usage
    ("taiwan", "外汇存底达3兆元", "3兆元", "3000000000000", None, "CNY", None, None),
    ("taiwan", "操作1兆4500億元", "1兆4500億元", "1450000000000", None, "CNY", None, None),
    ("taiwan", "市值2.5萬億港元", "2.5萬億港元", "2500000000000", None, "HKD", None, None),
    ("taiwan", "交易量350億股", "350億股", "35000000000", None, "count", None, "股"),
    # compound Arabic amounts
    ("compound", "拨款1亿2000万元", "1亿2000万元", "120000000", None, "CNY", None, None),
    ("compound", "吞吐量2051万2331个", "2051万2331个", "20512331", None, "count", None, "个"),
    ("compound", "資本額1億2,000萬元", "1億2,000萬元", "120000000", None, "CNY", None, None),
    ("compound", "月薪12萬3千元", "12萬3千元", "123000", None, "CNY", None, None),
    ("compound", "吸引3万2千多人", "3万2千多人", "32000", None, "count", "over", "人"),
    # a scale word without a digit: one of that scale; a grade (级) is at least that much
    ("scale only", "现金分红总额连续4年突破万亿元", "突破万亿元", "1000000000000", None, "CNY", "over", None),
    ("scale only", "搁置的千亿美元直接投资", "千亿美元", "100000000000", None, "USD", None, None),
    ("scale only", "到期债务规模均超千亿元。", "超千亿元", "100000000000", None, "CNY", "over", None),
    ("scale only", "英伟达缩减千亿级资金支持", "千亿级", "100000000000", None, "CNY", "over", None),
    ("scale only", "近日完成千万元级人民币种子轮融资", "千万元级", "10000000", None, "CNY", "over", None),
    # areas, computing power, and counts of seats, flights, satellites, missiles and futures lots (real_text.toml
    # unit-land-area, unit-compute, counter-seats-flights-pieces); 不超 and 逼近 bound from above
    ("measured", "项目规划用地面积1500亩，", "1500亩", "1500", None, "other", None, "亩"),
    ("measured", "全国夏粮播种面积26532.4千公顷", "26532.4千公顷", "26532400", None, "other", None, "公顷"),
    ("measured", "天隆工厂建筑面积达10000㎡，", "10000㎡", "10000", None, "other", None, "㎡"),
    ("measured", "供应居住用地不少于15平方公里", "不少于15平方公里", "15", None, "other", "over", "平方公里"),
    ("measured", "峰值算力高达3740Petaflops", "3740Petaflops", "3740", None, "other", None, "Petaflops"),
    ("counts", "已将董事会席位从八席缩减", "八席", "8", None, "count", None, "席"),
    ("counts", "完成航班起降2.31万架次", "2.31万架次", "23100", None, "count", None, "架次"),
    ("counts", "民航预计执行客运航班总量13.9万班次", "13.9万班次", "139000", None, "count", None, "班次"),
    ("counts", "已累计发射2091颗卫星", "2091颗", "2091", None, "count", None, "颗"),
    ("counts", "防空部队拦截了304枚弹道导弹", "304枚", "304", None, "count", None, "枚"),
    ("counts", "生猪期货累计成交量616.69万手", "616.69万手", "6166900", None, "count", None, "手"),
    ("counts", "2021年中国智能手机市场销量约3.33亿部。", "约3.33亿部", "333000000", None, "count", "approx", "部"),
    ("counts", "境外资产中已有约4至5个项目在洽谈买家", "约4至5个", "4", "5", "count", "range", "个"),  # 个 before 项目
    ("counts", "海南自贸港今年首批142个项目集中开工", "142个", "142", None, "count", None, "个"),
    ("qualifier", "实控人拟减持不超3%公司股份", "不超3%", "3", None, "percent", "under", None),
    ("qualifier", "布伦特原油一度逼近83美元/桶", "逼近83美元/桶", "83", None, "USD", "under", None),
    ("qualifier", "奥园至少4个境外项目在谈出售", "至少4个", "4", None, "count", "over", "个"),
    ("qualifier", "台积电计划将芯片代工价格上调最高10%", "最高10%", "10", None, "percent", "under", None),
    # a qualifier before the unit counted per, or before 了 (real_text.toml [[distant_qualifier]] *-per-unit)
    ("qualifier", "乌拉尔原油价格在7月初已跌至约每桶40美元", "40美元", "40", None, "USD", "approx", None),
    ("qualifier", "韩国基准指数Kospi甚至突破了5000点大关", "5000点", "5000", None, "other", "over", "点"),
    ("qualifier", "布伦特原油价格接近每桶90美元", "90美元", "90", None, "USD", "under", None),
    ("quote", "日本12月份JIBUN BANK制造业PMI报54.3。", "54.3", "54.3", None, "other", None, None),  # market-quote-pmi
    # word figures (real_text.toml [[word_figure]]): a doubling is 2 times, half of a whole 50 percent
    ("word", "较去年9月末的价格翻倍。", "翻倍", "2", None, "times", None, None),
    ("word", "今年力争实现翻番", "翻番", "2", None, "times", None, None),
    ("word", "超过半数重点排放单位积极参与了市场交易", "超过半数", "50", None, "percent", "over", None),
    ("word", "停运数量已经过半", "过半", "50", None, "percent", "over", None),
    ("word", "约半数选择了伊朗管辖的航线", "约半数", "50", None, "percent", "approx", None),
    ("word", "全球近半数高净值人士表示", "近半数", "50", None, "percent", "under", None),
    ("word", "合计占调研企业总数的半数以上", "半数以上", "50", None, "percent", "over", None),
    # bare counts of people (real_text.toml [[bare_count]]): a head count named before, or 人口 right after
    ("bare count", "认购人数为442.4万，同样创下历史新高", "442.4万", "4424000", None, "count", None, "人"),
    ("bare count", "对于目前约700万失业人口而言", "约700万", "7000000", None, "count", "approx", "人"),
    ("bare count", "岛上约10.5万居民无法与外界取得联系", "约10.5万", "105000", None, "count", "approx", "人"),
    # 公吨 is a measured unit, not money in a trade clause (real_text.toml unit-metric-tonne)
    ("unit", "美国煤炭出口总量约1878万公吨。", "约1878万公吨", "18780000", None, "other", "approx", "公吨"),
    # a population named before its bare number (bare_count population-named-before)
    ("bare count", "第一季，加拿大总人口约为3699.2万。", "约为3699.2万", "36992000", None, "count", "approx", "人"),
    ("bare count", "而在海外市场，非洲无电人口仍有5.83亿。", "5.83亿", "583000000", None, "count", None, "人"),
    # s21-figs: freight, gas and energy units; trains and treatment courses; vague and scale-word multiples; users
    # and shareholder accounts named right before a bare number (real_text.toml, s21-figs section)
    ("unit", "某港全年集装箱吞吐量2282万标箱", "2282万标箱", "22820000", None, "other", None, "标箱"),
    ("unit", "天然气库存总量为3000亿立方英尺", "3000亿立方英尺", "300000000000", None, "other", None, "立方英尺"),
    ("unit", "当月新船订单量为307万修正总吨", "307万修正总吨", "3070000", None, "other", None, "修正总吨"),
    ("counts", "当日铁路开行旅客列车9000列", "9000列", "9000", None, "count", None, "列"),
    ("counts", "该药年底前将达到3000万疗程", "3000万疗程", "30000000", None, "count", None, "疗程"),
    ("word", "明年行业出货量将实现数倍增长", "数倍", "2", None, "times", "over", None),
    ("word", "几个月内估值翻了几倍", "几倍", "2", None, "times", "over", None),
    ("word", "出售量为上月的百倍", "百倍", "100", None, "times", None, None),
    ("word", "或可撬动千倍的增长", "千倍", "1000", None, "times", None, None),
    ("bare count", "该国游戏用户超1亿，以手游为主", "超1亿", "100000000", None, "count", "over", "人"),
    ("bare count", "某公司股东户数超20万。", "超20万", "200000", None, "count", "over", "户"),
    # round hundreds, thousands and ten thousands with a bound and a counter (word_figure round-*-count)
    ("word", "近百家公募集体发布公告", "近百家", "100", None, "count", "under", "家"),
    ("word", "该产业链将诞生上百家企业", "上百家", "100", None, "count", "over", "家"),
    ("word", "去年以来已有逾千家上市公司实施回购", "逾千家", "1000", None, "count", "over", "家"),
    ("word", "上万名卡车司机聚集", "上万名", "10000", None, "count", "over", "名"),
    # fractions written with a slash where a part of a whole is meant (numerals.toml [slash_fractions])
    ("fraction", "成本仅为同类产品的1/3。", "1/3", "33.3333333333", None, "percent", None, None),
    ("fraction", "超过2/3的受访者表示", "超过2/3", "66.6666666667", None, "percent", "over", None),
    ("fraction", "工业领域占整体营收的1/4，", "1/4", "25", None, "percent", None, None),
]

NOT_FIGURES = [
    "安泰科技(7.880,0.05,0.64%)",  # a stock quote tuple: page furniture
    "中信证券（20.15，-0.32，-1.56%）",
    "https://example.com/%E4%B8%AD%E6%96%87/280024%25",
    "见www.example.cn/a?q=%E6%94%BF%E7%AD%96&p=2",
    "他拾金不昧",  # a capital-numeral character as a word
    "陆家嘴论坛",
    "几家银行",
    "一成不变",
    "三成为主力",
    "百分之几",
    "1,234,567,890,123,456,789,000元",  # longer than any figure
    "12345678901234567890元",
    "标准号GB-2020",
    "已于12月30日圆满完成",  # a date before 圆满, not 30 yen
    "美元兑人民币6个月掉期点",  # a tenor after a currency word
    "百亿级私募人士透露",  # a grade that names a class of firms, not an amount
    "万亿级赛道",
    "千万不要",
    "小米12手机今日发布",  # 手 opening a word is no count of lots (counter-opens-a-word-hand)
    "全球TOP100手游发行商",
    "二手房成交放缓",
    "2026年已过半，本轮复苏的特征越发清晰",  # words that hold 过半 or 半数 but no share (word_figure rows)
    "经过半个多月的试运行",
    "不过半导体产业链持续活跃",
    "六位半数字万用表",
    "翻倍基批量消失",
    "按每10万居民计算",
    # e-notation and powers of ten are not read (s20-probe): before, the exponent alone was a figure (5元, 02亿元, -2%)
    "资金1.2E+5元",
    "资金3.0E+02亿元",
    "增长3e-2%",
    "产量达1.2e5吨",
    "规模达2.5×10^3亿元",
    "规模达2.5x10^8元",
    "每立方米含10^6个",
    "规模达2.5×10³亿元",
    # more than 12 decimals (numerals.toml max_decimals) or 18 digits: no figure rather than a rounded or cut one
    "M2余额增长0.0000000000001%",
    "余额1.234567890123456789万亿元",
    "需要切坏成百上千个材料",  # idioms, no counts (word_figure round-hundred-count)
    "像成千上万只鸟群一样",
    "百家号发布文章",
    "中国队在1/4决赛中获胜",  # a round of a cup, not a fraction ([slash_fractions] not_before)
    "2/10年期美债收益率利差",
    "一列火车驶过",  # 列 counts only after Arabic digits (counter-trains-and-courses-arabic-only)
    "权益变动触及整数倍",  # 整数倍 is a word, no multiple (word_figure vague-multiple)
    "商务部等8部门联合发布通知",  # 部 opening 部门 is no count (counter-bu-opens-a-word)  # the base of a rate, not a count (bare_count people-named-after, not_after 每)
]


@pytest.mark.parametrize("family, text, span, value, value_high, unit, qualifier, counter", CASES,
                         ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_number_form(family, text, span, value, value_high, unit, qualifier, counter):
    figures = analyze(text, published=PUBLISHED).figures
    assert len(figures) == 1, [(f.text, f.value) for f in figures]
    figure = figures[0]
    assert (figure.start, figure.end) == (text.index(span), text.index(span) + len(span))
    assert figure.text == text[figure.start:figure.end] == span
    assert figure.value == Decimal(value)
    assert figure.value_high == (Decimal(value_high) if value_high else None)
    assert (figure.unit, figure.qualifier, figure.counter) == (unit, qualifier, counter)


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text):
    assert analyze(text, published=PUBLISHED).figures == []


@pytest.mark.parametrize("row", rulebook.rows("real_text", "word_figure"), ids=lambda row: row["id"])
def test_word_figure_rows_find_their_example(row):
    """Every [[word_figure]] row finds its own example figure with the row's value and unit."""
    found = {f.text: f for f in analyze(row["example"], published=PUBLISHED).figures}
    figure = found[row["figure"]]
    assert (figure.value, figure.unit) == (Decimal(row["value"]), row["unit"])
    assert figure.qualifier == (row.get("qualifier") or figure.qualifier)


@pytest.mark.parametrize("row", rulebook.rows("real_text", "bare_count"), ids=lambda row: row["id"])
def test_bare_count_rows_find_their_example(row):
    """Every [[bare_count]] row finds its own example figure as a count with the row's counter."""
    found = {f.text: f for f in analyze(row["example"], published=PUBLISHED).figures}
    assert (found[row["figure"]].unit, found[row["figure"]].counter) == ("count", row["counter"])


@pytest.mark.parametrize("text, currency, value", [("会费£5", "GBP", "5"), ("营收NT$3億", "TWD", "300000000"),
                                                   ("售价S$12", "SGD", "12"), ("估值A$2亿", "AUD", "200000000")])
def test_other_currency_symbol_keeps_its_code(text, currency, value):
    [figure] = analyze(text).figures
    assert (figure.unit, figure.extra["currency"], figure.value) == ("other", currency, Decimal(value))


def test_capital_amount_and_its_arabic_twin_agree():
    text = "合同总价为人民币贰亿贰仟陆佰贰拾陆万叁仟捌佰陆拾伍元整（￥226,263,865.00）"
    capital, arabic = analyze(text).figures
    assert capital.value == arabic.value == Decimal(226263865) and capital.unit == arabic.unit == "CNY"


def test_declared_currency_carries_to_later_amounts():
    figures = analyze("期内亏损26.26亿(港元，下同)，上年同期盈利3.5亿。").figures
    assert [(f.text, f.unit) for f in figures] == [("26.26亿", "HKD"), ("3.5亿", "HKD")]


@pytest.mark.parametrize("text", ["出口负增长3.9%", "出口同比负增长，下降3.9%", "增速为-3.9%", "同比下降−3.9%",
                                  "同比减少负3.9%", "利润负增长−3.9%", "同比增长负3.9%"])
def test_signs_are_consistent(text):
    """负, a minus sign and a word of decline never cancel each other out."""
    [figure] = analyze(text, published=PUBLISHED).figures
    assert figure.value == Decimal("-3.9")


@pytest.mark.parametrize("text, expected", [
    ("预计同比增长0% - 20%", [("0% - 20%", "0", "20")]),
    ("净利润为-1800万元到-1500万元", [("-1800万元到-1500万元", "-18000000", "-15000000")]),
    ("差额为10220亿美元 - 2308亿美元 = 7912亿美元", [("10220亿美元", "1022000000000", None),
                                                 ("2308亿美元", "230800000000", None),
                                                 ("7912亿美元", "791200000000", None)]),
    ("误差范围为正负4.9个百分点", [("4.9个百分点", "4.9", None)]),
])
def test_ranges_signs_and_subtractions(text, expected):
    figures = analyze(text, published=PUBLISHED).figures
    assert [(f.text, str(f.value), f.value_high and str(f.value_high)) for f in figures] == expected


@pytest.mark.parametrize("text, measure", [("合同价款贰亿贰仟陆佰万元整", "level"), ("交易对价为12亿元", "flow"),
                                           ("总价：3,235,824.00", "level"), ("发行价格为28.11元", "rate")])
def test_amounts_named_with_price_words(text, measure):
    """总价, 对价, 价款 name amounts, never a price (a rate); a deal's 对价 is money paid in it, a flow (real-gold/dev
    rss-601: 总对价约28.1亿港元); 价格 is a price (a rate)."""
    [figure] = analyze(text, published=PUBLISHED).figures
    assert figure.measure == measure


# -- generated round trips -------------------------------------------------------------------------------
LOWER = "零一二三四五六七八九"
CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def write_numerals(n: int, digits: str, units: tuple[str, str, str]) -> str:
    """n in Chinese numerals, written independently of the parser: 12300 → 一万二千三百."""
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        rest = (("零" if low < 10**7 else "") + write_numerals(low, digits, units)) if low else ""
        return write_numerals(high, digits, units) + "亿" + rest
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        rest = (("零" if low < 1000 else "") + write_numerals(low, digits, units)) if low else ""
        return write_numerals(high, digits, units) + "万" + rest
    out, zero = "", False
    for place, name in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d, n = divmod(n, place)
        if d:
            out += ("零" if zero and out else "") + digits[d] + name
            zero = False
        elif out:
            zero = True
    return out or digits[0]


SCALES = [("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7), ("百万", 10**6)]


@settings(max_examples=120, deadline=None)
@given(st.decimals(min_value="0.01", max_value="99999.99", places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(SCALES))
def test_arabic_with_scale_parses_back(number, scale):
    word, factor = scale
    written = format(number, "f")
    assert parse_number(written + word) == number * factor
    [figure] = analyze(f"合计{written}{word}元。").figures
    assert figure.value == number * factor and figure.unit == "CNY"


@settings(max_examples=120, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999_999), st.integers(min_value=0, max_value=99))
def test_lowercase_numerals_parse_back(whole, hundredths):
    written = write_numerals(whole, LOWER, ("十", "百", "千"))
    fraction = f"{hundredths:02d}".rstrip("0")
    if fraction:
        written += "点" + "".join(LOWER[int(d)] for d in fraction)
    value = Decimal(whole) + Decimal(hundredths) / 100
    assert parse_number(written) == value
    [figure] = analyze(f"共计{written}元。").figures
    assert figure.value == value


@settings(max_examples=120, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999_999), st.integers(min_value=0, max_value=9),
       st.integers(min_value=0, max_value=9))
def test_capital_numerals_with_jiao_fen_parse_back(yuan, jiao, fen):
    written = write_numerals(yuan, CAPITAL, ("拾", "佰", "仟")) + "元"
    written += (CAPITAL[jiao] + "角" if jiao else "") + (CAPITAL[fen] + "分" if fen else "")
    written += "" if jiao or fen else "整"
    [figure] = analyze(f"金额为人民币{written}。").figures
    assert figure.text == written
    assert figure.value == Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100


RANGE_STYLES = ["arabic, both scaled", "arabic, scale shared", "lowercase, scale shared", "lowercase, both scaled",
                "capital, both scaled", "dash"]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=9998), st.integers(min_value=1, max_value=9999),
       st.sampled_from(RANGE_STYLES), st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
       st.sampled_from(["至", "到", "-", "--", "—", "——", "~", "～"]))
def test_generated_ranges_parse_to_both_ends(low, span, style, scale, sep):
    high = min(low + span, 9999)
    if style == "lowercase, scale shared":  # 三至五万, 三十至五十万: ends of one magnitude (三至五十万 is ambiguous)
        high = min(high, 10 ** len(str(low)) - 1)
        low = min(low, high - 1) if high > 1 else low
        if low >= high:
            return
    word, factor = scale
    lower = (lambda n: write_numerals(n, LOWER, ("十", "百", "千")))
    capital = (lambda n: write_numerals(n, CAPITAL, ("拾", "佰", "仟")))
    written = {
        "arabic, both scaled": f"{low}{word}元{sep}{high}{word}元",
        "arabic, scale shared": f"{low}{sep}{high}{word}元",
        "lowercase, scale shared": f"{lower(low)}{sep}{lower(high)}{word}元",
        "lowercase, both scaled": f"{lower(low)}{word}元{sep}{lower(high)}{word}元",
        "capital, both scaled": f"{capital(low)}{word}元{sep}{capital(high)}{word}元",
        "dash": f"{low}{word}{sep}{high}{word}元",
    }[style]
    [figure] = analyze(f"规模为{written}。").figures
    assert figure.text == written
    assert (figure.value, figure.value_high, figure.qualifier) == (low * factor, high * factor, "range")


ALPHABET = list("0123456789.,，%‰‱-—～至到万亿兆萬億元圆块钱角毛分整美港$￥¥€£USHKRMB个股家户成半负正几数百千十之点"
                "一二两三四五六七八九零〇壹贰叁肆伍陆柒捌玖拾佰仟（）()含下同http://%E4B8 \n。、；")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60))
def test_no_text_raises(text):
    for figure in analyze(text, published=PUBLISHED).figures:
        assert text[figure.start:figure.end] == figure.text
        assert figure.value.is_finite()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,， 点零〇一二两三四五六七八九十百千万亿兆萬億壹贰叁肆伍陆柒捌玖拾佰仟几数")),
               max_size=80))
def test_parse_number_returns_a_value_or_says_why(text):
    """The number grammar on any string of its own characters: an exact finite Decimal, or ValueError."""
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert isinstance(value, Decimal) and value.is_finite()


# -- bounded work on hostile input (issue 12, item 4) ---------------------------------------------------
HOSTILE_RUNS = ["1", "三", "壹", "1,234", "十几", "七八", "1亿", "%E4", "-", "1.", "百分之", "0，"]


@pytest.fixture(scope="module")
def extractor():
    return FigureExtractor()


@pytest.mark.parametrize("unit", HOSTILE_RUNS)
def test_long_runs_are_no_figure_and_cost_the_same_parsing(unit, extractor, monkeypatch):
    """A 16,000-character run of digits or numerals is debris: no figure, no exception; and the parser is
    called no more often for it than for a run of 1,000 (the patterns never start inside a run)."""
    calls = []
    real = figures_module.parse_number
    monkeypatch.setattr(figures_module, "parse_number", lambda text: calls.append(text) or real(text))
    counts = []
    for length in (1000, 16000):
        calls.clear()
        run = unit * (length // len(unit))
        assert all(c.end - c.start <= 40 for c in extractor.find_candidates(run + "亿元"))
        counts.append(len(calls))
        assert max(map(len, calls), default=0) <= 40
    assert counts[1] <= counts[0]


@pytest.mark.parametrize("text", ["1" * 16000 + "元", "三" * 16000 + "亿元", "壹" * 16000 + "元整"])
def test_whole_pipeline_on_a_long_run(text):
    assert analyze(text).figures == []


@pytest.mark.parametrize("digits, is_figure", [(18, True), (19, False), (200, False)])
def test_cap_on_the_length_of_one_number(digits, is_figure):
    figures = analyze("合计" + "9" * digits + "元").figures
    assert bool(figures) is is_figure


# -- page debris on the outside data ----------------------------------------------------------------------
URL = re.compile(r"https?://[!-~]+|www\.[!-~]+|[!-~]*(?:%[0-9A-Fa-f]{2}){2}[!-~]*")
QUOTE_TUPLE = re.compile(r"[（(]\s?[-+]?[\d.]+\s?[,，]\s?[-+]?[\d.]+\s?[,，]\s?[-+]?[\d.]+%\s?[）)]")


def debris_texts():
    for path in sorted(SHARED_DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            if "http" in text or "www." in text or re.search(r"%[0-9A-Fa-f]{2}", text) or QUOTE_TUPLE.search(text):
                yield text


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")
def test_no_figures_inside_urls_or_quote_tuples(extractor):
    scanned, inside = 0, []
    for text in debris_texts():
        scanned += 1
        debris = [m.span() for pattern in (URL, QUOTE_TUPLE) for m in pattern.finditer(text)]
        for candidate in extractor.find_candidates(normalize(text)):
            if any(candidate.start < end and start < candidate.end for start, end in debris):
                inside.append(text[candidate.start:candidate.end])
    assert scanned > 0
    assert inside == []


@pytest.mark.parametrize("text, spans", [
    # the one unit before 兑 and a number is the quote's base (real_text.toml quote-base-unit-amount)
    ("丰田据此将全年汇率假设从1美元兑150日元调整至160日元。", ["150日元", "160日元"]),
    ("截至纽约汇市尾市，1欧元兑换1.1415美元，低于前一交易日。", ["1.1415美元"]),
    # an amount other than one before the joint stays a figure
    ("日元对美元汇率跌破162日元兑换1美元关口。", ["跌破162日元", "1美元"]),
])
def test_quote_base_before_a_numbered_currency(text, spans):
    assert [f.text for f in analyze(text, published=PUBLISHED).figures] == spans


@pytest.mark.parametrize("text, value", [
    # 18 digits and 11 decimals times 1e12: 30 significant digits, past Decimal's default 28 (s20-probe: the last
    # two were rounded away in silence, 123456789012345678123456789000)
    ("余额123456789012345678.12345678901万亿元", "123456789012345678123456789010"),
    ("余额999999999999999999.999999999999万亿元", "999999999999999999999999999999"),
    ("增长1234567890123456.123456789012%", "1234567890123456.123456789012"),
])
def test_the_longest_numbers_are_read_exactly(text, value):
    figures = analyze(text, published=PUBLISHED).figures
    assert [str(f.value) for f in figures] == [value]
