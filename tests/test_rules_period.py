"""Time-expression and period rules (analyzer/rules/period.toml): every row's example, run as a test."""
import re

import pytest

import analyzer
from analyzer import rulebook
from analyzer.extract import periods

TABLES = ["kind", "refine", "nearest", "override", "stock_point", "relative_year", "words"]
ROWS = [(table, row) for table in TABLES for row in rulebook.rows("period", table)]
EXPECTING = [(table, row) for table, row in ROWS if "expect" in row]
WORD_LISTS = [(table, row) for table, row in ROWS if "expect" not in row]


def _id(case):
    table, row = case
    return f"{table}:{row['id']}"


def test_every_row_has_an_id_and_an_example():
    assert set(rulebook.load("period")) == set(TABLES)
    for _, row in ROWS:
        assert row.get("id") and row.get("example"), row


def test_every_kind_and_step_has_its_function():
    for row in rulebook.rows("period", "kind"):
        assert row["resolver"] in periods.RESOLVERS, row["id"]
    for table, steps in (("nearest", periods.NEAREST_STEPS), ("override", periods.OVERRIDE_STEPS)):
        for row in rulebook.rows("period", table):
            assert row["step"] in steps, row["id"]


@pytest.mark.parametrize("case", EXPECTING, ids=[_id(case) for case in EXPECTING])
def test_example_gives_the_expected_period(case):
    table, row = case
    record = analyzer.analyze(row["example"], published=row.get("published", "2025-06-30"))
    found = {figure.text: figure for figure in record.figures}
    assert row["figure"] in found, list(found)
    figure = found[row["figure"]]
    period = (figure.period.start, figure.period.end) if figure.period else None
    expect = None if row["expect"] == "none" else (row["expect"]["start"], row["expect"]["end"])
    assert period == expect
    if table in ("nearest", "override"):  # the explanation names the row that decided
        assert figure.explain["period"]["rule"].split("/")[0] == row["id"]


@pytest.mark.parametrize("case", WORD_LISTS, ids=[_id(case) for case in WORD_LISTS])
def test_word_list_example_holds_one_of_its_words(case):
    _, row = case
    words = row.get("words", [])
    assert any(word in row["example"] for word in words) or \
        (row.get("pattern") and re.search(row["pattern"], row["example"])), row["id"]


def test_a_kind_example_is_found_as_that_kind():
    for row in rulebook.rows("period", "kind"):
        published = row["published"]
        kinds = [span.kind for span in periods.PeriodResolver(published).find(row["example"])]
        assert row["kind"] in kinds, (row["id"], kinds)


