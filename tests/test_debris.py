"""Page debris (pinyin annotations, spaces inside names) never reaches a name or metric; offsets stay original."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze
from analyzer.text.debris import clean

# text → cleaned text
CLEAN = [
    ("國(guó)務(wù)院常务会议", "國務院常务会议"),
    ("本外币企事业(yè)单位贷款余额", "本外币企事业单位贷款余额"),
    ("續(xù)贷金额", "續贷金额"),
    ("中国人民 银行 将开展操作", "中国人民银行 将开展操作"),
    ("下调支 农支小再贷款利率", "下调支农支小再贷款利率"),
    ("中国人民\u00a0银行", "中国人民银行"),
    ("中 国人民 银行决定", "中国人民银行决定"),  # two spaces inside one name
    # spaces far apart are searched in separate stretches of the text; a space in no name stays
    ("中国人民 银行" + "。" * 60 + "下调支 农支小再贷款 决定", "中国人民银行" + "。" * 60 + "下调支农支小再贷款 决定"),
    # no debris: words that form no name, English glosses, ASCII, headlines
    ("财政部 税务总局关于", "财政部 税务总局关于"),
    ("重回3100点 新冠检测板块领涨", "重回3100点 新冠检测板块领涨"),
    ("检查点（checkpoint）数据集", "检查点（checkpoint）数据集"),
    ("利率(LPR)为3.0%", "利率(LPR)为3.0%"),
    ("中国人民银行", "中国人民银行"),
    ("", ""),
    # spaces in a run a legal form closes: the last one always, an earlier one after a word a name may hold (s19-inst2)
    ("例如，深圳市 优必选 科技股份有限公司公告", "例如，深圳市优必选科技股份有限公司公告"),
    ("公司取得 华夏银行 股份有限公司出具的函", "公司取得 华夏银行股份有限公司出具的函"),  # 取得 is a verb
    ("持有的不超过 思摩尔国际 控股有限公司股份", "持有的不超过 思摩尔国际控股有限公司股份"),
    ("基本面主导 科技仍是主线", "基本面主导 科技仍是主线"),  # no legal form closes the run
]
# text, kind, name → the span must cover exactly this original text
MENTIONS = [
    ("2025年10月9日，中国人民 银行 将开展买断式逆回购操作。", "institutions", "中国人民银行", "中国人民 银行"),
    ("国(guó)务(wù)院决定加大支持。", "institutions", "国务院", "国(guó)务(wù)院"),
    ("决定下调支 农支小再贷款利率0.25个百分点。", "policy_tools", "支农支小再贷款", "支 农支小再贷款"),
    ("例如，深圳市 优必选 科技股份有限公司公告称", "institutions", "深圳市优必选科技股份有限公司",
     "深圳市 优必选 科技股份有限公司"),
]
# text, figure as written → its metric
METRICS = [
    ("本外币企事业(yè)单位贷款余额为1.2万亿元。", "1.2万亿元", "本外币企事业单位贷款余额"),
    ("下调支 农支小再贷款利率0.25个百分点。", "0.25个百分点", "支农支小再贷款利率"),
]


@pytest.mark.parametrize("text, expected", CLEAN)
def test_clean(text, expected):
    cleaned = clean(text)
    assert cleaned.text == expected
    assert cleaned.changed is (text != expected)
    # every kept character maps back to itself
    assert all(text[cleaned.position(i)] == ch for i, ch in enumerate(cleaned.text))


def test_span_covers_the_debris_inside():
    cleaned = clean("前文中国人民 银行后文")
    start = cleaned.text.index("中国人民银行")
    assert cleaned.span(start, start + 6) == (2, 9)
    assert cleaned.span(len(cleaned.text), len(cleaned.text)) == (11, 11)  # the end maps to the end


@pytest.mark.parametrize("text, kind, name, written", MENTIONS)
def test_mention_names_are_clean_and_spans_original(text, kind, name, written):
    record = analyze(text)
    mention = next(m for m in getattr(record, kind) if m.name == name)
    assert text[mention.start:mention.end] == mention.text == written


@pytest.mark.parametrize("text, figure, metric", METRICS)
def test_metrics_are_clean_and_figure_spans_original(text, figure, metric):
    found = next(f for f in analyze(text).figures if f.text == figure)
    assert found.metric == metric
    assert text[found.start:found.end] == figure
