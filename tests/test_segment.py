"""Segmentation keeps figures whole, keeps offsets, and uses the domain dictionary."""
import pytest

from analyzer.text.segment import to_doc
from analyzer.text.sentences import split_sentences


@pytest.mark.parametrize("text, token", [
    ("净利润-3480.83万元，同比增长23.4%", "-3480.83万元"),
    ("净利润-3480.83万元，同比增长23.4%", "23.4%"),
    ("设立科技创新和技术改造再贷款", "科技创新和技术改造再贷款"),
    ("貸款餘額３５．３萬億元", "３５．３萬億元"),
])
def test_tokens(text, token):
    doc = to_doc(text)
    assert doc.text == text
    assert token in [t.text for t in doc]


def test_offsets_survive_white_space():
    text = "标题\n\n余额 35.6 万亿元。 第二句"
    doc = to_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_sentences():
    text = "标题\n截至一季度末，余额35.3万亿元。同比增长12.5%！“好。”"
    assert [text[a:b] for a, b in split_sentences(text)] == ["标题", "截至一季度末，余额35.3万亿元。", "同比增长12.5%！", "“好。”"]


def test_part_of_speech_for_metric_phrases():
    from analyzer.text import pos
    tags = dict(pos.tag("又开展"))
    assert tags == {"又": "d", "开展": "v"}
    assert all(tag == "x" for word, tag in pos.tag("续贷") if len(word) == 1)  # left-over characters are nouns
    assert dict(pos.tag("无还本续贷"))["无还本续贷"] == "nz"  # taxonomy names are nouns
    assert dict(pos.tag("已调降"))["调降"] == "v"  # and the lexicon's verbs are verbs