# ---- fresh-audit rows of s17 (seed 20261222): each case a sentence in, the period out (None: no period) ----------
S17_CASES = [
    # first-quarter-short: only after a year; a bare 首季 is some product's first quarter
    ("鸿海今年首季税后纯益达499.19亿元新台币，季增10%。", "2026-07-20", "10%", ("2026-01-01", "2026-03-31")),
    ("联电表示，2022年首季按美元计平均售价将季增5%。", None, "5%", ("2022-01-01", "2022-03-31")),
    ("周大福新推出的系列，首季零售值超过8.7亿港元。", "2026-07-24", "超过8.7亿港元", None),
    # same-period-written-year: the year before the period chosen, and the figure after it keeps the period
    ("2024年3月1日，番茄小说首秀新书达5606部，2023年同期为400部，同比飙升13倍。", "2025-10-10", "400部",
     ("2023-03-01", "2023-03-01")),
    ("2024年3月1日，番茄小说首秀新书达5606部，2023年同期为400部，同比飙升13倍。", "2025-10-10", "13倍",
     ("2024-03-01", "2024-03-01")),
    # previous-reading: the month or quarter before; a 前值 after its own month keeps it
    ("一季度GDP同比增长5.2%，前值为5.4%。", "2026-04-20", "5.4%", ("2025-10-01", "2025-12-31")),
    ("1月CPI同比0.5%，前值0.1%。", "2026-02-10", "0.1%", ("2025-12-01", "2025-12-31")),
    ("美国6月非农就业人数增加5.7万人，前值为增加17.2万人。", "2026-07-02", "17.2万人", ("2026-05-01", "2026-05-31")),
    ("9月财新制造业PMI为51.2%，8月前值为50.5%。", "2025-10-02", "50.5%", ("2025-08-01", "2025-08-31")),
    # inflation-target: only in a sentence about inflation or a central bank
    ("新西兰第三季度CPI同比上涨4.9%，远高于联储1.0%-3.0%的目标区间。", "2021-10-20", "1.0%-3.0%", None),
    ("新西兰第三季度CPI同比上涨4.9%，远高于联储1.0%-3.0%的目标区间。", "2021-10-20", "4.9%",
     ("2021-07-01", "2021-09-30")),
    ("台积电已向供应链宣示2030年前节能20%的目标。", "2022-01-20", "20%", ("2030-01-01", "2030-12-31")),
    # flow-by-deadline: flows and changes only; a level reached and a rate per time keep the deadline's day
    ("预计到2027年底通过该计划裁减8000名员工。", "2026-08-03", "8000名", ("2026-08-03", "2027-12-31")),
    ("会上提出，在年底前将白名单项目信贷规模增加到4万亿元。", "2024-10-18", "4万亿元", ("2024-12-31", "2024-12-31")),
    ("制造商预计到2025年底每月可量产15000至20000片晶圆。", "2025-11-03", "15000至20000片", ("2025-12-31", "2025-12-31")),
    ("公司计划在2027年底前削减约8000个工作岗位。", None, "约8000个", ("2027-12-31", "2027-12-31")),
    ("该方案计划在2027年底前削减约8000个工作岗位，约占全球员工总数的5.3%。", "2026-08-01", "5.3%",
     ("2026-08-01", "2027-12-31")),
    # consensus written with its move takes the reading's period
    ("美国7月非农就业人数意外减少2.3万，远低于市场预期的增加8万。", "2026-08-08", "8万", ("2026-07-01", "2026-07-31")),
    # previous-of-named-month: 由上月 after a named month is the month before it; the new value keeps the named month
    ("2026年3月份，全国工业生产者出厂价格同比由上月下降0.9%转为上涨0.5%。", "2026-04-10", "0.9%",
     ("2026-02-01", "2026-02-28")),
    ("2026年3月份，全国工业生产者出厂价格同比由上月下降0.9%转为上涨0.5%。", "2026-04-10", "0.5%",
     ("2026-03-01", "2026-03-31")),
    ("2月份，一线城市房价环比由上月下降转为持平，二、三线城市环比降幅均收窄0.1个百分点。", "2026-03-17", "0.1个百分点",
     ("2026-02-01", "2026-02-28")),
    ("价格由上月下降0.9%转为上涨0.5%。", "2026-04-10", "0.9%", ("2026-03-01", "2026-03-31")),
    # breakdown-of-statistic: a 其中 sentence takes the span of its paragraph; a market wrap's day stays
    ("2月份，一线城市房价环比由上月下降0.3%转为持平。其中，北京和上海均上涨0.2%。", "2026-03-16", "0.2%",
     ("2026-02-01", "2026-02-28")),
    ("沪指收涨0.5%。其中，半导体板块涨超3%。", "2026-03-16", "超3%", ("2026-03-16", "2026-03-16")),
    ("6月22日-29日，通信主题ETF净流入160.79亿元。其中，通信ETF国泰净流入103.3亿元。", "2026-07-01", "103.3亿元",
     ("2026-06-22", "2026-06-29")),
    # _ytd_to_point: 去年以来 run to the day 截至 named before it starts the year before that day's
    ("截至2022年1月19日，去年以来已有逾千家上市公司实施回购，总金额超过1200亿元。", None, "超过1200亿元",
     ("2021-01-01", "2022-01-19")),
    ("截至2月8日，今年以来已有37家上市公司发布定增计划。", "2022-02-09", "37家", ("2022-01-01", "2022-02-08")),
    # months-together: months named for one sum span first to last, for their own sentence only
    ("美国7月非农就业人数意外减少2.3万人，同时5月和6月就业数据累计被下修10.3万人。美国失业率降至4.1%。", "2026-08-08",
     "10.3万人", ("2026-05-01", "2026-06-30")),
    ("美国7月非农就业人数意外减少2.3万人，同时5月和6月就业数据累计被下修10.3万人。美国失业率降至4.1%。", "2026-08-08",
     "4.1%", ("2026-07-01", "2026-07-31")),
    # accounts_base_time: the accounts' year is not inherited by the sentences after it
    ("公司近期（主要为2026年4月至6月）签订了若干项重大合同，合计金额约516.4亿元。上述合同总金额约占公司2025年营业收入的"
     "18.9%。其中动车组新造销售合同约126.5亿元。", "2026-07-01", "约126.5亿元", ("2026-04-01", "2026-06-30")),
    ("2025年，公司实现营业收入2730.63亿元。其中动车组销售收入约126.5亿元。", "2026-07-01", "约126.5亿元",
     ("2025-01-01", "2025-12-31")),
]


