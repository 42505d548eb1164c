"""The metric rules (analyzer/rules/metric.toml): every row's example names its figure's metric as expected, by
that row (``Figure.explain``), and every condition, source and clean-up a row names exists."""
import pytest

from analyzer import rulebook
from analyzer.extract import metrics
from analyzer.pipeline import analyze

RULES = rulebook.rows("metric", "rule")
CLEANUPS = rulebook.rows("metric", "cleanup")
WORDS = rulebook.rows("metric", "words")


def _figure(row):
    figures = [f for f in analyze(row["example"], published=row.get("published", "2025-06-30")).figures
               if f.text == row["figure"]]
    assert len(figures) == 1, f"{row['id']}: {row['figure']!r} is not one figure of the example"
    return figures[0]


def test_every_row_has_an_id_an_example_a_figure_and_an_expected_metric():
    for row in [*RULES, *CLEANUPS]:
        assert row["id"] and row["example"] and row["figure"] and row["expect"], row
        assert row["figure"] in row["example"], row["id"]
    ids = [row["id"] for row in RULES]
    assert len(ids) == len(set(ids))


def test_every_row_compiles_to_known_conditions_and_sources():
    rules = metrics.metric_rules()
    assert [rule.id for rule in rules] == [row["id"] for row in RULES]
    assert rules[-1].cleanup, "the last rule, the phrase before the figure, cleans its name"


@pytest.mark.parametrize("row", RULES, ids=[row["id"] for row in RULES])
def test_rule_example_names_the_expected_metric_by_that_rule(row):
    figure = _figure(row)
    assert figure.metric == row["expect"]
    assert figure.explain["metric"]["rule"] == row["id"]


@pytest.mark.parametrize("row", CLEANUPS, ids=[row["id"] for row in CLEANUPS])
def test_cleanup_example_names_the_expected_metric(row):
    assert _figure(row).metric == row["expect"]


@pytest.mark.parametrize("row", WORDS, ids=[row["id"] for row in WORDS])
def test_word_list_example_holds_one_of_its_words(row):
    assert any(word in row["example"] for word in row["words"]), row["id"]


def test_a_row_with_an_unknown_source_fails_the_loader():
    with pytest.raises(rulebook.RuleFileError):
        metrics._compiled({"id": "x", "source": "no_such_source", "example": "e"}, metrics.SOURCES)
