"""Link each figure to the policy tools, sectors and institutions it belongs to, and each tool to its figure.

A figure belongs to what its metric phrase names (普惠小微贷款余额 → 小微企业; a metric entry of the taxonomy
adds its own links: 续贷金额 → 无还本续贷), to the tools and sectors of its clause, and to the institution
the text presents as its actor, issuer or source (named in its sentence, or the speaker/subject of an earlier
sentence of its paragraph; no document-wide default: corpus README, "Institution links"). A metric that names
nothing (资金, 利率, 额度, 长期资金) takes the tool of its sentence, else the tool its paragraph (or the one
before) is about; funds released (释放资金, 长期流动性) are a reserve-requirement cut's.
Links only name tools, sectors and institutions the document mentions.
"""
from __future__ import annotations

import bisect
import functools
from collections.abc import Callable

import ahocorasick

from analyzer import rulebook
from analyzer.extract.lists import referred_name, respective_name
from analyzer.extract.mentions import MentionFinder
from analyzer.records import MENTION_KINDS, Figure, Mention
from analyzer.taxonomy import Entry, Taxonomy, load_taxonomy, match_form
from analyzer.text.document import TextDoc
from analyzer.text.sentences import clause_break_positions, clause_end, clause_end_among, clause_start

SEGMENT_BREAK = rulebook.regex(r"[；;]")
RECIPIENT = rulebook.regex(r"(?:包括|向|对(?!象))(?=[^，。；]*$)")
RECIPIENT_BREAK = rulebook.regex(r"[，。；]")  # the marks RECIPIENT's lookahead may not cross
RECIPIENT_FILLER = rulebook.regex(r"[\u4e00-\u9fff]{0,6}银行|[、和及与等\s]")
SUBJECT_LEAD = rulebook.regex(r"[\s“\"（(【]*(?:[（【][^）】]{0,10}[）】])?[^，。]{0,10}[，,]?\s*")
SOURCE_BEFORE = rulebook.regex(r"(?:据|经|由|根据|来自)$")
SPEAKS_AFTER = rulebook.regex(r"[^。；]{0,15}?(?:开展|下调|上调|设立|推出|创设|实施|发放|投放|操作|数据|表示|称|统计|公布|"
                              r"发布|决定|宣布|指出|介绍|披露|显示|消息|公告|负责人|行长|署长|局长|副|发言人|通报|印发|联合|会同|"
                              r"明确|提出|要求|将|已|还|此前|今年|近日|日前|当天|于)")
ACTED_ON = rulebook.regex(r"[向对自]$")
# a trade partner (对东盟进出口, 与欧盟贸易总值) is what a figure is about, not its actor
PARTNER_BEFORE = rulebook.regex(r"[对与同向自从]$")
PARTNER_AFTER = rulebook.regex(r"[^，。；]{0,12}?(?:贸易|进出口|出口|进口)")
PARTNER_CLAUSE = rulebook.regex(r"[^，。；]{0,12}?贸易伙伴")
GENERIC_TOOL = "再贷款"
UNQUANTIFIED_CATEGORY = "trade"
GENERIC_MAX = 8
RRR = "存款准备金率"
# counts of households, people and measures are not a tool's figures unless their sentence names the tool
HEADCOUNT = frozenset("户人项类")
RELEASED = rulebook.regex(r"释放|长期资金|长期流动性")
# metric entries that name a statistic of their own (人民币贷款余额, M2): not about the tool in discussion
STATISTICS = frozenset({"credit", "money", "rate", "risk", "trade", "housing"})


