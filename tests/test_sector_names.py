"""The sector-name grammar (``analyzer/rules/sector_names.toml``; issue 14, "A closed taxonomy", s20-sectors): by the
convention of 2026-12-07 a sector is a group a policy, a support measure, a regulator or a statistical breakdown
targets or classifies. Industries and groups the taxonomy lacks (modifier + 行业/产业/企业/群体/人口) are read in such
a clause or sentence and stored under the written name with ``in_taxonomy: false``; a taxonomy sector as the modifier
names that sector; an industry that is a firm's business or a story's backdrop is no sector."""
from __future__ import annotations

import pytest

from analyzer.analysis.candidates import collect_candidates
from analyzer.normalize import normalize
from analyzer.records import Document
from analyzer.taxonomy import load_taxonomy


def sectors(finder, text):
    return [(m.text, m.name, m.extra.get("in_taxonomy", True)) for m in finder(normalize(text), text)["sectors"]]


@pytest.mark.parametrize("text, expected", [
    # an industry a policy recommendation targets; the modifier stops at 和 (废钢和电炉钢行业)
    ("对于促进废钢和电炉钢行业进一步培育壮大和健康发展，提出两点建议。", [("电炉钢行业", "电炉钢行业", False)]),
    # a group of firms a meeting addresses (the official sentence's 强调)
    ("会议强调，煤炭生产企业要抓紧恢复正常生产供应，严格落实保供稳价的政策要求。", [("煤炭生产企业", "煤炭生产企业", False)]),
    # (互联网企业 is a taxonomy alias of 互联网行业 since s26-mentions, gated like the divisions)
    ("中央网信办出台《互联网企业上市及投融资操作规范》。", [("互联网企业", "互联网行业", True)]),
    ("中央网信办出台《网络游戏企业上市及投融资操作规范》。", [("网络游戏企业", "网络游戏企业", False)]),
    ("多地推出新一轮人工智能产业扶持政策。", [("人工智能产业", "人工智能产业", True)]),
    ("支持文化创意产业发展。", [("文化创意产业", "文化创意产业", False)]),
    # a statistical breakdown classifies by industry
    ("分行业看，饲料加工行业利润增长12%。", [("饲料加工行业", "饲料加工行业", False)]),
    # a taxonomy sector as the modifier names that sector (the taxonomy's own X行业 aliases match anywhere too)
    ("助力上海金融产业两翼齐飞的发展格局。", [("金融产业", "金融业", True)]),
    ("鼓励钢铁企业跨区域兼并重组。", [("钢铁企业", "钢铁行业", True)]),
    ("加快培育能源领域新质生产力。", [("能源领域", "能源行业", True)]),
    # a list closed by a group word in a policy sentence: the items the taxonomy lacks keep their written names
    ("严禁钢铁、电解铝、水泥等行业新增产能。", [("钢铁", "钢铁行业", True), ("电解铝", "电解铝", False),
                                                ("水泥", "水泥", False)]),
    ("汽车、钢铁、化工、工程等承压行业，可能获豁免更多劳动力市场规定。",
     [("汽车", "汽车产业", True), ("钢铁", "钢铁行业", True), ("化工", "化工行业", True), ("工程", "工程", False)]),
])
def test_grammar_reads_sectors_a_policy_addresses(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text", [
    "本次业务范围的扩大将进一步增强联合利康在医学检验行业的市场竞争力。",   # a firm's business
    "电子烟行业迎来专利战，雾芯科技起诉维刻侵权。",                         # a story's backdrop
    "芯片产业正以无形之力重塑世界运行方式。",                               # no policy word
    "对受疫情影响企业给予支持。",                                           # a group picked by trouble, no industry
    "推动产业链上下游企业协同。",                                           # generic
    "加大对中低收入群体的帮扶力度。",                                       # a group by income (decision list)
    "支持光伏组件行业龙头做大做强。",                                       # 行业龙头: the firms at the top
    "压缩空气储能技术产业化进程加快，政策支持力度加大。",                   # 产业化 is no head
    "远景动力、欣旺达等25家电池企业合计新增规划产能达到1894GWh。",          # a firm's plan, not a policy
    "以某国际知名汽车制造商为例，政策支持下销量增长。",                     # one firm (makers need a policy word)
    "该基金增持了轻工、汽车部件等行业。",                                   # a fund's holdings: no policy
    "贵州茅台、美的集团等行业龙头获政策支持。",                             # firms, no taxonomy sector among them
])
def test_no_sector_where_no_group_is_addressed(finder, text):
    assert [s for s in sectors(finder, text) if s[2] is False or s[0].endswith(("制造商", "行业", "企业"))] == []


