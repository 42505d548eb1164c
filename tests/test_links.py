"""Figure links: the metric phrase, the clause, the institution that states it; and link scoring."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analyzer.extract.links import Linker, score_links
from analyzer.extract.mentions import MentionFinder
from analyzer.records import Document, Figure, Record
from analyzer.taxonomy import load_taxonomy
from analyzer.text.normalize import normalize

# text, figure text, its metric → expected links (kind → names)
CASES = [
    ("人民银行数据显示，普惠小微贷款余额35.3万亿元。小微企业融资成本下降。", "35.3万亿元", "普惠小微贷款余额",
     {"policy_tools": [], "sectors": ["小微企业"], "institutions": ["中国人民银行"]}),
    ("无还本续贷政策扩大实施范围以来，小微企业累计续贷金额达4.4万亿元。", "4.4万亿元", "续贷金额",
     {"policy_tools": ["无还本续贷"], "sectors": ["小微企业"], "institutions": []}),
    ("人民银行下调支农支小再贷款利率0.25个百分点，支持三农和小微企业。", "0.25个百分点", "支农支小再贷款利率",
     {"policy_tools": ["支农支小再贷款"], "sectors": ["三农", "小微企业"], "institutions": ["中国人民银行"]}),
    ("人民银行决定降准0.5个百分点，释放长期资金约1万亿元。", "约1万亿元", "长期资金",
     {"policy_tools": ["存款准备金率"], "sectors": [], "institutions": ["中国人民银行"]}),
    ("人民银行设立交通物流专项再贷款。再贷款支持比例为100%。", "100%", "再贷款支持比例",
     {"policy_tools": ["交通物流专项再贷款"], "sectors": [], "institutions": ["中国人民银行"]}),
    ("海关总署公布，外贸进出口总值31.54万亿元。", "31.54万亿元", "外贸进出口总值",
     {"policy_tools": [], "sectors": ["外贸"], "institutions": ["海关总署"]}),
    # a sector the document never mentions is not linked, even when the metric implies it
    ("普惠小微贷款余额35.3万亿元。", "35.3万亿元", "普惠小微贷款余额",
     {"policy_tools": [], "sectors": [], "institutions": []}),
]


@pytest.fixture(scope="module")
def stages():
    taxonomy = load_taxonomy()
    return MentionFinder(taxonomy), Linker(taxonomy)


def analyzed(stages, text: str, figure_text: str, metric: str) -> Record:
    finder, linker = stages
    start = text.index(figure_text)
    record = Record(Document(id="t", text=text), figures=[
        Figure(text=figure_text, start=start, end=start + len(figure_text), value=Decimal(1), unit="other",
               metric=metric)])
    normalized = normalize(text)
    found = finder(normalized, text)
    record.policy_tools, record.sectors, record.institutions = (found[k] for k in ("policy_tools", "sectors",
                                                                                  "institutions"))
    linker(record, normalized)
    return record


@pytest.mark.parametrize("text, figure_text, metric, expected", CASES)
def test_links(stages, text, figure_text, metric, expected):
    assert analyzed(stages, text, figure_text, metric).figures[0].links == expected


def test_tool_action_carries_its_figure(stages):
    record = analyzed(stages, "人民银行下调存款准备金率0.5个百分点。", "0.5个百分点", "存款准备金率")
    tool = record.policy_tools[0]
    assert (tool.extra["action"], tool.extra["figure"]) == ("下调", "0.5个百分点")


def _record(links_by_span: dict[tuple[int, int], dict]) -> dict:
    return {"doc": {"id": "d"}, "figures": [{"text": "x", "start": s, "end": e, "links": links}
                                             for (s, e), links in links_by_span.items()]}


@pytest.mark.parametrize("gold, pred, expected", [
    ({(0, 2): {"sectors": ["小微企业"]}}, {(0, 2): {"sectors": ["小微企业"]}}, (1, 1, 1)),
    ({(0, 2): {"sectors": ["小微企业"]}}, {(1, 3): {"sectors": ["小微企业", "三农"]}}, (1, 2, 1)),
    ({(0, 2): {"sectors": ["小微企业"]}}, {(5, 7): {"sectors": ["小微企业"]}}, (0, 0, 0)),  # figure unmatched
    ({(0, 2): {"policy_tools": ["再贷款"], "sectors": []}}, {(0, 2): {"sectors": ["再贷款"]}}, (0, 1, 1)),
])
def test_score_links(gold, pred, expected):
    result = score_links([_record(gold)], [_record(pred)])
    assert (result["matched"], result["predicted"], result["gold"]) == expected
