"""Metric names that are wrong on their face (s26-metricdebris, benchmarks/metric_defects.py): each kind's
clean-up on sentences written for these tests (not archive text)."""
import pytest

from analyzer.extract.metrics import long_enough, paired_marks
from analyzer.pipeline import analyze
from analyzer.rulebook import load


def _metric(text, span):
    return next(f.metric for f in analyze(text, published="2026-07-17").figures if f.text == span)


@pytest.mark.parametrize("table", ["metric_marks", "metric_length"])
def test_rows_have_an_id_an_example_and_a_reason(table):
    for row in load("real_text")[table]:
        assert row["id"] and row["example"] and row["why"], row


# text, span, metric
MARKS = [
    ("据猫眼预测，《星河远航》票房有望突破30亿元。", "突破30亿元", "《星河远航》票房"),  # started inside a title
    ("上半年，“三新”经济增加值同比增长7.1%。", "7.1%", "“三新”经济增加值"),  # started inside a quote
    ("大股东累计减持“蓝海转债”200万张。", "200万张", "蓝海转债"),  # runs into a quote
    ("我们计划把产品的“国产化率”提高到 90%。", "90%", "国产化率"),
]


@pytest.mark.parametrize("text,span,metric", MARKS, ids=[m[2] for m in MARKS])
def test_marks_in_pairs(text, span, metric):
    assert _metric(text, span) == metric


def test_a_name_started_inside_an_aside_starts_after_it():
    text = "远山创业投资合伙企业（有限合伙）拟通过大宗交易方式减持股份不超过80万股。"
    start = text.index("80万股")
    assert paired_marks("合伙）拟通过大宗交易方式减持股份", text, 0, start) == "拟通过大宗交易方式减持股份"
    assert paired_marks("广义货币（M2）余额", text, 0, start) == "广义货币（M2）余额"  # balanced: kept


def test_a_quote_in_another_clause_is_not_taken():
    text = "“星河”系列上映，远航》票房有望突破30亿元。"  # the opening mark stands before a comma
    assert paired_marks("远航》票房", text, 0, text.index("突破")) == "票房"


def test_a_one_character_metric_is_no_name():
    assert _metric("两个专业分别以7814元和7752元位列前两名。", "7814元") is None
    assert long_enough("以") is None
    assert long_enough("人", counter="人") == "人"  # 惠及约1.5亿人: the figure's counter names what is counted
    assert long_enough("票房") == "票房"


# text, span, metric: a function or sign word left last (real_text.toml trail-preposition-copula, trail-sign-word)
TRAILS = [
    ("一季度该省出口额负增长3%。", "3%", "出口额"),  # 负 of 负增长
    ("工业增加值同比负增长2.1%。", "2.1%", "工业增加值"),
    ("今年参赛企业数量较去年增长近三成。", "近三成", "参赛企业数量"),  # 较
    ("企业税负下降了3个百分点。", "3个百分点", "企业税负"),  # 税负 is a word: kept
]


@pytest.mark.parametrize("text,span,metric", TRAILS, ids=[m[2] for m in TRAILS])
def test_no_function_or_sign_word_last(text, span, metric):
    assert _metric(text, span) == metric


# text, span, metric: a figure written inside the name (real_text.toml metric_figure, trail-move-character)
FIGURES_IN_NAMES = [
    ("某券商预计该公司2024-26年营收为35.1/40.2/47.9亿元。", "47.9亿元", "公司2024-26年营收"),  # a slash list
    ("工业级碳酸锂涨6000元/吨，均价报38万元/吨。", "38万元/吨", "工业级碳酸锂"),  # the move before the price
    ("单户授信1000万元及以下普惠型小微企业贷款余额达3.2万亿元。", "3.2万亿元", "普惠型小微企业贷款余额"),
    ("市场预计维持利率在0%-0.25%区间的概率为14.2%。", "14.2%", "维持利率在0%-0.25%区间的概率"),  # a scenario
]


@pytest.mark.parametrize("text,span,metric", FIGURES_IN_NAMES, ids=[m[2] for m in FIGURES_IN_NAMES])
def test_no_figure_inside_the_name(text, span, metric):
    assert _metric(text, span) == metric


def test_figure_rows_cut_the_name_where_the_figure_starts():
    from analyzer.extract.metrics import without_figure
    assert without_figure("报76.20美元/桶") is None  # a price before its move: nothing is left
    assert without_figure("分别有6") is None  # a list's first value
    assert without_figure("新签订单分别为1200万元") == "新签订单"
    assert without_figure("EPS1.54/3.65/") == "EPS"
    assert without_figure("02/10年期美债收益率利差") == "02/10年期美债收益率利差"  # no list at the end
    assert without_figure("1美元兑") == "1美元兑"  # a quote's unit
    assert without_figure("每10万人发病率") == "每10万人发病率"  # a per-unit base
    assert without_figure("持股5%以上股东减持") == "持股5%以上股东减持"  # a band


# text, span, metric: a leading word is never cut from a word it begins (metrics._from_word_start; metric.toml
# words-begun-by-dui 方, issued-kept 商/人)
WORD_STARTS = [
    ("对方报价约300元一次。", "约300元", "对方报价"),
    ("发行商收入同比增长12%。", "12%", "发行商收入"),
    ("全省国家级专精特新企业达到120家。", "120家", "国家级专精特新企业"),
    ("据统计，该国人口的三分之一居住在首都。", "三分之一", "人口"),
    ("该公司拟定增募资不超过20亿元。", "不超过20亿元", "定增募资"),  # 拟定 is a verb to the segmenter: 拟 goes
]


@pytest.mark.parametrize("text,span,metric", WORD_STARTS, ids=[m[2] for m in WORD_STARTS])
def test_no_metric_starts_inside_a_word(text, span, metric):
    assert _metric(text, span) == metric


# text, span, metric: a time phrase's end or the writer's own place left at the start (lead-time-place-left)
LEADS = [
    ("到目前为止交易量只有1200份。", "1200份", "交易量"),
    ("春节假期本市共接待游客320万人次。", "320万人次", "接待游客"),
]


@pytest.mark.parametrize("text,span,metric", LEADS, ids=[m[2] for m in LEADS])
def test_no_time_or_place_lead(text, span, metric):
    assert _metric(text, span) == metric


def test_one_character_list_members_share_the_last_name_tail():
    figures = analyze("按企业规模分，大、中、小型企业PMI分别为50.2%、49.1%和48.3%。", published="2026-07-17").figures
    assert [f.metric for f in figures] == ["大型企业PMI", "中型企业PMI", "小型企业PMI"]
    banks = analyze("工、农、中、建四家银行的贷款余额分别为1万亿元、2万亿元、3万亿元和4万亿元。").figures
    assert banks[0].metric != "工四家银行的贷款余额"  # a count after the last member: no shared tail
