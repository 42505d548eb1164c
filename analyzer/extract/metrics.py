"""The metric of a figure: the phrase naming what is measured, as written in the text.

Taken from the clause before the figure: trailing verbs and comparison words are stripped (余额达 → 余额),
time expressions and place words dropped (截至一季度末全国 …), and a leading verb cut (下调支农支小再贷款利率 →
支农支小再贷款利率). A growth rate or share with no noun of its own takes the metric of the figure before it.

When what is left names nothing — only verbs and adverbs by their part of speech (又开展, 还可能择机; see
``analyzer.text.pos``) — the metric comes from elsewhere, in this order: the noun after the figure (开展4950亿元
7天期逆回购操作, 以不高于3.2%的利率), the last figure of the paragraph in the same unit, the figure before it.
Lists after 分别 split one name per figure; a winning-bid rate (中标利率) names its operation; a company's price
move measures its 股价.

Which of these applies is decided by the ordered rows of ``analyzer/rules/metric.toml``: each ``[[rule]]`` names
its conditions (``CONDITIONS``), the source of the name (``SOURCES``) and its clean-up steps (``[[cleanup]]``,
``CLEANUPS``), all read from a :class:`MetricContext` built once per figure; the first row whose source gives a name
wins (:func:`find_metric_explained` says which). The word lists of the patterns below are its ``[[words]]`` rows.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from analyzer.lazy import lazy
from typing import Any

from analyzer import rulebook
from analyzer.extract.lists import NAME_JOINER, TENOR, members_metric, split_list_metric
from analyzer.extract.periods import IN_PHRASE, times_within
from analyzer.taxonomy import load_taxonomy
from analyzer.text import pos
from analyzer.text.patterns import with_first_characters
from analyzer.text.prefix_search import PrefixSearch, reads_before_start
from analyzer.normalize import to_simplified

MAX_METRIC_CHARS = 24
# the word lists of metric.toml ([[words]]), each joined in the order written
WORD_ROWS = {row["id"]: row for row in rulebook.rows("metric", "words")}
WORD_LISTS = {key: row["words"] for key, row in WORD_ROWS.items()}


def _one_of_words(list_id: str) -> str:
    return "|".join(map(re.escape, WORD_LISTS[list_id]))


def _negations_before_joining() -> str:
    """尚未完成, 没有实现: lookbehinds one per word, since Python's must each have a fixed width."""
    return ")(?<!".join(map(re.escape, WORD_LISTS["joining-verb-kept-before"]))


def _lexicon_verbs() -> list[str]:
    return [re.escape(verb) for verb in rulebook.lexicon()["metric"]["verbs"]]



# 欧市盘初曾涨至日高, 就业报告发布后涨至日低: a session or event and a move to the day's high or low name nothing
SESSION_TO_DAY_EXTREME = rulebook.regex(
    rf"(?:^|{_one_of_words('session-before-day-extreme')})(?:{_one_of_words('moves-to-day-extreme')})$")
CLOCK_HOUR = rulebook.regex(r"(?<!\d)\d{1,2}[:：]$")
CLOCK_REST = rulebook.regex(r"\d{2}(?![\d.])")
ENUMERATOR = rulebook.regex(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[、.．])")
LIST_VERB = rulebook.regex(rf"^(?:{_one_of_words('list-verbs')})")
TRAILING_ABBREVIATION = rulebook.regex(r"（[A-Za-z0-9]+）$")
# 比特币, 比重 open a name, no comparison (比重组后上年同期 is one: 重组 is the word there)
COMPARED_TO_OTHER = rulebook.regex(
    rf"^(?:增速)?(?!比(?:{_one_of_words('bi-opens-a-word')})(?!组))(?:{_one_of_words('compared-to-other')})")
TENOR_WORD = r"\d+(?:个)?[天月年]期"  # 7天期, 3个月期, 1年期
# 7天期逆回购操作; a title's closing bracket ends it (【…高达140亿美元】区块链研究机构… names nothing of the title's)
RIGHT_PHRASE = rulebook.regex(rf"(?:{TENOR_WORD}(?:以上)?)?[^，,；;。！？!?\n、\d\s【】]{{1,16}}")
# a space between two Chinese characters separates phrases (page titles: 央行推出十项措施 设立5000亿元…)
PHRASE_SPACE = rulebook.regex(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
LINKED_WORD = rulebook.regex(rulebook.rows("metric", "linked_word")[0]["pattern"])  # 现货 白银 涨: one phrase
SHARE_OF_BASE = rulebook.regex(r"按(?:照)?[^，。；]*的?$")
COUNTED_SUBJECT = rulebook.regex(r"^[一二两三四五六七八九十\d]+(?:家(?:大型)?(?:银行|机构|企业)?|大行|行(?=[^业情]))")  # 四行, 六大行
# 对月销售额10万元以下: 对 opens a condition; 对欧盟进出口 names a trade partner and stays
# 对应EPS: 对应 links to the figure before and goes; 对价, 对冲基金 are words of their own and stay
CONDITION_DUI = rulebook.regex(rf"^(?:{_one_of_words('correspond-dui')}|对(?!{_one_of_words('trade-partners')}|(?:{_one_of_words('words-begun-by-dui')})(?![值格])))")
# X较Y加点 / X比Y高 / X相比Y / X与Y相比: the metric is X, compared with another (相比 whole, never X相)
COMPARED_WITH = rulebook.regex(rf"(?<=.{{2}})(?<![同环])(?:(?:与[^，,；;与]{{1,12}}?)?相)?(?:较|比)(?!{_one_of_words('compared-with-kept')}).+$")
# 贷款中信用贷款: the part named after 中 (but not 中期, 中小, 中国, 中央, 中标, 中长期, 中型, 中间)
PART_OF = rulebook.regex(rf"^.*?(?<=[款额])中(?![{''.join(WORD_LISTS['part-of-kept'])}])")
# 口径为单户授信总额: after 为/由/是指 inside a phrase; but 激励比例为延期贷款本金: a ratio's name before 为
NAMED_AFTER = rulebook.regex(rf"^.*(?:{_one_of_words('named-after')})")
RATIO_BEFORE = rulebook.regex(rf"^(?P<name>.{{2,}}?(?:{_one_of_words('ratio-names')}))为.+$")
# 非农新增就业人数 → 非农就业人数: the flow verb after a scope word goes, the scope stays
SCOPE_FLOW = rulebook.regex("(?:" + "|".join(f"(?<={re.escape(w)})" for w in WORD_LISTS["scope-before-flow-verb"]) + ")净?新增")
ISSUED = rulebook.regex(rf"^(?:扣除.{{0,8}}?后|首期(?=\d)|发行(?!{_one_of_words('issued-kept')}))")  # 发行超长期特别国债1万亿元
# time words inside a phrase go: 金价在周一盘中一度上涨, 沪指今日收跌, 金融机构每年资金成本
# 实现/完成 join a subject to its metric (规模以上工业企业实现利润总额); the subject stays unless it is a company
# 国家能源集团完成商品煤资源量: a firm joined to its metric by 实现/完成 is whose figure it is (a group of firms stays)
FIRM_JOINED = rulebook.regex(rf"^[^，,；;]{{2,12}}?(?:{_one_of_words('firm-suffixes')})(?=(?:{_one_of_words('joining-verbs')}).)")
JOINING_VERB = rulebook.regex(rf"(?<=.)(?<!{_negations_before_joining()})(?:{_one_of_words('joining-verbs')})"
                              rf"(?=.)(?!{_one_of_words('joining-verb-kept-after')})")
RATE_NAMED = rulebook.regex(rf"[\u4e00-\u9fffA-Z0-9]{{2,10}}?(?:{_one_of_words('rate-heads')})")
EQUITY_AFTER = rulebook.regex(rf"的?(?P<what>{_one_of_words('stake-words')})")
# an open-market operation: 7天期公开市场逆回购操作, 1年期中期借贷便利（MLF）操作
OPERATION = rulebook.regex(rf"(?P<tenor>{TENOR_WORD})?(?:公开市场)?(?P<tool>{_one_of_words('operation-tools')})(?:操作)?")
OPERATION_TENOR = rulebook.regex(rf"{TENOR_WORD}(?=\d)")  # 其中7天期9500亿元
# a verb whose object follows the figure: 开展4950亿元7天期逆回购操作, 设立3000亿元专项再贷款
OBJECT_FOLLOWS = rulebook.regex(rf"(?:{_one_of_words('object-follows')})(?:了)?$")
LEVY_FOLLOWS = rulebook.regex(rf"(?:{_one_of_words('levy-verbs')})(?:了)?$")  # 加征25%关税, 消耗1150亿美元现金
# 融资提供了关键的支撑, 数据中心项目融资担保进行磋商: the noun a figure qualifies ends at a verb that takes an object
FOLLOWING_VERB = rulebook.regex(rf"(?<=..)(?:{_one_of_words('object-follows')}|{'|'.join(_lexicon_verbs())})")
PROBABILITY = rulebook.regex(rf"(?<=.)的?(?:{_one_of_words('probability-heads')})$")  # 加息25个基点的概率
# 派发/派 pay out a dividend: 每10股派发现金红利 → 每10股现金红利, 派末期息 → 末期息 (派息比率 is a name)
DIVIDEND_VERB = rulebook.regex(r"(?:宣派|派发)(?=.)|^派(?![息发])")
# 1美元对人民币7.1772元 quotes a rate: the metric names the currency pair and what is quoted
QUOTE_LEFT = rulebook.regex(rf"(?:\d+)?\s?(?P<currency>{_one_of_words('quoted-currencies')})\s?(?:对|兑)人民币\s?$")
MARKET_TIME = rulebook.regex(r"周[一二三四五六日]|星期[一二三四五六日天]|昨[（(]\d{1,2}[）)]日|"
                             rf"(?<![订账])(?:{_one_of_words('market-time')})(?!{_one_of_words('market-time-kept')})")
# (订单月率, 账单月: 单月 after 订 or 账 is no time word)
# 跌幅居前的有A、B、C等 / A、B、C涨幅居前: the words around a list of leading movers
LISTED_LEADERS = rulebook.regex(r"^.*?(?:居前|领涨|领跌)的(?:有|是)|等$|(?:涨幅|跌幅)?(?:居前|领涨|领跌)$")
ONLY_A_TIME = rulebook.regex(r"(?:\d{4}年(?:度|底|末|初)?|[上前]一?(?:财年|年度?|季度|个?月)|同期|去年|上年|前值)(?:同期)?|"
                             rf"[上前近过去最这]*(?:\d+|[一二两三四五六七八九十百几半]+)(?:{_one_of_words('time-span-units')})"
                             r"(?:份|间|内|来|以来|里|之内)?|"
                             r"自(?:\d|[今去上]年|年初|年底)[^，,；;。]{0,8}?(?:以来)?")  # 两年间, 24小时内, 12月, 前一日, 上一交易日: a span or a date alone; 自8月改革以来: a since-phrase alone
LISTED_IN = rulebook.regex(r"(?P<firm>.{2,16}?)的?(?:美股|港股)")
SHARES = frozenset(["股票", "股份", "股权"])
SHARE_DEAL = rulebook.regex(rf"(?P<verb>{_one_of_words('share-deals')})(?:了)?(?:约|共|累计|合计)?$")
# 该指数, 此指数: a demonstrative before a head noun refers back to the last name with that head
REFERRING = rulebook.regex(rf"(?:该|此|这一|这个)(?P<head>{_one_of_words('referring-heads')})")
# 过去52周跌幅: a window of days, weeks or months before now is a time word (a window of years stays: 近5年来)
WINDOW = rulebook.regex(r"(?:过去|最近)(?:\d+|[一二两三四五六七八九十几]+)(?:个)?(?:交易日|天|日|周|个月|月)(?:来|以来|内)?")
UNOPENED_CLOSE = rulebook.regex(r"^(?P<name>[^（(]+)[）)]+$")  # （…2000名工厂临时工）: the figure's own bracket closes
EMPTY_BRACKETS = rulebook.regex(r"[（(]\s*[）)]")  # S&P/ASX200指数1月11日（周二）: brackets a time word left empty
ZONES = tuple(WORD_LISTS["zones-not-places"])  # 管控区84个: a zone is counted, it is no place
# 7天平均电价则是上一年同期的8倍, 定价仅为竞品的一半: a multiple or fraction of a base measures the name before 是/为
MULTIPLE_OF_BASE = rulebook.regex(rf"^(?P<name>(?:.{{2,}}?)?)(?:{_one_of_words('multiple-of-base')})[^，,；;。]{{1,24}}的\s*$")
WILL_VERBS = frozenset(["将"])
WILL_BEFORE = tuple(WORD_LISTS["will-before-comparison"])  # 将比, 将较: "will", then a comparison
NEGATIONS = tuple(WORD_LISTS["joining-verb-kept-before"])  # 未, 没有 before a verb: it belongs to the name
OWNED_STATISTICS = tuple(WORD_LISTS["owned-statistics"])  # 营收, 净利润, 市值: accounts a firm's name before 的 owns
OWNER_WORDS = frozenset(WORD_LISTS["owner-words"])
OWNER_NAME_SUFFIXES = tuple(sorted(WORD_LISTS["owner-name-suffixes"], key=len, reverse=True))
NOT_A_NAME_ENDINGS = tuple(WORD_LISTS["not-a-name-endings"])
RELATIVE_CLAUSE_VERBS = frozenset(WORD_LISTS["relative-clause-verbs"])  # 获得…的经营主体: part of the name
KEPT_AFTER_VERB = tuple(WORD_LISTS["joining-verb-kept-after"])  # 完成率, 完成度: the verb belongs to the name
MARKET_MONEY = frozenset(WORD_LISTS["market-money"])  # 成交额, 净买入: money a market moves, named by the market
CUMULATIVE_MOVE_HEADS = frozenset(WORD_LISTS["cumulative-move-heads"])  # 累计涨幅: what moved stays
MOVED_PRICES = tuple(WORD_LISTS["cumulative-moved-prices"])  # 股价累计涨幅: a price, index or board moved
TIME_SPLIT_MOVED_PRICES = tuple(WORD_LISTS["time-split-moved-prices"])  # 股价年内涨幅: a price moved
CUMULATIVE = frozenset(["累计"])
VERB_QUANTITIES = frozenset(WORD_LISTS["verb-quantities"])  # 签约金额, 投放规模: the verb names the quantity
# 余额达35万亿元: 达 is a verb after a quantity word, part of a name elsewhere (英伟达涨4%, 万达)
REACHES = rulebook.regex("".join(f"(?<!{c})" for c in WORD_LISTS["names-ending-in-da"]) + r"(?:已)?达$")
NOT_COUNTED_AFTER = rulebook.regex(_one_of_words("not-counted-after"))
LOCATIVE_TAIL = rulebook.regex(rf"(?<=.{{2}})(?:{_one_of_words('locative-tail')})$")
TIME_CLAUSE = rulebook.regex(rf"(?<=.{{2}})(?:在|于)(?:{_one_of_words('time-clause-openers')}).*$")
PER_UNIT_TAIL = rulebook.regex(rf"每(?:{_one_of_words('per-unit')})$")
# 每升, 每日, 每瓦: any one character after 每 is a unit or a period the figure is per (not 每股, which names a dividend
# per share: metric.toml per-one-character-kept); cut only where a name stands before it (上涨至每升 keeps it)
PER_ONE_CHARACTER_TAIL = rulebook.regex(
    rf"每[^\W\d_A-Za-z{''.join(map(re.escape, WORD_LISTS['per-one-character-kept']))}]$")
# 发行价格不低于定价基准日前20个交易日均价的80%: the metric is what the bound is set on
NOTE = rulebook.regex(r"[（(](?:含|不含|含税|含本数)[^）)]{0,10}[）)]")
SAME_BELOW = rulebook.regex(r"[（(][^（()）]{0,20}下同[）)]")  # 同比(下同)增长2.4%: a note that the wording holds below
NOTE_AT_EDGE = rulebook.regex(rf"^{NOTE.pattern}|{NOTE.pattern}$")
THRESHOLD = rulebook.regex(rf"^(?:{_one_of_words('bounds')})|(?:以下|以上|以内)$")  # 不超过1000万元, 5万元以下
THRESHOLD_OF = rulebook.regex(rf"^(?P<name>.{{2,}}?)(?:{_one_of_words('bounds')})(?=.).*$")
GROWTH_WORD = rulebook.regex(rf"(?<=.{{2}})(?:{_one_of_words('growth-words')})$")
GROWTH_WORDS = rulebook.regex(rf"(?:累计|全天|全日)?(?:涨跌幅|{_one_of_words('growth-words')})")
GROWTH_OF = rulebook.regex(rf"^(?P<stem>.+?)(?:{_one_of_words('growth-words')})$")
SHARE_VERB = rulebook.regex(rf"^(?:{_one_of_words('share-verbs')})")
# a share price move or close: 中国平安涨4.1%, 中信证券收涨5.62%, 贵州茅台收报1749元
# 分季度看，一季度同比增长18.3%: a sentence that breaks down the statistic named before it
BREAKDOWN = rulebook.regex(rf"\s*分(?:{_one_of_words('breakdown-of')})看[，,：:]")
STOCK_MOVE = rulebook.regex(rf"(?:{_one_of_words('stock-moves')})(?:了)?(?:{_one_of_words('stock-move-qualifiers')})?$")
# 贵州茅台跌幅扩大至5%: a move written as its size (metric.toml stock-move-sizes), read by stock-move-size-of-clause alone
STOCK_MOVE_SIZE = rulebook.regex(rf"(?:{_one_of_words('stock-move-sizes')})"
                                 rf"(?:{'|'.join(map(re.escape, WORD_ROWS['stock-move-sizes']['links']))})?"
                                 rf"(?:{_one_of_words('stock-move-qualifiers')})?$")
PHRASE_AFTER_END = rulebook.regex(r"[的,，]|" + _one_of_words("phrase-after-ends"))
SHARE_CLASS = rulebook.regex(r"[AHB]股")
STATISTIC_MOVE = rulebook.regex(r"同比|环比|按年|按月|按季")
FUTURES_WRAP = rulebook.regex(f"(?<!股指)(?<!指数)(?:{_one_of_words('futures-wrap')})")  # 国内商品期货多数收涨，不锈钢涨超6%: not a firm
SHARE_PRICE_CLAUSE = rulebook.regex(_one_of_words("share-price-clause-words"))  # 涨超13%, 现报12.01元: a move or quote
PER_GOODS = rulebook.regex(r"/(?!股)\S")  # 5000元/吨, 2300美元/盎司: the price of goods, not of a share
NOT_A_STOCK = rulebook.regex(rf"[A-Z]股$|^(?:{_one_of_words('boards-not-stocks')})$|" + _one_of_words("not-a-stock"))  # searched
# 全面降准释放资金约8000亿元，定向降准释放约1000亿元; 其中全面降准部分约8000亿元: the object is left out,
# so the figure measures what the figure before it does
OBJECT_LEFT_OUT = rulebook.regex(rf"(?<!净)(?:{_one_of_words('object-left-out')})$|(?<=.{{2}})部分$")


@functools.cache
def _lexicon() -> dict:
    return rulebook.lexicon()["metric"]


def _by_length(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda word: (-len(word), word)))  # ties in one order in every process


