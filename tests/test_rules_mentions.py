"""The examples of the mention rule files run as tests: each ``[[context]]`` row of analyzer/rules/mentions.toml
keeps its names out of its examples, and each row of analyzer/extract/organizations.toml reads a name in each of
its examples (``;``-separated)."""
from __future__ import annotations

import re

import pytest

from analyzer import rulebook
from analyzer.extract.organizations import OrganizationFinder, load_grammar
from analyzer.pipeline import analyze
from analyzer.taxonomy import MENTION_ARRAY

CONTEXT_ROWS = rulebook.rows("mentions", "context")
GRAMMAR = load_grammar()
# table → the rule name the finder gives a reading by one of its rows
RULE_NAMES = {"body": "{}", "firm": "{}", "subject": "subject_{}", "latin_after": "latin_{}", "gloss": "gloss_{}",
              "latin_gloss": "latin_gloss_{}"}
ORGANIZATION_ROWS = [(table, row) for table in RULE_NAMES for row in GRAMMAR.get(table, [])]


def _examples(row: dict) -> list[str]:
    return [part.strip() for part in row["example"].split(";") if part.strip()]


def _blocked(row: dict, text: str, start: int, end: int) -> bool:
    """Whether the mention text[start:end] is one the row says is no mention there."""
    name = text[start:end]
    if row.get("names") and name not in row["names"]:
        return False
    if row.get("always"):
        return True
    if "clause" in row:  # a clause word anywhere in the name's clause (cut at the clause marks)
        left = max(text.rfind(mark, 0, start) for mark in "，。；！？,;!?") + 1
        right = min([i for i in (text.find(mark, end) for mark in "，。；！？,;!?") if i >= 0] or [len(text)])
        return any(word in text[left:right] for word in row["clause"])
    if "shape_before" in row or "shape_after" in row:  # the name sits between the two shapes (22万科MTN004)
        return (re.search(f"(?:{row.get('shape_before', '')})$", text[max(0, start - 8):start]) is not None
                and re.match(row.get("shape_after", ""), text[end:]) is not None)
    if "list" in row:  # the after word closes a list the name is an item of
        return re.match(f"(?:{row['list']})(?:{'|'.join(map(re.escape, row['after']))})", text[end:]) is not None
    window = text[end:end + row.get("gap", 0) + max(map(len, row["after"]))]
    return any(window.find(word, 0, row.get("gap", 0) + len(word)) >= 0 for word in row["after"])


@pytest.mark.parametrize("row", CONTEXT_ROWS, ids=[r["id"] for r in CONTEXT_ROWS])
def test_context_row_keeps_its_names_out_of_its_examples(row):
    array = MENTION_ARRAY[row["kind"]]
    for example in _examples(row):
        record = analyze(example, published="2025-06-30")
        found = [m.text for m in getattr(record, array) if _blocked(row, example, m.start, m.end)]
        assert not found, f"{row['id']}: {example!r} still gives {array} {found}"


@pytest.mark.parametrize("table, row", ORGANIZATION_ROWS, ids=[f"{t}-{r['id']}" for t, r in ORGANIZATION_ROWS])
def test_organization_row_reads_a_name_in_each_example(table, row):
    finder = OrganizationFinder()
    rule = RULE_NAMES[table].format(row["id"])
    for example in _examples(row):
        rules = {org.rule for org in finder(example)}
        assert rule in rules, f"{table} {row['id']}: nothing read by it in {example!r} (rules: {sorted(rules)})"


LIST_ROWS = rulebook.rows("mentions", "list")
FOREIGN_ROWS = rulebook.rows("mentions", "foreign")


def _taxonomy():
    from analyzer.taxonomy import load_taxonomy
    return load_taxonomy()


@pytest.mark.parametrize("row", LIST_ROWS, ids=[r["id"] for r in LIST_ROWS])
def test_list_row_reads_items_in_its_examples(row):
    """A sectors row reads a bare industry word (an ``in_list`` alias); an institutions row reads a listed name
    the taxonomy lacks."""
    array = MENTION_ARRAY[row["kind"]]
    bare = {word for entry in _taxonomy().of_kind(row["kind"]) for word in entry.in_list}
    for example in _examples(row):
        found = getattr(analyze(example, published="2025-06-30"), array)
        read = [m.text for m in found if m.text in bare or m.extra.get("in_taxonomy") is False]
        assert read, f"{row['id']}: no item read by the list in {example!r} ({[m.text for m in found]})"


@pytest.mark.parametrize("text", ["汽车消费回暖，能源价格上涨。", "重点用于交通、能源、生态环保等领域。"])
def test_bare_industry_outside_a_list_of_groups_is_no_sector(text):
    found = {m.text for m in analyze(text, published="2025-06-30").sectors}
    assert not found & {"汽车", "能源", "交通运输"}


