"""s21-figs measure rows (analyzer/rules/measure.toml): firms acted on over a span are flows, losses with a scale
word are flows while a loss per share stays a price, and a bound that closes a 的-clause is a condition."""
from analyzer.pipeline import analyze


def _figure(text: str, span: str, published: str | None = None):
    figures = [f for f in analyze(text, published=published).figures if f.text == span]
    assert len(figures) == 1, [(f.text, f.measure) for f in analyze(text, published=published).figures]
    return figures[0]


def test_firms_acted_on_over_a_year_are_a_flow():
    text = "2021年，监管部门全年共依法约谈网站平台3000家，关闭违法网站1200家。"
    assert _figure(text, "3000家", "2022-01-30").measure == "flow"
    assert _figure(text, "1200家", "2022-01-30").measure == "flow"


def test_firms_held_over_a_year_stay_a_level():
    assert _figure("2021年，全国共有房企100家参与调查。", "100家", "2022-01-30").measure == "level"


def test_a_loss_with_a_scale_word_is_a_flow():
    assert _figure("公司因计提减值准备，预计导致的亏损为3.2亿元。", "3.2亿元").measure == "flow"


def test_a_loss_per_share_stays_a_price():
    assert _figure("公司第二季度每股亏损0.07美元，市场预期亏损0.04美元。", "0.04美元").measure == "rate"


def test_a_bound_closing_a_clause_is_a_condition():
    figure = _figure("凡年度净利润同比变动50%以上的，上市公司均须发布业绩预告。", "50%以上")
    assert (figure.measure, figure.comparison) == ("other", None)
