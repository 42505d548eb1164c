"""Verdicts for the figures of a claim against the figures in the store.

For each figure the pipeline finds in the claim, stored figures of the same series (metric key, see
``analyzer.taxonomy.series``), period, measure and unit are compared with it at the claim's stated precision and
qualifier:

- ``supported``: a stored figure agrees (35万亿 rounds 35.3万亿; 超过35万亿 is satisfied by 35.3万亿);
- ``contradicted``: stored figures for that metric and period disagree, with the slip named where one explains it
  (``analyzer.check.slips``: percent_vs_point, bp_vs_point, scale, direction, growth_as_level, level_as_growth,
  ytd_as_yoy, wrong_period, wrong_metric, or value);
- ``unverifiable``: nothing comparable stored; the nearest periods and metrics that are stored are listed.

Official reference series (``analyzer reference import … --rank official``) rank above news reports: when one is
stored for the claim's metric and period the verdict rests on it and says so. When the claim's metric names no
stored series but could mean several (各项贷款余额: 人民币 or 本外币), every candidate is listed and the verdict says
which it used; when the evidence is written under another name of the same series the reason is shown
(注释（不含农户）已忽略, 同一序列：范围词不同).

Every verdict cites its evidence (document, source, title, date, sentence, offsets, link, stored value) and explains
itself in one line of Chinese (``lang="zh"``) or English (``lang="en"``). A document without a title, source or date
is cited all the same, with the gap said plainly (来源不详, 日期不详).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from analyzer.check import context as ctx
from analyzer.check import multiyear
from analyzer.check import slips as sl
from analyzer.check.abridged import abridged_names
from analyzer.check.counts import check_counts
from analyzer.check.dates import dated_by_growth, other_fiscal_period, own_day_figures, written_elsewhen, year_ahead
from analyzer.check.messages import MESSAGES, clauses, listed, say
from analyzer.check.precision import fmt, half, human, interval
from analyzer.check.reading import (claim_words, forecast_clause, guidance, holiday_window, not_a_reading,
                                    opposite_direction, prepare_claim, read_claim_figure, read_stored_row)
from analyzer.check.rows import normalized_sentence, row_figure, series_key
from analyzer.check.siblings import undated_in_source
from analyzer.check.source import source_sentences
from analyzer.check.slips import SLIPS, agrees, same_number
from analyzer.check.steps import steps
from analyzer.extract.organizations import OrganizationFinder
from analyzer.pipeline import analyze
from analyzer.records import Figure, Period, Record
from analyzer.store import FigureQuery
from analyzer.taxonomy import load_taxonomy, place_key
from analyzer.taxonomy.series import match_series, merge_reasons, scoped_variants
from analyzer.normalize import normalize

VERDICTS = ("supported", "contradicted", "unverifiable")
MIN_OVERLAP = 0.6  # share of characters two metric keys must share to count as "similar"
SIMILAR_POOL = 50  # look-alike metric keys asked of the store before they are ranked here
MIN_CONTEXT_CHARS = 4  # characters of claim words a context match needs before it may contradict
PERCENT_AND_POINT = {"percent", "percentage_point"}
CONTEXT_SEARCHES = 3   # the claim's longest words tried, in turn, to find stored sentences by context
SHORT_NAMES = ("shorthand", "release_short", "longhand", "named_part")  # series chosen for a name that is not the claim's key
RANKS = ("official", "report")  # evidence ranks, best first: official reference series, then news reports
__all__ = ["SLIPS", "VERDICTS", "ClaimChecker", "Evidence", "Verdict", "any_contradicted", "check_claim",
           "row_figure"]


@dataclass
class Evidence:
    doc_id: str
    source: str | None
    title: str | None
    published: str | None
    sentence: str | None
    start: int
    end: int
    text: str
    value: str
    unit: str
    measure: str
    metric: str | None
    period: dict | None
    agrees: bool | None = None
    url: str | None = None
    rank: str = "report"
    value_high: str | None = None   # the upper end of a stored range (1万亿至2万亿元)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Verdict:
    figure: dict                    # the claim's figure: text, start, end, value, unit, measure, metric, key, period
    verdict: str                    # supported | contradicted | unverifiable
    explanation: str
    slip: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    sources_disagree: bool = False
    nearest_periods: list[dict] = field(default_factory=list)
    nearest_metrics: list[str] = field(default_factory=list)
    series: dict = field(default_factory=dict)   # key used, candidates, reasons the evidence is the same series
    basis: str | None = None                      # official | report: which evidence the verdict rests on

    def to_dict(self) -> dict:
        return {"figure": self.figure, "verdict": self.verdict, "slip": self.slip, "explanation": self.explanation,
                "basis": self.basis, "series": self.series,
                "sources_disagree": self.sources_disagree, "evidence": [e.to_dict() for e in self.evidence],
                "nearest_periods": self.nearest_periods, "nearest_metrics": self.nearest_metrics}


# --- helpers ---------------------------------------------------------------------------------------------------

_key = series_key


def _text(value) -> str | None:
    """A stored text value, or None when it is missing (None, empty, or a float NaN from a DataFrame)."""
    return value if isinstance(value, str) and value.strip() else None


def _day(published) -> str | None:
    """The date of a stored publication time as ISO (2025-05-26), whether stored as ISO or as an RSS-style
    'Mon, 29 Sep 2025 21:00:00 +0800'; None when missing; the text itself when it is neither."""
    if published is None or isinstance(published, float):  # a float is pandas' NaN for a missing date
        return None
    text = _text(str(published))
    if text is None or re.match(r"\d{4}-\d{2}-\d{2}", text):
        return text[:10] if text else None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return text


def same_period(claim: Period | None, start: str | None, end: str | None, published=None) -> bool:
    """Same inclusive dates; a stored figure without a period counts for the period its document's date falls in
    (降准0.5个百分点 in a story of 2025-05-07 is the May 2025 cut)."""
    if claim is None:
        return False
    if not end:
        day = _day(published)
        return bool(day) and (claim.start <= day <= claim.end or _reported_after(claim, day))
    return claim.start == (start or "")[:10] and claim.end == (end or "")[:10]


def _reported_after(claim: Period, day: str) -> bool:
    """A claim of one day and a document published in the days after it (``undated_figure`` in claim_words.toml):
    the story of 2019-01-24 reports 1月23日's operation, its 操作利率3.15% written without a date."""
    return claim.start == claim.end and claim.end < day and \
        _days(claim.end, day) <= claim_words()["reported_within_days"]


POINT_MEASURES = ("level", "rate", "share", "growth_rate")


def _at(claim: Period | None, row: dict) -> bool:
    """The row is for the claim's period. Levels, rates, shares and growth rates are readings at a date, so a
    point claim (2024年末) matches a stored reading that ends on that date even if its text gave a range (2024年)."""
    if not row.get("period_end") and row.get("measure") == "flow" and claim is not None and \
            (_day(row.get("published")) or "") < claim.end:
        return False  # a total over a period is not known before it ends (首贷户新增近190万户 of 12-29 is not 2023's)
    if same_period(claim, row.get("period_start"), row.get("period_end"), row.get("published")):
        return True
    if claim is None or not row.get("period_end"):
        return False
    if holiday_window(claim.start, claim.end):
        return claim.start <= str(row["period_start"])[:10] <= str(row["period_end"])[:10] <= claim.end
    if _span_move(claim, row):
        return False
    return _reading_at(claim, row["measure"], str(row["period_start"])[:10], str(row["period_end"])[:10])


def _span_move(claim: Period, row: dict) -> bool:
    """A move over a few days (本周累计下跌逾13%: a growth of no base over a span of at most ``max_days``) is no
    reading of the span's last day for a claim of one day (``span_move`` in claim_words.toml)."""
    days = claim_words()["span_moves"].get(row.get("measure"))
    start, end = str(row.get("period_start"))[:10], str(row.get("period_end"))[:10]
    return days is not None and claim.start == claim.end and not row.get("comparison") and start < end and \
        _days(start, end) < days


def _reading_at(claim: Period, measure: str | None, start: str, end: str) -> bool:
    """A stored figure with a period other than the claim's still answers for it: a change on a day of the claim's
    period, a rate on a day of the claim's month, a reading at the claim's date."""
    if measure == "change" and start == end:
        return claim.start <= end <= claim.end  # 10月21日 下调25个基点 is the change of October
    if measure == "rate" and _inside_month(claim, start, end):
        return True  # 1月 降到13.5%: the ratio from 1月15日 is January's too
    if measure not in POINT_MEASURES:
        return False
    point = claim.start == claim.end or start == end
    return point and claim.end == end


def _day_inside(claim: Period | None, row: dict) -> bool:
    """The row is a flow of one day inside the claim's longer period: an operation (开展1.45万亿元MLF操作 of 11-15)
    that a claim may give for its month (11月开展…). It may support the claim, never contradict it: a month's total
    is not one day's."""
    start, end = str(row.get("period_start") or "")[:10], str(row.get("period_end") or "")[:10]
    return claim is not None and claim.start < claim.end and row.get("measure") == "flow" and bool(end) \
        and start == end and claim.start <= end <= claim.end


def _inside_month(claim: Period, start: str, end: str) -> bool:
    """The claim names one month (or a part of one) and the stored reading lies inside it: a rate that changes
    within a month (降准 on 1月15日) has each of its values in that month."""
    return claim.start != claim.end and claim.start[:7] == claim.end[:7] and claim.start <= start <= end <= claim.end


def metric_variants(metric: str) -> list[str]:
    """The metric as written, and without a trailing 增速/降幅 (余额增速 12.5% is the growth rate of 余额;
    ``measure_tail`` in claim_words.toml), a filler word (``metric_filler``) or a leading 新一期 (``metric_prefix``),
    and under a joint name (汽车销量 → 汽车产销: ``joint_name``)."""
    out = [metric]
    for suffix in claim_words()["measure_tails"]:
        if metric.endswith(suffix) and len(metric) > len(suffix) + 1:
            out.append(metric[: -len(suffix)])
            break
    out += _without_fillers(out)
    out += _without_prefix(out)
    return out + [m.replace(part, joint) for m in out for joint, part in claim_words()["joint_names"] if part in m]


def _without_fillers(metrics: list[str]) -> list[str]:
    """The metrics without a filler word inside them (民营企业外贸进出口 → 民营企业进出口: ``metric_filler``)."""
    return [m.replace(w, "") for m in metrics for w in claim_words()["metric_fillers"] if w in m[1:]]


def _without_prefix(metrics: list[str]) -> list[str]:
    """The metrics without a leading 新一期 (``metric_prefix``, longest first)."""
    first = metrics[0]
    prefix = next((w for w in claim_words()["metric_prefixes"] if first.startswith(w) and len(first) > len(w) + 1), "")
    return [m[len(prefix):] for m in metrics if prefix and m.startswith(prefix)]


def _period_dict(start, end) -> dict | None:
    return {"start": start, "end": end} if end else None


def period_text(period: dict | Period | None, lang: str) -> str:
    if period is None:
        return say("period.none", lang)
    start, end = (period.start, period.end) if isinstance(period, Period) else (period["start"], period["end"])
    if start == end:
        return end
    return say("period.range", lang, start=start, end=end)


