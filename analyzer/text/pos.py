"""Parts of speech for the short phrases the metric finder weighs (又开展, 利率向符合条件, 价格陆续).

jieba's dictionary, cut to its 60,000 commonest words, its function words and every single character
(``pos_words.txt.gz``, regenerated from the installed jieba by ``python -m analyzer.text.pos``), segments a phrase
without the HMM and gives each word the dictionary's tag; words it does not know, single characters left over
(mostly parts of words it does not know) and the taxonomy's names count as nouns. Loading the full
dictionary and ``jieba.posseg`` costs over a second and 150 MB per process; this costs a tenth of that.
"""
from __future__ import annotations

import array
import functools
import gzip
import hashlib
import marshal
import math
import re
import string
import sys
from pathlib import Path

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


# jieba's re_han_default and re_skip_default (tested equal): the segmenter needs no import of jieba, whose HMM
# tables are 3% of a cold start
HAN_BLOCK = rulebook.regex("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
SKIP = rulebook.regex("(\r\n|\\s)", re.U)


def gzip_tokenizer(path: str):
    """jieba's tokenizer on a gzipped dictionary (``pos_words.txt.gz``): the reference the segmenter is tested on."""
    import jieba

    class GzipTokenizer(jieba.Tokenizer):
        def get_dict_file(self):
            return gzip.open(self.dictionary, "rb")

    return GzipTokenizer(path)


Dictionary = tuple[dict[str, int], int, dict[str, str]]  # word (and word prefix) → frequency, total, word → tag


@functools.cache
def _dictionary():
    """(segmenter, word → tag), built once per process: from a marshal cache in this user's cache folder
    (``rulebook.cache_folder``) when one was written for the same words, else built and cached. The words are read
    by first character as phrases first hold it (:class:`LazyWords`): a short document reads a few hundred
    characters' words, not the 130,000 entries a full read turns into objects (a quarter of a cold start)."""
    added = _added_words()
    digest = hashlib.sha1(WORDS_FILE.read_bytes())
    digest.update(repr((sys.version, added)).encode("utf-8"))
    folder = rulebook.cache_folder()
    cache = folder / f"analyzer-poschars-{digest.hexdigest()[:20]}.marshal" if folder else None
    try:
        total, groups, by_tag = marshal.loads(cache.read_bytes()) if cache else _grouped(added)
    except (OSError, EOFError, ValueError, TypeError):  # no cache yet, or a broken one
        total, groups, by_tag = _grouped(added)
        rulebook.write_marshal(cache, (total, groups, by_tag))
    words = LazyWords(groups, by_tag)
    return Segmenter(words.freq, total, words), words.tags


def _grouped(added: tuple[tuple[str, str], ...]) -> tuple[int, dict, dict]:
    """:func:`_build_dictionary` as :class:`LazyWords` reads it: (total, first character → its words, tag → words)."""
    freq, total, tags = _build_dictionary(added)
    return (total, *LazyWords.pack(freq, tags))


def _added_words() -> tuple[tuple[str, str], ...]:
    """(word, tag) added to the dictionary at frequency 2000: the taxonomy's names (nz, re-weighted when jieba
    knows them), then the lexicon's verbs jieba does not know (调降, 续作, 录得)."""
    return (*((word, "nz") for word in taxonomy_words()), *((word, "v") for word in sorted(_domain_verbs())))


def _build_dictionary(added: tuple[tuple[str, str], ...]) -> Dictionary:
    """What jieba's tokenizer holds after loading ``pos_words.txt.gz`` and ``add_word(word, freq=2000)`` for each
    added word: every word's frequency, 0 for a prefix that is no word, and the total."""
    freq, tags, total = {}, {}, 0
    with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            word, count, tag = line.split()
            freq[word] = int(count)
            tags[word] = tag
            total += int(count)
    for word, tag in added:
        if tag == "v" and word in tags:
            continue
        freq[word] = 2000
        tags[word] = tag
        total += 2000
    for word in list(freq):
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, total, tags


class LazyWords:
    """The dictionary's words (frequency, tag) in dicts filled by first character: a character's words are read when
    a text to segment first holds it (:meth:`ensure`). Every word and word prefix the segmenter may look up starts
    with a character of the text it segments, so it finds what the whole dictionary would give.

    ``groups``: first character → (its words, then the prefixes that are no word, joined by NUL; the words' tags
    joined likewise, in the same order; the frequencies of all as int64 bytes), read by C-level ``dict.update`` calls
    alone; ``by_tag``: tag → its words joined by NUL (for :func:`_word_endings`)."""

    SEPARATOR = "\0"

    def __init__(self, groups: dict[str, tuple[str, str, bytes]], by_tag: dict[str, str]):
        self.groups, self.by_tag = groups, by_tag
        self.freq: dict[str, int] = {}
        self.tags: dict[str, str] = {}
        self.loaded: set[str] = set()

    def ensure(self, text) -> None:
        """Read the words of every character of ``text`` not read yet."""
        for char in set(text).difference(self.loaded):
            self.loaded.add(char)
            group = self.groups.pop(char, None)  # read once: its text is not kept beside the dicts
            if group is not None:
                self._read(*group)

    def _read(self, joined: str, tags: str, counts: bytes) -> None:
        words, frequencies = joined.split(self.SEPARATOR), array.array("q")
        frequencies.frombytes(counts)
        self.freq.update(zip(words, frequencies))
        if tags:  # the words come first, so the tags pair with them and stop before the prefixes
            self.tags.update(zip(words, tags.split(self.SEPARATOR)))

    def ensure_all(self) -> None:
        self.ensure(list(self.groups))

    def tagged(self, tag: str) -> list[str]:
        """Every dictionary word of ``tag``, read or not."""
        joined = self.by_tag.get(tag)
        return joined.split(self.SEPARATOR) if joined else []

    @classmethod
    def pack(cls, freq: dict[str, int], tags: dict[str, str]) -> tuple[dict, dict]:
        """(groups, by_tag) of a built dictionary (the marshal cache holds them)."""
        firsts: dict[str, list[str]] = {}
        by_tag: dict[str, list[str]] = {}
        for word in sorted(freq, key=lambda w: w not in tags):  # words before prefixes, else in dictionary order
            firsts.setdefault(word[0], []).append(word)
        for word, tag in tags.items():
            by_tag.setdefault(tag, []).append(word)
        join = cls.SEPARATOR.join
        groups = {first: (join(words), join(tags[w] for w in words if w in tags),
                          array.array("q", [freq[w] for w in words]).tobytes()) for first, words in firsts.items()}
        return groups, {tag: join(words) for tag, words in by_tag.items()}


class Segmenter:
    """``tokenizer.cut(phrase, HMM=False)`` of jieba on a tokenizer holding ``freq`` and ``total``, the same words,
    about 1.5× as fast: each dictionary word's weight (its log frequency less the log total) is computed at its
    first use, not at every use, and the word graph and the best route are built in one pass from the phrase's end.
    The words must not change afterwards."""

    LATIN = frozenset(string.ascii_letters + string.digits)  # jieba's re_eng: single ones are buffered together

    def __init__(self, freq: dict[str, int], total: int, words: LazyWords | None = None):
        self.freq, self.total, self.words = freq, total, words
        self.log_total = math.log(self.total)
        self.weights: dict[str, float] = {}  # filled as words are met: memory for the words a process sees
        self.unknown = math.log(1) - self.log_total

    def cut(self, sentence: str):
        """The words of ``sentence``, as jieba's ``cut(sentence, HMM=False)`` yields them."""
        if self.words is not None:
            self.words.ensure(sentence)
        for block in HAN_BLOCK.split(sentence):
            if not block:
                continue
            if HAN_BLOCK.match(block):
                yield from self._cut_block(block)
                continue
            for part in SKIP.split(block):
                if SKIP.match(part):
                    yield part
                else:
                    yield from part

    def _route(self, block: str) -> list[tuple[float, int]]:
        """For each start, (score, last index) of the best path to the end: jieba's ``get_DAG`` and ``calc``."""
        freq, weights, size = self.freq, self.weights, len(block)
        route: list[tuple[float, int]] = [(0, 0)] * (size + 1)
        for start in range(size - 1, -1, -1):
            best = None
            end, fragment = start, block[start]
            while end < size and fragment in freq:
                if freq[fragment]:
                    weight = weights.get(fragment)
                    if weight is None:
                        weight = weights[fragment] = math.log(freq[fragment]) - self.log_total
                    candidate = (weight + route[end + 1][0], end)
                    if best is None or candidate > best:
                        best = candidate
                end += 1
                fragment = block[start:end + 1]
            route[start] = best if best is not None else (self.unknown + route[start + 1][0], start)
        return route

    def _cut_block(self, block: str):
        route, at, buffer = self._route(block), 0, ""
        while at < len(block):
            end = route[at][1] + 1
            word = block[at:end]
            if len(word) == 1 and word in self.LATIN:
                buffer += word
            else:
                if buffer:
                    yield buffer
                    buffer = ""
                yield word
            at = end
        if buffer:
            yield buffer


def _domain_verbs() -> set[str]:
    lexicon = rulebook.lexicon()
    signs, metric = lexicon["signs"], lexicon["metric"]
    return {w for w in [*signs["down"], *signs["up"], *metric["verbs"], *metric["flow_verbs"]] if len(w) > 1}


@functools.lru_cache(maxsize=8192)
def tag(phrase: str) -> tuple[tuple[str, str], ...]:
    """The words of ``phrase`` with jieba's tags (n, v, d, p …); unknown words are tagged x."""
    segmenter, tags = _dictionary()
    return tuple((word, tags.get(word, "x") if len(word) > 1 or word in SINGLE_FUNCTION else "x")
                 for word in segmenter.cut(phrase))


@functools.lru_cache(maxsize=8)
def _word_endings(wanted: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Last character → the words that :func:`tag` may give one of the ``wanted`` tags."""
    segmenter, _ = _dictionary()
    ends: dict[str, list[str]] = {}
    for word_tag in sorted(wanted):
        for word in segmenter.words.tagged(word_tag):
            if len(word) > 1 or word in SINGLE_FUNCTION:
                ends.setdefault(word[-1], []).append(word)
    return {last: tuple(words) for last, words in ends.items()}


def may_end_with(phrase: str, wanted: frozenset[str]) -> bool:
    """Whether the last word :func:`tag` gives for ``phrase`` may carry one of the ``wanted`` tags: False when the
    phrase ends with no dictionary word of those tags, so it need not be tagged to know (every word the segmenter
    yields is the phrase's own characters, and only dictionary words get a tag other than x)."""
    return bool(phrase) and phrase.endswith(_word_endings(wanted).get(phrase[-1], ()))


def build(out: Path = WORDS_FILE) -> int:
    """Write ``pos_words.txt.gz`` from the installed jieba's dict.txt; returns the number of words kept."""
    import jieba
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


@functools.cache
def dictionary_places() -> frozenset[str]:
    """The words the installed jieba's dictionary tags ``ns`` (a place), at any frequency (江门, 东京, 顺德区: the cut
    dictionary above lacks many); read once, where a word already in a place's position must be told a place."""
    import jieba
    with Path(jieba.__file__).with_name("dict.txt").open(encoding="utf-8") as lines:
        return frozenset(parts[0] for parts in map(str.split, lines) if len(parts) == 3 and parts[2] == "ns")


if __name__ == "__main__":
    print(f"{build()} words written to {WORDS_FILE}")
