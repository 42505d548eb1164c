"""Organisations the taxonomy does not list, found by a name grammar (``organizations.toml``).

A name ends with a suffix: a public body's (…人民政府办公厅, …委员会, …管理中心, …局/厅/署; a country's …部) or a
firm's (…证券, …银行, …保险, …基金, …集团, …股份有限公司; rating agencies, associations). The words before the
suffix are read with jieba's dictionary tags (``analyzer.text.pos``, which knows jieba's ``nt`` organisation and ``ns``
place words and the taxonomy's names) back to a word that cannot be part of a name (据, 表示, a verb, a numeral …).
A body must start at a place (北京市, 郑州市, 以色列, 汤阴县); a firm needs a word of its own, not only generic words
(财通证券, 瑞穗证券 — not 商业银行, 股份制银行, 上市公司). A firm known by a short name (新致软件, 路德环境) is read
where a clause starts with it as the subject of company news (…公告, …(688825.SH), …首席经济学家; the ``subject``
rows), and then wherever the text repeats it. Listed firms' short names harvested from the news archive
(``listed_firms.toml``, made by ``firm_harvest.py``: 鼎阳科技, 五洲新春) are read wherever a text writes them as words of
their own and no other reading holds them (rule ``listed_firm``).

    finder = OrganizationFinder()
    finder("据财通证券研报，北京市住房和城乡建设委员会发布通知")
    # [Organization(1, 5, 'financial_firm', 'firm'), Organization(8, 21, 'commission', 'body')]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from analyzer import rulebook
from analyzer.taxonomy import BRANCH_BANKS, load_taxonomy
from analyzer.text.patterns import max_width, with_first_characters
from analyzer.text.pos import tag as dictionary_tag

DATA_FILE = Path(__file__).with_name("organizations.toml")
LISTED_FIRMS_FILE = Path(__file__).with_name("listed_firms.toml")
# a run of name characters that starts a clause or a list item (at the text's start, after punctuation, 、 or a space);
# a ``subject`` row with ``before`` puts its own words in front instead of the clause start (由…领投)
_CLAUSE_START = r"(?:(?<=^)|(?<=[【】\[\]，。；：！？,.;:!?\s“”\"、]))"
_SUBJECT_GROUP = (r"((?<![A-Za-z0-9&\-] )[A-Za-z][A-Za-z0-9&\-]*(?:(?: &)? [A-Za-z][A-Za-z0-9&\-]*){0,4}[\u4e00-\u9fff]{0,4}?"
                  r"|[\u4e00-\u9fff*][\u4e00-\u9fffA-Za-z*]{1,7}?)")
_SUBJECT_NAME = _CLAUSE_START + _SUBJECT_GROUP
# a character no subject name holds (every character class of _SUBJECT_NAME's group lies inside this one's complement)
_NOT_NAME_CHAR = rulebook.regex(r"[^\u4e00-\u9fffA-Za-z0-9&\-* ]")
MAX_REACH = 1000  # a row whose words may come later than this after the name is searched whole
_LATIN_NAME = rulebook.regex(r"[A-Z][A-Za-z&]{1,}|[a-z]+[A-Z][A-Za-z&]*")  # Fortinet; camel case: eToro, xAI
# an item of a 、-list that ends right before ``end``: the same name shapes as a subject, after a clause start or 、
_LIST_ITEM = rulebook.regex(r"(?:^|(?<=[【】\[\]，。；：！？,.;:!?\s“”\"、])|(?<=由))"
                            r"([A-Za-z][A-Za-z0-9&\-]*(?: [A-Za-z][A-Za-z0-9&\-]*){0,3}|[\u4e00-\u9fff*][\u4e00-\u9fffA-Za-z*]{1,7})、$")
# a Latin firm name: capitalised words (Roland Berger, Credit Agricole CIB, OpenAI, Block & Leviton); not an all-digit
# token
# a Latin name written in lower camel case (eToro, xAI, iFlytek)
_CAMEL = r"[a-z]+[A-Z][A-Za-z0-9]*"
_LATIN_FIRM = r"[A-Z][A-Za-z0-9&.\-]*[A-Za-z](?:(?: &)? [A-Z][A-Za-z0-9&.\-]*[A-Za-z]){0,3}"
_LATIN_FIRM_NAME = rulebook.regex(_LATIN_FIRM)
# a person's Latin name: a given name, an initial perhaps, a surname (double-barrelled or with an apostrophe)
_LATIN_PERSON = re.compile(r"([A-Z][a-z]+) (?:[A-Z]\. )?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?")
# a stock ticker in brackets (NVDA.O, 0700.HK) is no Latin gloss of the name before it
_NO_TICKER = r"(?![A-Z0-9]{1,6}\.(?:O|N|OQ|US|A|HK|SH|SZ|BJ)[)）])"
# capitalised Latin words of a firm's name before its legal form (Check Point Software Technologies)
_LATIN_WORDS = r"[A-Z][A-Za-z0-9&\-]*(?:(?: &)? [A-Z][A-Za-z0-9&\-]*){0,4}"
_NAME_CHAR = rulebook.regex(r"[\u4e00-\u9fffA-Za-z0-9]")
CLAUSE_BREAK = rulebook.regex(r"[，。；：！？!?;:\n、（）()“”\"《》【】\[\]\s]")
_CJK_WORD = rulebook.regex(r"[\u3400-\u9fff]")
_CJK_NAME = rulebook.regex(r"[\u4e00-\u9fff]{2,6}")
MAX_FIRM_WORDS = 6
# a bracketed place or group inside a firm's name (（中国）, （集团）, （HK）): the splitting group keeps it a piece
_PLACE_AFTER = rulebook.regex(r"[（(]([\u4e00-\u9fff]{2,6})[）)]")
# the name a headline opens with before a colon (【九安医疗：…】)
_HEADLINE_SPEAKER = rulebook.regex(r"(?:^|(?<=【))(?:[二两三四五六七八九十\d]连板)?([\u4e00-\u9fffA-Za-z*][\u4e00-\u9fffA-Za-z0-9*]{1,7})[：:]")
# a firm's name in Latin letters only (eToro, LPL Financial)
_LATIN_SUBJECT = rulebook.regex(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Za-z0-9&.\-]+){0,4}")
# a Latin name in brackets right after a name (（Occidental Petroleum）, （Il Dong Pharmaceutical Co.）, （BIS））; no ticker
_GLOSS_AFTER = rulebook.regex(rf"\s?[（(]\s?{_NO_TICKER}({_LATIN_FIRM}\.?)\s?[)）]")
# a share class written after a firm's short name (京东方A, 万科Ａ)
_SHARE_CLASS = frozenset("ABHＡＢＨ")
# where a bracketed gloss may open: right after a Chinese character, with a space or not
_GLOSS_OPEN = rulebook.regex(r"(?<=[\u4e00-\u9fff])\s?[（(]")
# a ticker's exchange code at the end of a Latin word (RDS.B.N)
_TICKER_END = rulebook.regex(r"\.(?:O|N|OQ|US|A|HK|SH|SZ|BJ)$")
# a bare short capital word: a firm's ticker when written after its name (BAC, MMM)
_BARE_TICKER = rulebook.regex(r"[A-Z]{1,5}")
_BRACKET_GROUP = rulebook.regex(r"([（(][\u4e00-\u9fffA-Za-z]{1,8}[）)])")
_QUANTIFIER = rulebook.regex(r"(?:[?*+]|\{\d*(?:,\d*)?\})\??")


@functools.lru_cache(maxsize=8192)
def tag(phrase: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and tags of ``phrase`` (``analyzer.text.pos.tag``), with the grammar's ``retag`` applied: place
    words jieba's dictionary tags otherwise (大连 an adverb) are places here, so a firm's name that starts
    with one (大连冶金) has a word of its own."""
    retag = _retag()
    return tuple((word, retag.get(word, word_tag)) for word, word_tag in _joined(dictionary_tag(phrase)))


@functools.cache
def _retag() -> dict[str, str]:
    return dict(load_grammar()["grammar"].get("retag", {}))


@functools.cache
def _joined_places() -> frozenset[str]:
    return frozenset(w for row in load_grammar().get("joined_place", ()) for w in row["words"])


