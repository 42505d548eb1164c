"""How a claim's figures are read as a journalist meant them, before they are checked (words in claim_words.toml).

The pipeline reads a claim like any text; a claim's paraphrases need a little more: 翻番 is a growth rate, 破/逾/近
before a number make it a bound, 增长1.8倍 is growth of 180%, 恒指重挫13.22% is a fall, a base written in the claim
(比2019年末, 五年间) is kept for the multi-year check, and the words that say what a figure is about are kept for the
context search.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from decimal import Decimal
from pathlib import Path

from analyzer.check import multiyear
from analyzer.extract.places import place_words
from analyzer.normalize import to_simplified
from analyzer.records import Figure
from analyzer.taxonomy import load_taxonomy
from analyzer.taxonomy.series import place_key
from analyzer.text.pos import dictionary_places
from analyzer.text.sentences import sentence_start

WORDS_FILE = Path(__file__).with_name("claim_words.toml")


def _words(tables: list[dict], key: str = "words") -> list[str]:
    return [w for table in tables for w in table[key]]


@functools.cache
def claim_words() -> dict:
    """claim_words.toml, indexed: qualifier words, metric tails, rewrites, growth verbs, generic metrics, market
    moves, opposite words, measure readings, the institutions with figures of their own, the steps, and the words and
    settings of the search by context (``_context_entries``)."""
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    longest_first = lambda pairs: sorted(pairs, key=lambda p: -len(p[0]))  # noqa: E731
    return {"qualifiers": longest_first((w, q["qualifier"]) for q in data["qualifier"] for w in q["words"]),
            "tails": tuple(sorted(_words(data["metric_tail"]), key=len, reverse=True)),
            "rewrites": longest_first((w, r["growth"]) for r in data["rewrite"] for w in r["words"]),
            "growth_verbs": tuple(_words(data["growth_multiple"])),
            "generic": frozenset(_words(data["generic_metric"])),
            "moves": longest_first((w, m["sign"]) for m in data["move"] for w in m["words"]),
            "opposites": [tuple(pair) for o in data["opposite"] for pair in o["pairs"]],
            "comparison_changes": longest_first((base + verb, (c["sign"], c["comparison"])) for c in data["comparison_change"]
                                                for base in c["bases"] for verb in c["verbs"]),
            "measure_tails": tuple(sorted(_words(data["measure_tail"]), key=len, reverse=True)),
            **_reading_entries(data),
            "target_tails": tuple(t for row in data["statistic_target"] for t in row["tails"]),
            **_owner_entries(data), **_place_entries(data),
            "steps": _steps(data["step"]), **_context_entries(data), **_series_entries(data), **_count_entries(data),
            **_paraphrase_entries(data), **_date_entries(data)}


def _owner_entries(data: dict) -> dict:
    """The institutions with figures of their own (``own_figures``): taxonomy categories, the organisation grammar's
    families, names the grammar reads as nothing, stored names a claim writes, and role endings."""
    rows = data["own_figures"]
    return {"own_figures": frozenset(c for o in rows for c in o["categories"]),
            "own_families": frozenset(f for o in rows for f in o.get("families", ())),
            "stored_owner_min": min(o["stored_min"] for o in rows if "stored_min" in o),
            "legal_forms": tuple(f for o in rows for f in o.get("legal_forms", ())),
            "role_endings": [tuple(pair) for o in rows for pair in o.get("role_endings", ())], **_unread_entries(rows)}


def _unread_entries(rows: list[dict]) -> dict:
    """Names the organisation grammar reads as nothing alone that own their figures (``unread_own``): their shape
    and the endings of bodies that do not."""
    return {"unread_own": any(o.get("unread_own", False) for o in rows),
            "unread_pattern": re.compile(next(o["unread_pattern"] for o in rows if "unread_pattern" in o)),
            "unread_not_endings": tuple(w for o in rows for w in o.get("unread_not_endings", ()))}


def _place_entries(data: dict) -> dict:
    """A claim's place the extractor does not know: at its start (``unknown_place``), heading it before a colon
    (``headline_place``), inside it after its period (``inner_place``), and the words that name no place."""
    return {"unknown_place": re.compile(_union(data["unknown_place"], "pattern")),
            "headline_place": re.compile(_union(data["headline_place"], "pattern")),
            "headline_administrative": re.compile(_union(data["headline_place"], "administrative")),
            "not_places": frozenset(_words(data["unknown_place"], "not_places")),
            "inner_place": re.compile(_union(data["inner_place"], "pattern")),
            "not_place_endings": tuple(_words(data["unknown_place"], "not_endings")
                                       + _words(data["inner_place"], "not_endings")),
            "placed_names": data["placed_name"]}


def _reading_entries(data: dict) -> dict:
    """The measures and bases a claim's number may be read in by mistake: ``measure_reading`` rows (those with
    ``beside`` also for a figure beside the one the claim's words lead to) and ``base_slip`` rows."""
    return {"measure_readings": [(frozenset(m["claimed"]), frozenset(m["stored"]), m["slip"], tuple(m.get("named", ())))
                                 for m in data["measure_reading"]],
            "beside_readings": [(frozenset(m["claimed"]), frozenset(m["stored"]), m["slip"])
                                for m in data["measure_reading"] if m.get("beside")],
            "base_slips": {frozenset(b["bases"]): b["slip"] for b in data["base_slip"]}}