def _days(a: str, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10 ** 6


def _within_reach(period: Period, row: dict) -> bool:
    """The row's period ends within ``wrong_period_reach`` days of the claim's period (or the row has none): another
    period of the series a writer may have mixed up with the claim's."""
    end = str(row.get("period_end") or "")
    reach = claim_words()["wrong_period_reach"]
    return not end or min(_days(end, period.start), _days(end, period.end)) <= reach or period.start <= end <= period.end


def _overlap(a: str, b: str) -> float:
    """Share of characters the two metric keys have in common (for 'did you mean this metric')."""
    if not a or not b:
        return 0.0
    common = sum(min(a.count(c), b.count(c)) for c in set(a))
    return common / max(len(a), len(b))


def _sources_disagree(rows: list[dict]) -> bool:
    """Different documents give different values (one story's before-and-after pair is not a disagreement)."""
    by_doc: dict[str, set] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], set()).add(Decimal(str(row["value"])))
    return len(by_doc) > 1 and len({frozenset(v) for v in by_doc.values()}) > 1


def _subject(metric: str, measure: str | None, lang: str) -> str:
    """普惠小微贷款余额的增速 / the growth rate of 普惠小微贷款余额 (``subject.MEASURE`` in messages.toml)."""
    if not metric:
        return say("figure.unnamed", lang)
    key = f"subject.{measure}"
    return say(key if MESSAGES.has(key) else "subject.plain", lang, metric=metric)


def _stored(row: dict) -> str:
    """The stored value as the source gave it: a range (1万亿至2万亿元) as LOW—HIGH, never its low end alone."""
    low = human(Decimal(str(row["value"])), row["unit"])
    high = row.get("value_high")
    return low if high is None else f"{low}—{human(Decimal(str(high)), row['unit'])}"


def _signed(value: Decimal, unit: str, lang: str) -> str:
    """上升0.2% / 下降0.2% (a rise of 0.2% / a fall of 0.2%)."""
    return say("signed.fall" if value < 0 else "signed.rise", lang, amount=human(abs(value), unit))


def _basis(rank: int) -> str:
    """The evidence a verdict rests on: official statistics (rank 0) or news reports."""
    return "official" if rank == 0 else "report"


def _short_for(short: str, key: str) -> bool:
    """``short`` names ``key`` in short: its end (获贷率 for 普惠小微贷款获贷率), or all of it but a word of up to
    two characters (美国10年期国债收益率 for 美国10年期基准国债收益率)."""
    if key.endswith(short):
        return True
    if len(key) - len(short) > 2:
        return False
    rest = iter(key)
    return all(ch in rest for ch in short)


GENERIC_CATEGORIES = ("company",)  # catalogue categories whose figures belong to whoever the sentence names


def _unnamed_near(candidate) -> bool:
    """A stored series is overridden only by a figure the extractor named no metric for, that the claim's words
    lead to."""
    return candidate.near and len(candidate.row.get("metric") or "") < 2


def _may_override(candidate, guessed: bool) -> bool:
    """A figure found by context may stand for a disagreeing stored series: one without a metric of its own
    (``_unnamed_near``), or, when the series was guessed from a short name, any the claim's words lead to."""
    return _unnamed_near(candidate) or (guessed and candidate.near)


def _of_claim_place(claim: Figure, row: dict, documents: set[str] | None, said: str = "") -> bool:
    """A figure found by context may support or contradict a claim that names a place only where it is that place's:
    stored with it, or stored with no place in one of the ``documents`` that name the place (``placed_context``:
    浦东's GDP, its 浦东 no place to the extractor, is no figure of 北京's; the nation's 39218元 is no figure of 广东's);
    any, where the store cannot search its texts (``documents`` None)."""
    if not claim.place:
        return _of_nation(row, said or claim.metric or "")
    if not claim_words()["placed_context"] or documents is None:
        return True
    where, stored = place_key(claim.place), place_key(row.get("place"))
    return stored == where or (stored is None and row["doc_id"] in documents)


def _contradicting(claim: Figure, found: list, words: list[str]) -> tuple[dict, str] | None:
    """The figure that contradicts the claim by context: it needs more than one short word in common (均价 alone
    names nothing)."""
    return _led_to(claim, found) if _enough_words(words) else None


def _enough_words(words: list[str]) -> bool:
    return sum(len(w) for w in words) >= MIN_CONTEXT_CHARS


def _same_kind(claim: Figure, row: dict) -> bool:
    return sl.units_comparable(claim, row["unit"], row.get("counter")) and \
        sl.measures_compatible(claim, row["measure"], row["unit"], loose=True) and \
        sl.comparisons_agree(claim, row.get("comparison"), row.get("period_end"))


def _led_to(claim: Figure, found: list) -> tuple[dict, str] | None:
    """The stored figure the claim's words lead to and the slip it shows; one a slip explains comes first."""
    near = [c.row for c in found if c.near and not c.excluded]
    for row in near:
        named = sl.cross_measure_slip(claim, row_figure(row), row.get("period_end")) if not _same_kind(claim, row) \
            else sl.comparable_slip(claim, row_figure(row))
        if named:
            return row, named
    beside = _beside_reading(claim, near, found)
    if beside:
        return beside
    same = [row for row in near if _same_kind(claim, row)]
    return (same[0], "value") if same else None


def _beside_reading(claim: Figure, near: list[dict], found: list) -> tuple[dict, str] | None:
    """A figure in the sentence of one the claim's words lead to, of another measure that the claim's number writes
    (``measure_reading`` rows with ``beside``: 比上年增加15.9万户 where the sentence has 1326万户，同比增长15.9%)."""
    for row in near:
        for other in (c.row for c in found if not c.near and not c.excluded):
            if other["doc_id"] != row["doc_id"] or other.get("sentence_start") != row.get("sentence_start") or \
                    not sl.same_written(claim, row_figure(other)):
                continue
            for claimed, stored, slip in claim_words()["beside_readings"]:
                if claim.measure in claimed and other["measure"] in stored:
                    return other, slip
    return None


def _qualified(claim: Figure, row: dict) -> bool:
    """A stored figure of a catalogued statistic (进出口) whose sentence names, in the same item, the rest of the
    claim's metric (民营企业进出口): 其中，民营企业保持…地位，进出口19万亿元 is the private firms' trade, though the
    extractor named it 进出口. Only when nothing else of that statistic, nor an item break (；), lies between."""
    key, own = _key(claim.metric) or "", row["metric_key"] or ""
    if len(key) <= len(own) + 1 or not key.endswith(own):
        return False
    sentence = normalized_sentence(row)
    before = sentence[:max(0, row["start"] - (row.get("sentence_start") or 0))]
    at = before.rfind(key[:-len(own)])
    return at >= 0 and "；" not in before[at:] and before[at:].count(own) <= 1


def _of_place(rows: list[dict], place: str | None, key: str | None, naming, said: str = "") -> list[dict]:
    """The stored figures of the claim's place (天津外贸进出口… is checked on Tianjin's; a claim with no place on the
    national ones), those of documents that name the place (``naming``) where it has none (``placed_context``: before,
    all of them), or all where the series is one whatever its place (``placeless_series``: 恒生指数 is 香港恒生指数)."""
    entry = load_taxonomy().lookup(key, "metrics") if key else None
    if entry is not None and entry.category in claim_words()["placeless"]:
        return rows
    where = place_key(place)
    mine = [row for row in rows if place_key(row.get("place")) == where]
    if mine or not place:
        return mine or _national(rows, said or key or "")
    documents = naming(place) if claim_words()["placed_context"] else None
    return [row for row in rows if documents is None or row["doc_id"] in documents]


def _national(rows: list[dict], said: str) -> list[dict]:
    """The rows that may answer a claim figure with no place, where none is the nation's (``_of_nation``)."""
    return [row for row in rows if _of_nation(row, said)]


def _of_nation(row: dict, said: str) -> bool:
    """A stored figure may answer a claim figure with no place (the nation's) when it has no place, when the claim
    (``said``) writes its place (韩国…；国民年金6月净卖出…), or when its place only refers back (该市: whose, the
    checker cannot tell) (``national_claim``: 江苏's 7.6% is no national growth rate)."""
    stored = row.get("place")
    return not stored or not claim_words()["national_claim"] or stored in claim_words()["unnamed_places"] or \
        not _of_the_country(stored) or any(name and name in said for name in (stored, place_key(stored)))


def _of_the_country(place: str) -> bool:
    """A province, city or county (``placed_name``'s places and endings): a claim naming no place in a Chinese text is
    the nation's, not theirs; another country's figure (美国's 非农就业人数, 德国's DAX指数) may be a statistic only that
    country has, so it is left as before."""
    key = place_key(place) or ""
    return any(key in row["places"] or place.endswith(tuple(row["endings"])) for row in claim_words()["placed_names"])


def _other_place(claim: Figure, rows: list[dict]) -> dict | None:
    """The row of ``rows`` that is the claim's statistic stored for another place, or for a place where the claim
    names none (上海和北京居民人均可支配收入分别达到78027元和75002元: 75002元 quoted for 上海 is 北京's, a wrong value
    of the same statistic: W14's gold)."""
    where = place_key(claim.place)
    return next((r for r in rows if r.get("place") and place_key(r["place"]) != where
                 and r.get("metric") == claim.metric), None)


def _catalogued(key: str | None) -> bool:
    """The key is a statistic of the series catalogue (metrics.toml) that is the same whoever reports it: its
    figures are found by key, never by context."""
    entry = load_taxonomy().lookup(key, "metrics") if key else None
    return entry is not None and entry.category not in GENERIC_CATEGORIES


def _generic(key: str | None) -> bool:
    """A metric of whoever the sentence names (股价, 营业收入): found by context, not by key."""
    entry = load_taxonomy().lookup(key, "metrics") if key else None
    return bool(key) and (key in claim_words()["generic"] or (entry is not None and entry.category in GENERIC_CATEGORIES))


def _short_keys(key: str, rows) -> set[str]:
    return {r["metric_key"] for r in rows if r["metric_key"] and r["metric_key"] != key and _short_for(key, r["metric_key"])}


def _undated(row: dict) -> bool:
    """A figure with no period from a document with no date (news items stored without metadata)."""
    return not row.get("period_end") and not _text(None if row.get("published") is None else str(row["published"]))


def _read_undated(claim: Figure, basis: list[dict], dated: bool) -> bool:
    """A claim without a period (and not read at its own date) against figures of stated periods."""
    return claim.period is None and not dated and any(r.get("period_end") for r in basis)


