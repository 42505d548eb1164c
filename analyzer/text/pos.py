"""Parts of speech for the short phrases the metric finder weighs (又开展, 利率向符合条件, 价格陆续).

jieba's dictionary, cut to its 60,000 commonest words, its function words and every single character
(``pos_words.txt.gz``, regenerated from the installed jieba by ``python -m analyzer.text.pos``), segments a phrase
without the HMM and gives each word the dictionary's tag; words it does not know, single characters left over
(mostly parts of words it does not know) and the taxonomy's names count as nouns. Loading the full
dictionary and ``jieba.posseg`` costs over a second and 150 MB per process; this costs a tenth of that.
"""
from __future__ import annotations

import functools
import gzip
import logging
from pathlib import Path

import jieba

from analyzer import rulebook
from analyzer.taxonomy import taxonomy_words

WORDS_FILE = Path(__file__).with_name("pos_words.txt.gz")
MIN_FREQUENCY = 37  # jieba's frequency of its 60,000th commonest word
# tags kept at any frequency: verbs, adverbs, prepositions, conjunctions, pronouns, particles (择机, 不含, 陆续)
FUNCTION_TAGS = frozenset("v vd vg vi d p c r u uj ul uz ug uv ud f t m q mq y e ad".split())
# a single character left by the segmenter is mostly part of a word it does not know (续贷, 贷率), so it counts
# as a noun unless it is one of these function characters
SINGLE_FUNCTION = frozenset("又还已将再也均都就才以在于对向从由把被和与及或但并而其该此这那的了着过则即仍亦皆共约近超逾达为是按"
                            "给让使至到等各每所之且可仅只同另曾正刚便乃不含")


class GzipTokenizer(jieba.Tokenizer):
    """jieba's tokenizer on a gzipped dictionary (``pos_words.txt.gz``)."""

    def get_dict_file(self):
        return gzip.open(self.dictionary, "rb")


@functools.cache
def _dictionary():
    """(tokenizer, word → tag), built once per process."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = GzipTokenizer(str(WORDS_FILE))
    tags = {}
    with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            word, _, tag = line.split()
            tags[word] = tag
    for word in taxonomy_words():
        tokenizer.add_word(word, freq=2000)
        tags[word] = "nz"
    for word in _domain_verbs():  # 调降, 续作, 录得: verbs of financial news jieba does not know
        if word not in tags:
            tokenizer.add_word(word, freq=2000)
            tags[word] = "v"
    return tokenizer, tags


def _domain_verbs() -> set[str]:
    lexicon = rulebook.lexicon()
    signs, metric = lexicon["signs"], lexicon["metric"]
    return {w for w in [*signs["down"], *signs["up"], *metric["verbs"], *metric["flow_verbs"]] if len(w) > 1}


@functools.lru_cache(maxsize=8192)
def tag(phrase: str) -> tuple[tuple[str, str], ...]:
    """The words of ``phrase`` with jieba's tags (n, v, d, p …); unknown words are tagged x."""
    tokenizer, tags = _dictionary()
    return tuple((word, tags.get(word, "x") if len(word) > 1 or word in SINGLE_FUNCTION else "x")
                 for word in tokenizer.cut(phrase, HMM=False))


def build(out: Path = WORDS_FILE) -> int:
    """Write ``pos_words.txt.gz`` from the installed jieba's dict.txt; returns the number of words kept."""
    source = Path(jieba.__file__).with_name("dict.txt")
    kept = []
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and (int(parts[1]) >= MIN_FREQUENCY or len(parts[0]) == 1
                                    or parts[2] in FUNCTION_TAGS):
                kept.append(" ".join(parts) + "\n")
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as gz:
        gz.write("".join(kept))
    return len(kept)


if __name__ == "__main__":
    print(f"{build()} words written to {WORDS_FILE}")