def test_taxonomy_reading_wins(finder):
    # 汽车行业 and 制造业 are the taxonomy's; the grammar adds nothing over them
    assert sectors(finder, "支持汽车行业和制造业企业稳定发展。") == [("汽车行业", "汽车产业", True),
                                                                      ("制造业", "制造业", True)]


def test_new_divisions_count_only_where_a_policy_addresses_them(finder):
    # a division the taxonomy gained in s20-sectors is gated by the grammar's context rows ([[gated]])
    assert sectors(finder, "截至1月14日，证券行业场外期权交易商已增至45家。") == []
    assert sectors(finder, "八部门印发《有色金属行业稳增长工作方案》。") == [("有色金属行业", "有色金属行业", True)]


def test_firm_reading_gives_way_to_a_sector_running_past_it(finder):
    # 科技 is no firm suffix in 中俄科技创新合作: the sector 科技创新 runs on past the would-be firm 中俄科技
    found = finder(normalize("推进中俄科技创新合作。"), "推进中俄科技创新合作。")
    assert [(m.text, m.name) for m in found["sectors"]] == [("科技创新", "科技创新")]
    assert found["institutions"] == []


def test_candidates_list_grammar_sectors():
    rows = collect_candidates([Document(id="a", text="对于促进废钢和电炉钢行业进一步培育壮大和健康发展。")])
    assert [(r["kind"], r["name"], r["count"]) for r in rows if r["kind"] == "sectors"] == [("sectors", "电炉钢行业", 1)]


# s20-sectors2 (issue 14, precision of the names of their own): the rows [[weak]], [[govern]], [[count]], [[person]],
# [[firm_story]], [[unknown]], [[legal_form]], [[place_end]] and the breakdown's not_after; each sentence paraphrases
# an archive reading (s20-sectors2 archive read, seed 20261207)
@pytest.mark.parametrize("text, expected", [
    # a weak word that governs the name: right before it, through 对…规范, or the regulator's noun right after it
    ("推动电网企业优先执行交易结果。", [("电网企业", "电网企业", False)]),
    ("对网络直播行业的偷逃税行为进行规范。", [("网络直播行业", "网络直播行业", False)]),
    ("有关部门正在酝酿制定新的助贷行业监管文件。", [("助贷行业", "助贷行业", False)]),
    # jieba tags 康复 as a person's name: the name is read whole, not as the fragment 辅助器具产业
    ("十四部门部署开展康复辅助器具产业扩能提质三年行动。", [("康复辅助器具产业", "康复辅助器具产业", True)]),
    # a large count is a population a policy addresses
    ("推动500家重点用能企业节能技术改造。", [("用能企业", "用能企业", False)]),
])
def test_names_of_their_own_a_policy_governs(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text", [
    "美国企业的大量采购直接推动了韩国芯片企业的盈利增长。",               # 推动了: a story's verb
    "双方期待共同推动光通信产业升级。",                                   # firms' joint work
    "长久以来，这是横亘在摩托车行业面前的物理限制。",                     # 限制 governs nothing
    "美国进出口银行将向三家关键矿产企业提供贷款支持。",                   # a count of a few firms
    "今日网上流传内蒙古某硅铁生产企业发布了减产通知。",                   # 某: one firm
    "公司为多家新冠疫苗生产企业提供检验检测信息化系统支持。",             # a firm's clients
    "该公司是高新区重点培育的创新型企业。",                               # one firm's label
    "愈发繁多的特朗普行业关税，又迎来了新的一笔。",                       # sectoral tariffs
    "政府宣布支持特朗普行业发展。",                                       # an unknown run of three: a person
    "对粉丝群体积极、正面的引导能力。",                                   # people: weak words never count
    "投资者应该关注那些服务于老龄化人口、且所在地区拥有支持政策的企业。", # people: the strong word addresses none
    "部分行业因AI而发展提速，比如太空行业。",                             # 部分行业 is no breakdown
    "美国关税政策一度给国内AI硬件行业带来冲击。",                         # a fragment of AI硬件行业
    "将进一步壮大深汕合作区产业规模。",                                   # a zone's industry
    "西安财金龙门成长股权投资合伙企业获政策支持。",                       # a partnership's name
    "有望出台跨境产业合作政策。",                                         # 产业合作 is cooperation
    "助力企业高质量发展。",                                               # 助力 is no part of a name
])
def test_no_name_of_its_own_where_none_is_addressed(finder, text):
    assert [s for s in sectors(finder, text) if s[2] is False] == []