def _union(rows: list[dict], key: str) -> str:
    """One alternation of the rows' regular expressions under ``key``, each kept whole as a group."""
    return "|".join(f"(?:{row[key]})" for row in rows)


def _date_entries(data: dict) -> dict:
    """The rows of dates a claim or a stored figure leaves unwritten: a month written before an undated stored figure,
    a claim dated only by its own day, a quarter or month written without its year; and the least length of a head
    that names a statistic later in a sentence (``sentence_head``); the measures whose stored figure belongs to the
    statistic its sentence gives a level of in another unit (``other_unit_owner``)."""
    spans = {word: row["month"] for row in data["written_span"] for word in row["words"]}
    return {"written_month": re.compile(_union(data["written_month"], "pattern")),
            "written_span": (re.compile("|".join(sorted(map(re.escape, spans), key=len, reverse=True))), spans),
            "fiscal_period": re.compile(_union(data["fiscal_period"], "pattern")),
            "own_day_rules": frozenset(_words(data["own_day_period"], "rules")),
            "own_day_inherited": frozenset(_words(data["own_day_period"], "inherited")),
            "sentence_head": min(row["min_chars"] for row in data["sentence_head"]),
            "claim_tail": min(row["min_chars"] for row in data["claim_tail"]),
            "period_end_tail": min(row["min_chars"] for row in data["period_end_tail"]),
            "other_unit_measures": frozenset(_words(data["other_unit_owner"], "measures")),
            "undated_beside_growth": data["undated_beside_growth"],
            "not_before_growth": re.compile(_union(data["undated_beside_growth"], "not_before")),
            "undated_in_source": min(row["min_chars"] for row in data["undated_in_source"]),
            "source_sentence": data.get("source_sentence", []),
            "abridged_name": data.get("abridged_name", []),
            "bare_period_rules": frozenset(_words(data["bare_period"], "rules")),
            "bare_period_words": re.compile(_union(data["bare_period"], "words"))}


def _count_entries(data: dict) -> dict:
    """The ``kind_count`` rows: a journalist's words for counted kinds (N种价格 → N种产品价格) and the words after a
    whole the counts are out of (中有); the holidays, the verbs of using up, the measure rules that give a claim's
    measure by default (``unmarked_measure``) and the counters that count the same things (``same_counter``)."""
    return {"holidays": data["holiday"],
            "unmarked_measures": frozenset(rule for row in data["unmarked_measure"] for rule in row["rules"]),
            "used_share": tuple(w for r in data["used_share"] for w in r["words"]),
            "same_counters": frozenset(frozenset(g) for row in data["same_counter"] for g in row["groups"]),
            "kind_counts": [(w, r["name"]) for r in data["kind_count"] for w in r["words"]],
            "redundant_bound": re.compile("|".join(f"(?:{r['pattern']})" for r in data["redundant_bound"])),
            "bare_scale": re.compile(_union(data["bare_scale_currency"], "pattern")),
            "claim_currency": re.compile(_union(data["bare_scale_currency"], "currency")),
            "bare_scale_counted": tuple(_words(data["bare_scale_currency"], "counted")),
            "whole_words": tuple(w for r in data["kind_count"] for w in r["whole_words"]), **_phrase_entries(data)}


