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


def test_may_end_with_answers_as_tagging_would():
    """pos.may_end_with is False only where the last tagged word has none of the tags (it may say True wrongly)."""
    from analyzer.text import pos
    adverbs = frozenset({"d"})
    assert pos.may_end_with("规模又", adverbs) and pos.tag("规模又")[-1] == ("又", "d")  # a function character
    phrases = ["贷款余额", "社会融资规模增量", "恒生指数收", "净利润", "GDP", "利率向符合条件", "又开展", "x", "同比 "]
    for phrase in phrases:
        if not pos.may_end_with(phrase, adverbs):
            assert pos.tag(phrase)[-1][1] not in adverbs, phrase
    assert not pos.may_end_with("贷款余额", adverbs) and not pos.may_end_with("", adverbs)


def test_segmenter_cuts_as_jieba_does_without_hmm():
    """pos.Segmenter is a faster jieba cut(HMM=False): the same words on Chinese, Latin runs, digits and spaces."""
    from analyzer.text import pos as pos_module
    segmenter, _ = pos_module._dictionary()
    reference = _reference_tokenizer()
    phrases = ["据财通证券研报，北京市住房和城乡建设委员会发布通知", "利率向符合条件", "又开展", "A股 MSCI指数上涨3.5%",
               "iPhone 15 Pro销量", "中国人民银行下调存款准备金率0.25个百分点", "", "   ", "ab12 cd", "汤阴县新冠"]
    for phrase in phrases:
        assert list(segmenter.cut(phrase)) == list(reference.cut(phrase, HMM=False)), phrase



def test_block_patterns_are_jiebas():
    import jieba
    from analyzer.text import pos as pos_module
    assert (pos_module.HAN_BLOCK.pattern, pos_module.HAN_BLOCK.flags) == \
        (jieba.re_han_default.pattern, jieba.re_han_default.flags)
    assert (pos_module.SKIP.pattern, pos_module.SKIP.flags) == (jieba.re_skip_default.pattern, jieba.re_skip_default.flags)


def _reference_tokenizer():
    """jieba's own tokenizer on the cut dictionary, with the taxonomy's names and the lexicon's verbs added."""
    from analyzer.taxonomy import taxonomy_words
    from analyzer.text import pos as pos_module
    reference = pos_module.gzip_tokenizer(str(pos_module.WORDS_FILE))
    known = set(pos_module._build_dictionary(())[2])
    for word in taxonomy_words():
        reference.add_word(word, freq=2000)
        known.add(word)
    for word in pos_module._domain_verbs() - known:
        reference.add_word(word, freq=2000)
    return reference


def test_dictionary_holds_what_jieba_would():
    """The dictionary built without jieba (and its marshal cache) equals jieba's tokenizer after the same adds."""
    from analyzer.text import pos as pos_module
    reference = _reference_tokenizer()
    built = pos_module._build_dictionary(pos_module._added_words())
    assert (built[0], built[1]) == (reference.FREQ, reference.total)
    segmenter, tags = pos_module._dictionary()
    segmenter.words.ensure_all()
    assert (segmenter.freq, segmenter.total, tags) == built
    assert tags["调降"] == "v" and tags["无还本续贷"] == "nz" and tags["开展"] == "v"


def test_dictionary_cache_written_and_read(tmp_path, monkeypatch):
    from analyzer.text import pos as pos_module
    monkeypatch.setenv("ANALYZER_CACHE_DIR", str(tmp_path))
    pos_module._dictionary.cache_clear()
    try:
        first = pos_module._dictionary()
        (cache,) = tmp_path.glob("analyzer-poschars-*.marshal")
        pos_module._dictionary.cache_clear()
        second = pos_module._dictionary()
        first[0].words.ensure_all()
        second[0].words.ensure_all()
        assert second[1] == first[1] and second[0].freq == first[0].freq and second[0].total == first[0].total
        cache.write_bytes(b"not marshal")  # a broken cache is rebuilt
        pos_module._dictionary.cache_clear()
        rebuilt = pos_module._dictionary()
        rebuilt[0].words.ensure_all()
        assert rebuilt[1] == first[1]
    finally:
        pos_module._dictionary.cache_clear()


def test_normalize_lookup_list_translates_as_the_table():
    """normalize reads a list indexed by code point: the same characters as the dict it is made from, and the
    identity past its end (emoji, rare planes)."""
    from analyzer import normalize as norm
    table = norm._table()
    text = "".join(map(chr, table)) + "國務院１２３％\u3000😀\U00030000abc"
    assert norm.normalize(text) == text.translate(table)
    assert norm.to_simplified("臺灣銀行") == "台湾银行"


def test_normalization_keeps_zhu_which_is_simplified_too():
    from analyzer.normalize import normalize, to_simplified
    assert to_simplified("顯著增長，著名企業") == "显著增长，著名企业"  # 著 is simplified as well (显著, 著名)
    assert normalize("隨著") == "随著"  # the traditional particle keeps 著: rules list 意味著 beside 意味着


def test_lazy_words_read_by_first_character_give_the_whole_dictionary():
    """LazyWords: after reading a phrase's characters, every word and prefix starting with one of them is there
    with the whole dictionary's frequency and tag, and nothing else; the cut and the tags equal those of a segmenter
    on the whole dictionary, and the ending table equals one built from every tag."""
    from analyzer.text import pos as pos_module
    freq, total, tags = pos_module._build_dictionary(pos_module._added_words())
    whole = pos_module.Segmenter(freq, total)
    phrases = ["据财通证券研报，北京市住房和城乡建设委员会发布通知", "利率向符合条件", "A股 MSCI指数上涨3.5%", "ab12 cd", "",
               "iPhone 15 Pro销量又开展", "无还本续贷已调降"]
    words = pos_module.LazyWords(*pos_module.LazyWords.pack(freq, tags))
    lazy = pos_module.Segmenter(words.freq, total, words)
    for phrase in phrases:
        assert list(lazy.cut(phrase)) == list(whole.cut(phrase)), phrase
        assert all(words.tags.get(w) == tags.get(w) for w in lazy.cut(phrase))
    assert {w for w in freq if w[0] in words.loaded} == set(words.freq) and words.freq.items() <= freq.items()
    assert words.tags.items() <= tags.items() and len(words.loaded) < 100
    words.ensure_all()
    assert (words.freq, words.tags) == (freq, tags)
    wanted = frozenset("d p c u uj ul uz ug uv ud y r ad".split())
    expected: dict[str, set[str]] = {}
    for word, word_tag in tags.items():
        if word_tag in wanted and (len(word) > 1 or word in pos_module.SINGLE_FUNCTION):
            expected.setdefault(word[-1], set()).add(word)
    assert {last: set(ws) for last, ws in pos_module._word_endings(wanted).items()} == expected
