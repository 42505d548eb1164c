"""Series of a metric: which written names are one statistic (series.toml, metrics.toml) and the reasons shown."""
from __future__ import annotations

import pytest

from analyzer.taxonomy import metric_key
from analyzer.taxonomy.series import match_series, merge_reasons, scoped_variants

SAME_SERIES = [
    # (written, other written, a reason shown for the first)
    ("人民币普惠小微贷款余额", "普惠小微贷款余额", "同一序列：范围词不同（人民币即该统计口径）"),
    ("固定资产投资（不含农户）", "固定资产投资", "注释（不含农户）已忽略"),
    ("金融机构人民币各项贷款余额", "人民币各项贷款余额", "同一序列：范围词不同（金融机构）"),
    ("全国金融机构本外币贷款余额", "本外币贷款余额", "同一序列：地域词不同（全国）"),
    ("人民币各项贷款", "人民币各项贷款余额", "“人民币各项贷款”是同一统计的别称"),
    ("本外币绿色贷款余额", "绿色贷款余额", "是同一统计的别称"),
    ("全国居民消费价格", "CPI", "同一序列：地域词不同（全国）"),
]
DIFFERENT_SERIES = [
    ("普惠型小微企业贷款余额", "普惠小微贷款余额"),      # NFRA vs PBOC statistics
    ("人民币贷款余额", "本外币贷款余额"),
    ("本外币普惠小微贷款余额", "普惠小微贷款余额"),      # another scope than the statistic's own
    ("人民币绿色贷款余额", "绿色贷款余额"),
    ("广义货币(M2)余额", "狭义货币(M1)余额"),            # a code in parentheses is no note
]


@pytest.mark.parametrize("written, other, reason", SAME_SERIES)
def test_same_series_with_reason(written, other, reason):
    assert metric_key(written) == metric_key(other)
    assert any(reason in text for text in match_series(written).reasons("zh"))
    assert match_series(written).reasons("en")


@pytest.mark.parametrize("a, b", DIFFERENT_SERIES)
def test_different_series(a, b):
    assert metric_key(a) != metric_key(b)


def test_a_name_without_scope_could_be_several_series():
    assert set(scoped_variants("各项贷款余额")) == {"人民币贷款余额", "本外币贷款余额"}
    assert scoped_variants("普惠小微贷款余额") == []


def test_merged_reasons_have_no_repeats():
    a, b = match_series("金融机构人民币各项贷款余额"), match_series("全国金融机构人民币各项贷款余额")
    reasons = merge_reasons(a, b)
    assert len(reasons) == len(set(reasons)) and any("全国" in r for r in reasons)


def test_sold_and_unsold_housing_are_three_series():
    """商品房销售面积, 商品房销售额 and 商品房待售面积 are three series of one NBS release, never one."""
    keys = {metric_key(name) for name in ("商品房销售面积", "商品房销售额", "商品房待售面积")}
    assert keys == {"商品房销售面积", "商品房销售额", "商品房待售面积"}
    assert metric_key("全国商品房销售额") == "商品房销售额"
