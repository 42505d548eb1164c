"""The taxonomy of policy tools, sectors, institutions and metrics (TOML data files beside this module).

Every entry has an id, a canonical simplified-Chinese ``name``, an English ``name_en``, ``aliases``
(abbreviations, older names; traditional forms are covered by normalization) and a ``category``;
tools, sectors and institutions may name a ``parent`` (one canonical name of the same kind, or a list of them:
买断式逆回购 → 逆回购; 科技型中小企业 → 科技型企业 and 中小企业). Records keep the finest name; queries and
trends for a parent include its children (``descendants``, ``roots``);
where public also ``issuer``, ``launched`` and ``retired`` (ISO dates). Metric entries may carry
``tools``/``sectors``/``institutions``: the names a figure of that metric is linked to.

    taxonomy = load_taxonomy()
    taxonomy.get("pboc").name                    # '中国人民银行'
    taxonomy.lookup("金融监管总局").name          # '国家金融监督管理总局'
    metric_key("普惠小微企业贷款余额")             # '普惠小微贷款余额'
"""
from __future__ import annotations

from analyzer.taxonomy.entries import (ARRAY_KIND, BRANCH_BANKS, BRANCH_ENDINGS, DATA_DIR, KINDS, MENTION_ARRAY, Entry, Taxonomy, compact,
                                       kind_name, load_files, load_taxonomy, match_form, match_form_of_normalized,
                                       parse_entries, taxonomy_words, validate)
from analyzer.taxonomy.series import match_series, place_key, placed_key

__all__ = ["ARRAY_KIND", "BRANCH_BANKS", "BRANCH_ENDINGS", "DATA_DIR", "KINDS", "MENTION_ARRAY", "Entry", "Taxonomy", "compact", "kind_name",
           "load_files", "load_taxonomy", "match_form", "match_form_of_normalized", "metric_key", "parse_entries", "place_key", "taxonomy_words", "validate"]


def metric_key(phrase: str, place: str | None = None) -> str:
    """Normalized key that groups one metric's figures across articles (its series).

    A known metric (name or alias in ``metrics.toml``) keys by its canonical name; anything else by its
    compact form (simplified, no spaces or punctuation). Notes in parentheses, place and institution words in
    front, and a scope word that is the statistic's own are set aside first (``series.toml``; see
    ``analyzer.taxonomy.series.match_series`` for the reasons). 普惠小微贷款余额 (PBOC) and 普惠型小微企业贷款余额
    (NFRA), 人民币 and 本外币 loans are different statistics and stay different keys. A figure's ``place`` (天津)
    keeps its own series: 外贸进出口总值@天津, apart from the national 外贸进出口总值 (``series.placed_key``).
    """
    return placed_key(match_series(phrase).key, place)