def _phrase_entries(data: dict) -> dict:
    """The phrases written as the releases write them before a claim is analyzed (``progress_share``, ``claim_phrase``;
    those marked ``first_reading`` only in the first reading) and the measures a count's change compares with by
    context (``count_change``)."""
    compiled = lambda rows: [(re.compile(r["pattern"]), r["name"]) for r in rows]  # noqa: E731
    phrases = data["progress_share"] + data["claim_phrase"]
    return {"progress_share": compiled(r for r in phrases if not r.get("first_reading")),
            "first_readings": compiled(r for r in phrases if r.get("first_reading")),
            "count_changes": frozenset(frozenset(pair) for row in data["count_change"] for pair in row["measures"])}


def _series_entries(data: dict) -> dict:
    """The series rows: catalogue categories compared across places, counters a level may go without, the filler
    words a claim puts inside a statistic's name, and a journalist's names of statistics (longest first)."""
    return {"placeless": frozenset(c for row in data["placeless_series"] for c in row["categories"]),
            "optional_counters": frozenset(_words(data["optional_counter"], "counters")),
            "metric_fillers": tuple(_words(data["metric_filler"])),
            "metric_prefixes": tuple(sorted(_words(data["metric_prefix"]), key=len, reverse=True)),
            "joint_names": _joint_names(data),
            "stored_bases": _stored_bases(data["stored_base"]),
            "guidance_clause": tuple(_words(data["guidance_clause"])),
            "guidance_clause_unless": tuple(_words(data["guidance_clause"], "unless")),
            "guidance_clause_claim": tuple(_words(data["guidance_clause"], "claim_expected")),
            "part_from": min(row["min_chars"] for row in data["named_part"]),
            "longhand_from": min(row["min_chars"] for row in data["longhand"]),
            "longhand_rest_ends": tuple(_words(data["longhand"], "rest_ends")),
            "short_in_release": min(row["min_chars"] for row in data["short_in_release"]),
            "attribution": re.compile(f"(?:^|(?<=[。！？]))(?:{_union(data['attribution'], 'pattern')})+"),
            "claim_names": sorted(((w, row["name"]) for row in data["claim_name"] for w in row["words"]
                                   if "when" not in row), key=lambda pair: -len(pair[0]))}


def _paraphrase_entries(data: dict) -> dict:
    """The rows written on the eighth writer's misses: names that are the release's only with a place or subject
    (``claim_name`` with ``when``), a company's statistic in short (``company_longhand``), a growth of a rate read
    against a step, forecasts that are no readings, owners a context match must name, wholes, subject counts."""
    return {"claim_names_when": [row for row in data["claim_name"] if "when" in row],
            "company_longhand": {w: tuple(row["series"]) for row in data["company_longhand"] for w in row["words"]},
            "growth_of_rate": frozenset(m for row in data["growth_of_rate"] for m in row["measures"]),
            "not_a_reading": tuple(_words(data["not_a_reading"])),
            "not_a_reading_verbs": tuple(_words(data["not_a_reading"], "verbs")),
            "guidance": tuple(sorted(_words(data["guidance"]), key=len, reverse=True)),
            "owner_named": any(o.get("owner_named", False) for o in data["own_figures"]),
            "whole_scope": data["whole_scope"], "part_scope": data["part_scope"],
            "subject_count": re.compile("|".join(f"(?:{r['pattern']})" for r in data["subject_count"]))}