@pytest.mark.parametrize("row", FOREIGN_ROWS, ids=[r["id"] for r in FOREIGN_ROWS])
def test_foreign_row_names_the_other_countrys_body_in_its_examples(row):
    taxonomy = _taxonomy()
    for example in _examples(row):
        names = [m.name for m in analyze(example, published="2025-06-30").institutions if m.text in row["names"]]
        assert names and all(taxonomy.lookup(n, row["kind"]).category in row["categories"] for n in names), \
            f"{row['id']}: {example!r} gives {names}"


STORY_ROWS = rulebook.rows("mentions", "story_body")


@pytest.mark.parametrize("row", STORY_ROWS, ids=[r["id"] for r in STORY_ROWS])
def test_story_body_row_says_why(row):
    """A rule is a row with an id, an example and a why (s23-review: the four rows had their why in a comment only)."""
    assert row["id"] and row["example"] and row.get("why")


@pytest.mark.parametrize("row", STORY_ROWS, ids=[r["id"] for r in STORY_ROWS])
def test_story_body_row_names_the_body_by_its_storys_country(row):
    """Each example's bare body (参议院, 最高法院) is read under one of the row's countries (美国国会参议院)."""
    for example in _examples(row):
        found = [m for m in analyze(example, published="2025-06-30").institutions
                 if any(m.text.endswith(word) for word in row["words"])]
        assert found and all(m.name.startswith(tuple(row["countries"])) for m in found), \
            f"{row['id']}: {example!r} gives {[(m.text, m.name) for m in found]}"


@pytest.mark.parametrize("text, expected", [
    # US news names the White House and the Fed, not 美国 (the row's signals)
    ("白宫发言人表示，美联储主席的提名须经参议院确认。", "美国国会参议院"),
    # the clause's own country wins over the text's most named one
    ("特朗普访问亚洲。特朗普在金边会见柬埔寨人民党主席、参议院主席洪森。", "柬埔寨参议院"),
    # the text's most named country wins over a list item written last (澳大利亚 against 马来西亚)
    ("澳大利亚燃油告急。澳大利亚进口受阻，来自马来西亚的运输船推迟，联邦政府正寻求替代货源。", "澳大利亚联邦政府"),
])
def test_story_body_takes_its_storys_country(text, expected):
    names = [m.name for m in analyze(text, published="2025-06-30").institutions
             if m.text.endswith(("参议院", "联邦政府"))]
    assert names == [expected]


@pytest.mark.parametrize("text, absent", [
    ("中国代表团访问美国。我国最高法院发布司法解释。", "最高法院"),  # China written after the US: no US court
    ("得州参议院通过了该法案。", "美国国会参议院"),  # a state's senate is no national one
    ("英国首相讲话后，参议院将表决美联储主席提名。", "英国参议院"),  # no 参议院 in the UK: none named
    ("巴西总统表示，联邦政府将提高预算。", "美国联邦政府"),
])
def test_story_body_takes_no_other_country(text, absent):
    names = [m.name for m in analyze(text, published="2025-06-30").institutions]
    assert absent not in names, names


@pytest.mark.parametrize("text", ["美联储加息后，央行表示将保持流动性合理充裕。", "美国与日本谈判，中国央行表示将稳汇率。",
                                  "比其他一些主要央行更快。", "在新兴市场，许多央行去年开始加息。"])
def test_central_bank_stays_chinese_or_generic(text):
    names = [m.name for m in analyze(text, published="2025-06-30").institutions if m.text == "央行"]
    assert names in ([], ["中国人民银行"])


@pytest.mark.parametrize("text, expected", [
    ("美国财政部周三解释了如何评估现金缓冲需求。在声明中，财政部用三段解释了现金余额政策。", "美国财政部"),
    ("美国国债的拍卖周期从周二开始，财政部将发行520亿美元的三年期国债。", "美国财政部"),
    ("美国财政部表示将发行国债。中国财政部表示将发行特别国债。", "财政部"),
    ("财政部、税务总局发布公告。", "财政部"),
])
def test_bare_finance_ministry_takes_the_country_of_its_story(text, expected):
    names = [m.name for m in analyze(text, published="2025-06-30").institutions if m.text == "财政部"]
    assert names == [expected]


def test_central_bank_digital_currency_is_no_institution():
    text = "美国有可能推出数字美元。央行数字货币（CBDC）是电子货币演变的必然结果。"
    assert [m.text for m in analyze(text, published="2025-06-30").institutions] == []


@pytest.mark.parametrize("text, expected", [
    ("另有消息称其本月将向百事(PEP.O)交付15辆Semi电动半挂车。", ["百事"]),
    ("公司与英伟达(NVDA.O)达成合作。", ["英伟达"]),
    ("光伏组件龙头企业晶科能源(JKS.N)公布了A股网上发行结果。", ["晶科能源"]),
    ("美股SaaS概念股整体走弱，C3.ai(AI.N)跌超6%。", []),
])
def test_a_name_before_a_us_ticker_is_a_firm_and_the_ticker_is_none(text, expected):
    assert [m.text for m in analyze(text, published="2025-06-30").institutions] == expected