@functools.cache
def _words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(trailing words, verbs with flow verbs, leading words), each longest first."""
    lex = _lexicon()
    return (_by_length(lex["trailing"]), _by_length([*lex["verbs"], *lex["flow_verbs"]]),
            _by_length(lex["leading"]))


@functools.cache
def _edge_pattern(words: tuple[str, ...], at_end: bool) -> re.Pattern:
    kept = WORD_LISTS["kept-before-yue"]
    alternation = "|".join(re.escape(w) if w != "约" else f"(?<![{''.join(kept)}])约" for w in words)
    # 主力合约, 公约: 约 ends a word after these, it is no qualifier; 全国性金融机构, 末期息, 其他, 全市场: a leading word that makes a word with what follows stays; so does one joined to
    # the next by a conjunction (150多个国家和地区: 国家 is counted, not a place word)
    # at the end: searched, so a lookahead on the first characters (约's look-behind keeps re from finding them)
    return rulebook.regex(with_first_characters(f"(?:{alternation})+$") if at_end
                          else f"^(?:{alternation})+(?!{_one_of_words('word-after-leading')})")


def _strip_trailing(phrase: str, trailing: tuple[str, ...]) -> str:
    """Remove any run of the given words from the end (增长达到 → ''), and a 达 that follows a quantity word."""
    if _may_end_with(phrase, trailing):
        phrase = _edge_pattern(trailing, True).sub("", phrase, count=1)
    stripped = REACHES.sub("", phrase) if _may_end_with(phrase, ("达",)) else phrase
    return _edge_pattern(trailing, True).sub("", stripped, count=1) if stripped != phrase else phrase


def _may_end_with(phrase: str, words: tuple[str, ...]) -> bool:
    """Whether a pattern that ends with one of ``words`` and ``$`` can match: the phrase ends with one of them (or
    with a newline, before which ``$`` matches too). Tested first, it spares the pattern's search at every start."""
    return phrase.endswith(words) or phrase.endswith("\n")


def _strip_leading(phrase: str, leading: tuple[str, ...]) -> str:
    if not phrase.startswith(leading):  # the pattern starts with ^ and one of the words
        return phrase
    return _from_word_start(phrase, _edge_pattern(leading, False).sub("", phrase, count=1))


def _from_word_start(phrase: str, stripped: str) -> str:
    """``stripped`` (an end of ``phrase``), or, where it starts inside a word of the phrase, the phrase from
    that word's start: 对方报价 keeps 对方 (never 方报价), 该国人口 keeps 该国 for the edge rows to judge, 国家级
    keeps 国家 (s26-metricdebris: a leading word cut from a word it begins; archive lead_inside_word). A word the
    segmenter reads as a verb may be cut: 拟定增募资 → 定增募资 (拟 hedges the verb)."""
    cut, at = len(phrase) - len(stripped), 0
    for word, tag in pos.tag(phrase) if cut else ():
        if at + len(word) > cut:
            return stripped if tag.startswith("v") else phrase[at:]  # 拟定增募资, 拟向…: 拟 is a hedge on the verb
        at += len(word)
    return stripped


def _from_open_bracket_or_source(phrase: str) -> str:
    """（不含已执行5%…: the metric starts inside a bracket left open (before it, when the figure opens the bracket);
    国家统计局公布的… : after who published it."""
    opened = max(phrase.rfind("（"), phrase.rfind("("))
    if opened >= 0 and "）" not in phrase[opened:] and ")" not in phrase[opened:]:
        phrase = phrase[opened + 1:] or phrase[:opened]  # 上行边缘差点（<20Mbps）: a bound glossed after its name
    for marker in WORD_LISTS["published-by"]:
        if marker in phrase:
            phrase = phrase[phrase.rfind(marker) + len(marker):]
    return phrase


def _verb_in_name(phrase: str, position: int, verb: str) -> bool:
    """尚未完成的合同金额, 销售目标完成率: a negated verb, or one naming a rate or degree, is part of the name, as is a
    relative clause's verb (获得贷款支持的科技型中小企业, metric.toml relative-clause-verbs); 持仓将比原计划:
    将 before a comparison is "will" (the comparison is cut later), not the verb of 将X下调."""
    if verb in RELATIVE_CLAUSE_VERBS and "的" in phrase[position + len(verb):]:
        return True  # 获得普惠小微贷款支持的经营主体: the verb of a relative clause before the name's head
    return position > 0 and (phrase[:position].endswith(NEGATIONS) or phrase.startswith(KEPT_AFTER_VERB, position + len(verb))
                             or verb in WILL_VERBS and phrase.startswith(WILL_BEFORE, position + len(verb)))


