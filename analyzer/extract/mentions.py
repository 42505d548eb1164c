"""Find policy tools, sectors and institutions: a taxonomy matcher over the normalized text.

One Aho-Corasick automaton holds every name and alias. Within a kind the longest match wins; a shorter
match inside it stays available as ``extra["nested"]`` (科技创新和技术改造再贷款 contains 再贷款 and 科技创新).
Across kinds the annotation conventions apply: sector words count inside tool names and metric phrases
(科技创新再贷款 → 科技创新) but nothing counts inside an institution's name (农业 in 中国农业银行), and no
institution inside a tool's name (中央银行 in 中央银行票据互换工具). Tool mentions carry the action their
clause states (设立, 扩大, 下调 …) as ``extra["action"]``. Tool-like names missing from the taxonomy
(…再贷款, …支持工具, …机制) are reported as ``candidates``.
"""
from __future__ import annotations

import bisect
import collections
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from analyzer import rulebook
from analyzer.extract.organizations import Coverage, OrganizationFinder, load_grammar, occurrences
from analyzer.extract.sector_names import SectorNameFinder
from analyzer.extract.tool_names import ToolName, ToolNameFinder
from analyzer.records import Mention
from analyzer.taxonomy import ARRAY_KIND, MENTION_ARRAY, Entry, Taxonomy, match_form, match_form_of_normalized
from analyzer.text.sentences import clause_bounds, clause_start, sentence_end, sentence_start

_ASCII_ALNUM = rulebook.regex(r"[A-Za-z0-9]")
_JOINED = rulebook.regex(r"[和及与、]")
# a short name the text declares after a full one: 江苏澄远电子科技股份有限公司（以下简称“澄远电子”), or in quotes alone
# after a firm's full name (浙江宋都锂业有限公司(“宋都锂业”); s29-inst)
_DECLARED_SHORT = rulebook.regex(r"(?:[(（]\s*(?:以下简称|以下称|下称|简称)\s*[:：]?\s*|(?:(?<=公司)|(?<=集团)|(?<=企业))[(（]\s*(?=[“\"‘]))"
                                 r"[“\"‘]?([^”\"’()（）]{2,12}?)[”\"’]?\s*[)）]")
WEAK_ACTION = "开展"
# priority when spans of different kinds collide: an institution's name swallows what is inside it
_OUTER = {"institutions": 2, "policy_tools": 1, "sectors": 0}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    array: str
    entry_id: str
    entry: Entry = field(compare=False, hash=False)
    outside: bool = field(default=False, compare=False)  # read by the organisation grammar, not in the taxonomy

    def contains(self, other: Hit) -> bool:
        return self.start <= other.start and other.end <= self.end and self != other