@pytest.mark.parametrize("text, published, figure, expect", S17_CASES, ids=[case[2] for case in S17_CASES])
def test_s17_audit_rows(text, published, figure, expect):
    record = analyzer.analyze(text, published=published)
    found = {item.text: item for item in record.figures}
    assert figure in found, list(found)
    period = found[figure].period
    assert (None if period is None else (period.start, period.end)) == expect, found[figure].explain["period"]


S18_CASES = [
    # fiscal-year-undefined: a fiscal year or quarter whose months the text does not give is no calendar span
    ("3月18日，美光科技2026财年第二季度财报显示，公司营收同比增长将近两倍至约239亿美元。", "2026-03-19", "约239亿美元", None),
    ("2026年，联邦快递2026财年全年营收947亿美元。", "2026-06-25", "947亿美元", None),
    ("星巴克1月26日提交的文件显示，公司CEO 2025财年总薪酬为3100万美元。", "2026-01-28", "3100万美元", None),
    # …but the text's own definition of it, a market day and a base of comparison keep their period
    ("周大福发布截至2026年6月30日止三个月、即2027财年第一季度经营数据，零售值同比增长15.1%。", "2026-07-24", "15.1%",
     ("2026-04-01", "2026-06-30")),
    ("日本政府养老金投资基金2021年四季度资产（第三财季）增长2.81%。", "2022-02-05", "2.81%", ("2021-10-01", "2021-12-31")),
    ("大型科技股多数上涨，甲骨文涨超9%，公司上调下财年业绩指引，特斯拉、英特尔涨超2%。", "2026-03-12", "超2%",
     ("2026-03-12", "2026-03-12")),
    ("预计半导体设备的销售额2022年将比上财年增长5.8%，达到3.55万亿日元。", "2022-01-05", "3.55万亿日元",
     ("2022-01-01", "2022-12-31")),
    ("预计2021财年将比上财年增长40.8%，增至3.3567万亿日元。", "2021-12-20", "3.3567万亿日元", None),
    # respectively: times listed before 分别 pair with the figures after it in order
    ("5月和6月，公司分别销售1万辆和2万辆。", "2025-07-10", "2万辆", ("2025-06-01", "2025-06-30")),
    ("云豹智能2023年、2024年、2025年营收分别为17万、3635万、3.7亿元。", "2026-07-12", "3635万", ("2024-01-01", "2024-12-31")),
    ("云豹智能2023年、2024年、2025年营收分别为17万、3635万、3.7亿元。", "2026-07-12", "3.7亿元", ("2025-01-01", "2025-12-31")),
    ("与2020年、2021年同期相比分别增长338%和12.04%。", "2022-02-10", "338%", None),  # bases: no year taken
    # digest_item: a digest's item takes no time from the item before it (rss-1351)
    ("　　 国投电力 ：总投资333.94亿元，预计2035年首台机组投产。 　　 三花智控 ：公司拟回购，回购总金额不低于2亿元。",
     "2026-07-21", "不低于2亿元", None),
    ("　　 国投电力 ：2035年首台机组投产，总投资333.94亿元。", "2026-07-21", "333.94亿元", ("2035-01-01", "2035-12-31")),
    ("　　2026年第三季度营收：414.6亿美元，同比增长346%。 　　净利润：282.4亿美元。", "2026-06-25", "282.4亿美元",
     ("2026-07-01", "2026-09-30")),  # a key and its value is no item
]


@pytest.mark.parametrize("text, published, figure, expect", S18_CASES, ids=[case[2] for case in S18_CASES])
def test_s18_rows(text, published, figure, expect):
    test_s17_audit_rows(text, published, figure, expect)


