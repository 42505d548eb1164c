"""s22-period: rules written from the pooled period errors (real-dev and the s19/s20/s21 audits), beyond the rows'
own examples (analyzer/rules/period.toml)."""
import analyzer


def _period(text, figure, published):
    found = {f.text: f for f in analyzer.analyze(text, published=published).figures}
    period = found[figure].period
    return None if period is None else (period.start, period.end)


def test_months_ended_with_a_month_are_the_months_before_it():
    text = "据报道，在截至8月的三个月里，该公司出租服务器获得大约9亿美元收入，但仅实现约1.25亿美元的毛利润。"
    assert _period(text, "大约9亿美元", "2025-10-08") == ("2025-06-01", "2025-08-31")
    assert _period(text, "约1.25亿美元", "2025-10-08") == ("2025-06-01", "2025-08-31")


def test_months_ended_without_a_year_are_the_last_ones_ended_by_publication():
    # a year an earlier sentence names for a past event (2024年又收购) does not date them
    text = "公司在2024年又收购了一家企业。截至6月底的过去12个月，该部门实现销售额接近50亿美元。"
    assert _period(text, "接近50亿美元", "2025-10-03") == ("2024-07-01", "2025-06-30")
    assert _period("截至12月的三个月，公司营收增长1.2%。", "1.2%", "2026-01-20") == ("2025-10-01", "2025-12-31")


def test_months_ended_on_a_day_without_zhi():
    assert _period("该公司截至9月30日的六个月净利润为15.2亿港元。", "15.2亿港元", "2021-11-20") == ("2021-04-01", "2021-09-30")


def test_months_ended_speak_of_their_own_sentence_only():
    text = "在截至8月的三个月里，公司获得大约9亿美元收入。另一家公司收高5.27%，成交75.46亿美元。"
    assert _period(text, "75.46亿美元", "2025-10-08") != ("2025-08-31", "2025-08-31")


def test_a_move_over_counted_days_takes_no_trading_day():
    text = "沪指收涨0.5%。短短十几天，金价每克已经上涨50多元。"
    assert _period(text, "0.5%", "2025-10-13") == ("2025-10-13", "2025-10-13")
    assert _period(text, "50多元", "2025-10-13") is None
    text = "此前，海峡重新开放后的头10天内，流量曾一度恢复至战前水平的逾80%。"
    assert _period(text, "逾80%", "2026-07-09") is None


def test_a_move_over_counted_days_takes_no_time_of_the_paragraph_either():
    text = "今年国庆假期前，金价还在870元/克左右。短短十几天，水贝的金价每克已经上涨50多元。"
    assert _period(text, "50多元", "2025-10-13") is None


def test_a_streak_word_alone_leaves_the_days_move_its_day():
    text = "泛欧股指四连涨，时隔七个月再创历史新高，英股涨1%。"
    assert _period(text, "1%", "2025-10-02") == ("2025-10-02", "2025-10-02")
