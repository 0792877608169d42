"""The web lifecycle in one command on tiny settings: a real MiniWoB++ collection in Chromium,
phases 2-4 on a tiny random model (no help pages, so no phase 1), offline and online
evaluation on held-out seeds, the report."""

from rich.console import Console

from openlam.agent.prompt import system_prompt
from openlam.data.experts import NoiseConfig
from openlam.envs.web.actions import web_action_space
from openlam.eval.report import load_report
from openlam.pipeline.config import CollectStage, EvalStage, PipelineConfig
from openlam.pipeline.run import run_pipeline
from openlam.train.checkpoint import read_meta
from openlam.train.config import TrainConfig

from ..train.conftest import build_tiny_model
from .test_pipeline_in_writer import tiny_train_stage

TASKS = ["click-test", "click-button"]
# Premature finishes only: some training pages fail, for exploration and the reward model.
NOISE = NoiseConfig(
    premature_finish=0.3, skipped_step=0, wrong_control=0, wrong_argument=0, seed=11
)


def test_the_web_pipeline_runs_from_collection_to_the_report(tmp_path):
    texts = [system_prompt("a web page in Chromium", web_action_space(), "call")] * 3
    base = str(build_tiny_model(tmp_path / "base", texts, vocab_size=1000))
    train = TrainConfig(
        learning_rate=5e-3, epochs=1, batch_size=2, grad_accumulation=1, max_length=8192, limit=6
    )
    config = PipelineConfig(
        title="tiny web",
        app="web",
        out=tmp_path / "run",
        workers=1,
        in_process=True,
        collect=CollectStage(per_family=4, families=TASKS, noise=NOISE),
        train=tiny_train_stage(base, train),
        eval=EvalStage(
            plans=None,
            online_per_family=1,
            online_families=TASKS,
            online_max_steps=2,
            max_new_tokens=16,
            traces_per_model=1,
        ),
    )
    html = run_pipeline(config, Console(record=True, width=200))
    report = load_report(html.parent)
    assert [r.phase for r in report.training] == ["imitate", "explore", "reward", "optimize"]
    assert read_meta(config.out / "train" / "imitate").start == base
    assert not report.plans and not (config.out / "plans").exists()
    assert [r.model for r in report.online] == [
        f"{base} (base)",
        "LAM2 (imitate)",
        "LAM3 (explore)",
        "LAM4 (optimize)",
    ]
    assert all(r.tasks == len(TASKS) for r in report.online)
    ids = {line for line in (config.out / "collect" / "results.jsonl").read_text().splitlines()}
    assert any('"split":"test"' in line for line in ids)  # held-out seeds for offline steps
