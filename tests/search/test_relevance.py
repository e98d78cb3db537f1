"""Relevance as residents judge it: the judged catalogue (benchmarks/relevance/) on each engine must
stay at or above the figures recorded in floors.toml, for the tuning and the held-out queries."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.relevance import data, runner
from tests.search.engines import OPENSEARCH_URL, drop_indices, make_engine

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "opensearch"])
def engine(request):
    if request.param != "database":
        request.applymarker(pytest.mark.opensearch)
    engine, prefix = make_engine(request.param)
    yield engine
    if prefix:
        drop_indices(prefix)


def test_every_figure_stays_at_or_above_its_floor_and_the_held_out_part_meets_the_targets(engine):
    floors = data.floors()[engine.name]
    results = runner.measure(engine, splits=["tuning", "heldout"])
    for split, figures in results.items():
        assert runner.below_floor(figures, floors[split]) == [], (split, figures.as_dict())
    held_out = results["heldout"]
    assert held_out.queries >= 100
    assert held_out.recall_at_24 >= 0.95
    assert held_out.ndcg_at_10 >= 0.85
    assert held_out.zero_result_rate <= 0.02


def test_the_command_prints_each_figure_checks_the_floors_and_hides_held_out_failures():
    out = StringIO()
    call_command("search_relevance", engine="database", split="heldout", check=True, failures=10, stdout=out)
    header, row = out.getvalue().splitlines()[:2]
    assert header.split() == ["engine", "split", "queries", "recall@24", "NDCG@10", "zero"]
    assert row.split()[:2] == ["database", "heldout"]
    assert "weakest" not in out.getvalue()


@pytest.mark.opensearch
def test_the_command_measures_opensearch_and_leaves_no_index():
    engine, prefix = make_engine("opensearch")  # skips when the node is not running
    drop_indices(prefix)
    out = StringIO()
    call_command("search_relevance", engine="opensearch", url=OPENSEARCH_URL, split="tuning", stdout=out)
    assert out.getvalue().splitlines()[1].split()[:2] == ["opensearch", "tuning"]


def test_judgments_are_split_about_forty_percent_held_out():
    items = data.catalogue()
    everything = data.judgments(items, runner.category_paths())
    held_out = [j for j in everything if j.split == "heldout"]
    assert len(everything) >= 300 and 300 <= len(items) <= 1000
    assert 0.35 <= len(held_out) / len(everything) <= 0.45
    assert all(any(grade == 2 for grade in j.grades.values()) for j in everything)