def _context_entries(data: dict) -> dict:
    """The search by context's rows: stop words, aliases, the length from which a word counts as found in its parts,
    the marks that end a list item, the length from which a catalogued statistic written in a claim opens it, whether
    a claim without a period is judged on its own day's news, and the least frame of two names with other fillers."""
    fillers = data["another_filler"]
    return {"context_stop": frozenset(_words(data["context_stop"])),
            "aliases": _aliases(data["context_alias"]),
            "parts_from": min(row["min_chars"] for row in data["context_parts"]),
            "item_breaks": tuple(_words(data["context_item_break"], "marks")),
            "statement_breaks": tuple(_words(data["statement_break"], "marks")),
            "statement_chars": min(row["min_chars"] for row in data["statement_break"]),
            "named_from": min(row["min_chars"] for row in data["named_statistic"]),
            "own_day_context": any(row["by_context"] for row in data["undated_claim"]),
            "placed_context": any(row["by_context"] for row in data["placed_context"]),
            "national_claim": any(_flags(data["national_claim"], "placeless_only")),
            "unnamed_places": frozenset(_words(data["national_claim"], "unnamed_places")),
            "reported_within_days": max(row["days_after"] for row in data["undated_figure"]),
            "span_moves": {row["measure"]: row["max_days"] for row in data["span_move"]},
            "dated_first": frozenset(m for row in data["dated_first"] for m in row["measures"]),
            "wrong_period_reach": min(row["days"] for row in data["wrong_period_reach"]),
            "words_after_figure": max(row["max_chars"] for row in data["words_after_figure"]),
            "modifier_named": min(row["min_named"] for row in data["context_modifier"]),
            "context_heads": tuple(sorted(_words(data["context_modifier"], "heads"), key=len, reverse=True)),
            "distinct_heads": tuple(sorted(_words(data["distinct_heads"], "heads"), key=len, reverse=True)),
            "filler_frame": {"frame": min(row["min_frame"] for row in fillers),
                             "ends": min(row["min_ends"] for row in fillers)}}


def _flags(rows: list[dict], name: str) -> list[bool]:
    """Each row's ``name`` flag."""
    return [row[name] for row in rows]


def _steps(rows: list[dict]) -> list[tuple[re.Pattern, re.Pattern]]:
    """Each ``step`` row's words before the first reading and between the two, compiled."""
    return [(re.compile(row["before"]), re.compile(row["between"])) for row in rows]


def _aliases(groups: list[dict]) -> dict[str, tuple[str, ...]]:
    """Each word of a ``context_alias`` group → the group's other words."""
    return {w: tuple(o for o in g["words"] if o != w) for g in groups for w in g["words"]}


def not_a_reading(before: str) -> str | None:
    """"forecast" when the text right before a figure ends with a word of ``not_a_reading`` (预估为, 市场预期的), or
    with one and a verb of change (预估为增加)."""
    before = before.rstrip("约近超逾达仅 ")
    for verb in claim_words()["not_a_reading_verbs"]:
        before = before[:-len(verb)] if verb and before.endswith(verb) else before
    return "forecast" if before.endswith(claim_words()["not_a_reading"]) else None


def guidance(before: str) -> bool:
    """The text right before a figure ends with a word of ``guidance`` (营收预计约为): an expected figure."""
    return before.rstrip("约近超逾达仅 ").endswith(claim_words()["guidance"])


CLAUSE_MARKS = re.compile(r"[，,；;。：:！？!?]")
STATEMENT_MARKS = re.compile(r"[；;。！？!?]")


def forecast_clause(before: str, statement: bool = False) -> bool:
    """The figure's clause (``before``: its text up to the figure), or its whole ``statement`` (三星电子预计二季度营业利润
    …，销售额同比增长…: 预计 governs both clauses), has a forecast verb (``guidance_clause``: 市场预计…盈利同比增长23.6%):
    an expected figure. A stored statement of preliminary results (``unless``: 业绩初步数据，预计…) reports no
    forecast; a claim's clause (``statement``) states one with a modal word too (``claim_expected``: 每年可少付利息)."""
    words = claim_words()
    clause = (STATEMENT_MARKS if statement else CLAUSE_MARKS).split(before)[-1]
    if statement:
        return any(word in clause for word in words["guidance_clause"] + words["guidance_clause_claim"])
    if any(word in STATEMENT_MARKS.split(before)[-1] for word in words["guidance_clause_unless"]):
        return False
    return any(word in clause for word in words["guidance_clause"])


