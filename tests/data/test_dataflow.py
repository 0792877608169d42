"""Instantiation, the noisy expert, and step samples, without the application."""

from openlam.data.execute import TaskResult
from openlam.data.experts import NoiseConfig, NoisyOracle
from openlam.data.instantiate import (
    family_for,
    instantiate_library,
    instantiate_plan,
)
from openlam.data.judge import agreement, parse_judgement
from openlam.data.plan_mining import TaskPlan
from openlam.data.samples import sample_split
from openlam.envs.fake import FakeWriterEnv
from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES


def plan(task: str, app: str = "writer") -> TaskPlan:
    return TaskPlan(
        task_id="writer_0001",
        app=app,
        task=task,
        plan=["Choose **X - Y**."],
        source="swriter/guide/x.html#h",
        page_title="X",
    )


def test_mined_tasks_map_to_the_family_that_checks_them_or_are_kept_with_a_reason():
    assert family_for("Insert text tables")[0] == "writer/insert-table-v1"
    assert family_for("Insert a manual page break")[0] == "writer/page-break-v1"
    assert family_for("Turn on protection")[0] is None
    done = instantiate_plan(plan("Insert text tables"))
    assert done.status == "instantiated" and done.instance.family == "writer/insert-table-v1"
    assert done.reference_plan == ["Choose **X - Y**."]
    kept = instantiate_plan(plan("Turn on protection"))
    assert kept.status == "filtered" and "no task family" in kept.reason
    other = instantiate_plan(plan("Apply advanced filters", app="calc"))
    assert other.status == "filtered" and "calc" in other.reason


def test_library_instances_keep_held_out_templates_with_test_phrasings():
    tasks = instantiate_library(5, families=["writer/bold-word-v1", "writer/landscape-v1"])
    assert len(tasks) == 10
    for task in tasks:
        held_out = task.instance.template in TEST_TEMPLATES
        assert held_out == (task.instance.split == "test")


def test_splits_never_mix_a_held_out_template_or_phrasing_into_training():
    def split(template: str, phrasing: str, app: str = "writer") -> str | None:
        fields = {"id": "t", "family": "f", "phrasing": 0, "request": "r", "source": "s"}
        result = TaskResult(
            **fields, app=app, template=template, split=phrasing, expert="oracle",
            success=True, reason="", steps=1, attempts=1, seconds={}, trajectory="t.jsonl",
        )  # fmt: skip
        return sample_split(result)

    assert split("letter", "train") == "train"
    assert split("invoice", "test") == "test"
    assert split("invoice", "train") is None
    assert split("letter", "test") is None
    # MiniWoB splits by page seed; every task is in both splits.
    assert split("click-button", "test", app="web") == "test"
    assert split("click-button", "train", app="web") == "train"


def test_the_noisy_oracle_errs_reproducibly_and_says_how():
    instance = registry.sample("writer/font-size-word-v1", 1, seed=3)[0]
    obs = FakeWriterEnv().reset()[0]
    noise = NoiseConfig(premature_finish=0, skipped_step=0, wrong_control=0, wrong_argument=1)
    expert = NoisyOracle(instance, noise)
    actions = [expert(obs) for _ in range(2)]
    assert expert.errors and expert.errors[0].startswith("wrong argument")
    again = NoisyOracle(instance, noise)
    assert [again(obs) for _ in range(2)] == actions
    quiet = NoisyOracle(
        instance, NoiseConfig(premature_finish=0, skipped_step=0, wrong_control=0, wrong_argument=0)
    )
    quiet(obs)
    assert quiet.errors == []


def test_judge_replies_and_agreement():
    assert parse_judgement('{"verdict": "YES", "reason": "bold"}').verdict == "yes"
    assert parse_judgement("looks fine to me").verdict == "unsure"
    stats = agreement([(True, "yes"), (False, "yes"), (False, "no"), (True, "unsure")])
    assert stats == {"n": 4, "agreement": 0.5, "unsure": 0.25}


def test_a_noisy_expert_lost_after_its_own_error_gives_up_but_a_lost_oracle_is_a_defect():
    import pytest

    from openlam.agent.scripted import ScriptedPolicy, on_control
    from openlam.records import Status

    instance = registry.sample("writer/bold-word-v1", 1, seed=3)[0]
    obs = FakeWriterEnv().reset()[0]
    expert = NoisyOracle(
        instance, NoiseConfig(premature_finish=0, skipped_step=0, wrong_control=0, wrong_argument=0)
    )
    expert.oracle = ScriptedPolicy([on_control("click_input", "No Such Control")])
    with pytest.raises(LookupError):
        expert(obs)
    expert.oracle.reset()
    expert.errors.append("skipped step")
    action = expert(obs)
    assert action.status == Status.FAIL and expert.errors[-1].startswith("gave up")


