"""The corpus end to end on the installed Writer help: files, links and stats."""

import json

import pytest

from openlam.data.plan_corpus import PlanCorpusConfig, build_corpus, write_corpus
from openlam.data.plan_mining import Dropped, TaskPlan
from openlam.records import read_jsonl


@pytest.fixture(scope="module")
def writer_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("plans")
    corpus = build_corpus(PlanCorpusConfig(modules=["swriter"], out_dir=out))
    return corpus, write_corpus(corpus, out), out


def test_writer_help_yields_well_over_a_hundred_records(writer_corpus):
    corpus, stats, _ = writer_corpus
    assert stats["mined"] > 150
    assert stats["mined_by_app"] == {"writer": stats["mined"]}
    assert stats["evolved"] > stats["mined"]
    assert sum(stats["drop_reasons"].values()) == stats["dropped"]
    assert (
        len({r.task_id for r in corpus.mined + corpus.evolved}) == stats["mined"] + stats["evolved"]
    )


def test_files_read_back_and_evolved_records_link_to_mined_ones(writer_corpus):
    corpus, stats, out = writer_corpus
    mined = read_jsonl(out / "mined.jsonl", TaskPlan)
    evolved = read_jsonl(out / "evolved.jsonl", TaskPlan)
    assert len(mined) == stats["mined"] and len(evolved) == stats["evolved"]
    assert {e.evolved_from for e in evolved} <= {m.task_id for m in mined}
    assert len(read_jsonl(out / "dropped.jsonl", Dropped)) == stats["dropped"]
    assert read_jsonl(out / "plans.jsonl", TaskPlan) == mined + evolved
    assert json.loads((out / "stats.json").read_text())["mined"] == stats["mined"]
    # One flat schema for every line, so `datasets.load_dataset("json")` infers one table.
    keys = {tuple(json.loads(line)) for line in (out / "evolved.jsonl").open()}
    keys |= {tuple(json.loads(line)) for line in (out / "mined.jsonl").open()}
    assert len(keys) == 1


def test_llm_evolution_needs_a_model(tmp_path):
    with pytest.raises(ValueError, match="needs a model"):
        build_corpus(PlanCorpusConfig(modules=["smath"], out_dir=tmp_path, evolve="llm"))


def test_llm_evolution_through_an_openai_compatible_endpoint(tmp_path):
    """The LLM evolver talks HTTP to our own OpenAI-compatible server; the model behind it
    replays one good variant and one that breaks the rules."""
    from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel
    from openlam.models.scripted import ScriptedModel
    from openlam.models.serve import serve

    good = json.dumps(
        {
            "task": "Insert a formula with the limits **0** and **n**",
            "plan": ["Choose **Insert - Object - Formula**.", "Type **sum from 0 to n**."],
        }
    )
    replies = [good, "I cannot do that."]
    with serve(ScriptedModel(replies, cycle=True)) as server:
        model = OpenAIChatModel(OpenAIChatConfig(base_url=server.url, model="scripted"))
        config = PlanCorpusConfig(modules=["smath", "schart"], out_dir=tmp_path, evolve="llm")
        corpus = build_corpus(config, model)
    assert len(corpus.mined) >= 2
    assert corpus.evolved and all(e.evolution == "llm" for e in corpus.evolved)
    assert corpus.evolved[0].task.startswith("Insert a formula")
    rejected = [d for d in corpus.dropped if d.reason.startswith("evolution")]
    assert rejected and len(corpus.evolved) + len(rejected) == len(corpus.mined)
