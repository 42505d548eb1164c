"""The taxonomy data files load, validate, and key metrics as the store expects."""
from __future__ import annotations

import pytest

from analyzer.errors import TaxonomyError
from analyzer.taxonomy import DATA_DIR, KINDS, load_files, load_taxonomy, metric_key, taxonomy_words

# (phrase, phrase that must give the same key)
SAME_METRIC = [
    ("小微企业贷款余额", "小微企業貸款餘額"),
    ("普惠小微贷款余额", "全国普惠小微企业贷款余额"),
    ("M2余额", "广义货币（M2）余额"),
    ("续贷金额", "續(xù)贷金额"),
    ("新增贷款", "新增 贷款"),
]
DIFFERENT_METRIC = [
    ("普惠小微贷款余额", "普惠型小微企业贷款余额"),
    ("小微企业贷款余额", "普惠小微贷款余额"),
    ("1年期LPR", "5年期以上LPR"),
]
# (alias as written, kind, canonical name)
ALIASES = [
    ("金融监管总局", "institutions", "国家金融监督管理总局"),
    ("央行", "institutions", "中国人民银行"),
    ("人民銀行", "institutions", "中国人民银行"),
    ("降准", "tools", "存款准备金率"),
    ("LPR", "tools", "贷款市场报价利率"),
    ("MLF", "tools", "中期借贷便利"),
    ("融资协调机制", "tools", "支持小微企业融资协调工作机制"),
    ("专项债", "tools", "地方政府专项债券"),
    ("涉农", "sectors", "三农"),
    ("农户", "sectors", "三农"),
    ("绿色", "sectors", "绿色发展"),
]
# (file name, TOML text, words the one-line error must contain)
BAD_FILES = [
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\ncolour = "red"\n', "unknown field 'colour'"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\naliases = ["乙"]\n'
              '[[entry]]\nid = "b"\nname = "丙"\nname_en = "B"\ncategory = "x"\naliases = ["乙"]\n', "duplicate alias '乙'"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\naliases = ["乙", "乙"]\n', "duplicate alias"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\ncategory = "x"\n', "missing field 'name_en'"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nlaunched = "2024-13-01"\n', "ISO date"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nexclude = ["[丁]业"]\n', "exclude"),
    ("tools", 'entries = 1\n', "unknown top-level key"),
    ("metrics", '[[entry]]\nid = "m"\nname = "甲余额"\nname_en = "M"\ncategory = "x"\nsectors = ["没有"]\n', "unknown sector"),
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize("a, b", SAME_METRIC)
def test_metric_key_groups_variants(a, b):
    assert metric_key(a) == metric_key(b)


@pytest.mark.parametrize("a, b", DIFFERENT_METRIC)
def test_metric_key_keeps_series_apart(a, b):
    assert metric_key(a) != metric_key(b)


@pytest.mark.parametrize("alias, kind, name", ALIASES)
def test_lookup_alias(taxonomy, alias, kind, name):
    entry = taxonomy.lookup(alias)
    assert entry is not None and (entry.kind, entry.name) == (kind, name)


def test_every_kind_has_entries_with_english_names(taxonomy):
    for kind in KINDS:
        entries = taxonomy.of_kind(kind)
        assert entries, kind
        assert all(e.name_en and e.name_en != e.name for e in entries)


@pytest.mark.parametrize("name", ["再贷款", "科技创新和技术改造再贷款", "碳减排支持工具", "普惠小微贷款支持工具", "结构性货币政策工具",
                                  "一揽子金融政策", "无还本续贷", "超长期特别国债", "抵押补充贷款", "服务消费与养老再贷款"])
def test_issue_tools_present(taxonomy, name):
    assert taxonomy.by_name("tools", name) is not None


def test_historical_regulators_are_retired(taxonomy):
    assert taxonomy.get("cbirc").retired == "2023-05-18"
    assert taxonomy.get("cbrc").retired and taxonomy.get("nfra").retired is None


@pytest.mark.parametrize("kind, text, message", BAD_FILES)
def test_bad_files_raise_one_line_errors(tmp_path, kind, text, message):
    for other in KINDS:
        (tmp_path / f"{other}.toml").write_text((DATA_DIR / f"{other}.toml").read_text(encoding="utf-8")
                                                if other != kind else text, encoding="utf-8")
    if kind == "metrics":  # a fresh minimal sectors file so the link target is surely unknown
        (tmp_path / "sectors.toml").write_text('[[entry]]\nid = "s"\nname = "某"\nname_en = "S"\ncategory = "x"\n')
    with pytest.raises(TaxonomyError) as error:
        load_files(tmp_path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_shipped_files_validate():
    assert len(load_files(DATA_DIR)) == len(load_taxonomy())


def test_taxonomy_words_longest_first():
    words = taxonomy_words()
    assert "科技创新和技术改造再贷款" in words and "央行" in words
    assert len(words[0]) >= len(words[-1])