def _joined(words: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The words with each run of them that spells a ``joined_place`` word (都 匀 → 都匀) made one place word: the
    dictionary does not know the place and splits off its first character as a stop word."""
    joined, out, index = _joined_places(), [], 0
    while index < len(words):
        text, end = words[index][0], index + 1
        while end < len(words) and text not in joined and len(text) < 4:
            text, end = text + words[end][0], end + 1
        if text in joined and end > index + 1:
            out.append((text, "ns"))
            index = end
        else:
            out.append(words[index])
            index += 1
    return out


@dataclass(frozen=True)
class Organization:
    """A span of the text that the grammar reads as an organisation's name, and the rule that read it."""
    start: int
    end: int
    rule: str
    family: str  # body (place + body) | firm
    name: str = ""  # the full name a short one stands for (蚂蚁 → 蚂蚁集团); empty: the written name

def _alternation(words) -> str:
    """A regular expression's alternation of ``words``, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class _Suffix:
    text: str
    family: str  # body | firm
    rule: str
    bare: bool = False
    countries_only: bool = False


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    tag: str


@functools.cache
def _concept_words() -> frozenset[str]:
    return frozenset(n for e in load_taxonomy() if e.kind in ("tools", "sectors") for n in e.names)


@functools.cache
def _institution_names() -> tuple[str, ...]:
    return tuple(n for e in load_taxonomy() if e.kind == "institutions" for n in e.names if len(n) > 1)


@functools.cache
def _institution_name_set() -> frozenset[str]:
    return frozenset(_institution_names())


def holds_institution(name: str, upper: bool = False) -> bool:
    """Whether a taxonomy institution's name is a part of ``name`` short of all of it (美联储戴利, 中国移动董事长杨杰);
    ``upper``: ``name`` is upper-cased and so are the names compared (MINIMAX-WP holds MiniMax)."""
    names = _upper_institution_names() if upper else _institution_names()
    return any(inner in name and inner != name for inner in names)


@functools.cache
def _upper_institution_names() -> tuple[str, ...]:
    return tuple(n.upper() for n in _institution_names())


def _ends_known_name(text: str, at: int) -> bool:
    """Whether a taxonomy institution's name ends at ``at`` (荷兰银行(ABN AMRO Bank))."""
    return any(text.endswith(name, 0, at) for name in _institution_name_set())


def _ends_known(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a taxonomy institution's name that starts after ``start`` (中国国家互联网
    信息办公室 ends with the taxonomy's 国家互联网信息办公室)."""
    return any(text.endswith(name, start + 1, end) for name in _institution_name_set() if len(name) < end - start)


@functools.cache
def load_grammar() -> dict:
    return rulebook.parse_toml(DATA_FILE.read_text(encoding="utf-8"))


@functools.cache
def _listed_firm_automaton() -> ahocorasick.Automaton | None:
    """An automaton of the harvested names that the ``not_listed`` rows leave in (value: the name's length)."""
    data = listed_firm_data()
    names = {row["name"] for row in data["firm"]} - set(data["not_listed"])
    if not names:
        return None
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return automaton


@functools.cache
def listed_firm_data() -> dict:
    """``listed_firms.toml``: the harvested short names of listed firms and the names left out of the harvest."""
    return rulebook.parse_toml(LISTED_FIRMS_FILE.read_text(encoding="utf-8"))


class OrganizationFinder:
    """Callable: ``finder(text)`` → organisations named in the (normalized) text, in order, overlaps included."""

    _titled: tuple[str | None, frozenset[str]] = (None, frozenset())  # (the last text, the strings after its titles)

    def __init__(self, grammar: dict | None = None):
        grammar = grammar or load_grammar()
        settings = grammar["grammar"]
        self.suffixes: dict[str, list[_Suffix]] = {}
        for family in ("body", "firm"):
            for rule in grammar[family]:
                for text in rule["suffixes"]:
                    self.suffixes.setdefault(text, []).append(_Suffix(
                        text, family, rule["id"], rule.get("bare", False), rule.get("countries_only", False)))
        alternation = "|".join(map(re.escape, sorted(self.suffixes, key=len, reverse=True)))
        self.pattern = rulebook.regex(f"(?:{alternation})")
        self._load_edge_rows(grammar)
        self.verb_suffixes = {row["suffix"]: (tuple(row["after_words"]), rulebook.regex(row["before"]))
                              for row in grammar.get("verb_suffix", ())}
        self.window = settings["window"]
        self.not_before = tuple(settings["not_before"])
        self.not_after = tuple(settings["not_after"])
        self.not_after_names = tuple(settings.get("not_after_names", ()))
        self.generic_last = frozenset(settings["generic_last_rules"])
        self.own_name_rules = frozenset(settings["own_name_rules"])
        self.open_name_rules = frozenset(settings.get("open_name_rules", ()))
        self.branch_of = frozenset(settings.get("branch_of", ()))
        self.stop_words = frozenset(settings["stop_words"])
        self.firm_stop_words = frozenset(settings["firm_stop_words"])
        self._load_body_stops(settings, grammar)
        self.stop_tags = frozenset(settings["stop_tags"])
        self.body_tags = frozenset(settings["body_tags"])
        self.task_tags = frozenset(settings["task_tags"])
        self.generic = frozenset(settings["generic"])
        self.proper_tags = frozenset(settings["proper_tags"])
        self.concepts = _concept_words()  # tool and sector names: what a firm is about, not its name
        self.places = frozenset(settings["places"])
        self.not_places = frozenset(settings["not_places"])
        self.countries = frozenset(settings["countries"])
        endings = "|".join(sorted(settings["place_endings"], key=len, reverse=True))
        self.place_word = rulebook.regex(f"[^\\W\\d_省市县区州]\\w{{0,7}}?(?:{endings})")
        self.township_endings = tuple(settings.get("township_endings", ()))
        self.lead_tags = frozenset(settings.get("firm_list_lead_tags", ()))
        self.not_subjects = frozenset(settings["not_subjects"])
        self.people = frozenset(settings.get("people", ()))
        self.latin_given_names = frozenset(settings.get("latin_given_names", ()))
        self.person_titles = tuple(settings.get("person_titles", ()))
        self.street_endings = tuple(settings.get("street_endings", ()))
        self.not_listed_parts = tuple(settings.get("not_listed_parts", ()))
        self.not_latin = frozenset(settings["not_latin"])
        self.not_subject_parts = tuple(settings["not_subject_parts"])
        self.latin_after = [(row["id"], rulebook.regex(f"{row['before']}\\s?({_LATIN_FIRM})"))
                            for row in grammar.get("latin_after", [])]
        self.not_subject_endings = tuple(settings.get("not_subject_endings", ()))
        self._load_name_shapes(settings)
        self.glosses = [(row["id"], rulebook.regex(f"{row['before']}([\u4e00-\u9fff]{{2,6}}?)\\s?[(（]{_NO_TICKER}({_LATIN_FIRM})[)）]"))
                        for row in grammar.get("gloss", [])]
        self.short_name_rules = frozenset(settings["short_name_rules"])
        self.short_name_trades = tuple(settings.get("short_name_trades", ()))
        self.firm_suffixes = sorted((x for x, rows in self.suffixes.items() if any(r.rule in self.short_name_rules
                                                                                for r in rows)), key=len, reverse=True)
        self.apposition_suffixes = frozenset(settings["apposition_suffixes"])
        self.apposition = rulebook.regex(f"{settings['apposition_before']}([\u4e00-\u9fff]{{2,4}})$")
        self._load_subjects(grammar["subject"])
        self._load_glosses(grammar)

    def _load_body_stops(self, settings: dict, grammar: dict) -> None:
        """The words that end a body's name going back (:meth:`_body_stop`): 的 unless before 肺炎, heads' titles
        (代省长, 市长) unless a place's ending (place_endings) was split off into them, and the ``body_list`` rows'
        conjunctions after a word that ends with a body's suffix."""
        self.body_stop_words = frozenset(settings["body_stop_words"])
        self.body_stop_unless_before = frozenset(settings["body_stop_unless_before"])
        self.body_stop_titles = frozenset(settings.get("body_stop_titles", ()))
        self.place_ending_chars = tuple(settings["place_endings"])
        self.body_list_words = frozenset(w for row in grammar.get("body_list", ()) for w in row["words"])
        self.body_suffix_texts = tuple(s for row in grammar["body"] for s in row["suffixes"])

    def _load_edge_rows(self, grammar: dict) -> None:
        """The ``bank_branch`` rows (a bank's categories, the branch pattern), the ``head_title`` rows, the
        ``date_before_name`` rows' patterns, the ``legal_inside`` and ``subject_trail`` rows' words and the
        ``latin_before`` rows."""
        self.date_before_name = [rulebook.regex(row["pattern"]) for row in grammar.get("date_before_name", ())]
        self.inside_words = frozenset(w for row in grammar.get("legal_inside", ()) for w in row["words"])
        self.subject_trails = tuple(sorted((w for row in grammar.get("subject_trail", ()) for w in row["words"]),
                                           key=len, reverse=True))
        self.latin_before = [(row["id"], rulebook.regex(f"(?<![A-Za-z0-9&.\\-])((?:{_LATIN_FIRM}|{_CAMEL})\\s?(?:{row['after']}))"),
                              rulebook.regex(row["not_name"])) for row in grammar.get("latin_before", [])]
        self.bank_branches = [(BRANCH_BANKS, rulebook.regex(row["after"]))
                              for row in grammar.get("bank_branch", ())]
        self.head_titles = [(frozenset(row["suffixes"]), row["title"], tuple(row["not_then"]), tuple(row["not_after"]),
                             rulebook.regex(row["not_inside"])) for row in grammar.get("head_title", ())]
        self.place_bodies = [(row["id"], rulebook.regex(row["pattern"]), row["names"], row["place_window"],
                              row.get("countries_only", False)) for row in grammar.get("place_body", ())]
        self.named_as = [(row["id"], rulebook.regex(
            f"(?:{_alternation(row['before'])})[“\"「]?({row['name']})[”\"」]?的(?:{_alternation(row['after'])})"))
            for row in grammar.get("named_as", ())]

    def _load_glosses(self, grammar: dict) -> None:
        """The ``latin_gloss`` and ``gloss_after`` rows, and the stand-in entry ids of public bodies' readings."""
        self.latin_glosses = [(row["id"], rulebook.regex(
            rf"\s?[（(]\s?({_LATIN_WORDS} (?:{'|'.join(map(re.escape, sorted(row['latin_words'], key=len, reverse=True)))}))"
            rf"\s?[)）]"), tuple(row["descriptor_endings"])) for row in grammar.get("latin_gloss", [])]
        self.gloss_after_rows = [(row["id"], frozenset(row.get("firm_categories", ()))) for row in grammar.get("gloss_after", [])]
        # the stand-in entry ids of readings that are public bodies (mentions.outside_entry: outside_{rule})
        # (and of the ``gloss_after`` rows' ``not_firm_rules``: associations and universities, whose acronym in
        # brackets is no bare ticker: 美国供应管理协会（ISM）)
        self.body_rule_ids = frozenset(f"outside_{rule}" for rule in
                                       [row["id"] for row in grammar["body"]] + ["body_tail", "sub_body"]
                                       + [row["id"] for row in grammar.get("place_body", [])]
                                       + [r for row in grammar.get("gloss_after", []) for r in row.get("not_firm_rules", ())])
        self.give_way_rules = frozenset(grammar["grammar"].get("give_way_rules", ()))
        self.coded_not_first = tuple(grammar["grammar"].get("coded_not_first", ()))  # 维持华润水泥(01313.HK)

    def _load_subjects(self, rows: list[dict]) -> None:
        """The ``subject`` rows: each one's pattern, words and reach, and the rows of Latin names and of no people."""
        self.subjects = [(row["id"], rulebook.regex(_subject_pattern(row)), row.get("markets", False),
                          row.get("lists", False)) for row in rows]
        self.latin_subject_rows = frozenset(row["id"] for row in rows if row.get("latin", False))
        self.market_rows = frozenset(row["id"] for row in rows if row.get("markets", False))
        self.no_people_rows = frozenset(row["id"] for row in rows if row.get("no_people", False))
        # rows whose words are evidence enough (a US ticker): the name need only be one word, not refused (百事(PEP.O))
        self.ticker_rows = frozenset(row["id"] for row in rows if row.get("ticker", False))
        # rows whose words are a stock code (长鑫科技 (688825.SH), 中国电力(02380.HK)): the name need only be a listed
        # name (three characters or more, no refused, index or board word), not one with a proper word
        self.coded_rows = frozenset(row["id"] for row in rows if row.get("coded", False))
        # each row's words alone: a text without them skips the row's (slower) name pattern
        self.subject_words = {row["id"]: rulebook.regex(with_first_characters(required_part(row["after"])))
                              for row in rows}
        # how far after the name the row's words may start: the most its optional words in front of them take
        self.subject_reach = {row["id"]: optional_reach(row["after"]) for row in rows}
        self._load_subject_terms(rows)

    def _load_subject_terms(self, rows: list[dict]) -> None:
        """The ``subject`` rows' terms on the name itself: ``coined`` and ``whole`` (with ``not_endings``)."""
        # rows with words of their own before the name (由, 收购): one search finds their next match faster than a
        # match tried at every start before each occurrence of the words after it
        self.searched_subject_rows = frozenset(row["id"] for row in rows if "before" in row)
        # rows whose name ends in a coined part: that many last characters are no word of jieba's (中国南车; not 中国日报)
        self.coined_rows = {row["id"]: row["coined"] for row in rows if "coined" in row}
        # rows whose words vouch for a coined name jieba's tags mislead on (恒铭达公告: 达 a verb to jieba)
        self.coined_name_rows = frozenset(row["id"] for row in rows if row.get("coined_names", False))
        # rows whose name must be a whole name: no known or listed name inside it, no place alone or a country leading
        # a Latin name, none of the row's ``not_endings`` last (增持盐湖股份市值最高, 收购万科股权, 与俄罗斯达成)
        self.whole_rows = {row["id"]: tuple(row.get("not_endings", ())) for row in rows if row.get("whole", False)}

    def _load_name_shapes(self, settings: dict) -> None:
        """The settings of legal forms, places after a name, kinds of firm and listed short names."""
        self.legal_forms = frozenset(text for text, rows in self.suffixes.items()
                                     if any(row.rule in settings["legal_form_rules"] for row in rows))
        self.legal_stop_tags = frozenset(settings["legal_stop_tags"])
        self.legal_window = settings["legal_window"]
        self.deal_verbs = frozenset(settings["deal_verbs"])
        self.coined_inside = frozenset(settings["coined_inside"])
        self.regions = frozenset(settings["regions"])
        self.place_kind_rules = frozenset(settings["place_kind_rules"])
        self.place_kind_names = frozenset(settings.get("place_kind_names", ()))
        self.subject_tails = tuple(sorted(settings["subject_tails"], key=len, reverse=True))
        self.stem_stop_tags = frozenset(settings["stem_stop_tags"])
        self.listed_prefixes = tuple(sorted(settings["listed_prefixes"], key=len, reverse=True))
        self.headline_not = frozenset(settings["headline_not"])
        self.media_endings = tuple(settings["media_endings"])
        self.headline_short = (settings["headline_short_length"], rulebook.regex(settings["headline_short_after"]))
        self.headline_confirmed = rulebook.regex(settings.get("headline_confirmed_after", "(?!)"))
        forms = "|".join(map(re.escape, sorted(settings["latin_legal_forms"], key=len, reverse=True)))
        self.latin_legal = rulebook.regex(f"(?<![A-Za-z])({_LATIN_WORDS}),? (?:{forms})(?![A-Za-z])")
        self.latin_trade_words = frozenset(settings["latin_trade_words"])
        self.list_lead_tags = frozenset(settings["list_lead_tags"])
        self.list_lead_words = tuple(settings.get("list_lead_words", ()))
        self.listed_trades = tuple(sorted(settings.get("listed_trades", ()), key=len, reverse=True))
        self.tail_rules = frozenset(settings.get("tail_rules", ()))
        self.tail_length = settings.get("tail_length", 3)
        self.sub_body_of = frozenset(settings["sub_body_of"])
        suffixes = "|".join(sorted(settings["sub_body_suffixes"], key=len, reverse=True))
        self.sub_body = rulebook.regex(f"[\u4e00-\u9fff]{{2,{settings['sub_body_window']}}}?(?:{suffixes})")
        item = r"(?:[A-Za-z][A-Za-z0-9&\-]*(?: [A-Za-z][A-Za-z0-9&\-]*){0,2}|[\u4e00-\u9fff]{2,8})"
        self.closed_list = rulebook.regex(f"(?:^|(?<=[，。；：！？,.;:!?\\s“”\"（(])|(?<=包括)|(?<=如))({item}(?:[、和及与]{item})+)"
                                          f"等(?:[\u4e00-\u9fff]{{0,4}}?)(?:{settings['closed_list_words']})")

    def __call__(self, text: str) -> list[Organization]:
        found = []
        for match in self.pattern.finditer(text):
            if match.group() in self.legal_forms:  # a legal form closes a name whatever follows (有限公司业绩)
                start = self._legal_start(text, match.start())
                if start is not None:
                    found.append(Organization(start, match.end(), "legal_form", "firm"))
                continue
            if self._no_suffix_here(text, match):
                continue
            if self._common_before(text, match):
                continue
            words = _merge_loose_characters(self._words_before(text, match.start()), self.stop_words)
            for suffix in self.suffixes[match.group()]:
                if suffix.family == "body":
                    start = self._body_start(words, suffix)
                else:
                    start = self._firm_start(words, suffix)
                    if start is None and match.group() in self.apposition_suffixes:
                        start = self._apposition_start(text, match.start())
                if self._kept(suffix, text, start, match.end()):
                    found.append(Organization(start, match.end(), suffix.rule, suffix.family))
                    break
        found += self.short_names(text, found)
        found += self.body_tails(text, found) + self.place_bodies_found(text)
        found = [self._past_date(text, self._with_place_after(text, o)) for o in found]
        listed = self.listed_firms(text)  # read once: the subjects' repetitions and the names outside both ask
        found += self.subjects_found(text, listed, frozenset(o.end for o in found))
        return self._weak_give_way(found + self._listed_outside(text, found, listed))

    def place_bodies_found(self, text: str) -> list[Organization]:
        """Bodies named by a word right after their place's words (上海市十五届人大 → 上海市人民代表大会, 乌克兰军队: the
        ``place_body`` rows): the place words right before the pattern, one word of two characters or more at least
        (a country's with ``countries_only``); the name is the place's and the pattern's group's full name."""
        found = []
        for rule, pattern, names, window, countries in self.place_bodies:
            for match in pattern.finditer(text):
                start = self._place_before(text, match.start(), window, countries)
                if start is not None:
                    name = text[start:match.start()] + names[match.group(1)]
                    found.append(Organization(start, match.end(1), rule, "body", name))
        return found

    def _place_before(self, text: str, end: int, window: int, countries: bool) -> int | None:
        """The start of the place words that end at ``end`` (安徽省 in 红丽安徽省), or None where the last word is none
        or a bare one-character place (省, 市), or no country's where ``countries``."""
        words = list(tag(text[max(0, end - window):end]))
        start = end
        while words and self.is_place(*words[-1]) and len(words[-1][0]) > 1 \
                and (not countries or words[-1][0] in self.countries):
            start -= len(words.pop()[0])
        return start if start < end else None

    def _no_suffix_here(self, text: str, match: re.Match) -> bool:
        """Whether the suffix matched is part of another word (局长, 当局: ``not_before``, ``not_after``) or a verb
        (中储粮集团控股的合资公司: ``verb_suffixes``)."""
        if text.startswith(self.not_before, match.end()) and not self._head_title(text, match) \
                or text.endswith(self.not_after, 0, match.end()) \
                and not text.endswith(self.not_after_names, 0, match.end()):
            return True
        row = self.verb_suffixes.get(match.group())
        return row is not None and text.endswith(row[0], 0, match.start()) and row[1].match(text, match.end()) is not None

    def _head_title(self, text: str, match: re.Match) -> bool:
        """Whether the suffix is a body named by its head's title (菲律宾能源部长, 美国劳工统计局长: the grammar's
        ``head_title`` rows): the title follows, no word that makes it another (部长级, 部长会议) after it, no word
        before the suffix that makes the title a deputy's, a senior one's or the body's own head's (副部长, 高级部长,
        局局长), and no ``not_inside`` word between the clause's start and the suffix (副总理兼外交部长, 资源部新上任部长)."""
        return any(match.group() in suffixes and text.startswith(title, match.end())
                   and not text.startswith(not_then, match.end() + len(title))
                   and not text.endswith(not_after, 0, match.start())
                   and not inside.search(text, max(0, match.start() - self.window), match.start())
                   for suffixes, title, not_then, not_after, inside in self.head_titles)

    def _kept(self, suffix: _Suffix, text: str, start: int | None, end: int) -> bool:
        """Whether a suffix rule's reading from ``start`` stands: there is one, and a ``give_way_rules`` reading does not
        end with a taxonomy name (中国国家互联网信息办公室 is the taxonomy's body)."""
        return start is not None and not (suffix.rule in self.give_way_rules and _ends_known(text, start, end))

    def _listed_outside(self, text: str, found: list[Organization], listed: list[Organization]) -> list[Organization]:
        """The listed firms' names (``listed``: :meth:`listed_firms` of the text) that no other rule read and that lie
        outside every other reading but a trade word's (新希望 of 新希望智能设备制造（北京）有限公司 is part of the longer
        name)."""
        if not listed:
            return []
        read = Coverage(len(text), ((o.start, o.end) for o in found if o.rule not in self.own_name_rules))
        same = {(o.start, o.end) for o in found}
        return [o for o in listed if not read.overlaps(o.start, o.end) and (o.start, o.end) not in same]

    def _with_place_after(self, text: str, org: Organization) -> Organization:
        """A firm's reading takes the bracketed place written right after it, which names the subsidiary there
        (中银资产管理（新加坡）, 金光星创集团投资公司（印尼））."""
        match = _PLACE_AFTER.match(text, org.end) if org.family == "firm" else None
        if match is None or not self._names_place(match.group(1)):
            return org
        return Organization(org.start, match.end(), org.rule, org.family, org.name)

    def _past_date(self, text: str, org: Organization) -> Organization:
        """A reading that starts with a date's unit written after its number (30日苏州…有限公司: jieba joins 日 to the
        name's first word) starts after it (the grammar's ``date_before_name`` rows)."""
        if any(pattern.match(text, org.start) for pattern in self.date_before_name) and org.end - org.start > 3:
            return Organization(org.start + 1, org.end, org.rule, org.family, org.name)
        return org

    def _names_place(self, word: str) -> bool:
        """A country, region or place word (新加坡, 印尼, 亚洲, 香港)."""
        if word in self.places or word in self.countries or word in self.regions:
            return True
        return all(t == "ns" for _, t in tag(word))

    def _legal_start(self, text: str, end: int) -> int | None:
        """The start of a name before a legal form (…有限公司): the words back to the first that cannot be part of a
        name, over a bracketed place or group (华侨永亨银行（中国）有限公司, 上海城投公路投资（集团）有限公司) and whatever
        jieba's tags of a firm's coined words (娃哈哈: 哈哈 an interjection; 钧正: 正 an adverb; 出版, 创意 verbs). A deal
        verb ends the name (收购成都新成量工具有限公司), and a verb in front gives way to a place after it (出售浙江…)."""
        kept: list[_Word] = []
        words = self._legal_words(text, end)
        for index in range(len(words) - 1, -1, -1):
            if self._legal_name_stops(words, index, bool(kept)) and not self._verb_inside(words, index, kept):
                break
            kept.insert(0, words[index])
        while kept and (kept[0].tag == "bracket" or kept[0].tag in ("v", "vn") and self._place_after(kept)):
            kept.pop(0)
        if sum(len(w.text) for w in kept) < 2 or all(self._is_generic(w) for w in kept) \
                or (len(kept) == 1 and kept[0].tag in ("v", "vn")):  # 公司回购股份有限公司
            return None
        return kept[0].start

    def _legal_name_stops(self, words: list[_Word], index: int, inside: bool) -> bool:
        """Whether the name before a legal form stops at ``words[index]`` (going back; ``inside``: words are kept
        already): a word no such name holds or a deal verb, unless a stop character of a coined name."""
        word = words[index]
        if word.tag == "bracket" or not (self._ends_legal_name(word, last=not inside) or word.text in self.deal_verbs):
            return False
        return not (inside and word.text in self.coined_inside and _inside_coined(words, index))

    def _verb_inside(self, words: list[_Word], index: int, kept: list[_Word]) -> bool:
        """Whether the stop word ``words[index]`` is a word of the registered name around it (厦门金龙联合汽车工业有限公司,
        金川镍钴研究设计院有限责任公司: the ``legal_inside`` rows): one of the rows' words, between a name word of its
        own right before it and words after it that hold none (汽车工业, 集团, 设计院 name no firm alone)."""
        word, before = words[index], words[index - 1] if index else None
        if word.text not in self.inside_words or not kept or before is None or before.end != word.start:
            return False
        return self._is_proper(before) and not self._ends_legal_name(before) \
            and not any(self._is_proper(w) for w in kept)

    def sub_body_end(self, text: str, start: int) -> int | None:
        """The end of a body's name written at ``start`` right after its national body's (教育督导委员会办公室 after
        国务院): the shortest run up to a sub-body suffix whose words before the suffix hold no stop word, no
        person's name and no word of the stop tags but a task verb (督导, 改革); None when there is none, or when
        the run starts another word with the national body's last character (部长, 局长: ``not_before``)."""
        match = self.sub_body.match(text, start)
        if match is None or text.startswith(self.not_before, start):
            return None
        words = [_Word(0, 0, w, t) for w, t in tag(text[start:match.end()])]
        if any(w.tag.startswith("nr") or self._stops(w, "body") and (w.tag not in self.task_tags
                                                                    or w.text in self.stop_words) for w in words):
            return None
        return match.end()

    def _place_after(self, words: list[_Word]) -> bool:
        """Whether a place word follows the first word (出售 浙江 …)."""
        return any(self.is_place(w.text, w.tag) for w in words[1:])

    def _legal_words(self, text: str, end: int) -> list[_Word]:
        """The tagged words of the ``legal_window`` characters before ``end``; a bracketed group is one word."""
        left = max(0, end - self.legal_window)
        words: list[_Word] = []
        for piece in _BRACKET_GROUP.split(text[left:end]):
            if _BRACKET_GROUP.fullmatch(piece):
                words.append(_Word(left, left + len(piece), piece, "bracket"))
            else:
                words.extend(_Word(left + at, left + at + len(w), w, t) for w, t, at in _tagged_at(piece))
            left += len(piece)
        return _merge_loose_characters(words, self.stop_words)

    def _ends_legal_name(self, word: _Word, last: bool = False) -> bool:
        """A word no name before a legal form holds: a stop word, a firm's stop word (和, 子公司), a function word or
        a number (not as the word right before the form: 零部件 is a quantifier to jieba), a punctuation mark."""
        if not _CJK_WORD.search(word.text):
            return not _LATIN_NAME.fullmatch(word.text)
        if word.text in self.stop_words or word.text in self.firm_stop_words:
            return True
        return word.tag in self.legal_stop_tags and not last

    def _common_before(self, text: str, match: re.Match) -> bool:
        """A trade word (科技, 电子) after a common two-character word (量子科技, 消费电子) names no firm; checked on those
        two characters before the clause is tagged, since trade words are frequent."""
        if any(x.rule not in self.own_name_rules for x in self.suffixes[match.group()]):
            return False
        words = tag(text[max(0, match.start() - 2):match.start()])
        return len(words) == 1 and len(words[0][0]) == 2 and words[0][1] not in self.proper_tags and words[0][1] != "x"

    def _weak_give_way(self, found: list[Organization]) -> list[Organization]:
        """A reading by a trade word (…科技, …药业) gives way to any other reading it overlaps: 江苏澄远电子 inside
        江苏澄远电子科技股份有限公司, 股长鑫科技 against the subject 长鑫科技."""
        if not any(o.rule in self.own_name_rules for o in found):
            return found
        strong = Coverage(max(o.end for o in found), ((o.start, o.end) for o in found
                                                        if o.rule not in self.own_name_rules))
        return [o for o in found if o.rule not in self.own_name_rules or not strong.overlaps(o.start, o.end)]

    def _apposition_start(self, text: str, end: int) -> int | None:
        """The start of a name written right after the word for what it is (香港老牌券商耀才证券, 母公司华为集团), whatever
        jieba makes of its characters (耀 才 as an adverb)."""
        match = self.apposition.search(text, max(0, end - 12), end)
        if match is None or not self._is_stem(match.group(1)):
            return None
        # an unknown name, not common words (银行核心一级资本, 公司境外发行证券)
        words = list(tag(match.group(1)))
        if any(len(w) > 1 and t not in self.proper_tags and t != "x" for w, t in words):
            return None
        return match.start(1)

    def _is_stem(self, stem: str) -> bool:
        """A firm's name without its suffix (耀才, 瑞穗, 中信) that is a name of its own: no generic or concept word, no
        place (江苏 of 江苏银行), no stop word, and not one common word of jieba's (招商, 民生, 平安, 蚂蚁: they are
        words of their own elsewhere)."""
        if not _CJK_NAME.fullmatch(stem) or stem in self.generic or stem in self.concepts or stem in self.not_subjects \
                or stem in self.people:
            return False
        words = list(tag(stem))
        if any(w in self.stop_words or self.is_place(w, t) for w, t in words):
            return False
        return len(words) > 1 or words[0][1] in self.proper_tags or words[0][1] == "x"

    def is_place(self, word: str, word_tag: str) -> bool:
        return word in self.places or word in self.countries or word_tag == "ns"

    def _stem(self, full: str) -> str:
        """A firm's name without its suffix and a place in front (日本瑞穗证券 → 瑞穗); empty when nothing is left."""
        suffix = next((x for x in self.firm_suffixes if full.endswith(x)), "")
        words = list(tag(full[:len(full) - len(suffix)])) if suffix else []
        while words and self.is_place(*words[0]) and (len(words[0][0]) > 1 or words[0][1] == "ns"):
            words.pop(0)
        return "".join(w for w, _ in words)

    def short_names(self, text: str, found: list[Organization]) -> list[Organization]:
        """A firm read by its suffix is also named by its stems after it (耀才证券 … 耀才; 周大福珠宝集团 … 周大福) and in a
        leading 【…】 headline before it: each such occurrence of the stem outside a longer reading counts, with the
        full name."""
        out: list[Organization] = []
        taken: Coverage | None = None  # the readings so far, built at the first stem
        named = [(org, self._stems(text[org.start:org.end])) for org in found if org.rule in self.short_name_rules]
        # every stem's occurrences in one pass: a search of the whole text for each firm grew with a long document
        starts = occurrences_of_all(text, {stem for _, stems in named for stem in stems})
        for org, stems in named:
            full = text[org.start:org.end]
            taken = taken or Coverage(len(text), ((o.start, o.end) for o in found))
            headline = _headline_end(text, org.start)
            for stem in stems:
                for at in [a for a in starts[stem] if a < headline or a >= org.end]:
                    if not taken.covers(at):
                        out.append(Organization(at, at + len(stem), "short_name", "firm", full))
                        taken.add(at, at + len(stem))
        return out

    def body_tails(self, text: str, found: list[Organization]) -> list[Organization]:
        """A body read with its place is named again by its name without the place (以色列卫生部 … 卫生部; 美国最高法院 …
        最高法院; 伊朗武装部队 … 武装部队), with the full name, where the later name stands alone (``stands_alone``)."""
        out: list[Organization] = []
        taken: Coverage | None = None  # the readings so far, built at the first tail
        read_from: dict[str, int] = {}  # each tail's occurrences already read from there on: a repeated body reads none
        for org in found:
            tail = self._body_tail(text[org.start:org.end]) if org.rule in self.tail_rules else ""
            if not tail or read_from.get(tail, len(text) + 1) <= org.end:
                continue
            read_from[tail] = org.end
            taken = taken or Coverage(len(text), ((o.start, o.end) for o in found))
            for at in occurrences(text, tail, org.end):
                if not taken.covers(at) and self.stands_alone(text, at, at + len(tail)):
                    out.append(Organization(at, at + len(tail), "body_tail", "body", text[org.start:org.end]))
                    taken.add(at, at + len(tail))
        return out

    def _body_tail(self, full: str) -> str:
        """A body's name without the places it starts with (卫生部 of 以色列卫生部): ``tail_length`` characters or more, no
        taxonomy name (财政部 is China's ministry; the taxonomy's rules say whose it is); empty when there is none."""
        words = tag(full)
        places = next((i for i, (w, t) in enumerate(words) if not self.is_place(w, t)), len(words))
        tail = "".join(w for w, _ in words[places:])
        return tail if places and len(tail) >= self.tail_length and tail not in _institution_name_set() else ""

    def stands_alone(self, text: str, start: int, end: int) -> bool:
        """No word after the name makes it part of another word (卫生部长, 卫生部门: ``not_before``), and no name word
        right before it makes it another body's (国家药监局, 美军中央司令部): the word before is a stop word, a word of
        the stop tags or no word."""
        if text.startswith(self.not_before, end):
            return False
        before = tag(text[max(0, start - 4):start]) if start else ()
        if not before or not _NAME_CHAR.match(before[-1][0][-1]):
            return True
        return before[-1][0] in self.stop_words or before[-1][1] in self.stop_tags

    def _stems(self, full: str) -> list[str]:
        """The short names of a firm: its stem (周大福珠宝 of 周大福珠宝集团), and the stem without a trade word at its
        end (周大福), each when it is a name of its own."""
        stem = self._stem(full)
        trade = next((w for w in self.short_name_trades if stem.endswith(w) and len(stem) - len(w) >= 2), "")
        return [s for s in (stem, stem[:len(stem) - len(trade)] if trade else "") if s and self._is_stem(s)]

    def subjects_found(self, text: str, listed: list[Organization],
                       read_ends: frozenset[int] = frozenset()) -> list[Organization]:
        """Firms written as the subject of company news (新致软件公告), and every later repetition of their names;
        ``listed``: :meth:`listed_firms` of the text; ``read_ends``: where the names the suffix rules read end."""
        # a Latin legal name first: where another rule reads the same span, its taxonomy name stands (ASML Holding NV)
        found = self._latin_legal(text) + self._subject_firms(text) + self._latin_firms(text) + self._closed_lists(text)
        found += self._latin_glossed(text, read_ends)
        found += self._headline_firms(text) + self._named_firms(text)
        names = {text[o.start:o.end] for o in found}
        first = {(o.start, o.end) for o in found}
        starts = occurrences_of_all(text, names)
        # a listed firm's longer name that starts with the repeated one is that firm's (新开源制药 after 新开源)
        longer = {o.start: o.end for o in listed} if names else {}
        for name in sorted(names):
            for at in starts[name]:
                if (at, at + len(name)) not in first and longer.get(at, 0) <= at + len(name):
                    found.append(Organization(at, at + len(name), "repeated", "firm"))
        return found

    def _named_firms(self, text: str) -> list[Organization]:
        """A name the text introduces as a firm's or a brand's (一个名为“极巡”的品牌: the ``named_as`` rows)."""
        return [Organization(match.start(1), match.end(1), rule, "firm")
                for rule, pattern in self.named_as for match in pattern.finditer(text)]

    def listed_firms(self, text: str) -> list[Organization]:
        """Listed firms' short names harvested from the archive (``listed_firms.toml``: 鼎阳科技, 五洲新春) wherever the
        text writes them as words of their own (not 中国核电 of 中国核电站, 东阳光 of 广东阳光: ``_on_word_bounds``) and no
        part of a longer name (``_listed_alone``), the longest first where two overlap (碧桂园服务 over a name inside it);
        a trade word of ``listed_trades`` right after the name is the name's (福莱特玻璃, the Hong Kong name of 福莱特)."""
        automaton = _listed_firm_automaton()
        if automaton is None:
            return []
        found: list[Organization] = []
        free = 0
        for last, length in sorted(automaton.iter(text), key=lambda hit: (hit[0] + 1 - hit[1], -hit[1])):
            start = last + 1 - length
            if start >= free and _on_word_bounds(text, start, last + 1) and self._listed_alone(text, start, last + 1):
                end = last + 1 + next((len(w) for w in self.listed_trades if text.startswith(w, last + 1)), 0)
                found.append(Organization(start, end, "listed_firm", "firm"))
                free = end
        return found

    def _listed_alone(self, text: str, start: int, end: int) -> bool:
        """A listed name that is no part of a longer name: no place word right before it (东南粤水电, 北京永辉超市: a
        regional subsidiary's name) and no ``·`` after it (伊戈尔·佐尔契: a foreign person's name)."""
        if text.startswith("·", end):
            return False
        before = tag(text[max(0, start - 4):start]) if start else ()
        return not before or not self.is_place(*before[-1])

    def _latin_legal(self, text: str) -> list[Organization]:
        """A Latin firm name with its legal form (Fortinet Inc., Check Point Software Technologies Ltd.), and its
        name without the form and the trade words before it (Fortinet, Check Point), which the text repeats; the full
        name is the taxonomy entry's that the short one names (Nvidia Corp. → 英伟达, ASML Holding NV → 阿斯麦)."""
        found = []
        for match in self.latin_legal.finditer(text):
            words = match.group(1).split(" ")
            while len(words) > 1 and words[-1] in self.latin_trade_words:
                words.pop()
            short = " ".join(words)
            entry = load_taxonomy().lookup(short, "institutions")
            found.append(Organization(match.start(), match.end(), "latin_legal", "firm", entry.name if entry else ""))
            if short not in self.not_latin and len(short) > 2:
                found.append(Organization(match.start(1), match.start(1) + len(short), "latin_legal", "firm"))
        return found

    def _closed_lists(self, text: str) -> list[Organization]:
        """The items of a 、-list closed by the word for firms (速必达、新希望等大型物流企业; Uber、Lyft等公司) when
        every item is a listed firm's name."""
        found = []
        for match in self.closed_list.finditer(text):
            items = re.split("[、和及与]", match.group(1))
            lead = self._lead_length(items[0])  # 包括速必达, 其中领益智造: the clause's words before the first name
            items[0] = items[0][lead:]
            if len(items) < 2 or not all(self._is_closed_item(item) for item in items):
                continue
            at = match.start(1) + lead
            for item in items:
                found.append(Organization(at, at + len(item), "closed_list", "firm"))
                at += len(item) + 1
        return found

    def _is_closed_item(self, item: str) -> bool:
        """An item of a list closed by the word for firms: a Latin name (Point72) or a name of three characters or
        more (速必达, 新希望) that is no generic or board word, no place and no person."""
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9&\-]*(?: [A-Za-z0-9&\-]+)*", item):
            return not self.refuses(item)
        if not self._is_listed_name(item) or not self._is_subject_name(item):
            return False
        words = tag(item)
        return not self.is_person(item, words) and not any(self.is_place(w, t) for w, t in words)

    def _headline_firms(self, text: str) -> list[Organization]:
        """The firm a headline speaks for (【五洲新春：与大连冶金签订…】, 【去哪儿：…】): a name of its own before the
        colon that opens a headline (or one the text writes again as an announcement's subject, 数字人公告), which is
        no person, place, medium or column (【王毅：…】, 【河南郑州：…】, 【经济日报：…】, 【午评：…】)."""
        found = []
        for match in _HEADLINE_SPEAKER.finditer(text):
            name = match.group(1)
            if self._short_speaker(text, name, match.end()) or name in self.headline_not or name.endswith(self.media_endings) \
                    or not (self._is_subject_name(name) or self._confirmed(text, name, match.end())) \
                    or holds_institution(name):
                continue  # 易会满, 美联储戴利: a person (with a body's name before), not a firm
            words = tag(name)
            if self.is_person(name, words) or any(self.is_place(w, t) for w, t in words):
                continue
            found.append(Organization(match.start(1), match.end(1), "headline", "firm"))
        return found

    def _confirmed(self, text: str, name: str, end: int) -> bool:
        """Whether the text writes the headline's speaker again after ``end`` as the subject of an announcement
        (【数字人：…】 … 数字人公告: the grammar's ``headline_confirmed_after``)."""
        return any(self.headline_confirmed.match(text, at + len(name)) for at in occurrences(text, name, end))

    def _short_speaker(self, text: str, name: str, end: int) -> bool:
        """A headline speaker too short to be taken for a firm: under ``headline_short_length`` characters, or of that
        length with no company news after the colon (深赛格：经公司核算… is a firm; 张文宏：… is a person)."""
        shortest, news = self.headline_short
        return len(name) < shortest or (len(name) == shortest and not news.match(text, end))

    def lead_length(self, item: str) -> int:
        """How many characters at the start of a list's first item are the clause's words: words of two characters
        or more that are stop words or verbs, prepositions, conjunctions (包括速必达 → 2; not 以 of 以岭药业)."""
        return self._lead_length(item, self.lead_tags)

    def _lead_length(self, item: str, tags: frozenset[str] | None = None) -> int:
        """How many characters at the start of a Chinese item are the clause's words, not a name (包括, 其中, 随着):
        stop words and words of the stop tags, or only words of two characters or more with one of ``tags`` where
        given (今天, 此外: 正 of 正荣地产 and 节能 of 节能风电 are the name's)."""
        if not _CJK_WORD.match(item):
            return 0
        lead = 0
        for word, word_tag in tag(item):
            if tags is not None and (len(word) < 2 or word not in self.stop_words and word_tag not in tags):
                break
            if word not in self.stop_words and word_tag not in self.stop_tags:
                break
            lead += len(word)
        return lead

    def _subject_firms(self, text: str) -> list[Organization]:
        """Names before a ``subject`` row's words; a row with ``lists`` takes the 、-list before the name too."""
        found: list[Organization] = []
        for rule, pattern, markets, lists in self.subjects:
            if not self.subject_words[rule].search(text):
                continue
            for match in self._subject_matches(text, rule, pattern):
                name = self._untrailed(match.group(1))
                if self._row_refuses(rule, name):
                    continue
                listed = self._listed_before(text, match.start(1)) if lists else []
                if not (self._is_subject_name(name, markets) or self._row_accepts(rule, name)
                        or (listed and self._is_listed_name(name))):
                    continue
                listed.append((match.start(1), match.start(1) + len(name)))
                found.extend(Organization(s, e, f"subject_{rule}", "firm") for s, e in listed)
        return found

    def _untrailed(self, name: str) -> str:
        """A subject's name less a word after it that is not the name's (Indeed网站经济学家 → Indeed, 极巡品牌总裁 → 极巡,
        白宫当地时间7月20日发布公告 → 白宫: the ``subject_trail`` rows), where a name of two characters or more is left."""
        for word in self.subject_trails:
            if name.endswith(word) and len(name) - len(word) >= 2:
                return name[:-len(word)]
        return name

    def _row_accepts(self, rule: str, name: str) -> bool:
        """A name a row's own evidence vouches for though jieba's tags of it mislead: a US ticker's, a stock code's,
        a coined name's at the start of a company flash (``coined_names``)."""
        return (rule in self.ticker_rows and self._is_ticker_name(name)) \
            or (rule in self.coded_rows and self._is_coded_name(name)) \
            or (rule in self.coined_name_rows and self._is_coined_name(name))

    def _is_coined_name(self, name: str) -> bool:
        """A coined firm name of three or four Chinese characters (恒铭达, 海能达, 科达利, 亿利达): single characters
        jieba joins into no word of two characters or more but a proper one (a place, a name), no stop word, and no
        person's name (not 招股书, 数字人, 减持预, 会提前: common words with a character of the clause's)."""
        if not _CJK_NAME.fullmatch(name) or not 3 <= len(name) <= 4 or self.refuses(name):
            return False
        words = tag(name)
        if self.is_person(name, words) or any(w in self.stop_words or w in self.firm_stop_words for w, _ in words):
            return False
        return all(len(w) == 1 or t in self.proper_tags for w, t in words)

    def _is_ticker_name(self, name: str) -> bool:
        """A Chinese name before a US ticker: one word of any kind, no refused one (百事(PEP.O); not 公司与英伟达, nor the
        ai of C3.ai(AI.N))."""
        return _CJK_WORD.search(name) is not None and not self.refuses(name) and len(tag(name)) == 1

    def _is_coded_name(self, name: str) -> bool:
        """A Chinese name before a stock code: a listed name that is no person and holds no stop word (中国电力(02380.HK);
        not 公司(600000), 本公司, 其中中国移动)."""
        if not _CJK_WORD.match(name) or not self._is_listed_name(name) or name.startswith(self.coded_not_first):
            return False  # 维持华润水泥(01313.HK): a broker's rating, not the name
        known = _institution_name_set()
        if name[-1] in _SHARE_CLASS and name[:-1] in known or any(
                name.endswith(trade) and name[:-len(trade)] in known for trade in (*self.short_name_trades, "企业")):
            return False  # 京东方A (000725), 旭辉控股集团 (00884.HK): the taxonomy's firm, a share class or trade word after
        words = tag(name)
        return not self.is_person(name, words) and not any(w in self.stop_words or t in self.stem_stop_tags
                                                           for w, t in words)

    def _row_refuses(self, rule: str, name: str) -> bool:
        """A name a row's own terms leave out: not a Latin name in a ``latin`` row, a person in a ``no_people`` row
        (李晓星、国晓雯跟投: fund managers invest too)."""
        if rule in self.latin_subject_rows and not _LATIN_SUBJECT.fullmatch(name):
            return True
        if rule in self.latin_subject_rows and rule in self.market_rows and holds_institution(name.upper(), upper=True):
            return True  # MINIMAX-WP涨14.24%: the taxonomy's MiniMax with its share mark
        if rule in self.whole_rows and not self._is_whole_name(name, self.whole_rows[rule]):
            return True
        if rule in self.coined_rows and len(tag(name[-self.coined_rows[rule]:])) < 2:
            return True  # 中国日报, 中国央行, 中国香港: the part after 中国 is a word of its own
        return rule in self.no_people_rows and self.is_person(name, tag(name))

    def _is_whole_name(self, name: str, not_endings: tuple[str, ...]) -> bool:
        """A name that is one firm's whole name: none of ``not_endings`` last (万科股权, PICO后), no taxonomy institution's
        or listed firm's name inside it short of all of it (盐湖股份市值最高), no place alone (俄罗斯) and no country before
        a Latin name (西班牙Puig)."""
        if name.endswith(not_endings) or holds_institution(name) or self._holds_listed(name):
            return False
        latin = _LATIN_NAME.match(name)
        if self._names_place(name) or latin and latin.group() in self.not_latin:
            return False  # 俄罗斯; FPGA大厂: a technology's acronym
        return not any(name.startswith(c) and _LATIN_SUBJECT.fullmatch(name[len(c):]) for c in self.countries)

    @staticmethod
    def _holds_listed(name: str) -> bool:
        """Whether a harvested listed firm's name lies inside ``name`` short of all of it."""
        automaton = _listed_firm_automaton()
        return automaton is not None and any(length < len(name) for _, length in automaton.iter(name))

    def _subject_matches(self, text: str, rule: str, pattern: re.Pattern):
        """``pattern.finditer(text)``, tried only where a match can start: a subject name is a run of name characters
        that ends at most ``subject_reach`` characters before the row's words, so for each occurrence of the words
        only the starts from that run's beginning up to the words are tried (a whole-text scan from each start
        was the cost: a text names few subjects)."""
        reach = self.subject_reach[rule]
        if reach is None:
            yield from pattern.finditer(text)
            return
        words, least, search_from = self.subject_words[rule], 0, 0
        starts = _FirstMatches(text, pattern, rule in self.searched_subject_rows)
        while not starts.exhausted and (found := words.search(text, search_from)) is not None:
            match = starts.between(max(least, _name_run_start(text, found.start() - reach)), found.start())
            if match is None:  # no match starts before the words: the next one starts after them
                least, search_from = max(least, found.start()), starts.skip_to(found.start() + 1)
                continue
            yield match
            least = search_from = match.end()

    def gloss_after(self, text: str, start: int, end: int, firm: bool) -> tuple[int, int] | None:
        """The span of a Latin name in brackets right after the name ``text[start:end]`` (西方石油公司（Occidental
        Petroleum）): no ticker (RDS.B.N), no word of ``not_latin``, after a firm no bare short capital word (美国银行（BAC）),
        and not after a person's transliterated name that holds a firm's (迈克尔·戴尔（Michael Dell））."""
        match = _GLOSS_AFTER.match(text, end)
        if match is None or match.group(1) in self.not_latin or _TICKER_END.search(match.group(1)):
            return None
        if start > 0 and text[start - 1] in "·•":
            return None
        if firm and _BARE_TICKER.fullmatch(match.group(1)):
            return None
        return match.span(1)

    def _latin_glossed(self, text: str, read_ends: frozenset[int]) -> list[Organization]:
        """A Chinese name glossed in brackets by a Latin firm name (阿纳达科石油（Anadarko Petroleum））: both names, the
        Chinese one read back from the bracket as before a legal form, less a descriptor (零食制造商龟田制果)."""
        found = []
        for rule, pattern, endings in self.latin_glosses:
            for at in (m.start() for m in _GLOSS_OPEN.finditer(text)):
                match = pattern.match(text, at)
                if match is None or at in read_ends or _ends_known_name(text, at):
                    continue  # 荷兰银行(ABN AMRO Bank): the name is read, its gloss follows it (``[[gloss_after]]``)
                start = self._legal_start(text, at)
                if start is None:
                    continue
                cut = max((text.rfind(e, start, at) + len(e) for e in endings if text.rfind(e, start, at) >= 0), default=start)
                if at - cut >= 2 and not self.refuses(text[cut:at]) and text[cut:at] not in self.subject_tails:
                    found.append(Organization(cut, at, f"latin_gloss_{rule}", "firm"))
                    found.append(Organization(*match.span(1), f"latin_gloss_{rule}", "firm"))
        return found

    def _latin_firms(self, text: str) -> list[Organization]:
        """Latin names after a firm word (管理咨询公司Roland Berger) or before one (Tarmac Aerosave公司); a Chinese name
        after one glossed in Latin (技术公司新亚科技（SINGAUTO）) with its gloss."""
        found = []
        for rule, pattern in self.latin_after:
            for match in pattern.finditer(text):
                if match.group(1) not in self.not_latin and match.group(1).split(" ")[0] not in self.not_latin:
                    found.append(Organization(match.start(1), match.end(1), f"latin_{rule}", "firm"))
        for rule, pattern, not_name in self.latin_before:
            for match in pattern.finditer(text):
                latin = match.group(1).rstrip("公司集团 ")
                if latin not in self.not_latin and latin.split(" ")[0] not in self.not_latin \
                        and not not_name.fullmatch(latin):
                    found.append(Organization(match.start(1), match.end(1), f"latin_{rule}", "firm"))
        for rule, pattern in self.glosses:
            for match in pattern.finditer(text):
                if match.group(2) not in self.not_latin and self._is_listed_name(match.group(1)) \
                        and _word_bound(text[match.start():match.end(1)], match.start(1) - match.start()):
                    found.append(Organization(match.start(1), match.end(1), f"gloss_{rule}", "firm"))
                    found.append(Organization(match.start(2), match.end(2), f"gloss_{rule}", "firm"))
        return found

    def _listed_before(self, text: str, start: int) -> list[tuple[int, int]]:
        """The names listed with 、 right before a share-price subject (江苏华辰、大连电瓷涨停 → 江苏华辰), nearest
        first; the walk stops at the first item that is no listed name."""
        out = []
        while start > 0 and text[start - 1] == "、":
            match = _LIST_ITEM.search(text, max(0, start - 40), start)
            if match is None:
                break
            # 今天新华联、…, 此外哈药股份、…, 老股东达晨财智、…: the clause's words before the first name
            lead = self._lead_length(match.group(1), self.list_lead_tags)
            # 老股东达晨财智、…; 融资由红杉中国、…: the words up to the last list lead word are the clause's
            lead = max([lead] + [match.group(1).rfind(w, lead) + len(w) for w in self.list_lead_words
                                 if match.group(1).rfind(w, lead) >= 0])
            if not self._is_listed_name(match.group(1)[lead:]):
                break
            out.append((match.start(1) + lead, match.end(1)))
            start = match.start(1)
        return out

    def _is_listed_name(self, name: str) -> bool:
        """A name in a 、-list of movers (海正药业、人民同泰等股涨停): jieba's tags of a lone firm name mislead (正 as
        an adverb), so the list itself is the evidence; what stays out is a generic, concept, index or board word
        and a Chinese name under three characters (白酒、煤炭跟涨 are sectors)."""
        if self.refuses(name):
            return False
        if any(part in name for part in self.not_subject_parts) or name.endswith(self.not_subject_endings):
            return False
        return bool(_LATIN_FIRM_NAME.fullmatch(name)) or len(name) >= 3

    def is_listed_firm(self, name: str) -> bool:
        """A name listed beside a named institution: a Latin firm name, or a Chinese name of three characters or
        more with a word of its own, no stop word and no place (美国和日本政府: 美国 is no firm), and not one
        dictionary word for a kind of body."""
        if _LATIN_FIRM_NAME.fullmatch(name) or re.fullmatch(r"[a-z][A-Z][A-Za-z0-9]+", name):
            return self._is_latin_firm(name)
        if len(name) < 3 or name.endswith(self.not_subject_endings):
            return False
        if self._is_trade_named(name):
            return True  # 铜陵有色, 天山铝业: a listed firm's short name may start with its place
        if not self._is_subject_name(name):
            return False
        words = tag(name)
        if len(words) == 1 and words[0][1] == "nt":
            return False  # 理工大学, 商业银行: the dictionary's word for a kind of body
        if self.is_person(name, words) or words[-1][1] in self.task_tags or name.endswith(self.street_endings) \
                or any(part in name for part in self.not_listed_parts):
            return False  # 标普和纳指惊险收涨: a clause, not a name; 莫霍瓦亚街: a street
        return not any(self.is_place(w, t) for w, t in words)

    def is_list_sibling(self, name: str, common_ok: bool = False) -> bool:
        """A name in a list that names firms (``firm_list_context``): a listed firm's name, or, the list being the
        evidence, a Chinese name of two to eight characters that is no generic, concept, board or task word, no
        person and not a place alone (中国绿发, 广州富力, 太阳纸业 start with one); a two-character name must be
        no common dictionary word (金茂, 奥园: unknown characters; not 银行, 保利 as jieba's common noun) unless
        ``common_ok``: the list both names institutions and closes with a word for firms (红魔、联想、华为、小米和荣耀等
        手机厂商), where a common word is a firm's name too unless it is a known person, a place, a stop word or an
        adverb, conjunction or preposition."""
        if self.is_listed_firm(name):
            return True
        if not self._may_be_list_sibling(name):
            return False
        words = tag(name)
        if common_ok and len(name) == 2:  # a word jieba reads as a verb or a given name (联想, 荣耀) names a firm here
            return self._common_list_name(name, words)
        if self.is_person(name, words) or all(self.is_place(w, t) for w, t in words) or self.clause_words(words) \
                or self.place_word.fullmatch(name):
            return False
        if len(name) == 2:
            return all(t in self.proper_tags or t == "x" for _, t in words) and not self.is_place(*words[0])
        return not (len(words) == 1 and words[0][1] == "nt")

    def _common_list_name(self, name: str, words: tuple[tuple[str, str], ...]) -> bool:
        """A two-character item of a list with both kinds of evidence: a firm's name unless a known person, a place,
        a stop word or an adverb, conjunction or preposition (联想, 荣耀, 保利 are names there)."""
        return not (name in self.people or self.is_place(*words[0]) or words[0][1] in ("d", "c", "p")
                    or any(w in self.stop_words for w, _ in words))

    def _may_be_list_sibling(self, name: str) -> bool:
        """A Chinese item of two to eight characters that no row refuses (no generic, concept or board word)."""
        return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,8}", name)) and not self.refuses(name) \
            and (len(name) < 3 or self._is_listed_name(name))

    def clause_words(self, words: tuple[tuple[str, str], ...]) -> bool:
        """Whether a list item holds the clause's words, not only a name's: a stop word or function word, an adverb
        first (仅次于纳斯达克), or a verb of two characters or more that is no trade word (涉及厦门航空, 建议关注西大门;
        控股 of 绿地控股 is the name's)."""
        if words[0][1] in ("d", "c", "p"):
            return True
        return any(w in self.stop_words or t in self.stem_stop_tags or t == "v" and len(w) > 1
                   and w not in self.short_name_trades for w, t in words)

    def is_person(self, name: str, words: tuple[tuple[str, str], ...]) -> bool:
        """A person's name (鲍威尔, 马斯克) or a name with a person's title (总局副局长蒲淳), not a firm's."""
        return (name in self.people or words[-1][1].startswith("nr") and len(words) == 1
                or any(title in name for title in self.person_titles) or self.is_latin_person(name))

    def titled_person(self, text: str, name: str) -> bool:
        """Whether the text writes ``name`` right after a person's title somewhere (国防部长绍伊古 … 绍伊古与…): a
        person, whom a list beside an institution does not make a firm. The strings after the text's titles are
        collected once per text (a search of the whole text for each listed name grew with the square of its size)."""
        if len(name) > _TITLED_NAME_MAX:
            return any(title + name in text for title in self.person_titles)
        if self._titled[0] is not text:
            self._titled = (text, _strings_after(text, self.person_titles, _TITLED_NAME_MAX))
        return name in self._titled[1]

    def _is_latin_firm(self, name: str) -> bool:
        """A Latin name listed beside a firm is a firm unless refused or a person's (Eric Schmidt)."""
        return not (self.refuses(name) or self.is_latin_person(name))

    def is_latin_person(self, name: str) -> bool:
        """A person's Latin name: a given name of ``latin_given_names`` and a surname (Eric Schmidt, Tim Berners-Lee)."""
        match = _LATIN_PERSON.fullmatch(name)
        return bool(match) and match.group(1) in self.latin_given_names

    def refuses(self, name: str) -> bool:
        """A word listed as no firm's name: a pronoun or body word, a generic or concept word, a Latin non-firm."""
        return name in self.not_subjects or name in self.generic or name in self.concepts or name in self.not_latin

    def _is_subject_name(self, name: str, markets: bool = False) -> bool:
        """A name of its own: no pronoun or generic body, no function word, one proper or unknown word at least."""
        if self.refuses(name) or (markets and any(part in name for part in self.not_subject_parts)):
            return False
        if self._is_trade_named(name):
            return True
        if name.endswith(self.not_subject_endings):
            return False  # 杰富瑞全球股票策略师: what the analyst covers
        if _LATIN_FIRM_NAME.fullmatch(name):
            return True
        words, position = [], 0
        for word, word_tag in tag(name):
            words.append(_Word(position, position + len(word), word, word_tag))
            position += len(word)
        words = _merge_loose_characters(words, self.stop_words)
        if any(self._stops(word, "firm") for word in words):
            return False
        return any(self._is_proper(word) for word in words)

    def _is_trade_named(self, name: str) -> bool:
        """A listed firm's short name: a stem of two to four characters and a trade word (双良节能, 棕榈股份, 永辉超市):
        jieba's tags of the stem mislead, so the shape is the evidence; the stem is no place of a country (日本汽车),
        no trade word itself (生物医药), and holds no stop word, function word, verb or generic word."""
        if self._is_flagged_listed(name):
            return True
        tail = next((t for t in self.subject_tails if name.endswith(t)), "")
        stem = name[:len(name) - len(tail)].removeprefix("*ST")
        if not tail or not 2 <= len(stem) <= 4 or stem in self.countries or stem.endswith(self.subject_tails):
            return False
        if self.refuses(stem) or not _CJK_NAME.fullmatch(stem):
            return False
        return not any(self._ends_stem(i, w, t) for i, (w, t) in enumerate(tag(stem)))

    def _is_flagged_listed(self, name: str) -> bool:
        """A listed firm under an exchange's risk warning (*ST元道, ST东洋; ``listed_prefixes``): the prefix is the
        evidence, and the short name after it has two to four characters and no stop, function or generic word."""
        prefix = next((p for p in self.listed_prefixes if name.startswith(p)), "")
        stem = name[len(prefix):]
        if not prefix or not 2 <= len(stem) <= 4 or not _CJK_NAME.fullmatch(stem) or self.refuses(stem):
            return False
        return not stem.endswith(self.not_subject_endings) and not any(
            self._ends_stem(i, w, t) for i, (w, t) in enumerate(tag(stem)))

    def _ends_stem(self, index: int, word: str, word_tag: str) -> bool:
        """A word no short name's stem holds: a stop or function word as its first word or as a whole word (a loose
        character inside is a name's: 雅本, 世名), a verb of two characters (下调禹洲集团), a generic word."""
        if (word in self.stop_words or word_tag in self.stem_stop_tags) and (index == 0 or len(word) > 1):
            return True
        return (word_tag == "v" and len(word) > 1) or word in self.generic or word in self.concepts

    def _words_before(self, text: str, end: int) -> list[_Word]:
        """The tagged words between the clause start (or the window's edge) and ``end``."""
        left = max(0, end - self.window)
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, left, end)]
        left = breaks[-1] if breaks else left
        words, position = [], left
        for word, word_tag in tag(text[left:end]) if end > left else ():
            words.append(_Word(position, position + len(word), word, word_tag))
            position += len(word)
        return words

    def _stops(self, word: _Word, family: str) -> bool:
        if word.text in self.stop_words or (family == "firm" and word.text in self.firm_stop_words):
            return True
        if not _CJK_WORD.search(word.text):  # a Latin name may start a firm's (SK集团, ABB有限公司)
            return family != "firm" or not _LATIN_NAME.fullmatch(word.text)
        return word.tag in self.stop_tags and not (family == "body" and word.tag in self.body_tags)

    def _body_start(self, words: list[_Word], suffix: _Suffix) -> int | None:
        """The leftmost place the words back from the suffix reach, with a word between unless ``bare``. After a
        head's title (广东省代省长王伟中作省政府) the place must be a known one, not a run of loose characters that a
        place's ending closes (王伟中作省 is the governor's name, 作 and 省 of 省政府)."""
        start, known, index = None, False, len(words) - 1
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            # a verb names a task of a bureau, commission or centre (厦门市统计局, …疫情应对…指挥部), never of a
            # government or parliament (瑞典议会呼吁政府); stop words (发布, 要求) still end the name
            if self._stops(word, "body") and (word.tag not in self.task_tags or suffix.bare
                                              or word.text in self.stop_words) or self._body_stop(words, index):
                break
            place_end = self._place_end(words, index, suffix.countries_only)
            if place_end is not None and (suffix.bare or place_end < words[-1].end):
                start, known = word.start, self.is_place(word.text, word.tag)
        else:
            return start
        return start if known or words[index].text not in self.body_stop_titles else None

    def _body_stop(self, words: list[_Word], index: int) -> bool:
        """A ``body_stop_words`` word (的) ends a body's name going back, but not before a word of
        ``body_stop_unless_before`` (新型冠状病毒感染的肺炎疫情防控工作指挥部); so does a head's title of
        ``body_stop_titles`` (广东省代省长王伟中作政府工作报告), unless its first character is the ending of the place
        word before it (益阳 市长 春…: 益阳市)."""
        following = words[index + 1].text if index + 1 < len(words) else ""
        word = words[index].text
        if word in self.body_list_words and index and words[index - 1].text.endswith(self.body_suffix_texts):
            return True  # 南山民政局和福田民政局: the words before the conjunction are another body
        if word in self.body_stop_titles:
            before = words[index - 1] if index else None
            return not (before is not None and word.startswith(self.place_ending_chars)
                        and self.is_place(before.text, before.tag) and not before.text.endswith(self.place_ending_chars))
        return word in self.body_stop_words and following not in self.body_stop_unless_before

    def _place_end(self, words: list[_Word], index: int, countries_only: bool) -> int | None:
        """Where a place starting at ``words[index]`` ends: the word itself (北京市, 以色列, 汤阴县) or the word and
        one character after it (郑州 市); None when it is no place."""
        word = words[index]
        if countries_only:
            return word.end if word.text in self.countries else None
        if word.text in self.not_places:
            return None
        end = self._place_word_end(word)
        if end is not None:
            return end
        following = words[index + 1] if index + 1 < len(words) else None
        return self._place_with_next_end(word, following)

    def _place_word_end(self, word: _Word) -> int | None:
        """The end of a place the word names by itself: a known place or country, jieba's place tag, or a place
        word at its start (北京市; 汤阴县 inside the unknown run 汤阴县新冠)."""
        if word.text in self.places or word.text in self.countries or word.tag == "ns":
            return word.end
        if word.tag == "x" and len(word.text) >= 3 and word.text.endswith(self.township_endings):
            return word.end  # 平背乡: a township the dictionary does not know (a run of unknown characters)
        match = self.place_word.match(word.text)
        if match and (match.end() == len(word.text) or word.tag == "x") and match.group() not in self.not_places:
            return word.start + match.end()
        return None

    def _place_with_next_end(self, word: _Word, following: _Word | None) -> int | None:
        """The end of a place written as the word and one character after it (郑州 市)."""
        if following and len(following.text) == 1 and self.place_word.fullmatch(word.text + following.text) \
                and word.text + following.text not in self.not_places:
            return following.end
        return None

    def _firm_start(self, words: list[_Word], suffix: _Suffix) -> int | None:
        """The start of the proper words before a firm's suffix: generic words and a loose character in front are
        dropped (6家国有大型商业银行, 占人民银行), and one word at least must be a name of its own."""
        kept = self._firm_words(words)
        if suffix.rule in self.open_name_rules and self._open_name(kept):
            return kept[0].start
        while kept and (self._is_generic(kept[0]) or len(kept[0].text) == 1):
            kept.pop(0)
        if sum(len(w.text) for w in kept) < 2 or not any(self._is_proper(w) for w in kept):
            return None
        return None if self._names_a_kind(kept, suffix.rule) else kept[0].start

    def _names_a_kind(self, kept: list[_Word], rule: str) -> bool:
        """Whether the words before a firm suffix name a kind of product or firm rather than one firm."""
        if rule in self.generic_last and self._is_generic(kept[-1]):
            return True  # 道琼斯指数期货, 某某公募基金: a kind of product, not a firm
        if rule in self.own_name_rules and not self._own_name(kept):
            return True  # 日本科技, 欧洲汽车: a place's industry, not a firm
        # 日本电力公司, 加拿大资产管理公司: a country's firms of a kind
        if rule not in self.place_kind_rules or any(w.text in self.place_kind_names for w in kept[1:]):
            return False  # 墨西哥国家石油公司: a country's national company is one firm
        return all(self.is_place(w.text, w.tag) or self._is_generic(w) for w in kept)

    def _firm_words(self, words: list[_Word]) -> list[_Word]:
        """The words back from the suffix to the first that ends a firm's name (at most MAX_FIRM_WORDS)."""
        kept: list[_Word] = []
        for word in reversed(words):
            if self._stops(word, "firm") or len(kept) == MAX_FIRM_WORDS:
                break
            kept.insert(0, word)
        return kept

    def _open_name(self, words: list[_Word]) -> bool:
        """A name made of what the body studies or joins (对外经济贸易 of 对外经济贸易大学, 资本品制造商 of its
        联合会): two words or more, four characters or more, the first no loose character."""
        first = words[0] if words else None
        if first is None or (self._is_generic(first) and first.tag in self.task_tags | {"vn"}):
            return False  # 开工建设海洋大学: 建设 is what is done to it
        return len(words) > 1 and sum(len(w.text) for w in words) >= 4 and len(first.text) > 1

    def _own_name(self, words: list[_Word]) -> bool:
        """The word before the suffix is a Chinese proper word that is no place (美光 of 美光科技, not 日本 of 日本科技,
        AI of AI软件), and the name starts with no loose character (一支硬科技)."""
        last = words[-1]
        return (self._is_proper(last) and not self.is_place(last.text, last.tag) and _CJK_NAME.fullmatch(last.text)
                is not None and len(words[0].text) > 1)

    def _is_generic(self, word: _Word) -> bool:
        return word.text in self.generic or word.text in self.concepts

    def _is_proper(self, word: _Word) -> bool:
        """A word that names something of its own: a place, organisation or person word of jieba, an abbreviation,
        a taxonomy institution, or an unknown word of two characters or more (财通, 瑞穗, 信实)."""
        if self._is_generic(word):
            return False
        return word.tag in self.proper_tags or (word.tag == "x" and len(word.text) > 1)