def opposite_direction(claim_before: str, stored_before: str) -> bool:
    """The claim says one direction word right before its number and the stored sentence its opposite
    (净卖出 vs 净买入)."""
    for a, b in claim_words()["opposites"]:
        for said, other in ((a, b), (b, a)):
            if said in claim_before and other in stored_before and said not in stored_before:
                return True
    return False


def _market_move(text: str, figure: Figure) -> Figure:
    """恒指重挫13.22%: a percentage read as a level after a verb of a market move is a change of that sign."""
    if figure.unit != "percent" or figure.measure not in ("rate", "other") or figure.value < 0:
        return figure
    sign = move_sign(text[max(0, figure.start - 3):figure.start].rstrip("超逾近约"))
    if sign is None:
        return figure
    high = None if figure.value_high is None else figure.value_high * sign
    return dataclasses.replace(figure, value=figure.value * sign, value_high=high, measure="growth_rate")


def _comparison_change(text: str, figure: Figure) -> Figure:
    """比上年提高0.03%: a percentage read as a level after a comparison and a verb of change is a change on that
    base (``comparison_change`` in claim_words.toml)."""
    if figure.unit != "percent" or figure.measure not in ("rate", "other", "level", "share") or figure.value < 0:
        return figure
    before = text[max(0, figure.start - 8):figure.start].rstrip("超逾近约了")
    for words, (sign, comparison) in claim_words()["comparison_changes"]:
        if before.endswith(words):
            high = None if figure.value_high is None else figure.value_high * sign
            return dataclasses.replace(figure, value=figure.value * sign, value_high=high, measure="growth_rate",
                                       comparison=comparison)
    return figure


def move_sign(before: str) -> int | None:
    """The sign of the market move a text ending in ``before`` states (重挫 → -1, 收涨 → 1), if any."""
    for word, sign in claim_words()["moves"]:
        if before.endswith(word):
            return sign
    return None


def _stored_bases(rows: list[dict]) -> list[tuple[re.Pattern, str, frozenset]]:
    """(pattern, comparison, stored comparisons it replaces) of the ``stored_base`` rows, their words and their
    pattern (较上年末, 较2021年末) alike; by default a base replaces a stored ``prev`` or none."""
    out = []
    for row in rows:
        written = [re.escape(w) for w in row["words"]] + ([row["pattern"]] if row.get("pattern") else [])
        replaces = frozenset(None if c == "none" else c for c in row.get("replaces", ["prev", "none"]))
        out.append((re.compile("|".join(written)), row["comparison"], replaces))
    return out


def _joint_names(data: dict) -> list[tuple[str, str]]:
    """(name looked up too, part of the claim's name it replaces): ``joint_name`` (产销 for 销量) and
    ``same_statistic`` (生产总值 for 地区生产总值)."""
    return [(row["joint"], part) for row in data["joint_name"] for part in row["parts"]] + \
        [(row["stored"], claimed) for row in data["same_statistic"] for claimed in row["claimed"]]


def read_stored_row(row: dict) -> dict:
    """A stored percentage the extractor read as a level though its sentence states a move (美元指数一度下挫超0.6%)
    is read as a change of that sign, and 提高2.88倍 as growth of 288%, as the claim's are; a change 較上年末 filed as
    against the previous reading is one since the year's start (``stored_base``)."""
    row = _used_share(_stored_base(row))
    offset = row["start"] - (row.get("sentence_start") or 0)
    before = (row.get("sentence") or "")[max(0, offset - 4):offset]
    if row.get("unit") == "times" and before.endswith(claim_words()["growth_verbs"]):
        high = row.get("value_high")
        return {**row, "unit": "percent", "measure": "growth_rate", "value": str(Decimal(str(row["value"])) * 100),
                "value_high": None if high is None else str(Decimal(str(high)) * 100)}
    if row.get("unit") != "percent" or row.get("measure") not in ("rate", "other") or str(row["value"]).startswith("-"):
        return row
    offset = row["start"] - (row.get("sentence_start") or 0)
    sign = move_sign((row.get("sentence") or "")[max(0, offset - 3):offset].rstrip("超逾近约"))
    if sign is None:
        return row
    value = str(row["value"]) if sign > 0 else f"-{row['value']}"
    high = row.get("value_high")
    if high is not None and sign < 0:
        high = f"-{high}"
    return {**row, "measure": "growth_rate", "value": value, "value_high": high}


