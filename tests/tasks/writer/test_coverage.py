"""The coverage table of the Writer help: rows, statuses, and the committed table in sync."""

from pathlib import Path

import pytest

from openlam.data.plan_corpus import DEFAULT_HELP_ROOT, PlanCorpusConfig, build_corpus
from openlam.data.plan_mining import TaskPlan
from openlam.tasks.writer import coverage
from openlam.tasks.writer.registry import families

COMMITTED = Path(__file__).parents[3] / "docs" / "writer-coverage.md"


def _plan(task_id: str, source: str, evolved_from: str | None = None) -> TaskPlan:
    return TaskPlan(
        task_id=task_id,
        app="writer",
        task=f"Do {task_id}",
        plan=["Choose **Format - Text**."],
        source=source,
        page_title="Page",
        evolved_from=evolved_from,
    )


class _Family:
    id = "writer/x-v1"
    help_sources = ("a.html#1",)
    expects_fail = False


def test_each_procedure_is_covered_not_coverable_or_left(monkeypatch):
    monkeypatch.setattr(coverage, "NOT_COVERABLE", {"b.html#2": coverage.SETTING})
    records = [
        _plan("w1", "a.html#1"),
        _plan("w1_chain", "a.html#1", evolved_from="w1"),
        _plan("w2", "b.html#2"),
        _plan("w3", "c.html#3"),
        _plan("w3_dup", "c.html#3"),
    ]
    rows = coverage.coverage(records, [_Family()])
    assert [(r.source, r.status) for r in rows] == [
        ("a.html#1", "covered"),
        ("b.html#2", "not coverable"),
        ("c.html#3", "left"),
    ]
    assert rows[0].families == ["writer/x-v1"] and rows[0].evolved == 1
    assert rows[1].reason == coverage.SETTING
    assert coverage.unknown_sources(rows, [_Family()]) == []
    assert "1 covered, 1 not coverable, 1 left" in coverage.markdown(rows)


needs_help = pytest.mark.skipif(
    not DEFAULT_HELP_ROOT.is_dir(), reason="the LibreOffice help is not installed"
)


@pytest.fixture(scope="module")
def rows():
    corpus = build_corpus(PlanCorpusConfig(evolve="offline"))
    return coverage.coverage([*corpus.mined, *corpus.evolved], list(families().values()))


@needs_help
def test_every_named_source_is_a_real_procedure_and_none_is_both(rows):
    library = list(families().values())
    assert coverage.unknown_sources(rows, library) == []
    # A family that does a procedure contradicts its reason; one that asks for it to teach
    # FAIL agrees with it.
    done = {s for f in library if not f.expects_fail for s in f.help_sources}
    assert not done & set(coverage.NOT_COVERABLE)
    failing = {s for f in library if f.expects_fail for s in f.help_sources}
    assert failing <= set(coverage.NOT_COVERABLE)


@needs_help
def test_the_committed_table_is_the_generated_one(rows):
    assert COMMITTED.read_text() == coverage.markdown(rows), (
        "regenerate it: openlam tasks coverage --out docs/writer-coverage.md"
    )