@functools.cache
def _verbs_by_first(verbs: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """First character → the places in ``verbs`` of the verbs that start with it."""
    places: dict[str, list[int]] = {}
    for place, verb in enumerate(verbs):
        places.setdefault(verb[:1], []).append(place)
    return {first: tuple(found) for first, found in places.items()}


def _verbs_in(phrase: str, verbs: tuple[str, ...]) -> list[str]:
    """The ``verbs`` whose first character the phrase holds, in their order: the others are not in it, so a search
    of the phrase for each of the ~60 verbs is spared."""
    by_first = _verbs_by_first(verbs)
    return [verbs[place] for place in sorted(p for first in set(phrase) for p in by_first.get(first, ()))]


def _after_last_verb(phrase: str, verbs: tuple[str, ...]) -> str:
    """下调支农支小再贷款利率 → 支农支小再贷款利率: cut after the last verb that has words after it (增加值 is a
    noun, not 增加; 签约金额 names how much was signed, so a verb before a bare quantity word stays)."""
    best, start = -1, -1
    for verb in _verbs_in(phrase, verbs):
        position = phrase.rfind(verb)
        if position < 0 or verb == "增加" and phrase.startswith("增加值", position) or _verb_in_name(phrase, position, verb):
            continue  # most verbs are not in the phrase: nothing more to look at
        if position + len(verb) < len(phrase) and position + len(verb) > best:
            best, start = position + len(verb), position
    kept = _kept_before_cumulative(phrase, start, best, verbs)
    if kept:
        return kept  # 北向资金累计净买入 → 北向资金净买入, 股价累计涨幅 → 股价涨幅
    if best > 0 and phrase[best:] in VERB_QUANTITIES:  # 累计签约金额 → 签约金额: the name starts at the verb
        before = _strip_trailing(_after_last_verb(phrase[:start], verbs), verbs) if start > 0 else ""
        return before + phrase[start:]
    return phrase[best:] if best > 0 else phrase


def _kept_before_cumulative(phrase: str, start: int, best: int, verbs: tuple[str, ...]) -> str | None:
    """The name when 累计 is the last verb and no verb: market money after it keeps the market before it (北向资金累计
    净买入 → 北向资金净买入), a move's size keeps a price, index or board before it (股价累计涨幅 → 股价涨幅, metric.toml
    cumulative-move-heads); None for anything else (本月累计涨幅 keeps cutting at 累计)."""
    if best <= 0 or phrase[start:best] not in CUMULATIVE:
        return None
    if phrase[best:] in MARKET_MONEY:
        return _after_last_verb(phrase[:start], verbs) + phrase[best:]
    before = _after_last_verb(phrase[:start], verbs).rstrip("的")
    moved = phrase[best:] in CUMULATIVE_MOVE_HEADS and before.endswith(MOVED_PRICES)
    return before + phrase[best:] if moved else None


def _named_part(phrase: str) -> str:
    """The part of a phrase that names the quantity: a ratio before 为, what a bound is set on (发行价格不低于…),
    the name after 口径为, X of X较Y, the part after 贷款中."""
    phrase = THRESHOLD_OF.sub(r"\g<name>", RATIO_BEFORE.sub(r"\g<name>", phrase))
    return PART_OF.sub("", COMPARED_WITH.sub("", NAMED_AFTER.sub("", phrase)))


def _without_subject(phrase: str, leading: tuple[str, ...]) -> str:
    """农业银行普惠型小微企业贷款余额, 四家银行核心一级资本充足率, 对月销售额…, 发行超长期特别国债: the company,
    the counted subject, a condition's 对 and an issuing verb go, with the place and time words around them."""
    phrase = _strip_leading(_strip_institution(_strip_leading(_strip_institution(phrase), leading)), leading)
    phrase = CONDITION_DUI.sub("", COUNTED_SUBJECT.sub("", phrase))
    return _strip_leading(ISSUED.sub("", phrase), leading)


def _without_per_unit(phrase: str) -> str:
    """现货黄金每盎司 → 现货黄金, 汽油平均价格上涨至每升 → 汽油平均价格上涨至: what the figure is per goes."""
    phrase = PER_UNIT_TAIL.sub("", phrase)
    short = PER_ONE_CHARACTER_TAIL.search(phrase)
    return phrase[:short.start()] if short and names_something(phrase[:short.start()]) else phrase


RESULT_MARKERS = tuple(WORD_LISTS["result-markers"])
RESULT_VERB_TAGS = frozenset("v vd vi a ad".split())


def _without_result_verb(phrase: str) -> str:
    """本金债务压低至 → 本金债务, 全年盈利推上了 → 全年盈利: a verb of two characters or more (or an adjective) and its
    result marker before the figure are the predicate, not the name (metric.toml result-markers); a word that names a
    quantity (出口至) stays, and so does a phrase with no name of two characters before it."""
    if not phrase.endswith(RESULT_MARKERS):
        return phrase
    words = pos.tag(phrase)
    if len(words) < 3 or words[-1][0] not in RESULT_MARKERS:
        return phrase
    verb, tag = words[-2]
    if tag not in RESULT_VERB_TAGS or len(verb) < 2 or verb in _metric_words():
        return phrase
    head = phrase[: len(phrase) - len(words[-1][0]) - len(verb)]
    return head if len(head) >= 2 and names_something(head) else phrase


@functools.lru_cache(maxsize=16384)  # a pure function of the phrase; a third of the calls repeat an earlier phrase
def clean_metric(phrase: str, limit: bool = True) -> str | None:
    """Strip verbs, time and place words from a phrase taken from before a figure; flow verbs go too, rates
    included (新增贷款 → 贷款; 新发放的普惠小微企业贷款平均利率 → 普惠小微企业贷款平均利率)."""
    trailing, verbs, leading = _words()
    phrase = _without_result_verb(phrase)
    phrase = JOINING_VERB.sub("", FIRM_JOINED.sub("", SCOPE_FLOW.sub("", phrase)))  # 规模以上工业企业实现利润总额 → …企业利润总额
    phrase = DIVIDEND_VERB.sub("", phrase)  # 每10股派发现金红利 → 每10股现金红利
    phrase = _strip_trailing(_from_open_bracket_or_source(phrase).strip(), trailing)
    phrase = ENUMERATOR.sub("", _strip_trailing(_after_last_verb(phrase, verbs), trailing))
    phrase = _without_subject(MARKET_TIME.sub("", _named_part(phrase)), leading)  # 理想汽车盘中: the firm is left, no time
    phrase = _strip_trailing(_without_per_unit(EMPTY_BRACKETS.sub("", MARKET_TIME.sub("", phrase))), trailing)
    phrase = WINDOW.sub("", TIME_CLAUSE.sub("", phrase))  # Kospi指数在过去12个月内因…而暴涨 → Kospi指数
    phrase = re.sub(r"[\s【】]", "", phrase).strip("“”\"'《》、，,")
    phrase = TRAILING_ABBREVIATION.sub("", UNOPENED_CLOSE.sub(r"\g<name>", phrase))  # 贷款市场报价利率（LPR） → …利率
    phrase = _drop_trailing_function_words(phrase)
    if phrase in verbs:
        return None  # 开展1.2万亿元逆回购操作: only a verb before the figure, the metric follows it
    if limit and len(phrase) > MAX_METRIC_CHARS:
        phrase = _last_words(phrase, MAX_METRIC_CHARS).lstrip("、，,和及与")
    return phrase or None


def _last_words(phrase: str, limit: int) -> str:
    """The longest end of ``phrase`` of at most ``limit`` characters that starts at a word (…勒索软件等非法活动有关的
    数字钱包地址 keeps 勒索软件 whole or drops it, never 索软件); one word longer than that is cut as characters."""
    kept = ""
    for word, _ in reversed(pos.tag(phrase)):
        if len(kept) + len(word) > limit:
            break
        kept = word + kept
    return kept or phrase[-limit:]


@functools.cache
def _metric_words() -> frozenset[str]:
    """Words jieba tags as verbs that name quantities here (支出, 出口, 融资, 收入)."""
    measures = rulebook.lexicon()["measures"]
    return frozenset([*measures["flow_words"], *measures["strong_flow_words"], *measures["level_words"],
                      *_lexicon()["heads"], *_lexicon()["generic"]])


@functools.lru_cache(maxsize=4096)
def names_something(phrase: str) -> bool:
    """Whether a phrase holds anything but verbs, adverbs and particles (jieba's part-of-speech tags):
    又开展, 执行, 还可能择机 and 先后安排 name nothing a figure could measure; 支出, 20年期 do."""
    if TENOR.fullmatch(phrase):
        return True
    if len(phrase) < 2:
        return False  # 调 (left of 调降 when 降 is cut as a trailing verb): a character names nothing
    return not all(tag in pos.FUNCTION_TAGS and word not in _metric_words() for word, tag in pos.tag(phrase))


# adverbs, prepositions, conjunctions, particles, pronouns: never the last word of a metric (verbs can be: 支出)
TRAILING_TAGS = frozenset("d p c u uj ul uz ug uv ud y r ad".split())


def _drop_trailing_function_words(phrase: str) -> str:
    """恒生指数收 → 恒生指数, 损失额有可能 → 损失额: adverbs and particles left at the end of a phrase go."""
    if not pos.may_end_with(phrase, TRAILING_TAGS):
        return phrase  # its last word is none that goes (most phrases): no need to tag it
    words = list(pos.tag(phrase))
    while len(words) > 1 and words[-1][1] in TRAILING_TAGS and words[-1][0] not in _metric_words() \
            and not words[-1][0].startswith("每"):  # 末期息每股 keeps its 每股
        words.pop()
    kept = "".join(word for word, _ in words)
    return kept if len(kept) >= 2 else phrase


# where the noun phrase after a figure ends: a verb, adverb, preposition or pronoun (not 和, 的)
PHRASE_END_TAGS = frozenset("v vd vg vi d df p r ad a".split())  # df: 不要, 不用


@functools.cache
def _noun_modifiers() -> frozenset[str]:
    """Verbs that modify the noun after them inside a name (境外输入确诊病例): a noun phrase goes on past them."""
    return frozenset(_lexicon().get("noun_modifiers", ()))


def _only_a_place(metric: str) -> bool:
    """广东, 浙江, 许昌市 (其中境外输入病例34例（广东21例，上海8例…）): a place alone names nothing a count counts;
    the spec drops place words, so the count is of what the list before it counts (a rate of a place, 而印度仅为35%,
    is left to the edge rules). A place is one word jieba tags ns, or a name with a place ending (市, 区, 县 …;
    organizations.toml grammar) that is not one of its not_places (城区, 社区)."""
    words = pos.tag(metric)
    if len(words) == 1 and words[0][1] == "ns":
        return True
    place_name, not_places = _place_grammar()
    return bool(place_name.fullmatch(metric)) and metric not in not_places and not metric.endswith(ZONES)


@functools.cache
def _place_grammar() -> tuple[re.Pattern, frozenset[str]]:
    from analyzer.extract.organizations import load_grammar
    grammar = load_grammar()["grammar"]
    endings = "|".join(sorted(map(re.escape, grammar["place_endings"]), key=len, reverse=True))
    return rulebook.regex(rf"[\u4e00-\u9fff]{{1,5}}(?:{endings})"), frozenset(grammar["not_places"])


def _noun_prefix(phrase: str, nominal_heads: bool = False, closed: bool = False) -> str:
    """利率向符合条件 → 利率, 金融机构参与 → 金融机构: the words up to the first verb, adverb or preposition
    after a noun. With ``nominal_heads`` (the noun a figure qualifies, after its 的 or its verb) verbs that end the
    phrase or stand right before an adverb or preposition are its head, not a predicate (采购承诺以锁定产能 →
    采购承诺, 航运需求将从… → 航运需求; metric.toml nominal-verb-heads); ``closed``: a predicate begins right after
    the phrase, so verbs that end it head it too (释放约3%的增量航运需求。)."""
    words = pos.tag(phrase)
    kept = ""
    for at, (word, tag) in enumerate(words):
        if kept and tag in PHRASE_END_TAGS and word not in _metric_words() and word not in _noun_modifiers() \
                and not (nominal_heads and tag.startswith("v") and _verbs_end_phrase(words, at, closed)):
            break
        kept += word
    return kept


# the tags and the prepositions a predicate after a noun phrase opens with, and the marks that end its sentence
# (metric.toml nominal-verb-heads)
SENTENCE_END_MARKS = frozenset(WORD_ROWS["nominal-verb-heads"]["sentence_end"])
PREDICATE_OPENING_TAGS = frozenset(WORD_ROWS["nominal-verb-heads"]["tags"])
PREDICATE_OPENING_WORDS = frozenset(WORD_LISTS["nominal-verb-heads"])


def _verbs_end_phrase(words: Sequence[tuple[str, str]], at: int, closed: bool) -> bool:
    """The verbs from ``words[at]`` on run to an adverb or a preposition that opens a predicate (需求将从…,
    承诺以锁定…): nouns jieba tags as verbs, heading the noun phrase. A verb with a noun after it, or last (受访者
    表示，, 份额紧随其后, 股份转让给), is a predicate; in a ``closed`` phrase a last verb of two characters or more
    alone is its head (增量航运需求。, 绩效股权激励。) while two verbs are a verb and its object (工会成员赞成罢工。)."""
    for word, tag in words[at + 1:]:
        if tag in PREDICATE_OPENING_TAGS or word in PREDICATE_OPENING_WORDS:
            return True
        if not tag.startswith("v"):
            return False
    return closed and at == len(words) - 1 and len(words[at][0]) >= 2 and not words[at - 1][1].startswith("v")


@functools.cache
def _institution_pattern() -> re.Pattern:
    names = {alias for entry in load_taxonomy().entries if entry.kind == "institutions"
             for alias in (entry.name, *entry.aliases) if len(alias) >= 2}
    # the lookahead on the names' first characters spares trying ~1,300 branches where none can match (3.7x)
    firsts = re.escape("".join(sorted({name[0] for name in names})))
    alternation = "|".join(map(re.escape, sorted(names, key=lambda name: (-len(name), name))))
    return rulebook.regex(f"^(?=[{firsts}])(?:{alternation})")


@functools.cache
def _institution_excluded_after() -> dict[str, tuple[str, ...]]:
    """name → what may follow it where it is no institution (the entry's ``exclude`` rows with nothing before the
    bracket: [MSCI]亚太 names an index)."""
    afters: dict[str, list[str]] = {}
    for entry in load_taxonomy().entries:
        for before, name, after in (entry.exclude if entry.kind == "institutions" else ()):
            if not before and after:
                afters.setdefault(name, []).append(after)
    return {name: tuple(found) for name, found in afters.items()}


def _strip_institution(phrase: str) -> str:
    """农业银行普惠型小微企业贷款余额 → 普惠型小微企业贷款余额: the company a figure belongs to is not its metric."""
    match = _institution_pattern().match(phrase)
    if match and phrase[match.end():match.end() + 1].isdigit():
        return phrase  # 标普500指数: a number after the name continues it (an index, a product)
    if match and phrase.startswith(_institution_excluded_after().get(match.group(), ()), match.end()):
        return phrase  # MSCI亚太指数: the taxonomy says the name is no institution there
    return phrase[match.end():] if match and len(phrase) - match.end() >= 2 else phrase


def _operation_rate(c: MetricContext) -> str | None:
    """开展…7天期逆回购操作，中标利率为1.8%: the winning-bid rate of the operation its sentence names
    (7天期逆回购中标利率); with 分别, one per operation or per tenor listed (其中7天期…、14天期…)."""
    found = c.matches_in(OPERATION, c.sentence_start, c.figure_start)
    if not found:
        return None
    operations = [(m.group("tenor") or "") + m.group("tool") for m in found]
    index, count = c.list_position if c.list_position else (0, 1)
    if count > 1 and len(operations) == count:
        return operations[index] + "中标利率"
    tenors = [m.group() for m in c.matches_in(OPERATION_TENOR, c.sentence_start, c.figure_start)]
    if count > 1 and len(tenors) == count and not found[-1].group("tenor"):
        return tenors[index] + operations[-1] + "中标利率"
    return operations[-1] + "中标利率" if count == 1 else None


def _parallel_name(short: str, previous: str) -> str | None:
    """首套住房…最低首付款比例调整为15%，二套住房调整为25%: a short name parallel to the start of the previous
    metric (same length, same last two characters) takes that metric with its own start."""
    head = previous[: len(short)]
    if len(short) >= 3 and head != short and head[-2:] == short[-2:] and len(previous) > len(short):
        return short + previous[len(short):]
    return None


def _right_phrase(text: str, end: int) -> str | None:
    """设立3000亿元专项再贷款: the words right after the figure name it."""
    if text.startswith("的", end):
        end += 1  # 按约200万亿元的缴存基数测算: the noun after 的
    match = RIGHT_PHRASE.match(text, end)
    if not match:
        return None
    phrase = PHRASE_AFTER_END.split(match.group())[0]
    return clean_metric(phrase)


@dataclass
class MetricContext:
    """What the metric rules look at for one figure: the figure in the normalized ``text``, where its sentence and
    clause start, its measure and unit, the figure before it in its sentence, the time expressions, its place in a
    分别 list, the list before it (``parallel``), the metrics so far (``earlier``) and the last metric of its
    paragraph in the same unit (``same_unit``). Derived phrases are computed when a rule first asks for them."""

    text: str
    figure_start: int
    figure_end: int
    sentence_start: int
    clause_start: int
    measure: str
    previous: Any
    times: Sequence = ()
    list_position: tuple[int, int] | None = None
    unit: str | None = None
    parallel: list[str | None] | None = None
    earlier: list[str | None] | None = None
    same_unit: str | None = None
    prefix: PrefixSearch | None = None  # the text's searches up to each figure (issue 17), when shared
    continued: bool = False  # list_position is the place in a run continuing the 分别 list before it

    def search_before(self, pattern: re.Pattern, start: int, end: int | None = None) -> re.Match | None:
        """``pattern.search(text, start, end)`` (``end`` the figure's start by default), answered by the text's
        :class:`PrefixSearch` when shared: the same match, without searching the sentence again for each figure."""
        end = self.figure_start if end is None else end
        if self.prefix is not None and self.prefix.text is self.text:
            return self.prefix.search(pattern, start, end)
        return pattern.search(self.text, start, end)

    def matches_in(self, pattern: re.Pattern, start: int, end: int) -> list[re.Match]:
        """The matches of ``pattern`` in ``text[start:end]``, in order — read their groups, not their positions —
        found by the text's :class:`PrefixSearch` when shared and the pattern reads nothing before a search's
        start (then the same as in the slice), without searching the sentence again for each figure."""
        if self.prefix is not None and self.prefix.text is self.text and not reads_before_start(pattern):
            return self.prefix.finditer(pattern, start, end)
        return list(pattern.finditer(self.text[start:end]))

    @lazy
    def _start_and_before_time(self) -> tuple[int, str | None]:
        """Where the metric phrase starts: the clause, the end of the figure before it in a clause (not in a
        分别 list), the end of the last time expression before the figure (not 沪指昨日收涨: 昨日 is dropped);
        and the words before that time expression (1年期LPR在8月已下调10个基点)."""
        start = self.clause_start
        if self.previous is not None and self.previous.end > start and self.list_position is None:
            start = self.previous.end
        before_time = None
        # 占公司2020年度经审计营业收入的11.31%: a time word inside a share's base dates the base, not the metric
        base_at = self.text.rfind("占", start, self.figure_start) if self.measure == "share" else -1
        for span in times_within(self.times, start, self.figure_start):
            if span.kind not in IN_PHRASE and (base_at < 0 or span.start < base_at):
                before_time = self.text[start:span.start].rstrip("在于至")
                start = span.end
        clock = CLOCK_REST.match(self.text, start)
        if clock and CLOCK_HOUR.search(self.text, max(0, start - 3), start):
            start = clock.end()  # 北京时间05:59报: the minutes of a clock time whose hour the time read are no name
        if self.text.startswith("年度", start) and self.text[start - 1:start] == "年":
            start += 2  # 预计2021年年度实现归属于母公司所有者的净利润: 年度 repeats the year just read
        return start, before_time

    @property
    def start(self) -> int:
        return self._start_and_before_time[0]

    @property
    def before_time(self) -> str | None:
        return self._start_and_before_time[1]

    @lazy
    def raw_left(self) -> str:
        """The words from ``start`` to the figure; a note at either end goes (回购资金总额不低于5000万元（含）且…;
        5年以下（含5年）…利率 keeps one inside a name)."""
        return SAME_BELOW.sub("", NOTE_AT_EDGE.sub("", self.text[self.start:self.figure_start]))

    @lazy
    def left(self) -> str:
        """``raw_left`` from a closing bracket the clause began inside (同比(2024年国庆假期第二日，下同)增长), from
        the last space between two phrases, and for a share, up to its 占."""
        left = self.raw_left
        closing = max(left.rfind(")"), left.rfind("）"))
        if closing >= 0 and "(" not in left[:closing] and "（" not in left[:closing]:
            left = left[closing + 1:]
        linked = LINKED_WORD.sub(_closed_up, left)
        spaced = list(PHRASE_SPACE.finditer(linked))
        if spaced:
            left = linked[spaced[-1].end():]
        if self.measure == "share" and "占" in left:
            left = left[: left.rfind("占")]
        multiple = MULTIPLE_OF_BASE.match(left) if self.unit in ("times", "percent") else None
        return multiple.group("name") if multiple else left

    @lazy
    def left_stripped(self) -> str:
        """``left`` without the trailing verbs and comparison words (余额达 → 余额): what the word-before rules
        (implied, fine, spend) read, stripped once for all of them."""
        return _strip_trailing(self.left, _words()[0])

    @lazy
    def after(self) -> str | None:
        """The cleaned phrase right after the figure (设立3000亿元专项再贷款 → 专项再贷款)."""
        return _right_phrase(self.text, self.figure_end)

    @lazy
    def clause_before(self) -> str:
        """The words of the clause before the figure's in its sentence, without the mark that ends it ("" when the
        figure's clause opens the sentence)."""
        if self.clause_start <= self.sentence_start:
            return ""
        return self.text[_previous_clause_start(self.text, self.sentence_start, self.clause_start):self.clause_start - 1]

    @lazy
    def after_start(self) -> int:
        """Where :attr:`raw_after` begins: right after the figure, or after its 的 (约42亿元和39亿元的订单: after the
        last 的 of the figures joined to it)."""
        joined = DE_AFTER_FIGURES.match(self.text, self.figure_end)
        return joined.end() if joined else self.figure_end

    @lazy
    def raw_after(self) -> str | None:
        """The words right after the figure (after a 的), up to a punctuation mark, a bracket or a verb that ends
        the phrase (9个城区（含开发区）开展… → 城区)."""
        after = RIGHT_PHRASE.match(self.text, self.after_start)
        return after and re.split(r"[（(【】\[\]]", PHRASE_AFTER_END.split(after.group())[0])[0]

    @lazy
    def cleaned(self) -> str | None:
        return clean_metric(self.left)

    @lazy
    def named(self) -> str | None:
        """``cleaned``; when that names nothing, the words before the time expression (not an institution:
        人民银行11月5日开展… says whose, not what)."""
        metric = self.cleaned
        if self.before_time and (metric is None or not names_something(metric)):
            named_before = clean_metric(self.before_time)
            if named_before and names_something(named_before) and not _institution_pattern().fullmatch(named_before):
                metric = named_before
        elif self.before_time and metric in TIME_SPLIT_HEADS:
            metric = _joined_across_time(self.before_time, metric)
        elif self.before_time and metric in CUMULATIVE_MOVE_HEADS:
            metric = _moved_across_time(self.before_time, metric)
        return metric

    @lazy
    def verbs_only(self) -> bool:
        """Only verbs and adverbs before the figure (还可能择机再下调0.25至0.5个百分点, 执行5%)."""
        return bool(self.named) and not names_something(self.named)

    @lazy
    def metric(self) -> str | None:
        """The name before the figure, None when it is only verbs."""
        return None if self.verbs_only else self.named

    @lazy
    def attributive(self) -> bool:
        """The figure qualifies the noun after it: 提供约2500亿美元的担保, 就高达2500亿美元的…融资担保 (a verb,
        preposition, adverb, pronoun or numeral before it and 的 after), 当前轮次的300亿美元投资 (的 before it)."""
        left = self.raw_left.rstrip()
        de_after = bool(DE_AFTER_FIGURES.match(self.text, self.figure_end))
        if de_after and self.clause_start > self.sentence_start and not self.text[self.clause_start:self.figure_start].strip():
            return True  # …的情景下，约6%的航运需求将从…转向…: a figure opening its clause qualifies the noun after 的
        if not left or left.endswith("的") or left.endswith(ROUND_WORDS):
            return bool(left) and not de_after  # 当前轮次的300亿美元投资, 完成新一轮120亿美元融资
        if not de_after:
            return False
        if self.owner_share:
            return True
        words = pos.tag(AMOUNT_WORD_AT_END.sub("", left) or left)[-2:]
        if len(words) == 2 and words[-1][0] in PERFECTIVE_WORDS and words[0][1].startswith("v"):
            return True  # 创造了约43亿美元的收入, 提出了10%及以上的投资增长目标: a verb, 了, then the figure
        if THRESHOLD.search(self.text[self.figure_start:self.figure_end]):
            return False  # 单户授信1000万元以下的小微企业贷款: a bound on the name before it
        return _last_word_before_scope(left)[1] in ATTRIBUTIVE_LEFT_TAGS

    @lazy
    def owner_share(self) -> bool:
        """日本84%的主要企业, 印度尼西亚有约75%的硫磺进口: a percent after a place or an institution alone, then 的, is
        that owner's share of the noun after 的; the owner is no statistic (metric.toml attributive-noun-after)."""
        named = self.named
        return self.unit == "percent" and bool(named) and (
            _only_a_place(named) or bool(_institution_pattern().fullmatch(named)))

    @lazy
    def generic(self) -> bool:
        """The name before the figure names no quantity of its own: none, a generic word (增速, 规模), a comparison
        (比各项贷款增速高), a verb whose object is left out (释放), an institution."""
        metric = self.metric
        return metric is None or len(metric) < 2 or metric in _lexicon()["generic"] or \
            bool(COMPARED_TO_OTHER.match(metric)) or bool(OBJECT_LEFT_OUT.search(metric)) or \
            bool(SESSION_TO_DAY_EXTREME.search(metric)) or \
            bool(_institution_pattern().fullmatch(metric)) or (self.unit == "count" and _only_a_place(metric)) or \
            bool(ONLY_A_TIME.fullmatch(metric))  # 远高于2020年的1.4%: a time alone, the figure before's statistic

    @lazy
    def last_resort(self) -> str | None:
        """The name before the figure, else for a level or flow the phrase after it."""
        if self.metric is None and self.measure in ("level", "flow"):
            return self.after
        return self.metric

    # a list after 分别: the names before 分别 and the words after it (分别实现净利润…)
    @lazy
    def list_names(self) -> str | None:
        return clean_metric(self.left[: self.left.rfind("分别")], limit=False)

    @lazy
    def list_after(self) -> str | None:
        after = clean_metric(LIST_VERB.sub("", re.split(r"[\d.]", self.left[self.left.rfind("分别") + 2:])[0]))
        return None if after and COMPARED_TO_OTHER.match(after) else after  # 分别较此前下降15个基点和10个基点

    @lazy
    def listed(self) -> str | None:
        """This figure's name in the list before 分别."""
        return split_list_metric(self.list_names, self.list_position[1], self.list_position[0])


Named = tuple[str, str]  # (metric, the words it came from)
# the last word before a figure that qualifies the noun after it: a verb (提供, 达), preposition (按, 就), adverb,
# pronoun (这笔), numeral (新一轮) or conjunction, not a name
ROUND_WORDS = tuple(WORD_LISTS["round-words"])
ATTRIBUTIVE_LEFT_TAGS = frozenset("v vd vi p d r m c".split())
PERFECTIVE_WORDS = frozenset(WORD_LISTS["attributive-after-perfective"])  # 了 after the verb
AMOUNT_WORD_AT_END = rulebook.regex(rf"(?<=了)(?:{_one_of_words('attributive-amount-words')})$")  # 购买了价值…的大豆


# 约42亿元和39亿元的订单: a figure joined to the next by 和/及/、 qualifies the noun after the last one's 的
DE_AFTER_FIGURES = rulebook.regex(rf"(?:(?:{_one_of_words('attributive-joined-figures')})[约近超逾]?[-\d.]+[^\s，,。；;的]{{0,4}}?)?的")
SCOPE_BEFORE_FIGURE = frozenset(WORD_LISTS["attributive-scope-before"])
SCOPE_BEFORE_TAGS = frozenset(WORD_ROWS["attributive-scope-before"]["tags"])  # 上半年, 海上, 额外


def _last_word_before_scope(left: str) -> tuple[str, str]:
    """The last word of ``left`` (with its tag) before the time, space and scope words that stand right before a
    figure and are no verb, adverb or pronoun themselves (承载全球近三成的…, 获得额外约42亿元的…, 连接着每年数千万台的…: 全球, 额外, 每年 say over what, the verb
    before them says whether the figure qualifies the noun after it)."""
    words = pos.tag(left)
    while len(words) > 1 and words[-1][1] not in ATTRIBUTIVE_LEFT_TAGS \
            and (words[-1][1] in SCOPE_BEFORE_TAGS or words[-1][0] in SCOPE_BEFORE_FIGURE):
        words = words[:-1]
    return words[-1]


TIME_SPLIT_HEADS = frozenset(WORD_LISTS["time-split-heads"])
TIME_SPLIT_NOT_SUBJECTS = tuple(WORD_LISTS["time-split-not-subjects"])
TIME_SPLIT_SUBJECT_TAGS = frozenset(WORD_ROWS["time-split-heads"]["subject_tags"])  # 新能源汽车, 光伏


def _joined_across_time(before_time: str, head: str) -> str:
    """新能源汽车2021年销量 → 新能源汽车销量: a bare statistic (time-split-heads) right after a time expression is of
    the product or industry named right before that time; a firm, a place or a person there (比亚迪, 美国) is whose or
    where, which the spec drops, and a verb or anything but a common noun ends the subject."""
    subject = clean_metric(before_time) or ""
    words = pos.tag(subject) if subject else ()
    if not words or len(subject) < 2 or len(subject) > 8 or _institution_pattern().fullmatch(subject) or \
            any(tag not in TIME_SPLIT_SUBJECT_TAGS or word in _metric_words() for word, tag in words) or \
            subject.endswith(TIME_SPLIT_NOT_SUBJECTS):
        return head
    return subject + head


def _moved_across_time(before_time: str, head: str) -> str:
    """股价年内涨幅 → 股价: a move's size right after a time expression is the move of the price written right before
    that time (metric.toml time-split-moved-prices), named as that price is when no time splits it (油价涨幅 →
    油价); anything else before the time keeps the bare head."""
    subject = tidy_metric(clean_metric(before_time) or "")
    return subject if len(subject) >= 2 and subject.endswith(TIME_SPLIT_MOVED_PRICES) else head


def _named(metric: str | None, words: str | None = None) -> Named | None:
    return (metric, words if words is not None else metric) if metric else None


# conditions: a rule row's ``when`` names them; each takes the context and says whether it holds
CONDITIONS: dict[str, Callable[[MetricContext], bool]] = {
    "list_with_fenbie": lambda c: c.list_position is not None and "分别" in c.left,
    "list_continued": lambda c: c.continued and bool(c.parallel),
    "list_names": lambda c: bool(c.list_names),
    "list_names_winning_bid": lambda c: c.list_names == "中标利率",
    "list_names_generic": lambda c: c.list_names in _lexicon()["generic"],
    "list_names_institutions": lambda c: bool(_institution_pattern().match(c.list_names)),
    "list_after_names": lambda c: bool(c.list_after) and c.list_after not in ("为", "是"),
    "list_whose_or_unsplit": lambda c: bool(_institution_pattern().match(c.list_names)) or not c.listed,
    "previous_then_de": lambda c: c.previous is not None and c.text[c.previous.end:c.figure_start] == "的",
    "left_share_of_base": lambda c: bool(SHARE_OF_BASE.search(c.left)),
    "cleaned_winning_bid": lambda c: c.cleaned == "中标利率",
    "object_follows": lambda c: bool(OBJECT_FOLLOWS.search(c.named or "") or OBJECT_FOLLOWS.search(c.left.strip())),
    "levy_follows": lambda c: bool(LEVY_FOLLOWS.search(c.left.strip())),
    "verbs_only": lambda c: c.verbs_only,
    "de_after": lambda c: c.text.startswith("的", c.figure_end),
    "attributive": lambda c: c.attributive,
    "short_metric": lambda c: bool(c.metric) and len(c.metric) <= 6,
    "bare_head": lambda c: bool(c.metric) and tidy_metric(c.metric) in BARE_HEADS | AMOUNT_BARE_HEADS,
    "has_metric": lambda c: bool(c.metric),
    "metric_generic": lambda c: c.generic,
    "previous_has_metric": lambda c: c.previous is not None and bool(c.previous.metric),
    "no_previous": lambda c: c.previous is None,
    "breakdown_clause": lambda c: _opens_breakdown(c),
    "flow_or_change_of_flow": lambda c: c.measure == "flow" or (c.measure == "change" and c.previous.measure == "flow"),
    "previous_is_balance": lambda c: c.previous.metric.endswith("余额"),
    "refers_to_number": lambda c: any(word in c.raw_left for word in WORD_LISTS["numbers-referred-back"]),
    "previous_share_price_move": lambda c: c.previous is not None and c.previous.metric == "股价"
    and c.previous.measure == "growth_rate",
    "stock_move_before": lambda c: bool(STOCK_MOVE.search(c.text, c.clause_start, c.figure_start))
    and not PER_GOODS.search(c.text, c.figure_start, c.figure_end)
    and not c.search_before(FUTURES_WRAP, c.sentence_start),  # 商品期货…，热卷收涨0.58%: a contract
    "stock_move_size_before": lambda c: bool(STOCK_MOVE_SIZE.search(c.text, c.clause_start, c.figure_start))
    and not PER_GOODS.search(c.text, c.figure_start, c.figure_end)
    and not c.search_before(FUTURES_WRAP, c.sentence_start),  # 贵州茅台跌幅扩大至5%, as stock_move_before
}


def _equity_after(c: MetricContext) -> Named | None:
    """拟转让所持有太行数据湖45%股权: a stake."""
    equity = EQUITY_AFTER.match(c.text, c.figure_end)
    return _named(equity.group("what"), equity.group()) if equity else None


def _currency_quote(c: MetricContext) -> Named | None:
    """1美元对人民币7.1772元: the currency pair and what is quoted."""
    quote = QUOTE_LEFT.search(c.raw_left)
    if quote is None:
        return None
    head = "汇率中间价" if "中间价" in c.text[c.sentence_start:c.figure_start] else "汇率"
    return _named(f"{quote.group('currency')}对人民币{head}", quote.group())


def _opens_breakdown(c: MetricContext) -> bool:
    """The figure's clause comes right after 分季度看， opening its sentence (not 分行业看，A增势强劲，较上年增长…)."""
    opener = BREAKDOWN.match(c.text, c.sentence_start)
    return opener is not None and opener.end() >= c.clause_start


def _last_earlier(c: MetricContext) -> Named | None:
    """分季度看，一季度同比增长18.3%: the statistic the text named last, which the sentence breaks down."""
    return _named(next((m for m in reversed(c.earlier or ()) if m), None))


def _earlier_part(c: MetricContext) -> Named | None:
    """回购股份136万股，占总股本1.4亿股的0.97%: the share is of the part, not the total."""
    return _named(c.earlier[-2]) if c.earlier and len(c.earlier) >= 2 else None


def _provided_after(c: MetricContext) -> Named | None:
    """按贷款本金的60%提供资金支持: what is provided."""
    return _named(to_simplified(SHARE_VERB.sub("", c.after) or c.after), c.after) if c.after else None


@functools.cache
def _implied_words() -> tuple[str, ...]:
    return tuple(_lexicon()["implied"])


FINE_VERBS = tuple(WORD_LISTS["fine-verbs"])
IMPLIED_COUNTED = tuple(WORD_LISTS["implied-counted"])
SPEND_VERBS = tuple(WORD_LISTS["spend-verbs"])
PURCHASE_VERBS = tuple(WORD_LISTS["purchase-verbs"])
PAID_WITH = WORD_ROWS["paid-with"]


def _first_ending(phrase: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that ``phrase`` ends with (one test of the whole tuple first: most phrases end with
    none)."""
    return next((w for w in words if phrase.endswith(w)), None) if phrase.endswith(words) else None


def _implied_word(c: MetricContext) -> Named | None:
    """降准0.5个百分点: the word before the figure implies its metric (lexicon metric.implied); a rate the
    sentence named before it is the one moved (美联储维持利率在0%-0.25%区间的概率为96.9%，加息25个基点 → 利率)."""
    word = _first_ending(c.left_stripped, _implied_words())
    if word is None:
        return None
    if c.text[c.figure_start:c.figure_end].endswith(IMPLIED_COUNTED):
        return _named(word, word)  # 加息四次: the moves are counted (metric.toml implied-counted)
    implied = _lexicon()["implied"][word]
    named = _rate_named_before(c) if implied.endswith("利率") else None
    return named if named and named[0].endswith("利率") else _named(implied, word)


def _fine_imposed(c: MetricContext) -> Named | None:
    """被处以45万元罚款, 哔哩哔哩被罚50万元: money right after a fining verb is the fine (罚款)."""
    stripped = c.left_stripped
    word = _first_ending(stripped, FINE_VERBS)
    return _named("罚款", word) if word else None


def _spent_on(c: MetricContext) -> Named | None:
    """拟以自有资金出资3亿元收购, 耗资约2.04亿港元: money right after a spending verb is named by the purchase it pays
    for (收购, 回购), else by the verb (出资, 耗资); who spent it and how go."""
    stripped = c.left_stripped
    spent = _first_ending(stripped, SPEND_VERBS) or _paid_with(c, stripped)
    if spent is None:
        return None
    after = c.text[c.figure_end:c.figure_end + 8].lstrip("用于来")
    after = after[len(_first_starting(after, PAID_WITH["skipped"]) or ""):]
    bought = _first_starting(after, PURCHASE_VERBS if spent in SPEND_VERBS else PAID_WITH["verbs"])
    if bought and after.startswith(("股份", "股票"), len(bought)):  # 出资1亿元回购股份: the deal keeps its shares
        bought = after[:len(bought) + 2]
    return None if spent not in SPEND_VERBS and not bought else _named(bought or spent, spent)


def _paid_with(c: MetricContext, stripped: str) -> str | None:
    """拟以17.98亿元投资建设, 拟以3亿美元收购: money after a planned 以 (metric.toml paid-with), not a price per unit
    (以5.94元/股受让)."""
    paid = _first_ending(stripped, tuple(PAID_WITH["words"]))
    return paid if paid and "/" not in c.text[c.figure_start:c.figure_end] else None


def _first_starting(phrase: str, words: Sequence[str]) -> str | None:
    return next((w for w in words if phrase.startswith(w)), None)


def _event_probability(c: MetricContext) -> Named | None:
    """加息25个基点的概率为3.1%, 3月维持利率在0%-0.25%区间的概率为38.7%: a probability is named by the whole event
    it is of, figures included, from its clause's last time word on."""
    if not any(head in c.text[c.clause_start:c.figure_start] for head in WORD_LISTS["probability-heads"]):
        return None
    start = max([c.clause_start, *(span.end for span in times_within(c.times, c.clause_start, c.figure_start))])
    phrase = _strip_trailing(c.text[start:c.figure_start].strip(), _words()[0])
    if not PROBABILITY.search(phrase):
        return None
    owner = _institution_pattern().match(phrase)  # 美联储1月维持…: whose decision, then when
    return _named(to_simplified(_strip_leading(phrase[owner.end() if owner else 0:], _words()[2])), phrase)


def _operation_of_clause(c: MetricContext) -> Named | None:
    """中标利率: the winning-bid rate of the operation the sentence names."""
    return _named(_operation_rate(c),
                  c.text[c.sentence_start:c.figure_start])


def _operation_or_winning_bid(c: MetricContext) -> Named | None:
    return _operation_of_clause(c) or _named(c.cleaned, c.left)


def _list_named_before(c: MetricContext) -> Named | None:
    """先后设立科技创新再贷款和普惠养老专项再贷款，额度分别为2000亿元和400亿元: the clause before names them."""
    before = re.split(r"[，,；;]", c.text[c.sentence_start:max(c.start - 1, c.sentence_start)])[-1]
    parts = [clean_metric(p) for p in NAME_JOINER.split(before) if p]
    if len(parts) == c.list_position[1] and all(parts):
        return _named(to_simplified(parts[c.list_position[0]] + c.list_names), before)
    return None


def _list_after(c: MetricContext) -> Named | None:
    """工商银行、农业银行…分别实现净利润: the metric is 净利润."""
    return _named(to_simplified(c.list_after)) if c.list_after else None


def _list_each_with_after(c: MetricContext) -> Named | None:
    """小微企业、中型企业…分别获得退税 → 小微企业退税."""
    return _named(to_simplified(c.listed + c.list_after), c.list_names)


def _list_rest_after_institutions(c: MetricContext) -> Named | None:
    """交通银行、邮储银行的发行价格分别为…: the banks are whose figures they are, not the metric."""
    rest = clean_metric(_institution_pattern().sub("", re.sub(r"[、和及与]", "", c.list_names)))
    return _named(to_simplified(rest), c.list_names) if rest else None


def _list_of_stocks(c: MetricContext) -> Named | None:
    """跌幅居前的有长信科技、华丰股份、先导智能等，分别下跌4.73%、3.75%、3.59%: a list of firms whose moves are listed
    measures their 股价."""
    words = c.list_names or c.clause_before  # 跌幅居前的有A、B、C等，分别下跌…: the clause before
    names = LISTED_LEADERS.sub("", re.sub(r"\s", "", words or ""))
    return _named("股价", words) if names and is_stock_name(names) and not SHARE_CLASS.search(names) else None


def _list_each(c: MetricContext) -> Named | None:
    """支农再贷款、支小再贷款和再贴现余额分别为…: one name per figure."""
    return _named(to_simplified(c.listed or c.list_names[-MAX_METRIC_CHARS:]), c.list_names)


def _parallel_list(c: MetricContext) -> Named | None:
    """余额分别为A、B和C，同比分别增长x、y和z: the list before it, in order."""
    return _named(c.parallel[c.list_position[0]]) if c.parallel else None


def _previous_metric(c: MetricContext) -> Named | None:
    """The metric of the figure before; a list of as many places or groups as it names takes each one's
    (``members_metric``: 上海和北京居民人均可支配收入超过7万元，分别达到… → 北京居民人均可支配收入)."""
    if c.previous is None:
        return None
    index, count = c.list_position or (0, 1)
    before_list = c.earlier[-index - 1] if c.earlier and len(c.earlier) > index else None  # the figure before it
    listed = members_metric(before_list, count, index)
    return _named(listed, before_list) if listed else _named(c.previous.metric)


def _previous_without_balance(c: MetricContext) -> Named | None:
    """余额…全年增加X: the flow is of the loans, not of the balance."""
    return _named(c.previous.metric[: -len("余额")], c.previous.metric)


def _object_after(c: MetricContext) -> Named | None:
    """还以利率招标方式开展4950亿元7天期逆回购操作: the object of the verb follows the figure."""
    return _named(to_simplified(c.after)) if c.after and names_something(c.after) else None


def _noun_after(c: MetricContext) -> Named | None:
    """以不高于3.2%的利率: the noun after the figure (长达34公里的测试路线中 → 测试路线: a locative after it goes)."""
    noun = LOCATIVE_TAIL.sub("", _noun_prefix(c.after, nominal_heads=True)) if c.after else None
    return _named(to_simplified(noun), c.after) if noun else None


@functools.cache
def _level_after() -> re.Pattern:
    """A reference level (历史新高, 整数关口, 上限区间) opening the words after a figure's 的 (metric_clause_break)."""
    levels = "|".join(map(re.escape, sorted(_clause_breaks()[1], key=len, reverse=True)))
    return rulebook.regex(rf"[^，,。；;、\s]{{0,4}}?(?:{levels})(?![^，,。；;、\s]{{0,2}}(?:率|额|量|价))")


def _qualified_noun(c: MetricContext) -> Named | None:
    """提供约2500亿美元的担保, 长达34公里的测试路线中: the noun phrase the figure qualifies, up to the verb after
    it (按5万元的消费额度上限给予贴息 → 消费额度上限; a locative after it goes)."""
    de = bool(DE_AFTER_FIGURES.match(c.text, c.figure_end))  # 规模达1万亿美元的抛售: a verb after 的 is a noun
    words = c.raw_after and FOLLOWING_VERB.split(c.raw_after)[0]
    if words and _level_after().match(words):
        return None  # 达到了1400亿美元的历史新高, 跌破了3000点的整数关口: a level reached, the name is before the figure
    noun = words and clean_metric(LOCATIVE_TAIL.sub("", _noun_prefix(words, nominal_heads=True,
                                                                   closed=_predicate_after(c, words))))
    return _named(to_simplified(noun), words) if noun and len(noun) >= 2 and (de or names_something(noun)) else None


def _predicate_after(c: MetricContext, words: str) -> bool:
    """The noun phrase ``words`` after the figure ends where a predicate begins: a verb of the lexicon cut it
    (航运需求|将从…转向, FOLLOWING_VERB) or the sentence ends right after it (释放约3%的增量航运需求。), so a
    verb-tagged word it ends with is its head (nominal-verb-heads); not before a comma (受访者表示，…)."""
    end = c.after_start + len(words)  # words: the start of raw_after
    return words != c.raw_after or end >= len(c.text) or c.text[end] in SENTENCE_END_MARKS


def _closed_up(word: re.Match) -> str:
    """现货 白银 涨 → 现货白银涨: a linked keyword joins its phrase; a linked firm (收到 宁德时代 订单) still
    breaks it, as the name of a firm is dropped from a metric (metric.toml spaced-link-word)."""
    return word.group() if _institution_pattern().fullmatch(word.group(1)) else word.group(1)


def _counted_noun(c: MetricContext) -> Named | None:
    """约4000家地方法人银行, 21家全国性金融机构参与 → 全国性金融机构 (42家披露…: a verb, not the noun; 3例和…: the
    noun before; 10个成员国中 → 成员国; 75家公司限售股解禁 → 公司)."""
    if NOT_COUNTED_AFTER.match(c.text, c.figure_end):
        return None
    firms = next((w for w in WORD_LISTS["counted-firms"] if c.text.startswith(w, c.figure_end)), None)
    if firms and c.text.endswith("家", 0, c.figure_end):  # the clean-up would drop 公司 as the owner of what follows
        return _named(firms, firms)
    words = _counted_words(c)
    noun = words and clean_metric(LOCATIVE_TAIL.sub("", _noun_prefix(_cut_counted(words))))
    noun = noun if noun and names_something(noun) else None
    return _named(to_simplified(noun), c.raw_after) if noun and len(noun) >= 2 else None


QUOTED_QUALIFIER = rulebook.regex(r"[“\"「][^”\"」]{1,10}[”\"」](?=[\u4e00-\u9fff])")
COUNTED_NOUN_ENDS = WORD_ROWS["counted-noun-ends"]
COUNTED_AFTER_VERB_DE = WORD_ROWS["counted-after-verb-de"]
CLAUSE_TAGS = tuple(COUNTED_AFTER_VERB_DE["clause_tags"])
# the words after a count up to its clause's first 的, within a quote and one list item: a relative clause when they
# open with an adverb (已, 最) and hold a verb
RELATIVE_CLAUSE = rulebook.regex(rf"([^，,；;。！？!?\n的“”\"及和与、]{{2,{MAX_METRIC_CHARS}}})的")


def _counted_words(c: MetricContext) -> str | None:
    """The words a count counts: after a verb phrase and its 的 (6艘运载走私燃油的货船 → 货船), after a quoted
    qualifier (5个“金砖+”成员国 → 成员国; metric.toml counted-after-verb-de)."""
    after = c.raw_after
    if not after:
        return after
    quoted = QUOTED_QUALIFIER.match(after)
    if quoted:
        return after[quoted.end():]
    relative = RELATIVE_CLAUSE.match(c.text, c.figure_end)
    if relative and _relative_clause(pos.tag(relative.group(1))):
        return _before_verb(_phrase_at(c.text, relative.end()))  # 3只已上报的公募REITs产品 → 公募REITs产品
    end = c.figure_end + len(after)
    if c.text.startswith(after, c.figure_end) and c.text.startswith(tuple(WORD_LISTS["counted-after-verb-de"]), end) \
            and _verb_and_object(pos.tag(after)):
        return _phrase_at(c.text, end + 1)
    return after


def _relative_clause(words: Sequence[tuple[str, str]]) -> bool:
    """已上报, 最符合联合国…目标, 仅载有船员: an adverb, then a verb or an adjective (clause_tags) — a clause qualifying the noun after
    its 的 (单独模型, 自由度机械臂: an adverb-tagged word before nouns is no clause)."""
    word, tag = words[0]
    opens = tag in COUNTED_AFTER_VERB_DE["opening_tags"] or word in COUNTED_AFTER_VERB_DE["opening_words"]
    return opens and any(tag.startswith(CLAUSE_TAGS) for _, tag in words[1:])


def _before_verb(phrase: str | None) -> str | None:
    """运煤船发放离境许可 → 运煤船: a counted noun ends at a verb after two characters or more (受制裁油轮 stays)."""
    kept = ""
    for word, tag in pos.tag(phrase or ""):
        if len(kept) >= 2 and tag in ("v", "vd", "vi"):
            break
        kept += word
    return kept or phrase


def _phrase_at(text: str, start: int) -> str | None:
    """The words at ``start`` up to a punctuation mark, a bracket, a 的 or a verb that ends a phrase."""
    phrase = RIGHT_PHRASE.match(text, start)
    return phrase and re.split(r"[（(【】\[\]]", PHRASE_AFTER_END.split(phrase.group())[0])[0]


def _verb_and_object(words: Sequence[tuple[str, str]]) -> bool:
    """进出|伊朗|港口, 运载|沙特|原油: a verb and an object of two nouns or more, nothing else (确诊病例, 直达工具:
    a verb and one noun are a compound noun; 触发条件均未达成: a predicate)."""
    return len(words) >= 3 and words[0][1].startswith("v") and all(tag.startswith("n") for _, tag in words[1:])


def _cut_counted(words: str) -> str:
    """十余艘货轮和数十架无人机 → 货轮, 核心条款上仍有 → 核心条款: a conjunction before a number (not 国家和地区), a
    number (not an ordinal: 第四针), a colon, a closing quote or a locative 上 after a word ends the counted noun
    (metric.toml counted-noun-ends)."""
    kept, tagged = "", pos.tag(words)
    for at, (word, tag) in enumerate(tagged):
        joins_number = tag == "c" and at + 1 < len(tagged) and tagged[at + 1][1] == "m"
        number = tag in COUNTED_NOUN_ENDS["tags"] and not word.startswith("第")  # 第四针, 第一性: an ordinal
        quoted = kept.count("“") > kept.count("”")  # 专精特新“小巨人”企业, 共建“一带一路”国家: inside a quote
        if kept and not quoted and (number or word in COUNTED_NOUN_ENDS["words"] or joins_number):
            break
        kept += word
    return kept if len(kept) >= 2 else words  # 三条线：: one character is too little to tell a noun


def _subject_of_clause_before(c: MetricContext) -> Named | None:
    """美元兑日元短线拉升，现涨至153: a clause of verbs only measures the index, price or currency pair that is
    the subject of the clause before it in its sentence."""
    before = c.text[_previous_clause_start(c.text, c.sentence_start, c.clause_start):c.clause_start]
    if c.clause_start <= c.sentence_start or not (_market_subject_pattern().search(before) or _quoted_pair(before)):
        return None
    subject = clause_subject(c.text, c.sentence_start, c.clause_start, c.figure_start)
    quoted = subject and (_market_subject_pattern().fullmatch(subject) or _quoted_pair(subject))
    return _named(subject, c.text[c.sentence_start:c.clause_start]) if quoted else None


def _quoted_pair(name: str) -> bool:
    """美元兑日元, 欧元/美元: a currency pair quoted in market wraps (real_text.toml market_quotes)."""
    return any(joint in name for joint in rulebook.lexicon()["market_quotes"]["pair_joints"])


def _stock_of_size(c: MetricContext) -> Named | None:
    """贵州茅台跌幅扩大至5%, Moderna(MRNA.O)涨幅达10%: a move's size after a firm known to the taxonomy or written
    with its ticker is its 股价 (metric.toml stock-move-size-of-clause); anything else keeps its own name."""
    words = STOCK_MOVE_SIZE.sub("", c.text[c.clause_start:c.figure_start].strip())
    name = tidy_metric(clean_metric(words)) or ""
    if not name or STATISTIC_MOVE.search(words) or NOT_A_STOCK.search(name):
        return None
    bare = LISTING_MARKET.sub("", TICKER_TAIL.sub("", name))
    known = bool(LISTED.search(name)) or len(bare) >= 2 and bool(_institution_pattern().fullmatch(bare))
    return _named("股价", words) if known and not NAME_JOINER.search(bare) else None


def _stock_of_clause(c: MetricContext, move: re.Pattern = STOCK_MOVE) -> Named | None:
    """英伟达、AMD均涨超1%; 台积电波动不大，微涨0.03%: a price move whose clause (or the clause before, when its own
    names nothing) opens with named firms measures their 股价."""
    words = move.sub("", c.text[c.clause_start:c.figure_start].strip())
    if STATISTIC_MOVE.search(words) or COMPARED_TO_OTHER.match(words):
        return None  # 二线城市按月跌0.7%, 较周四纽约尾盘跌3.33%: a statistic's, a base's move
    if NOT_A_STOCK.search(words):  # 沪指收涨: an index's move, unless a firm's name holds the word (港股蔚来, 山东黄金)
        return _named("股价", words) if _listed_firm(words) else None
    subject = tidy_metric(clean_metric(words))
    if subject:
        # 阿里巴巴、京东集团、蔚来等, 中国铝业: the clean-up strips known firms and a leading 中国, so a list, a known
        # firm or a 中国 firm is tested whole too
        whole = LISTED_LEADERS.sub("", re.sub(r"\s", "", words))
        listed = bool(NAME_JOINER.search(whole) or _institution_pattern().search(whole) or whole.startswith("中国")) \
            and is_stock_name(whole)
        stock = (is_stock_name(subject) or listed) and not SHARE_CLASS.search(subject)
        return _named("股价", words) if stock else None
    words = c.clause_before
    subject = words and clean_metric(_noun_prefix(words))
    return _named("股价", words) if subject and _named_firms(subject) else None


LISTING_MARKET = rulebook.regex(rf"^(?:{_one_of_words('listing-markets')})(?=..)|(?<=..)(?:{_one_of_words('listing-markets')})$")


def _listed_firm(words: str) -> bool:
    """港股蔚来, Allied Gold美股盘前一度, 山东黄金: one firm's name with the market its shares trade on before or after it
    (metric.toml listing-markets), or a name the taxonomy knows whole, though it holds a not-a-stock word."""
    name = tidy_metric(clean_metric(words)) or ""
    bare = LISTING_MARKET.sub("", name)
    if len(bare) < 2 or NAME_JOINER.search(bare) or SHARE_CLASS.search(bare):
        return False
    return bool(_institution_pattern().fullmatch(bare)) or bare != name and is_stock_name(bare)


WRAP_NAME = rulebook.regex(r"[\u4e00-\u9fffA-Za-z0-9、&.]{2,24}")


def _stock_in_a_wrap(c: MetricContext) -> Named | None:
    """高途跌超10.8%，贝壳跌超9.2%，网易有道、360数科、满帮跌超8.3%，荔枝涨超1.1%: after a share-price move in its
    sentence, a clause that is only a name (or a list of names) and the same kind of move moves a share price too,
    though the name alone is not known as a firm's (metric.toml stock-move-in-a-wrap); 数 inside 数据 does not
    make a firm's name an index's (秦淮数据)."""
    words = STOCK_MOVE.sub("", c.text[c.clause_start:c.figure_start].strip())
    parts = words.split("、")
    if not WRAP_NAME.fullmatch(words) or STATISTIC_MOVE.search(words) \
            or any(len(part) < 2 or part in _metric_words() or _not_a_stock_part(part) for part in parts):
        return None
    return _named("股价", words)


def _not_a_stock_part(part: str) -> bool:
    """A listed name that holds a not-a-stock word (板块, 期货, 恒生指数's 数 …) once the words that hold such a
    character inside a firm's name are left out (秦淮数据, 360数科: metric.toml not-a-stock-inside-names)."""
    for word in WORD_LISTS["not-a-stock-inside-names"]:
        part = part.replace(word, "")
    return bool(NOT_A_STOCK.search(part))


def _named_firms(phrase: str) -> bool:
    """英伟达、AMD; 台积电; 腾讯控股(0700.HK): every name of the phrase a firm the taxonomy knows or one written
    with its ticker (a share class, 建行H股, is left to the share-price clean-up)."""
    parts = [part for part in NAME_JOINER.split(phrase) if part]
    return bool(parts) and not SHARE_CLASS.search(phrase) and all(
        _institution_pattern().fullmatch(part) or TICKER_TAIL.search(part) for part in parts)


def _referred_back(c: MetricContext) -> Named | None:
    """MSCI亚太指数早盘上涨0.8%，此前该指数周二重挫3.6%: 该指数 is the index named last."""
    match = REFERRING.search(c.left)
    head = match and match.group("head")
    earlier = next((m for m in reversed(c.earlier or ()) if head and m and m.endswith(head) and m != head), None)
    return _named(earlier, match.group()) if earlier else None


def _same_unit(c: MetricContext) -> Named | None:
    """上一次在3月27日实施，幅度同为0.25个百分点: the last figure of the paragraph in this unit."""
    return _named(c.same_unit)


def _same_unit_or_earlier(c: MetricContext) -> Named | None:
    """报告发布后，这一数字迅速跌向40%: the figure referred to, the last one of its paragraph in this unit, else the
    last figure before it."""
    earlier = next((m for m in reversed(c.earlier or ()) if m), None)
    return _named(c.same_unit or earlier)


def _parallel_to_previous(c: MetricContext) -> Named | None:
    """首套住房…最低首付款比例调整为15%，二套住房调整为25%."""
    name = _parallel_name(c.metric, c.previous.metric)
    return _named(to_simplified(name), c.metric) if name else None


def _rate_named_before(c: MetricContext) -> Named | None:
    """把存量房贷利率降至…附近，预计平均降幅在0.5个百分点左右: the rate the sentence named."""
    named = c.search_before(RATE_NAMED, c.sentence_start, c.clause_start)  # the first of the sentence
    if named is None:
        return None
    phrase = re.split(r"[把将让使对]", named.group())[-1]
    return _named(to_simplified(clean_metric(phrase) or c.metric), named.group())


def _earlier_growth(c: MetricContext) -> Named | None:
    """M2增速比上月末低0.6个百分点: the growth of the 广义货币（M2）余额 reported before."""
    metric = c.last_resort
    growth = GROWTH_OF.match(metric) if metric and c.earlier else None
    stem = growth.group("stem") if growth else ""
    if growth is None or stem.endswith(_market_heads()) and stem not in WORD_LISTS["referring-heads"]:
        return None  # 黄金涨幅: the gold price's move, not 黄金ETF持仓总量's; a bare 指数 refers back
    return _named(next((m for m in reversed(c.earlier) if m and growth.group("stem") in m and m != metric), None),
                  metric)


@functools.cache
def _market_heads() -> tuple[str, ...]:
    """The index, commodity and coin heads of real_text.toml market_subject (指数, 黄金, 原油, 比特币)."""
    return tuple(rulebook.load("real_text")["market_subject"]["heads"])


def _phrase_before(c: MetricContext) -> Named | None:
    """The name before the figure (else, for a level or flow, the one after it)."""
    words = c.left if c.metric == c.cleaned else c.before_time
    return _named(c.last_resort, words if c.metric else c.after)


BARE_HEADS = frozenset(WORD_LISTS["bare-heads"])  # 价格, 限额: a head that a fuller name earlier completes
AMOUNT_BARE_HEADS = frozenset(WORD_LISTS["amount-bare-heads"])  # 金额为: completed by a market's amount
MARKET_AMOUNTS = tuple(sorted(word for word in MARKET_MONEY if word.endswith("额")))  # 净买入额, 成交额: end in 额
NAME_RUN = r"[^，,。；;：:！？!?\s、“”\"]{1,16}"  # a name written before a bare head: no mark, no space


@functools.lru_cache(maxsize=512)
def _name_run_before(head: str) -> re.Pattern:
    return re.compile(NAME_RUN + re.escape(head))


def _fuller_name_before(c: MetricContext) -> Named | None:
    """泛酸钙（维生素B5）价格跳涨，最新价格由162元…: a bare head (价格) takes the last fuller name ending in it
    written in an earlier clause of the figure's sentence (泛酸钙（维生素B5）价格)."""
    head = tidy_metric(c.metric)
    own = c.text.rfind(head, c.clause_start, c.figure_start)
    if own > c.clause_start and c.text[own - 1].isspace():
        return None  # 现货 黄金 价格涨3.02%: the clause writes its own name, spaced out
    amount = head in AMOUNT_BARE_HEADS  # 净买入额居首，金额为3.54亿元: a market's amount completes 金额
    ends = MARKET_AMOUNTS if amount else (head,)
    for match in reversed(c.matches_in(_name_run_before("额" if amount else head), c.sentence_start, c.clause_start)):
        name = tidy_metric(clean_metric(match.group().split("的")[-1]))  # 欧洲市场的泛酸钙价格 → 泛酸钙价格
        if name and name.endswith(ends) and len(name) > len(head) + 1:
            return _named(to_simplified(name), match.group())
    return None


SOURCES: dict[str, Callable[[MetricContext], Named | None]] = {
    "stock_in_a_wrap": _stock_in_a_wrap,
    "equity_after": _equity_after,
    "currency_quote": _currency_quote,
    "earlier_part": _earlier_part,
    "last_earlier": _last_earlier,
    "provided_after": _provided_after,
    "implied_word": _implied_word,
    "fine_imposed": _fine_imposed,
    "spent_on": _spent_on,
    "event_probability": _event_probability,
    "operation_of_clause": _operation_of_clause,
    "operation_or_winning_bid": _operation_or_winning_bid,
    "list_named_before": _list_named_before,
    "list_after": _list_after,
    "list_each_with_after": _list_each_with_after,
    "list_rest_after_institutions": _list_rest_after_institutions,
    "list_each": _list_each,
    "list_of_stocks": _list_of_stocks,
    "parallel_list": _parallel_list,
    "previous_metric": _previous_metric,
    "previous_without_balance": _previous_without_balance,
    "object_after": _object_after,
    "noun_after": _noun_after,
    "counted_noun": _counted_noun,
    "qualified_noun": _qualified_noun,
    "same_unit": _same_unit,
    "same_unit_or_earlier": _same_unit_or_earlier,
    "referred_back": _referred_back,
    "stock_of_clause": _stock_of_clause,
    "stock_of_clause_size": lambda c: _stock_of_size(c),
    "subject_of_clause_before": _subject_of_clause_before,
    "parallel_to_previous": _parallel_to_previous,
    "rate_named_before": _rate_named_before,
    "earlier_growth": _earlier_growth,
    "phrase_before": _phrase_before,
    "fuller_name_before": _fuller_name_before,
}


def _without_growth_word(c: MetricContext, metric: str) -> str:
    """贷款余额同比增速为12.5%: a growth rate takes the metric it describes."""
    if not GROWTH_WORD.search(metric):
        return metric
    bare = GROWTH_WORD.sub("", metric)
    if bare in _lexicon()["generic"] and c.previous is not None and c.previous.metric:
        return c.previous.metric  # 同比涨幅高达33%: only a comparison word is left, the growth is of the figure before
    return _strip_trailing(bare, _words()[0]) or metric


def _previous_if_comparison_only(c: MetricContext, metric: str) -> str:
    """同比去年增长30%, 环比上周下降37%: a phrase that is only a comparison (同比, 环比 and their base) names nothing;
    the growth is of the figure before it in its sentence."""
    bare = tidy_metric(clean_metric(metric) or metric)
    if bare in WORD_LISTS["comparison-only"] and c.previous is not None and c.previous.metric:
        return c.previous.metric
    return metric


def _without_balance(c: MetricContext, metric: str) -> str:
    """普惠小微贷款余额增加约2250亿元: the flow is of the loans."""
    return metric[: -len("余额")] if metric.endswith("余额") and len(metric) > 2 else metric


def _share_price(c: MetricContext, metric: str) -> str:
    """建行H股收报5.73港元 → H股股价; 贵州茅台收涨8.96%: the company is whose figure it is, what moved is its
    share price."""
    share_class = SHARE_CLASS.fullmatch(metric)
    if share_class:
        return f"{share_class.group()}股价"
    if metric.endswith("股价") and SHARE_CLASS.fullmatch(metric[-4:-2]):
        return metric[-4:]  # 招商银行H股股价 → H股股价
    if is_stock_name(metric) or metric.endswith("股价"):
        return "股价"  # 索尼集团在东京市场股价: whose shares and where they trade are not what moved
    listed = LISTED_IN.fullmatch(metric)  # 亚马逊美股盘后一度涨超18%, 中铝国际港股: a firm's shares where they trade
    return "股价" if listed and is_stock_name(listed.group("firm")) else metric


def _with_transaction(c: MetricContext, metric: str) -> str:
    """出售了934090股股票 → 出售股票, 累计减持5%股份 → 减持股份: shares sold, bought or bought back are different
    statistics, so the verb of the deal stays with the shares."""
    if metric not in SHARES:
        return metric
    deal = SHARE_DEAL.search(c.text, c.clause_start, c.figure_start)
    return deal.group("verb") + metric if deal else metric


CLEANUPS: dict[str, Callable[[MetricContext, str], str]] = {
    "without_growth_word": _without_growth_word,
    "previous_if_comparison_only": _previous_if_comparison_only,
    "without_balance": _without_balance,
    "share_price": _share_price,
    "with_transaction": _with_transaction,
    "simplified": lambda c, metric: to_simplified(metric),
}
NO_RULE = "no-name"  # no rule found a name


@dataclass(frozen=True)
class MetricRule:
    """One row of ``metric.toml``: when it applies and where the name comes from."""

    id: str
    measure: frozenset[str] | None
    unit: frozenset[str] | None
    not_unit: frozenset[str]
    when: tuple[Callable[[MetricContext], bool], ...]
    source: Callable
    cleanup: tuple[MetricRule, ...] = ()

    def fits(self, measure: str, unit: str | None) -> bool:
        """Whether the row's measure and unit conditions hold (known before any phrase is read)."""
        return (self.measure is None or measure in self.measure) and (self.unit is None or unit in self.unit) \
            and unit not in self.not_unit

    def applies(self, c: MetricContext) -> bool:
        return self.fits(c.measure, c.unit) and all(condition(c) for condition in self.when)


def _one_of(row: dict, key: str) -> frozenset[str] | None:
    return frozenset(row[key]) if key in row else None


def _compiled(row: dict, functions: dict, cleanups: dict[str, MetricRule] | None = None) -> MetricRule:
    """A row with its condition, source and clean-up names looked up; an unknown name fails the loader."""
    unknown = [name for name in row.get("when", []) if name not in CONDITIONS]
    unknown += [row["source"]] if row.get("source") not in functions else []
    unknown += [name for name in row.get("cleanup", []) if name not in (cleanups or {})]
    if unknown:
        raise rulebook.RuleFileError(f"metric.toml row {row['id']!r}: unknown condition, source or cleanup {unknown}")
    return MetricRule(row["id"], _one_of(row, "measure"), _one_of(row, "unit"), frozenset(row.get("not_unit", ())),
                      tuple(CONDITIONS[name] for name in row.get("when", [])), functions[row["source"]],
                      tuple(cleanups[name] for name in row.get("cleanup", [])) if cleanups else ())


@functools.cache
def metric_rules() -> tuple[MetricRule, ...]:
    """The ``[[rule]]`` rows of ``analyzer/rules/metric.toml``, in order, each with its ``[[cleanup]]`` steps."""
    cleanups = {row["id"]: _compiled(row, CLEANUPS) for row in rulebook.rows("metric", "cleanup")}
    return tuple(_compiled(row, SOURCES, cleanups) for row in rulebook.rows("metric", "rule"))


@functools.lru_cache(maxsize=256)
def rules_for(measure: str, unit: str | None) -> tuple[MetricRule, ...]:
    """The rows whose measure and unit conditions hold for a figure of this measure and unit, in order."""
    return tuple(rule for rule in metric_rules() if rule.fits(measure, unit))


def find_metric_explained(text: str, figure_start: int, figure_end: int, sentence_start: int, clause_start: int,
                          measure: str, previous, times, list_position: tuple[int, int] | None = None,
                          unit: str | None = None, parallel: list[str | None] | None = None,
                          earlier: list[str | None] | None = None,
                          same_unit: str | None = None, prefix: PrefixSearch | None = None,
                          continued: bool = False) -> tuple[str | None, str, str]:
    """(metric, id of the rule that named it, the words it used) for the figure at ``figure_start:figure_end``
    (offsets into the normalized ``text``). The first rule of ``metric.toml`` whose conditions hold and whose source
    gives a name wins; its clean-up steps then apply in order.

    ``list_position`` is (index, count) when the figure is one of several after 分别为; ``parallel`` the metrics
    of the list before it in the sentence; ``earlier`` the metrics of the text's figures so far; ``same_unit``
    the metric of the last figure in its paragraph with the same unit; ``continued`` says that ``list_position`` is
    the figure's place in a run continuing the 分别 list before it (lists.continued_position), not in a 分别 list.
    """
    context = MetricContext(text, figure_start, figure_end, sentence_start, clause_start, measure, previous, times,
                            list_position, unit, parallel, earlier, same_unit, prefix, continued)
    for rule in rules_for(measure, unit):
        for condition in rule.when:  # a loop, not all() over a generator: ~40 rows are tried for each figure
            if not condition(context):
                break
        else:
            named = rule.source(context)
            if named is not None:
                metric, words = named
                for step in rule.cleanup:
                    if step.applies(context):
                        metric = step.source(context, metric)
                return _final_steps(context, metric), rule.id, words
    return None, NO_RULE, ""


@functools.cache
def _priced_goods_row() -> dict:
    return rulebook.rows("metric", "priced_goods")[0]


def priced_goods(c: MetricContext, metric: str | None) -> str | None:
    """碳酸锂从8万元/吨涨到18万元/吨, 生猪(外三元)每千克16元: money per unit of goods named by the bare goods is the
    goods' price (metric.toml ``[[priced_goods]]``); a contract (期铜, 制粉小麦期货), a price already named (收盘价)
    or a name with a move or time word in it stays as it is."""
    if c.measure != "rate" or not metric:
        return metric
    row = _priced_goods_row()
    units = tuple(row["per_units"])
    per_after = c.text[c.figure_start:c.figure_end].endswith(tuple("/" + unit for unit in units))
    if not per_after and not c.text.endswith(tuple("每" + unit for unit in units), 0, c.figure_start):
        return metric
    name = tidy_metric(metric)
    if not name or any(word in name for word in row["not_goods"]):
        return metric
    return name + row["head"]


CLAUSE_MARK = rulebook.regex(r"[，,；;。：:、（(]")


@functools.cache
def _counted_owner_row() -> dict:
    return rulebook.rows("metric", "counted_owner")[0]


def counted_owner(c: MetricContext, metric: str | None) -> str | None:
    """100家典型房企的融资量为12873亿元 → 融资量: a group counted by the figure just before (in its sentence), then 的
    and a statistic; the group is whose figure it is (metric.toml ``[[counted_owner]]``)."""
    previous = c.previous
    if not metric or metric.count("的") != 1 or previous is None or previous.unit != "count":
        return metric
    row = _counted_owner_row()
    owner, _, rest = metric.partition("的")
    counted = previous.metric or ""
    gap = c.text.find(owner + "的", previous.end, c.figure_start) - previous.end
    if len(rest) < row["min_rest"] or rest in _lexicon()["generic"] or rest in row["kept_heads"] or not owner or not counted \
            or not (owner.endswith(counted) or counted.endswith(owner)) or not 0 <= gap <= row["max_gap"] \
            or CLAUSE_MARK.search(c.text, previous.end, previous.end + gap):
        return metric
    return rest


@functools.cache
def _deal_row() -> tuple[dict, re.Pattern]:
    row = rulebook.rows("metric", "amount_of_deal")[0]
    alternatives = (lambda key: "|".join(map(re.escape, row[key])))
    return row, rulebook.regex(rf"(?P<deal>{alternatives('objects')})(?:等)?[，,]\s*(?:{alternatives('openers')})?$")


def amount_of_deal(c: MetricContext, metric: str | None) -> str | None:
    """签订了若干项重大合同，合计金额约516.4亿元 → 合同金额: a bare amount opening a clause is the amount of the deal
    the clause before it ends with (metric.toml ``[[amount_of_deal]]``)."""
    row, deal_before = _deal_row()
    if metric not in row["heads"]:
        return metric
    at = c.text.rfind(metric, c.sentence_start, c.figure_start)
    found = deal_before.search(c.text, c.sentence_start, at) if at > 0 else None
    return found.group("deal") + metric if found else metric


def _final_steps(c: MetricContext, metric: str | None) -> str | None:
    """The steps every rule's name goes through last: a price of bare goods, a counted group's statistic, the
    amount of a deal (s19-metric2)."""
    return amount_of_deal(c, counted_owner(c, priced_goods(c, metric)))


# a listed firm written with its ticker: Moderna(MRNA.O), 腾讯控股（0700.HK）, 贵州茅台(600519)
TICKER_TAIL = rulebook.regex(r"[（(](?:[A-Z]{1,5}(?:\.[A-Z]{1,2})?|\d{4,6}(?:\.[A-Z]{2})?)[）)]$")
# RiotBlockchain, MarathonDigital, Coinbase: a Latin firm name has lower-case letters (WTI, MSCI, GDP are not firms)
LISTED = rulebook.regex(r"[（(](?:[A-Z]{1,5}\.[A-Z]{1,2}|\d{4,6}(?:\.[A-Z]{2})?)[）)]$")  # a ticker with its market
LATIN_NAME = rulebook.regex(r"[A-Z][A-Za-z0-9&.\-]*[a-z][A-Za-z0-9&.\-]*")


def _stock_list(parts: list[str]) -> bool:
    """斗鱼、老虎证券、新东方: every part a firm, one of them plainly (a ticker with its market, a Latin name, four
    characters or more); not a list of futures (苯乙烯、纯碱、铁矿、动力煤)."""
    return all(is_stock_name(part) for part in parts) and any(
        LISTED.search(part) or LATIN_NAME.fullmatch(part) or len(TICKER_TAIL.sub("", part)) >= 4 for part in parts)


def is_stock_name(phrase: str) -> bool:
    """A short name that is not an index, a market, a price or a statistic: 中信证券, 贵州茅台, 阿里巴巴; a name
    with its ticker (Moderna(MRNA.O)); a Latin firm name (MarathonDigital); a list of such names (A、B和C)."""
    phrase = to_simplified(phrase)
    if TICKER_TAIL.search(phrase) and not NOT_A_STOCK.search(TICKER_TAIL.sub("", phrase)):
        return True
    parts = [part for part in NAME_JOINER.split(phrase) if part]
    if len(parts) > 1:
        return _stock_list(parts)
    if LATIN_NAME.fullmatch(phrase):
        return not NOT_A_STOCK.search(phrase)
    return 2 <= len(phrase) <= 10 and names_something(phrase) and not NOT_A_STOCK.search(phrase) \
        and not any(w in phrase for w in _metric_words()) and not _common_word(phrase)


COMMON_TAGS = frozenset("n vn v a an".split())


def _common_word(phrase: str) -> bool:
    """票房, 客流, 运费, 玻璃: one common noun or verb (jieba's n, vn, v, a) names a statistic or a good that
    moves, not a listed firm (贵州茅台, 美团 are names the taxonomy knows)."""
    if _institution_pattern().fullmatch(phrase):
        return False
    words = pos.tag(phrase)
    return len(words) == 1 and words[0][1] in COMMON_TAGS


@functools.cache
def _debris_rules() -> tuple[tuple[re.Pattern, str], ...]:
    """real_text.toml's metric_debris rows, then metric.toml's own [[debris]] rows, each in file order; a row of
    metric.toml marked ``first`` goes before real_text's (意味着10月份…: the clause word goes before leading-date reads
    the date)."""
    own = rulebook.rows("metric", "debris")
    rows = [*(r for r in own if r.get("first")), *rulebook.rows("real_text", "metric_debris"),
            *(r for r in own if not r.get("first"))]
    return tuple((rulebook.regex(row["pattern"]), row.get("replace", "")) for row in rows)


@functools.lru_cache(maxsize=16384)  # a pure function of the metric
def tidy_metric(metric: str | None) -> str | None:
    """``metric`` without the debris real text leaves in it (real_text.toml, metric_debris: dates, quotes, owners)
    and without the words at its edges that name nothing (metric_edge)."""
    if not metric:
        return metric
    tidied = _without_debris(metric)
    unhedged = without_forecast_verb(tidied)  # after the debris rows: 市场普遍预计… is cut whole by speaker leads
    tidied = _without_debris(unhedged) if unhedged != tidied else tidied  # 净利润预计亏损 → 净利润亏损 → 净利润
    metric = without_owner(before_clause_break(before_move_base(after_copula(after_possessive(without_location(tidied))))))
    trimmed = trim_edges(metric)
    tidied = _without_debris(trimmed) if trimmed != metric else trimmed  # 以太坊涨幅更 → 以太坊涨幅 → 以太坊
    return tidied if NAMING_CHARACTER.search(tidied) else None  # 59 of 北京时间05:59报, ）, /+: no name at all


NAMING_CHARACTER = rulebook.regex(r"[\u4e00-\u9fffA-Za-z\u3400-\u4dbf]")


@functools.cache
def _clause_breaks() -> tuple[frozenset[str], frozenset[str]]:
    """(words that open a predicate, reference levels a predicate may name): real_text.toml metric_clause_break."""
    rows = rulebook.load("real_text").get("metric_clause_break", [])
    return (frozenset(w for row in rows for w in row["words"]),
            frozenset(w for row in rows for w in row.get("level_nouns", ())))


@functools.cache
def _possessive_words(key: str = "words") -> frozenset[str]:
    """The pronouns that stand for the owner of the noun phrase after them (real_text.toml metric_possessive: 其),
    or with ``key="not_before"`` the words after which such a pronoun is a verb's subject (所: 减持其所持…)."""
    return frozenset(w for row in rulebook.load("real_text").get("metric_possessive", []) for w in row.get(key, ()))


def after_possessive(metric: str) -> str:
    """更关键的是其毛利率 → 毛利率, 华尔街分析师一致预期其Q2每股收益 → Q2每股收益: a possessive pronoun inside a
    phrase stands for the owner the clause speaks of, and what comes before it is that clause's subject and verb; the
    name is the noun phrase after it (real_text.toml metric_possessive). Left as it is where a verb opens what
    follows (减持其持有的公司股份, 减持其所持…, 为其供应价值: the pronoun is a verb's subject or object) or nothing
    names after it."""
    pronouns = _possessive_words()
    if not any(word in metric for word in pronouns):
        return metric
    words, at = pos.tag(metric), 0
    for index, (word, _) in enumerate(words):
        at += len(word)
        if index and word in pronouns and index + 1 < len(words) and not words[index + 1][1].startswith(("v", "p", "d")) \
                and words[index + 1][0] not in _possessive_words("not_before") and names_something(metric[at:]):
            return metric[at:]
    return metric


def after_copula(metric: str) -> str:
    """经济社会发展的主要预期目标是地区生产总值 → 地区生产总值, 代价是长协覆盖率 → 长协覆盖率: what stands before a copula
    是 is the topic (a goal, a cost, what was hit hardest), the statistic after it is the name, where it ends in a
    statistic's head (metric.toml copula-named-heads); 解禁市值居前三位的是贝特瑞 is left (a firm after 是)."""
    if "是" not in metric:
        return metric
    words, at, cut = pos.tag(metric), 0, None
    for word, _ in words:
        at += len(word)
        if word == "是" and 2 <= at - 1 and at < len(metric):
            cut = at
    named = metric[cut:] if cut else ""
    return named if named.endswith(tuple(WORD_LISTS["copula-named-heads"])) and names_something(named) else metric


@functools.cache
def _move_base_words() -> frozenset[str]:
    """The prepositions that open the base a move starts from (real_text.toml metric_move_base: 从, 由, 自)."""
    return frozenset(w for row in rulebook.load("real_text").get("metric_move_base", []) for w in row["words"])


def before_move_base(metric: str) -> str:
    """光伏组件成本也从去年的最高点每瓦 → 光伏组件成本也, 单机架定价从Blackwell → 单机架定价: a preposition of source
    (jieba tags it p; 从业, 来自 are words of their own) after a name opens the base a move starts from — an earlier
    time, level or product — which says from where the figure moved, not what moved (real_text.toml
    metric_move_base). The name is what stands before it. A verb after the preposition makes it an adverbial of that
    verb (外资从韩国股市净流出, 从港口出口的石油, 从二级市场买入): the phrase is left as it is."""
    prepositions = _move_base_words()
    if not any(word in metric for word in prepositions):
        return metric
    words, at = pos.tag(metric), 0
    for index, (word, tag) in enumerate(words):
        head = metric[:at]
        if index and index < len(words) - 1 and word in prepositions and tag == "p" and len(head) >= 2 \
                and names_something(head) and not _only_a_place(head) \
                and not any(t.startswith("v") for _, t in words[index + 1:]):
            return head
        at += len(word)
    return metric


def _names_a_thing(word: str, tag: str, levels: frozenset[str]) -> bool:
    """A noun of two characters or more (a Latin name included) that is no reference level (水平, 高位)."""
    return len(word) >= 2 and word not in levels and (tag[0] == "n" or tag in ("vn", "j", "eng", "x"))


def before_clause_break(metric: str) -> str:
    """石油流量已跌回正常水平 → 石油流量, 资产负债率也被推 → 资产负债率: a metric is a noun phrase, so a predicate
    adverb after a name (real_text.toml metric_clause_break) ends it where what follows names nothing but a
    reference level; a verb with an object of its own (区已签订投资项目) is left to the rules that read it, and so is
    a place before the adverb (美国曾释放: who acted, not what was measured)."""
    breaks, levels = _clause_breaks()
    if not any(word in metric for word in breaks):
        return metric
    words, at = pos.tag(metric), 0
    for index, (word, _) in enumerate(words):
        head = metric[:at]
        if index and word in breaks and len(head) >= 2 and names_something(head) and not _only_a_place(head) and \
                not any(_names_a_thing(w, t, levels) for w, t in words[index + 1:]):
            return head
        at += len(word)
    return metric


LOCATED_AT = frozenset(WORD_LISTS["located-at"])
LOCATED_TAILS = tuple(WORD_LISTS["located-place-tails"])
PLACE_TAGS = frozenset(["ns", "s"])  # jieba: a place name (印度, 纽约), a locative noun (海外)
NOT_LOCATED = frozenset(WORD_LISTS["located-not-places"])
PLACE_GOES_ON = tuple(WORD_LISTS["place-endings-after"])


def without_location(metric: str) -> str:
    """在印度投资 → 投资, 在美国的汽车销量 → 汽车销量: 在 and a place opening a metric say where (metric.toml
    words located-at); the rest names what. 在职, 在线 are words of their own (the segmenter does not split them)."""
    if not metric.startswith(tuple(LOCATED_AT)):
        return metric
    words = pos.tag(metric)
    if len(words) < 3 or words[0][0] not in LOCATED_AT or words[1][1] not in PLACE_TAGS \
            or words[1][0] in NOT_LOCATED or _place_goes_on(*words[2]):
        return metric  # 在上市公司, 在美国和日本, 在滨海新区: no place, or one that goes on
    rest = metric[len(words[0][0]) + len(words[1][0]):]
    rest = rest[len(next((tail for tail in LOCATED_TAILS if rest.startswith(tail)), "")):]
    return rest if len(rest) >= 2 else metric


def _place_goes_on(word: str, tag: str) -> bool:
    """新区, 市, 和, 濮阳 after a place: more place (or a list of places) follows; x: the place was cut from an unknown
    name (德克|萨斯)."""
    return tag in PLACE_TAGS or tag == "x" or word in PLACE_GOES_ON or len(word) <= 2 and word.endswith(PLACE_GOES_ON)


def without_owner(metric: str) -> str:
    """阿麦斯的营收 → 营收, 葛兰的管理规模 → 管理规模, 公司的关税支出 → 关税支出: a firm's (or a person's) name before
    的 and one of its own accounts (metric.toml words owned-statistics) say whose figure it is, which the spec drops;
    a business line, a product or a place before 的 (ODM代工业务的营收, 弗里蒙特工厂的毛利率) is scope and stays, since
    only a name (:func:`_a_name`) is taken for an owner."""
    owner, de, rest = metric.partition("的")
    if not de or not 2 <= len(owner) <= 10 or len(rest) < 2 or not rest.endswith(OWNED_STATISTICS):
        return metric
    return rest if owner in OWNER_WORDS or _a_name(owner.strip("「」“”\"《》")) else metric


def _a_name(owner: str) -> bool:
    """阿麦斯, 华友浦项, 吉泰智能: two or more characters the dictionary does not know (``pos`` leaves each alone as
    ``x``), or a Latin name, then at most a firm's ending (metric.toml owner-name-suffixes); not one ending in a
    locative or a negation (扣非后, not-a-name-endings) and not a word the dictionary knows (国际收支口径)."""
    name = owner.removesuffix(next((s for s in OWNER_NAME_SUFFIXES if owner.endswith(s)), ""))
    if len(name) < 2 or name.endswith(NOT_A_NAME_ENDINGS) or NOT_A_STOCK.search(name):
        return False  # A股的市值: a market, not an owner
    words = pos.tag(name)
    return LATIN_NAME.fullmatch(name) is not None or \
        all(len(word) == 1 and tag == "x" and word not in pos.SINGLE_FUNCTION for word, tag in words)


FORECAST_INSIDE = rulebook.regex(rf"(?<=\S{{2}})(?:{_one_of_words('forecast-verbs')})(?!负债)(?=\S{{2}})")  # 预计负债: a term
FORECASTERS = tuple(WORD_LISTS["forecasters"])


def without_forecast_verb(metric: str) -> str:
    """铁路预计发送旅客 → 铁路发送旅客, 摩根士丹利预计布伦特原油 → 布伦特原油: a forecast verb inside a name is a hedge
    (the spec's metric has none); who forecasts (a firm, a body, an analyst) goes with it, the scope (铁路, 项目) stays."""
    match = FORECAST_INSIDE.search(metric)
    if match is None:
        return metric
    before, after = metric[:match.start()], metric[match.end():]
    forecaster = before.endswith(FORECASTERS) or _a_name(before) or bool(_institution_pattern().fullmatch(before)) \
        or not names_something(before)
    return after if forecaster else before + after


def _without_debris(metric: str) -> str:
    for pattern, replace in _debris_rules():
        tidied = pattern.sub(replace, metric)
        if len(tidied) >= 2:
            metric = tidied
    return metric


@dataclass(frozen=True)
class _EdgeCut:
    """How a row's word goes from an edge: the characters that must be left, and a pattern that, found in what
    would be left, keeps the word (a place before an index's name: 费城半导体指数)."""

    min_rest: int = 2
    unless_rest: re.Pattern | None = None

    def allows(self, rest: str) -> bool:
        return len(rest) >= self.min_rest and not (self.unless_rest and self.unless_rest.search(rest))


@dataclass(frozen=True)
class _EdgeSide:
    """One side's metric_edge rows: the tags and words that go (each with its row's :class:`_EdgeCut`; the words
    longest first) and the words kept."""

    tags: dict[str, _EdgeCut]
    words: tuple[str, ...]
    word_cuts: dict[str, _EdgeCut]
    keep: frozenset[str]


@functools.cache
def _edge_rules() -> dict[str, _EdgeSide]:
    """side ("lead", "trail") → its real_text.toml metric_edge rows (``min_rest``, 2 unless a row says more;
    ``unless_rest``)."""
    sides: dict[str, tuple[dict, dict, set]] = {"lead": ({}, {}, set()), "trail": ({}, {}, set())}
    for row in rulebook.load("real_text").get("metric_edge", []):
        tags, words, keep = sides[row["side"]]
        unless = rulebook.regex(row["unless_rest"]) if "unless_rest" in row else None
        how = _EdgeCut(row.get("min_rest", 2), unless)
        tags.update((tag, how) for tag in row.get("tags", ()))
        words.update((word, how) for word in row.get("words", ()))
        keep.update(row.get("keep", ()))
    return {side: _EdgeSide(tags, _by_length(words), words, frozenset(keep)) for side, (tags, words, keep) in sides.items()}


def _edge_cut(metric: str, side: str) -> str | None:
    """The word that goes from one edge of ``metric``: one of the side's words, else the edge word by its tag (a
    metric word such as 支出 stays); None when nothing goes or too little would be left (韩国综指 stays)."""
    rules = _edge_rules()[side]
    cut, how = _listed_cut(metric, side, rules)
    if cut is None:
        cut, tag = pos.tag(metric)[0 if side == "lead" else -1]
        how = rules.tags.get(tag)
        if how is None or cut in rules.keep or cut in _metric_words() or cut.startswith("每"):  # 每股基本盈利
            return None
    rest = metric[len(cut):] if side == "lead" else metric[: -len(cut)]
    return cut if how.allows(rest) else None


def _listed_cut(metric: str, side: str, rules) -> tuple[str | None, object]:
    """The side's listed word at the edge of ``metric`` and how it is cut, or (None, None)."""
    at_edge = metric.startswith if side == "lead" else metric.endswith
    # one str.startswith/endswith on the tuple says whether any word is at the edge (most metrics have none)
    cut = next((word for word in rules.words if at_edge(word)), None) if at_edge(rules.words) else None
    if cut is None:
        return None, None
    how = rules.word_cuts.get(cut)
    return (_whole_pronoun(metric, cut) if side == "lead" else cut), how  # 这家年收入 → 年收入, never 家年收入


PRONOUN_TAGS = frozenset(["r", "rz"])


def _whole_pronoun(metric: str, cut: str) -> str:
    """The pronoun the segmenter reads at the start when a listed word (这) is only its first character: 这家, 这个,
    这笔, 这位 go whole, so no measure word is left to open the name (家年收入, 个比例)."""
    first, tag = pos.tag(metric)[0]
    return first if tag in PRONOUN_TAGS and len(first) > len(cut) and first.startswith(cut) else cut


def trim_edges(metric: str) -> str:
    """但这一数字 → 数字, 市场普遍预期本次LPR → LPR, 日经平均指数近期 → 日经平均指数: hedges, conjunctions, pronouns
    and time words at the start, adverbs and time words at the end (real_text.toml, metric_edge)."""
    while len(metric) > 2:
        lead = _edge_cut(metric, "lead")
        if lead:
            metric = metric[len(lead):]
            continue
        trail = _edge_cut(metric, "trail")
        if not trail:
            break
        metric = metric[: -len(trail)]
    return metric


@functools.cache
def _mark_rows() -> tuple[tuple[str, str, str, str], ...]:
    """(open, close, what a close mark first does, what an unclosed opening does) for each pair of
    real_text.toml's metric_marks rows ("" where the row says nothing)."""
    rows = rulebook.load("real_text").get("metric_marks", [])
    found: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        for pair in row["pairs"]:
            how = found.setdefault((pair[0], pair[1]), ["", ""])
            how[0] = row.get("close_first", how[0])
            how[1] = row.get("open_unclosed", how[1])
    return tuple((opening, close, first, unclosed) for (opening, close), (first, unclosed) in found.items())


def _unpaired(metric: str, opening: str, close: str) -> tuple[int, int]:
    """(index of the first close mark with no opening before it, index of the last opening mark with no close
    after it), -1 where there is none."""
    first_close, open_at = -1, []
    for at, character in enumerate(metric):
        if character == opening:
            open_at.append(at)
        elif character == close and open_at:
            open_at.pop()
        elif character == close and first_close < 0:
            first_close = at
    return first_close, (open_at[-1] if open_at else -1)


QUOTE_REACH = 20  # characters a quoted name's head may take before the name
CLAUSE_MARK = rulebook.regex(r"[，,。；;：:！？!?\n]")


def _quote_head(metric: str, text: str, sentence_start: int, figure_start: int, opening: str) -> str | None:
    """The quote's head before ``metric`` where it is written in its sentence before the figure, from the
    opening mark on (in the same clause), or None."""
    at = text.rfind(metric, sentence_start, figure_start)
    head_at = text.rfind(opening, max(sentence_start, at - QUOTE_REACH), at) if at > 0 else -1
    if head_at < 0 or CLAUSE_MARK.search(text, head_at, at):
        return None
    return text[head_at:at]


def paired_marks(metric: str | None, text: str, sentence_start: int, figure_start: int) -> str | None:
    """``metric`` with its quotation marks and brackets in pairs (real_text.toml metric_marks): a name that
    started inside an aside starts after it, one that started inside a quote takes the quote's head (or starts
    after it), one that runs into a quote starts inside it; None when nothing is left."""
    for opening, close, close_first, unclosed in _mark_rows() if metric else ():
        first_close, last_open = _unpaired(metric, opening, close)
        head = _quote_head(metric, text, sentence_start, figure_start, opening) \
            if first_close >= 0 and close_first == "extend" else None
        if head:
            metric = head + metric
        elif first_close >= 0 and close_first:
            metric = tidy_metric(metric[first_close + 1:]) or ""
        elif last_open >= 0 and unclosed:
            metric = metric[last_open + 1:]
    return metric or None


SPLIT_WORDS = WORD_ROWS["split-words"]  # metric.toml's split-words row: words a name may be cut inside


def _located(metric: str, text: str, sentence_start: int, figure_start: int) -> int:
    """Where ``metric`` is written: its last occurrence before the figure in its sentence, else its first within
    the ``after`` characters of the split-words row after it; -1 when a rule composed it."""
    found = text.rfind(metric, sentence_start, figure_start)
    return found if found >= 0 else text.find(metric, figure_start, figure_start + SPLIT_WORDS["after"])


def _cut_inside_word(metric: str, following: str) -> int | None:
    """Where the word that ``metric`` ends inside begins when one character of it is in the name (代价合|共为,
    用户认|为, 价格甚|至): a split-words row, or a word of the segmenter across the name's end whose tag is not
    one of the row's ``kept_tags`` (nouns and the like: 建筑许|可 lost its end, not a verb's start), where the
    name read alone ends in a single character (平均得分|为 is read 平均得/分为 only with the 为)."""
    row = SPLIT_WORDS
    if following and metric[-1] + following[0] in row["words"]:
        return len(metric) - 1
    if not following or len(pos.tag(metric)[-1][0]) > 1:
        return None
    at = 0
    for word, tag in pos.tag(metric + following):
        if at == len(metric) - 1 and at + len(word) > len(metric):
            return None if tag in row["kept_tags"] else at
        at += len(word)
    return None


def whole_words(metric: str | None, text: str, sentence_start: int, figure_start: int) -> str | None:
    """``metric`` without a last character that belongs to a word of the text after it (代价合共为 → 代价, 用户认为 →
    用户, 净利润同比预降 → 净利润): a clean-up that cut a word in two left its first character behind."""
    at = _located(metric, text, sentence_start, figure_start) if metric and len(metric) > 2 else -1
    if at < 0:
        return metric
    end = at + len(metric)
    following = re.match(r"[\u4e00-\u9fff]{0,3}", text[end:end + 3]).group()
    cut = _cut_inside_word(metric, following)
    if cut is None or cut < SPLIT_WORDS["min_chars"]:
        return metric
    return tidy_metric(metric[:cut]) or metric


@functools.cache
def _figure_rows() -> tuple[tuple[re.Pattern, re.Pattern | None], ...]:
    """(pattern, unless) of real_text.toml's metric_figure rows."""
    return tuple((rulebook.regex(row["pattern"]), rulebook.regex(row["unless"]) if "unless" in row else None)
                 for row in rulebook.load("real_text").get("metric_figure", []))


def without_figure(metric: str | None) -> str | None:
    """``metric`` up to the first figure written in it (real_text.toml metric_figure: 报76.20美元/桶 → 报,
    营收为35.1/40.2/ → 营收为, 分别有6 → nothing); None where fewer than two characters are left."""
    for pattern, unless in _figure_rows() if metric else ():
        found = None if unless and unless.search(metric) else pattern.search(metric)
        if found:
            metric = metric[:found.start()].strip()
    return metric if metric and len(metric) >= 2 else None


@functools.cache
def _length_row() -> dict:
    """real_text.toml's metric_length row (one-character)."""
    return rulebook.load("real_text")["metric_length"][0]


def long_enough(metric: str | None, counter: str | None = None) -> str | None:
    """``metric``, or None where it is shorter than a name can be (one character: 以, 才, 周) and not the
    figure's own counter (约1.5亿人 → 人); real_text.toml metric_length."""
    row = _length_row()
    if metric is None or len(metric) >= row["min_chars"] or (row["keep_counter"] and metric == counter):
        return metric
    return None


@functools.cache
def _market_subject_pattern() -> re.Pattern:
    heads = "|".join(map(re.escape, rulebook.load("real_text")["market_subject"]["heads"]))
    return rulebook.regex(rf"\s*(?P<name>(?:[^，,。；;：:\s]|(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])){{0,20}}?(?:{heads}))")


def _subject_at(text: str, start: int, figure_start: int) -> str | None:
    match = _market_subject_pattern().match(text, start, figure_start)
    if match is None:
        return None
    name = tidy_metric(_strip_leading(re.sub(r"\s", "", match.group("name")), _words()[2]))
    if name and _institution_pattern().fullmatch(name):
        return None  # 山东黄金: a firm the taxonomy knows, though its name ends in a good (metric.toml listing-markets)
    return to_simplified(name) if name and len(name) >= 2 else None


def market_subject(text: str, sentence_start: int, clause_start: int, figure_start: int,
                   metric: str | None) -> str | None:
    """The index, fund, commodity or coin a move belongs to: the one opening its clause (区域银行ETF涨3.8%), else,
    when the clause names nothing (日内涨0.16%) or no metric was found, the one opening the clause before
    (德国DAX指数创纪录高点，上涨0.3% → DAX指数); place words are dropped as from any metric."""
    own = _subject_at(text, clause_start, figure_start)
    if own or clause_start == sentence_start:
        return own
    trailing, _, leading = _words()
    words = GROWTH_WORDS.sub("", MARKET_TIME.sub("", text[clause_start:figure_start].strip()))  # 涨幅0.38%
    bare = len(_strip_leading(_strip_trailing(words, trailing), leading)) < 2
    previous_clause = _previous_clause_start(text, sentence_start, clause_start)
    return _subject_at(text, previous_clause, figure_start) if metric is None or bare else None


def _previous_clause_start(text: str, sentence_start: int, clause_start: int) -> int:
    """Where the clause before the one starting at ``clause_start`` starts, within its sentence (after ，or ；)."""
    return max(sentence_start, max(text.rfind(mark, sentence_start, clause_start - 1) for mark in "，,；;") + 1)


DATE_ONLY = rulebook.regex(r"[\d年月日号时分:：\s]+")  # a subject that is only a date names nothing


def clause_subject(text: str, sentence_start: int, clause_start: int, figure_start: int) -> str | None:
    """两融余额结束单日九连跌，小幅上升48亿元: a figure whose clause names nothing measures the subject of the clause
    before it in its sentence (the nouns before that clause's first verb), when the figure's own clause opens with
    a verb or an adverb (no subject of its own)."""
    if clause_start <= sentence_start or names_something(clean_metric(text[clause_start:figure_start]) or ""):
        return None
    previous_clause = _previous_clause_start(text, sentence_start, clause_start)
    subject = clean_metric(_noun_prefix(text[previous_clause:clause_start - 1]))
    if not subject or len(subject) < 2 or DATE_ONLY.fullmatch(subject) or not names_something(subject):
        return None
    if is_stock_name(subject):  # 软银集团领涨，涨超13%: its shares; 出货量至3.293亿部，同比下降2.0%: a statistic
        moves = SHARE_PRICE_CLAUSE.search(text, clause_start, figure_start)  # …，计划累计投入超过370万亿日元: no move
        return "股价" if moves and not STATISTIC_MOVE.search(text, clause_start, figure_start) else None
    return to_simplified(subject)

