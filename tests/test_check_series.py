"""Claim checks that a journalist can rely on: series-aware matching, the slips on changes and counts, official
reference series ranked above news, and the Markdown fact-check box — against a small constructed store."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyzer.check import check_claim
from analyzer.check.markdown import render_markdown
from analyzer.cli import main
from analyzer.records import Document
from analyzer.store import StoredRecord, open_store
from analyzer.store.references import ReferenceFileError, import_references, parse_period, read_reference_file

# (id, source, title, published, url, text): written for these tests
DOCS = [
    ("s1", "国家统计局", None, "2024-11-15", None, "2024年1-10月，全国固定资产投资（不含农户）同比增长3.4%。"),
    ("s2", None, "利率调整", "2024-10-21", "https://example.org/lpr", "10月21日，1年期LPR下调25个基点。"),
    ("s3", "金融时报", None, None, None,
     "2024年末，金融机构人民币各项贷款余额255.68万亿元，比年初增长7.6%。本外币贷款余额259.6万亿元。"),
    ("s4", "经济日报", "获贷率", "2025-01-20", None,
     "2024年末，普惠小微贷款获贷率比上年同期高3.6个百分点。普惠小微授信户数6000万户。"),
    ("s5", "新华社", "物价", "2025-01-09", None, "2024年，全国居民消费价格同比上涨0.2%。出口降幅收窄0.5个百分点。"),
    ("s6", "新华社", "小微", "2025-01-15", None, "2024年末，人民币普惠小微贷款余额32.93万亿元。"),
    ("s7", "某网站", "转载", "2025-01-16", None, "2024年全年社会融资规模增量为32.5万亿元。"),
    ("s8", "证券报", "贷款", "2024-07-15", None, "2024年6月末，人民币贷款余额比年初增长5.6%。"),
]
REFERENCE = """# written for the tests
metric,period,value,unit,measure,comparison,source,title,url
社会融资规模增量,2024,32.26,万亿元,flow,,中国人民银行,2024年社会融资规模增量统计数据报告,https://example.org/pboc
"""
PUBLISHED = "2025-02-01"

CASES = [
    # claim, verdict, slip, words the explanation must contain
    ("2024年10月，固定资产投资同比增长3.4%", "contradicted", "wrong_period", "不是2024-10-01至2024-10-31当期的增速"),
    ("2024年1-10月，固定资产投资同比增长3.4%", "supported", None, "注释（不含农户）已忽略"),
    ("2024年6月末，人民币贷款余额同比增长5.6%", "contradicted", "ytd_as_yoy", "比年初的增速为"),
    ("去年10月，1年期LPR下调25个百分点", "contradicted", "bp_vs_point", "基点"),
    ("去年10月，1年期LPR下调0.25个百分点", "supported", None, "-25个基点"),
    ("2024年末，人民币贷款余额为255.68万亿元", "supported", None, "同一序列：范围词不同（金融机构）"),
    ("2024年末，各项贷款余额为259.6万亿元", "supported", None, "可指多个序列：本外币贷款余额、人民币贷款余额"),
    ("2024年末，获贷率比上年同期高3.6%", "contradicted", "percent_vs_point", "百分比与百分点"),
    ("2024年末，普惠小微授信户数6000户", "contradicted", "scale", "户与万户"),
    ("2024年，CPI同比下降0.2%", "contradicted", "direction", "上升0.2%，而非下降0.2%"),
    ("2024年，出口降幅扩大0.5个百分点", "contradicted", "direction", "方向说反了"),
    ("2024年，CPI同比上涨0.3%", "contradicted", "value", "0.2%"),
    ("2024年，居民消费价格同比增长0.2%", "supported", None, "相符"),
    ("2024年末，普惠小微贷款余额32.93万亿元", "supported", None, "人民币即该统计口径"),
    ("2024年末，本外币普惠小微贷款余额32.93万亿元", "unverifiable", None, "没有"),
    ("2024年末，不良贷款率为1.5%", "unverifiable", None, "没有"),
    # journalists' bounds the extractor leaves exact, and a claim without a period
    ("2024年末普惠小微贷款余额破30万亿", "supported", None, "普惠小微贷款余额（2024-12-31）"),
    ("2024年末普惠小微贷款余额破40万亿", "contradicted", "value", "32.93万亿元"),
    ("普惠小微贷款余额为30万亿元", "unverifiable", None, "未注明时期"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    directory = tmp_path_factory.mktemp("series")
    opened = open_store(str(directory / "series.db"))
    opened.write([StoredRecord(pipeline.analyze(Document(id=i, text=t, title=title, source=s, published=p, url=u)),
                               i, "test") for i, s, title, p, u, t in DOCS])
    reference = directory / "reference.csv"
    reference.write_text(REFERENCE, encoding="utf-8")
    assert import_references(opened, str(reference), "test-ref") == 1
    yield opened
    opened.close()


def one(claim: str, store, lang: str = "zh"):
    verdicts = check_claim(claim, store, published=PUBLISHED, lang=lang)
    assert len(verdicts) == 1, [v.figure["text"] for v in verdicts]
    return verdicts[0]


@pytest.mark.parametrize("claim, verdict, slip, words", CASES)
def test_verdicts_and_slips(store, claim, verdict, slip, words):
    v = one(claim, store)
    assert (v.verdict, v.slip) == (verdict, slip), v.explanation
    assert words in v.explanation


def test_level_quoted_as_growth(store, pipeline):
    extra = open_store(":memory:")
    extra.write([StoredRecord(pipeline.analyze(Document(id="npl", text="2024年末，商业银行不良贷款率为1.5%。",
                                                        published="2025-02-10")), "npl", "test")])
    v = one("2024年末，商业银行不良贷款率同比增长1.5%", extra)
    extra.close()
    assert (v.verdict, v.slip) == ("contradicted", "level_as_growth")


def test_series_reasons_and_candidates_are_in_the_verdict(store):
    v = one("2024年末，各项贷款余额为259.6万亿元", store)
    assert v.series["key"] == "本外币贷款余额"
    assert set(v.series["candidates"]) == {"本外币贷款余额", "人民币贷款余额"} and v.series["chosen_because"] == "agrees"
    v = one("2024年末，人民币贷款余额为255.68万亿元", store, lang="en")
    assert "same series: scope words differ (金融机构)" in v.series["reasons"]


def test_official_reference_ranks_above_news(store):
    v = one("2024年全年社会融资规模增量为32.5万亿元", store)
    assert (v.verdict, v.basis) == ("contradicted", "official")
    assert v.evidence[0].rank == "official" and v.evidence[0].url == "https://example.org/pboc"
    assert "官方统计" in v.explanation and "以官方统计为准" in v.explanation
    assert any(e.doc_id == "s7" and e.agrees for e in v.evidence)
    good = one("2024年全年社会融资规模增量为32.26万亿元", store, lang="en")
    assert (good.verdict, good.basis) == ("supported", "official") and "official statistics" in good.explanation


def test_missing_metadata_is_said_plainly(store):
    v = one("2024年末，人民币贷款余额为255.68万亿元", store)
    assert "金融时报（日期不详）" in v.explanation
    v = one("去年10月，1年期LPR下调0.25个百分点", store, lang="en")
    assert "unknown source (document s2)" in v.explanation


def test_markdown_box(store):
    claim = "2024年末，普惠小微授信户数6000户"
    box = render_markdown(claim, check_claim(claim, store, published=PUBLISHED), PUBLISHED)
    lines = box.splitlines()
    assert all(line.startswith(">") for line in lines)
    assert "**结论**：❌ 有误" in box and "`scale`" in box and "经济日报《获贷率》，2025-01-20" in box
    assert "“2024年末，普惠小微贷款获贷率比上年同期高3.6个百分点。" in box or "授信户数6000万户" in box
    lpr = "去年10月，1年期LPR下调0.25个百分点"
    box = render_markdown(lpr, check_claim(lpr, store, published=PUBLISHED), PUBLISHED, lang="en")
    assert "[source](<https://example.org/lpr>)" in box and "source unknown" in box and "✅ Supported" in box
    assert render_markdown("无数字", [], None).count("未找到可核查的数字") == 1


@pytest.mark.parametrize("published, day", [("Sat, 01 Aug 2026 10:00:00 +0800", "2026-08-01"),
                                            ("2025-05-26T10:00:00", "2025-05-26"), (None, None),
                                            (float("nan"), None), ("", None)])
def test_publication_dates_are_shown_as_days(published, day):
    from analyzer.check.claims import _day
    assert _day(published) == day


def test_markdown_escapes_text():
    from analyzer.check.markdown import escape
    assert escape("a*b_c|d[e]") == "a\\*b\\_c\\|d\\[e\\]"


# --- reference import -------------------------------------------------------------------------------------------

BAD_ROWS = [
    # a row, the problem its error line names
    ("普惠小微贷款余额,2024-12-31,abc,万亿元,level,,中国人民银行,,https://example.org", "not a number"),
    ("普惠小微贷款余额,2024-13,32.93,万亿元,level,,中国人民银行,,https://example.org", "is not 2024"),
    ("普惠小微贷款余额,2024-12-31,32.93,万亿美金,level,,中国人民银行,,https://example.org", "unit '万亿美金'"),
    ("普惠小微贷款余额,2024-12-31,32.93,万亿元,level,,中国人民银行,,www.example.org", "not an http(s) address"),
    (",2024-12-31,32.93,万亿元,level,,中国人民银行,,https://example.org", "missing metric"),
    ("CPI,2024,0.2,%,,,国家统计局,,https://example.org", "give a measure"),
    ("CPI,2024,0.2,%,growth,,国家统计局,,https://example.org", "measure 'growth'"),
    ("CPI,2024,0.2,%,growth_rate,annual,国家统计局,,https://example.org", "comparison 'annual'"),
    ("CPI,2024,0.2,%,growth_rate,yoy,国家统计局", "cells where the header has 9"),
]
HEADER = "metric,period,value,unit,measure,comparison,source,title,url"
GOOD_ROW = "居民消费价格指数,2024,0.2,%,growth_rate,yoy,国家统计局,统计公报,https://example.org/nbs"


@pytest.mark.parametrize("row, problem", BAD_ROWS)
def test_a_bad_row_is_named_and_nothing_is_imported(tmp_path, row, problem):
    path = tmp_path / "ref.csv"
    path.write_text("\n".join(["# comment", HEADER, GOOD_ROW, row]) + "\n", encoding="utf-8")
    db = str(tmp_path / "ref.db")
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors[0].startswith(f"Error: {path}:4: ") and problem in errors[0], result.stderr
    assert "Traceback" not in result.output and "nothing imported" in errors[-1]
    with open_store(db) as store:
        assert store.counts()["documents"] == 0


def test_every_bad_row_gets_its_own_line(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("\n".join([HEADER, *(row for row, _ in BAD_ROWS), GOOD_ROW, GOOD_ROW]) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceFileError) as error:
        read_reference_file(str(path), "t")
    assert len(error.value.lines) == len(BAD_ROWS) + 1  # and the duplicate of the good row
    assert error.value.lines[-1].endswith(f"the same metric, measure and period as line {len(BAD_ROWS) + 2}")
    assert [line.split(": ")[0] for line in error.value.lines[:2]] == [f"{path}:2", f"{path}:3"]


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("metric,period,value,unit,source\n", encoding="utf-8")
    with pytest.raises(ReferenceFileError) as error:
        read_reference_file(str(path), "t")
    assert error.value.lines == [f"{path}:1: missing column(s) url; columns are metric, period, value, unit, "
                                 "source, url, measure, comparison, title, published"]


@pytest.mark.parametrize("text, start, end", [("2024", "2024-01-01", "2024-12-31"), ("2024-Q1", "2024-03-31", "2024-03-31"),
                                              ("2024-02", "2024-02-01", "2024-02-29"),
                                              ("2024-12-31", "2024-12-31", "2024-12-31"),
                                              ("2024-01/2024-10", "2024-01-01", "2024-10-31")])
def test_reference_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


def test_shipped_reference_file_imports_and_is_cited(tmp_path):
    from conftest import ROOT
    db = str(tmp_path / "shipped.db")
    runner = CliRunner()
    path = ROOT / "references" / "pboc-nbs.csv"
    assert "from memory" in path.read_text(encoding="utf-8").split("metric,")[0].lower()
    result = runner.invoke(main, ["reference", "import", str(path), "--source", "pboc-nbs", "--db", db])
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["reference", "import", str(path), "--source", "pboc-nbs", "--db", db])
    assert again.exit_code == 0
    with open_store(db) as store:
        documents = store.documents()
        assert len(documents) == len(read_reference_file(str(path), "pboc-nbs"))  # replaced, not doubled
        assert documents["url"].str.startswith("http").all()
    out = runner.invoke(main, ["check", "2024年末普惠小微贷款余额同比增长14.6%", "--db", db, "--published",
                               "2025-03-01", "-f", "json"])
    verdict = json.loads(out.output)["verdicts"][0]
    assert (verdict["verdict"], verdict["basis"]) == ("supported", "official")


@pytest.mark.parametrize("text, inside, outside", [
    ("下降近4%", "-3.8", "-4.2"),       # a fall of a little under 4%
    ("下降超过3%", "-3.4", "-2.9"),     # a fall of more than 3%
    ("增长近4%", "3.8", "4.2"),
    ("增长超过3%", "3.4", "2.9"),
    ("同比下降69%至79%", "-75", "-65"),  # a range of falls
    # 约 rounds at the last non-zero digit, at most 5% off
    ("利润总额约5.4万亿元", "5370000000000", "5300000000000"),
    ("利润总额约5.3万亿元", "5340000000000", "5370000000000"),
    ("减少约210万人", "2080000", "2040000"),
    ("减排约2900万吨", "28760000", "28400000"),
    ("增长约100%", "104", "106"),
])
def test_bounds_apply_to_the_size_of_a_fall(text, inside, outside):
    from decimal import Decimal

    from analyzer.check.precision import interval
    from analyzer.pipeline import analyze
    admitted = interval(analyze(text).figures[0])
    assert admitted.contains(Decimal(inside)) and not admitted.contains(Decimal(outside))


GROWTH_CASES = [
    # claims of growth over a written base, checked against the two stored levels (11.59 → 32.93: +184.1%)
    ("2024年末普惠小微贷款余额比2019年末增长1.8倍", "supported"),
    ("2024年末普惠小微贷款余额较2019年末增长约184%", "supported"),
    ("2024年末普惠小微贷款余额较2019年末翻了一番多", "supported"),
    ("与2019年末相比，2024年末普惠小微贷款余额增长两成", "contradicted"),
    ("2024年末普惠小微贷款余额较2019年末翻了两番", "contradicted"),
    ("2024年末普惠小微贷款余额较2015年末增长1.8倍", "unverifiable"),
    ("2024年末，普惠小微贷款余额五年间翻番", "supported"),          # at least doubled
    ("2024年末，普惠小微贷款余额五年间翻了一番", "contradicted"),    # about doubled: it nearly tripled
    ("2024年末，普惠小微贷款余额近5年来增长超过1.8倍", "supported"),
]


@pytest.fixture(scope="module")
def levels(pipeline):
    store = open_store(":memory:")
    docs = [("l1", "2020-02-01", "2019年末，普惠小微贷款余额11.59万亿元。"),
            ("l2", "2025-02-01", "2024年末，普惠小微贷款余额32.93万亿元。")]
    store.write([StoredRecord(pipeline.analyze(Document(id=i, text=t, published=p, source="测试")), i, "t")
                 for i, p, t in docs])
    yield store
    store.close()


@pytest.mark.parametrize("claim, verdict", GROWTH_CASES)
def test_growth_over_a_written_base(levels, claim, verdict):
    v = one(claim, levels)
    assert v.verdict == verdict, v.explanation
    if verdict != "unverifiable":
        assert "184.1%" in v.explanation and {e.doc_id for e in v.evidence} == {"l1", "l2"}


def test_undated_news_items_answer_a_dated_claim(pipeline):
    """A news item stored without a date (and so without periods) still answers a claim of some day, and a
    claim may name a series in short (美国10年期国债收益率 for 美国10年期基准国债收益率)."""
    store = open_store(":memory:")
    text = "美国10年期基准国债收益率跌4.59个基点，报1.7581%。纳指涨0.63%，硅宝科技预计2021年净利润2.52亿元-2.92亿元。"
    store.write([StoredRecord(pipeline.analyze(Document(id="u1", text=text)), "u1", "t")])
    cases = [("纳指收涨0.63%", "supported", None), ("纳指收跌0.63%", "contradicted", "direction"),
             ("美国10年期国债收益率跌4.59个百分点", "contradicted", "bp_vs_point"),
             ("美国10年期国债收益率报1.7581%", "supported", None),
             ("硅宝科技预计2021年净利润最多2.92亿元", "supported", None)]
    got = [(claim, *(lambda v: (v.verdict, v.slip))(one(claim, store))) for claim, _, _ in cases]
    store.close()
    assert got == cases


CONTEXT_CASES = [
    # the stored sentence has the number but no usable metric: found by the claim's words
    ("10月9日，软银集团盘中涨超13%", "supported", None),
    ("10月9日，台积电微涨0.3%", "contradicted", "value"),           # 0.03%, right after 台积电…微涨
    ("10月9日，德国DAX指数下跌0.3%", "contradicted", "direction"),
    # a catalogued statistic is never matched by words: 普惠型小微企业贷款 is not 普惠小微贷款
    ("2025年6月末，普惠小微贷款余额为35.9万亿元", "unverifiable", None),
    # words that lead nowhere near a number do not contradict
    ("10月9日，台积电全年营收增长30%", "unverifiable", None),
    # the company named in the clause before the number (同比增长… after 明德生物预计…)
    ("明德生物预计2021年净利润13亿元-15亿元，同比增长177.23%-219.88%", "supported", None),
    ("明德生物预计2021年净利润13亿元-15亿元，同比下降177.23%-219.88%", "contradicted", "direction"),
    # a market move read as a level, in the claim (重挫13.22%) or in the stored sentence (一度下挫超0.6%)
    ("4月7日，美元指数一度下跌0.6%", "supported", None),
    # opposite words (净卖出 vs 净买入)
    ("4月7日，恒指重挫13.22%", "supported", None),
    ("4月7日，南向资金全天净卖出356.57亿港元", "contradicted", "direction"),
    ("4月7日，南向资金全天净买入356.57亿港元", "supported", None),
    # a company's results name it in the lead, not in the sentence with the number
    ("贵州茅台2023年营业总收入约1505.6亿元，同比增长18.04%", "supported", None),
    ("贵州茅台2023年营业总收入约1505.6亿元，同比增长28.04%", "contradicted", "value"),
    # 分别 lists: the claim's item takes its own value (农业银行 is the second); 大、中、小型 are 大型, 中型, 小型
    ("农业银行2024年净利润同比增长4.72%", "supported", None),
    ("农业银行2024年净利润同比增长0.51%", "contradicted", "value"),
    ("10月大型企业PMI为49.9%", "supported", None),
    ("10月小型企业PMI为49.9%", "contradicted", "wrong_metric"),  # 大型企业's number, the only other metric with it
    # stored in traditional characters
    ("招商银行2023年营业收入3391.23亿元，同比下降1.64%", "supported", None),
    # the claim's last word before its number is not in the sentence (碳排放 vs 排碳): the one before it leads (带动)
    ("第一批碳减排支持工具资金带动减少碳排放约2876亿吨", "contradicted", "scale"),
    ("第一批碳减排支持工具资金带动减少碳排放约2900万吨", "supported", None),
    # the clause's words are written nowhere (双边贸易总值): the sentence's words (东盟 …) find the figure
    ("2020年东盟首次成为我国第一大贸易伙伴，双边贸易总值4.74万亿元", "supported", None),
    ("2020年东盟首次成为我国第一大贸易伙伴，双边贸易总值4.47万亿元", "contradicted", "value"),
    # a catalogued statistic (进出口) in a sentence naming the claim's narrower one (民营企业进出口) before it
    ("2021年民营企业进出口19万亿元", "supported", None),
    ("2021年民营企业进出口14.03万亿元", "contradicted", "wrong_metric"),  # the foreign-invested firms' (进出口)
    ("2021年外商投资企业进出口19万亿元", "unverifiable", None),  # another item's (；) and 进出口 twice between
]


@pytest.fixture(scope="module")
def news(pipeline):
    store = open_store(":memory:")
    docs = [("n1", "Thu, 09 Oct 2025 17:17:33 +0800",
             "10月9日，亚洲股市多数上涨。日经225指数创历史新高，软银集团领涨，盘中涨超13%。英伟达、AMD均涨超1%，"
             "台积电波动不大，微涨0.03%。德国DAX指数创纪录高点，上涨0.3%。"),
            ("n3", None, "明德生物公告，预计2021年实现净利润13亿元-15亿元，同比增长177.23%-219.88%。"),
            ("n4", "2025-04-07", "截至收盘，恒生指数下跌3021.51点，跌幅13.22%，收报19828.30点。"
             "逆市之下，南向资金全天净买入356.57亿港元，创单日净买入纪录。美元指数一度下挫超0.6%。"),
            ("n5", "2024-04-02", "贵州茅台发布2023年年度报告。\n报告期内，公司实现营业总收入1505.6亿元，同比增长18.04%。"),
            ("n6", "2025-03-31", "2024年年报显示，工商银行、农业银行、建设银行和中国银行分别实现净利润3658.63亿元、2820.83亿元、3355.77亿元和"
             "2378.41亿元，同比分别增长0.51%、4.72%、0.88%和2.58%。"),
            ("n7", "2025-10-31", "10月份，从企业规模看，大、中、小型企业PMI分别为49.9%、48.7%和47.1%。"),
            ("n8", "2024-03-26", "招商銀行公布2023年度業績，全年營業收入3391.23億元，按年減少1.64%。"),
            ("n2", "2025-07-25", "截至6月末，银行业金融机构普惠型小微企业贷款余额35.9万亿元，同比增长12.4%。"),
            ("n9", None, "人民银行已向有关金融机构发放第一批碳减排支持工具资金855亿元，支持金融机构已发放碳减排贷款1425亿元，"
             "带动减少排碳约2876万吨。"),
            ("n10", "2021-01-14", "2020年，东盟首次成为我国第一大贸易伙伴，我国与东盟贸易总值为4.74万亿元，增长7%，"
             "占我国外贸总值的14.7%。"),
            ("n11", "2022-01-20", "2021年，民营企业保持我国第一大外贸经营主体地位，进出口19万亿元，增长26.7%；"
             "外商投资企业进出口继续保持稳定，进出口14.03万亿元，增长12.7%。")]
    store.write([StoredRecord(pipeline.analyze(Document(id=i, text=t, published=p, source="测试")), i, "t")
                 for i, p, t in docs])
    yield store
    store.close()


@pytest.mark.parametrize("claim, verdict, slip", CONTEXT_CASES)
def test_figures_found_by_context(news, claim, verdict, slip):
    published = "2025-04-08" if "4月7日" in claim else "2025-11-01" if "PMI" in claim else "2025-10-10"
    v = check_claim(claim, news, published=published)[-1]
    assert (v.verdict, v.slip) == (verdict, slip), v.explanation
    assert verdict == "unverifiable" or v.evidence[0].doc_id.startswith("n")


def test_a_wrong_metric_is_never_called_an_alias(pipeline):
    """Only names that reach the claim's series are explained as its names: a wrong metric's figure is cited,
    not called 同一统计的别称."""
    store = open_store(":memory:")
    text = "2024年末，人民币贷款余额255.7万亿元，本外币绿色贷款余额36.6万亿元。"
    store.write([StoredRecord(pipeline.analyze(Document(id="a", text=text, published="2025-01-15", source="测试")),
                              "a", "test")])
    wrong = check_claim("2024年末人民币贷款余额为36.6万亿元", store, published="2025-02-01")[-1]
    assert (wrong.verdict, wrong.slip) == ("contradicted", "wrong_metric")
    assert "本外币绿色贷款余额" in wrong.explanation and "别称" not in wrong.explanation
    alias = check_claim("2024年末人民币各项贷款余额为255.7万亿元", store, published="2025-02-01")[-1]
    assert alias.verdict == "supported" and "“人民币各项贷款余额”是同一统计的别称" in alias.explanation
    store.close()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://x.org/>)[x](javascript:alert(1)"])
def test_markdown_links_only_web_addresses(url):
    """A stored url is pasted into a draft as a link only when it is an http(s) address the <…> form can hold."""
    from analyzer.check.markdown import evidence_line
    evidence = type("E", (), {"source": "经济日报", "rank": "news", "title": None, "url": url, "agrees": True,
                              "sentence": "句子。", "text": "句子。", "published": "2025-01-01"})()
    line = evidence_line(evidence, {"open": "打开", "link": "无链接", "source": "来源不详", "date": "日期不详",
                                    "official": "官方"})
    assert "javascript" not in line and "无链接" in line
