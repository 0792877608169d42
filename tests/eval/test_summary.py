"""Success over repeated episodes, read from a results file that may still be written."""

import pytest

from openlam.data.execute import TaskResult
from openlam.eval.summary import miniwob_groups, read_results, summarize, summarize_groups


def result(task: str, seed: int, success: bool, steps: int = 2) -> TaskResult:
    return TaskResult(
        id=f"miniwob/{task}:{seed}", app="web", family=f"miniwob/{task}", template=task,
        split="test", phrasing=0, request="do it", source="eval", expert="model",
        success=success, reason="", steps=steps, attempts=1, seconds={}, trajectory="t.jsonl",
    )  # fmt: skip


def test_a_torn_last_line_is_left_out_and_the_file_left_alone(tmp_path):
    path = tmp_path / "results.jsonl"
    lines = [result("click-button", s, s % 2 == 0).model_dump_json() for s in range(3)]
    text = "\n".join(lines) + "\n" + lines[0][:40]
    path.write_text(text)
    assert [r.id for r in read_results(path)] == [f"miniwob/click-button:{s}" for s in range(3)]
    assert path.read_text() == text


def test_an_invalid_complete_line_is_named(tmp_path):
    path = tmp_path / "results.jsonl"
    path.write_text(result("click-button", 1, True).model_dump_json() + "\n{}\n")
    with pytest.raises(ValueError, match=r"results\.jsonl:2: not a valid TaskResult"):
        read_results(path)


def test_success_is_over_every_episode_with_its_standard_error():
    results = [result("click-button", s, s < 4) for s in range(5)]  # 4 of 5
    results += [result("draw-line", s, False, steps=4) for s in range(5)]  # 0 of 5
    summary = summarize("all", results)
    assert (summary.tasks, summary.episodes, summary.succeeded) == (2, 10, 4)
    assert summary.success_rate == 40.0
    assert summary.std_error == pytest.approx(15.5, abs=0.05)  # sqrt(.4 * .6 / 10)
    assert summary.steps_per_episode == 3.0
    assert [(t.family, t.succeeded) for t in summary.by_task] == [
        ("miniwob/click-button", 4),
        ("miniwob/draw-line", 0),
    ]
    groups = summarize_groups(results, miniwob_groups(results))
    assert [(g.group, g.success_rate) for g in groups] == [
        ("all", 40.0),
        ("with a scripted expert", 80.0),
        ("without one", 0.0),
    ]


def test_the_cli_prints_the_groups(tmp_path):
    from typer.testing import CliRunner

    from openlam.cli import app

    path = tmp_path / "results.jsonl"
    path.write_text("".join(result("click-button", s, True).model_dump_json() + "\n" for s in "ab"))
    out = CliRunner().invoke(app, ["eval", "summary", str(path), "--by-task"])
    assert out.exit_code == 0, out.output
    assert "with a scripted" in out.output and "miniwob/click-button" in out.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    out = CliRunner().invoke(app, ["eval", "summary", str(empty)])
    assert out.exit_code != 0 and "no results" in out.output
    out = CliRunner().invoke(app, ["eval", "summary", str(path), str(path)])
    assert out.exit_code != 0 and "recorded twice" in out.output