class Coverage:
    """The characters of a text that some span covers: whether a span overlaps any of them, or a position falls
    inside one, costs the span's length, not the number of spans (a name repeated through a long document)."""

    def __init__(self, size: int, spans=()):
        self.mask = bytearray(size)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self.mask[start:end]

    def covers(self, at: int) -> bool:
        return bool(self.mask[at])


def _word_bound(phrase: str, at: int) -> bool:
    """Whether jieba's words of ``phrase`` have a boundary at ``at`` (技术公司|新亚科技; not 银行|家协会, whose words are
    银行家 and 协会)."""
    position = 0
    for word, _ in tag(phrase):
        if position == at:
            return True
        position += len(word)
    return position == at


def _headline_end(text: str, before: int) -> int:
    """The end of a leading 【…】 headline that closes before ``before`` (0 when there is none): a short name written
    there names the firm that the text goes on to write in full (【海陆重工与…】…苏州海陆重工股份有限公司)."""
    end = text.find("】") if text.startswith("【") else -1
    return end if 0 < end < before else 0


def occurrences(text: str, name: str, start: int = 0):
    """The starts of ``name`` in ``text`` from ``start`` on, one after another without overlap."""
    at = text.find(name, start)
    while at >= 0:
        yield at
        at = text.find(name, at + len(name))


