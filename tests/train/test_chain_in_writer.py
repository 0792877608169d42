"""The four phases chained end to end on tiny data: a real collection in Writer (an oracle
that succeeds and one that gives up), then plan SFT, imitation, exploration in Writer, the
reward model and PPO, each phase starting from the checkpoint the previous one wrote."""

import pytest
from rich.console import Console

from openlam.agent.prompt import PromptConfig
from openlam.data.collect import CollectConfig, collect
from openlam.data.execute import ExpertConfig
from openlam.data.experts import NoiseConfig
from openlam.data.instantiate import instantiate_library
from openlam.data.samples import StepSample, build_samples, sample_split
from openlam.eval.cli import model_config_for
from openlam.models.config import load_model
from openlam.records import read_jsonl
from openlam.train.config import TrainConfig
from openlam.train.explore import ExploreConfig, train_explore
from openlam.train.optimize import OptimizeConfig, optimize
from openlam.train.phases import train_imitate, train_plan
from openlam.train.reward import RewardModel, labelled_steps, train_reward

from .conftest import PLANS, build_tiny_model

pytestmark = pytest.mark.writer
QUIET = Console(quiet=True)


def expert_collection(folder):
    """Two tasks the oracle solves and two an expert that stops at once fails."""
    tasks = [
        t
        for t in instantiate_library(6, seed=0, families=["writer/bold-word-v1"])
        if t.instance and sample_split(t.instance.template, t.instance.split) == "train"
    ][:4]
    assert len(tasks) == 4
    gives_up = ExpertConfig(kind="noisy-oracle", noise=NoiseConfig(premature_finish=1.0))
    for expert, chunk in ((ExpertConfig(kind="oracle"), tasks[:2]), (gives_up, tasks[2:])):
        collect(CollectConfig(out_dir=folder, expert=expert, in_process=True), chunk, QUIET)
    results = collect(CollectConfig(out_dir=folder, in_process=True), [], QUIET)
    build_samples(
        results, folder / "trajectories", folder / "samples", PromptConfig(variant="compact")
    )
    return results


def test_phases_one_to_four_chain_on_tiny_data(plan_corpus, tmp_path):
    collection = tmp_path / "collect"
    results = expert_collection(collection)
    assert sorted(r.success for r in results) == [False, False, True, True]
    samples = collection / "samples" / "train.jsonl"
    texts = [m.content for s in read_jsonl(samples, StepSample) for m in s.messages]
    texts += [s.target for s in read_jsonl(samples, StepSample)]
    texts += [t + " " + " ".join(p) for t, p in PLANS]
    base = str(build_tiny_model(tmp_path / "base", texts, vocab_size=2000))
    config = TrainConfig(
        learning_rate=5e-3,
        epochs=2,
        batch_size=2,
        grad_accumulation=1,
        device="cpu",
        max_length=8192,
    )
    quiet = lambda _: None  # noqa: E731
    runs = tmp_path / "train"

    plan = train_plan(plan_corpus, base, runs / "plan", config, quiet)
    imitate = train_imitate(samples, str(runs / "plan"), runs / "imitate", config, quiet)
    explore_settings = ExploreConfig(
        collection=collection, attempts=1, max_steps=2, in_process=True, device="cpu",
        temperature=1.0,
    )  # fmt: skip
    explore = train_explore(
        samples, str(runs / "imitate"), runs / "explore", explore_settings, config, QUIET, quiet
    )
    attempts = runs / "explore" / "explore" / "attempt-1"
    reward = train_reward(
        [collection, attempts], str(runs / "explore"), runs / "reward",
        config.model_copy(update={"epochs": 1}), quiet,
    )  # fmt: skip
    failed = [s.example for s in labelled_steps([collection], "compact") if s.label < 0]
    ppo = optimize(
        failed,
        RewardModel(runs / "reward", device="cpu").score,
        str(runs / "explore"),
        runs / "optimize",
        OptimizeConfig(
            train=config.model_copy(update={"scheduler": "constant"}),
            samples_per_state=2, max_new_tokens=8, ppo_epochs=2, max_states=2,
        ),
        [collection / "results.jsonl"],
        quiet,
    )  # fmt: skip

    for meta in (plan, imitate, explore):
        assert meta.metrics["last_loss"] < meta.metrics["first_loss"]
    assert [imitate.start, explore.start, reward.start, ppo.start] == [
        str(runs / "plan"), str(runs / "imitate"), str(runs / "explore"), str(runs / "explore"),
    ]  # fmt: skip
    assert explore.metrics["failed_tasks"] == 2
    assert 0 <= explore.metrics["recovered_tasks"] <= 2
    assert reward.metrics["positive_steps"] > 0 and reward.metrics["negative_steps"] > 0
    assert ppo.metrics["batches"] == 1 and ppo.kind == "adapter"
    # The last checkpoint runs as any openlam model.
    model = load_model(model_config_for(str(runs / "optimize"), "cpu", None))
    assert model.generate(failed[0].messages, max_new_tokens=4).completion_tokens >= 1
