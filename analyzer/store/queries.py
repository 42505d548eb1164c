"""SELECT statements behind ``query``, ``timeline``, ``trends`` and the pandas API (SQLAlchemy Core)."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from analyzer.errors import StoreError
from analyzer.store.base import TREND_KINDS, FigureQuery
from analyzer.store.rows import cached_metric_key
from analyzer.store.schema import documents, figures, links, mentions, sentences
from analyzer.taxonomy import BRANCH_BANKS, BRANCH_ENDINGS, load_taxonomy, place_key
from analyzer.taxonomy.series import PLACE_MARK

d, f, s, m, lk = documents.c, figures.c, sentences.c, mentions.c, links.c

FIGURE_COLUMNS = (
    d.doc_id, d.source, d.published, f.id.label("figure_id"), s.text.label("sentence"),
    s.start.label("sentence_start"), f.text, f.start, f.end, f.value, f.value_num, f.value_high, f.unit,
    f.counter, f.qualifier, f.measure, f.comparison, f.metric, f.metric_key, f.place, f.period_start, f.period_end,
)


def metric_condition(metric: str, place: str | None = None):
    """A figure's metric has the phrase's normalized key, or ``metric`` is itself a key (index-friendly); with
    ``place`` the key of that place's series (外贸进出口总值@天津), without it the national one."""
    return f.metric_key.in_(sorted({metric, cached_metric_key(metric, place)}))


def any_place_condition(metric: str):
    """The metric's figures of every place: its national key or that key with any @place."""
    key = cached_metric_key(metric)
    return sa.or_(metric_condition(metric), f.metric_key.like(like_pattern(key + PLACE_MARK)[1:], escape="\\"))


def place_condition(place: str):
    """Figures of ``place`` (天津 also finds 天津市: the series' place key); a national word finds figures with none."""
    where = place_key(place)
    if where is None:
        return f.place.is_(None)
    return f.metric_key.like(like_pattern(PLACE_MARK + where)[:-1], escape="\\")


def next_day(date: str) -> str:
    """The day after an ISO date: an inclusive ``--published-to`` also covers date-times on that day."""
    try:
        return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        raise StoreError(f"{date!r} is not a date like 2025-05-26") from None


def like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def reference_set_select(set_name: str):
    """The ids, metas and content hashes of the stored documents whose id begins ``reference:SET:`` (LIKE
    wildcards escaped): a superset of the set's rows, which the caller keeps by ``meta.reference_set`` (the id alone
    cannot tell set ``a`` from set ``a:b``)."""
    prefix = f"reference:{set_name}:".replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.select(d.doc_id, d.meta, d.content_hash).where(d.kind == "reference",
                                                             d.doc_id.like(f"{prefix}%", escape="\\"))


def with_children(name: str) -> list[str]:
    """``name`` (its canonical form when it is a taxonomy name or alias) and every narrower entry's name: a query
    for 逆回购 also finds 买断式逆回购 and 隔夜逆回购, one for 中小企业 also 中小微企业 and 科技型中小企业."""
    taxonomy = load_taxonomy()
    entry = taxonomy.lookup(name)
    canonical = entry.name if entry is not None and entry.kind != "metrics" else name
    return sorted({name, canonical, *taxonomy.descendants(canonical)})


# the kinds whose names read outside the taxonomy are a modifier and a name's head (绿色再贷款, 专精特新中小企业), so
# narrower than the taxonomy name they end with; an institution's is another body (俄罗斯外交部 is not within 外交部,
# China's ministry; 英国国家统计局 not within 国家统计局): only a bank's branch is within its bank (``branches``)
NARROWER_BY_ENDING = ("policy_tool", "sector")