def occurrences_of_all(text: str, names: set[str]) -> dict[str, list[int]]:
    """For each (non-empty) name, the starts :func:`occurrences` gives, all found in one pass over ``text``: a
    search of the whole text for each name grew with the square of a long document's size."""
    if not names:
        return {}
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    every: dict[str, list[int]] = {name: [] for name in names}
    for last, name in automaton.iter(text):
        every[name].append(last + 1 - len(name))
    out = {}
    for name, starts in every.items():
        kept, free = [], 0
        for at in sorted(starts):  # one after another without overlap, as str.find from the last end
            if at >= free:
                kept.append(at)
                free = at + len(name)
        out[name] = kept
    return out


def _subject_pattern(row: dict) -> str:
    """A ``subject`` row's pattern: the name at a clause start, or after the row's ``before`` words, and then the
    row's ``after`` words."""
    start = f"(?:{row['before']})" if "before" in row else _CLAUSE_START
    return f"{start}{_SUBJECT_GROUP}(?={row['after']})"


def required_part(pattern: str) -> str:
    """``pattern`` without the optional atoms it starts with (``(?:…)?``, ``\\s?``, ``x*``): what every match of it
    contains. Its search can skip by first character where ``pattern``'s cannot; a pattern with an alternation at
    its top level stays whole."""
    atoms = _atoms(pattern)
    if atoms is None:
        return pattern
    start = 0
    for end, optional in atoms:
        if not optional:
            break
        start = end
    return pattern[start:] or pattern


