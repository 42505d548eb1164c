"""A 分别 list whose members are places or groups written once before the statistic (metric.toml words
list-member-groups; lists.py _shared_after_members): each member's figure takes the statistic, not the member."""
import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, metrics", [
    ("2021年，上海和北京居民人均可支配收入分别达到78027元和75002元。", ["居民人均可支配收入", "居民人均可支配收入"]),
    ("2021年，江苏、浙江地区生产总值分别为11.6万亿元、7.35万亿元。", ["地区生产总值", "地区生产总值"]),
    ("2021年，城镇和农村居民人均可支配收入分别增长8.2%和10.5%。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("分区域看，北美和欧洲营收分别增长14.9%和20.4%。", ["北美营收", "欧洲营收"]),  # before: 北美 alone
])
def test_members_share_the_statistic(text, metrics):
    figures = analyze(text, doc_id="t", published="2022-01-20").figures
    assert [f.metric for f in figures] == metrics


@pytest.mark.parametrize("text, metrics", [
    # guards: names that are no places or groups keep their own heads, as before
    ("1年期和5年期以上LPR分别为3.45%和4.2%。", ["1年期LPR", "5年期以上LPR"]),
    ("工商银行、农业银行分别实现净利润3658.63亿元、2820.83亿元。", ["净利润", "净利润"]),
])
def test_other_lists_keep_their_names(text, metrics):
    figures = analyze(text, doc_id="t", published="2022-01-20").figures
    assert [f.metric for f in figures] == metrics