@pytest.mark.parametrize("filler, expected", [(100, [("煤炭生产企业", "煤炭生产企业", False)]), (600, [])])
def test_a_context_word_is_read_within_reach_of_the_name(finder, filler, expected):
    # s20-review2: a name's clause and sentence are read at most sector_names.REACH (1000) characters on each side;
    # a text with no break in it made every name read to the text's ends (time growing with the square of its
    # length). The official sentence's 落实 200 characters on addresses the firms, 1200 characters on it does not
    text = "煤炭生产企业要抓紧恢复生产" + "供应" * filler + "严格落实保供稳价的政策要求。"
    assert sectors(finder, text) == expected


def test_sentence_start_looks_back_no_further_than_its_floor():
    from analyzer.text.sentences import sentence_start
    text = "第一句。" + "字" * 50
    assert sentence_start(text, 40) == 4
    assert sentence_start(text, 40, floor=10) == 10
    assert sentence_start(text, 40, floor=2) == 4


def test_a_second_settings_row_is_an_error(monkeypatch):
    """[[list]], [[govern]] and [[unknown]] are read as one row of settings: a second row would be ignored in silence."""
    import copy

    from analyzer import rulebook
    from analyzer.extract import sector_names
    data = copy.deepcopy(sector_names.grammar())
    data["govern"].append(dict(data["govern"][0], id="second"))
    monkeypatch.setattr(sector_names, "grammar", lambda: data)
    with pytest.raises(rulebook.RuleFileError, match=r"\[\[govern\]\] must have exactly one row, not 2"):
        sector_names.SectorNameFinder()


@pytest.mark.parametrize("text, expected", [
    # s21-sectors: a group a policy in the text targets counts at every occurrence (the spec annotates each one)
    ("全省焦化行业改造全面启动。建成新工艺的焦化企业31户。省里将对焦化行业改造项目给予重点支持。",
     [("焦化行业", "焦化行业", False), ("焦化企业", "焦化企业", False), ("焦化行业", "焦化行业", False)]),
    # not where nothing in the text addresses the group
    ("全省焦化行业改造全面启动。建成新工艺的焦化企业31户。", []),
    # a reading not of a group's shape stays out: a few counted firms are a story's firms
    ("省里将对焦化行业改造项目给予重点支持。两家焦化企业率先完成。", [("焦化行业", "焦化行业", False)]),
    # a gated division (保险业) addressed once counts at its other occurrences
    ("监管部门对保险业开出罚单。保险业保费收入增长5%。", [("保险业", "保险业", True), ("保险业", "保险业", True)]),
    ("今年保险业保费收入增长5%。", []),
])
def test_a_group_addressed_once_counts_at_every_occurrence(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s21-sectors: a firm's registered business scope lists what it sells, not groups a policy targets
    ("某芯片公司成立，注册资本1亿元，经营范围包含集成电路设计；房地产经纪；集成电路销售等。", []),
    # the scope's sentence only: the next sentence's policy names its sector
    ("某公司经营范围包含集成电路设计。国家将继续支持集成电路产业。", [("集成电路产业", "集成电路", True)]),
])
def test_no_sector_in_a_business_scope(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s21-sectors: a ministry's 运行情况 release, a draft for comment and 约谈 address the industries of their sentence
    ("工信部发布2021年机械行业运行情况，机械行业增加值同比增长10%。",
     [("机械行业", "机械行业", True), ("机械行业", "机械行业", True)]),
    ("工信部就《关于加快现代轻工产业体系建设的指导意见（征求意见稿）》公开征求意见。", [("轻工产业", "轻工产业", True)]),
    ("国家版权局约谈主要唱片公司，要求数字音乐产业规范授权。", [("数字音乐产业", "数字音乐产业", False)]),
])
def test_official_releases_address_their_industries(finder, text, expected):
    assert sectors(finder, text) == expected