class _FirstMatches:
    """The first match of ``pattern`` in ``text`` that starts in ``[first, before)``, asked with a ``first`` that never
    decreases: by a match tried at each start, or (``search``: a row whose own words before the name are rare, so a
    search skips fast) by one search that answers every later ask up to the match it found, since no match starts
    between the search's start and that match's."""

    def __init__(self, text: str, pattern: re.Pattern, search: bool):
        self.text, self.pattern, self.search = text, pattern, search
        self.ahead: re.Match | None = None
        self.searched_from = -1  # where the last search started (-1: none yet); ahead is None: no match after it

    @property
    def exhausted(self) -> bool:
        """Whether no match starts after the last search's start (so none at any later ask)."""
        return self.searched_from >= 0 and self.ahead is None

    def skip_to(self, at: int) -> int:
        """Where the next words worth asking about may start, from ``at`` on: in a search, after the start of the
        match found ahead, since every ask before words up to there is answered None (a long document's words were
        asked about one by one up to its next match)."""
        return max(at, self.ahead.start() + 1) if self.search and self.ahead is not None else at

    def between(self, first: int, before: int) -> re.Match | None:
        if not self.search:
            return next(filter(None, (self.pattern.match(self.text, at) for at in range(first, before))), None)
        if self.searched_from < 0 or self.ahead is not None and self.ahead.start() < first:
            self.ahead, self.searched_from = self.pattern.search(self.text, first), first
        return self.ahead if self.ahead is not None and self.ahead.start() < before else None


