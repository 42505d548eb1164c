"""s20-period: spans that run to a point or to now (截至…，年内; 至今; 截至…当周; 截至发稿), beyond the rows' own examples."""
import analyzer


def _period(text, figure, published):
    found = {f.text: f for f in analyzer.analyze(text, published=published).figures}
    period = found[figure].period
    return None if period is None else (period.start, period.end)


def test_year_within_after_a_point_in_an_undated_item_runs_from_the_written_year():
    text = "截至2022年1月21日，年内共有60家公司收到交易所的问询函件。"
    assert _period(text, "60家", None) == ("2022-01-01", "2022-01-21")


def test_year_within_without_a_point_before_stays_the_rest_of_the_year():
    assert _period("年内将发行超长期特别国债1万亿元。", "1万亿元", "2024-05-20") == ("2024-05-20", "2024-12-31")


def test_to_now_in_an_undated_item_gives_no_period():
    text = "2021年，全年新增450家企业。2022年1月1日至今，已有23家相关企业成立。"
    assert _period(text, "23家", None) is None


def test_a_week_ending_gives_no_year_to_the_dates_after_it():
    text = "截至2022年1月1日的一周，占比为89.1%。截至2022年1月8日的一周，占比为97.9%。"
    assert _period(text, "89.1%", None) == ("2021-12-26", "2022-01-01")
    assert _period(text, "97.9%", None) == ("2022-01-02", "2022-01-08")


def test_this_year_within_in_the_lead_does_not_date_the_story():
    text = "软银寻求一笔50亿美元的新贷款，为今年内加码投资筹集资金。\n重注OpenAI：承诺投入总计高达300亿美元。"
    assert _period(text, "300亿美元", "2025-10-11") is None


def test_press_time_is_the_story_date_after_a_friday_named_before():
    text = "上周五标普500指数下跌2.7%。截至发稿，纳斯达克100指数期货涨幅达2%，道指期货涨1.05%。"
    assert _period(text, "2%", "2025-10-13") == ("2025-10-13", "2025-10-13")


def test_press_time_in_an_undated_item_gives_no_period():
    text = "截至发稿，比特币交易价格约为121603美元。"
    assert _period(text, "约为121603美元", None) is None


def test_a_forecast_takes_the_time_its_sentence_opens_with():
    text = "公告显示，2026年上半年，公司预计实现归母净利润200亿元到205亿元。"
    assert _period(text, "200亿元到205亿元", "2026-07-03") == ("2026-01-01", "2026-06-30")
    text = "交通运输部预测，国庆中秋假期期间（9月29日至10月10日），全国铁路预计发送旅客约2.19亿人次。"
    assert _period(text, "约2.19亿人次", "2025-10-01") == ("2025-09-29", "2025-10-10")


def test_an_old_value_after_a_time_clause_stays_undated():
    assert _period("2025年，公司贷款利率由5%降至3%。", "5%", "2026-03-01") is None


def test_a_forecast_of_the_quarter_under_way_takes_it():
    """s29-period: 三季度 in an August story is the quarter under way (periods._quarter), no longer last year's, which
    this forecast was kept from taking (FORECAST_PAST_DAYS); the forecast now takes the quarter it speaks of."""
    text = "对于三季度，公司预计营收在20.55亿美元至20.85亿美元之间。"
    assert _period(text, "20.55亿美元至20.85亿美元", "2026-08-06") == ("2026-07-01", "2026-09-30")


def test_a_duration_ending_in_nian_nei_is_not_this_year():
    text = "特斯拉计划三年内从三星SDI采购价值20亿美元的储能电池。"
    assert _period(text, "20亿美元", "2025-11-03") is None
    text = "截至2026年7月12日，半导体硅片指数年内涨幅逼近翻倍。"
    assert _period(text, "逼近翻倍", "2026-07-13") == ("2026-01-01", "2026-07-12")


def test_a_digest_has_no_lead_for_its_later_items():
    text = ("大公司：\nOPPO回应做手持云台相机：产品已启动，计划于2026年内发布\n9月29日，OPPO表示，新产品系列已启动。\n"
            "投融资：\n“快造科技”完成10亿元融资\n36氪获悉，快造科技于近期完成10亿元新一轮融资。")
    assert _period(text, "10亿元", "2025-09-30") is None


def test_a_byline_opens_a_feature_whose_first_time_is_no_reporting_period():
    text = ("文｜王欣逸\n编辑｜张雨忻\n2026 年开年来，3D 生成模型赛道相当热闹。\n"
            "团队约 60 人，围绕三个方向布局。")
    assert _period(text, "三个", "2026-07-01") is None


def test_a_year_opened_by_zi_and_closed_by_yilai_runs_to_publication():
    text = "对于全球金融市场而言，自1996年时任财政部长确立强美元政策以来，美国仅三次出手干预外汇市场。"
    assert _period(text, "三次", "2026-01-29") == ("1996-01-01", "2026-01-29")


def test_a_week_ending_on_a_friday_is_its_trading_week():
    text = "截至4月17日当周，标普500指数累计上涨4.54%。"
    assert _period(text, "4.54%", "2026-04-18") == ("2026-04-13", "2026-04-17")
