"""Figure links: the metric phrase, the clause, the institution that states it; and link scoring."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analyzer.evaluate import score_links
from analyzer.extract.links import Linker
from analyzer.extract.mentions import MentionFinder
from analyzer.records import Document, Figure, Record
from analyzer.taxonomy import load_taxonomy
from analyzer.text.document import TextDoc
from analyzer.normalize import normalize

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
    # a trade partner is what a figure is about, not its actor
    ("东盟为我国第一大贸易伙伴，我国与东盟贸易总值为6.98万亿元。", "6.98万亿元", "与东盟贸易总值",
     {"policy_tools": [], "sectors": [], "institutions": []}),
    ("海关总署公布，我国对欧盟进出口5.86万亿元。", "5.86万亿元", "对欧盟进出口",
     {"policy_tools": [], "sectors": [], "institutions": ["海关总署"]}),
    # a trade measure moves markets but is not what an index measures
    ("受美国加征“对等关税”影响，恒生指数下跌3021.51点。", "3021.51点", "恒生指数",
     {"policy_tools": [], "sectors": [], "institutions": []}),
    # institutions: no document-wide default; a plain statistic whose text names no source links none
    ("人民银行决定降准。\n2019年末，广义货币（M2）余额198.6万亿元。", "198.6万亿元", "广义货币（M2）余额",
     {"policy_tools": [], "sectors": [], "institutions": []}),
    # the speaker of an earlier sentence of the paragraph is the source
    ("据海关总署统计，外贸运行平稳。前11个月货物贸易进出口总值39.79万亿元。", "39.79万亿元", "货物贸易进出口总值",
     {"policy_tools": [], "sectors": ["外贸"], "institutions": ["海关总署"]}),
    # a speaker after the figure, with a source of its own, is not
    ("市场人士分析，贷款利率有望下降0.1个百分点。人民银行表示，将继续引导利率下行。", "0.1个百分点", "贷款利率",
     {"policy_tools": [], "sectors": [], "institutions": []}),
    # recipients listed after 包括 do not act
    ("人民银行设立交通物流专项再贷款。发放对象包括工商银行、农业银行，利率1.75%。", "1.75%", "利率",
     {"policy_tools": ["交通物流专项再贷款"], "sectors": [], "institutions": ["中国人民银行"]}),
    # a named statistic does not inherit the tool of its sentence
    ("去年，人民银行两次降准，全年人民币贷款增加22.75万亿元。", "22.75万亿元", "人民币贷款",
     {"policy_tools": [], "sectors": [], "institutions": ["中国人民银行"]}),
    # released funds are the reserve-requirement cut's, wherever the paragraph names it
    ("本次调整共释放资金约1.5万亿元。此次降准有助于平滑流动性波动。", "约1.5万亿元", "资金",
     {"policy_tools": ["存款准备金率"], "sectors": [], "institutions": []}),
    # a metric naming nothing takes the tool the text was about (here: the previous paragraph's)
    ("人民银行设立设备更新改造专项再贷款。\n二、发放对象为21家全国性金融机构，额度2000亿元。", "2000亿元", "额度",
     {"policy_tools": ["设备更新改造专项再贷款"], "sectors": [], "institutions": []}),
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
    linker(TextDoc.from_record(record))
    return record


@pytest.mark.parametrize("text, figure_text, metric, expected", CASES)
def test_links(stages, text, figure_text, metric, expected):
    assert analyzed(stages, text, figure_text, metric).figures[0].links == expected


def test_respectively_pairs_institutions_and_figures(stages):
    finder, linker = stages
    text = "工商银行、建设银行分别实现净利润3639.93亿元、3326.53亿元，四行合计约7000亿元。"
    figures = [Figure(text=t, start=text.index(t), end=text.index(t) + len(t), value=Decimal(1), unit="currency",
                      metric="净利润") for t in ("3639.93亿元", "3326.53亿元", "约7000亿元")]
    record = Record(Document(id="t", text=text), figures=figures)
    found = finder(normalize(text), text)
    record.policy_tools, record.sectors, record.institutions = (found[k] for k in ("policy_tools", "sectors",
                                                                                  "institutions"))
    linker(TextDoc.from_record(record))
    assert [f.links["institutions"] for f in record.figures] == [
        ["中国工商银行"], ["中国建设银行"], ["中国工商银行", "中国建设银行"]]


@pytest.mark.parametrize("text, expected", [
    # the list refers back (四家银行) to the four banks of the sentence before: in order
    ("工商银行、农业银行、建设银行和中国银行分别实现净利润3658亿元、2820亿元、3355亿元和2378亿元。资产质量方面，"
     "四家银行年末不良贷款率分别为1.34%、1.30%、1.34%和1.25%。",
     [["中国工商银行"], ["中国农业银行"], ["中国建设银行"], ["中国银行"]]),
    # no word refers back: the earlier subjects, as before
    ("工商银行、农业银行发布年报。资产质量方面，不良贷款率分别为1.34%和1.30%。",
     [["中国工商银行", "中国农业银行"], ["中国工商银行", "中国农业银行"]]),
])
def test_a_list_that_refers_back_pairs_with_the_names_listed_before(stages, text, expected):
    finder, linker = stages
    rates = ("1.34%", "1.30%", "1.34%", "1.25%")
    figures, at = [], text.index("不良贷款率")
    for rate in rates[:len(expected)]:
        at = text.index(rate, at)
        figures.append(Figure(text=rate, start=at, end=at + len(rate), value=Decimal(1), unit="percent",
                              metric="不良贷款率"))
        at += len(rate)
    record = Record(Document(id="t", text=text), figures=figures)
    found = finder(normalize(text), text)
    record.policy_tools, record.sectors, record.institutions = (found[k] for k in ("policy_tools", "sectors",
                                                                                  "institutions"))
    linker(TextDoc.from_record(record))
    assert [f.links["institutions"] for f in record.figures] == expected


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
    # a finer prediction counts as the parent the gold names; an alias as its entry; no double credit
    ({(0, 2): {"policy_tools": ["逆回购"]}}, {(0, 2): {"policy_tools": ["买断式逆回购"]}}, (1, 1, 1)),
    ({(0, 2): {"sectors": ["科技型企业", "中小企业"]}}, {(0, 2): {"sectors": ["科技型中小企业", "中小企业"]}}, (2, 2, 2)),
    ({(0, 2): {"institutions": ["阿里巴巴集团"]}}, {(0, 2): {"institutions": ["阿里巴巴"]}}, (1, 1, 1)),
    ({(0, 2): {"policy_tools": ["买断式逆回购"]}}, {(0, 2): {"policy_tools": ["逆回购"]}}, (0, 1, 1)),
])
def test_score_links(gold, pred, expected):
    result = score_links([_record(gold)], [_record(pred)])
    assert (result["matched"], result["predicted"], result["gold"]) == expected