def _stored_base(row: dict) -> dict:
    """A stored change against the previous reading, or against none, written right after a base word of its clause
    (``stored_base``: 较上年末, 较2021年末) is against that base."""
    if row.get("measure") not in ("change", "growth_rate"):
        return row
    offset = row["start"] - (row.get("sentence_start") or 0)
    before = (row.get("sentence") or "")[max(0, offset - 16):offset]
    before = before[max(before.rfind(mark) for mark in "，,；;。") + 1:]
    found = next((base for pattern, base, replaces in claim_words()["stored_bases"]
                  if row.get("comparison") in replaces and pattern.search(before)), None)
    return {**row, "comparison": found} if found else row


def _used_share(row: dict) -> dict:
    """A stored percentage after a verb of using up (新增额度已使用约两成) is the share used, not a growth rate
    (``used_share``)."""
    if row.get("unit") != "percent" or row.get("measure") != "growth_rate":
        return row
    offset = row["start"] - (row.get("sentence_start") or 0)
    return {**row, "measure": "rate"} if _after_using_up(row.get("sentence") or "", offset) else row


def _after_using_up(text: str, at: int) -> bool:
    """A verb of using up (``used_share``: 已使用, 已动用) ends right before ``at``, a qualifier (约, 超) aside."""
    return text[max(0, at - 6):at].rstrip("超逾近约").endswith(claim_words()["used_share"])


def _claimed_share(text: str, figure: Figure) -> Figure:
    """The claim's percentage after a verb of using up (已使用约两成) is the share used, as the stored one is."""
    if figure.unit != "percent" or figure.measure != "growth_rate":
        return figure
    return dataclasses.replace(figure, measure="rate") if _after_using_up(text, figure.start) else figure


def _holiday(text: str, figure: Figure) -> Figure:
    """A named holiday before the figure (2025年国庆中秋假期) in a claim the extractor dated to the whole year: the
    claim's period is the holiday's window of that year (``holiday``), which stored periods inside it answer."""
    period = figure.period
    if period is None or period.start[5:] != "01-01" or period.end[5:] != "12-31" or period.start[:4] != period.end[:4]:
        return figure
    before = text[:figure.start]
    row = next((h for h in claim_words()["holidays"] if any(w in before for w in h["words"])), None)
    if row is None:
        return figure
    year = period.start[:4]
    window = dataclasses.replace(period, start=f"{year}-{row['from']}", end=f"{year}-{row['to']}")
    return dataclasses.replace(figure, period=window)


def holiday_window(start: str, end: str) -> bool:
    """The claim's period is a holiday's window (``_holiday``)."""
    return any(start[5:] == h["from"] and end[5:] == h["to"] for h in claim_words()["holidays"])


def prepare_claim(text: str, names: bool = True) -> str:
    """The claim with 翻番-style words written as growth rates and (``names``) a journalist's names of statistics
    as the releases' (``claim_name``: 经济总量 → 国内生产总值) and the phrases read so first (``claim_phrase`` rows
    with ``first_reading``: 年末…，全年增加 → 比年初增加), ready for the pipeline."""
    words = claim_words()
    text = words["redundant_bound"].sub("", text)
    text = _bare_scale_currency(text)
    for pattern, name in words["progress_share"] + (words["first_readings"] if names else []):
        text = _sub_all(pattern, name, text)
    text = _names_when(text) if names else text
    return multiyear.rewrite(text, words["rewrites"] + words["kind_counts"] + (words["claim_names"] if names else []))


def _sub_all(pattern: re.Pattern, name: str, text: str) -> str:
    """``pattern`` replaced by ``name`` until nothing is left to replace (a list's items named one after another:
    ``claim_phrase`` ``currency_list``), at most eight times."""
    for _ in range(8):
        text, done = pattern.subn(name, text)
        if not done:
            break
    return text


