"""The whole lifecycle in one command on tiny settings: the help pages, a real collection in
Writer, phases 1-4 on a tiny random model, offline, plan and online evaluation, the report; then
a second run that finds every stage up to date, and one that re-runs only what a changed
setting touches."""

import json

import pytest
from rich.console import Console

from openlam.agent.prompt import system_prompt
from openlam.data.experts import NoiseConfig
from openlam.envs.writer.actions import writer_action_space
from openlam.eval.report import load_report
from openlam.pipeline.config import (
    CollectStage,
    EvalStage,
    ExploreStage,
    PipelineConfig,
    PlansStage,
    TrainStage,
)
from openlam.pipeline.run import run_pipeline
from openlam.tasks.writer import registry
from openlam.train.checkpoint import read_meta
from openlam.train.config import TrainConfig
from openlam.train.optimize import OptimizeConfig

from ..train.conftest import PLANS, build_tiny_model

pytestmark = pytest.mark.writer
FAMILY = "writer/bold-word-v1"
# Only premature finishes; with this seed the held-out task succeeds, two training tasks
# succeed and at least one stops at once, so there are samples to test on and failures to
# explore and to learn a reward from.
NOISE = NoiseConfig(
    premature_finish=0.2, skipped_step=0, wrong_control=0, wrong_argument=0, seed=374
)


def tiny_base(folder):
    """A tiny random model whose tokenizer has seen the agent's prompt and the plans."""
    texts = [system_prompt("LibreOffice Writer", writer_action_space(), "compact")]
    texts += [i.request for i in registry.sample(FAMILY, 6, seed=0)]
    texts += [t + " " + " ".join(p) for t, p in PLANS]
    return str(build_tiny_model(folder, texts * 3, vocab_size=1000))


def tiny_train_stage(base: str, train: TrainConfig) -> TrainStage:
    """Every phase on a few examples, one short exploration and one PPO batch."""
    return TrainStage(
        base=base,
        device="cpu",
        plan=train,
        imitate=train,
        explore=ExploreStage(attempts=1, max_agent_steps=2, max_tasks=1, train=train),
        reward=train.model_copy(update={"epochs": 1}),
        optimize=OptimizeConfig(
            train=train.model_copy(update={"scheduler": "constant"}),
            samples_per_state=2,
            max_new_tokens=8,
            ppo_epochs=1,
            max_states=2,
        ),
    )


def tiny_config(tmp_path, base: str) -> PipelineConfig:
    train = TrainConfig(
        learning_rate=5e-3, epochs=2, batch_size=2, grad_accumulation=1, max_length=8192, limit=6
    )
    return PipelineConfig(
        title="tiny",
        out=tmp_path / "run",
        workers=1,
        in_process=True,
        plans=PlansStage(modules=["swriter"]),
        collect=CollectStage(per_family=5, families=[FAMILY], noise=NOISE),
        train=tiny_train_stage(base, train),
        eval=EvalStage(
            plans=3,
            online_per_family=1,
            online_families=[FAMILY],
            online_max_steps=2,
            max_new_tokens=16,
            traces_per_model=1,
        ),
    )


def test_pipeline_runs_end_to_end_then_skips_what_is_up_to_date(tmp_path):
    config = tiny_config(tmp_path, tiny_base(tmp_path / "base"))
    console = Console(record=True, width=200)
    html = run_pipeline(config, console)

    report = load_report(html.parent)
    policies = ["(base)", "LAM1", "LAM2", "LAM3", "LAM4"]
    phases = ["plan", "imitate", "explore", "reward", "optimize"]
    assert [r.phase for r in report.training] == phases
    runs = config.out / "train"
    starts = [read_meta(runs / p).start for p in phases[1:]]
    assert starts == [str(runs / p) for p in ("plan", "imitate", "explore", "explore")]
    assert read_meta(runs / "optimize").metrics["batches"] == 1
    for row in report.training[:3]:
        assert row.last_loss < row.first_loss
    explore = report.training[2].extra
    assert explore["failed_tasks"] >= 1 and 0 <= explore["recovered_tasks"] <= 1
    reward = report.training[3].extra
    assert reward["positive_steps"] > 0 and reward["negative_steps"] > 0
    assert [any(p in r.model for r in report.offline) for p in policies] == [True] * 5
    assert all(r.steps > 0 for r in report.offline)
    assert len(report.plans) == 2 and all(r.plans == 3 for r in report.plans)
    assert len(report.online) == 6 and report.online[-1].model.startswith("expert")
    assert all(r.tasks == 1 for r in report.online)
    assert report.traces and all(t.steps for t in report.traces)
    assert set(report.stage_seconds) >= {"plans", "collect", "train optimize", "eval online"}
    assert "LAM4 (optimize)" in html.read_text()

    again = Console(record=True, width=200)
    run_pipeline(config, again)
    assert again.export_text().count("up to date, skipped") == 10

    changed = config.model_copy(update={"eval": config.eval.model_copy(update={"plans": 2})})
    third = Console(record=True, width=200)
    run_pipeline(changed, third)
    log = third.export_text()
    assert log.count("up to date, skipped") == 7  # plans, collect, the five phases
    assert "[eval plans] inputs or settings changed" in log
    rows = [json.loads(line) for line in (config.out / "eval/plans/plans.jsonl").open()]
    assert all(r["plans"] == 2 for r in rows)


def test_a_config_with_a_misspelt_key_or_broken_yaml_is_refused(tmp_path):
    from openlam.pipeline.config import load_config

    (tmp_path / "typo.yaml").write_text("title: x\nwrkers: 2\n")
    (tmp_path / "broken.yaml").write_text("out: [1\n")
    for name, words in (("typo.yaml", "wrkers"), ("broken.yaml", "not valid YAML")):
        with pytest.raises(ValueError, match=words):
            load_config(tmp_path / name)