def _name_run_start(text: str, end: int) -> int:
    """Where the run of name characters before ``end`` begins: after the last character no name holds (searched
    back from ``end`` in growing stretches)."""
    stretch = 32
    while True:
        start = max(0, end - stretch)
        last = None
        for last in _NOT_NAME_CHAR.finditer(text, start, max(start, end)):
            pass
        if last is not None:
            return last.start() + 1
        if start == 0:
            return 0
        stretch *= 4


def optional_reach(pattern: str) -> int | None:
    """The most characters the optional atoms that :func:`required_part` drops from ``pattern`` can match (None:
    no bound under ``MAX_REACH``)."""
    required = required_part(pattern)
    front = pattern[:len(pattern) - len(required)] if pattern.endswith(required) else pattern
    reach = max_width(front) if front else 0
    return reach if reach < MAX_REACH else None


def _atoms(pattern: str) -> list[tuple[int, bool]] | None:
    """(end, optional) of each top-level atom of ``pattern`` with its quantifier; None at a top-level ``|``."""
    atoms, at = [], 0
    while at < len(pattern):
        if pattern[at] == "|":
            return None
        at = _atom_end(pattern, at)
        quantifier = _QUANTIFIER.match(pattern, at)
        optional = bool(quantifier) and quantifier.group().startswith(("?", "*", "{0", "{,"))
        at = quantifier.end() if quantifier else at
        atoms.append((at, optional))
    return atoms