def test_aim_at_a_group_governs_it(finder):
    # s21-sectors: 瞄准 is a weak word: it counts where it governs the name, not elsewhere in its clause
    assert sectors(finder, "多部门密集部署，瞄准重点数字产业，提升供给水平。") == [("数字产业", "数字产业", True)]
    assert sectors(finder, "公司瞄准海外市场，数字产业收入增长。") == []


def test_tech_firms_as_a_listed_group(finder):
    # s21-sectors: 科技公司 is 科技型企业 only as an item of a list of groups, never one firm
    assert ("科技公司", "科技型企业", True) in sectors(finder, "汽车、钢铁、化工等承压行业及科技公司，可能获豁免更多规定。")
    assert sectors(finder, "该公司是一家科技公司，主要从事软件开发。") == []


@pytest.mark.parametrize("text, expected", [
    # s21-sectors2: the relief policies' group and a city's plan for an industry, names the taxonomy lacked
    ("进一步加大助企纾困力度，倾斜支持受疫情影响大、吸纳就业多的特殊困难行业。", [("特殊困难行业", "特殊困难行业", True)]),
    ("通过减税降费等支持市场主体、困难行业纾困发展。", [("困难行业", "特殊困难行业", True)]),
    ("《上海市建设网络安全产业创新高地行动计划》正式发布。", [("网络安全产业", "网络安全产业", True)]),
])
def test_named_policy_groups(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text", [
    # s21-sectors2: an industrial park named after an industry is a place, whether the taxonomy or the grammar names it
    "打造2个国家级网络安全产业园区。",
    "公司拟在安顺市红星精细化工产业园新建2万吨/年高纯硫脲项目。",
    "国发碳中和绿色产业园项目等6个项目。",
    "现代能源产业园后投资建设的又一大型产业园。",
])
def test_an_industrial_park_is_no_sector(finder, text):
    assert sectors(finder, text) == []


@pytest.mark.parametrize("text", [
    # s21-sectors2: a field's system is its bodies or services as a whole, not a group a policy targets
    "全国文化和旅游系统未发生重特大安全事故。",
    "全国卫生健康系统生物安全和安全生产工作会议在北京召开。",
])
def test_a_fields_system_is_no_sector(finder, text):
    assert sectors(finder, text) == []


def test_repeats_reads_each_kept_reading_once(finder):
    """s21-mend: each waiting reading was compared with every kept one (quadratic in the sector names of a long
    document). The kept readings are read once into sets; each waiting reading is then a set look-up."""
    from analyzer.extract.sector_names import SectorName
    reads = []

    class Counted(SectorName):
        def __getattribute__(self, attribute):
            if attribute in ("name", "rule", "modifier"):
                reads.append(attribute)
            return object.__getattribute__(self, attribute)

    grammar = finder.sector_names
    row = next(iter(grammar.repeat_rows))
    kept = [Counted(i, i + 4, f"焦化{i}行业", row, f"焦化{i}", shaped=True) for i in range(200)]
    waiting = [SectorName(i, i + 4, f"焦化{i}企业", row, f"焦化{i}", shaped=True) for i in range(150, 350)]
    index = grammar.kept_groups(kept)
    found = [grammar.repeats(reading, index) for reading in waiting]
    assert found == [i < 200 for i in range(150, 350)]
    assert len(reads) <= 3 * len(kept)  # not one comparison per (waiting, kept) pair


