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
