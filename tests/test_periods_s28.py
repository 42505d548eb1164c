"""s28-recall: a paragraph or digest item (opened by the ideographic spaces 　　) takes no year from the item before it
(``year_context_break`` in period.toml); within an item a bare month keeps the year the text named."""
import analyzer


def _period(text, figure, published):
    found = {f.text: f for f in analyzer.analyze(text, published=published).figures}
    period = found[figure].period
    return None if period is None else (period.start, period.end)


def test_a_digest_item_takes_no_year_from_the_item_before():
    text = ("截至2025年末，青川投资持有基金份额逾300亿份，持仓总市值突破1.5万亿元。 　　 岚城楼市回暖 　　"
            "3月份，岚城二手住房网签9886套，同比增长3.4%。")
    assert _period(text, "9886套", "2026-04-08") == ("2026-03-01", "2026-03-31")


def test_within_an_item_a_bare_month_keeps_the_year_it_named():
    text = "2024年全年，岚城二手住房网签12万套。12月份，网签1.2万套。"
    assert _period(text, "1.2万套", "2025-06-08") == ("2024-12-01", "2024-12-31")


def test_a_forecast_of_the_full_year_in_a_first_quarter_notice_is_the_year_under_way():
    """全年 in a January–March release is the year just ended, but 预计全年 (a forecast or plan) is the year under way:
    once a digest item stopped taking an earlier item's year, a March notice's 预计全年销售量 read as last year."""
    text = ("青川矿业3月17日公告，2026年4月中旬将检修设备。 　　 岚江资源：井下已恢复生产 　　"
            "岚江资源3月17日公告，目前地面生产与发运正常，预计全年销售量1000万吨。")
    assert _period(text, "1000万吨", "2026-03-17") == ("2026-01-01", "2026-12-31")
    assert _period("全年人民币贷款增加16.81万亿元。", "16.81万亿元", "2020-01-17") == ("2019-01-01", "2019-12-31")