@pytest.mark.parametrize("text, expected", [
    # s22-sectors: a technology's stack named by a Latin word is a firm's business or a market's theme (the
    # convention decision on sectors, 2026-12-07; real-dev rss-900, rss-1435, rss-90, rss-1159 relabelled to it)
    ("市场关注芯片厂商的财报，以判断AI基础设施需求能否延续。", []),
    ("该公司称其在下一代AI基建中占据主导地位。", []),
    ("云厂商IT 基础设施支出继续增长。", []),
    # without the Latin word, a plan's infrastructure stays a sector
    ("国家将加快推进交通基础设施建设。", [("基础设施建设", "基础设施", True)]),
])
def test_a_technology_stack_is_no_sector(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s22-sectors (s21-sectors' row): 一家 before a group's name in its clause makes it one firm or one firm's label
    ("该公司是一家以软件研发为主营业务的高新技术企业。", []),
    ("一家大型房企的相关人士表示，公司项目进展顺利。", []),
    # a quantifier makes it every firm of the group (real-dev rss-84's 任何一家平台企业), and another clause's group stays
    ("他表示，任何一家平台企业利润太高时，整个产业都会受损。", [("平台企业", "平台经济", True)]),
    ("这是一家小公司，政策将继续支持高新技术企业发展。", [("高新技术企业", "高新技术企业", True)]),
])
def test_one_firm_is_no_sector(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s22-sectors pooled round: a technology's infrastructure named in Chinese is a firm's stack or a market's theme
    ("投资者关注人工智能基础设施需求能否支撑涨势。", []),
    ("该公司的本地化推理基础设施已覆盖全球多个地区，算力基建投入继续加大。", []),
    ("市场担心云基础设施投入放缓，服务器厂商股价下跌。", []),
    # a government's network or information infrastructure stays a sector
    ("通知提出，加快完善中小城市网络基础设施。", [("基础设施", "基础设施", True)]),
])
def test_a_technology_infrastructure_is_no_sector(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s26-mentions pooled round: infrastructure in a sentence about AI, computing power, data centres or chips is a
    # firm's stack or a market's theme wherever the technology word stands before it in the sentence
    ("而AI倚赖算力集聚，即使完成基建和模型训练，其应用仍持续消耗大量资源。", []),
    ("OpenAI需要建设规模空前的数据中心枢纽，而重资产基建面临巨大的资金与能源瓶颈。", []),
    ("甲骨文横跨数据库、基础设施与应用层的端到端技术栈。", []),
    # a plan, a government or special bonds in the sentence keep it a sector
    ("上海市经信委印发《上海市新一代信息基础设施发展规划》，持续推进数据中心布局。", [("基础设施", "基础设施", True)]),
    ("超长期特别国债资金支持重大项目，涉及人工智能、交通基础设施等重点领域。", [("基础设施", "基础设施", True)]),
    # without a technology word before it the name stays
    ("基础设施投资增长5.9%，制造业投资增长6.5%。", [("基础设施", "基础设施", True), ("制造业", "制造业", True)]),
])
def test_infrastructure_in_a_technology_sentence_is_no_sector(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s22-sectors2 pooled round: 消费 in a sentence of investment advice is a theme investors buy, like a board
    ("配置上，建议投资者中期以高端制造及消费等偏成长方向为主。", []),
    ("与此同时，市场风格向消费切换。", []),
    ("资金从高估值科技板块流向金融、消费和运输领域。", []),
    # a broker's macro breakdown and a policy's consumption hold no investment word and stay
    ("【中信证券：预计12月社融增速继续回升】需求端来看，汽车销售改善带动消费增速温和回升。", [("消费", "消费", True)]),
    ("会议提出，要多措并举扩大消费。", [("消费", "消费", True)]),
])
def test_consumption_as_an_investment_theme_is_no_sector(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s22-sectors2: a grammar reading (modifier + 行业/产业) whose modifier is a taxonomy name obeys the context rows
    # that refuse that name there: 消费行业 in a broker's 投资主线 (investment_theme), AI基建产业 (technology_infrastructure)
    ("第一条主线：共同富裕带来的投资机会，将对资本市场及消费行业产生深远影响。", []),
    ("我们期待公司光互连产品顺利推进，赋能AI基建产业升级。", []),
    # where no row refuses the modifier the reading stays
    ("会议提出，加大对消费行业的支持力度。", [("消费", "消费", True)]),
])
def test_a_context_row_refuses_a_grammar_reading_of_its_name(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s26-mentions: groups the grammar read in two archive documents or more are taxonomy sectors with parents, gated
    # like the divisions (建材 a list word of 建材行业): the same spans where a policy, regulator or breakdown addresses them, none elsewhere
    ("中央网信办出台《互联网企业上市及投融资操作规范》。", [("互联网企业", "互联网行业", True)]),
    ("互联网企业纷纷加码布局大模型。", []),
    ("工信部印发《机器人产业发展规划》。", [("机器人产业", "机器人产业", True)]),
    ("严控新增钢铁、有色、建材等行业产能。", [("钢铁", "钢铁行业", True), ("有色", "有色", False),
                                           ("建材", "建材行业", True)]),
])
def test_sectors_grown_from_the_archive_keep_the_convention(finder, text, expected):
    assert sectors(finder, text) == expected