class Linker:
    """Callable stage: ``linker(doc)`` sets ``figure.links`` and tool ``extra["figure"]`` on a ``TextDoc``'s spans.

    ``finder`` is the mention finder of the pipeline (one automaton for mentions and links), built if not given."""

    def __init__(self, taxonomy: Taxonomy, finder: MentionFinder | None = None):
        self.taxonomy = taxonomy
        self.finder = finder or MentionFinder(taxonomy)
        self.metrics = ahocorasick.Automaton()
        for entry in taxonomy.of_kind("metrics"):
            for name in map(match_form, entry.names):
                self.metrics.add_word(name, (len(name), entry))
        self.metrics.make_automaton()

    def __call__(self, doc: TextDoc) -> None:
        context = DocumentContext(doc)
        figures = doc.spans["figures"]
        for figure in figures:
            figure.links = self.links(figure, context)
        for tool in doc.spans["policy_tools"]:
            figure = context.quantifying_figure(tool)
            if figure is not None and "action" in tool.extra:
                tool.extra["figure"] = figure.text

    def links(self, figure: Figure, ctx: DocumentContext) -> dict[str, list[str]]:
        metric_names = self.metric_names(figure, ctx)
        out = {}
        for kind in MENTION_KINDS:
            names = list(metric_names[kind])
            clause = ctx.in_span(kind, ctx.clause(figure))
            if kind == "policy_tools":
                names += [m.name for m in clause]
                if not names and self.is_generic(figure.metric, metric_names):
                    names += ctx.released_by_rrr(figure) + ctx.tool_in_discussion(figure)
                names = self.specific_relending(names, figure, ctx)
            elif kind == "sectors":
                names += [m.name for m in clause]
            else:
                names += ctx.institutions(figure)
            out[kind] = [n for n in dict.fromkeys(names) if n in ctx.mentioned[kind]]
        return out

    def specific_relending(self, names: list[str], figure: Figure, ctx: DocumentContext) -> list[str]:
        """再贷款 said of a named relending tool is that tool: 再贷款支持 after 交通物流专项再贷款."""
        if GENERIC_TOOL not in names:
            return names
        specific = ctx.latest_tool(figure.start, "relending",
                                   lambda m: m.name != GENERIC_TOOL and self.is_relending(m.name))
        if specific is None:
            return names
        if specific.endswith(GENERIC_TOOL):
            names = [n for n in names if n != GENERIC_TOOL]
        return [*names, specific]

    def is_generic(self, metric: str | None, names: dict[str, list[str]]) -> bool:
        """A metric that names nothing of its own (资金, 额度, 利率, 长期资金): its figure is about the tool in
        discussion. A named statistic (人民币贷款余额, M2: a metric entry) is not."""
        if not metric or any(names.values()) or any(e.category in STATISTICS for e in self.metric_entries(metric)):
            return False
        return len(metric) <= GENERIC_MAX

    def is_relending(self, name: str) -> bool:
        entry = self.taxonomy.by_name("tools", name)
        return entry is not None and entry.category in ("relending", "structural_tool")

    def metric_names(self, figure: Figure, ctx: DocumentContext) -> dict[str, list[str]]:
        """Names the metric phrase itself carries: mentions inside it, and its metric entry's links."""
        return self._metric_names(figure.metric or "")

    @functools.lru_cache(maxsize=65536)
    def _metric_names(self, metric: str) -> dict[str, list[str]]:
        """Cached per metric phrase: a few hundred distinct phrases cover an archive."""
        out: dict[str, list[str]] = {kind: [] for kind in MENTION_KINDS}
        if not metric:
            return out
        found = self.finder(match_form(metric), metric)
        for kind in MENTION_KINDS:
            out[kind] += [m.name for m in found[kind]
                          if kind != "institutions" or not is_trade_partner(metric, m.start, m.end)]
        for entry in self.metric_entries(metric):
            for kind, names in entry.links.items():
                out[{"tools": "policy_tools"}.get(kind, kind)] += list(names)
        return out

    @functools.lru_cache(maxsize=65536)
    def metric_entries(self, metric: str) -> tuple[Entry, ...]:
        """Metric entries named inside the phrase, longest first and not overlapping
        (人民币普惠小微贷款余额 → 普惠小微贷款余额); cached per phrase (every figure without names asks again)."""
        hits = sorted(((last + 1 - n, last + 1, e) for last, (n, e) in self.metrics.iter(match_form(metric))),
                      key=lambda h: h[0] - h[1])
        kept = []
        for start, end, entry in hits:
            if all(end <= s or e <= start for s, e, _ in kept):
                kept.append((start, end, entry))
        return tuple(entry for _, _, entry in kept)


