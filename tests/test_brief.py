"""Briefs: the seed article's brief carries every figure of the seed digest under a fitting theme with the
paragraph the digest cites, in Chinese and English; without torch the keyword classifier takes over and says so."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from click.testing import CliRunner

from analyzer.brief import brief_document, choose_classifier, load_themes, render, theme_ids
from analyzer.brief import classify
from analyzer.brief.facts import period_phrase, statement, value_phrase
from analyzer.cli import main
from analyzer.records import Figure, Period, Record
from conftest import CORPUS, load_gold

SEED = CORPUS / "dev" / "b-2025-05-26-jjrb-sme-finance.json"

# the seed digest's figures (../shared/seed/): zh text, en text, themes that fit, paragraph the digest cites
SEED_FACTS = [
    ("35.3万亿元", "35.3 trillion yuan", {"credit_data"}, 1),
    ("同比增长12.5%", "+12.5% y/y", {"credit_data"}, 1),
    ("约17万亿元", "about 17 trillion yuan", {"credit_data"}, 2),
    ("4.4万亿元", "4.4 trillion yuan", {"credit_data", "policy_tools"}, 2),
    ("0.25个百分点", "0.25 percentage point", {"policy_tools"}, 3),
    ("同比增长5.8%", "+5.8% y/y", {"sector_support", "credit_data"}, 7),
    ("占比56.8%", "a share of 56.8%", {"sector_support", "credit_data"}, 7),
]

FIGURE_CASES = [  # figure fields → zh phrase, en phrase
    (dict(value="35300000000000", unit="CNY", measure="level"), "35.3万亿元", "35.3 trillion yuan"),
    (dict(value="500000000000", unit="CNY", measure="flow", qualifier="approx"), "约5000亿元", "about 500 billion yuan"),
    (dict(value="-0.5", unit="percent", measure="growth_rate", comparison="yoy"), "同比下降0.5%", "−0.5% y/y"),
    (dict(value="-0.25", unit="percentage_point", measure="change"), "下调0.25个百分点",
     "down 0.25 percentage point"),
    (dict(value="1.44", unit="CNY", measure="change", comparison="yoy"), "同比多增1.44元", "+1.44 yuan y/y"),
    (dict(value="47400000", unit="count", measure="level", counter="户"), "4740万户", "47.4 million accounts"),
    (dict(value="10", unit="basis_point", measure="change"), "上调10个基点", "up 10 basis points"),
]

PERIOD_CASES = [
    (("2025-03-31", "2025-03-31"), "2025年3月末", "at end-March 2025"),
    (("2024-12-31", "2024-12-31"), "2024年末", "at end-2024"),
    (("2025-01-01", "2025-04-30"), "2025年1-4月", "in Jan–Apr 2025"),
    (("2025-01-01", "2025-03-31"), "2025年一季度", "in Q1 2025"),
    (("2024-01-01", "2024-12-31"), "2024年", "in 2024"),
    (("2024-01-01", "2024-06-30"), "2024年上半年", "in H1 2024"),
    (("2024-09-01", "2025-05-26"), "2024年9月至2025年5月26日", "from September 2024 to 26 May 2025"),
]


@pytest.fixture(scope="module")
def seed_document():
    return Record.from_dict(load_gold(SEED)).document


@pytest.fixture(scope="module")
def keyword_briefs(seed_document, pipeline):
    from analyzer.brief import build_brief
    record = pipeline.analyze(seed_document)
    return {lang: build_brief(record, lang, choose_classifier("keywords")) for lang in ("zh", "en")}


def test_themes_are_the_documented_seven():
    assert theme_ids() == ("credit_data", "policy_tools", "regulation", "financing_difficulty", "digital_credit",
                           "sector_support", "outlook")
    assert all(theme.zh and theme.en for theme in load_themes())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("zh, en, themes, paragraph", SEED_FACTS, ids=[f[1] for f in SEED_FACTS])
def test_seed_brief_carries_digest_figures(keyword_briefs, lang, zh, en, themes, paragraph):
    brief = keyword_briefs[lang]
    wanted = en if lang == "en" else zh
    found = [(section.id, fact.paragraphs) for section in brief.themes for fact in section.facts if wanted in fact.text]
    assert found, f"{wanted!r} missing from the {lang} brief"
    assert any(theme in themes and paragraphs == [paragraph] for theme, paragraphs in found), found
    markdown = render(brief, "md")
    assert any(wanted in line and line.endswith(f"[{paragraph}]") for line in markdown.splitlines())


def test_seed_brief_statement_reads_like_the_issue(keyword_briefs):
    zh = keyword_briefs["zh"].theme("credit_data").facts[0].text
    en = keyword_briefs["en"].theme("credit_data").facts[0].text
    assert zh == "普惠小微贷款余额：2025年3月末35.3万亿元，同比增长12.5%"
    assert en.endswith(": 35.3 trillion yuan at end-March 2025, +12.5% y/y")
    assert en.lower().startswith("outstanding inclusive loans to small and micro")


def test_seed_brief_lists_tools_and_sectors_with_citations(keyword_briefs):
    tools = {ref.name: ref.paragraphs for s in keyword_briefs["zh"].themes for ref in s.policy_tools}
    assert tools["支农支小再贷款"] == [3] and tools["支持小微企业融资协调工作机制"] == [8]
    sectors = {ref.name for s in keyword_briefs["en"].themes for ref in s.sectors}
    assert "foreign trade" in sectors


@pytest.mark.parametrize("fields, zh, en", FIGURE_CASES, ids=[c[2] for c in FIGURE_CASES])
def test_value_phrase(fields, zh, en):
    data = {"text": "x", "start": 0, "end": 1, **fields}
    figure = Figure.from_dict(data)
    assert value_phrase(figure, "zh") == zh
    assert value_phrase(figure, "en") == en


@pytest.mark.parametrize("span, zh, en", PERIOD_CASES, ids=[c[2] for c in PERIOD_CASES])
def test_period_phrase(span, zh, en):
    assert period_phrase(Period(*span), "zh") == zh
    assert period_phrase(Period(*span), "en") == en


def test_unknown_metric_stays_chinese_in_english():
    figure = Figure(text="3亿元", start=0, end=3, value=Decimal("300000000"), unit="CNY", measure="level",
                    metric="某某专项资金")
    assert statement([figure], "en") == "某某专项资金: 300 million yuan"


def test_keyword_fallback_without_torch(monkeypatch, seed_document):
    monkeypatch.setattr(classify, "learned_model_available", lambda: False)
    choice = choose_classifier("auto")
    assert choice.kind == "keywords" and choice.fallback and "torch" in choice.note
    brief = brief_document(seed_document, "en", choice)
    assert any("35.3 trillion yuan" in fact.text for section in brief.themes for fact in section.facts)

    result = CliRunner().invoke(main, ["brief", str(SEED), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Note:" in result.stderr and "keyword" in result.stderr
    data = json.loads(result.stdout)
    assert data["classifier"]["kind"] == "keywords" and data["classifier"]["fallback"] is True


def test_cli_brief_markdown_with_keywords():
    result = CliRunner().invoke(main, ["brief", str(SEED), "--classifier", "keywords"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 持续提升金融服务小微企业质效")
    assert "- 普惠小微贷款余额：2025年3月末35.3万亿元，同比增长12.5% [1]" in result.stdout
    assert result.stderr == ""


def test_cli_brief_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "Error:" in result.stderr


def test_shipped_model_or_keywords_places_seed_figures(seed_document):
    """Whatever `auto` picks (model when installed and default, else keywords), the seed figures are cited right."""
    brief = brief_document(seed_document, "en", choose_classifier("auto"))
    for _, en, _, paragraph in SEED_FACTS:
        assert any(en in fact.text and fact.paragraphs == [paragraph]
                   for section in brief.themes for fact in section.facts), en


def test_brief_markdown_cannot_carry_links_html_or_headings_from_the_document(tmp_path):
    """s20-probe: a brief is pasted into drafts; a title, source or sentence holding Markdown or HTML was written
    raw (a live javascript: link, an <img onerror>, a second heading from a newline in the title)."""
    record = {"id": "md1", "title": "官方 [点我](javascript:alert(1)) <img src=x onerror=alert(1)>\n# 第二个标题",
              "source": "<script>alert(2)</script>", "published": "2025-02-15",
              "text": "1月末，广义货币(M2)余额313.53万亿元，同比增长7%。<b>加粗</b>，*强调*。"}
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(path), "--classifier", "keywords"])
    assert result.exit_code == 0, result.output
    out = result.output
    for raw in (r"(?<!\\)\[点我", r"(?<!\\)<img", r"(?<!\\)<script>", r"\n# 第二个标题", r"(?<!\\)<b>"):
        assert not re.search(raw, out), (raw, out)
    assert out.startswith("# 官方 \\[点我\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\# 第二个标题\n")
    assert "313.53万亿元" in out