def test_sectors_grown_from_the_archive_have_parents():
    taxonomy = load_taxonomy()
    parents = {name: taxonomy.lookup(name, "sectors").parents for name in ("互联网企业", "机械行业", "数字产业")}
    assert parents == {"互联网企业": ("信息传输、软件和信息技术服务业",), "机械行业": ("装备制造业",),
                       "数字产业": ("数字经济",)}
    assert taxonomy.ancestors("轻工产业", "sectors") == ["制造业"]


@pytest.mark.parametrize("text, expected", [
    # s27-sectorgate: taxonomy sectors fresh archive text names mostly as a firm's business, a market's theme or a
    # story's backdrop count only in official text (`[[official_only]]`, `[[official]]` rows): none in firm or market
    # news...
    ("如果苹果这样的顶级消费品公司涨价都难以被市场消化，普通消费品企业的转价能力只会更弱。", []),
    ("两家公司合作的基础设施将由多代GPU驱动。", []),
    ("报告期内，受益于新能源行业景气度持续提升，动力电池市场需求稳步增长。", []),
    ("美银分析师表示，他仍看好整个汽车行业，并上调了多只汽车股的目标价。", []),
    # ...and a mention in a policy's, a meeting's, a plan's or a statistics release's sentence
    ("国务院批复同意《扩大消费“十五五”规划》。", [("消费", "消费", True)]),
    ("会议指出，要加快交通基础设施建设。", [("基础设施建设", "基础设施", True)]),
    ("到2025年，集成电路产业规模持续壮大。", [("集成电路产业", "集成电路", True)]),
    ("商务部新闻发言人表示，将推动汽车消费持续恢复。", [("消费", "消费", True)]),
    ("1—5月份，基础设施投资同比增长5.9%。", [("基础设施", "基础设施", True)]),
])
def test_backdrop_sectors_count_in_official_text_only(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the lead of a story (a headline with its first sentence) or of a document makes its later sentences official
    ("【三部门：到2025年建成一批农村能源试点】国家能源局等三部门近日印发实施意见。充电基础设施覆盖面持续扩大。",
     [("农村", "三农", True), ("基础设施", "基础设施", True)]),
    ("国务院关于《扩大消费“十五五”规划》的批复\n\u3000\u3000（十三）推广绿色消费。\n\u3000\u3000提升和拓展消费体验。",
     [("消费", "消费", True), ("绿色", "绿色发展", True), ("消费", "消费", True), ("消费", "消费", True)]),
    # a news digest's first item speaks for itself only; another item's firm news gives none
    ("今日报刊头条主要内容如下：国务院办公厅印发通知。\n\u3000\u3000某公司推出消费贷让利活动，年化利率低至3%。", []),
])
def test_an_official_lead_speaks_for_its_story(finder, text, expected):
    assert sectors(finder, text) == expected


def test_a_dropped_division_keeps_the_name_inside_it(finder):
    # 电子信息制造业 is the gated division 电子行业: dropped where nothing addresses it, 制造业 inside it stays (as on
    # main); only a dropped official-only sector takes the names that read its words (能源 of 新能源行业)
    assert sectors(finder, "2021年，我国电子信息制造业增加值和出口交货值实现两位数增长。") == [("制造业", "制造业", True)]


