"""Listed firms' short names harvested from the archive (analyzer/extract/listed_firms.toml, firm_harvest.py): the
file's shape, the harvest's shapes and filters, and the names read wherever a text writes them."""
from __future__ import annotations

import pytest

from analyzer.extract import firm_harvest
from analyzer.extract.organizations import OrganizationFinder, listed_firm_data
from analyzer.normalize import normalize
from analyzer.pipeline import analyze
from analyzer.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def finder():
    return OrganizationFinder()


def test_the_file_has_one_row_per_name_with_an_example_outside_the_reserved_and_test_documents():
    data = listed_firm_data()
    names = [row["name"] for row in data["firm"]]
    assert len(names) == len(set(names)) > 900
    excluded = firm_harvest.excluded_ids()
    assert "rss-1140" in excluded and "rss-115" in excluded  # a reserved id and a real-test id
    for row in data["firm"]:
        assert row["example"] and row["example"] not in excluded, row
        assert row["seen"] >= firm_harvest.MIN_SEEN, row
    assert not set(names) & set(data["not_listed"])
    known = {name for entry in load_taxonomy() for name in entry.names}
    assert not set(names) & known  # a taxonomy name is the taxonomy's


def test_the_harvest_and_the_metric_counts_leave_out_every_held_out_document():
    from pathlib import Path

    from analyzer.io.gold import read_id_list
    from analyzer.model import metric_boundary
    root = Path(__file__).resolve().parents[1]
    held_out = read_id_list(root / "real-gold" / "held-out-ids.txt")
    assert len(held_out) > 100
    assert not held_out - firm_harvest.excluded_ids(root)  # audit D and the audits' B halves too, not only real-test
    assert not held_out - metric_boundary.held_out_ids(root)


@pytest.mark.parametrize("text, expected", [
    ("长鑫科技(688825.SH)公告称", ["长鑫科技"]),
    ("公告，贵州茅台（600519）股价", ["贵州茅台"]),
    ("上海贵酒股份（证券简称：岩石股份）发布", ["上海贵酒股份", "岩石股份"]),  # the suffixed shape reads the first
    ("粤水电2月9日晚间公告，近日", ["粤水电"]),
    ("。新致软件发布公告，预计", ["新致软件"]),
    ("据悉，目前公司经营正常", []),
])
def test_the_harvest_sees_the_shapes_of_a_listed_firm(text, expected):
    seen, example = firm_harvest.sightings([("doc-1", text)])
    assert sorted(seen) == sorted(expected)
    assert all(example[name] == "doc-1" for name in seen)


@pytest.mark.parametrize("name, kept", [
    ("五洲新春", True),  # two place words to jieba, one firm
    ("千里科技", True),  # a numeral starts the name
    ("鼎阳科技", True),
    ("截至本", False),  # the clause's words before the stock code
    ("公司同日", False),
    ("维持快手", False),  # a verb before the name
    ("宁波", False),  # a place alone; and under three characters
    ("北京市", False),  # a place alone
    ("腾讯控股", False),  # the taxonomy's 腾讯 inside
    ("大连重工", True),  # s20-review: the grammar's tagger (retag: 大连 a place), not jieba's plain tag (大连 an adverb)
])
def test_the_harvest_keeps_names_of_their_own(finder, name, kept):
    assert firm_harvest.is_firm_name(finder, name) is kept


@pytest.mark.parametrize("text, expected", [
    # a listed name wherever the text writes it, with its written name
    ("五洲新春：与大连冶金签订了《战略合作协议》，五洲新春计划供货", ["五洲新春", "大连冶金", "五洲新春"]),  # 大连冶金: the counterparty (s19-inst2)
    ("推荐中国核电、三峡能源。", ["中国核电", "三峡能源"]),
    ("阶跃星辰董事长、千里科技董事长印奇出席", ["阶跃星辰", "千里科技"]),
    # not a name cut out of a longer word, nor one inside a longer name
    ("从去年开始在中国核电站新建四台机组", []),
    ("1月11日，新希望智能设备制造（北京）有限公司成立", ["新希望智能设备制造（北京）有限公司"]),
    # nor one after a place word (a regional subsidiary's name), nor a foreign person's name before ·
    # (东南粤水电 is read whole by the subsidiary row: the subsidiary, not 粤水电)
    ("公司全资子公司东南粤水电与湖南省政府签订协议", ["东南粤水电", "湖南省政府"]),
    ("近日，东南粤水电与湖南省政府签订协议", ["湖南省政府"]),
    ("亚美尼亚国民议会议长伊戈尔·佐尔契表示", ["亚美尼亚国民议会"]),
    # a trade word of listed_trades right after the name is the name's (the Hong Kong name of 福莱特)
    ("港股碳中和概念股走低，福莱特玻璃跌近8%。", ["福莱特玻璃"]),
    ("福莱特(601865)公告称", ["福莱特"]),
    # the not_listed rows stay out
    ("新经济、新产业公司掀起此轮定增", []),
])
def test_listed_names_are_institutions_outside_the_taxonomy(text, expected):
    institutions = analyze(text).institutions
    assert [m.text for m in institutions] == expected
    listed = {row["name"] for row in listed_firm_data()["firm"]}
    assert all(m.name == m.text and m.extra.get("in_taxonomy") is False for m in institutions if m.text in listed)


def test_a_listed_name_another_rule_reads_is_read_once(finder):
    text = normalize("穆迪：下调禹洲集团评级")
    assert [text[o.start:o.end] for o in finder(text)] == ["禹洲集团"]


@pytest.mark.parametrize("name, kept", [
    ("雪人股份", True),  # the suffixed shape: a short name with its share word
    ("三环集团", True),
    ("拟转让股份", False),  # the clause's words before 股份 (s19-inst)
    ("合计减持公司股份", False),
])
def test_the_harvest_keeps_suffixed_names_of_their_own(finder, name, kept):
    assert firm_harvest.is_firm_name(finder, name) is kept


def test_the_harvest_sees_a_name_with_its_group_word_at_a_clause_start():
    seen, _ = firm_harvest.sightings([("doc-1", "近日，三环集团、某某公司相继发布通知。")])
    assert list(seen) == ["三环集团"]
