"""The training skeleton on a one-layer model: an interrupted run resumes at its resume point
with the same history, another run's resume point is refused, and log.jsonl holds one line per
logged step."""

import json

import pytest

from openlam.train.checkpoint import TrainingError
from openlam.train.loop import LoopState, TrainLoop

TOTAL, SAVE, LOG = 7, 3, 2


class Interrupt(Exception):
    pass


def make_loop(out, fingerprint="k", log=lambda _: None):
    import torch

    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    return TrainLoop(
        model=model,
        optimizer=optimizer,
        scheduler=scheduler,
        out=out,
        fingerprint=fingerprint,
        total=TOTAL,
        save_steps=SAVE,
        log_steps=LOG,
        describe=lambda r: f"step {r['step']}/{TOTAL} loss {r['loss']:.4f}",
        log=log,
    )


def fit_step(loop):
    import torch

    def step(index, state):
        x = torch.arange(3.0) + index
        loss = (loop.model(x) - 1.0).pow(2).sum()
        loss.backward()
        loop.optimizer.step()
        loop.scheduler.step()
        loop.optimizer.zero_grad()
        state.extra["seen"] += 1
        return {"step": index + 1, "loss": loss.item()}

    return step


def interrupt_at_step_4(line):
    if line.startswith("step 4/"):
        raise Interrupt


def run(out, log=lambda _: None) -> LoopState:
    loop = make_loop(out, log=log)
    return loop.run(fit_step(loop), loop.resume({"seen": 0}))


def without_seconds(history):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in history]


def logged(out):
    return [json.loads(line) for line in (out / "log.jsonl").open()]


def test_an_interrupted_run_resumes_at_its_resume_point_with_the_same_history(tmp_path):
    whole = run(tmp_path / "a")
    with pytest.raises(Interrupt):
        run(tmp_path / "b", interrupt_at_step_4)
    lines = []
    loop = make_loop(tmp_path / "b", log=lines.append)
    saved = loop.resume({"seen": 0})
    assert lines == [f"resuming at step {SAVE} of {TOTAL}"]
    assert saved.step == SAVE and saved.extra == {"seen": SAVE}
    assert without_seconds(saved.history) == without_seconds(whole.history[:SAVE])
    resumed = loop.run(fit_step(loop), saved)
    assert resumed.step == TOTAL and resumed.extra == {"seen": TOTAL}
    assert [r["loss"] for r in resumed.history] == pytest.approx(
        [r["loss"] for r in whole.history], rel=1e-6
    )
    # Steps 4 (logged before the interruption) and after are logged once, not twice.
    assert [r["step"] for r in logged(tmp_path / "b")] == [2, 4, 6, 7]


def test_a_resume_point_of_another_run_is_refused(tmp_path):
    with pytest.raises(Interrupt):
        run(tmp_path, interrupt_at_step_4)
    with pytest.raises(TrainingError, match="interrupted run"):
        make_loop(tmp_path, fingerprint="other").resume({"seen": 0})


def test_log_has_one_line_per_logged_step_and_history_every_step(tmp_path):
    lines = []
    state = run(tmp_path, lines.append)
    assert len(state.history) == TOTAL and state.first_last("step") == (1, TOTAL)
    records = logged(tmp_path)
    assert [r["step"] for r in records] == [2, 4, 6, 7]  # every LOG steps, and the last
    assert records == [state.history[i - 1] for i in (2, 4, 6, 7)]
    assert all("seconds" in r for r in records)
    assert lines == [f"step {r['step']}/{TOTAL} loss {r['loss']:.4f}" for r in records]