@pytest.mark.parametrize("text, name, expected", [
    # s27-sectorgate: the official-text signal (`[[official]]` rows): a policy's, a meeting's, a plan's, a regulator's
    # sentence or a statistics release...
    ("国务院办公厅印发《关于在政府采购中实施本国产品标准的通知》，支持15个左右试点城市。", "试点城市", True),
    ("会议强调，要加大对小微企业、个体工商户、制造业等企业行业的支持力度。", "制造业", True),
    ("商务部综合司司长表示，将稳住外贸外资基本盘。", "外贸", True),
    ("到2025年，服务业增加值突破2.5万亿元。", "服务业", True),
    ("德国12月服务业PMI终值录得48.7。", "服务业", True),
    # ...not a firm's or a market's
    ("新闻稿提到，两家公司合作的基础设施将由多代GPU驱动。", "基础设施", False),
    ("中金公司研报指出，当前临近春节，消费仍处于旺季。", "消费", False),
    ("本周化工行业也受到北上资金的重点关注，净买入逾14亿元。", "化工行业", False),
    # a story's lead (a headline and its first sentence) speaks for the story; a digest's first item not for the rest
    ("【三部门：到2025年建成一批试点】三部门近日印发实施意见。农村电网保障能力进一步增强。", "农村", True),
    ("今日报刊头条主要内容如下：国务院办公厅印发通知。\n\u3000\u3000某公司推出消费贷让利活动。", "消费", False),
])
def test_official_text_signal(text, name, expected):
    from analyzer.extract.sector_names import SectorNameFinder
    official = SectorNameFinder().official
    at = text.rindex(name)
    assert official(text, at, at + len(name)) is expected


def test_in_a_news_digest_an_official_item_speaks_for_itself_only(finder):
    # one item's 消费 in a State Council approval counts; another item's 消费 in a firm's product story does not
    # (outside a digest, one official occurrence makes every occurrence of the text count)
    text = ("今日报刊头条主要内容如下：\n\u3000\u3000国务院批复同意《扩大消费“十五五”规划》。\n\u3000\u3000"
            "某公司推出消费贷让利活动，年化利率低至3%。")
    assert [(m.start, m.name) for m in finder(normalize(text), text)["sectors"]] == [(text.index("消费"), "消费")]


@pytest.mark.parametrize("text, expected", [
    # s29-sectors: 文旅 and 旅游业 are a firm's business, a project's or a market's theme in news (融创文旅城, 宁波文旅投,
    # 文旅场景, 高盛押注旅游业复苏): they count only in official text, as the other backdrop names do
    ("用文化与科技融合的力量搭建现实与虚拟融合的文旅场景一直是公司探索的方向。", []),
    ("高盛集团策略师预计，旅游业将在2022年下半年复苏。", []),
    ("文化和旅游部印发《“十四五”文化和旅游发展规划》，推动文旅深度融合。",
     [("文化和旅游", "文化旅游", True), ("文旅", "文化旅游", True)]),
])
def test_tourism_counts_in_official_text_only(finder, text, expected):
    assert sectors(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # s29-sectors: a modifier that is one word of what firms do (a `[[part]]` word: 零售, 出口, 流通) names them; it was
    # dropped as a leading verb, so a plan's 零售企业 gave no 零售业 while its 零售行业 did
    ("意见提出，培育一批具有国际竞争力的零售企业。", [("零售企业", "零售业", True)]),
    ("对出口企业给予退税支持。", [("出口企业", "出口企业", False)]),
    ("统筹推进现代流通体系建设，培育壮大现代流通企业。", [("流通企业", "流通企业", False)]),
    # a verb done to the firms is still no part of a name
    ("降低企业成本，支持企业发展。", []),
])
def test_a_making_verb_alone_names_the_firms(finder, text, expected):
    assert sectors(finder, text) == expected


def test_a_breakdowns_divisions_keep_their_finest_names(finder):
    # s29-sectors: the GB/T 4754 divisions of a profits release are named as written, not as the section inside them
    # (制造业 of 电气机械和器材制造业), and those that hold no section's name are read at all (纺织业, 农副食品加工业)
    text = "主要行业利润情况如下：电气机械和器材制造业下降13.7%，汽车制造业下降19.8%，纺织业增长11.7%，农副食品加工业下降13.3%。"
    assert [m.name for m in finder(normalize(text), text)["sectors"]] == [
        "电气机械和器材制造业", "汽车制造业", "纺织业", "农副食品加工业"]
    # a gold name of a parent still agrees with the finer record (the scorer reads the taxonomy's parents)
    from analyzer.evaluate import default_names_agree
    agree = default_names_agree()
    assert agree("制造业", "汽车制造业") and agree("汽车产业", "汽车制造业") and agree("服务业", "生产性服务业")