def _comparable(claim: Figure, rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The rows at the claim's period, and those of them comparable with it (measure, unit, comparison). When
    nothing dated is, undated figures (no period, no document date) are taken: they may be of any time."""
    def comparable_of(candidates: list[dict]) -> list[dict]:
        return [r for r in candidates if sl.measures_compatible(claim, r["measure"], r["unit"])
                and sl.units_comparable(claim, r["unit"], r.get("counter"))
                and sl.comparisons_agree(claim, r.get("comparison"), r.get("period_end"))]
    at_period = [r for r in rows if claim.period is None or _at(claim.period, r)]
    comparable = _dated_first(claim.period, comparable_of(at_period))
    if not comparable and claim.period is not None:
        undated = [r for r in rows if _undated(r) and not written_elsewhen(claim.period, r)]
        if comparable_of(undated):
            return at_period + undated, comparable_of(undated)
        inside = [r for r in comparable_of([r for r in rows if _day_inside(claim.period, r)])
                  if agrees(claim, row_figure(r))]
        if inside:
            return at_period + inside, inside
    return at_period, comparable


def _dated_first(period: Period | None, rows: list[dict]) -> list[dict]:
    """Where a flow stored with the claim's own period is among ``rows``, the flows stored without a period that
    count only by their document's date are left out (``dated_first``)."""
    measures = claim_words()["dated_first"]
    named = [r for r in rows if r.get("period_end") and r.get("measure") in measures]
    if period is None or not any(same_period(period, r.get("period_start"), r.get("period_end")) for r in named):
        return rows
    return [r for r in rows if r.get("period_end") or r.get("measure") not in measures]


def _left_out(period: Period | None, row: dict) -> bool:
    """A flow stored without a period that ``_dated_first`` leaves out for a claim of a span: another span's."""
    return period is not None and period.start != period.end and not row.get("period_end") and \
        row.get("measure") in claim_words()["dated_first"]


def own_names(text: str) -> frozenset[str]:
    """The institutions with figures of their own (``own_figures`` in claim_words.toml: banks, firms) that a claim's
    ``text`` names, by canonical name."""
    return frozenset(name for _, name in own_spans(text))


def own_spans(text: str) -> list[tuple[int, str]]:
    """(start, canonical name) of each institution with figures of its own that ``text`` names."""
    return [(m.start, name) for m in analyze(text, doc_id="claim").institutions
            if (name := _own_name(_without_role(text, m)))]


def names_before_statement_end(text: str, start: int, spans: list[tuple[int, str]]) -> frozenset[str]:
    """The names (``own_spans``) written before the end of the statement holding ``start`` (``statement_break``):
    a firm named in a later statement is not the subject of an earlier one's figure (印尼综合指数暴跌8%；SK海力士…:
    the 8% is no figure of SK海力士's), one named before or in the figure's own is."""
    ends = [at for mark in claim_words()["statement_breaks"] if (at := text.find(mark, start)) >= 0]
    end = min(ends, default=len(text))
    return frozenset(name for at, name in spans if at < end)


def _without_role(text: str, mention) -> str:
    """The mention's name, less an ending that the word after it shows to be a role's (``role_endings``:
    海利生物控股股东 is 海利生物's 控股股东, not a firm 海利生物控股)."""
    for ending, after in claim_words()["role_endings"]:
        if mention.name == mention.text and mention.text.endswith(ending) and text.startswith(after, mention.end) \
                and len(mention.text) > len(ending) + 1:
            return mention.text[:-len(ending)]
    return mention.name


def _owned_by(owners: frozenset[str], names: frozenset[str]) -> bool:
    """One of ``owners`` is one of the claim's ``names``, or its legal name (``legal_forms``: 江苏澄远电子科技股份有限
    公司 is 澄远电子's, the short name written inside it), or begins or ends one of the claim's names the taxonomy
    lacks (AMD of a claim's AMD日内, a name the grammar ran on into a time word)."""
    forms = claim_words()["legal_forms"]
    return bool(owners & names) or any(o.endswith(forms) and n in o for o in owners for n in names) or \
        any(_unlisted(n) and (n.startswith(o) or o.startswith(n)) for o in owners for n in names)


def _unlisted(name: str) -> bool:
    return load_taxonomy().lookup(name) is None and not load_taxonomy().branch_bank(name)


def stored_owners(store, text: str) -> list[tuple[int, str]]:
    """(start, name) of the firms outside the taxonomy that the store's documents name and ``text`` writes
    (``stored_owner_min`` characters or more): 开立医疗 of 2025年，开立医疗归属于…净利润, a firm the claim's own words
    do not show."""
    finder, least = getattr(store, "names_within", None), claim_words()["stored_owner_min"]
    names = sorted(n for n in finder(text) if len(n) >= least and _own_name(n)) if finder else []
    return [(text.find(n), _own_name(n)) for n in names]


def own_of(names) -> frozenset[str]:
    """Those of ``names`` (institution names) that have figures of their own, by canonical name; a bank's branch
    under its bank's canonical name (工行苏州分行 → 中国工商银行苏州分行: the branch's figures are the branch's,
    convention of 2026-12-07)."""
    return frozenset(filter(None, map(_own_name, names)))


def _own_name(name: str) -> str | None:
    taxonomy, own = load_taxonomy(), claim_words()["own_figures"]
    entry = taxonomy.lookup(name)
    if entry is not None:
        return entry.name if entry.category in own else None
    found = taxonomy.branch_bank(name)
    if found:
        return found[0].name + name[found[1]:] if found[0].category in own else None
    return name if _unlisted_owner(name) else None


@functools.cache
def _organizations() -> OrganizationFinder:
    return OrganizationFinder()


@functools.cache
def _unlisted_owner(name: str) -> bool:
    """A name the taxonomy lacks that the organisation grammar reads whole as one of the ``own_families`` (a firm:
    晓鸣股份, 新希望; not a body: 北京市住房和城乡建设委员会), or, with ``unread_own``, that it reads as nothing on
    its own and that ends as no body does (世茂能源, a firm the extractor read as the subject of company news; not
    国家外管局)."""
    found = _organizations()(name)
    if not found:
        words = claim_words()
        return words["unread_own"] and bool(words["unread_pattern"].match(name)) \
            and not name.endswith(words["unread_not_endings"])
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(name) and \
        found[0].family in claim_words()["own_families"]


def _head_after(other: dict, row: dict, names: tuple[str, ...]) -> bool:
    """``other`` follows ``row`` in its sentence, named by the head of ``row``'s name or the claim's (``sentence_head``:
    下半年收入为0.82亿元 after AI相关年度收入达1.16亿元)."""
    key = other.get("metric_key") or ""
    return other["doc_id"] == row["doc_id"] and other.get("sentence_start") == row.get("sentence_start") and \
        other["start"] > row["start"] and len(key) >= claim_words()["sentence_head"] and \
        any(name != key and name.endswith(key) for name in names)


def _claim_tail(other: dict, claim_key: str) -> bool:
    """``other`` is named by the end of the claim's metric, at least ``claim_tail`` characters (留抵退税款 of the
    claim's 退到纳税人账户的留抵退税款): the claim's statistic under the release's shorter name."""
    key = other.get("metric_key") or ""
    return len(key) >= claim_words()["claim_tail"] and key != claim_key and claim_key.endswith(key)


def _period_end_tail(claim: Period | None, other: dict, claim_key: str) -> bool:
    """``other`` is of the last part of the claim's cumulative period (2021年11月 of 1—11月) and named by the end of
    the claim's metric (净利润, ``period_end_tail``): the claim's statistic for that part alone."""
    key = other.get("metric_key") or ""
    start, end = other.get("period_start"), other.get("period_end")
    return claim is not None and bool(start) and end == claim.end and start > claim.start and \
        len(key) >= claim_words()["period_end_tail"] and key != claim_key and claim_key.endswith(key)


def _is_level(measure: str | None) -> bool:
    """A measure of a level, neither one of ``other_unit_owner``'s measures (a growth) nor a change."""
    return bool(measure) and measure not in claim_words()["other_unit_measures"] and measure != "change"


def _level_beside(other: dict, row: dict) -> bool:
    """``other`` is a level of ``row``'s metric in ``row``'s sentence (销售生猪8101头 beside its growth -59.2%)."""
    return other["doc_id"] == row["doc_id"] and other.get("sentence_start") == row.get("sentence_start") and \
        other["metric_key"] == row["metric_key"] and _is_level(other["measure"])


def _step_comparable(claim: Figure, change: Figure) -> bool:
    """A claimed change and a step compare in one unit, points with basis points, and percent with points (the
    percent-for-points slip)."""
    return sl.units_comparable(claim, change.unit, claim.counter) or {claim.unit, change.unit} == PERCENT_AND_POINT


def _steps_of(claim: Figure, rows: list[dict]) -> list:
    """The steps the rows write that a claimed change compares with, at its period; for a growth of a rate in
    percent (``_growth_for_step``) only the steps in points with its number."""
    if claim.measure != "change" and not _growth_for_step(claim):
        return []
    found = [s for s in steps(rows, claim_words()["steps"]) if _step_comparable(claim, s.change)
             and (claim.period is None or _at(claim.period, s.new))]
    if claim.measure != "change":
        found = [s for s in found if s.change.unit == "percentage_point" and sl.same_digits(claim, s.change)]
    return found


def _growth_for_step(claim: Figure) -> bool:
    """A growth rate in percent claimed of a rate (降准后…存款准备金率下降0.5%) may be the step in points the stored
    readings write (由9.4%降至8.9%): ``growth_of_rate`` in claim_words.toml."""
    return claim.measure in claim_words()["growth_of_rate"] and claim.unit == "percent"


def _step_slip(claim: Figure, change: Figure) -> str:
    if {claim.unit, change.unit} == PERCENT_AND_POINT:
        return "percent_vs_point" if sl.same_digits(claim, change) else "value"
    return sl.comparable_slip(claim, change) or "value"


def _any_agrees(claim: Figure, rows: list[dict]) -> bool:
    return any(agrees(claim, row_figure(r)) for r in rows)


def _one_key(claim: Figure, rows: list[dict]) -> str | None:
    """The one metric key of the rows comparable with the claim (None when none or several)."""
    keys = {r["metric_key"] for r in _comparable(claim, rows)[1]}
    return next(iter(keys)) if len(keys) == 1 else None


def _named_part(stored: str, key: str, before: str, named: list[str]) -> bool:
    """The stored key is a part and the claim's key (深加工肉制品板块销售收入 for 销售收入), the part written in the
    claim ``before`` the figure and in no other figure's name (``named``)."""
    part = stored[:-len(key)] if stored.endswith(key) else ""
    return len(part) >= claim_words()["part_from"] and part in before and not any(part in m for m in named)


def _same_bound(claim: Figure, row: dict) -> bool:
    """An exact claim number traces any stored one; a bound (不高于3.2%) only the same bound."""
    return claim.qualifier not in ("over", "under") or row.get("qualifier") == claim.qualifier


def _one_other_metric(claim: Figure, rows: list[dict], qualified: bool = False) -> list[dict]:
    """Rows of the evidence's documents that name the metric an exact claim number belongs to: only when one
    metric has it (0.3% for both DAX and SENSEX names none; 逾一成 is a bound, not a number to trace, unless
    ``qualified``: the rows were chosen for the claim's own bound); a company's figure (股价, 营业收入) only in another
    company figure (净利润), not in an index's move."""
    exact = (qualified or claim.qualifier not in ("over", "under")) and claim.value_high is None
    if _generic(_key(claim.metric)):  # a company's figure is mistaken for another figure of a company, not a market's
        rows = [r for r in rows if _generic(r["metric_key"])]
    return rows if exact and len({_longhand(r["metric_key"]) for r in rows}) == 1 else []


def _longhand(key: str) -> str:
    """A company's statistic in short and in full are one metric (净利润 of a digest's headline and 归属于上市公司股东
    的净利润 of its item: ``company_longhand``)."""
    return next(iter(claim_words()["company_longhand"].get(key, ())), key)


@dataclass
class SeriesChoice:
    """The stored series a claim's figure is checked against, and the others it could have meant."""
    key: str
    rows: list[dict]
    candidates: list[str] = field(default_factory=list)
    chosen_because: str | None = None   # agrees | comparable | stored


# --- the checker -----------------------------------------------------------------------------------------------

class ClaimChecker:
    """Checks claim figures against one store; build once per store (it caches document metadata)."""

    def __init__(self, store, lang: str = "zh"):
        self.store = store
        self.lang = lang
        self._docs: dict[str, dict] | None = None
        self._owners: dict[int, frozenset[str]] = {}  # figure id → the banks and firms it belongs to
        self._documents: dict[str, list[dict]] = {}  # doc_id → its stored figures (rows as the store gives them)
        self._owner_documents: tuple[frozenset[str], set[str] | None] = (frozenset(), None)  # names → docs naming one
        self._place_documents: dict[str, set[str]] = {}  # place → docs naming it (placed_context)
        self.others_rows: list[dict] = []               # the series' rows of banks and firms the claim does not name
        self.claim_text: str | None = None          # the claim (for finding figures by context)
        self.claim_names: frozenset[str] = frozenset()  # the banks and firms it names (own_names)
        self.claim_published: str | None = None     # the claim's date (a claim without a period is of that day)
        self.claim_figures: list[Figure] = []
        self.own_days: set[int] = set()                 # starts of figures dated only by the claim's day (dates.py)

    # evidence
    def document(self, doc_id: str) -> dict:
        """Title, url and rank of a stored document (None where missing; rank ``official`` or ``report``)."""
        if self._docs is None:
            frame = self.store.documents()
            self._docs = {}
            for row in frame.to_dict("records") if len(frame) else []:
                meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
                rank = meta.get("rank") if meta.get("rank") in RANKS else "report"
                self._docs[row["doc_id"]] = {"title": _text(row.get("title")), "url": _text(row.get("url")),
                                             "rank": rank}
        return self._docs.get(doc_id, {"title": None, "url": None, "rank": "report"})

    def title(self, doc_id: str) -> str | None:
        return self.document(doc_id)["title"]

    def rank(self, row: dict) -> int:
        return RANKS.index(self.document(row["doc_id"])["rank"])

    def evidence(self, row: dict, claim: Figure | None = None, factor: Decimal = Decimal(1)) -> Evidence:
        doc = self.document(row["doc_id"])
        return Evidence(doc_id=row["doc_id"], source=_text(row.get("source")), title=doc["title"],
                        published=_day(row.get("published")), sentence=row.get("sentence"),
                        start=row["start"], end=row["end"], text=row["text"], value=str(row["value"]),
                        unit=row["unit"], measure=row.get("measure"), metric=row.get("metric"),
                        period=_period_dict(row.get("period_start"), row.get("period_end")),
                        agrees=None if claim is None else agrees(claim, row_figure(row), factor),
                        url=doc["url"], rank=doc["rank"],
                        value_high=None if row.get("value_high") is None else str(row["value_high"]))

    def cite(self, row: dict) -> str:
        """经济日报《标题》（2025-05-26）; the gaps said plainly: 来源不详（文档d1）, 日期不详."""
        title = self.title(row["doc_id"])
        source = _text(row.get("source"))
        date = _day(row.get("published"))
        official = self.document(row["doc_id"])["rank"] == "official"
        lang = self.lang
        return say("cite.citation", lang, official=say("cite.official", lang) if official else "",
                   who=source or say("cite.source_unknown", lang, doc_id=row["doc_id"]),
                   title=say("cite.title", lang, title=title) if title else "",
                   date=date or say("unknown.date", lang))

    # queries
    def rows(self, metric: str) -> list[dict]:
        rows = dated_by_growth([read_stored_row(r) for r in self.store.iter_figures(FigureQuery(metric=metric))])
        # official references first, then by date (undated first, as SQLite orders them, on every backend)
        return sorted(rows, key=lambda r: (self.rank(r), str(r.get("published") or ""), r["doc_id"], r["start"]))

    def rows_at(self, period: Period, claim: Figure) -> list[dict]:
        # a stored reading may span a longer range that ends on the claim's date (2024年 for 2024年末): bound the end only
        query = FigureQuery(period_to=period.end, unit=claim.unit, measure=claim.measure)
        return [r for r in self.store.iter_figures(query) if _at(period, r)]

    # which series
    def own_series(self, claim: Figure) -> SeriesChoice:
        """The claim's series as written, or without a trailing 增速 or a filler word when only that is stored, or
        when only that has figures comparable with the claim's."""
        found = [SeriesChoice(_key(variant), rows) for variant in metric_variants(claim.metric)
                 if (rows := _of_place(self.rows(variant), claim.place, _key(variant), self.place_documents,
                                       self.said))]
        best = next((choice for choice in found if _comparable(claim, choice.rows)[1]), None)
        return best or (found[0] if found else SeriesChoice(_key(claim.metric), []))

    def choose_series(self, claim: Figure) -> SeriesChoice:
        """The claim's own series; when that has nothing comparable, the series its name could mean with a scope
        word (各项贷款余额 → 人民币/本外币), preferring one that agrees, or the one stored series it is short for."""
        own = self.own_series(claim)
        part = self.named_part_series(claim, own)
        if part is not None:
            return part
        if _comparable(claim, own.rows)[1]:
            return own
        options = [SeriesChoice(key, rows) for key in scoped_variants(claim.metric)
                   if (rows := _of_place(self.rows(key), claim.place, key, self.place_documents, self.said))]
        options = options or self.shorthand_series(claim, own.key) or self.release_short_series(claim, own) \
            or self.longhand_series(claim, own)
        if not options:
            return own
        names = ([own.key] if own.rows else []) + [o.key for o in options]
        if options[0].chosen_because in SHORT_NAMES:
            return SeriesChoice(options[0].key, options[0].rows, names, options[0].chosen_because)
        picked = self.pick_option(claim, options)
        if picked:
            return SeriesChoice(picked[0].key, picked[0].rows, names, picked[1])
        return own if own.rows else SeriesChoice(options[0].key, options[0].rows, names, "stored")

    @staticmethod
    def pick_option(claim: Figure, options: list[SeriesChoice]) -> tuple[SeriesChoice, str] | None:
        """The first candidate series that agrees with the claim, else the first with comparable figures."""
        for because in ("agrees", "comparable"):
            for option in options:
                comparable = _comparable(claim, option.rows)[1]
                if comparable and (because == "comparable" or any(agrees(claim, row_figure(r)) for r in comparable)):
                    return option, because
        return None

    def shorthand_series(self, claim: Figure, key: str) -> list[SeriesChoice]:
        """The one series stored for the claim's period whose key ends with the claim's (获贷率 for
        普惠小微贷款获贷率): a claim may name a statistic in short. Two or more such series are left to the
        nearest-metrics list, since a short name (贷款余额) cannot tell them apart; its figures only of the claim's
        place (``_of_place``)."""
        if len(key) < 3 or _catalogued(key):
            return []  # a catalogued statistic is exactly itself (恒生指数 is not 恒生科技指数)
        keys = set()
        if claim.period is not None:
            rows = self.store.iter_figures(FigureQuery(period_to=claim.period.end))
            keys = _short_keys(key, (r for r in rows if _at(claim.period, r) or _day_inside(claim.period, r)))
        if not keys:
            rows = self.store.iter_figures(FigureQuery())
            keys = _short_keys(key, (r for r in rows if claim.period is None or _undated(r)))
        if len(keys) != 1:
            return []
        (only,) = keys  # of the claim's place (or of documents naming it): 昆山市地区生产总值 is no short 河南's
        rows = _of_place(self.rows(only), claim.place, only, self.place_documents, self.said)
        return [SeriesChoice(only, rows, chosen_because="shorthand")] if rows else []

    def other_names(self, claim: Figure) -> list[str]:
        """The metrics of the claim's other figures."""
        return [normalize(f.metric or "") for f in self.claim_figures if f.start != claim.start]

    def document_rows(self, documents: set[str], measure: str | None = None, unit: str | None = None) -> list[dict]:
        """Every stored figure of these documents (of the stored ``measure`` and ``unit`` when given, as
        ``FigureQuery`` filters them), as the checker reads them. A document's figures are read from the store once
        for the checker: every claim whose evidence is in it reuses them."""
        return [read_stored_row(r) for doc_id in sorted(documents) for r in self._document_figures(doc_id)
                if (not measure or r["measure"] == measure) and (not unit or r["unit"] == unit)]

    def _document_figures(self, doc_id: str) -> list[dict]:
        found = self._documents.get(doc_id)
        if found is None:
            found = self._documents[doc_id] = list(self.store.iter_figures(FigureQuery(doc_id=doc_id)))
        return found

    def release_short_series(self, claim: Figure, own: SeriesChoice) -> list[SeriesChoice]:
        """The short name a release gives the claim's statistic for another period (``short_in_release``: 12月当月
        进出口2.98万亿元 in the release of 货物贸易进出口总值): the figures of the documents holding the series', of
        the one stored key the claim's key contains, with figures comparable at the claim's period. Only when the
        series has no figure at that period (one of another measure there may show a slip)."""
        if claim.period is None or not own.rows or _comparable(claim, own.rows)[0]:
            return []
        least = claim_words()["short_in_release"]
        rows = [r for r in self.document_rows({r["doc_id"] for r in own.rows}) if r["metric_key"]
                and r["metric_key"] != own.key and len(r["metric_key"]) >= least and r["metric_key"] in own.key]
        keys = {r["metric_key"] for r in _comparable(claim, rows)[1]}
        if len(keys) != 1:
            return []
        (key,) = keys
        return [SeriesChoice(key, [r for r in rows if r["metric_key"] == key], chosen_because="release_short")]

    def named_part_series(self, claim: Figure, own: SeriesChoice) -> SeriesChoice | None:
        """The series of a part the claim names apart from its statistic (``named_part``: 深加工肉制品板块…销售收入), in
        the documents of the claim's own comparable figures: its key is the part and the claim's key, and the claim
        writes the part in the figure's sentence before it, not as another figure's name (地方政府 of 地方政府债券约
        7.49万亿元 is no part of 新增债券4.37万亿元); only when none of the whole's figures agrees."""
        key, comparable = own.key or "", _comparable(claim, own.rows)[1]
        if not comparable or _catalogued(key) or not self.claim_text or _any_agrees(claim, comparable):
            return None
        before = normalize(self.claim_text[ctx.sentence_start(self.claim_text, claim.start):claim.start])
        parts = [r for r in self.document_rows({r["doc_id"] for r in comparable})
                 if _named_part(r["metric_key"] or "", key, before, self.other_names(claim))]
        only = _one_key(claim, parts)
        return SeriesChoice(only, [r for r in parts if r["metric_key"] == only], [key, only], "named_part") \
            if only else None

    def longhand_series(self, claim: Figure, own: SeriesChoice) -> list[SeriesChoice]:
        """The stored series the claim's key ends with (``longhand``: 资产规模 for NPS管理的资产规模), with the figures
        whose sentence writes the rest of the claim's key before them; only when nothing is stored under the key, and
        never a catalogued statistic."""
        key, least = own.key or "", claim_words()["longhand_from"]
        if own.rows or "@" in key:
            return []
        for size in range(len(key) - 2, least - 1, -1):
            rest, short = key[:-size], key[-size:]
            if _catalogued(short) or not rest.endswith(claim_words()["longhand_rest_ends"]):
                continue  # a catalogued statistic is found by its key, never by words (进出口); a rest is a modifier
            rows = [r for r in _of_place(self.rows(short), claim.place, short, self.place_documents,
                                           self.said) if r["metric_key"] == short
                    and ctx.holds_before(r, rest)]
            if _comparable(claim, rows)[1]:
                return [SeriesChoice(short, rows, chosen_because="longhand")]
        return []

    def series_info(self, claim: Figure, choice: SeriesChoice, evidence: list[Evidence]) -> dict:
        """The series used and why the evidence's names are it: only names that reach the same series give reasons
        (a wrong metric's figure is cited, never called an alias of the claim's statistic)."""
        written = [claim.metric] + [e.metric for e in evidence if e.metric]
        same = [m for m in dict.fromkeys(written) if _key(m) in (choice.key, _key(claim.metric))]
        matches = [match_series(m) for m in same] if len(same) > 1 else []
        return {"key": choice.key, "candidates": choice.candidates, "chosen_because": choice.chosen_because,
                "names": list(dict.fromkeys(written)), "reasons": merge_reasons(*matches, lang=self.lang)}

    def series_text(self, claim: Figure, series: dict) -> str:
        lang = self.lang
        text = clauses(["", *series["reasons"]], lang) if series["reasons"] else ""
        if series["chosen_because"] in SHORT_NAMES:
            return text + say(f"series.{series['chosen_because']}", lang, metric=claim.metric, key=series["key"])
        if series["candidates"]:
            why = say(f"series.why.{series['chosen_because'] or 'stored'}", lang)
            text += say("series.several", lang, metric=claim.metric, candidates=listed(series["candidates"], lang),
                        key=series["key"], why=why)
        return text

    # verdicts
    def check_figure(self, claim: Figure) -> Verdict:
        info = claim.to_dict()
        info.pop("links", None)
        info["metric_key"] = _key(claim.metric)
        info["precision"] = fmt(half(claim) * 2)
        if not info["metric_key"]:
            when = period_text(claim.period, self.lang)
            verdict = self.context_verdict(claim, info, when) or self.later_context(claim, info, None, when)
            return verdict or Verdict(info, "unverifiable", say("verdict.no_metric", self.lang))
        choice = self.choose_series(claim)
        verdict = self.judge(claim, info, choice)
        verdict.series = self.series_info(claim, choice, verdict.evidence)
        verdict.explanation += self.series_text(claim, verdict.series)
        return verdict

    def judge(self, claim: Figure, info: dict, choice: SeriesChoice) -> Verdict:
        when = period_text(claim.period, self.lang)
        if multiyear.needs_levels(claim):
            return self.growth_over_base(claim, info, choice, when)
        if _generic(choice.key) and self.claim_text:
            verdict = self.context_verdict(claim, info, when)
            mine = [] if verdict else self.subject_rows(claim, choice) + self.subject_rows(
                claim, choice, [r for key in claim_words()["company_longhand"].get(choice.key, ()) for r in self.rows(key)])
            if verdict or not mine:
                return verdict or self.unverifiable(claim, info, [], choice.key, when)
            choice = SeriesChoice(choice.key, mine, choice.candidates, choice.chosen_because)
        return self.judge_rows(claim, info, choice, when)

    def subject_rows(self, claim: Figure, choice: SeriesChoice, rows: list[dict] | None = None) -> list[dict]:
        """The series' figures (or ``rows``: those of the statistic the claim's generic word is short for,
        ``company_longhand``: 净利润 for 归属于上市公司股东的净利润) from documents that name the claim's subject (贵州茅台
        for 营业收入): a company's results name it in the title or lead, not in every sentence."""
        words, _ = ctx.claim_words(self.claim_text, claim, self.claim_figures, claim_words()["context_stop"])
        metric = normalize(claim.metric or "")
        subject = [w for w in words if w not in metric and w not in choice.key]
        finder = getattr(self.store, "documents_mentioning", None)
        if not subject or finder is None:
            return []
        documents = finder(subject) | finder([ctx.variants(w)[-1] for w in subject])  # simplified, traditional
        return [r for r in (choice.rows if rows is None else rows) if r["doc_id"] in documents]

    def judge_rows(self, claim: Figure, info: dict, choice: SeriesChoice, when: str) -> Verdict:
        rows = [r for r in self.named_rows(choice.rows) if self.same_reading(claim, r)]
        choice = SeriesChoice(choice.key, rows, choice.candidates, choice.chosen_because)
        day_rows, same_day = self.same_day_rows(claim, choice.rows)
        if same_day:
            return self.judge_comparable(claim, info, choice, day_rows, same_day, say("claim.same_day", self.lang,
                                         day=self.claim_published), dated=True)
        at_period, comparable = _comparable(claim, choice.rows)
        if comparable:
            return self.judge_comparable(claim, info, choice, at_period, comparable, when)
        unwritten = None if at_period else self.unwritten_date(claim, info, choice)
        if unwritten is not None:
            return unwritten
        so_far = self.so_far(claim)
        if so_far is not None and _comparable(so_far, choice.rows)[1]:
            return self.judge_rows(so_far, info, choice, period_text(so_far.period, self.lang))
        verdict = self.slip_verdict(claim, info, at_period, when) or self.cumulative_verdict(claim, info, choice.rows)
        verdict = verdict or self.step_verdict(claim, info, choice.rows, when) or self.context_verdict(claim, info, when)
        verdict = verdict or self.later_context(claim, info, so_far, when)
        return verdict or self.unverifiable(claim, info, choice.rows, choice.key, when)

    def later_context(self, claim: Figure, info: dict, so_far: Figure | None, when: str) -> Verdict | None:
        """No series and no context at the claim's period: the period so far (今年 in a claim of November), then, for
        a claim dated only by its own day (同日, 收涨: ``own_day_period``), the news of that day by context."""
        verdict = None if so_far is None else self.context_verdict(so_far, info, period_text(so_far.period, self.lang))
        if verdict is None and claim.start in self.own_days:
            verdict = self.own_day_context(replace(claim, period=None), info, when)
        return verdict

    def unwritten_date(self, claim: Figure, info: dict, choice: SeriesChoice) -> Verdict | None:
        """Where nothing of the series is stored at the claim's period, a date the claim did not write: a claim dated
        only by its own day is judged on that day's news (``own_day_period``: a story of the day dates an overnight
        session the day before), a quarter written without its year that is in progress or ahead on the claim's
        date is the claim's year's (``bare_period``)."""
        if claim.start in self.own_days:
            undated = replace(claim, period=None)
            day_rows, same_day = self.same_day_rows(undated, choice.rows)
            if same_day:
                return self.judge_comparable(undated, info, choice, day_rows, same_day, say(
                    "claim.same_day", self.lang, day=self.claim_published), dated=True)
        ahead = year_ahead(claim, self.claim_published)
        if ahead is not None and _comparable(ahead, choice.rows)[1]:
            return self.judge_rows(ahead, info, choice, period_text(ahead.period, self.lang))
        return None

    def so_far(self, claim: Figure) -> Figure | None:
        """A claim whose period runs past its own date (2022年 in a claim of 2022-11-25) speaks of the period so far:
        the claim with its period ending on its date, to be compared with stored figures of 今年以来 when nothing
        stored covers the whole period."""
        period, day = claim.period, self.claim_published
        if period is None or not day or not period.start <= day < period.end:
            return None
        return replace(claim, period=Period(period.start, day))

    def same_day_rows(self, claim: Figure, rows: list[dict]) -> tuple[list[dict], list[dict]]:
        """A claim that names no period speaks of its own day's news (此次降准后…降至8.4% of 2021-07-09 is that
        day's cut): the figures of documents published on the claim's date, and those of them comparable with it
        (the others may show a slip: 额度增加8000亿元 where that day's 8000亿元 is the level after the increase)."""
        if claim.period is not None or not self.claim_published:
            return [], []
        return _comparable(claim, [r for r in rows if _day(r.get("published")) == self.claim_published])

    def same_reading(self, claim: Figure, row: dict) -> bool:
        """The stored figure is a reading as the claim's is, or a forecast as the claim's is (``not_a_reading``:
        失业率为4.2%，预估为4.3% reads 4.2%; 市场预期的11万人 is a forecast)."""
        offset = row["start"] - (row.get("sentence_start") or 0)
        stored_clause = normalized_sentence(row)[:max(0, offset)]
        said_clause = normalize((self.claim_text or "")[:claim.start])
        stored, said = stored_clause[-8:], said_clause[-8:]
        if guidance(stored) and not (guidance(said) or not_a_reading(said)):
            return False  # guidance answers a claim of what is expected only (``guidance``)
        if forecast_clause(stored_clause) and not (forecast_clause(said_clause, statement=True) or not_a_reading(said)):
            return False  # 市场预计…增长23.6%: a forecast however far its verb (``guidance_clause``)
        return not_a_reading(stored) == not_a_reading(said)

    def named_rows(self, rows: list[dict]) -> list[dict]:
        """Without the rows of banks or firms (``own_figures``) none of which the claim names: 招行's loans are no
        figure of 工商银行's. The rows left out are kept in ``others_rows`` (another bank's number is a slip)."""
        if not self.claim_names:
            return rows
        names = self.owners(rows)
        mine = [r for r in rows if not names[r["figure_id"]] or _owned_by(names[r["figure_id"]], self.claim_names)]
        self.others_rows = [r for r in rows if r not in mine]
        return mine

    def of_claim_owner(self, row: dict) -> bool:
        """A figure found by context may support or contradict a claim that names banks or firms (``own_figures``)
        only when it is one of theirs: linked to or named in its sentence, or, where its sentence names none, of a
        document that names one (``owner_named``: 万华化学's profit growth is no figure of 招商银行's; in a digest that
        names 中力股份 too, 万辰集团's revenue is still 万辰集团's); a claim that names none is open to any."""
        if not self.claim_names or not claim_words()["owner_named"]:
            return True
        owners = self.owners([row])[row["figure_id"]]
        if owners:
            return _owned_by(owners, self.claim_names)
        documents = self.owner_documents()
        return documents is None or row["doc_id"] in documents

    def anothers(self, row: dict) -> bool:
        """The stored figure belongs to banks or firms (linked or named in its sentence) none of which the claim
        names: 长江电力's results are no source of a claim about 三峡能源."""
        if not self.claim_names:
            return False
        owners = self.owners([row])[row["figure_id"]]
        return bool(owners) and not _owned_by(owners, self.claim_names)

    def owner_documents(self) -> set[str] | None:
        """The documents whose title or text names one of the claim's banks or firms (any name or alias, as written
        or in its variant), searched once per claim's names rather than for every figure found by context; None for
        a store that cannot search its texts."""
        if self._owner_documents[0] != self.claim_names:
            finder = getattr(self.store, "documents_mentioning", None)
            entries = [load_taxonomy().lookup(name) for name in self.claim_names]
            names = {n for e in entries if e is not None for n in (e.name, *e.aliases)} | \
                {n for n, e in zip(self.claim_names, entries) if e is None}
            found = None if finder is None else {d for n in sorted(names) for d in finder([n]) | finder([ctx.variants(n)[-1]])}
            self._owner_documents = (self.claim_names, found)
        return self._owner_documents[1]

    @property
    def said(self) -> str:
        """The claim's text, normalized (empty before a claim is read)."""
        return normalize(self.claim_text or "")

    def of_claim_place(self, claim: Figure, row: dict) -> bool:
        """The stored figure is of the claim's place, or the claim names none (``_of_claim_place``)."""
        return _of_claim_place(claim, row, self.place_documents(claim.place), self.said)

    def place_documents(self, place: str | None) -> set[str] | None:
        """The documents whose title or text names the place (as written or by its key, in either script), searched
        once per place; None without a place or for a store that cannot search its texts."""
        finder = getattr(self.store, "documents_mentioning", None)
        if not place or finder is None:
            return None
        if place not in self._place_documents:
            names = sorted({place, place_key(place)} - {None, ""})
            self._place_documents[place] = {d for n in names for d in finder([n]) | finder([ctx.variants(n)[-1]])}
        return self._place_documents[place]

    def owners(self, rows: list[dict]) -> dict[int, frozenset[str]]:
        """The banks and firms (``own_of``) each row belongs to, by figure id: those its figure is linked to (四家银行
        …分别为1.34%、1.30%: each bank its own), else those its sentence names (the store's mentions; asked once per
        figure)."""
        missing = [r["figure_id"] for r in rows if r["figure_id"] not in self._owners]
        if missing:
            linked, named = self.store.linked_names(missing), self.store.sentence_names(missing)
            self._owners.update((figure_id, own_of(linked.get(figure_id, ())) or own_of(named.get(figure_id, ())))
                                for figure_id in missing)
        return {r["figure_id"]: self._owners[r["figure_id"]] for r in rows}

    # figures found by context
    def context_rows(self, claim: Figure, words: list[str], day: str | None = None) -> list[dict]:
        """Stored figures comparable with the claim's, at its period (or undated), in sentences holding its longest
        word, or when none does, its next longest (a claim's own word, 双边贸易, may be written nowhere). Figures of
        a catalogued statistic only where the sentence names the claim's narrower one (``_qualified``) or the claim
        writes it out (``written_out``: then only its figures); a catalogued claim is found by context only so; none
        named as another filler of the claim's frame (``another_filler``). ``day``: only figures of documents
        published that day."""
        own = _catalogued(_key(claim.metric))
        found: dict[tuple, dict] = {}
        for search in sorted(words, key=len, reverse=True)[:CONTEXT_SEARCHES]:
            rows = [r for r in self.search_rows(search) if self.context_row(claim, r, own)
                    and (day is None or _day(r.get("published")) == day)]
            found.update(((r["doc_id"], r["start"]), r) for r in rows)
        named = {key for key, r in found.items() if self.written_out(claim, r)}
        return [r for key, r in found.items() if key in named or len(r["metric_key"] or "") < 2] if named \
            else list(found.values())

    def context_row(self, claim: Figure, row: dict, own: bool) -> bool:
        """The stored figure may be the claim's by context: open to it, not another filler of the claim's frame, of
        its kind (or one a slip explains), at its period (or undated), and a forecast only for a forecast."""
        return bool(row["measure"]) and self.open_to_context(claim, row, own) and self.same_reading(claim, row) \
            and not ctx.another_filler(_key(claim.metric), row["metric_key"]) and not self.other_fiscal(claim, row) \
            and (_same_kind(claim, row) or bool(sl.cross_measure_slip(claim, row_figure(row), row.get("period_end")))) \
            and (claim.period is None or _at(claim.period, row) or
                 (_undated(row) and not written_elsewhen(claim.period, row)))

    def other_fiscal(self, claim: Figure, row: dict) -> bool:
        """The claim writes a fiscal period before its figure and the stored sentence another (``fiscal_period``)."""
        text = self.claim_text or ""
        return other_fiscal_period(normalize(text[ctx.sentence_start(text, claim.start):claim.start]), row)

    def open_to_context(self, claim: Figure, row: dict, own: bool) -> bool:
        """A stored figure may be found by context: not of a catalogued statistic, unless its sentence names the
        claim's narrower one (``_qualified``) or the claim writes the statistic out (``written_out``)."""
        if _qualified(claim, row):
            return True
        if own or not _catalogued(row["metric_key"]):
            return not own
        return self.written_out(claim, row)

    def written_out(self, claim: Figure, row: dict) -> bool:
        """The row is of a catalogued statistic that the claim writes out elsewhere than in its figure's own metric,
        which is none (``named_statistic`` in claim_words.toml: 1年期LPR for 改革 of 自8月改革以来; not 普惠小微贷款余额
        for 本外币普惠小微贷款余额, another series). The claim's figure is then that statistic's: figures of other
        named metrics are not looked at."""
        if not _catalogued(row["metric_key"]):
            return False
        text, mine, least = normalize(self.claim_text or ""), normalize(claim.metric or ""), claim_words()["named_from"]
        return any(len(name) >= least and name in text and name not in mine
                   for name in (normalize(row.get("metric") or ""), row["metric_key"]))

    def search_rows(self, word: str) -> list[dict]:
        """Stored figures whose sentence holds the word under any of its names and scripts, each once."""
        rows = [read_stored_row(r) for name in ctx.spellings(word) for spelling in ctx.variants(name)
                for r in self.store.iter_figures(FigureQuery(search=spelling))]
        return list({(r["doc_id"], r["start"]): r for r in rows}.values())  # a sentence holding two names

    def context_verdict(self, claim: Figure, info: dict, when: str, support_only: bool = False,
                        guessed: bool = False, day: str | None = None) -> Verdict | None:
        """No series answers: the stored figure the claim's words lead to (analyzer.check.context). ``support_only``:
        a stored series answers but disagrees, so only a figure that agrees counts, and only one without a metric of
        its own, or when the series was ``guessed`` from a short name, any the claim's words lead to. ``day``: only
        figures of documents published that day."""
        if not self.claim_text:
            return None
        words, found = self.context_candidates(claim, day)
        if not words:
            return None
        good = self.agreeing(claim, found, support_only, guessed)
        owned = None if support_only else self.another_unit_verdict(claim, info, good, words, when)
        if owned is not None:
            return owned
        if good:
            return self.context_supported(claim, info, good, self.context_note(words, good[0]))
        led = None if support_only else _contradicting(claim, found, words)
        if led is None or not self.of_claim_owner(led[0]) or not self.of_claim_place(claim, led[0]):
            return None
        row, slip = led
        slip, extra = self.context_slip(claim, row) if slip == "value" else (slip, None)
        text = self.slip_text(slip, claim, row, _stored(row), when, extra) + self.context_note(words, row)
        evidence = [self.evidence(row, claim)] + ([self.evidence(extra)] if extra else [])
        return Verdict(info, "contradicted", text, slip, evidence, basis=_basis(self.rank(row)))

    def another_unit_verdict(self, claim: Figure, info: dict, good: list[dict], words: list[str],
                             when: str) -> Verdict | None:
        """Every figure found by context that agrees is another statistic's growth (``of_another_unit``): the claim
        quotes it for its own, a wrong metric."""
        owned = [r for r in good if self.of_another_unit(claim, r)]
        if not owned or len(owned) < len(good):
            return None
        row = owned[0]
        text = self.slip_text("wrong_metric", claim, row, _stored(row), when, row, "other_unit.wrong_metric")
        return Verdict(info, "contradicted", text + self.context_note(words, row), "wrong_metric",
                       [self.evidence(row, claim)], basis=_basis(self.rank(row)))

    def of_another_unit(self, claim: Figure, row: dict) -> bool:
        """The stored figure (a growth) is of a metric its sentence gives a level of only in other units than the
        claim's level of its own metric (``other_unit_owner``: 销售生猪8101头 against the claim's 销售收入568万元)."""
        if row["measure"] not in claim_words()["other_unit_measures"] or not row["metric_key"]:
            return False
        mine = [f for f in self.claim_figures if f.start != claim.start and _key(f.metric) == _key(claim.metric)
                and _is_level(f.measure)]
        levels = [r for r in self.document_rows({row["doc_id"]}) if _level_beside(r, row)]
        return bool(mine and levels) and not any(sl.units_comparable(f, r["unit"], r.get("counter"))
                                                 for f in mine for r in levels)

    def agreeing(self, claim: Figure, found: list, support_only: bool, guessed: bool) -> list[dict]:
        """The figures found by context that agree with the claim and may answer it (``context_verdict``): of its
        banks or firms and of its place, as a contradicting one must be."""
        return [c.row for c in found if not c.excluded and _same_kind(claim, c.row) and agrees(claim, row_figure(c.row))
                and (not support_only or _may_override(c, guessed)) and self.of_claim_owner(c.row)
                and self.of_claim_place(claim, c.row)]

    def context_slip(self, claim: Figure, row: dict) -> tuple[str, dict | None]:
        """What a figure found by context that disagrees shows: the claim's number stated in the same document for
        the same metric at another period (上半年…同比增长10% quoted for 第二季度), or for another metric of the
        release, else a plain value."""
        if claim.period is None:
            return self.document_metric_slip(claim, {row["doc_id"]})
        same = self.document_rows({row["doc_id"]}, claim.measure)
        heads = (row["metric_key"] or "", _key(claim.metric) or "")
        found = self.other_period_slip(claim, [r for r in same if r["metric_key"] == row["metric_key"]]) or \
            self.other_period_slip(claim, [r for r in same if _head_after(r, row, heads)]) or \
            self.other_period_slip(claim, [r for r in same if _claim_tail(r, heads[1])])
        return found or self.other_metric_slip(claim, {row["doc_id"]})

    def context_candidates(self, claim: Figure, day: str | None = None) -> tuple[list[str], list]:
        """The claim's words and the stored figures they lead to: its clause's words, or when those find no stored
        sentence, its sentence's (东盟 named in the clause before 双边贸易总值4.74万亿元); the sentence's too when the
        clause's words are too few to contradict and none of its figures agrees (…中标利率降至2.40%，下调10个百分点:
        下调 alone names nothing)."""
        words: list[str] = []
        first: tuple[list[str], list] | None = None
        for whole in (False, True):
            words, last = ctx.claim_words(self.claim_text, claim, self.claim_figures, claim_words()["context_stop"],
                                          whole_sentence=whole)
            if not words:
                return first or (words, [])
            index = ctx.list_index(self.claim_text, claim, self.claim_figures)
            found = ctx.candidates(self.context_rows(claim, words, day), words, last, index, claim.metric)
            if found and (whole or _enough_words(words) or any(agrees(claim, row_figure(c.row)) for c in found)):
                return words, found
            first = first or ((words, found) if found else None)
        return first or (words, [])

    def context_note(self, words: list[str], row: dict) -> str:
        """The claim's words the evidence's sentence writes (not those it lacks: 快递 of 快递业务收入 is never said
        to be found in 电信业务收入's sentence)."""
        found = ctx.words_found(normalized_sentence(row), words)
        return say("context.note", self.lang, words=listed(found or words, self.lang))

    def context_supported(self, claim: Figure, info: dict, good: list[dict], note: str) -> Verdict:
        row = good[0]
        claim_before = (self.claim_text or "")[max(0, claim.start - 6):claim.start]
        offset = row["start"] - (row.get("sentence_start") or 0)
        stored_before = (row.get("sentence") or "")[max(0, offset - 6):offset]
        if opposite_direction(claim_before, stored_before):
            text = say("contradicted.reversed", self.lang, cite=self.cite(row),
                       stored=f"{stored_before.strip()}{row['text']}", said=f"{claim_before.strip()}{claim.text}")
            return Verdict(info, "contradicted", text + note, "direction", [self.evidence(row, claim)],
                           basis=_basis(self.rank(row)))
        text = say("supported.by_context", self.lang, cite=self.cite(row), stored=row["text"],
                   sentence=(row.get("sentence") or "").strip(), said=claim.text)
        return Verdict(info, "supported", text + note, None, [self.evidence(r, claim) for r in good[:3]],
                       basis=_basis(self.rank(row)))

    def judge_comparable(self, claim, info, choice, at_period, comparable, when, dated: bool = False) -> Verdict:
        """Stored figures to compare with: official ones first; the slip when none agrees (``dated``: the claim
        without a period is read at its publication date)."""
        official = [r for r in comparable if self.rank(r) == 0]
        basis = official or comparable
        good = [r for r in basis if agrees(claim, row_figure(r))]
        if good:
            return self.supported(claim, info, basis, comparable, good[0], when)
        if not _catalogued(choice.key):  # a name of the writer's own: another stored figure may be the one meant
            verdict = self.context_verdict(claim, info, when, support_only=True,
                                           guessed=choice.chosen_because == "shorthand")
            if verdict is not None:
                return verdict
        if _read_undated(claim, basis, dated):
            return self.own_day_context(claim, info, when) or \
                self.undated_or_scale(claim, info, (basis, official, comparable), choice, when)
        verdict = self.disagreeing(claim, info, (basis, at_period, comparable), choice, when)
        return self.ranked(verdict, official, comparable, claim)

    def disagreeing(self, claim, info, stored: tuple[list, list, list], choice, when) -> Verdict:
        """No comparable figure agrees (``stored``: the basis, the rows at the period, the comparable ones): a slip the
        comparable figures show (5个百分点 for 5个基点) comes before another measure's rounded number (4.8%)."""
        basis, at_period, comparable = stored
        named = any(sl.comparable_slip(claim, row_figure(r)) for r in basis)
        verdict = None if named else self.slip_verdict(claim, info, [r for r in at_period if r not in comparable], when)
        return verdict or self.contradicted(claim, info, basis, choice.rows, when)

    def growth_over_base(self, claim: Figure, info: dict, choice: SeriesChoice, when: str) -> Verdict:
        """A growth rate over a written base (比2019年末): computed from the two stored levels."""
        lang = self.lang
        base = period_text(claim.extra["base"], lang)
        growth = multiyear.level_growth(choice.rows, claim, row_figure)
        if growth is None:
            text = say("growth_base.missing", lang, metric=claim.metric, base=base, when=when, said=claim.text)
            return Verdict(info, "unverifiable", text, nearest_periods=self.nearest_periods(claim, choice.rows))
        ok = interval(claim).overlaps(growth.implied)
        outcome = say("growth_base.agrees" if ok else "growth_base.differs", lang, said=claim.text)
        text = say("growth_base.computed", lang, cite_old=self.cite(growth.old), old=_stored(growth.old), base=base,
                   cite_new=self.cite(growth.new), new=_stored(growth.new), when=when,
                   arithmetic=growth.arithmetic(row_figure), outcome=outcome)
        evidence = [self.evidence(growth.old), self.evidence(growth.new)]
        return Verdict(info, "supported" if ok else "contradicted", text, None if ok else "value", evidence,
                       basis=_basis(self.rank(growth.new)))

    def own_day_context(self, claim: Figure, info: dict, when: str) -> Verdict | None:
        """A claim without a period whose series holds figures of other days only: the figure its words lead to in
        the news of its own day (``undated_claim`` in claim_words.toml), which may contradict it."""
        if not claim_words()["own_day_context"] or not self.claim_published:
            return None
        return self.context_verdict(claim, info, when, day=self.claim_published)

    def undated_or_scale(self, claim, info, stored: tuple[list, list, list], choice, when) -> Verdict:
        """A claim without a period: unverifiable, unless its number is a power of ten off a stored one (a slip of scale,
        whatever period is meant). ``stored``: the basis, official and comparable rows."""
        basis, official, comparable = stored
        scaled = [r for r in basis if sl.comparable_slip(claim, row_figure(r)) == "scale"]
        if scaled:
            return self.ranked(self.contradicted(claim, info, scaled, choice.rows, when), official, comparable, claim)
        return self.undated(claim, info, comparable, choice.key)

    def undated(self, claim: Figure, info: dict, comparable: list[dict], key: str) -> Verdict:
        """A claim that names no period cannot be contradicted by figures of some period: say what is stored.
        (Stored figures without a period, from undated documents, are still compared with it.)"""
        lang = self.lang
        values = sorted({say("undated.value", lang, stored=_stored(r),
                             period=period_text(_period_dict(r["period_start"], r["period_end"]), lang))
                         for r in comparable})[:5]
        text = say("undated.text", lang, said=claim.text, metric=claim.metric, values=listed(values, lang))
        evidence = [self.evidence(r, claim) for r in comparable[:5]]
        return Verdict(info, "unverifiable", text, None, evidence, False, self.nearest_periods(claim, comparable), [])

    def supported(self, claim, info, basis, comparable, first, when) -> Verdict:
        lang = self.lang
        evidence = [self.evidence(r, claim) for r in comparable]
        values = sorted({_stored(r) for r in comparable})
        disagree = _sources_disagree(comparable) and len({bool(e.agrees) for e in evidence}) > 1
        text = say("supported.stored", lang, cite=self.cite(first), subject=_subject(claim.metric, claim.measure, lang),
                   when=when, stored=_stored(first), said=claim.text)
        if _day_inside(claim.period, first):
            text += say("supported.day_inside", lang, day=first["period_end"])
        if disagree:
            text += say("supported.disagree", lang, values=listed(values, lang))
        return Verdict(info, "supported", text, None, evidence, disagree, basis=_basis(self.rank(first)))

    def ranked(self, verdict: Verdict, official: list[dict], comparable: list[dict], claim: Figure) -> Verdict:
        """A verdict that rests on official references says so, and lists the news reports after them."""
        verdict.basis = "official" if official else "report"
        if official:
            reports = [r for r in comparable if r not in official]
            known = {(e.doc_id, e.start) for e in verdict.evidence}
            verdict.evidence += [self.evidence(r, claim) for r in reports if (r["doc_id"], r["start"]) not in known]
            if reports and any(agrees(claim, row_figure(r)) for r in reports):
                verdict.explanation += say("ranked.reports_agree", self.lang)
        return verdict

    def slip_verdict(self, claim: Figure, info: dict, rows: list[dict], when: str) -> Verdict | None:
        """Stored figures at the claim's period of another measure, unit or comparison that the number matches."""
        for row in rows:
            name = sl.cross_measure_slip(claim, row_figure(row), row.get("period_end"))
            if name:
                text = self.slip_text(name, claim, row, _stored(row), when)
                return Verdict(info, "contradicted", text, name, [self.evidence(row)], basis=_basis(self.rank(row)))
        return None

    def step_verdict(self, claim: Figure, info: dict, rows: list[dict], when: str) -> Verdict | None:
        """A change claimed where the series' stored readings write it as a step (由3.1%下调至2.85%, analyzer.check.steps):
        the step that agrees, else the first, with the slip it shows."""
        found = _steps_of(claim, rows)
        if not found:
            return None
        good = [s for s in found if agrees(claim, s.change) and claim.measure == "change"]
        step = (good or found)[0]
        slip = None if good else _step_slip(claim, step.change)
        outcome = say("growth_base.agrees" if good else "growth_base.differs", self.lang, said=claim.text)
        text = say("step.computed", self.lang, cite=self.cite(step.new), subject=_subject(claim.metric, "level", self.lang),
                   old=_stored(step.old), new=_stored(step.new), when=when,
                   step=_signed(step.change.value, step.change.unit, self.lang), outcome=outcome)
        return Verdict(info, "supported" if good else "contradicted", text, slip,
                       [self.evidence(step.old), self.evidence(step.new)], basis=_basis(self.rank(step.new)))

    def cumulative_verdict(self, claim: Figure, info: dict, rows: list[dict]) -> Verdict | None:
        """A cumulative (1-10月) growth rate quoted for the month or quarter that ends it: a wrong period."""
        if claim.measure != "growth_rate":
            return None
        for row in rows:
            if (row["measure"] == "growth_rate" and sl.cumulative_of(claim.period, row.get("period_start"),
                                                                      row.get("period_end"))
                    and sl.units_comparable(claim, row["unit"], row.get("counter"))
                    and same_number(claim, row_figure(row))):
                when = period_text(claim.period, self.lang)
                text = self.slip_text("wrong_period", claim, row, _stored(row), when, row, "cumulative.wrong_period")
                return Verdict(info, "contradicted", text, "wrong_period", [self.evidence(row)],
                               basis=_basis(self.rank(row)))
        return None

    def contradicted(self, claim, info, comparable, rows, when) -> Verdict:
        evidence = [self.evidence(r, claim) for r in comparable]
        first = comparable[0]
        values = sorted({_stored(r) for r in comparable})
        disagree = _sources_disagree(comparable)
        slip, extra = "value", None
        for row in comparable:
            found = sl.comparable_slip(claim, row_figure(row))
            if found:
                slip, first = found, row
                break
        if slip == "value":
            slip, extra = self.value_slip(claim, comparable, rows)
        owned = extra is not None and extra.get("owner")
        owner = f"{'place' if slip == 'value' else 'owner'}.{slip}" if owned else None
        text = self.slip_text(slip, claim, first, _stored(first), when, extra, owner)
        if disagree:
            text += say("contradicted.disagree", self.lang, values=listed(values, self.lang))
        if extra is not None:
            evidence = evidence + [self.evidence(extra)]
        return Verdict(info, "contradicted", text, slip, evidence, disagree)

    def value_slip(self, claim: Figure, comparable: list[dict], rows: list[dict]) -> tuple[str, dict | None]:
        """Where the claim's number is stored when the evidence disagrees with it: at another period or for another
        metric; answered by no dated figure (or with no period of its own), for another metric of the documents."""
        slip, extra = self.elsewhere_slip(claim, comparable, rows) if claim.period is not None else ("value", None)
        if slip == "value" and (claim.period is None or not any(r.get("period_end") for r in comparable)):
            slip, extra = self.document_metric_slip(claim, {r["doc_id"] for r in comparable})
        return slip, extra

    def elsewhere_slip(self, claim: Figure, comparable: list[dict], rows: list[dict]) -> tuple[str, dict | None]:
        """The claim's number is stored for this metric at another period (or year to date), or at this period
        for a similar metric or another metric of the documents that hold the claim's."""
        documents = {r["doc_id"] for r in comparable}
        others = [r for r in rows if r not in comparable and (r["doc_id"] in documents or _within_reach(claim.period, r))]
        found = self.other_owner_slip(claim) or self.other_period_slip(claim, others) or \
            self.other_period_slip(claim, self.wider_rows(claim, documents)) or \
            self.other_period_slip(claim, self.own_name_rows(claim, documents))
        return found or self.other_metric_slip(claim, documents)

    def other_owner_slip(self, claim: Figure) -> tuple[str, dict] | None:
        """The claim's number is another bank's or firm's figure of its statistic at its period (农业银行不良贷款率
        1.34%, which is 工商银行's): a wrong metric, whose owner is named."""
        if claim.qualifier in ("over", "under"):
            return None
        other = [r for r in self.others_rows if _at(claim.period, r) and r["measure"] == claim.measure
                 and sl.units_comparable(claim, r["unit"], r.get("counter")) and same_number(claim, row_figure(r))]
        return ("wrong_metric", {**other[0], "owner": sorted(self._owners[other[0]["figure_id"]])}) if other else None

    def own_name_rows(self, claim: Figure, documents: set[str]) -> list[dict]:
        """Figures of the evidence's documents named as the claim names its statistic, or by the end of that name
        (``claim_tail``: 留抵退税款 of 退到纳税人账户的留抵退税款), when the evidence was found under another name (the
        release's short 专项债券): the claim's number may be stored there for another period."""
        key = _key(claim.metric) or ""
        return [r for r in self.document_rows(documents, claim.measure) if key and (r["metric_key"] == key or
                _claim_tail(r, key) or _period_end_tail(claim.period, r, key))]

    def wider_rows(self, claim: Figure, documents: set[str]) -> list[dict]:
        """Figures of the evidence's documents whose metric contains the claim's (货物贸易进出口总值 for 进出口): the
        release that states the claim's number may name the statistic in full for another period."""
        key = _key(claim.metric)
        rows = self.document_rows(documents, claim.measure)
        return [r for r in rows if key and r["metric_key"] and r["metric_key"] != key and key in r["metric_key"]]

    def other_period_slip(self, claim: Figure, rows: list[dict]) -> tuple[str, dict] | None:
        """The claim's number is stored for another, stated period (a bound, 逾285万亿, traces no number)."""
        if claim.qualifier in ("over", "under"):
            return None
        other = [r for r in rows if r["measure"] == claim.measure and sl.units_comparable(claim, r["unit"], r.get("counter"))
                 and same_number(claim, row_figure(r))]
        other = [r for r in other if ((r.get("period_end") and not _at(claim.period, r)) or _left_out(claim.period, r))
                 and self.same_reading(claim, r)]
        return ("wrong_period", other[0]) if other else None

    def other_metric_slip(self, claim: Figure, documents: set[str] = frozenset()) -> tuple[str, dict | None]:
        """The claim's number is stored at its period, of its measure and unit, for another metric: one whose name
        is similar, or any metric of a document that states the claim's own (the release the claim misread:
        政府性基金预算收入下降12.2% quoted for 国有土地使用权出让收入)."""
        if claim.qualifier in ("over", "under"):
            return "value", None  # a bound (超过2.2万亿) traces no number
        key = _key(claim.metric)
        other = [r for r in self.rows_at(claim.period, claim) if r["measure"] == claim.measure and r["metric_key"]
                 and r["metric_key"] != key and same_number(claim, row_figure(r)) and self.same_reading(claim, r)]
        placed = _other_place(claim, other)
        if placed:  # the same statistic's number for another place is a wrong value, not another statistic
            return "value", {**placed, "owner": [placed["place"]]}
        other = [r for r in other if _overlap(r["metric_key"], key) >= MIN_OVERLAP] or \
            _one_other_metric(claim, [r for r in other if r["doc_id"] in documents])
        if other:
            other.sort(key=lambda r: (-_overlap(r["metric_key"], key), r["metric_key"], r["doc_id"], r["start"]))
            return "wrong_metric", other[0]
        return "value", None

    def document_metric_slip(self, claim: Figure, documents: set[str]) -> tuple[str, dict | None]:
        """A claim without a period, or one answered only by undated figures (造船完工量、新接订单量、手持订单量…分别占
        世界总量的47.2%、53.8%和47.6%), whose number the evidence's documents state for one other metric, of the claim's
        measure and unit (中央财政承担10% where 分别承担90%和10% gives 10% to 省级财政); a bound only against the
        same bound (实际贷款成本不高于3.2% where 不高于3.2% is the lending rate's cap)."""
        key = _key(claim.metric)
        rows = self.document_rows(documents, claim.measure, claim.unit)
        other = [r for r in rows if r["metric_key"] and r["metric_key"] != key and _same_bound(claim, r)
                 and sl.units_comparable(claim, r["unit"], r.get("counter")) and same_number(claim, row_figure(r))]
        other = _one_other_metric(claim, other, qualified=True)
        return ("wrong_metric", other[0]) if other else ("value", None)

    def slip_text(self, slip: str, claim: Figure, row: dict, stored: str, when: str, extra: dict | None = None,
                  key: str | None = None) -> str:
        """The explanation of a contradiction, from the slip's template in messages.toml (``key`` names another
        template than the slip's own)."""
        context = self.slip_context(slip, claim, row, stored, when, extra)
        context["base"] = say("slip.value", self.lang, **context)
        key = key or f"slip.{slip}"
        template = MESSAGES.template(key, self.lang) if MESSAGES.has(key) else None
        needs = [name for name in ("other", "other_metric", "owner") if "{" + name + "}" in (template or "")]
        if template is None or any(context[name] is None for name in needs):
            return context["base"]
        return template.format(**context)

    def slip_context(self, slip: str, claim: Figure, row: dict, stored: str, when: str, extra: dict | None) -> dict:
        lang = self.lang
        growth = row.get("measure") == "growth_rate"
        base = sl.comparison_class(row.get("comparison"), row.get("period_end"))
        context = {"cite": self.cite(row), "subject": _subject(claim.metric, row.get("measure"), lang),
                   "when": when, "stored": stored, "said": claim.text,
                   "metric": claim.metric or say("figure.unnamed", lang), "other": None, "other_metric": None,
                   "owner": listed(extra["owner"], lang) if extra is not None and extra.get("owner") else None,
                   "what": say("what.growth" if growth else "what.change", lang),
                   "compared": say(f"compared.{base}", lang) if base in ("yoy", "ytd") else ""}
        if slip == "direction":
            context["stored"] = _signed(Decimal(str(row["value"])), row["unit"], lang)
            context["said"] = _signed(claim.value, claim.unit, lang)
        if extra is not None:
            context["other"] = period_text(_period_dict(extra["period_start"], extra["period_end"]), self.lang)
            context["other_metric"] = extra.get("metric")
        return context

    # nothing comparable
    def unverifiable(self, claim: Figure, info: dict, rows: list[dict], key: str, when: str) -> Verdict:
        lang = self.lang
        nearest_periods = self.nearest_periods(claim, rows)
        nearest_metrics = self.nearest_metrics(claim, key)
        text = say("unverifiable.nothing", lang, metric=claim.metric, when=when)
        if nearest_periods:
            text += say("unverifiable.nearest_periods", lang,
                        periods=listed((period_text(p, lang) for p in nearest_periods), lang))
        if nearest_metrics:
            text += say("unverifiable.similar_metrics", lang, metrics=listed(nearest_metrics, lang))
        evidence = []
        hint = self.hint(claim, rows, key)
        if hint:
            text += hint[0]
            evidence = [self.evidence(hint[1])]
        return Verdict(info, "unverifiable", text, None, evidence, False, nearest_periods, nearest_metrics)

    def nearest_periods(self, claim: Figure, rows: list[dict], limit: int = 3) -> list[dict]:
        periods = {(r["period_start"], r["period_end"]) for r in rows if r["period_end"]
                   and r["measure"] == claim.measure}
        if not periods:
            periods = {(r["period_start"], r["period_end"]) for r in rows if r["period_end"]}
        target = claim.period.end if claim.period else dt.date.today().isoformat()
        ordered = sorted(periods, key=lambda p: (_days(p[1], target), p))
        return [{"start": a, "end": b} for a, b in ordered[:limit]]

    def nearest_metrics(self, claim: Figure, key: str, limit: int = 3) -> list[str]:
        """Stored metric keys like the claim's (the store's look-alikes, and those at the claim's period that share
        most of its characters), best score first, then by name: the same list on every run and backend."""
        names = set(self.store.similar_metrics(claim.metric, SIMILAR_POOL))
        if claim.period is not None:
            names |= {r["metric_key"] for r in self.rows_at(claim.period, claim)
                      if r["metric_key"] and _overlap(r["metric_key"], key) >= MIN_OVERLAP}
        names.discard(key)
        return sorted(names, key=lambda m: (-_overlap(m, key), m))[:limit]

    def hint(self, claim: Figure, rows: list[dict], key: str) -> tuple[str, dict] | None:
        """Nothing to compare, but the number matches another period or a similar metric: say so."""
        for row in rows:
            if (row["measure"] == claim.measure and sl.units_comparable(claim, row["unit"], row.get("counter"))
                    and same_number(claim, row_figure(row))):
                other = period_text(_period_dict(row["period_start"], row["period_end"]), self.lang)
                return say("hint.other_period", self.lang, said=claim.text, other=other), row
        if claim.period is not None:
            for row in self.rows_at(claim.period, claim):
                if (row["measure"] == claim.measure and row["metric_key"] != key
                        and _overlap(row["metric_key"] or "", key) >= MIN_OVERLAP and same_number(claim, row_figure(row))):
                    return say("hint.other_metric", self.lang, said=claim.text, metric=row["metric"]), row
        return None


def check_claim(text: str | Record, store, published: str | None = None, lang: str = "zh") -> list[Verdict]:
    """Verdicts for every figure the pipeline finds in ``text`` (a claim, or a whole article)."""
    if isinstance(text, Record):
        return _check_record(text, store, lang)
    named, plain = prepare_claim(text), prepare_claim(text, names=False)
    verdicts = _check_record(analyze(named, published=published, doc_id="claim"), store, lang)
    if named == plain or not any(v.verdict == "unverifiable" for v in verdicts):
        return verdicts
    # a source may use the journalist's name too (中国经济总量达…): a figure found under neither name stays unverifiable
    others = _check_record(analyze(plain, published=published, doc_id="claim"), store, lang)
    if len(others) != len(verdicts):
        return verdicts
    return [o if v.verdict == "unverifiable" else v for v, o in zip(verdicts, others)]


def _check_record(record: Record, store, lang: str) -> list[Verdict]:
    checker = ClaimChecker(store, lang)
    text, published = record.document.text, record.document.published
    checker.claim_text, checker.claim_figures = text, list(record.figures)
    spans = own_spans(text) + stored_owners(store, text)
    checker.claim_published = _day(published)
    checker.own_days = own_day_figures(list(record.figures), checker.claim_published)
    figures = [read_claim_figure(text, figure, published) for figure in record.figures]
    verdicts = []
    for figure in figures:  # each figure is of the firms named up to its statement's end
        checker.claim_names = names_before_statement_end(text, figure.start, spans)
        verdicts.append(checker.check_figure(figure))
    checker.claim_names = frozenset(name for _, name in spans)
    verdicts = check_counts(checker, text, figures, verdicts)
    verdicts = source_sentences(checker, figures, undated_in_source(checker, figures, verdicts))
    return abridged_names(checker, figures, verdicts)


def any_contradicted(verdicts: list[Verdict]) -> bool:
    return any(v.verdict == "contradicted" for v in verdicts)
