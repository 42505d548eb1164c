"""Sentences, and the word tokenizer with the domain dictionary."""
from analyzer.text.segment import tokenizer
from analyzer.text.sentences import split_sentences


def test_tokenizer_knows_the_taxonomy_names():
    assert "科技创新和技术改造再贷款" in tokenizer().lcut("设立科技创新和技术改造再贷款")


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


def test_segmenter_cuts_as_jieba_does_without_hmm():
    """pos.Segmenter is a faster jieba cut(HMM=False): the same words on Chinese, Latin runs, digits and spaces."""
    from analyzer.text import pos as pos_module
    segmenter, _ = pos_module._dictionary()
    reference = pos_module.GzipTokenizer(str(pos_module.WORDS_FILE))
    reference.FREQ, reference.total, reference.initialized = segmenter.freq, segmenter.total, True
    phrases = ["据财通证券研报，北京市住房和城乡建设委员会发布通知", "利率向符合条件", "又开展", "A股 MSCI指数上涨3.5%",
               "iPhone 15 Pro销量", "中国人民银行下调存款准备金率0.25个百分点", "", "   ", "ab12 cd", "汤阴县新冠"]
    for phrase in phrases:
        assert list(segmenter.cut(phrase)) == list(reference.cut(phrase, HMM=False)), phrase

