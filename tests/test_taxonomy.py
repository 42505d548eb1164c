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
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nparent = "没有"\n', "parent '没有'"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nparent = "乙"\n'
              '[[entry]]\nid = "b"\nname = "乙"\nname_en = "B"\ncategory = "x"\nparent = ["丙"]\n'
              '[[entry]]\nid = "c"\nname = "丙"\nname_en = "C"\ncategory = "x"\nparent = "甲"\n', "parent cycle"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nparent = "甲"\n', "parent cycle"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nparent = []\n', "parent must be"),
    ("tools", '[[entry]]\nid = "a"\nname = "甲"\nname_en = "A"\ncategory = "x"\nin_context = ["乙"]\n', "in_context"),
]
# (name, kind, expected parents, expected ancestors)
PARENTS = [
    ("买断式逆回购", "tools", ("逆回购",), ["逆回购", "公开市场操作"]),
    ("隔夜逆回购", "tools", ("逆回购",), ["逆回购", "公开市场操作"]),
    ("定向降准", "tools", ("存款准备金率",), ["存款准备金率"]),
    ("普惠金融定向降准", "tools", ("定向降准",), ["定向降准", "存款准备金率"]),
    ("支农支小再贷款", "tools", ("再贷款",), ["再贷款", "结构性货币政策工具"]),
    ("住房公积金贷款", "tools", ("住房公积金",), ["住房公积金"]),
    ("科技型中小企业", "sectors", ("科技型企业", "中小企业"), ["科技型企业", "中小企业"]),
    ("中小微企业", "sectors", ("中小企业",), ["中小企业"]),
    ("高新技术企业", "sectors", ("科技型企业",), ["科技型企业"]),
    ("零售业", "sectors", ("批发和零售业",), ["批发和零售业"]),
    ("逆回购", "tools", ("公开市场操作",), ["公开市场操作"]),
    ("中国人民银行", "institutions", (), []),
]
# GB/T 4754-2017 sections A–S and the policy groups issue 14 names
SECTORS = ["农林牧渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业", "建筑业", "批发和零售业",
           "交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业", "房地产",
           "租赁和商务服务业", "科学研究和技术服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业",
           "教育业", "卫生和社会工作", "文化、体育和娱乐业", "公共管理、社会保障和社会组织",
           "服务贸易", "平台经济", "中型企业", "中小微企业", "科技型中小企业", "高新技术企业", "小规模纳税人", "脱贫人口"]


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
                                  "一揽子金融政策", "无还本续贷", "超长期特别国债", "抵押补充贷款", "服务消费与养老再贷款",
                                  "住房公积金贷款", "带押过户", "应急转贷", "出口信用保险", "出口退税", "消费品以旧换新",
                                  "尽职免责", "不良贷款容忍度", "累计预扣法", "住房限购", "买断式逆回购", "隔夜逆回购",
                                  "定向降准"])
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


def test_sizes(taxonomy):
    """Issue 14: at least 250 tools and 300 institutions."""
    assert len(taxonomy.of_kind("tools")) >= 250
    assert len(taxonomy.of_kind("institutions")) >= 300


@pytest.mark.parametrize("name", SECTORS)
def test_sectors_cover_the_industry_classification_and_policy_groups(taxonomy, name):
    assert taxonomy.by_name("sectors", name) is not None


@pytest.mark.parametrize("name", ["全国人民代表大会", "中国出口信用保险公司", "东方金诚国际信用评估有限公司",
                                  "美国联邦储备委员会", "香港金融管理局", "财通证券", "中国平安人寿保险股份有限公司",
                                  "北京住房公积金管理中心", "北京市住房和城乡建设委员会", "宁波市人民政府办公厅"])
def test_issue_institutions_present(taxonomy, name):
    assert taxonomy.by_name("institutions", name) is not None


@pytest.mark.parametrize("name, kind, parents, ancestors", PARENTS)
def test_parents(taxonomy, name, kind, parents, ancestors):
    assert taxonomy.by_name(kind, name).parents == parents
    assert taxonomy.ancestors(name, kind) == ancestors


def test_parents_exist_and_form_no_cycle(taxonomy):
    """Every parent is an entry of the same kind, and walking up always ends."""
    for entry in taxonomy:
        for parent in entry.parents:
            assert taxonomy.by_name(entry.kind, parent) is not None, (entry.id, parent)
        assert entry.name not in taxonomy.ancestors(entry.name, entry.kind)


@pytest.mark.parametrize("name, included", [
    ("逆回购", {"买断式逆回购", "隔夜逆回购", "临时逆回购"}),
    ("存款准备金率", {"定向降准", "普惠金融定向降准", "全面降准"}),
    ("中小企业", {"中小微企业", "中型企业", "科技型中小企业"}),
    ("科技型企业", {"科技型中小企业", "高新技术企业"}),
])
def test_descendants(taxonomy, name, included):
    assert included <= set(taxonomy.descendants(name))


@pytest.mark.parametrize("name, roots", [
    ("普惠金融定向降准", ["存款准备金率"]), ("买断式逆回购", ["公开市场操作"]),
    ("科技型中小企业", ["科技型企业", "中小企业"]), ("中国人民银行", ["中国人民银行"]), ("没有的名字", ["没有的名字"]),
])
def test_roots(taxonomy, name, roots):
    assert taxonomy.roots(name) == roots