@functools.cache
def action_lexicon() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(verb, action) pairs, longest verb first, and the names that imply their action."""
    data = rulebook.parse_toml((Path(__file__).parent / "actions.toml").read_text(encoding="utf-8"))
    verbs = [(verb, action) for action, words in data["verbs"].items() for verb in words]
    verbs.sort(key=lambda pair: -len(pair[0]))
    return verbs, dict(data["implied"])


class MentionFinder:
    """Callable stage: ``finder(text, original)`` → ``{"policy_tools": [...], "sectors": [...], …}``."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.automaton = ahocorasick.Automaton()
        for entry in taxonomy:
            if entry.kind not in MENTION_ARRAY:
                continue
            for name in (*entry.names, *entry.acronyms):
                key = match_form(name)
                found = self.automaton.get(key, [])
                self.automaton.add_word(key, [*found, (MENTION_ARRAY[entry.kind], entry, len(key))])
        self.automaton.make_automaton()
        self.candidates = CandidateFinder(taxonomy)
        self.organizations = OrganizationFinder()
        self.tool_names = ToolNameFinder()
        self.sector_names = SectorNameFinder()

    def __call__(self, text: str, original: str) -> dict[str, list[Mention]]:
        hits = self.hits(text)
        hits += self.team_hits(text, hits)
        hits += self.tool_name_hits(text, hits)
        hits += self.sector_name_hits(text, hits)
        hits += self.organization_hits(text, hits)
        hits += self.sub_body_hits(text, hits)
        hits += self.story_body_hits(text, hits)
        hits += self.bank_branch_hits(text, hits)
        hits += word_after_hits(text, hits)
        hits += self.gloss_hits(text, hits)
        hits = self.addressed_hits(text, hits)
        kept, nested = resolve(hits + self.listed_names(text, hits))
        out: dict[str, list[Mention]] = {array: [] for array in _OUTER}
        named: dict[str, dict[str, list[Mention]]] = {array: {} for array in _OUTER}  # out by name: in_context's
        for hit in kept:
            if not in_context(text, hit, named[hit.array].get(hit.entry.name, [])) or not _outside_allowed(text, hit):
                continue
            mention = _mention(text, original, hit, nested.get(hit, []), out["policy_tools"])
            out[hit.array].append(mention)
            named[hit.array].setdefault(mention.name, []).append(mention)
        declared_names(text, original, out["institutions"])
        self.foreign_bodies(text, out["institutions"])
        out["candidates"] = self.candidates(text, original, [h for h in hits if h.array == "policy_tools"])
        return out

    def foreign_bodies(self, text: str, institutions: list[Mention]) -> None:
        """A generic name (央行) of the Chinese body names another country's in a story about it (the ``[[foreign]]``
        rows of mentions.toml): by the nearest country before it in its sentence, else by the latest such body
        named in this or the previous sentence."""
        latest_first = _LatestFirst(institutions)
        for row, names in _foreign_rows():
            for mention in institutions:
                if match_form(mention.text) not in names:
                    continue
                if _home_before(text, mention.start, row):
                    continue  # 中国财政部, 我国央行: China's own, whatever the story named before
                entry = self._country_body(text, mention.start, row) or _latest_body(
                    text, mention.start, latest_first, self.taxonomy, row)
                if entry is not None:
                    mention.name = entry.name

    def _country_body(self, text: str, start: int, row: dict) -> Entry | None:
        """The body of the nearest country written before ``start`` in its sentence (None: China's, or none)."""
        left = sentence_start(text, start)
        found = [(m.end(), m.group()) for m in _country_pattern().finditer(text, left, start)]
        home = [text.rfind(word, left, start) + len(word) for word in row["home"] if text.find(word, left, start) >= 0]
        if not found or (home and max(home) > found[-1][0]):
            return None
        entry = self.taxonomy.lookup(row["country_alias"].format(found[-1][1]), ARRAY_KIND["institutions"])
        return entry if entry is not None and entry.category in row["categories"] else None

    def tool_name_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Policy tools the taxonomy lacks, read by the tool-name grammar (养老服务消费补贴, 关税减免; rows of
        ``rules/tool_names.toml``). The taxonomy's reading wins where one of its tools overlaps the name (人才租金补贴
        is 租金补贴), unless it is a generic entry the row refines and ends where the name does (绿色再贷款); the tools'
        context rows of ``rules/mentions.toml`` apply as to the taxonomy's names (《…补贴管理办法》 is a regulation)."""
        tools = [h for h in hits if h.array == "policy_tools"]
        upper = match_form_of_normalized(text)
        out = []
        for found in self.tool_names(text):
            entry = outside_entry("tools", found.name, found.rule)
            if all(_refines(found, h) for h in tools if h.start < found.end and found.start < h.end) \
                    and context_allows(upper, found.start, found.end, entry):
                out.append(Hit(found.start, found.end, "policy_tools", f"outside:{found.name}", entry, outside=True))
        return out

    def addressed_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """The hits less the taxonomy sectors that count only where a policy or breakdown addresses them (the
        ``[[gated]]`` rows of ``rules/sector_names.toml``: 证券行业 in a market count is no mention). One addressed
        occurrence makes the sector the text's group: its other occurrences count too (``[[repeat]]``). The sectors of
        ``[[official_only]]`` rows count likewise where one occurrence stands in official text (``[[official]]`` rows:
        a policy's, a plan's, a regulator's sentence or story, a statistics release) or a context row addresses it.
        A sector inside a dropped ``[[official_only]]`` one goes with it (新能源行业 in a firm's results gives no 能源行业;
        a dropped division keeps the names inside it, as before: 制造业 of 电子信息制造业); a bare list word
        (``in_list``: 化工 in 钢铁、有色、石化、化工、建材等传统产业) is addressed by its sentence, as the grammar's lists of
        groups are."""
        gate = self.sector_names
        gated = [h for h in hits if gate.needs_context(h.entry.name, h.array)]
        named = {h.entry.name for h in gated if gate.addressed(text, h.start, h.end)}
        dropped = _Dropped(self.unofficial_hits(text, hits))
        return [h for h in hits if not (gate.needs_context(h.entry.name, h.array) and h.entry.name not in named)
                and h not in dropped.hits and not dropped.inside(h)]

    def unofficial_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """The hits of ``[[official_only]]`` sectors none of whose occurrences in the text stands in official text
        or is addressed by a ``[[context]]`` row (a bare list word by its sentence). In a news digest the unit is
        the story, not the text: one item's official occurrence does not make another item's count."""
        gate = self.sector_names
        official = [h for h in hits if gate.needs_official_text(h.entry.name, h.array)]
        digest = bool(official) and gate.official.is_digest(text)

        def unit(h: Hit) -> tuple[str, int]:
            return h.entry.name, gate.official.story_start(text, h.start) if digest else 0

        named: set[tuple[str, int]] = set()
        for h in official:
            if unit(h) not in named and (gate.addressed(text, h.start, h.end, whole_sentence=_list_item(text, h))
                                         or gate.official(text, h.start, h.end)):
                named.add(unit(h))
        return [h for h in official if unit(h) not in named]

    def sector_name_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Sectors the taxonomy lacks, read by the sector-name grammar where a policy or a breakdown addresses them
        (电炉钢行业, 煤炭生产企业; rows of ``rules/sector_names.toml``). The taxonomy's reading wins: a name that
        overlaps any taxonomy hit or a tool-grammar name (汽车行业, 制造业企业, 中国钢铁工业协会) gives none, and a
        modifier that is a taxonomy sector's name or bare word names that sector (金融产业 → 金融业, 能源领域). A name of
        its own needs the grammar's stricter reading (``found.own``: whole, no counted firms, a governing word). A
        group kept once is the text's group: its other readings count where nothing addresses them (``[[repeat]]``:
        the same written name, or the same modifier with another head, 焦化企业 after 焦化行业)."""
        out, kept, waiting = [], [], []
        names = self.sector_names(text)
        groups = self._lists_of_groups(names, hits)
        covered = Coverage(len(text), ((h.start, h.end) for h in hits))  # not a test of every hit per name
        for found in names:
            entry = self.taxonomy.lookup(found.modifier, ARRAY_KIND["sectors"])
            if self._stays_out(text, found, entry, covered, groups):
                continue
            hit = _sector_hit(found, entry)
            if hit is not None:
                out.append(hit)
                kept.append(found)
            elif not found.listed_in and not (entry is None and found.taxonomy_only):
                waiting.append((found, entry))
        groups_kept = self.sector_names.kept_groups(kept)
        return out + [_sector_hit(found, entry, repeated=True) for found, entry in waiting
                      if self.sector_names.repeats(found, groups_kept)]

    def _stays_out(self, text: str, found, entry: Entry | None, covered: Coverage, groups: set) -> bool:
        """Whether a grammar reading gives no sector: it overlaps a taxonomy hit, it is an item of a list none of whose
        items is a taxonomy sector, it is a taxonomy name a context row left out here (中小企业局), or a context row
        refuses its modifier here as it refuses the taxonomy's name (消费行业 in a broker's 投资主线, as 消费 there)."""
        if covered.overlaps(found.start, found.end) or (found.listed_in and found.listed_in not in groups):
            return True
        if self.taxonomy.lookup(found.name) is not None and not found.listed_in:
            return True
        return entry is not None and not context_allows(text, found.start, found.start + len(found.modifier), entry)

    def _lists_of_groups(self, names: list, hits: list[Hit]) -> set[tuple[int, int]]:
        """The spans of the grammar's lists that are lists of groups: an item is a taxonomy sector, found by the
        matcher or named by the item's words (钢铁 in 严禁钢铁、电解铝等行业)."""
        spans = {found.listed_in for found in names if found.listed_in}
        sectors = sorted(h.start for h in hits if h.array == "sectors")  # bisected for each list, not read through
        named = {found.listed_in for found in names if found.listed_in
                 and self.taxonomy.lookup(found.name, ARRAY_KIND["sectors"]) is not None}
        return {span for span in spans
                if span in named or bisect.bisect_left(sectors, span[0]) < bisect.bisect_left(sectors, span[1])}

    def organization_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Institutions the taxonomy lacks, read by the name grammar (北京市住房和城乡建设委员会, 财通证券). A firm's
        reading gives way where its suffix closes a known institution's name (中行建行交行邮储银行, 占人民银行),
        where it runs into a tool's name (专项债项目资本), or where its suffix starts a sector's name that runs on
        past it (推进中俄科技创新合作, 民航科技创新体系: 科技 is no firm's suffix there)."""
        out = []
        known = _KeptHits()
        ending_at: dict[int, list[Hit]] = {}  # the institutions by where they end, for every body read
        for hit in hits:
            known.add(hit)
            if hit.array == "institutions":
                ending_at.setdefault(hit.end, []).append(hit)
        for org in self.organizations(text):
            near = known.overlapping(org)
            ending = [h for h in near if h.array == "institutions" and h.end == org.end]
            if org.family == "firm" and (ending or any(h.array == "policy_tools" or _runs_past(org, h) for h in near)):
                continue
            if any(_JOINED.search(text, org.start, h.start) for h in ending):
                continue  # 美国通胀高企和美国联邦储备委员会: the known name after 和 is the body
            out.append(_outside_hit(text, org.start, org.end, org.rule, org.name))
            out.extend(self.local_body_hits(text, ending_at.get(org.start, []), org))
        return out

    def local_body_hits(self, text: str, before: list[Hit], org) -> list[Hit]:
        """A local body written right after the national body it belongs to is one name (国家税务总局厦门市税务局):
        the national body's category is one of the grammar's ``branch_of`` categories (a bank's branch is read by
        :meth:`bank_branch_hits`); ``before``: the institutions that end where ``org`` starts."""
        if org.family != "body":
            return []
        categories = self.organizations.branch_of
        return [_outside_hit(text, h.start, org.end, org.rule) for h in before if h.entry.category in categories]

    def team_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """A broker's research team written as its short name and field at a clause or headline start (【天风宏观：…】,
        广发策略认为) names the broker: the short name is the entry's name less the grammar's ``team_suffix``."""
        pattern, entries = self._teams()
        out = []
        named = Coverage(len(text), ((h.start, h.end) for h in hits if h.array == "institutions"))
        for match in pattern.finditer(text):
            if not named.covers(match.start()):
                entry = entries[match.group(1)]
                out.append(Hit(match.start(1), match.end(1), "institutions", entry.id, entry))
        return out

    @functools.cache
    def _teams(self) -> tuple[re.Pattern, dict[str, Entry]]:
        """The pattern of a broker's short name and a team word, and the entry of each short name."""
        grammar = load_grammar()["grammar"]
        suffix = grammar["team_suffix"]
        entries = {e.name[:-len(suffix)]: e for e in self.taxonomy.of_kind(ARRAY_KIND["institutions"])
                   if e.category in grammar["team_categories"] and e.name.endswith(suffix)
                   and len(e.name) > len(suffix) + 1}
        stems = "|".join(map(re.escape, sorted(entries, key=len, reverse=True)))
        words = "|".join(map(re.escape, grammar["team_words"]))
        return re.compile(rf"(?:^|(?<=[【\[，。；：！？,;:!?\s“”]))({stems})(?:{words})"), entries

    def sub_body_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """A body of a national body written right after its name is one name with it (国务院教育督导委员会办公室,
        国务院关税税则委员会): the national body's category is one of the grammar's ``sub_body_of``, and no other
        known institution's name lies inside what follows (美联储联邦公开市场委员会 keeps the taxonomy's FOMC)."""
        out = []
        known = [h for h in hits if h.array == "institutions"]
        first_at_end: dict[int, int] = {}  # the earliest start of a name ending at each end (sorted lookups: linear)
        for h in known:
            first_at_end[h.end] = min(h.start, first_at_end.get(h.end, h.start))
        starts = sorted(h.start for h in known)
        for hit in known:
            if hit.entry.category not in self.organizations.sub_body_of or first_at_end[hit.end] < hit.start:
                continue  # 财政部 inside 美国财政部: the longer name is the body's
            end = self.organizations.sub_body_end(text, hit.end)
            if end is None or bisect.bisect_left(starts, end) > bisect.bisect_left(starts, hit.end):
                continue
            out.append(_outside_hit(text, hit.start, end, "sub_body"))
        return out

    def story_body_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """A national body written without its country (参议院, 最高法院, 联邦政府) in a story about another country is
        that country's (the ``[[story_body]]`` rows of mentions.toml): one of the row's countries written right before
        it makes one name with it (美国联邦政府); else, where it stands alone, the story's country names it
        (``_storys_country``: the row's country last written before it in its clause, else the one the text names most
        often, by name or signal: 美国 … 参议院 → 美国国会参议院), unless China (``home``) is written after every country
        before it."""
        out = []
        taken = Coverage(len(text), ((h.start, h.end) for h in hits if h.array == "institutions"))
        for row, words, countries in _story_rows():
            story = None  # the countries the text names, read once per row (not once per body)
            for match in words.finditer(text):
                if taken.overlaps(match.start(), match.end()):
                    continue
                story = story or _StoryNames(text, row, countries)
                found = self._story_country(text, match, row, story)
                if found is not None:
                    start, country = found
                    out.append(self._named_hit(text, start, match.end(), country + match.group(), "story_body"))
                    taken.add(start, match.end())
        return out

    def _story_country(self, text: str, match: re.Match, row: dict, story: _StoryNames) -> tuple[int, str] | None:
        """(start of the name, country) of a bare body: the country written right before it, else, where the body
        stands alone, the story's country (``_storys_country``)."""
        right_before = next((c for c in row["countries"] if text.endswith(c, 0, match.start())), None)
        if right_before is not None:
            return match.start() - len(right_before), right_before
        if not self.organizations.stands_alone(text, match.start(), match.end()):
            return None
        country = _storys_country(text, match.start(), story)
        return None if country is None else (match.start(), country)

    def _named_hit(self, text: str, start: int, end: int, name: str, rule: str) -> Hit:
        """The hit of a name the text does not write whole: the taxonomy's entry (美国参议院 → 美国国会参议院), else an
        outside name."""
        entry = self.taxonomy.lookup(name, ARRAY_KIND["institutions"])
        if entry is not None:
            return Hit(start, end, "institutions", entry.id, entry)
        return _outside_hit(text, start, end, rule, name)

    def bank_branch_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """A bank's branch written right after the bank's name is one name (中国光大银行广州分行; the grammar's
        ``bank_branch`` rows): the bank a taxonomy bank of ``taxonomy.BRANCH_BANKS`` or a grammar reading ending in 银行."""
        out = []
        for categories, after in self.organizations.bank_branches:
            for hit in hits:
                if hit.array != "institutions" or not (hit.entry.category in categories or hit.outside and _ends_bank(
                        text[hit.start:hit.end])):
                    continue
                match = after.match(text, hit.end)
                if match is not None:
                    name = re.sub(r"\s", "", text[hit.start:match.end()])  # 招商银行 嘉兴分行: a page's link spaces
                    out.append(_outside_hit(text, hit.start, match.end(), "bank_branch", name))
        return out

    def gloss_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """A Latin name in brackets right after a named institution names it again (西方石油公司（Occidental
        Petroleum）, 国际清算银行（BIS）): the longest name ending there gives the entry (the grammar's
        ``[[gloss_after]]`` rows; ``OrganizationFinder.gloss_after`` reads the brackets)."""
        out: list[Hit] = []
        organizations = self.organizations
        longest: dict[int, Hit] = {}
        for hit in hits:
            if hit.array == "institutions" and (hit.end not in longest or hit.start < longest[hit.end].start):
                longest[hit.end] = hit
        taken: tuple[_Spans, _Spans] | None = None  # the hits, and the hits with out, indexed at the first gloss
        for _, firm_categories in organizations.gloss_after_rows:
            for end, hit in longest.items():
                firm = hit.entry.category in firm_categories or hit.outside and hit.entry.id not in organizations.body_rule_ids
                span = organizations.gloss_after(text, hit.start, end, firm)
                taken = taken or ((_Spans(len(text), hits), _Spans(len(text), hits)) if span else None)
                if span and not taken[0].overlaps(*span):
                    out.append(Hit(*span, "institutions", hit.entry_id, hit.entry, hit.outside))
                    taken[1].add(out[-1])
                    out += _acronym_repeats(text, span, hit, taken[1])
        return out

    def listed_names(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Names listed next to a named institution (闪迪、博通、甲骨文、Datadog及微软; 英伟达和阿波罗全球管理等机构):
        an item joined to it by one of the ``[[list]]`` row's joiners that the grammar takes for a listed firm's
        name (a Latin name, or a Chinese one of its own that is no place)."""
        shape = list_shapes().get(ARRAY_KIND["institutions"])
        if shape is None:
            return []
        out: list[Hit] = []
        todo = [hit for hit in hits if hit.array == "institutions"]
        firm_lists = _FirmLists(len(text), _firm_list_clauses(text, todo, shape[0]))
        taken = _Spans(len(text), hits)  # every hit so far: not a test of all of them per item (a long document's)
        while todo:  # a name listed beside a listed name is listed too (紫金矿业、铜陵有色、西部矿业、云铝股份)
            found: list[Hit] = []
            for hit in todo:
                found += self._items_listed(text, hit, shape[0], firm_lists, taken)
            out += found
            todo = found
        return out

    def _items_listed(self, text: str, hit: Hit, joiners: re.Pattern, firm_lists: _FirmLists,
                      taken: _Spans) -> list[Hit]:
        """The items joined to ``hit`` that the grammar takes for firms' names: in a list of firms (``firm_lists``) a
        list sibling's name (common words too where the list has both kinds of evidence), else a listed firm's;
        each item found is added to ``taken``."""
        in_firm_list, common_ok = firm_lists.holding(hit.start)
        found: list[Hit] = []
        for start, end in _items_beside(text, hit.start, hit.end, joiners, in_firm_list):
            if in_firm_list and not (start and joiners.fullmatch(text, start - 1, start)):
                # 包括速必达、新希望等大型物流企业: the clause's words before the first item (an item after a joiner
                # has none: 联想 of 红魔、联想 is no lead-in verb)
                start += self.organizations.lead_length(text[start:end])
            name = text[start:end]
            accepted = self.organizations.is_list_sibling(name, common_ok) if in_firm_list \
                else self.organizations.is_listed_firm(name)
            accepted = accepted and not self.organizations.titled_person(text, name)
            if accepted and not taken.overlaps(start, end):
                found.append(_outside_hit(text, start, end, "listed"))
                taken.add(found[-1])
        return found

    def hits(self, text: str) -> list[Hit]:
        """Every name occurrence that passes the boundary rules (overlaps not yet resolved); ``text`` is normalized,
        as every stage's is."""
        upper = match_form_of_normalized(text)
        hits = []
        for last, found in self.automaton.iter(upper):
            for array, entry, length in found:
                start, end = last + 1 - length, last + 1
                if allowed(upper, start, end, entry):
                    hits.append(Hit(start, end, array, entry.id, entry))
        plain = _PlainEnds(text, hits)
        return [hit for hit in hits if listed(text, hit, plain)]


def _mention(text: str, original: str, hit: Hit, nested: list[Hit], tools: list[Mention]) -> Mention:
    """The mention of a kept hit: its name (a short tool name may refer back to an earlier ``tools`` one), whether the
    taxonomy has it, the names nested in it, a tool's action."""
    name = refer_back(text[hit.start:hit.end], hit.entry, tools)
    mention = Mention(text=original[hit.start:hit.end], start=hit.start, end=hit.end, name=name)
    if hit.outside:
        mention.extra["in_taxonomy"] = False
    inner = [h for h in nested if h.array != hit.array or hit.array != "sectors"]
    if inner:
        mention.extra["nested"] = [{"kind": h.array, "text": original[h.start:h.end], "start": h.start,
                                    "end": h.end, "name": h.entry.name} for h in inner]
    if hit.array == "policy_tools":
        action = find_action(text, hit.start, hit.end)
        if action:
            mention.extra["action"] = action
    return mention


def _home_before(text: str, start: int, row: dict) -> bool:
    """Whether one of the row's ``home`` words (中国, 我国) is written right before the name (中国财政部)."""
    return text.endswith(tuple(row["home"]), 0, start)


@functools.cache
def _country_pattern() -> re.Pattern:
    """Country names of the organisation grammar (organizations.toml), longest first; one-character short forms
    (日, 法) are left out, being parts of too many words (5日, 方法)."""
    countries = sorted((c for c in load_grammar()["grammar"]["countries"] if len(c) > 1), key=len, reverse=True)
    return rulebook.regex("|".join(map(re.escape, countries)))


class _LatestFirst:
    """The institutions latest first (by start; ties in their order), sorted once for every foreign body asked about,
    not for each (the sort grew with a long document's institutions)."""

    def __init__(self, institutions: list[Mention]):
        self.mentions: list[Mention] | None = None
        self.institutions = institutions

    def between(self, left: int, start: int):
        """The institutions that start in ``[left, start]``, latest first."""
        if self.mentions is None:
            self.mentions = sorted(self.institutions, key=lambda m: -m.start)
            self.keys = [-m.start for m in self.mentions]
        for index in range(bisect.bisect_left(self.keys, -start), len(self.mentions)):
            if self.mentions[index].start < left:
                return
            yield self.mentions[index]


def _latest_body(text: str, start: int, institutions: _LatestFirst, taxonomy: Taxonomy, row: dict) -> Entry | None:
    """The latest body of the row's categories named with one of the row's names (韩国央行) in this or the previous
    sentence before ``start`` (美联储 is not written so: the 央行 after it is China's)."""
    left = sentence_start(text, start, previous=1)
    for mention in institutions.between(left, start):
        if left <= mention.start and mention.end <= start and mention.text.endswith(tuple(row["names"])):
            entry = taxonomy.by_name(ARRAY_KIND["institutions"], mention.name)
            if entry is not None and entry.category in row["categories"]:
                return entry
    return None


@functools.cache
def _story_rows() -> tuple[tuple[dict, re.Pattern, re.Pattern], ...]:
    """The ``[[story_body]]`` rows of mentions.toml, each with its words' and its countries' patterns (made once)."""
    return tuple((dict(row, countries=sorted(row["countries"], key=len, reverse=True), signal_of={
        word: country for country, words in row.get("signals", {}).items() for word in words}),
                  rulebook.regex(rulebook.alternation(row["words"])),
                  rulebook.regex(rulebook.alternation([*row["countries"], *_signal_words(row)])))
                 for row in rulebook.rows("mentions", "story_body"))


class _StoryNames:
    """The countries a text names for one ``[[story_body]]`` row (by name or by a signal), and where its ``home`` words
    stand, read once per text: each bare body is then placed by bisection (s23-review: reading the text again for
    every body took 11 s for 16,000 bodies in 240,000 characters, growing with the square of the text)."""

    def __init__(self, text: str, row: dict, countries: re.Pattern):
        self.named = [(m.start(), row["signal_of"].get(m.group(), m.group())) for m in countries.finditer(text)]
        self.starts = [start for start, _ in self.named]
        self.by_country: dict[str, list[int]] = {}
        for start, country in self.named:
            self.by_country.setdefault(country, []).append(start)
        self.counts = collections.Counter(country for _, country in self.named)
        self.home = [(len(word), list(occurrences(text, word))) for word in row["home"]]

    def last_before(self, country: str, at: int) -> int:
        """Where ``country`` is last named before ``at`` (-1: not before it)."""
        starts = self.by_country.get(country, [])
        index = bisect.bisect_left(starts, at)
        return starts[index - 1] if index else -1

    def home_before(self, at: int) -> int:
        """Where the last ``home`` word that ends by ``at`` starts (-1: none), as ``text.rfind(word, 0, at)`` for home
        words that do not overlap themselves (中国, 我国)."""
        found = [starts[index - 1] for length, starts in self.home
                 for index in [bisect.bisect_right(starts, at - length)] if index]
        return max(found, default=-1)


def _storys_country(text: str, at: int, story: _StoryNames) -> str | None:
    """The country of the story a bare body written at ``at`` belongs to: the last of the row's countries written
    before it in its clause, else the one the text names most often, by its name or its ``signals`` (白宫, 美联储 for
    美国; ties: the one written last before it; 澳大利亚 eight times over 马来西亚 in a list); None where a ``home``
    word is written after every country before it, or no country is named."""
    if not story.named:
        return None
    before = bisect.bisect_left(story.starts, at)  # story.named[:before] are written before the body
    if story.home_before(at) > (story.starts[before - 1] if before else -1):
        return None
    if bisect.bisect_left(story.starts, clause_start(text, at, lists=False)) < before:
        return story.named[before - 1][1]  # 会见柬埔寨人民党主席、参议院主席: the clause's own country
    return max(story.counts, key=lambda country: (story.counts[country], story.last_before(country, at)))


def _signal_words(row: dict) -> list[str]:
    """The words of a ``[[story_body]]`` row's ``signals``: what names a country's story without its name (白宫)."""
    return [word for words in row.get("signals", {}).values() for word in words]


@functools.cache
def _foreign_rows() -> tuple[tuple[dict, frozenset[str]], ...]:
    """The ``[[foreign]]`` rows of mentions.toml, each with its names in match form (made once, not for every text)."""
    return tuple((row, frozenset(match_form(n) for n in row["names"])) for row in rulebook.rows("mentions", "foreign"))


@functools.cache
def _generic_words() -> frozenset[str]:
    """The grammar's ``generic`` words (基金, 公司), made a set once, not for every text."""
    return frozenset(load_grammar()["grammar"]["generic"])


def declared_names(text: str, original: str, institutions: list[Mention]) -> None:
    """A short name the text declares (（以下简称“澄远电子”）) is the full name's wherever it is written after it, and
    so is a stem the grammar named by that short name (深铁 after 深铁集团); a generic word declared so (（简称“基金”）)
    stays a word (the grammar's ``generic`` list)."""
    taken: Coverage | None = None  # the institutions' spans, built at the first declaration
    index = _NameIndex(institutions)
    for match in _DECLARED_SHORT.finditer(text):
        full = index.ending_at.get(match.start())
        if full is None or match.group(1) in _generic_words():
            continue
        short = match.group(1)
        key = match_form(short)
        for mention in index.written(key):  # the short name, and a shorter stem the grammar named after it (深铁 → 深铁集团)
            if mention.start >= full.end and key in (match_form(mention.text), match_form(mention.name)):
                index.rename(mention, full.name)
        taken = taken or Coverage(len(text), ((m.start, m.end) for m in institutions))
        for at in occurrences(text, short, full.end):
            if not taken.overlaps(at, at + len(short)):
                mention = Mention(text=original[at:at + len(short)], start=at, end=at + len(short), name=full.name)
                if "in_taxonomy" in full.extra:
                    mention.extra["in_taxonomy"] = full.extra["in_taxonomy"]
                institutions.append(mention)
                index.add(mention)
                taken.add(at, at + len(short))
    institutions.sort(key=lambda m: (m.start, -m.end))


class _NameIndex:
    """The institutions of a text by where they end (the first in the list for each end) and, built at the first
    declaration, by the match forms of their written text and of every name they were given: a declared short name
    looks up its own mentions instead of testing every mention of a long document."""

    def __init__(self, institutions: list[Mention]):
        self.institutions = institutions
        self.ending_at: dict[int, Mention] = {}
        for mention in institutions:
            self.ending_at.setdefault(mention.end, mention)
        self.by_form: dict[str, list[Mention]] | None = None

    def written(self, key: str) -> list[Mention]:
        """Every mention whose text's or (some time) name's match form is ``key``: a superset of those that now are."""
        if self.by_form is None:
            self.by_form = {}
            for mention in self.institutions:
                self._index(mention)
        return list(self.by_form.get(key, ()))

    def _index(self, mention: Mention) -> None:
        for form in {match_form(mention.text), match_form(mention.name)}:
            self.by_form.setdefault(form, []).append(mention)

    def add(self, mention: Mention) -> None:
        self.ending_at.setdefault(mention.end, mention)
        if self.by_form is not None:
            self._index(mention)

    def rename(self, mention: Mention, name: str) -> None:
        mention.name = name
        self.by_form.setdefault(match_form(name), []).append(mention)


def in_context(text: str, hit: Hit, earlier: list[Mention]) -> bool:
    """A short alias listed in ``in_context`` (续贷) or an acronym (NPS) names its entry only after another of its
    names appeared."""
    if not hit.entry.in_context and not hit.entry.acronyms:
        return True  # nothing of the entry is gated
    gated = {match_form(n) for n in (*hit.entry.in_context, *hit.entry.acronyms)}
    if match_form(text[hit.start:hit.end]) not in gated:
        return True
    return any(m.name == hit.entry.name and match_form(m.text) not in gated for m in earlier)


@functools.cache
def list_shapes() -> dict[str, tuple[re.Pattern, re.Pattern, tuple[str, ...]]]:
    """The ``[[list]]`` rows of ``analyzer/rules/mentions.toml`` by taxonomy kind: (joiners, closing, lead-in
    words)."""
    return {row["kind"]: (rulebook.regex(row["joiners"]), rulebook.regex(f"(?:{row['closing']})$"),
                          tuple(match_form(w) for w in row.get("lead_in", ())))
            for row in rulebook.rows("mentions", "list")}


class _PlainEnds:
    """Where the hits of each kind that are no bare list word end, read once per kind and text (each bare word in a
    list of a long document asked for all of them)."""

    def __init__(self, text: str, hits: list[Hit]):
        self.text, self.hits = text, hits
        self.of_array: dict[str, set[int]] = {}

    def of(self, array: str) -> set[int]:
        if array not in self.of_array:
            self.of_array[array] = {h.end for h in self.hits if h.array == array and not _bare(self.text, h)}
        return self.of_array[array]


def listed(text: str, hit: Hit, plain: _PlainEnds) -> bool:
    """A bare word listed in ``in_list`` (汽车, 能源) names its entry only as an item of a list of groups: the
    clause cut at the list's joiners has the word as an item (alone, or with the closing group word after it),
    and a neighbouring item ends with a sector that needs no list, or some item closes with a group word."""
    if not _bare(text, hit):
        return True
    shape = list_shapes().get(ARRAY_KIND[hit.array])
    if shape is None:
        return False
    items = list_items(text, hit, shape[0])
    closing = shape[1]
    index = _item_index(text, hit, items, shape)
    if index is None:
        return False
    if hit.end != items[index][1] and not closing.match(text, hit.end, items[index][1]):
        return False
    return _of_groups(hit, plain, items, index, closing, text)


def _item_index(text: str, hit: Hit, items: list[tuple[int, int]], shape: tuple) -> int | None:
    """The index of the item the hit is, or None: an item that starts with it; the list's first item when the hit
    ends it right after a lead-in word (比如新能源、光伏); an item where 等 and the closing group word follow it
    (发展光伏等新能源产业)."""
    _, closing, lead_in = shape
    for i, (a, b) in enumerate(items):
        if not a <= hit.start < b:
            continue
        if a == hit.start or (i == 0 and hit.end == b and len(items) > 1 and text.endswith(lead_in, a, hit.start)):
            return i
        return i if text.startswith("等", hit.end) and closing.match(text, hit.end, b) else None
    return None


def _of_groups(hit: Hit, plain_ends: _PlainEnds, items: list[tuple[int, int]], index: int, closing: re.Pattern,
               text: str) -> bool:
    """Whether the list is one of groups: an item next to the hit's ends with a sector that needs no list, or an
    item closes with a group word (等承压行业)."""
    plain = plain_ends.of(hit.array)
    neighbours = [items[i][1] for i in (index - 1, index + 1) if 0 <= i < len(items)]
    return any(end in plain for end in neighbours) or any(closing.search(text, a, b) for a, b in items)


def _bare(text: str, hit: Hit) -> bool:
    """Whether the hit is written as one of its entry's ``in_list`` words."""
    return bool(hit.entry.in_list) and match_form(text[hit.start:hit.end]) in map(match_form, hit.entry.in_list)


def list_items(text: str, hit: Hit, joiners: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the items of the clause around ``hit``, cut at the joiners."""
    left, right = clause_bounds(text, hit.start, hit.end)
    cuts = [left, *(m.start() for m in joiners.finditer(text, left, right)), right]
    return [(a + (a != left), b) for a, b in zip(cuts, cuts[1:])]


_LATIN_ITEM = r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3}"
_ITEM_AFTER = rulebook.regex(f" ?(?:({_LATIN_ITEM})(?![A-Za-z0-9&])|([\u4e00-\u9fff]{{2,8}}?)(?=[、和及与等，。；：！？,;.\\s（(]|$))")
_ITEM_BEFORE = rulebook.regex(f"(?:^|(?<=[，。；：！？,;\\s（(“”【]))({_LATIN_ITEM}|[\u4e00-\u9fff]{{2,8}}) ?$")
# in a list of firms an item before a name may follow another item's 、 (保利、华侨城、招商蛇口)
_ITEM_BEFORE_IN_LIST = rulebook.regex(f"(?:^|(?<=[，。；：！？,;\\s（(“”【、]))({_LATIN_ITEM}|[\u4e00-\u9fff]{{2,8}}) ?$")


CLAUSE_REACH = 300  # a clause is read back at most this far (a run with no break in it starts here, not at the text's start)


@functools.cache
def _list_contexts() -> tuple[tuple[int, re.Pattern, bool], ...]:
    """The ``[[list_context]]`` rows of ``analyzer/rules/mentions.toml``: (min_named, closing pattern, whether a
    list with both kinds of evidence takes common words of two characters for names: ``common_words_when_both``)."""
    return tuple((row["min_named"], rulebook.regex(row["closing"]), row.get("common_words_when_both", False))
                 for row in rulebook.rows("mentions", "list_context"))


class _Spans:
    """Hits asked many times whether any of them overlaps a span: a mask of the characters they cover answers in the
    span's length, not the number of hits (a test of every hit per listed item grew with a long document's hits).
    Empty hits, and asks of an empty span, which a mask cannot answer, are read one by one."""

    def __init__(self, size: int, hits: list[Hit]):
        self.covered, self.hits, self.empty = Coverage(size), [], []
        for hit in hits:
            self.add(hit)

    def add(self, hit: Hit) -> None:
        self.hits.append(hit)
        if hit.start < hit.end:
            self.covered.add(hit.start, hit.end)
        else:
            self.empty.append(hit)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a hit ``h`` has ``h.start < end and start < h.end``."""
        if start >= end:
            return any(h.start < end and start < h.end for h in self.hits)
        return self.covered.overlaps(start, end) or any(h.start < end and start < h.end for h in self.empty)


class _FirmLists:
    """The clauses of :func:`_firm_list_clauses` as masks: whether a position lies in one, and in one with both kinds
    of evidence (asked for every institution of a long document: a test of every clause grew with it)."""

    def __init__(self, size: int, clauses: list[tuple[int, int, bool]]):
        self.any = Coverage(size, ((start, end) for start, end, _ in clauses))
        self.both = Coverage(size, ((start, end) for start, end, both in clauses if both))

    def holding(self, at: int) -> tuple[bool, bool]:
        return self.any.covers(at), self.both.covers(at)


def _firm_list_clauses(text: str, hits: list[Hit], joiners: re.Pattern) -> list[tuple[int, int, bool]]:
    """The clauses (cut at ，。；：！？) whose list names firms (``firm_list_context``): ``min_named`` institutions or
    more written as list items (a joiner right before or after the name) and a third of the items at least (a list
    of twenty futures with 苹果 twice is no list of firms), or a closing word for firms; each with whether it has
    both kinds of evidence and its row lets such a list take common words (红魔、联想、华为、小米和荣耀等手机厂商)."""
    named: dict[tuple[int, int], int] = {}  # clause → institutions written as its list items (the same for every row)
    for hit in hits:
        if joiners.fullmatch(text, hit.end, hit.end + 1) or hit.start and joiners.fullmatch(text, hit.start - 1,
                                                                                           hit.start):
            clause = clause_bounds(text, hit.start, hit.start, window=CLAUSE_REACH)
            named[clause] = named.get(clause, 0) + 1
    out = []
    for min_named, closing, common_when_both in _list_contexts():
        for (start, end), count in named.items():
            items = len(joiners.findall(text, start, end)) + 1
            enough, closed = count >= min_named and 3 * count >= items, bool(closing.search(text, start, end))
            if enough or closed:
                out.append((start, end, common_when_both and enough and closed))
    return out


def _items_beside(text: str, start: int, end: int, joiners: re.Pattern, in_list: bool = False) -> list[tuple[int, int]]:
    """The list items joined to ``text[start:end]`` right before and right after it (each a whole item: from a
    clause break or joiner to the joiner, or from the joiner to the next joiner, 等 or break; a space may stand on
    either side of the joiner); ``in_list``: a list of firms, where the item before may start after a 、."""
    out = []
    left = start - 1 if start > 0 and text[start - 1] == " " else start
    if left > 0 and joiners.fullmatch(text, left - 1, left):
        before = (_ITEM_BEFORE_IN_LIST if in_list else _ITEM_BEFORE).search(text, max(0, left - 41), left - 1)
        if before:
            out.append(before.span(1))
    right = end + 1 if text.startswith(" ", end) else end
    if right < len(text) and joiners.fullmatch(text, right, right + 1):
        after = _ITEM_AFTER.match(text, right + 1)
        if after:
            out.append(after.span(1) if after.group(1) else after.span(2))
    return out


@functools.cache
def _acronym_rules() -> tuple[re.Pattern, re.Pattern]:
    """The ``[[acronym_repeat]]`` row of mentions.toml: the shape of an acronym glossed in brackets that names its
    institution again where it is repeated, and the index names it may start instead (ISM制造业PMI, MSCI指数)."""
    (row,) = rulebook.rows("mentions", "acronym_repeat")
    index_after = rf"[\u4e00-\u9fff]{{0,{row['index_gap']}}}?(?:{rulebook.alternation(row['index_words'])})"
    return rulebook.regex(row["acronym"]), rulebook.regex(index_after)


def _acronym_repeats(text: str, span: tuple[int, int], hit: Hit, taken: _Spans) -> list[Hit]:
    """Later occurrences of an acronym glossed in brackets (美国抵押贷款银行家协会（MBA）… MBA数据显示) name the same
    institution, where the acronym stands as a word of its own and no other name (``taken``: the hits so far; each
    found is added) covers it."""
    acronym = text[span[0]:span[1]]
    shape, index_after = _acronym_rules()
    if not shape.fullmatch(acronym):
        return []
    out = []
    for start in occurrences(text, acronym, span[1]):
        end = start + len(acronym)
        if re.match(r"[A-Za-z0-9]", text[end:end + 1]) or re.match(r"[A-Za-z0-9]", text[start - 1:start]) \
                or index_after.match(text, end) or taken.overlaps(start, end):
            continue
        out.append(Hit(start, end, "institutions", hit.entry_id, hit.entry, hit.outside))
        taken.add(out[-1])
    return out


def word_after_hits(text: str, hits: list[Hit]) -> list[Hit]:
    """A known firm's name with the word for a firm right after it (空中客车公司) is one hit over both, under the
    firm's entry (the ``[[word_after]]`` rows of mentions.toml)."""
    out = []
    for row in rulebook.rows("mentions", "word_after"):
        categories, words, not_then = frozenset(row["categories"]), tuple(row["words"]), tuple(row["not_then"])
        for hit in hits:
            if hit.array != MENTION_ARRAY[row["kind"]] or hit.entry.category not in categories:
                continue
            word = next((w for w in words if text.startswith(w, hit.end)), None)
            if word and not text.startswith(not_then, hit.end + len(word)):
                out.append(Hit(hit.start, hit.end + len(word), hit.array, hit.entry_id, hit.entry, hit.outside))
    return out


def _ends_bank(name: str) -> bool:
    """Whether a grammar reading names a bank: 银行 last, or before （中国） or a legal form (创兴银行有限公司)."""
    return re.sub(r"(?:[（(]中国[）)])?(?:股份有限公司|有限公司)?$", "", name).endswith("银行")


def _outside_allowed(text: str, hit: Hit) -> bool:
    """Whether a grammar's institution stands where the ``[[context]]`` rows of every institution name would refuse a
    taxonomy name (a firm's stem inside a bond's short name, 22万科MTN004, read from 万科 elsewhere in the text)."""
    return not (hit.outside and hit.array == "institutions") or context_allows(text, hit.start, hit.end, hit.entry)


def _outside_hit(text: str, start: int, end: int, rule: str, name: str = "") -> Hit:
    """A hit of an organisation the taxonomy lacks, named ``name`` or as written."""
    name = name or text[start:end]
    return Hit(start, end, "institutions", f"outside:{name}", outside_entry("institutions", name, rule), outside=True)


def _sector_hit(found, entry: Entry | None, repeated: bool = False) -> Hit | None:
    """The hit of a sector-name grammar reading: the taxonomy sector its modifier names (``entry``) where a context
    row addresses it or its head names the industry anywhere, else a name of its own (in_taxonomy false) where the
    grammar lets it stand; ``repeated``: a group kept elsewhere in the text, whatever addresses this reading."""
    if entry is not None and (repeated or found.addressed or found.anywhere):
        return Hit(found.start, found.end, "sectors", entry.id, entry)
    if entry is None and (repeated or found.own) and not found.taxonomy_only:
        return Hit(found.start, found.end, "sectors", f"outside:{found.name}",
                   outside_entry("sectors", found.name, found.rule), outside=True)
    return None


def outside_entry(kind: str, name: str, rule: str) -> Entry:
    """A stand-in entry of ``kind`` (institutions, tools, sectors) for a name the taxonomy lacks, read by a grammar's
    ``rule``: its name is the written (simplified) name."""
    return Entry(id=f"outside_{rule}", kind=kind, name=name, name_en=name, category="outside_taxonomy")


def _runs_past(org, hit: Hit) -> bool:
    """Whether a taxonomy sector starts inside the organisation's name and ends after it (中俄[科技创新])."""
    return hit.array == "sectors" and org.start < hit.start < org.end < hit.end


def _refines(found: ToolName, hit: Hit) -> bool:
    """Whether a grammar name refines the taxonomy tool ``hit`` inside it (绿色再贷款 over 再贷款)."""
    return hit.end == found.end and hit.entry.name in found.over


def refer_back(written: str, entry: Entry, earlier: list[Mention]) -> str:
    """The entry's name, or for a short form that refers back (专项再贷款) the latest earlier tool named with it."""
    if match_form(written) in map(match_form, entry.refers_back):
        for mention in reversed(earlier):
            if mention.name.endswith(written) and mention.name != written:
                return mention.name
    return entry.name


def allowed(text: str, start: int, end: int, entry: Entry) -> bool:
    """Boundary rules: ASCII names (LPR, MLF) stand alone; none of the entry's excluded contexts surrounds it."""
    name = text[start:end]
    if _ASCII_ALNUM.match(name[0]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
        return False
    if _ASCII_ALNUM.match(name[-1]) and end < len(text) and _ASCII_ALNUM.match(text[end]):
        return False
    if entry.kind == "institutions" and name.endswith("部") and text.startswith("门", end):
        return False  # 民政部门, 财政部门: departments in general, not the ministry
    if not context_allows(text, start, end, entry):
        return False
    for before, excluded, after in entry.exclude:
        if (match_form(excluded) == name and text.endswith(match_form(before), 0, start)
                and text.startswith(match_form(after), end)):
            return False
    return True


# how far back a context row's ``shape_before`` looks (a bond's year, 22 of 22万科MTN004)
_SHAPE_REACH = 8


@dataclass(frozen=True)
class _Context:
    names: frozenset[str]
    after: tuple[str, ...]
    gap: int
    always: bool
    # a row with ``list``: the after word may close a list the name starts (房地产、电力、磷化工板块)
    through_list: re.Pattern | None = None
    # a row with ``clause``: the name is no mention where one of these words is in its clause (遭到袭击的基础设施)
    clause: tuple[str, ...] = ()
    # a row with ``before``: the name is no mention right after one of these words; ``max_len``: names this long at most
    before: tuple[str, ...] = ()
    max_len: int = 0
    # a row with ``sentence_before``: no mention where one of these words stands before it in its sentence (经营范围);
    # with ``before_scope = "clause"``, in its clause (一家…的高新技术企业); such a word right after one of the
    # ``not_after`` words does not count (任何一家平台企业 is every platform firm)
    sentence_before: tuple[str, ...] = ()
    # a row with ``shape_before``/``shape_after``: the name is no mention where the text right before it ends with
    # the one and the text right after it starts with the other (22万科MTN004, a bond's short name)
    shape_before: re.Pattern | None = None
    shape_after: re.Pattern | None = None
    clause_scope: bool = False
    not_after: tuple[str, ...] = ()
    # a row with ``keep_in_sentence``: it does not apply where one of these words stands anywhere in the name's
    # sentence (an official act or a policy word: a plan or a ministry that targets the name keeps it a mention)
    keep_in_sentence: tuple[str, ...] = ()

    def covers(self, name: str) -> bool:
        """Whether the row speaks of this name: one of its ``names`` (any, without them), no longer than ``max_len``."""
        return (not self.names or name in self.names) and not (self.max_len and len(name) > self.max_len)

    def shaped(self, text: str, start: int, end: int) -> bool:
        """Whether the row has a shape and the name sits in it (both sides given match)."""
        if self.shape_before is None and self.shape_after is None:
            return False
        return (self.shape_before is None or self.shape_before.search(text[max(0, start - _SHAPE_REACH):start]) is not None) \
            and (self.shape_after is None or self.shape_after.match(text, end) is not None)


@functools.cache
def mention_contexts() -> dict[str, list[_Context]]:
    """The ``[[context]]`` rows of ``analyzer/rules/mentions.toml`` by taxonomy kind."""
    out: dict[str, list[_Context]] = {}
    for row in rulebook.rows("mentions", "context"):
        after = tuple(match_form(w) for w in row.get("after", ()))
        through = rulebook.regex(f"(?:{row['list']})(?:{rulebook.alternation(after)})") if "list" in row else None
        out.setdefault(row["kind"], []).append(_Context(
            frozenset(match_form(n) for n in row.get("names", ())), after, row.get("gap", 0), row.get("always", False),
            through, tuple(match_form(w) for w in row.get("clause", ())),
            tuple(match_form(w) for w in row.get("before", ())), row.get("max_len", 0),
            tuple(match_form(w) for w in row.get("sentence_before", ())),
            rulebook.regex(f"(?:{row['shape_before']})$") if "shape_before" in row else None,
            rulebook.regex(row["shape_after"]) if "shape_after" in row else None,
            row.get("before_scope") == "clause", tuple(match_form(w) for w in row.get("not_after", ())),
            tuple(match_form(w) for w in row.get("keep_in_sentence", ()))))
    return out


@functools.lru_cache(maxsize=16384)  # the names are the taxonomy's (automaton hits): a bounded set
def _covering(kind: str, name: str) -> tuple[_Context, ...]:
    """The ``[[context]]`` rows of ``kind`` that speak of ``name``, in order."""
    return tuple(context for context in mention_contexts().get(kind, ()) if context.covers(name))


def context_allows(text: str, start: int, end: int, entry: Entry) -> bool:
    """False where a context row says the name is no mention here (大消费板块, 《出口管制法》, 陆股通增仓)."""
    return not any(_refuses(text, start, end, context) for context in _covering(entry.kind, text[start:end]))


def _refuses(text: str, start: int, end: int, context: _Context) -> bool:
    """Whether this context row makes the name at ``text[start:end]`` no mention."""
    if context.keep_in_sentence and _sentence_has(text, start, end, context.keep_in_sentence):
        return False
    if any(text.endswith(word, 0, start) for word in context.before) or _before_has(text, start, context):
        return True
    if context.always or (context.through_list is not None and context.through_list.match(text, end)) \
            or context.shaped(text, start, end):
        return True
    if context.clause and _clause_has(text, start, end, context.clause):
        return True
    window = text[end:end + context.gap + max(map(len, context.after), default=0)]
    return context.through_list is None and any(
        window.find(word, 0, context.gap + len(word)) >= 0 for word in context.after)


def _before_has(text: str, start: int, context: _Context) -> bool:
    """Whether one of the row's ``sentence_before`` words stands before a name in its sentence (read at most 300
    characters back), or in its clause where the row's scope is the clause."""
    if not context.sentence_before:
        return False
    if context.clause_scope:
        left = clause_bounds(text, start, start)[0]
    else:
        left = sentence_start(text, start, floor=max(0, start - 300))
    return any(_stands(text, word, left, start, context.not_after) for word in context.sentence_before)


def _sentence_has(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` stands in the sentence around ``text[start:end]`` (read at most 300 characters
    either side)."""
    left = sentence_start(text, start, floor=max(0, start - 300))
    sentence = text[left:sentence_end(text, end, end + 300)]
    return any(word in sentence for word in words)


def _stands(text: str, word: str, left: int, right: int, not_after: tuple[str, ...]) -> bool:
    """Whether ``word`` stands in ``text[left:right]`` at least once right after none of ``not_after``."""
    at = text.find(word, left, right)
    while at >= 0:
        if not any(text.endswith(before, 0, at) for before in not_after):
            return True
        at = text.find(word, at + 1, right)
    return False


def _clause_has(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    left, right = clause_bounds(text, start, end)
    clause = text[left:right]
    return any(word in clause for word in words)


def resolve(hits: list[Hit]) -> tuple[list[Hit], dict[Hit, list[Hit]]]:
    """Keep the longest hits (per kind, and inside institutions across kinds); nest the hits they contain."""
    # the longest first; on a tie the taxonomy's entry before the grammar's reading, then the first found (the hits
    # deduplicated in their order: a set's order follows the hash seed, and two readings of one span, 道明 and 道明证券,
    # gave either name from run to run)
    order = sorted(dict.fromkeys(hits), key=lambda h: (-(h.end - h.start), -_OUTER[h.array], h.outside, h.start))
    kept = _KeptHits()
    nested: dict[Hit, list[Hit]] = {}
    for hit in order:
        blocker = next((k for k in kept.overlapping(hit) if blocks(k, hit)), None)
        if blocker is None:
            kept.add(hit)
        elif blocker.contains(hit) and not _same_place(blocker, hit):
            nested.setdefault(blocker, []).append(hit)
    for outer, inner in nested.items():
        inner.sort(key=lambda h: h.start)
    for hit in kept.hits:  # cross-kind hits inside a kept tool are nested there too
        if hit.array == "policy_tools":
            nested.setdefault(hit, []).extend(other for other in kept.overlapping(hit) if hit.contains(other))
            if not nested[hit]:
                del nested[hit]
    return sorted(kept.hits, key=lambda h: (h.start, -h.end)), nested



def _same_place(kept: Hit, other: Hit) -> bool:
    """Another reading of the kept hit's own span and kind (the grammar's 美国政府 beside the taxonomy's): not a
    name inside it, so not nested."""
    return (kept.start, kept.end, kept.array) == (other.start, other.end, other.array)


class _KeptHits:
    """Hits kept so far, in the order kept, indexed by the characters they cover (names are short), so that
    finding the kept hits a new one overlaps does not scan them all."""

    def __init__(self):
        self.hits: list[Hit] = []
        self.at: dict[int, list[int]] = {}

    def add(self, hit: Hit) -> None:
        for position in range(hit.start, hit.end):
            self.at.setdefault(position, []).append(len(self.hits))
        self.hits.append(hit)

    def overlapping(self, hit: Hit) -> list[Hit]:
        """The kept hits that overlap ``hit``, in the order they were kept."""
        found = {i for position in range(hit.start, hit.end) for i in self.at.get(position, ())}
        return [self.hits[i] for i in sorted(found)]


def overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def blocks(kept: Hit, hit: Hit) -> bool:
    """Whether an already kept (longer) hit suppresses ``hit``: same kind (unless kept keeps its inner
    names), or kept is an institution, or kept is a tool and ``hit`` an institution."""
    if kept.array == hit.array:
        return not (kept.entry.keep_inner and kept.contains(hit))
    if kept.array == "institutions":
        return True
    if kept.array == "policy_tools" and hit.array == "institutions":
        return True
    # a sector crossing a tool's edge is a misreading of one of them: keep the longer
    return not kept.contains(hit) and not hit.contains(kept)


def find_action(text: str, start: int, end: int, window: int = 12) -> str | None:
    """The action the tool's clause states: a verb before the name (nearest first), else one right after it."""
    verbs, implied = action_lexicon()
    name = text[start:end]
    if name in implied:
        return implied[name]
    left, right = clause_bounds(text, start, end)
    before = text[max(left, start - window):start]
    best = None
    for verb, action in verbs:
        at = before.rfind(verb)
        # the nearest verb wins, but a plain 开展/实施 gives way to a stated change (延续实施 is 延续)
        rank = (action != WEAK_ACTION, at + len(verb))
        if at >= 0 and (best is None or rank > best[0]):
            best = (rank, action)
    if best:
        return best[1]
    after = text[end:min(right, end + 6)]
    for verb, action in verbs:
        if verb in after:
            return action
    return None


# suffixes of tool-like names, and what may not start one (verbs and particles around a name)
_CANDIDATE_SUFFIX = rulebook.regex(r"(再贷款|再贴现|支持工具|支持计划|专项计划|互换便利|借贷便利|便利|工具|机制)")
_NAME_CHARS = rulebook.regex(r"[\u4e00-\u9fff]+$")
_GENERIC_PREFIX = ("长效", "工作", "体制", "协调", "激励", "约束", "考核", "传导", "形成", "定价", "市场化", "货币政策",
                   "政策", "金融", "融资", "保障", "风险", "创新", "管理", "联动", "沟通", "补充")
_LEADING = rulebook.regex(r"^.*(?:设立|创设|推出|新设|运用|通过|实施|延续|扩大|用好|发挥|加大|利用|包括|以及|开展|完善|"
                          r"优化|建立|健全|落实|发放|增加|下调|合并|并入|保持|其他|提供|根据|需要|其中|"
                          r"的|了|和|与|及|等|项|个|款|这|该|此)")


class CandidateFinder:
    """Tool-like names not in the taxonomy: the words before a tool suffix, up to a verb or particle."""

    def __init__(self, taxonomy: Taxonomy):
        self.known = {match_form(n) for e in taxonomy if e.kind == "tools" for n in e.names}

    def __call__(self, text: str, original: str, tool_hits: list[Hit]) -> list[Mention]:
        out = []
        ends = sorted(h.end for h in tool_hits)  # looked up, not read through for each suffix of a long document
        for match in _CANDIDATE_SUFFIX.finditer(text):
            index = bisect.bisect_right(ends, match.end())
            if index and ends[index - 1] == match.end():
                continue  # the name ends as a known tool does: 下调支农支小再贷款 is 支农支小再贷款
            left, _ = clause_bounds(text, match.start(), match.end())
            index = bisect.bisect_right(ends, match.start())  # the last tool that ends by the suffix
            left = max(left, match.start() - 14, ends[index - 1] if index else left)
            run = _NAME_CHARS.search(text, left, match.start())
            if run is None or run.end() != match.start():
                continue
            prefix = _LEADING.sub("", run.group())
            start = match.start() - len(prefix)
            name = text[start:match.end()]
            if len(prefix) < 2 or prefix in _GENERIC_PREFIX or match_form(name) in self.known:
                continue
            out.append(Mention(text=original[start:match.end()], start=start, end=match.end(),
                               name=name, extra={"kind": "policy_tools"}))
        return out


class _Dropped:
    """The gated sectors that nothing in their text addresses (``addressed_hits``), as a set and by the positions they
    cover: every hit of a long document asks about them."""

    def __init__(self, dropped: list[Hit]):
        self.hits = frozenset(dropped)
        self.at: dict[int, list[Hit]] = {}
        for d in dropped:
            for position in range(d.start, d.end):
                self.at.setdefault(position, []).append(d)

    def inside(self, hit: Hit) -> bool:
        """Whether a sector ``hit`` overlaps a dropped sector and starts no earlier without holding it whole: it reads
        the rest of the dropped one's words (能源 of 新能源行业), not a mention of its own; a name around the dropped
        one or before it (新型基础设施 around 基础设施) stays, as it won the overlap before (s26-sectorprec's
        machinery)."""
        return hit.array == "sectors" and any(not (hit.start <= d.start and d.end <= hit.end)
                                              for d in self.at.get(hit.start, ()))


def _list_item(text: str, hit: Hit) -> bool:
    """Whether ``hit`` is one of its entry's bare list words (``in_list``): it stands as an item of a list of groups
    (``listed`` let it through), which the list's sentence addresses."""
    return hit.array == "sectors" and match_form(text[hit.start:hit.end]) in {match_form(w) for w in hit.entry.in_list}