class DocumentContext:
    """Positions of a record's mentions, sentences and paragraphs, for the link rules."""

    def __init__(self, doc: TextDoc):
        self.doc = doc
        self.text = doc.norm
        self.paragraphs = doc.paragraphs
        self.mentions = {kind: sorted(doc.spans[kind], key=lambda m: m.start) for kind in MENTION_KINDS}
        self.starts = {kind: [m.start for m in ms] for kind, ms in self.mentions.items()}
        self.mentioned = {kind: {m.name for m in ms} for kind, ms in self.mentions.items()}
        self.figures = sorted(doc.spans["figures"], key=lambda f: f.start)
        self.figure_starts = [f.start for f in self.figures]
        self.paragraph_ends = [end for _, end in self.paragraphs]
        # per figure or mention, computed once: every link rule asks for them again
        self._clauses: dict[tuple[int, int], tuple[int, int]] = {}
        self._subjects: dict[tuple[int, int], bool] = {}
        self._partners: dict[tuple[int, int], bool] = {}
        self._recipients: dict[tuple[int, int, int], bool] = {}
        self._recipient_breaks: list[int] | None = None  # where each ，。； stands, found once
        self._sentences: dict[int, tuple[int, int]] = {}  # figure start → its sentence, its paragraph
        self._paragraphs: dict[int, tuple[int, int]] = {}
        self._speakers: dict[tuple[int, int], list[str]] = {}  # (paragraph start, sentence start) → subjects before
        self._breaks: list[int] | None = None  # where each ； or ; stands, found once (issue 17)
        self._clause_breaks = clause_break_positions(self.text)  # clause ends by bisection, not a search to the end
        self._siblings: dict[tuple[int, int], list[Figure]] = {}  # sentence → its figures, sliced once
        self._tools_where: dict[str, tuple[list[int], list[str]]] = {}  # test's key → the tools that pass it

    def latest_tool(self, before: int, key: str, test: Callable[[Mention], bool]) -> str | None:
        """The name of the latest tool mention that starts before ``before`` and passes ``test``: the mentions that pass
        are found once per ``key`` and looked up by bisection (reading all earlier ones for each figure grew with a
        long document)."""
        found = self._tools_where.get(key)
        if found is None:
            passed = [m for m in self.mentions["policy_tools"] if test(m)]
            found = self._tools_where[key] = ([m.start for m in passed], [m.name for m in passed])
        index = bisect.bisect_left(found[0], before)
        return found[1][index - 1] if index else None

    def sentence(self, figure: Figure) -> tuple[int, int]:
        found = self._sentences.get(figure.start)
        if found is None:
            found = self._sentences[figure.start] = self.doc.sentence_at(figure.start)
        return found

    def paragraph(self, figure: Figure) -> tuple[int, int]:
        found = self._paragraphs.get(figure.start)
        if found is None:
            found = self._paragraphs[figure.start] = self.doc.paragraph_at(figure.start)
        return found

    def clause(self, figure: Figure) -> tuple[int, int]:
        key = (figure.start, figure.end)
        if key not in self._clauses:
            start, end = self.sentence(figure)
            self._clauses[key] = max(clause_start(self.text, figure.start, lists=False), start), \
                clause_end_among(self._clause_breaks, figure.end, end)
        return self._clauses[key]

    def segment(self, figure: Figure) -> tuple[int, int]:
        """The ``；`` part of the figure's sentence."""
        start, end = self.sentence(figure)
        if self._breaks is None:  # one character a break: the last before the figure and the first after it
            self._breaks = [match.start() for match in SEGMENT_BREAK.finditer(self.text)]
        before = bisect.bisect_left(self._breaks, figure.start)
        left = self._breaks[before - 1] + 1 if before and self._breaks[before - 1] >= start else start
        after = bisect.bisect_left(self._breaks, figure.end)
        right = self._breaks[after] if after < len(self._breaks) and self._breaks[after] < end else None
        return left, end if right is None else right

    def institutions(self, figure: Figure) -> list[str]:
        """The institutions the text presents as the figure's actor, issuer or source (corpus README,
        "Institution links"): those named in its sentence (in its ``；`` part, and its clause, when that names one; not
        recipients: 发放对象包括工商银行…; a ``…分别`` list pairs in order), else the speakers and subjects
        of earlier sentences of its paragraph (人民银行表示…, 据海关总署统计…). No document-wide default."""
        sentence = self.sentence(figure)
        named = [m for m in self.in_span("institutions", sentence)
                 if not self.is_recipient(m, sentence[0]) and not self.is_partner(m)]
        referred = self.referred(figure, named)
        if referred is not None:
            return [referred.name]
        for part in (self.segment(figure), self.clause(figure)):
            named = [m for m in named if part[0] <= m.start < part[1]] or named
        if named:
            return [m.name for m in self.respectively(figure, named, sentence)]
        return self.speakers_before(self.paragraph(figure)[0], sentence[0])

    def speakers_before(self, start: int, end: int) -> list[str]:
        """The institutions between ``start`` and ``end`` that are subjects of their sentence and no trade partner:
        once per sentence, every figure of it asks."""
        key = (start, end)
        if key not in self._speakers:
            self._speakers[key] = [m.name for m in self.in_span("institutions", key)
                                   if self.is_subject(m) and not self.is_partner(m)]
        return list(self._speakers[key])

    def is_recipient(self, mention: Mention, start: int) -> bool:
        """An institution listed after 向/对/包括 in its clause (发放对象包括国家开发银行、…) receives, not acts (once
        per mention and sentence: every figure of the sentence asks)."""
        key = (mention.start, mention.end, start)
        if key not in self._recipients:
            self._recipients[key] = self._is_recipient(mention, start)
        return self._recipients[key]

    def _is_recipient(self, mention: Mention, start: int) -> bool:
        # RECIPIENT needs no ，。； between its word and the mention, so it is searched after the last of them only
        # (the same first match; a text without breaks no longer reads to the mention from every 向 before it)
        breaks = self.recipient_breaks()
        last = bisect.bisect_left(breaks, mention.start) - 1
        match = RECIPIENT.search(self.text, max(start, breaks[last] + 1 if last >= 0 else 0), mention.start)
        if match is None:
            return False
        rest = self.text[match.end():mention.start]
        others, first = self.mentions["institutions"], bisect.bisect_left(self.starts["institutions"], match.end())
        for other in others[first:bisect.bisect_left(self.starts["institutions"], mention.start, first)]:
            if other.end <= mention.start:  # the institutions between the recipient word and the mention, in order
                rest = rest.replace(self.text[other.start:other.end], "")
        return not RECIPIENT_FILLER.sub("", rest)

    def recipient_breaks(self) -> list[int]:
        """Positions of the clause marks a recipient word may not reach across (，。；), found once per text."""
        if self._recipient_breaks is None:
            self._recipient_breaks = [m.start() for m in RECIPIENT_BREAK.finditer(self.text)]
        return self._recipient_breaks

    def is_partner(self, mention: Mention) -> bool:
        """An institution named as a trade partner: 对欧盟、美国分别进出口, 与东盟贸易总值, 东盟成为第一大贸易伙伴."""
        key = (mention.start, mention.end)
        if key not in self._partners:
            self._partners[key] = is_trade_partner(self.text, mention.start, mention.end)
        return self._partners[key]

    def is_subject(self, mention: Mention) -> bool:
        """The institution opens its sentence (after a time phrase) or speaks, announces or acts in it (once per
        mention: every figure of its paragraph asks)."""
        key = (mention.start, mention.end)
        if key not in self._subjects:
            self._subjects[key] = self._is_subject(mention)
        return self._subjects[key]

    def _is_subject(self, mention: Mention) -> bool:
        start, _ = self.doc.sentence_at(mention.start)
        return bool(SUBJECT_LEAD.fullmatch(self.text, start, mention.start)
                    or SOURCE_BEFORE.search(self.text[max(start, mention.start - 3):mention.start])
                    or SPEAKS_AFTER.match(self.text, mention.end)) \
            and not ACTED_ON.search(self.text[max(start, mention.start - 1):mention.start])

    def referred(self, figure: Figure, named: list[Mention]) -> Mention | None:
        """四家银行…分别为A、B、C、D in a clause that names no one: the i-th of the last run of four names in its
        sentence or the one before, within the paragraph (lists.referred_name)."""
        clause = self.clause(figure)
        if any(clause[0] <= m.start < clause[1] for m in named):
            return None
        sentence = self.sentence(figure)
        starts = self.figure_starts  # the sentence's figures, in order (a slice: linear in a long document)
        first = bisect.bisect_left(starts, sentence[0])
        siblings = self._siblings.get(sentence)
        if siblings is None:
            siblings = self._siblings[sentence] = self.figures[first:bisect.bisect_left(starts, sentence[1])]
        previous = self.doc.sentence_at(sentence[0] - 1)[0] if sentence[0] > 0 else sentence[0]
        before = self.in_span("institutions", (max(self.paragraph(figure)[0], previous), clause[0]))
        # the figure's place: the siblings before its start cannot equal it (a figure's start is part of it)
        position = siblings.index(figure, bisect.bisect_left(starts, figure.start) - first)
        return referred_name(self.text, before, siblings, position, clause[0])

    def respectively(self, figure: Figure, named: list[Mention], sentence: tuple[int, int]) -> list[Mention]:
        """工商银行、建设银行分别为3639.93亿元、3326.53亿元: the i-th figure after 分别 is the i-th institution's."""
        name = respective_name(self.text, named, self.figures, figure, sentence[1])
        return named if name is None else [name]

    def released_by_rrr(self, figure: Figure) -> list[str]:
        """Funds released (释放资金, 长期资金净投放, 长期流动性) are what a reserve-requirement cut frees."""
        said = (figure.metric or "") + self.text[slice(*self.clause(figure))]
        if RRR in self.mentioned["policy_tools"] and RELEASED.search(said):
            return [RRR]
        return []

    def tool_in_discussion(self, figure: Figure) -> list[str]:
        """The tool of the figure's sentence, else the tool its paragraph is about: the nearest one before
        the figure (降准…。本次调整共释放资金约1.5万亿元 → 存款准备金率). Trade measures (对等关税) are what
        moves a market, not what its index measures: they are never the tool in discussion."""
        start, _ = self.paragraph(figure)
        before = bisect.bisect_right(self.paragraph_ends, start)  # paragraphs that end by the figure's start
        previous = self.paragraphs[before - 1] if before else (0, 0)
        spans = [self.sentence(figure), self.paragraph(figure), previous]
        if figure.unit == "count" and figure.counter in HEADCOUNT:
            spans = spans[:1]
        for span in spans:
            before = [m for m in self.in_span("policy_tools", span)
                      if m.start < figure.start and not is_unquantified(m.name)][-1:]
            if before:
                return [before[0].name]
        return []

    def quantifying_figure(self, tool: Mention) -> Figure | None:
        """The first figure after the tool in its clause (下调存款准备金率0.5个百分点)."""
        index = bisect.bisect_left(self.figure_starts, tool.end)
        if index < len(self.figures) and self.figures[index].start < clause_end(self.text, tool.end):
            return self.figures[index]
        return None

    def in_span(self, kind: str, span: tuple[int, int]) -> list[Mention]:
        """The mentions of ``kind`` inside ``span``, in text order (found by bisection: no scan of them all)."""
        starts = self.starts[kind]
        first, stop = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
        return [m for m in self.mentions[kind][first:stop] if m.end <= span[1]]


def is_unquantified(tool: str) -> bool:
    """A tool whose category (trade measures) has no amounts of its own to claim a figure by."""
    entry = load_taxonomy().by_name("tools", tool)
    return entry is not None and entry.category == UNQUANTIFIED_CATEGORY


def is_trade_partner(text: str, start: int, end: int) -> bool:
    """text[start:end] names a trade partner: 对欧盟、美国分别进出口, 与东盟贸易总值, 东盟成为第一大贸易伙伴."""
    return bool(PARTNER_BEFORE.search(text, max(0, start - 1), start) and PARTNER_AFTER.match(text, end)) \
        or bool(PARTNER_CLAUSE.match(text, end))