def outside_names(kind: str, names: list[str]) -> sa.Select:
    """Names of ``kind`` read outside the taxonomy (``in_taxonomy`` false) that end with one of ``names``: they are
    narrower than it, as the taxonomy's children are (the tool-name grammar's 绿色再贷款 under 再贷款, as 支农再贷款).
    None for institutions (``NARROWER_BY_ENDING``)."""
    if kind not in NARROWER_BY_ENDING:
        return sa.select(m.name).where(sa.false())
    return sa.select(m.name).where(m.kind == kind, m.in_taxonomy.is_(False),
                                   sa.or_(*(m.name.like("%" + like_pattern(n)[1:-1], escape="\\") for n in names)))


def branches(kind: str, names: list[str]) -> list:
    """Conditions on a mention's name that find the branches of the banks among ``names`` (a query for 中国工商银行
    finds 中国工商银行苏州分行 and 工行多哈分行: names read outside the taxonomy that begin with one of the bank's
    names and end with a branch word; the convention of 2026-12-07). A name that begins with another bank's longer
    name is that bank's branch, as ``Taxonomy.branch_parent`` (trends --rollup, serve) reads it: 中国银行（香港）深圳分行
    is 中银香港's, not 中国银行's. None for tools and sectors."""
    if kind != "institution":
        return []
    taxonomy = load_taxonomy()
    banks = [e for e in map(lambda n: taxonomy.lookup(n, "institutions"), names) if e and e.category in BRANCH_BANKS]
    prefixes = sorted({alias for bank in banks for alias in bank.names})
    endings = sa.or_(*(m.name.like("%" + like_pattern(word)[1:-1], escape="\\") for word in BRANCH_ENDINGS))
    return [sa.and_(m.in_taxonomy.is_(False), m.name.like(like_pattern(p)[1:], escape="\\"), endings,
                    *(m.name.notlike(like_pattern(o)[1:], escape="\\") for o in _longer_bank_names(banks, p)))
            for p in prefixes]


def _longer_bank_names(banks: list, prefix: str) -> list[str]:
    """The names of the taxonomy's banks other than ``banks`` that begin with ``prefix`` and run on past it
    (中银香港's 中国银行（香港） after 中国银行): a name that begins with one is that bank's branch."""
    return [name for entry in load_taxonomy().of_kind("institutions") if entry.category in BRANCH_BANKS
            and entry not in banks for name in entry.names if name.startswith(prefix) and name != prefix]


def named(kind: str, name: str):
    """Figures linked to ``name`` (or a narrower entry, an outside name or a bank's branch) or in a sentence that
    mentions it (by canonical name or as written)."""
    names = with_children(name)
    outside = outside_names(kind, names)
    branch = branches(kind, names)
    if branch:  # links name a branch as its mention does: the branch names the store holds
        outside = outside.union(sa.select(m.name).where(m.kind == kind, sa.or_(*branch)))
    linked = sa.select(lk.figure_id).where(lk.kind == kind, sa.or_(lk.name.in_(names), lk.name.in_(outside)))
    mentioned = sa.select(m.sentence_id).where(m.kind == kind, sa.or_(m.name.in_(names), m.text == name,
                                                                      m.name.in_(outside)))
    return sa.or_(f.id.in_(linked), f.sentence_id.in_(mentioned))


def figure_select(query: FigureQuery) -> sa.Select:
    statement = (sa.select(*FIGURE_COLUMNS).select_from(figures.join(documents, f.document_id == d.id)
                                                        .outerjoin(sentences, f.sentence_id == s.id)))
    conditions = []
    if query.metric:
        conditions.append(any_place_condition(query.metric) if query.place is None else
                          metric_condition(query.metric, query.place))
    if query.place:
        conditions.append(place_condition(query.place))
    for kind, name in (("policy_tool", query.tool), ("sector", query.sector), ("institution", query.institution)):
        if name:
            conditions.append(named(kind, name))
    for column, value in ((d.source, query.source), (d.doc_id, query.doc_id), (f.unit, query.unit),
                          (f.measure, query.measure)):
        if value:
            conditions.append(column == value)
    if query.published_from:
        conditions.append(d.published >= query.published_from)
    if query.published_to:
        conditions.append(d.published < next_day(query.published_to))
    if query.period_from:
        conditions.append(f.period_start >= query.period_from)
    if query.period_to:
        conditions.append(f.period_end <= query.period_to)
    if query.search:
        conditions.append(s.text.like(like_pattern(query.search), escape="\\"))
    statement = statement.where(*conditions).order_by(d.published, d.doc_id, f.start)
    return statement.limit(query.limit) if query.limit else statement


