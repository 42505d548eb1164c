"""Metric names of real text, by error family (issue 14): each case is a sentence, one figure's span in it and
the metric expected, with the cases that must keep the name before the figure beside the ones that take another."""
import pytest

from analyzer.pipeline import analyze

CASES = [
    # a figure qualifying the noun after it (attributive-noun-after)
    ("qualifies-after-verb", "英伟达正在洽谈提供约2500亿美元的担保，以帮助OpenAI租赁算力。", "约2500亿美元", "担保"),
    ("qualifies-after-adverb", "英伟达正与OpenAI就高达2500亿美元的数据中心项目融资担保进行磋商。", "2500亿美元",
     "数据中心项目融资担保"),
    ("qualifies-after-de", "转而调整为当前轮次的300亿美元投资。", "300亿美元", "投资"),
    ("qualifies-verb-after-de", "这一举措导致股市出现规模达1万亿美元的抛售。", "1万亿美元", "抛售"),
    ("qualifies-stops-at-verb", "新一轮高达120亿美元的融资提供了关键的盈利预期支撑。", "120亿美元", "融资"),
    ("qualifies-after-round", "OpenAI 目前正接近完成新一轮 120 亿美元融资。", "120 亿美元", "融资"),
    ("threshold-keeps-name-before", "对单户授信不超过1000万元的小微企业贷款给予支持。", "不超过1000万元", "单户授信"),
    # counts whose metric is the counted noun phrase (counted-noun)
    ("counted-past-modifier-verbs", "北京无新增本土确诊病例；新增1例境外输入确诊病例。", "1例", "境外输入确诊病例"),
    ("counted-past-conversion", "本土病例11例，含5例由无症状感染者转为确诊病例。", "5例", "由无症状感染者转为确诊病例"),
    ("counted-stops-at-bracket", "郑州决定在金水区等9个城区（含开发区）开展新一轮全员核酸检测。", "9个", "城区"),
    ("counted-stops-at-adjective", "商务部：4方面15条政策措施稳定外贸。", "15条", "政策措施"),
    ("counted-stops-at-verb", "首批21家全国性金融机构参与。", "21家", "全国性金融机构"),
    # a probability is named by its event; a rate move implied by 加息 moves the rate its sentence named
    ("probability-of-event", "美联储1月维持利率在0%-0.25%区间的概率为96.9%，加息25个基点的概率为3.1%。", "3.1%",
     "加息25个基点的概率"),
    ("probability-after-owner-and-time", "美联储1月维持利率在0%-0.25%区间的概率为96.9%，加息25个基点的概率为3.1%。",
     "96.9%", "维持利率在0%-0.25%区间的概率"),
    ("implied-rate-named-in-sentence", "美联储1月维持利率在0%-0.25%区间的概率为96.9%，加息25个基点的概率为3.1%。",
     "25个基点", "利率"),
    ("implied-rate-default", "人民银行决定9月16日全面降准0.5个百分点。", "0.5个百分点", "存款准备金率"),
    # market moves: the index, price or pair that moved
    ("index-short-name-spaced", "韩国综指 涨幅扩大至3%，此前一日曾暴跌10%。", "3%", "韩国综指"),
    ("index-short-name-clause-before", "韩国综指 涨幅扩大至3%，此前一日曾暴跌10%。", "10%", "韩国综指"),
    ("recovered-loss-is-no-name", "现货黄金日内一度下挫1%，随后收复跌幅至0.37%。", "0.37%", "现货黄金"),
    ("pair-of-clause-before", "美元指数突破99，日内涨0.16%。美元兑日元短线拉升，现涨至153，为2月份以来首次。", "153",
     "美元兑日元"),
    ("firms-move-their-shares", "科技股延续此前涨势，英伟达、AMD均涨超1%，台积电波动不大，微涨0.03%。", "超1%", "股价"),
    ("firm-of-clause-before", "科技股延续此前涨势，英伟达、AMD均涨超1%，台积电波动不大，微涨0.03%。", "0.03%", "股价"),
    ("statistic-move-is-no-share", "9月份一线城市新建商品住宅销售价格按月跌0.7%，按年跌5.7%；二线城市按月跌0.6%，按年跌5.3%。",
     "0.6%", "二线城市新建商品住宅销售价格"),
    ("index-fall-after-time-words", "韩国综指 涨幅扩大至3%，此前一日曾暴跌10%。", "10%", "韩国综指"),
    # time words inside a name: a record close keeps its 收盘, a window of weeks goes
    ("record-close-kept", "自2025年9月10日创下历史收盘高点324.33美元以来，甲骨文股价已累计下跌56.2%。", "324.33美元",
     "历史收盘高点"),
    ("window-of-weeks-goes", "甲骨文股价已累计下跌56.2%；过去52周跌幅亦达38.1%。", "38.1%", "股价"),
    ("window-in-time-clause", "由于Kospi指数在过去12个月内因半导体需求激增而暴涨超过95%。", "超过95%", "Kospi指数"),
    # a demonstrative refers back; 该 with a noun is whose figure it is
    ("index-referred-back", "MSCI亚太指数早盘上涨0.8%，此前该指数周二重挫3.6%。", "3.6%", "MSCI亚太指数"),
    ("this-car-is-the-owner", "该车储物容量超18m³。", "超18m³", "储物容量"),
    ("this-project-keeps-project", "该项目成本可能高达约5000亿美元。", "约5000亿美元", "项目成本"),
    # verbs after which the name starts
    ("raised-housing", "目前成都已经筹集保障性租赁住房22.6万套。", "22.6万套", "保障性租赁住房"),
    ("included-condition", "资金来源包括对年收入超过25万欧元的高收入者加税。", "超过25万欧元", "年收入"),
    ("raised-funds-kept", "本次发行募集资金总额为2,999,999,997.00元。", "2,999,999,997.00元", "募集资金总额"),
    # a bound glossed in brackets after its name; a stake
    ("bound-in-brackets", "上行平均速率397Mbps、上行极致体验（>300Mbps）占比72%。", ">300Mbps", "上行极致体验"),
    ("controlling-stake", "蚂蚁集团以每股3.28港元的价格，收购耀才证券50.55%的控股权。", "50.55%", "控股权"),
    # the owner goes, the deal stays
    ("firm-joined-by-complete", "2022年1月，国家能源集团完成商品煤资源量6314.8万吨。", "6314.8万吨", "商品煤资源量"),
    ("group-of-firms-kept", "规模以上工业企业实现利润总额1.2万亿元。", "1.2万亿元", "规模以上工业企业利润总额"),
    ("shares-sold", "马斯克以10.2亿美元出售了934090股股票。", "934090股", "出售股票"),
    ("stake-sold-down", "公司控股股东豪园创投累计减持5%股份。", "5%", "减持股份"),
    ("stake-transferred", "易华录公告，拟转让所持有太行数据湖45%股权。", "45%", "股权"),
    # families seen in the archive (../shared/data, real-test and reserved documents left out)
    ("converted-amount", "LVMH集团第一季度营收191.21亿欧元（约合人民币1537亿元），同比下滑6%。", "1537亿元", "营收"),
    ("slide-is-a-move", "LVMH集团第一季度营收191.21亿欧元（约合人民币1537亿元），同比下滑6%。", "6%", "营收"),
    ("contract-keeps-yue", "比特币期货BTC主力合约报41775美元，较周四纽约尾盘跌3.33%。", "41775美元", "比特币期货BTC主力合约"),
    ("move-against-base-no-share", "比特币期货BTC主力合约报41775美元，较周四纽约尾盘跌3.33%。", "3.33%",
     "比特币期货BTC主力合约"),
    ("trading-range", "比特币期货BTC主力合约报41775美元，盘中交投于43240-40470美元区间。", "43240-40470美元",
     "比特币期货BTC主力合约"),
    ("spaced-commodity-bare-move", "现货 白银 上涨0.22美元，涨幅0.38%，报58.41美元/盎司。", "0.38%", "现货白银"),
    ("quarter-code", "注：公司Q2净利润预计1.25亿，Q1净利润1.87亿。", "1.87亿", "净利润"),
    ("place-alone-is-no-name", "其中境外输入病例34例（广东21例，上海8例），本土病例45例。", "21例", "境外输入病例"),
    ("change-against-last-year", "公司预计2021年度实现归属于上市公司股东的净利润4.75亿元左右，与上年同期相比增加2.06亿元左右。",
     "2.06亿元左右", "归属于上市公司股东的净利润"),
    ("object-moved-by-ba", "银河-联昌：把融创服务目标价下调68%。", "68%", "融创服务目标价"),
    ("released-figure", "加拿大11月原材料价格指数月率公布 -1%，前值 4.80%。", "-1%", "原材料价格指数月率"),
    ("loss-is-a-sign", "公司实现营业总收入319.85亿元；归属于上市公司股东的净利润为亏损4.2亿元。", "4.2亿元",
     "归属于上市公司股东的净利润"),
    ("weekday-brackets-go", "澳大利亚S&P/ASX200指数1月11日（周二）开盘下跌38.00点。", "38.00点", "S&P/ASX200指数"),
    ("long-fund-name", "iShares扩展科技软件板块ETF在截至上周四的五个交易日内连续上涨，累计涨幅超过10%。", "超过10%",
     "iShares扩展科技软件板块ETF"),
    ("single-day-goes", "近日，A股和场内外基金市场权益类资产单日净买入超100亿元。", "超100亿元",
     "A股和场内外基金市场权益类资产净买入"),
    ("change-list-pairs-with-figures-before",
     "1月销售生猪1.52万头，销售收入22.91亿元，毛猪销售均价16.21元/公斤，环比变动分别为2.63%、-5.21%、-5.70%。", "-5.21%",
     "销售收入"),
    ("compared-with-last-quarter", "易方达四季度末规模为99.17亿元，相较于上季度末的99.25亿元略有下降。", "99.25亿元", "规模"),
    ("quarter-at-start-goes", "报告显示，Pinterest第四季度营收为8.47亿美元。", "8.47亿美元", "营收"),
    ("fiscal-year-goes", "美光宣布2026财年资本支出将超过250亿美元，且2027财年的建筑相关支出将同比增长约一倍。", "约一倍",
     "建筑相关支出"),
    ("condition-conjunction-goes", "英国央行此前表示一旦利率达到0.5%，将停止再投资计划。", "0.5%", "利率"),
    ("goods-price-is-no-share", "今日部分锂电材料报价再度上涨，四氧化三钴涨5000元/吨；金属锂涨2万元/吨。", "5000元/吨",
     "四氧化三钴"),
    ("size-index-is-no-share", "创业板指收报3678.29点，涨1.43%。沪深300收报4728.67点，跌0.17%。", "4728.67点", "沪深300"),
    ("statistic-of-clause-before-is-no-share", "疲软的Q4业绩拖累了2021年全年出货量至3.293亿部，同比下降2.0%。", "2.0%", None),
    ("listed-leaders-move-shares", "沪指收涨1%。跌幅居前的有 卧龙新能 、 海亮股份 、 四川路桥 等，分别下跌2.94%、1.89%、1.82%。",
     "1.89%", "股价"),
    ("listed-bonds-are-no-shares", "和邦转债、Z服转债、东时转债涨幅居前，分别涨6.01%、4.18%、3%。", "4.18%", None),
    ("listed-banks-raising-funds", "工商银行、农业银行分别实现净利润3658.63亿元、2820.83亿元。", "2820.83亿元", "净利润"),
    ("verb-before-bare-quantity", "1—9月，公司累计实现签约面积179.2万平方米；累计实现签约金额241.8亿元。", "241.8亿元", "签约金额"),
    ("flow-verb-still-goes", "今年以来累计新增贷款3万亿元。", "3万亿元", "贷款"),
    # a 分别 list whose names share a modifier or a head
    ("list-shared-modifier-first", "预制菜业务的营业收入和毛利润分别占公司整体的22.6%和22.16%。", "22.6%",
     "预制菜业务营业收入"),
    ("list-shared-modifier-second", "预制菜业务的营业收入和毛利润分别占公司整体的22.6%和22.16%。", "22.16%",
     "预制菜业务毛利润"),
    ("list-shared-after-labels", "A、B、C类人才补贴比例分别为100%、70%、50%。", "70%", "B类人才补贴比例"),
    ("list-shared-head-unchanged", "支农再贷款、支小再贷款和再贴现余额分别为1000亿元、2000亿元和3000亿元。", "2000亿元",
     "支小再贷款余额"),
    # a fine: money right after a fining verb (fine-imposed); money after another verb keeps its name
    ("fine-after-chuyi", "证监会对陈峰责令改正，给予警告，并处以150万元罚款。", "150万元", "罚款"),
    ("fine-after-reason-beifa", "当当网旗下公司因违反劳动法被罚12150元。", "12150元", "罚款"),
    ("fine-after-officer", "监管局拟对公司处以警告并罚款400万元，对董事陈鑫罚款210万元。", "210万元", "罚款"),
    ("fine-after-reason-chuyi-fakuan", "快钱支付因四项违法行为被处以罚款1004万元。", "1004万元", "罚款"),
    # 亏损 after a profit's name is its sign, not its name (real_text.toml loss-after-profit)
    ("loss-after-profit", "公司预计2025年归母净利润亏损15亿元至18亿元。", "15亿元至18亿元", "归母净利润"),
    ("loss-after-eps", "基本每股收益亏损0.12元。", "0.12元", "基本每股收益"),
    # a project or fund opening a total is whose total it is (real_text.toml owner-project-or-fund)
    ("owner-project-total", "该项目计划总投资76.19亿元，项目资本金占20%。", "76.19亿元", "计划总投资"),
    ("owner-fund-units", "截至6月30日，该基金总份额为99.39亿份。", "99.39亿份", "总份额"),
    ("group-of-projects-stays", "全市重点项目总投资1200亿元。", "1200亿元", "重点项目总投资"),
    # money right after a spending verb: the purchase it pays for, else the verb; the spender and means go (spent-on)
    ("spent-on-purchase", "蚂蚁花费28亿港元收购该公司股份。", "28亿港元", "收购"),
    ("spent-on-buyback-of-shares", "公司拟出资1亿至2亿元回购股份。", "1亿至2亿元", "回购股份"),
    ("spent-by-subsidiary", "全资子公司亚盛种业公司拟以货币资金出资3000万元，在张掖市设立子公司。", "3000万元", "出资"),
    ("spent-after-price-range", "回购45万股股份，价格区间为442.6港元-457港元，耗资约2.04亿港元。", "约2.04亿港元", "耗资"),
    # a from-to phrase: 从/由/自 and the base or time after it go from the name (real_text.toml from-base-tail)
    ("from-base-year-ago", "出口量从去年同期的30020辆下降至11567辆。", "30020辆", "出口量"),
    ("from-base-month", "数据显示，6月失业率由5月的4.3%降至4.2%。", "4.2%", "失业率"),
    ("since-time-first", "布伦特原油价格自2014年10月以来首次升至90美元/桶。", "90美元/桶", "布伦特原油价格"),
    # a modal verb or a one-character move after the comparison leaves the name (trail-modal, trail-comparison-move)
    ("modal-leaves-name", "市场预计2022年美联储加息次数可能会在1-2次。", "1-2次", "加息次数"),
    ("hk-style-move", "中金预计港交所全年盈利同比升9%至126亿港元。", "9%", "盈利"),
    # 相关 before a noun modifies it; 相关 last goes (metric-noun-modifier-related, related-tail)
    ("related-firms-counted", "天眼查数据显示，目前我国共有6.9万余家预制菜相关企业。", "6.9万余家", "预制菜相关企业"),
    ("related-last-goes", "该毒株已在多国发现，与全球8000个病例相关。", "8000个", "病例"),
    # the holder before a deal verb goes (holder-before-deal)
    ("holder-before-deal", "天下秀：股东赛富投资、腾元投资拟减持不超过2%。", "不超过2%", "减持"),
    # a revision verb (下修, 上修, 修正为) names no statistic: the figures keep the name before it (lexicon metric)
    ("revised-from-keeps-name", "美国3月非农就业人数从22.8万人下修至18.4万人。", "22.8万人", "非农就业人数"),
    ("revised-to-keeps-name", "美国3月非农就业人数从22.8万人下修至18.4万人。", "18.4万人", "非农就业人数"),
    ("revised-up-takes-previous", "统计局将一季度GDP增速由5.3%上修至5.5%。", "5.5%", "GDP增速"),
    ("corrected-to-leaves-name", "美国二季度实际GDP年化季率修正为3.1%。", "3.1%", "实际GDP年化季率"),
    # a forecaster and its 预测/预计 say who expects the figure; a scope before 预计 stays (speaker-forecast-lead)
    ("forecaster-report-goes", "某投行分析报告预测伦敦铜价格将在四季度突破1.2万美元/吨。", "突破1.2万美元/吨", "伦敦铜价格"),
    ("forecaster-market-goes", "掉期市场预计美联储加息幅度超过50个基点。", "超过50个基点", "美联储加息幅度"),
    ("forecaster-management-goes", "该公司管理层预计营收为300亿元至320亿元。", "300亿元至320亿元", "营收"),
    # a since-phrase in or after a name goes (since-phrase-inside, since-phrase-tail)
    ("since-phrase-inside-goes", "该基金自成立以来的年均收益率达6.5%。", "6.5%", "基金年均收益率"),
    ("since-phrase-tail-goes", "沪铜主力合约自上月以来首次站上8万元/吨。", "站上8万元/吨", "沪铜主力合约"),
    # 短暂 (briefly) before a move is no part of the name (metric-trailing-brief)
    ("briefly-before-move-goes", "周三伦敦金一度短暂升破4100美元/盎司。", "升破4100美元/盎司", "伦敦金"),
    # the counted noun's own ends (metric.toml counted-noun-ends, counted-after-verb-de; s21-metric2)
    ("counted-ends-before-second-count", "港口停靠了十余艘货轮和数十架无人机。", "十余艘", "货轮"),
    ("counted-keeps-joined-nouns", "产品已出口到全球64个国家和地区。", "64个", "国家和地区"),
    ("counted-ends-at-locative", "双方在两三个核心条款上仍有分歧。", "两三个", "核心条款"),
    ("counted-ends-at-colon", "报告列出了三个主要风险：需求下滑、成本上升。", "三个", "主要风险"),
    ("counted-ends-at-number", "全市有12个行业实现两位数增长。", "12个", "行业"),
    ("counted-keeps-ordinal", "约有30万人接种了第三针疫苗。", "30万人", "接种了第三针疫苗"),
    ("counted-after-verb-object-de", "海关已扣下6艘运载走私燃油的货船。", "6艘", "货船"),
    ("counted-compound-before-de-stays", "专家对3例确诊病例的样本进行了测序。", "3例", "确诊病例"),
    ("counted-after-quoted-qualifier", "5个“金砖+”成员国宣布扩大合作。", "5个", "成员国"),
    ("counted-inside-quote-stays", "今年全省新培育120家专精特新“小巨人”企业。", "120家", "专精特新“小巨人”企业"),
    # a keyword set off by spaces (an rss page's link) is part of its phrase (metric.toml spaced-link-word)
    ("linked-word-inside-name", "国际油价走低，WTI原油 期货 价格一度下跌超5%。", "超5%", "WTI原油期货价格"),
    ("linked-word-is-the-name", "现货 黄金 涨0.5%；现货 白银 涨1.2%。", "1.2%", "现货白银"),
    ("title-space-still-breaks", "央行推出十项措施 设立3000亿元再贷款", "3000亿元", "再贷款"),
    ("comparison-after-de-is-no-noun", "1年期LPR为4.25%。与改革前最后一次报价的4.31%相比，下降6个基点。", "4.31%",
     None),
    # 累计 before a move's size is no verb: the price before it stays (metric.toml cumulative-move-heads)
    ("cumulative-move-keeps-price", "元旦以来，某原料价格累计涨幅超过70%。", "超过70%", "某原料价格"),
    ("cumulative-move-keeps-share-price", "该股股价累计涨幅已超过1600%。", "超过1600%", "股价"),
    # a known firm's move written as its size is its 股价 (metric.toml stock-move-size-of-clause); a good's is not
    ("stock-move-size-is-share-price", "截至收盘，贵州茅台跌幅扩大至5%。", "5%", "股价"),
    ("stock-move-size-with-ticker", "某某科技(ABCD.O)涨幅扩大至16%。", "16%", "股价"),
    ("move-size-of-a-good-keeps-its-name", "现货钯金涨幅达2%。", "2%", "现货钯金"),
    # a bare 金额 after a market's amount named in an earlier clause is that amount (metric.toml amount-bare-heads)
    ("bare-amount-takes-market-amount", "比亚迪净买入额排名第一，金额为8.8亿元。", "8.8亿元", "净买入额"),
    # a move's size right after a time: the price before the time moved (metric.toml time-split-moved-prices)
    ("time-split-move-keeps-price", "公司股价自今年3月以来涨幅达到20%。", "20%", "股价"),
    # an adverb tying the clause to the one before opens no name (real_text.toml lead-clause-adverb)
    ("lead-clause-adverb-goes", "若能保持这一速度，则公司门店总数将突破2000家。", "突破2000家", "公司门店总数"),
    ("bare-price-still-takes-fuller-price", "泛酸钙价格跳涨，最新价格由昨日的162元/公斤上涨至230元/公斤。", "162元/公斤",
     "泛酸钙价格"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_metric_of_figure(text, span, expected):
    figures = [f for f in analyze(text, published="2025-06-30").figures if f.text == span]
    assert len(figures) == 1, [f.text for f in analyze(text, published="2025-06-30").figures]
    if expected is None:
        assert figures[0].metric not in ("相比", "股价")
    else:
        assert figures[0].metric == expected


# undated items (no publication date, so no time expression is read as one): a year-to-date word inside a name
# still goes, a span of years stays (real_text.toml year-to-date-inside)
UNDATED_CASES = [
    ("bare-year-inside-goes", "北向资金年内净流入超过800亿元。", "超过800亿元", "北向资金净流入"),
    ("year-start-to-date-goes", "两市年初至今成交额已达210万亿元。", "210万亿元", "两市成交额"),
    ("since-phrase-before-move-goes", "黄金ETF持仓自今年3月以来净流出约120吨。", "约120吨", "黄金ETF持仓"),
    ("since-phrase-alone-takes-previous", "韩国核心通胀率约为2.1%，自去年9月以来持续高于2%。", "高于2%", "核心通胀率"),
    ("year-to-date-at-end-goes", "美元指数年内累计下跌逾9%。", "逾9%", "美元指数"),
    # a time expression bounds a name in an undated item too (figures.naming_times; s21-metric2)
    ("undated-month-range-goes", "去年1—11月全市规模以上工业企业利润同比增长18%。", "18%", "规模以上工业企业利润"),
    ("undated-month-before-statistic-goes", "该公司12月汽车销量8.2万辆。", "8.2万辆", "汽车销量"),
    ("undated-contract-month-stays", "WTI 3月原油期货收涨1.2%。", "1.2%", "WTI3月原油期货"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in UNDATED_CASES], ids=[c[0] for c in UNDATED_CASES])
def test_metric_of_undated_figure(text, span, expected):
    figures = [f for f in analyze(text).figures if f.text == span]
    assert [f.metric for f in figures] == [expected]