def _atom_end(pattern: str, at: int) -> int:
    """The end of the atom at ``at``: an escape, a character class, a group (nested, with classes and escapes in
    it) or one character."""
    if pattern[at] == "\\":
        return at + 2
    if pattern[at] == "[":
        return _class_end(pattern, at)
    if pattern[at] != "(":
        return at + 1
    depth = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(pattern, at)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        at += 1
        if depth == 0:
            break
    return at


def _class_end(pattern: str, at: int) -> int:
    """The end of the character class that opens at ``at`` (a ``]`` right after ``[`` or ``[^`` is a member)."""
    at += 2 if pattern.startswith("[^", at) else 1
    at += 1 if pattern.startswith("]", at) else 0
    while pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


def _inside_coined(words: list[_Word], index: int) -> bool:
    """Whether ``words[index]`` follows right after a character jieba does not know (no date's 年月日), inside a coined
    name (上海喜创于茶餐饮管理有限公司, 上海汇像信息技术有限公司: 于 and 像 are no stop words there)."""
    word, before = words[index], words[index - 1] if index else None
    return before is not None and before.tag == "x" and before.end == word.start \
        and _CJK_WORD.fullmatch(before.text[-1]) is not None and before.text[-1] not in "年月日"


def _merge_loose_characters(words: list[_Word], stop_words: frozenset[str]) -> list[_Word]:
    """Runs of characters the dictionary does not know become one unknown word (信 实 → 信实; 澄 远 → 澄远);
    a stop word (据) stays a word of its own."""
    out: list[_Word] = []
    for word in words:
        if out and word.tag == "x" and out[-1].tag == "x" and out[-1].end == word.start \
                and word.text not in stop_words and out[-1].text not in stop_words \
                and _CJK_WORD.fullmatch(word.text) and _CJK_WORD.match(out[-1].text[-1]):
            out[-1] = _Word(out[-1].start, word.end, out[-1].text + word.text, "x")
        else:
            out.append(word)
    return out