def mention_select(kind: str | None = None, name: str | None = None) -> sa.Select:
    statement = (sa.select(d.doc_id, d.source, d.published, m.kind, m.name, m.text, m.start, m.end, m.in_taxonomy,
                           s.text.label("sentence"))
                 .select_from(mentions.join(documents, m.document_id == d.id)
                              .outerjoin(sentences, m.sentence_id == s.id)))
    kind = TREND_KINDS.get(kind, kind).rstrip("s") if kind else None
    if kind:
        statement = statement.where(m.kind == kind)
    if name:
        names = with_children(name)
        outside = [m.name.in_(outside_names(kind, names)), *branches(kind, names)] if kind else []
        statement = statement.where(sa.or_(m.name.in_(names), m.text == name, *outside))
    return statement.order_by(d.published, d.doc_id, m.start)


def sentence_names_select(figure_ids: list[int], kind: str) -> sa.Select:
    """(figure id, name) of the mentions of ``kind`` in the sentence that holds each figure."""
    return (sa.select(f.id, m.name).select_from(figures.join(mentions, m.sentence_id == f.sentence_id))
            .where(f.id.in_(figure_ids), m.kind == kind).order_by(f.id, m.start))


def linked_names_select(figure_ids: list[int], kind: str) -> sa.Select:
    """(figure id, name) of each figure's links of ``kind``."""
    return sa.select(lk.figure_id, lk.name).where(lk.figure_id.in_(figure_ids), lk.kind == kind).order_by(lk.figure_id,
                                                                                                           lk.id)


def timeline_select(metric: str, measure: str | None = None, place: str | None = None) -> sa.Select:
    """The dated figures of one series: the metric's national figures, or with ``place`` that place's."""
    statement = (sa.select(f.period_start, f.period_end, f.measure, f.comparison, f.unit, f.value, f.value_high, f.qualifier,
                           f.metric, f.place, d.doc_id, d.source, d.published)
                 .select_from(figures.join(documents, f.document_id == d.id))
                 .where(metric_condition(metric, place), f.period_end.is_not(None)))
    if measure:
        statement = statement.where(f.measure == measure)
    return statement.order_by(f.period_end, f.period_start, d.published, d.doc_id, f.id)


def places_select(metric: str) -> sa.Select:
    """(series key, figures) of the metric's series of other places than the national one, by count: one row a
    place as the series key spells it (货物贸易进出口总值@天津 for 天津 and 天津市 alike)."""
    key = cached_metric_key(metric)
    statement = sa.select(f.metric_key, sa.func.count()).where(
        f.metric_key.like(like_pattern(key + PLACE_MARK)[1:], escape="\\"), f.period_end.is_not(None))
    return statement.group_by(f.metric_key).order_by(sa.func.count().desc(), f.metric_key)


def similar_metrics_select(metric: str, limit: int) -> sa.Select:
    pattern = like_pattern(cached_metric_key(metric)[:4] or metric)
    return (sa.select(f.metric_key).where(f.metric_key.like(pattern, escape="\\")).group_by(f.metric_key)
            .order_by(sa.func.count().desc()).limit(limit))


def trend_select(by: str) -> sa.Select:
    if by not in TREND_KINDS:
        raise StoreError(f"cannot count trends by {by!r}; choose from {', '.join(TREND_KINDS)}")
    return (sa.select(d.published, m.name, m.document_id).select_from(mentions.join(documents, m.document_id == d.id))
            .where(m.kind == TREND_KINDS[by], d.published.is_not(None)))
