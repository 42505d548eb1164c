"""分别 lists: the figures listed after 分别 in a clause, and the bare numbers that share a listed figure's unit.

The one home of list handling in the extractor: which figures a 分别 list holds (``list_position``), the
bare numbers that share a listed figure's unit (``bare_members``), the name of each listed figure
(``split_list_metric``, used by metrics.py) and the named institution each figure of a list belongs to
(``respective_name``, and ``referred_name`` for a list that refers back to names listed earlier, used by links.py).
The joining words are in ``analyzer/rules/lexicon.toml`` [lists].
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Sequence

from analyzer.extract.number_forms import NUM_AR
from analyzer.extract.places import place_words
from analyzer.rulebook import alternation, lexicon, regex, rows
from analyzer.text.pos import SINGLE_FUNCTION
from analyzer.text.sentences import clause_end

_WORDS = lexicon()["lists"]
_LIST_WORDS = {row["id"]: row["words"] for row in rows("metric", "words")}  # the shared scopes and heads of names
# figures of one list are joined by these only (分别为A、B和C; 分别由A、B降至C、D)
JOINT = regex(rf"\s*(?:{alternation([*_WORDS['joints'], *_WORDS['move_joints']])})\s*")
# 分别为11.85、6.8和3.93万亿元: bare numbers joined to the figure that carries the unit
BARE_LIST = regex(rf"((?:{NUM_AR})(?:{alternation(_WORDS['bare_joints'])}))+$")
# 从0上调至20%, 由5%调降至0: the bare number of a change takes the unit of the figure it moves to
CHANGE_FROM = regex(rf"(?:{alternation(_WORDS['from_words'])})(?P<numbers>\d+(?:\.\d+)?)"
                         rf"(?:{alternation(_WORDS['change_verbs'])})?(?:{alternation(_WORDS['to_words'])})$")
_NUMBER = regex(NUM_AR)
LABEL = regex(r"[A-Za-z0-9]{1,2}")  # A类, 1号: a label in a list of classes
MARKER = "分别"
# 四家银行, 六大行, 上述企业: a clause that refers back to a list of names
REFERRING = regex(rf"{alternation(_WORDS['referring_words'])}|[两二三四五六七八九十\d]+(?:{alternation(_WORDS['referring_counts'])})")
# names of one list: 工商银行、建设银行; a list and its 分别 never straddle a semicolon
NAME_JOINER = regex(r"[、和及与]")
NUMERAL_START = regex(r"[0-9一二两三四五六七八九十百千几数]")  # 建四家银行: a count follows the member, no shared tail
LIST_BREAK = regex(r"[；;]")
CLAUSE_COMMA = regex(r"[，,]")
_START = operator.attrgetter("start")
# a tenor opening a listed name: 隔夜、7天、1个月常备借贷便利利率 share what follows the last tenor
TENOR = regex(r"^(?:隔夜|\d+(?:个)?(?:天|月|年)期?(?:以上|以下)?|[一二三四五六七八九十]+年期(?:以上)?)")


def list_position(text: str, spans: Sequence, position: int, clause_start: int) -> tuple[int, int] | None:
    """(index, count) of ``spans[position]`` among the figures listed after 分别 in its clause, else None.
    ``spans`` are the figures of the sentence in order (anything with ``start`` and ``end``); the list is the run
    of figures after the marker joined only by JOINT words (分别由A、B降至C、D counts 4)."""
    marker = text.rfind(MARKER, clause_start, spans[position].start)
    if marker < 0:
        return None
    first = bisect.bisect_right(spans, marker, key=_START)  # the spans in order: those after the marker, bisected
    members = [first] if first < len(spans) else []
    for i in range(first + 1, len(spans)):
        if not JOINT.fullmatch(text[spans[members[-1]].end:spans[i].start]):
            break
        members.append(i)
    if position not in members:
        return None
    return members.index(position), len(members)


def continued_position(text: str, spans: Sequence, position: int, clause_start: int,
                       sentence_start: int) -> tuple[int, int] | None:
    """(index, count) of ``spans[position]`` in a run of figures that opens its clause, has no 分别 of its own and
    follows, in the same sentence, a 分别 list of as many figures (铜、铝现货均价分别为A、B，同比上涨x、y: x, y
    continue the list); else None."""
    first = position
    while first > 0 and spans[first - 1].end > clause_start and \
            JOINT.fullmatch(text[spans[first - 1].end:spans[first].start]):
        first -= 1
    if first == 0 or spans[first - 1].end > clause_start or \
            not CLAUSE_COMMA.search(text, spans[first - 1].end, spans[first].start) or \
            text.rfind(MARKER, spans[first - 1].end, spans[position].start) >= 0:
        return None  # the run opens a clause of its own (after a comma) and has no 分别 of its own
    last = position
    while last + 1 < len(spans) and JOINT.fullmatch(text[spans[last].end:spans[last + 1].start]):
        last += 1
    count = last - first + 1
    before = list_position(text, spans, first - 1, sentence_start) if count >= 2 else None
    if before != (count - 1, count) or LIST_BREAK.search(text, spans[first - count].start, clause_start):
        return None
    return position - first, count


def bare_members(text: str, window_start: int, figure_start: int) -> list[tuple[int, str]]:
    """(start, digits) of the bare numbers in ``text[window_start:figure_start]`` that end right before a figure
    and share its unit: 分别为11.85、6.8和3.93万亿元 (11.85, 6.8), 从0上调至20% (0)."""
    left = text[window_start:figure_start]
    match = BARE_LIST.search(left) or CHANGE_FROM.search(left)
    if match is None:
        return []
    group = "numbers" if "numbers" in match.groupdict() else 0
    base = window_start + match.start(group)
    return [(base + number.start(), number.group()) for number in _NUMBER.finditer(match.group(group))]


def split_list_metric(phrase: str, count: int, index: int) -> str | None:
    """支农再贷款、支小再贷款和再贴现余额分别为… → the index-th name with the shared head noun."""
    parts = [p for p in NAME_JOINER.split(phrase) if p]
    if len(parts) < 2 or count % len(parts):
        return None
    tenor = TENOR.match(parts[-1])
    parallel = None if tenor else _parallel_segments(parts)
    if parallel:
        return parallel[index % len(parts)]
    part = parts[index % len(parts)]
    if "的" in parts[-1] and len(parts[0]) <= 3:
        return _shared_after_de(parts, part)
    shared = _shared_tail(parts) or _shared_after_members(parts) or _shared_modifier(parts) or _shared_after_labels(parts)
    if shared:
        return shared[index % len(parts)]
    head = _shared_head(parts[-1], tenor)
    part = _with_shared_scope(parts[0], part)
    return part if not head or part.endswith(head) else part + head


def _shared_tail(parts: list[str]) -> list[str] | None:
    """大、中、小型企业PMI → 大型企业PMI, 中型企业PMI, 小型企业PMI: one-character members share the last name's tail
    (s26-metricdebris: they were one-character metrics); not where a count follows the last (工、农、中、建四家银行)
    or the last opens with a function word (按年及按季)."""
    last = parts[-1]
    if len(last) < 2 or any(len(p) != 1 for p in parts[:-1]) or NUMERAL_START.match(last, 1) or \
            last[0] in SINGLE_FUNCTION:  # 按年及按季: the members are no names
        return None
    return [part + last[1:] for part in parts[:-1]] + [last]


def _shared_after_members(parts: list[str]) -> list[str] | None:
    """上海和北京居民人均可支配收入, 城镇和农村居民…: members that are places or groups (metric.toml words
    list-member-groups), the last written before the statistic, share what follows the last member."""
    members = member_words()
    last = parts[-1]
    lead = next((m for m in sorted(members, key=len, reverse=True) if last.startswith(m) and len(last) > len(m) + 1), None)
    if lead is None or not all(p in members for p in parts[:-1]):
        return None
    return [part + last[len(lead):] for part in parts[:-1]] + [last]


def member_place(text: str, sentence_start: int, metric_at: int, listed: tuple[int, int] | None) -> str | None:
    """上海和北京居民人均可支配收入分别达到78027元和75002元: the i-th figure of a 分别 list (``listed``: its index and
    count, or its place in a run continuing one) whose metric is written at ``metric_at`` right after a run of as
    many places joined by 和/、 is the i-th place's (75002元 is 北京's); else None."""
    if listed is None or metric_at < 0:
        return None
    members = _places_ending_at(text, sentence_start, metric_at)
    index, count = listed
    return members[index] if len(members) >= 2 and len(members) == count else None


def _places_ending_at(text: str, start: int, end: int) -> list[str]:
    """The run of places joined only by NAME_JOINER that ends at ``end`` (上海和北京 before 居民人均可支配收入), in
    text order; the longest place word is taken at each step (广东省 before 东省)."""
    members: list[str] = []
    while (found := _place_at_end().search(text, max(start, end - PLACE_WORD_MAX), end)) is not None:
        members.insert(0, found.group())
        end = found.start()
        if end - 1 < start or not NAME_JOINER.fullmatch(text, end - 1, end):
            break
        end -= 1
    return members


PLACE_WORD_MAX = 12  # characters a place word may have (黑龙江省, 内蒙古自治区 …): the search window before ``end``


@functools.cache
def _place_at_end() -> re.Pattern:
    """A place word ending where the search ends, the longest first (``\\Z`` matches at the search's ``endpos``)."""
    words = sorted(place_words(), key=lambda word: (-len(word), word))
    assert max(map(len, words)) <= PLACE_WORD_MAX
    return re.compile(f"(?:{alternation(words)})\\Z")


def members_metric(phrase: str | None, count: int, index: int) -> str | None:
    """上海和北京居民人均可支配收入超过7万元，分别达到78027元和75002元: a list that takes the name of the figure
    before it, a name whose members are places or groups (``_shared_after_members``), takes each member's name in
    order (北京居民人均可支配收入); None for any other name."""
    parts = [p for p in NAME_JOINER.split(phrase or "") if p]
    shared = _shared_after_members(parts) if len(parts) == count else None
    return shared[index] if shared else None


@functools.cache
def member_words() -> frozenset[str]:
    """The words a 分别 list's members may be for ``_shared_after_members``: places and the group words."""
    return place_words() | frozenset(_LIST_WORDS["list-member-groups"])


def _with_shared_scope(first: str, part: str) -> str:
    """一线城市新建商品住宅和二手住宅销售价格: a scope opening the first name (a city tier, metric.toml words
    list-shared-scopes) is every name's (一线城市二手住宅销售价格)."""
    scope = next((w for w in _LIST_WORDS["list-shared-scopes"] if first.startswith(w)), "")
    return part if not scope or part.startswith(scope) else scope + part


def _shared_head(last: str, tenor: re.Match | None) -> str:
    """The head noun the list's names share: after the last tenor (隔夜、7天、1个月常备借贷便利利率 →
    常备借贷便利利率), else from the first head word (lexicon metric.heads) inside the last name."""
    if tenor and tenor.end() < len(last):
        return last[tenor.end():]
    heads = [*lexicon()["metric"]["heads"], *_LIST_WORDS["list-shared-heads"]]
    head_at = min((last.find(h) for h in heads if last.find(h) > 0), default=-1)
    return last[head_at:] if head_at > 0 else ""


def _shared_after_de(parts: list[str], part: str) -> str:
    """大型和中小型商业银行的存款准备金率: the short modifiers share 商业银行 and the head after 的."""
    noun, _, head = parts[-1].rpartition("的")
    shared_from = noun.find(parts[0][-1])
    middle = noun[shared_from + 1:] if shared_from >= 0 else ""
    part = part if part == parts[-1] else part + middle
    return part.replace("的", "") + head if part != parts[-1] else noun + head


def _shared_modifier(parts: list[str]) -> list[str] | None:
    """预制菜业务的营业收入和毛利润: a modifier joined by 的 to the first name only is shared by every name
    (预制菜业务营业收入, 预制菜业务毛利润)."""
    modifier, de, first = parts[0].partition("的")
    if not de or not modifier or not first or any("的" in part for part in parts[1:]):
        return None
    return [modifier + name for name in (first, *parts[1:])]


def _shared_after_labels(parts: list[str]) -> list[str] | None:
    """A、B、C类人才补贴比例: short labels (letters or digits) share what follows the last one."""
    size = len(parts[0])
    if size > 2 or not all(LABEL.fullmatch(part) for part in parts[:-1]) or not LABEL.fullmatch(parts[-1][:size]) \
            or len(parts[-1]) <= size:
        return None
    return [part + parts[-1][size:] for part in parts[:-1]] + [parts[-1]]


def _parallel_segments(parts: list[str]) -> list[str] | None:
    """具有直接和间接碳减排效益项目的贷款: each earlier part ends in a word parallel to the start of the last part
    (same length, same last character: 直接 / 间接), so all share what follows it and what precedes the first."""
    last = parts[-1]
    names = []
    for part in parts[:-1]:
        k = next((k for k in (3, 2) if len(part) >= k and len(last) > k + 1 and part[-1] == last[k - 1]
                  and part[-k:] != last[:k]), None)
        if k is None:
            return None
        names.append((part[:-k], part[-k:], last[k:]))
    prefix, _, shared = names[0]
    if any(n[2] != shared for n in names):
        return None
    return [p + segment + shared for p, segment, _ in names] + [prefix + last]


def _name_runs(text: str, named: Sequence):
    """Each run of two or more names joined only by NAME_JOINER, from each name on (工商银行、建设银行)."""
    for i in range(len(named) - 1):
        run = [named[i]]
        for mention in named[i + 1:]:
            if not NAME_JOINER.fullmatch(text, run[-1].end, mention.start):
                break
            run.append(mention)
        if len(run) >= 2:
            yield run


def respective_name(text: str, named: Sequence, figures: Sequence, figure, sentence_end: int):
    """工商银行、建设银行分别为3639.93亿元、3326.53亿元: the i-th figure after 分别 is the i-th name's; None when
    ``figure`` is not in such a list (``named`` and ``figures`` in text order, anything with ``start``/``end``)."""
    for run in _name_runs(text, named):
        at = text.rfind(MARKER, run[-1].end, figure.start)
        if at < 0 or LIST_BREAK.search(text, run[-1].end, at):
            continue
        stop = clause_end(text, at, limit=sentence_end)
        # the figures in (at, stop), by bisection of their starts (a test of all of a long document's grew with it)
        group = figures[bisect.bisect_right(figures, at, key=_START):bisect.bisect_left(figures, stop, key=_START)]
        if figure in group and len(group) == len(run):
            return run[group.index(figure)]
    return None


def _maximal_runs(text: str, named: Sequence) -> list[list]:
    """The runs of two or more names joined only by NAME_JOINER, each whole (工商银行、农业银行和中国银行)."""
    runs: list[list] = []
    for mention in named:
        if runs and NAME_JOINER.fullmatch(text, runs[-1][-1].end, mention.start):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return [run for run in runs if len(run) >= 2]


def referred_name(text: str, named_before: Sequence, spans: Sequence, position: int, clause_start: int):
    """四家银行不良贷款率分别为1.34%、1.30%、1.34%和1.25%, in a clause that names no one but refers back (四家, 上述;
    lexicon [lists] referring_words, referring_counts): the list refers back to
    the last run of as many names earlier in the paragraph (工商银行、农业银行、建设银行和中国银行分别实现…), and the
    i-th figure is the i-th name's; None when ``spans[position]`` is in no such list (``named_before``: the names
    before the clause, in text order)."""
    listed = list_position(text, spans, position, clause_start)
    marker = text.rfind(MARKER, clause_start, spans[position].start)
    if listed is None or not REFERRING.search(text, clause_start, marker):
        return None
    index, count = listed
    runs = [run for run in _maximal_runs(text, named_before) if len(run) == count]
    return runs[-1][index] if runs else None