S19_CASES = [
    # prospect-not-inherited: a possibility or a proposal under talks inherits no period
    ("三星电子一度大涨逾10%，此前有报道称三星可能宣布高达90万亿韩元的股份回购计划。", "2026-06-24", "90万亿韩元", None),
    ("英伟达股价上涨2%。英伟达正在洽谈提供约2500亿美元的担保。", "2026-07-27", "约2500亿美元", None),
    ("三星电子一度大涨逾10%。", "2026-06-24", "逾10%", ("2026-06-24", "2026-06-24")),  # the move keeps its day
    # …a time of its own sentence still dates it (corpus/dev: 年内…可能择机再下调)
    ("年内视市场流动性情况，可能择机再下调0.25至0.5个百分点。", "2024-09-24", "0.25至0.5个百分点",
     ("2024-09-24", "2024-12-31")),
    # undated-target-year: 到2025年 in an undated item is a target's year with no start: none
    ("意见提出，到2025年，研发投入强度达到3%左右。", None, "3%左右", None),
    ("意见提出，到2025年，研发投入强度达到3%左右。", "2022-01-10", "3%左右", ("2025-12-31", "2025-12-31")),
    ("截至2021年年底，墨西哥的年化通胀率达7.36%。", None, "7.36%", ("2021-12-31", "2021-12-31")),
    # other-needs-time-in-sentence keeps a now word's date (目前) for counts
    ("她说，对于目前约700万失业人口而言，这是一个艰难的时期。", "2026-07-02", "约700万", ("2026-07-02", "2026-07-02")),
    ("今天在这里宣布两项政策举措。", "2024-01-24", "两项", ("2024-01-24", "2024-01-24")),
    # month-in-plan: a forecast word right after a bare month makes it the nearest such month (mostly ahead)
    ("欧央行9月或再加息25个基点。", "2026-07-06", "25个基点", ("2026-09-01", "2026-09-30")),
    ("当地库存到11月将降至约2.99亿桶。", "2026-07-21", "约2.99亿桶", ("2026-11-30", "2026-11-30")),
    ("欧央行9月上调利率25个基点。", "2026-07-06", "25个基点", ("2025-09-01", "2025-09-30")),  # no plan word
    # current-attribute: a now word that only qualifies a noun before 的 does not date the figure
    ("英伟达转而调整为当前轮次的300亿美元投资。", "2026-07-27", "300亿美元", None),
    ("这一预测需求是当前全球高带宽存储器产能的两倍多。", "2025-10-02", "两倍多", None),
    ("五家公司目前已占整个美元投资级债券指数的4%。", "2026-07-14", "4%", ("2026-07-14", "2026-07-14")),
    ("目前其远期市盈率仅为18倍。", "2026-07-14", "18倍", ("2026-07-14", "2026-07-14")),
    # statement-day: a sentence that goes on with a statement takes the day given to that statement
    ("6月12日，赛力斯董事长在论坛上说，成本压力很大。他说，碳酸锂价格涨到18万元/吨。", "2026-07-12", "18万元/吨",
     ("2026-06-12", "2026-06-12")),
    ("保时捷首席执行官周三表示，公司正在削减管理岗位。他透露，公司已将董事会席位从八席缩减至七席。", "2026-08-03", "七席",
     ("2026-07-29", "2026-07-29")),
    ("6月12日，赛力斯董事长出席论坛。碳酸锂价格涨到18万元/吨。", "2026-07-12", "18万元/吨",
     ("2026-07-12", "2026-07-12")),  # no statement goes on: the market day stays
    # share-of-flow-to-date: a share of a flow up to a point is of the flow's range from that year's start
    ("截止2021年三季度末，预制菜业务的营业收入占公司整体的24.53%。", None, "24.53%", ("2021-01-01", "2021-09-30")),
    ("截至2025年年末，谐波减速机业务仅占营业收入的8.44%。", "2026-07-03", "8.44%", ("2025-01-01", "2025-12-31")),
    ("公司计划在2026年底前把库存水平控制在销售额的20%以内。", "2026-03-01", "20%以内", ("2026-12-31", "2026-12-31")),
    ("截至2025年年末，绿色贷款余额占各项贷款的15%。", "2026-02-01", "15%", ("2025-12-31", "2025-12-31")),  # a stock
    # history-not-inherited: an average of past episodes is no reading of the story's day
    ("从历史上牛市中99次跌破20日均线的经验来看：跌破20日均线后，平均调整幅度为2.9%。", "2025-10-13", "2.9%", None),
    ("2021年，分布式光伏新增约2900万千瓦，约占全部新增装机的55%，历史上首次突破50%。", "2022-01-20", "突破50%",
     ("2021-01-01", "2021-12-31")),
    # undated-relative-time: a relative time in an undated item leaves its figure without a period
    ("2021年，两国贸易额达到1468.7亿美元。去年机电产品贸易额434亿美元，增长40.7%。", None, "434亿美元", None),
    ("2021年12月实现销售收入13.51亿元，较上月环比增长3.88%。", None, "3.88%", ("2021-12-01", "2021-12-31")),  # a base
    ("2021年，两国贸易额达到1468.7亿美元。去年机电产品贸易额434亿美元。", "2022-01-20", "434亿美元",
     ("2021-01-01", "2021-12-31")),
    # subheading-own-time: a subheading inside the text takes only the time it states
    ("甲骨文股价周一下跌。\n跌势之深：56%的距离与一场暴跌\n此轮下跌的烈度罕见。", "2026-07-07", "56%", None),
    ("油价周二上涨。\n石油流量已跌回正常水平七成\n高盛估算流量已回落。", "2026-07-09", "七成", None),
    ("欧央行声明。\n欧央行路径分化：9月再加25基点\n通胀偏软。", "2026-10-06", "25基点", ("2026-09-01", "2026-09-30")),
    ("2020年金融统计数据报告\n一、广义货币增长10.1%，狭义货币增长8.6%\n年末余额。", "2021-01-12", "10.1%",
     ("2020-12-31", "2020-12-31")),
    ("周一东京市场开盘后，日经225指数大涨超过4%。\n日元兑美元汇率大幅走弱1.5%。", "2025-10-06", "1.5%",
     ("2025-10-06", "2025-10-06")),  # a line that ends a sentence is text
]