QUIET = NoiseConfig(premature_finish=0, skipped_step=0, wrong_control=0, wrong_argument=0)


def test_a_recovering_expert_makes_a_wrong_call_then_the_right_one():
    instance = registry.sample("writer/font-size-word-v1", 1, seed=3)[0]
    obs = FakeWriterEnv().reset()[0]
    right = NoisyOracle(instance, QUIET)
    expected = [right(obs) for _ in range(2)]
    expert = NoisyOracle(instance, QUIET.model_copy(update={"wrong_argument": 1, "recover": 1}))
    wrong = expert(obs)
    assert wrong.function == "select_text" and wrong.args != expected[0].args
    expert.noise = QUIET
    assert [expert(obs) for _ in range(2)] == expected
    assert expert.error_steps == [0] and expert.errors[0].startswith("wrong argument")


def test_a_recovering_expert_clicks_a_wrong_toggle_again_before_the_right_control():
    instance = registry.sample("writer/bold-word-v1", 1, seed=3)[0]
    obs = FakeWriterEnv().reset()[0]
    expert = NoisyOracle(instance, QUIET)
    assert expert(obs).function == "select_text"
    expert.noise = QUIET.model_copy(update={"wrong_control": 1, "recover": 1})
    wrong = expert(obs)
    assert wrong.control_name in ("Italic", "Underline", "Center Horizontally")
    expert.noise = QUIET
    undo, bold = expert(obs), expert(obs)
    assert (undo.function, undo.control_name) == ("click_input", wrong.control_name)
    assert bold.control_name == "Bold"
    assert expert.error_steps == [1]


def test_steps_the_expert_got_wrong_are_not_samples_but_their_corrections_are():
    from openlam.agent.prompt import PromptConfig
    from openlam.data.samples import step_samples
    from openlam.records import ActionResult, Shown, Step, Trajectory

    obs = FakeWriterEnv().reset()[0]
    shown = Shown(controls=[c.label for c in obs.controls])
    actions = [
        {"function": "select_text", "args": {"text": "intermediat"}},
        {"function": "select_text", "args": {"text": "intermediate"}},
        {"function": "set_edit_text", "args": {"text": "9"}, "control_label": "5"},
    ]
    steps = [
        Step(index=i, observation=obs, shown=shown, action=a, result=ActionResult(ok=True))
        for i, a in enumerate(actions)
    ]
    trajectory = Trajectory(id="t", app="writer", request="Make it 9 pt", steps=steps)
    result = TaskResult(
        id="t",
        family="writer/font-size-word-v1",
        template="letter",
        split="train",
        phrasing=0,
        request="Make it 9 pt",
        source="",
        expert="noisy-oracle",
        success=True,
        reason="",
        expert_error_steps=[0],
        steps=3,
        attempts=1,
        seconds={},
        trajectory="t.jsonl",
    )
    samples = step_samples(trajectory, result, PromptConfig())
    assert [s.step for s in samples] == [1, 2]
    assert '"intermediat"' in samples[0].messages[-1].content  # the mistake, in its history


def test_a_scripted_expert_that_finds_no_target_is_a_recorded_failure(monkeypatch, tmp_path):
    from openlam.agent.scripted import ScriptedPolicy, on_control
    from openlam.data import execute as execute_module

    instance = registry.sample("writer/bold-word-v1", 1, seed=3)[0]
    lost = ScriptedPolicy([on_control("click_input", "No Such Control")])
    monkeypatch.setattr(execute_module, "expert_policy", lambda *args: lost)
    config = execute_module.ExpertConfig(kind="oracle")
    with FakeWriterEnv() as env:
        result = execute_module.execute(env, instance, "library", config, tmp_path)
    assert not result.success and result.steps == 0
    assert result.reason.startswith("the expert stopped at step 1: no control named")


def test_a_collection_runs_in_rounds_over_families_with_both_splits_spread():
    from openlam.data.collect import interleave_families

    tasks = instantiate_library(10, families=["writer/bold-word-v1", "writer/italic-word-v1"])
    ordered = interleave_families(tasks)
    assert sorted(t.instance.id for t in ordered) == sorted(t.instance.id for t in tasks)
    families = [t.instance.family for t in ordered]
    assert families[:4] == ["writer/bold-word-v1", "writer/italic-word-v1"] * 2
    first_half = [t.instance.split for t in ordered[:10]]
    assert first_half.count("test") == 2