@pytest.mark.parametrize("text, expected", [
    ("精华制药、沃华医药、紫鑫药业继续涨停。", "紫鑫药业"),           # stock_move: 继续 before the move
    ("洛克希德马丁、辉瑞制药、ZION则涨超1.0%。", "ZION"),            # stock_move: 则 before the move
    ("12月31日，华为轮值董事长郭平在新年致辞中表示。", "华为"),        # analyst_role: 轮值 before the role
    ("公司正在筹划以发行股份及支付现金的方式购买浙江虎哥环境有限公司的部分股权。", "浙江虎哥环境有限公司"),  # deal verb 购买
])
def test_organisation_reading_stops_at_the_words_around_the_name(text, expected):
    finder = OrganizationFinder()
    read = [text[o.start:o.end] for o in finder(text)]
    assert expected in read and not any(expected in r and r != expected for r in read), read


def test_two_readings_of_one_span_give_the_same_name_under_every_hash_seed():
    """道明 is read both as the short name of 道明证券 and as an analyst's firm; the name must not follow the hash seed."""
    import os
    import subprocess
    import sys
    text = "【道明证券建议做多两年期美债】道明策略师在报告中写道，美联储3月加息的可能性降低。"
    code = ("import sys; from analyzer.pipeline import analyze; "
            "print([m.name for m in analyze(sys.argv[1]).institutions if m.text == '道明'])")
    names = {subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(1, 5)}
    assert len(names) == 1, names


@pytest.mark.parametrize("text, expected", [
    ("国家企业信用信息公示系统显示，喜茶关联公司上海喜创于茶餐饮管理有限公司被罚45万元。", "上海喜创于茶餐饮管理有限公司"),
    ("查询天眼查发现，上海汇像信息技术有限公司于1月28日发生工商变更。", "上海汇像信息技术有限公司"),
    ("中标人为公司与河南豫资朴和实业发展有限公司组成的联合体。", "河南豫资朴和实业发展有限公司"),
    ("公司控股股东何振亚与深圳湾红棉科创有限公司签署股份转让协议。", "深圳湾红棉科创有限公司"),   # 与 links, no coined name
    ("金蝶软件1月23日与山东重工集团有限公司签署合作协议。", "山东重工集团有限公司"),
])
def test_a_coined_name_holds_a_stop_character_after_an_unknown_one(text, expected):
    read = [text[o.start:o.end] for o in OrganizationFinder()(text)]
    assert expected in read, read


@pytest.mark.parametrize("text, expected", [
    ("据报道，集安组织部队将在哈萨克斯坦驻留一周。", [("集安组织", "集体安全条约组织")]),
    ("证监会从1月8日开始不收信永中和、金杜新申报材料。", [("证监会", "中国证券监督管理委员会"), ("信永中和", "信永中和会计师事务所"),
                                                    ("金杜", "金杜律师事务所")]),
    ("公司与普华永道中天会计师事务所沟通了年报审计安排。", [("普华永道中天会计师事务所", "普华永道")]),
])
def test_international_bodies_and_audit_and_law_firms_of_the_taxonomy(text, expected):
    assert [(m.text, m.name) for m in analyze(text, published="2025-06-30").institutions] == expected


@pytest.mark.parametrize("text, expected", [
    ("白俄罗斯国防部7日发布公告称，参与维和工作的部队已回国。", ["白俄罗斯国防部"]),
    ("乌兹别克斯坦卫生部批准了该药物的紧急使用。", ["乌兹别克斯坦卫生部"]),
    ("德国将在未来5天内再部署350名士兵加强在立陶宛的北约部队。", ["北约"]),   # 的 starts no body's name
    ("在13日的外交部例行记者会上，发言人表示。", ["外交部"]),
])
def test_bodies_of_more_countries_and_no_body_name_across_de(text, expected):
    found = [m.text for m in analyze(text, published="2025-06-30").institutions]
    assert found == expected, found


def test_bond_short_name_keeps_the_issuer_out_of_the_bond_only():
    """A firm's short name inside a bond's (22万科MTN004) is no mention; the firm acting in the same text is."""
    text = "“22万科MTN004”由20家持有人全票同意展期，万科承诺提供担保"
    names = [(m.text, m.start) for m in analyze(text, published="2026-01-28").institutions]
    assert names == [("万科", text.index("万科承诺"))]


def test_story_body_reads_the_texts_countries_once_per_row_not_once_per_body(monkeypatch):
    """s23-review: each bare body read the whole text again for its countries (and back for 中国/我国), so a text of
    16,000 bodies in 240,000 characters took 11 s, growing with the square of its length. Counted, not timed."""
    from analyzer.extract import mentions
    rows, calls = mentions._story_rows(), []

    class Counted:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, text):
            calls.append(len(text))
            return self.pattern.finditer(text)

    monkeypatch.setattr(mentions, "_story_rows", lambda: tuple((row, words, Counted(countries))
                                                                for row, words, countries in rows))
    text = "白宫表示支持。" + "议员们讨论后，参议院表决通过。" * 50
    found = [m.name for m in analyze(text, published="2025-06-30").institutions if m.text == "参议院"]
    assert found == ["美国国会参议院"] * 50
    assert len(calls) <= len(rows), len(calls)