def _on_word_bounds(text: str, start: int, end: int, margin: int = 3) -> bool:
    """Whether jieba's words of the text around ``start:end`` (``margin`` characters either side) begin at ``start``
    and end at ``end``: a name cut out of a longer word (中国核电 of 中国核电站) is none."""
    left = max(0, start - margin)
    bounds = {at for _, _, at in _tagged_at(text[left:end + margin])}
    return start - left in bounds and (end - left in bounds or end - left >= len(text[left:end + margin]))


def _tagged_at(piece: str):
    """jieba's (word, tag) of ``piece`` with each word's offset in it."""
    at = 0
    for word, word_tag in tag(piece) if piece else ():
        yield word, word_tag, at
        at += len(word)


_TITLED_NAME_MAX = 16  # names up to this length are looked up among the strings after titles; longer ones searched


def _strings_after(text: str, titles: tuple[str, ...], longest: int) -> frozenset[str]:
    """Every string of 1 … ``longest`` characters that follows an occurrence of one of ``titles`` in ``text``."""
    out: set[str] = set()
    for title in titles:
        at = text.find(title)
        while at >= 0:
            end = at + len(title)
            out.update(text[end:end + size] for size in range(1, longest + 1))
            at = text.find(title, at + 1)
    return frozenset(out)