def _bare_scale_currency(text: str) -> str:
    """A bare 亿/万亿 at a clause end takes the one currency the claim writes its other amounts in
    (``bare_scale_currency``: 1.3万亿元，比上年多发5000亿 → 5000亿元)."""
    words = claim_words()
    currencies = set(words["claim_currency"].findall(text))
    if len(currencies) != 1:
        return text
    currency, counted = currencies.pop(), words["bare_scale_counted"]

    def scaled(match: re.Match) -> str:  # a clause counting people (月活用户超3亿) writes a count, no amount
        clause = re.split(r"[，。；,;]", text[:match.start()])[-1]
        return match.group() if any(word in clause for word in counted) else match.group() + currency
    return words["bare_scale"].sub(scaled, text)


def _names_when(text: str) -> str:
    """A journalist's name that is the release's only where the claim names its place or subject (``claim_name``
    rows with ``when``: 美国…新增就业岗位 is 非农就业人数), and the counter the release counts it in (``counter``:
    5.7万个 jobs are 5.7万人)."""
    for row in claim_words()["claim_names_when"]:
        word = next((w for w in sorted(row["words"], key=len, reverse=True) if w in text), None)
        if word is None or not any(w in text for w in row["when"]):
            continue
        text = text.replace(word, row["name"])
        if "counter" in row:
            said, stored = row["counter"]
            text = re.sub(rf"(\d[\d.]*[万亿]?){said}", rf"\g<1>{stored}", text)
    return text


def read_claim_figure(text: str, figure: Figure, published: str | None = None) -> Figure:
    """The claim's figure as a journalist meant it: a bound after 破/逾/近 that the extractor left exact
    (破30万亿), the metric without the bound verb it took in (普惠小微贷款余额破 → 普惠小微贷款余额), 增长1.8倍 as a
    growth of 180%, and the base it compares with when one is written (比2019年末)."""
    figure = _comparison_change(text, _market_move(text, _growth_multiple(text, _claimed_share(text, _unmarked(figure)))))
    figure = _placed_name(_holiday(text, _unknown_place(text, figure)))
    base = multiyear.stated_base(text, figure, published)
    span = multiyear.span_base(figure.metric, figure.period)
    if span is not None:
        figure = dataclasses.replace(figure, metric=span[0])
        base = base or span[1]
    if base is not None:
        figure = dataclasses.replace(figure, extra={**figure.extra, "base": base.to_dict()})
    figure = dataclasses.replace(figure, metric=_statistic_of_target(_without_tails(_own_statement_metric(text, figure))))
    if figure.qualifier is not None or figure.value_high is not None:
        return figure
    before = text[max(0, figure.start - 3):figure.start]
    for word, qualifier in claim_words()["qualifiers"]:
        if before.endswith(word):
            return dataclasses.replace(figure, qualifier=qualifier)
    return figure


def _unknown_place(text: str, figure: Figure) -> Figure:
    """A figure the extractor gave no place, of a claim that opens with a place it does not know (``unknown_place``:
    昆山市2023年GDP增长5.2%), takes that place: the claim is not checked as a national one."""
    words = claim_words()
    found = words["unknown_place"].match(text) if figure.place is None else None
    place = next((group for group in found.groups() if group), None) if found else None
    if place is None or not _is_place(place) or found.end() > figure.start:
        return _headline_place(text, figure)
    return dataclasses.replace(figure, place=place)


def _placed_name(figure: Figure) -> Figure:
    """A metric a place of the country names otherwise than the nation (``placed_name``: a province's GDP is its
    地区生产总值)."""
    key = place_key(figure.place) or ""
    for row in claim_words()["placed_names"]:
        if key and figure.metric in row["words"] and (key in row["places"] or figure.place.endswith(tuple(row["endings"]))):
            return dataclasses.replace(figure, metric=row["name"])
    return figure


def _headline_place(text: str, figure: Figure) -> Figure:
    """A figure the extractor gave no place, of a claim headed by a place and a colon (``headline_place``:
    东莞：2021年进出口总额…; a known place, or an administrative name: 江门市：…), takes that place; else one written
    inside the claim before it (``_inner_place``)."""
    found = claim_words()["headline_place"].match(text) if figure.place is None else None
    if found is None or not _is_place(found.group("place")) or found.end() > figure.start:
        return _inner_place(text, figure)
    return dataclasses.replace(figure, place=found.group("place"))