@pytest.mark.parametrize("text, published, figure, expect", S19_CASES, ids=[case[2] for case in S19_CASES])
def test_s19_rows(text, published, figure, expect):
    test_s17_audit_rows(text, published, figure, expect)


S21_CASES = [
    # document-number: the year of 第N号 gives no period, but an undated item's year-less dates its year
    ("某县指挥部发布2022年第5号通告：1月8日，该县对7个封控区实施了检测。", None, "7个",
     ("2022-01-08", "2022-01-08")),
    ("根据某部门公告2025年第12号，进口数量达到规定数量的100%后加征关税。", "2026-08-06", "100%", None),
    ("某公司公布2022年限制性股票激励计划(草案)，拟授予的限制性股票数量为4000万股。", None, "4000万股", None),
    # meeting-named-not-inherited: odds of a meeting named by its month take no day of the paragraph
    ("美联储官员周三发表讲话。据利率期货，美联储1月降息25个基点的概率仅为3%。", "2026-01-29", "3%", None),
    # announced-plan: a plan's terms are no reading of the day it was announced
    ("某公司(300000)8月6日公告，公司董事长计划以集中竞价方式减持不超过250万股。", "2026-08-06", "不超过250万股", None),
    ("某公司8月6日公告，公司员工持股计划已完成股票购买，购买数量1000万股。", "2026-08-06", "1000万股",
     ("2026-08-06", "2026-08-06")),  # the noun 计划 opens no plan
    ("某公司公告，拟自2022年3月1日起将会员卡数量上限调整为6张。", None, "6张", ("2022-03-01", "2022-03-01")),
]


@pytest.mark.parametrize("text, published, figure, expect", S21_CASES, ids=[case[2] for case in S21_CASES])
def test_s21_rows(text, published, figure, expect):
    test_s17_audit_rows(text, published, figure, expect)


def test_s21_quarter_something_will_happen_in():
    # quarter-in-forecast: 将在一季度 in a January story is the quarter ahead, not last year's
    test_s17_audit_rows("某餐饮集团将在一季度关闭100家门店。", "2026-01-26", "100家", ("2026-01-01", "2026-03-31"))


def test_s21_long_run_inflation_target():
    # inflation-target: 2%的长期目标 is a standing target, not the half-year its sentence speaks of
    test_s17_audit_rows("会议纪要显示，上半年经济增长放缓，通胀仍高于美联储2%的长期目标。", "2025-10-10", "2%", None)