def _is_place(word: str) -> bool:
    """A word of the place list, or one that ends as no market or generic zone does (``not_endings``) and is an
    administrative name (…市, …县, …区, …州, …盟) or a word jieba's dictionary tags a place (江门, 东京)."""
    words = claim_words()
    if word in place_words():
        return True
    return not word.endswith(words["not_place_endings"]) and word not in words["not_places"] and \
        (bool(words["headline_administrative"].match(word)) or word in dictionary_places())


def _known_inside(name: str) -> bool:
    """A known place written inside the name after its start (工行苏州 of 工行苏州分行): a word joined to a place,
    not a place the place list lacks."""
    return any(name.find(word, 1) > 0 for word in place_words())


def _inner_place(text: str, figure: Figure) -> Figure:
    """A figure the extractor gave no place, of a claim that writes an administrative name after its period or a
    mark, before the figure (``inner_place``: 2023年江门市居民人均可支配收入…), takes that place, and its metric
    loses it (顺德区规模以上工业增加值 → 规模以上工业增加值); not a known place's compound (``_known_inside``)."""
    if figure.place is not None:
        return figure
    for found in claim_words()["inner_place"].finditer(text, 0, figure.start):
        place = found.group("place")
        if _is_place(place) and place_key(place) and not _known_inside(place):
            metric = figure.metric or ""
            return dataclasses.replace(figure, place=place, metric=metric[len(place):] if metric.startswith(place)
                                       and len(metric) > len(place) + 1 else figure.metric)
    return figure


def _own_statement_metric(text: str, figure: Figure) -> str | None:
    """The figure's metric, unless the extractor carried it over from a statement before a mark that joins two
    (``statement_break``: …涉及资金约76亿美元；伯克希尔同日宣布以97亿美元…) and the figure's own statement writes
    enough before it to name its own subject: then none (the figure is looked for by its words)."""
    words = claim_words()
    if (figure.explain.get("metric") or {}).get("rule") != "generic-previous":
        return figure.metric
    start = sentence_start(text, figure.start)  # a ； of an earlier sentence joins nothing to this one
    mark = max(text.rfind(m, start, figure.start) for m in words["statement_breaks"])
    statement = text[mark + 1:figure.start] if mark >= 0 else ""
    own = re.sub(r"[\s\d.,，、%]", "", statement)
    named = (figure.metric or "") in to_simplified(statement)  # metrics are simplified; a claim may be traditional
    return None if len(own) >= words["statement_chars"] and not named else figure.metric


def _unmarked(figure: Figure) -> Figure:
    """A measure the extractor gave by default, from no word of the claim (``unmarked_measure``: an amount dated to a
    span read as a flow), is marked ``measure_unmarked``: stored amounts of any measure compare with it."""
    rule = (figure.explain.get("measure") or {}).get("rule")
    if rule not in claim_words()["unmarked_measures"] or figure.unit in ("percent", "count"):
        return figure
    return dataclasses.replace(figure, extra={**figure.extra, "measure_unmarked": True})


def _without_tails(metric: str | None) -> str | None:
    """The metric without the bound verbs it took in, however many (货物贸易进出口总值首破 → …总值)."""
    tails = claim_words()["tails"]
    while metric:
        tail = next((t for t in tails if metric.endswith(t) and len(metric) > len(t) + 1), None)
        if tail is None:
            break
        metric = metric[: -len(tail)]
    return metric


def _statistic_of_target(metric: str | None) -> str | None:
    """A target named by a catalogued statistic (``statistic_target``: 社零总额目标 → 社零总额): a work report writes
    the target as the statistic's own growth (预期目标…社会消费品零售总额增长6.5%)."""
    for tail in claim_words()["target_tails"]:
        rest = (metric or "")[:-len(tail)]
        if metric and metric.endswith(tail) and rest and load_taxonomy().lookup(rest, "metrics") is not None:
            return rest
    return metric


def _growth_multiple(text: str, figure: Figure) -> Figure:
    if figure.unit != "times" or not text[max(0, figure.start - 4):figure.start].endswith(claim_words()["growth_verbs"]):
        return figure
    return dataclasses.replace(figure, value=figure.value * 100, unit="percent", measure="growth_rate",
                               comparison=None)
